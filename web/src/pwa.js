// Offline use: registers the service worker (dist/sw.js, written at build time by
// web/pwa/build-sw.mjs) and, when a new deploy has been installed beside the running one, offers
// "Reload for the new version". Nothing takes over the open page without the learner's click: the
// run on screen would be lost, and this deploy's lazily loaded chunks must stay reachable.

/**
 * notice: the hidden banner (its button accepts the update). Call once the page is usable, so the
 * precaching does not compete with the first load. Not in `vite` dev, which has no sw.js.
 */
export function registerServiceWorker(notice) {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  let accepted = false;
  const offer = (waiting) => {
    notice.hidden = false;
    notice.querySelector('button').onclick = () => {
      accepted = true;
      waiting.postMessage({ type: 'skip-waiting' });
    };
  };
  // The first install also takes control (clients.claim): only an accepted update reloads.
  sw.addEventListener('controllerchange', () => accepted && location.reload());
  sw.register('./sw.js').then(
    (registration) => {
      if (registration.waiting && sw.controller) offer(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed' && sw.controller) offer(worker);
        });
      });
      // The browser checks sw.js on every visit; a tab left open checks again when shown.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') registration.update().catch(() => {});
      });
    },
    () => {}, // no service worker (private mode, file://): the page works online as before
  );
}
