// Offline support that does not depend on the host's caching headers. On install the service
// worker precaches the app's files and the shipped datasets (the list and the build id are
// written in by scripts/externalise_loader.py), so a second visit works offline even when the
// host sends `Cache-Control: no-store`. Afterwards same-origin GETs go to the network first, so
// updated data is seen, and to this cache when the network fails. A new build has a new cache
// name; activating it deletes this app's older caches (and no one else's).
const PREFIX = "dsg-explorer-";
const CACHE = PREFIX + "__BUILD_ID__";
const PRECACHE = /*PRECACHE*/[]/*END PRECACHE*/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // `reload`: straight from the server, never a stale copy from the HTTP cache.
      .then((c) => c.addAll(PRECACHE.map((u) => new Request(u, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(req).then((resp) => {
      if (resp.status === 200 && resp.type === "basic") {
        const copy = resp.clone();
        caches.open(CACHE).then((c) => c.put(req, copy)).catch(() => {});
      }
      return resp;
    }).catch(() => {
      // A page address with any query (`?page=capital&…`) is that page's file; the app's own
      // page is cached as its folder ("./"), so `…/index.html` is looked up as the folder.
      const navigate = req.mode === "navigate";
      const url = new URL(req.url);
      const key = navigate && url.pathname.endsWith("/index.html") ? url.origin + url.pathname.slice(0, -"index.html".length) : req;
      return caches.match(key, { cacheName: CACHE, ignoreSearch: navigate, ignoreVary: true })
        .then((hit) => hit || Response.error());
    })
  );
});
