// Web Push subscription for disaster alerts: asks for permission only when the resident
// presses the button, then sends the browser's PushSubscription with the form's choices.
(function () {
  "use strict";
  const form = document.getElementById("alerts-subscribe");
  const button = document.getElementById("alerts-push");
  const status = document.getElementById("alerts-push-status");
  if (!form || !button || !("serviceWorker" in navigator) || !("PushManager" in window)) return;
  button.hidden = false;

  function keyBytes(base64url) {
    const padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }

  function checked(name) {
    return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked')).map((i) => i.value);
  }

  button.addEventListener("click", async () => {
    try {
      const registration = await navigator.serviceWorker.register("/sw.js");
      const permission = await Notification.requestPermission();
      if (permission !== "granted") { status.textContent = status.dataset.denied; return; }
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(form.dataset.vapidKey),
      });
      const intensity = form.querySelector('[name="min_intensity"]');
      const drills = form.querySelector('[name="include_drills"]');
      const response = await fetch(form.dataset.pushUrl, {
        method: "POST",
        headers: {"Content-Type": "application/json", "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value},
        body: JSON.stringify({
          subscription: subscription.toJSON(),
          codes: checked("codes"),
          hazards: checked("hazards"),
          min_intensity: intensity ? Number(intensity.value) : 4,
          include_drills: drills ? drills.checked : false,
        }),
      });
      status.textContent = response.ok ? status.dataset.ok : status.dataset.failed;
    } catch (error) {
      status.textContent = status.dataset.failed;
    }
  });
})();
