// Guide tools: print, share and "save for offline" appear only when the browser can do them.
document.addEventListener("DOMContentLoaded", () => {
  const print = document.querySelector(".guide-print");
  if (print) { print.hidden = false; print.addEventListener("click", () => window.print()); }
  const share = document.querySelector(".guide-share");
  if (share && navigator.share) {
    share.hidden = false;
    share.addEventListener("click", () => {
      navigator.share({ title: share.dataset.title, url: share.dataset.url }).catch(() => {});
    });
  }
  const offline = document.querySelector(".guide-offline");
  if (offline && "serviceWorker" in navigator && window.isSecureContext) {
    const button = offline.querySelector("button");
    const status = offline.querySelector(".guide-offline-status");
    offline.hidden = false;
    button.addEventListener("click", () => {
      status.textContent = button.dataset.saving;
      fetch(button.dataset.manifest, { credentials: "same-origin" })
        .then((r) => r.json())
        .then((manifest) => navigator.serviceWorker.ready.then((reg) => new Promise((resolve, reject) => {
          // The service worker stores the pages and answers on a private channel.
          const channel = new MessageChannel();
          channel.port1.onmessage = (event) => (event.data && event.data.ok ? resolve() : reject());
          reg.active.postMessage({ type: "kyosei-cache-urls", urls: manifest.urls }, [channel.port2]);
        })))
        .then(() => { status.textContent = button.dataset.saved; })
        .catch(() => { status.textContent = button.dataset.failed; });
    });
  }
});
