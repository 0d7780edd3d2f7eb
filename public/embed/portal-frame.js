// The mock portal in iframe mode: mounts the widget's frame with ZhichengFrame, logs its events,
// and on 模拟登录 hands it the portal's token and prefills (and locks) what the portal knows.
const slot = document.getElementById("portal-slot");
const log = document.getElementById("portal-events");
const options = { src: new URL(slot.dataset.widget, location.href).href, form: slot.dataset.form };
if (slot.dataset.endpoint) options.endpoint = slot.dataset.endpoint;
const widget = window.ZhichengFrame.mount(slot, options);

for (const name of ["zc-ready", "zc-step-change", "zc-draft-saved", "zc-validity-change", "zc-submitted", "zc-submit-failed", "zc-error"]) {
  widget.addEventListener(name, (event) => {
    const item = document.createElement("li");
    item.textContent = `${name} ${JSON.stringify(event.detail)}`;
    item.dataset.event = name;
    log.append(item);
  });
}

document.getElementById("portal-login").addEventListener("click", async () => {
  document.getElementById("portal-user").textContent = "张三（已登录）";
  if (window.portalToken) widget.setHeaders({ Authorization: `Bearer ${window.portalToken}` });
  await widget.setAnswers({ name: "张三", idType: "居民身份证", idNumber: "440305198506151233" }, { locked: true });
  await widget.setAnswers({ employer: "深圳市第二人民医院" });
});
