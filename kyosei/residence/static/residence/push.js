// Web Push reminders of My residence: asks for permission only when the resident presses the
// button, then posts the same form (the deadlines are worked out again on the server, nothing
// is kept but the reminders) with the browser's PushSubscription. On any failure the email
// field is offered instead.
(function () {
  "use strict";
  const button = document.getElementById("residence-push");
  const status = document.getElementById("residence-push-status");
  const form = button ? button.form : null;
  if (!form || !status || !("serviceWorker" in navigator) || !("PushManager" in window)) return;
  button.hidden = false;
  const note = document.getElementById("residence-push-note");
  if (note) note.hidden = false;

  function keyBytes(base64url) {
    const padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }

  function offerEmail(message) {
    status.textContent = message;
    status.dataset.state = "failed";
    const email = form.querySelector('[name="email"]');
    if (email) email.focus();
  }

  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "";
    let subscription = null;
    try {
      await navigator.serviceWorker.register("/sw.js", {scope: "/"});
      if (await Notification.requestPermission() !== "granted") { offerEmail(status.dataset.denied); return; }
      const registration = await navigator.serviceWorker.ready;
      subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(button.dataset.vapidKey),
      });
      const body = new FormData(form);
      body.set("subscription", JSON.stringify(subscription.toJSON()));
      const response = await fetch(button.dataset.pushUrl, {method: "POST", body: body});
      const data = await response.json().catch(() => ({}));
      if (!response.ok || data.ok !== true) throw new Error("not saved");
      status.textContent = status.dataset.ok;
      status.dataset.state = "ok";
    } catch (error) {
      offerEmail(status.dataset.failed);
    } finally {
      button.disabled = false;
    }
  });
})();
