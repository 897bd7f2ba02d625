{% autoescape off %}// Kyosei service worker: keeps the shell and visited pages readable offline.
const VERSION = "kyosei-v2";
// Only what every resident page uses; htmx serves one staff page and is cached when used.
const SHELL = ["{{ static_url }}kyosei/kyosei.css", "{{ static_url }}kyosei/kyosei.js", "{{ static_url }}kyosei/icon.svg"];
// The offline page of each language: the one of a language the resident reads is stored when
// they first read it (not all sixteen at install).
const OFFLINE = {{ offline_urls }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

// Staff, account and admin pages: never cached, and never navigated away from (unsaved work).
function holdsWork(url) {
  const path = new URL(url).pathname;
  return path.includes("/staff/") || path.includes("/account/") || path.startsWith("/admin/");
}

function offlinePageFor(url) {
  const lang = new URL(url).pathname.split("/")[1];
  return OFFLINE.find((u) => u.split("/")[1] === lang) || OFFLINE[0];
}

// A page answered "no-store" (the counter directory near the resident's location) is not kept.
function storable(response) {
  return response.ok && !/no-store/.test(response.headers.get("Cache-Control") || "");
}

function store(cache, url) {
  return fetch(url, { credentials: "same-origin" }).then((response) => (storable(response) ? cache.put(url, response) : undefined));
}

// A page the resident reads, and the offline page of its language (fetched once).
function keep(cache, url) {
  const offline = offlinePageFor(url);
  return cache.match(offline).then((hit) => (hit ? undefined : cache.add(offline)));
}

// The first page a resident opens (a link shared in a chat) loads before this worker exists,
// so no fetch of it passed through here: store the open pages now, as they are read.
function keepOpenPages() {
  return clients.matchAll({ type: "window", includeUncontrolled: true }).then((list) => caches.open(VERSION).then((cache) => Promise.all(
    list.map((client) => client.url)
      .filter((url) => new URL(url).origin === self.location.origin && !holdsWork(url))
      .map((url) => cache.match(url).then((hit) => (hit ? undefined : store(cache, url))).then(() => keep(cache, url)).catch(() => undefined)),
  )));
}

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
    .then(() => keepOpenPages()).then(() => self.clients.claim()));
});

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
  if (holdsWork(url)) return;
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
      if (response.ok) {
        const copy = storable(response) ? response.clone() : null;
        event.waitUntil(caches.open(VERSION).then((cache) => (copy ? cache.put(request, copy) : Promise.resolve())
          .then(() => keep(cache, request.url))).catch(() => undefined));
      }
      return response;
    }).catch(() => caches.match(request).then((hit) => hit || caches.match(offlinePageFor(request.url)))));
  }
});
// Disaster alerts (kyosei.alerts). Delivery is at-least-once: after a worker dies mid fan-out
// the server sends some requests again, with the same payload id. The ids already shown are kept
// (the last SHOWN_KEEP), so a repeat shows, rings and vibrates nothing. An update, correction or
// cancellation is a new notice (new id) with the same tag, so it replaces the earlier one.
// An id is remembered only once its notification is on screen: a worker stopped between the
// two steps then shows a repeat once more (it replaces itself, same tag), where remembering
// first would have suppressed the alert for good.
const SHOWN_DB = "kyosei-alerts";
const SHOWN_STORE = "shown";
const SHOWN_KEEP = 200;
// Two copies of one push handled at the same time by this worker: the second waits for nothing.
const showing = new Set();

function openShown() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(SHOWN_DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(SHOWN_STORE, {keyPath: "id"}).createIndex("at", "at");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function inShown(mode, work) {
  return openShown().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(SHOWN_STORE, mode);
    const result = work(tx.objectStore(SHOWN_STORE));
    tx.oncomplete = () => { db.close(); resolve(result.value); };
    tx.onerror = tx.onabort = () => { db.close(); reject(tx.error); };
  }));
}

function wasShown(id) {
  return inShown("readonly", (store) => {
    const result = {value: false};
    store.get(id).onsuccess = (event) => { result.value = Boolean(event.target.result); };
    return result;
  });
}

