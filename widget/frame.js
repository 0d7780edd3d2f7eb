// Iframe mode, the framed side: mounts the widget when the portal's page says which form, passes
// its events up, answers the portal's calls and tells the portal its height. Only the page that
// frames this one may talk to it: its origin (which the server's CSP `frame-ancestors` has
// already checked, or the page would not be framed) is the only one heard and written to.
const CALLS = ["setAnswers", "getDraft", "validate", "goTo", "submit", "reviewPackage"];
const EVENTS = ["zc-ready", "zc-step-change", "zc-draft-saved", "zc-validity-change", "zc-submitted", "zc-submit-failed", "zc-error"];
const MAX_MESSAGE_CHARS = 1_000_000;

const host = window.parent !== window ? (location.ancestorOrigins?.[0] ?? new URLSearchParams(location.search).get("host")) : null;
document.body.style.margin = "0";

if (!host) {
  const notice = document.createElement("p");
  notice.textContent = "此页面供门户网站嵌入使用，请从门户网站打开职称申报。";
  document.body.append(notice);
} else {
  let widget = null;
  let headers = {};
  const tell = (message) => window.parent.postMessage(message, host);

  const mount = (options) => {
    if (widget) return;
    widget = document.createElement("zhicheng-form");
    for (const name of ["form", "endpoint", "draft"]) {
      if (typeof options?.[name] === "string" && options[name]) widget.setAttribute(name, options[name]);
    }
    if (options?.readonly === true) widget.setAttribute("readonly", "");
    widget.headers = () => headers;
    for (const name of EVENTS) widget.addEventListener(name, (event) => tell({ type: "zc-event", name, detail: event.detail }));
    document.body.append(widget);
  };

  const answer = async ({ id, method, args }) => {
    try {
      if (!widget) throw new Error("表单尚未挂载");
      if (!CALLS.includes(method) || !Array.isArray(args)) throw new Error(`不支持的调用：${String(method)}`);
      tell({ type: "zc-result", id, ok: true, value: await widget[method](...args) });
    } catch (error) {
      tell({ type: "zc-result", id, ok: false, error: String(error?.message ?? error) });
    }
  };

  window.addEventListener("message", (event) => {
    // Only the framing page, from its own origin; anything else is not ours to hear.
    if (event.source !== window.parent || event.origin !== host) return;
    const message = event.data;
    if (typeof message !== "object" || message === null || JSON.stringify(message).length > MAX_MESSAGE_CHARS) return;
    if (message.type === "zc-mount") mount(message.options);
    else if (message.type === "zc-headers" && typeof message.headers === "object") headers = { ...message.headers };
    else if (message.type === "zc-call") answer(message);
  });

  // The portal sizes the frame to the form, so the page scrolls, not the frame.
  let height = 0;
  new ResizeObserver(() => {
    const now = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (now !== height) tell({ type: "zc-resize", height: (height = now) });
  }).observe(document.documentElement);
  tell({ type: "zc-frame-ready" });
}
