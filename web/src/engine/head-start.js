// A classic script, the first thing in the built index.html's <head> (vite-plugins/start-hints.mjs
// writes it into assets/ with the worker's file name in place of __WORKER_FILE__): it starts the
// engine worker while the document is still arriving, so the worker's script, the wasm's fetch and
// compile and the core's warm-up overlap with the page's parsing, style and layout, which come
// before any module script runs. client.js's Engine.start() adopts the worker; what the worker
// sends before that is kept here and handed over. `vite` dev has no such script: Engine.start()
// then starts the worker itself. Not a module and no imports: it must run before the parser moves on.
(function () {
  var worker = new Worker(new URL('__WORKER_FILE__', document.currentScript.src), {
    type: 'module',
    name: 'lrplay',
  });
  var early = [];
  worker.onmessage = worker.onerror = function (event) {
    if (event.type === 'error') event.preventDefault();
    early.push(event);
  };
  window.lrplayStartedWorker = { worker: worker, early: early };
  performance.mark('lrplay:worker-start');
})();