function rememberShown(id) {
  return inShown("readwrite", (store) => {
    store.put({id: id, at: Date.now()});
    store.count().onsuccess = (counted) => {
      let extra = counted.target.result - SHOWN_KEEP;
      if (extra <= 0) return;
      store.index("at").openCursor().onsuccess = (next) => {
        const cursor = next.target.result;
        if (!cursor || extra-- <= 0) return;
        cursor.delete();
        cursor.continue();
      };
    };
    return {value: undefined};
  });
}

// Whether the notification on screen for this tag already is this notice: a second line of
// defence when storage is unavailable (private windows, storage cleared).
function alreadyOnScreen(tag, id) {
  if (!tag) return Promise.resolve(false);
  return self.registration.getNotifications({tag: tag})
    .then((shown) => shown.some((n) => n.data && n.data.id === id), () => false);
}

function showAlert(data) {
  const id = data.id === undefined || data.id === null ? null : String(data.id);
  const tag = typeof data.tag === "string" && data.tag ? data.tag : undefined;
  const lang = typeof data.lang === "string" ? data.lang : "";
  if (id !== null && showing.has(id)) return Promise.resolve();
  if (id !== null) showing.add(id);
  // A resident must never miss an alert because storage failed: on error, show it.
  const seen = id === null ? Promise.resolve(false) : wasShown(id).catch(() => false);
  return Promise.all([seen, alreadyOnScreen(tag, id)]).then(([repeat, onScreen]) => {
    if (repeat || onScreen) return undefined;
    // A drill's label (in the resident's language) is already first in its title and body:
    // the server puts it there for every channel (delivery.as_sent).
    return self.registration.showNotification(String(data.title || "Kyosei"), {
      body: String(data.body || ""),
      tag: tag,
      lang: lang || undefined,
      // Only genuinely new notices get here (repeats stopped above), and one replacing an
      // earlier notification of its event (a tsunami warning raised, a cancellation) must
      // be noticed; without a tag, renotify is not allowed.
      renotify: Boolean(tag),
      // Every alert stays until the resident acts on it (an earthquake early warning above
      // all): never dismissed by a timeout while they are looking away.
      requireInteraction: true,
      timestamp: Date.now(),
      data: {id: id, url: typeof data.url === "string" ? data.url : "", lang: lang},
    }).then(() => (id === null ? undefined : rememberShown(id).catch(() => undefined)));
  }).finally(() => { if (id !== null) showing.delete(id); });
}

self.addEventListener("push", (event) => {
  let data = null;
  try { data = event.data ? event.data.json() : null; } catch (e) { data = null; }
  if (!data || typeof data !== "object") data = {title: "Kyosei", body: event.data ? event.data.text() : ""};
  event.waitUntil(showAlert(data));
});

// The alert page in the language the resident subscribed in (the server's URL carries it).
function alertPage(data) {
  const fallback = new URL(data.lang ? "/" + data.lang + "/alerts/" : "/", self.location.origin).href;
  try {
    const url = new URL(data.url || fallback, self.location.origin);
    return url.protocol === "https:" || url.origin === self.location.origin ? url.href : fallback;
  } catch (e) {
    return fallback;
  }
}

// A tab already on the alert's page is brought forward. Otherwise an open tab of the site's
// public pages is brought forward and taken there (no pile of tabs after a series of alerts);
// only without one does a new window open. The alert matters more than the focus: a refused
// focus (the click's permission is short-lived) still takes the tab to the alert.
// Named so that the browser tests can hand it a click (DevTools cannot click a notification).
function onNotificationClick(event) {
  event.notification.close();
  const url = alertPage(event.notification.data || {});
  event.waitUntil(clients.matchAll({type: "window", includeUncontrolled: true}).then((list) => {
    const open = list.find((c) => c.url === url);
    if (open) return open.focus();
    const tab = list.find((c) => !holdsWork(c.url));
    if (!tab) return clients.openWindow(url);
    // navigate() refuses a tab this worker does not control: then a new window after all.
    return tab.focus().catch(() => tab).then(() => tab.navigate(url)).catch(() => clients.openWindow(url));
  }));
}

self.addEventListener("notificationclick", onNotificationClick);
{% endautoescape %}
