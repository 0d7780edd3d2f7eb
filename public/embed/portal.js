// The mock portal's script: a login stub that hands the widget the portal's token and prefills
// (and locks) what the portal knows about the user, a log of the widget's events, and a second
// widget mounted from code. A real portal does the same with its own login and records.
const widget = document.getElementById("declaration");
const log = document.getElementById("portal-events");

const EVENTS = ["zc-ready", "zc-step-change", "zc-draft-saved", "zc-validity-change", "zc-submitted", "zc-submit-failed", "zc-error"];
for (const name of EVENTS) {
  document.addEventListener(name, (event) => {
    const item = document.createElement("li");
    item.textContent = `${name} ${JSON.stringify(event.detail)}`;
    item.dataset.event = name;
    log.append(item);
  });
}

// The portal's login: a real portal has its own; the demo's token is whatever
// `window.portalToken` holds (the tests put a signed one there), sent as a bearer token.
const DEMO_USER = { name: "张三", idType: "居民身份证", idNumber: "440305198506151233", employer: "深圳市第二人民医院" };
function logIn() {
  document.getElementById("portal-user").textContent = `${DEMO_USER.name}（已登录）`;
  widget.headers = () => (window.portalToken ? { Authorization: `Bearer ${window.portalToken}` } : {});
  const { employer, ...vouched } = DEMO_USER;
  widget.setAnswers(vouched, { locked: true });
  widget.setAnswers({ employer });
}
document.getElementById("portal-login").addEventListener("click", logIn);

document.getElementById("portal-second").addEventListener("click", () => {
  window.ZhichengForm.mount(document.getElementById("portal-more"), { form: "dg-title-review" });
});
