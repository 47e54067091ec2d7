(() => {
  "use strict";
  const id = "briefgen-error-overlay";
  const show = (message) => {
    let box = document.getElementById(id);
    if (!box) {
      box = document.createElement("div");
      box.id = id;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
      const title = document.createElement("p");
      title.textContent = "briefgen: the last save did not build (still showing the last good build)";
      title.style.cssText = "color:#ff8a80;font-weight:bold;margin:0 0 1rem";
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      box.append(title, pre);
      document.body.append(box);
    }
    box.querySelector("pre").textContent = message;
  };
  const hide = () => document.getElementById(id)?.remove();
  const events = new EventSource("/__briefgen/events");
  events.addEventListener("ok", hide);
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("build-error", (e) => show(JSON.parse(e.data).message));
})();
