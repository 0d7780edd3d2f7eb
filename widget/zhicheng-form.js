// The embeddable widget: defines <zhicheng-form> and window.ZhichengForm for a portal's page
// (docs/embedding.md). Loaded as a module, it fetches the app's WebAssembly from the folder it
// came from, once per page, and mounts one copy of the app in each element's shadow root, so the
// portal's CSS and the form's never meet. The build writes the app's file names in below.
const FILES = /*widget-files*/ { js: "zhicheng.js", wasm: "zhicheng_bg.wasm", css: "widget.css" };
const HERE = new URL(".", import.meta.url).href;
// The app's own files (forms/, reports/, calendar/, catalog.json) sit one folder up, beside the
// standalone app, unless the host names another `base-url`.
const APP_FILES = new URL("..", import.meta.url).href;
const ATTRIBUTES = ["form", "endpoint", "draft", "lang", "base-url", "readonly", "mode"];

let app = null;
// The app's WebAssembly, started once for every widget on the page.
function startApp() {
  if (!app) {
    app = import(HERE + FILES.js).then(async (glue) => {
      await glue.default({ module_or_path: HERE + FILES.wasm });
      return glue;
    });
  }
  return app;
}

class ZhichengFormElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #handle = null;
  #mounting = null;
  #queued = [];
  /** Returns (or promises) headers for each request to the backend, e.g. the portal's login. */
  headers = null;

  connectedCallback() {
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: "open" });
      const sheet = document.createElement("link");
      sheet.rel = "stylesheet";
      sheet.href = HERE + FILES.css;
      shadow.append(sheet);
    }
    this.#mount();
  }

  disconnectedCallback() {
    this.#unmount();
  }

  attributeChangedCallback(name, before, now) {
    // A different form, draft or backend is a different widget: mount again.
    if (before !== now && this.isConnected && (this.#handle || this.#mounting)) {
      this.#unmount();
      this.#mount();
    }
  }

  #options() {
    const lang = this.getAttribute("lang");
    if (lang && !/^zh(-CN|-Hans)?$/i.test(lang)) console.warn(`zhicheng-form: 暂只提供简体中文界面（lang="${lang}"）`);
    const value = (name) => this.getAttribute(name) || undefined;
    return {
      form: value("form"),
      endpoint: value("endpoint"),
      draft: value("draft"),
      baseUrl: new URL(this.getAttribute("base-url") || APP_FILES, document.baseURI).href,
      readonly: this.hasAttribute("readonly"),
      // "training": 演示与培训, with its own storage and nothing ever sent.
      mode: value("mode"),
    };
  }

  #mount() {
    const shadow = this.shadowRoot;
    const container = document.createElement("div");
    container.className = "zc-app";
    container.setAttribute("part", "app");
    shadow.append(container);
    const sheet = shadow.querySelector("link");
    const styled = sheet.sheet ? Promise.resolve() : new Promise((done) => {
      sheet.addEventListener("load", done, { once: true });
      sheet.addEventListener("error", done, { once: true });
    });
    const emit = (name, detail) => this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    const headers = () => (typeof this.headers === "function" ? this.headers() : this.headers);
    const mounting = Promise.all([startApp(), styled]).then(([glue]) => {
      if (this.#mounting !== mounting) return; // removed meanwhile
      this.#handle = glue.mountWidget(shadow, container, this.#options(), emit, headers);
      for (const [answers, locked] of this.#queued.splice(0)) this.#handle.setAnswers(answers, locked);
    });
    mounting.catch((error) => emit("zc-error", { message: `职称申报组件未能加载：${error?.message ?? error}` }));
    this.#mounting = mounting;
  }

  #unmount() {
    this.#mounting = null;
    this.#handle?.destroy();
    this.#handle?.free();
    this.#handle = null;
    this.shadowRoot?.querySelector(".zc-app")?.remove();
  }

  async #ready() {
    await this.#mounting;
    if (!this.#handle) throw new Error("职称申报组件不在页面中（尚未放入或已移除）");
    return this.#handle;
  }

  /** The open draft: { draftId, formId, formVersion, answers, step, finished }. */
  async getDraft() { return (await this.#ready()).getDraft(); }
  /** Prefills answers from the portal's records; `locked` ones cannot be changed by the applicant. */
  async setAnswers(answers, { locked = false } = {}) {
    if (!this.#handle) {
      this.#queued.push([answers, locked]);
      return;
    }
    this.#handle.setAnswers(answers, locked);
  }
  /** Every problem: { valid, errors, warnings, problems: [{ field, step, severity, message }] }. */
  async validate() { return (await this.#ready()).validate(); }
  /** Moves to a step (its id), "materials" or "review". */
  async goTo(step) { (await this.#ready()).goTo(step); }
  /** For a unit's review form: opens the decision on the applicant's 导出申报包 file (a Blob/File,
   *  ArrayBuffer or Uint8Array); resolves once it is open. */
  async reviewPackage(file) { return (await this.#ready()).reviewPackage(file); }
  /** Finishes and submits the declaration; resolves with the package id. */
  async submit() { return (await this.#ready()).submit(); }
  /** Removes the widget from the page. */
  destroy() { this.remove(); }
}

if (!customElements.get("zhicheng-form")) customElements.define("zhicheng-form", ZhichengFormElement);

/** For pages built in code: mounts a <zhicheng-form> in `el` and returns it as the handle. */
function mount(el, options = {}) {
  const widget = document.createElement("zhicheng-form");
  const { headers, prefill, ...attributes } = options;
  for (const [name, value] of Object.entries(attributes)) {
    const attribute = name.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
    if (!ATTRIBUTES.includes(attribute)) throw new Error(`ZhichengForm.mount: 未知选项 ${name}`);
    if (value === true) widget.setAttribute(attribute, "");
    else if (value != null && value !== false) widget.setAttribute(attribute, String(value));
  }
  if (headers) widget.headers = headers;
  if (prefill) widget.setAnswers(prefill.answers ?? {}, { locked: !!prefill.locked });
  el.append(widget);
  return widget;
}

globalThis.ZhichengForm = Object.freeze({ mount });
export { mount };
