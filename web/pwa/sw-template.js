// The page's service worker (built into dist/sw.js by web/pwa/build-sw.mjs, which puts VERSION and
// FILES above this text). It keeps one cache per deploy, named after the hash of every file in it,
// so after one visit the page loads, trains and switches data sets with the network off.
//
// Updates: a new deploy changes VERSION, so the browser sees a new sw.js on the next navigation,
// installs it beside the running one and leaves it waiting. The page (src/pwa.js) then offers
// "Reload for the new version"; only when the learner accepts does the new worker take over
// (skip-waiting) and the page reload. Taking over at once would leave the open page, which lazily
// imports chunks of its own deploy (the data sets), served by a cache that no longer has them.
/* global VERSION, FILES */
const CACHE = `lrplay-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'no-cache' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('lrplay-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
});

// Cache first for this deploy's files (the page is cached as './': the settings live in the hash,
// never in the path); anything else goes to the network as usual.
const scope = new URL(self.registration.scope);
const page = new Set([scope.pathname, `${scope.pathname}index.html`]);

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.origin) return;
  const key = page.has(url.pathname) ? scope.href : request;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key, { ignoreSearch: true }))
      .then((hit) => hit ?? fetch(request)),
  );
});
