// Iframe mode, the portal's side (docs/embedding.md): `ZhichengFrame.mount(el, options)` puts
// the widget's frame page in an <iframe>, sizes it to its content, and gives the same handle as
// the script widget: setAnswers, getDraft, validate, goTo, submit, reviewPackage, destroy, plus setHeaders for
// the portal's login; the widget's events arrive as the same `zc-*` CustomEvents on the iframe.
// Messages are taken only from that iframe's window and origin, and sent only to its origin.
function mount(el, { src, headers, ...options } = {}) {
  if (!src) throw new Error("ZhichengFrame.mount: 需要 src（组件 frame.html 的地址）");
  const url = new URL(src, document.baseURI);
  url.searchParams.set("host", location.origin);
  const origin = url.origin;
  const frame = document.createElement("iframe");
  frame.src = url.href;
  frame.title = "职称申报";
  frame.style.cssText = "display:block;width:100%;border:0;min-height:480px";
  const pending = new Map();
  let next = 0;
  // Until the frame says it listens, messages wait here, in order.
  let waiting = [];
  const post = (message) => frame.contentWindow?.postMessage(message, origin);
  const send = (message) => (waiting ? waiting.push(message) : post(message));
  const listener = (event) => {
    if (event.source !== frame.contentWindow || event.origin !== origin) return;
    const message = event.data ?? {};
    if (message.type === "zc-frame-ready") {
      clearTimeout(gaveUp);
      if (headers) post({ type: "zc-headers", headers });
      post({ type: "zc-mount", options });
      for (const queued of waiting ?? []) post(queued);
      waiting = null;
    } else if (message.type === "zc-resize" && Number.isFinite(message.height)) {
      frame.style.height = `${message.height}px`;
    } else if (message.type === "zc-event" && typeof message.name === "string" && message.name.startsWith("zc-")) {
      frame.dispatchEvent(new CustomEvent(message.name, { detail: message.detail, bubbles: true }));
    } else if (message.type === "zc-result" && pending.has(message.id)) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) resolve(message.value);
      else reject(new Error(message.error));
    }
  };
  window.addEventListener("message", listener);
  // A frame refused by the widget's server (its CSP frame-ancestors does not name this portal)
  // or never loaded says nothing: after a while, say so, and stop waiting.
  const gaveUp = setTimeout(() => {
    if (!waiting) return;
    const message = "职称申报组件未能加载：网络不通，或组件的服务器未允许本站嵌入（frame-ancestors）。";
    frame.dispatchEvent(new CustomEvent("zc-error", { detail: { message }, bubbles: true }));
    for (const { reject } of pending.values()) reject(new Error(message));
    pending.clear();
  }, 15000);
  const call = (method, ...args) => new Promise((resolve, reject) => {
    const id = ++next;
    pending.set(id, { resolve, reject });
    send({ type: "zc-call", id, method, args });
  });
  el.append(frame);
  return Object.assign(frame, {
    setAnswers: (answers, { locked = false } = {}) => call("setAnswers", answers, { locked }),
    getDraft: () => call("getDraft"),
    validate: () => call("validate"),
    goTo: (step) => call("goTo", step),
    submit: () => call("submit"),
    reviewPackage: (file) => call("reviewPackage", file),
    setHeaders: (value) => send({ type: "zc-headers", headers: value }),
    destroy: () => {
      clearTimeout(gaveUp);
      window.removeEventListener("message", listener);
      for (const { reject } of pending.values()) reject(new Error("职称申报组件已移除"));
      frame.remove();
    },
  });
}

globalThis.ZhichengFrame = Object.freeze({ mount });
export { mount };
