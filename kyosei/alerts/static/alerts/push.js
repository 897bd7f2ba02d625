// Web Push subscription for disaster alerts: asks for permission only when the resident
// presses the button, then sends the browser's PushSubscription with the form's choices.
// Every failure ends in a message and the email field: a resident who believes they are
// subscribed when they are not would miss the next tsunami warning.
(function () {
  "use strict";
  const form = document.getElementById("alerts-subscribe");
  const button = document.getElementById("alerts-push");
  const status = document.getElementById("alerts-push-status");
  if (!form || !button || !status || !("serviceWorker" in navigator) || !("PushManager" in window)) return;
  button.hidden = false;
  // When the push service cannot be reached, Chromium's subscribe() neither resolves nor
  // fails (it keeps retrying its registration); the resident needs an answer and the email
  // alternative instead of a button that does nothing.
  const SUBSCRIBE_TIMEOUT_MS = 20000;

  function keyBytes(base64url) {
    const padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }

  function checked(name) {
    return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked')).map((i) => i.value);
  }

  // A subscription that arrives after we gave up is dropped, or the browser would hold one
  // the server never stored.
  function subscribeWithin(pushManager, options, ms) {
    return new Promise((resolve, reject) => {
      let late = false;
      const timer = setTimeout(() => { late = true; reject(new Error("timed out")); }, ms);
      pushManager.subscribe(options).then((subscription) => {
        clearTimeout(timer);
        if (late) subscription.unsubscribe().catch(() => {});
        else resolve(subscription);
      }, (error) => { clearTimeout(timer); reject(error); });
    });
  }

  // The email subscription in the same form is the alternative: take the resident there.
  function offerEmail(message) {
    status.textContent = message;
    status.dataset.state = "failed";
    const email = form.querySelector('[name="email"]');
    if (email) {
      email.scrollIntoView({block: "center"});
      email.focus();
    }
  }

  async function save(subscription) {
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
    const data = await response.json().catch(() => ({}));
    return response.ok && data.ok === true;
  }

  button.addEventListener("click", async () => {
    button.disabled = true;
    status.dataset.state = "working";
    status.textContent = "";
    let subscription = null;
    try {
      await navigator.serviceWorker.register("/sw.js", {scope: "/"});
      const permission = await Notification.requestPermission();
      if (permission !== "granted") { offerEmail(status.dataset.denied); return; }
      // subscribe() needs an active worker, which a first registration does not have yet.
      const registration = await navigator.serviceWorker.ready;
      subscription = await subscribeWithin(registration.pushManager, {
        userVisibleOnly: true,
        applicationServerKey: keyBytes(form.dataset.vapidKey),
      }, SUBSCRIBE_TIMEOUT_MS);
      if (await save(subscription)) {
        status.textContent = status.dataset.ok;
        status.dataset.state = "ok";
        return;
      }
      throw new Error("not saved");
    } catch (error) {
      // A browser subscription the server does not know would only ever receive nothing.
      if (subscription) await subscription.unsubscribe().catch(() => {});
      offerEmail(status.dataset.failed);
    } finally {
      button.disabled = false;
    }
  });
})();
