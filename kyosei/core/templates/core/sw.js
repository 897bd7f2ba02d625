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

// The guide's "save for offline" button sends the pages of one language to store (same origin only).
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "kyosei-cache-urls" || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === "string" && u.startsWith("/") && !u.startsWith("//"));
  const reply = (ok) => event.ports[0] && event.ports[0].postMessage({ ok });
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(urls)).then(() => reply(true), () => reply(false)));
});

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
// Disaster alerts (kyosei.alerts): one notification per tag, so a repeated push replaces it.
self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {title: event.data ? event.data.text() : ""}; }
  event.waitUntil(self.registration.showNotification(data.title || "Kyosei", {
    body: data.body || "", tag: data.tag || undefined, lang: data.lang || undefined,
    renotify: true, requireInteraction: true, data: {url: data.url || "/"},
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(clients.matchAll({type: "window"}).then((list) => {
    const open = list.find((c) => c.url === url);
    return open ? open.focus() : clients.openWindow(url);
  }));
});
{% endautoescape %}
