{% autoescape off %}// Kyosei service worker: keeps the shell and visited pages readable offline.
const VERSION = "kyosei-v1";
const SHELL = ["{{ static_url }}kyosei/kyosei.css", "{{ static_url }}kyosei/kyosei.js", "{{ static_url }}kyosei/htmx.min.js", "{{ static_url }}kyosei/icon.svg"];
const OFFLINE = {{ offline_urls }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL.concat(OFFLINE))).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k)))).then(() => self.clients.claim()));
});

function offlinePageFor(url) {
  const lang = new URL(url).pathname.split("/")[1];
  return OFFLINE.find((u) => u.split("/")[1] === lang) || OFFLINE[0];
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.includes("/staff/") || url.pathname.includes("/account/") || url.pathname.startsWith("/admin/")) return;
  if (url.pathname.startsWith("{{ static_url }}")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => {
      const copy = response.clone();
      caches.open(VERSION).then((cache) => cache.put(request, copy));
      return response;
    })));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then((response) => {
      if (response.ok) { const copy = response.clone(); caches.open(VERSION).then((cache) => cache.put(request, copy)); }
      return response;
    }).catch(() => caches.match(request).then((hit) => hit || caches.match(offlinePageFor(request.url)))));
  }
});
{% endautoescape %}
