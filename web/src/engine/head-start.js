// A classic script, the first thing in the built index.html's <head>, inlined there
// (vite-plugins/start-hints.mjs puts in the worker's path, relative to the page, in place of
// __WORKER_FILE__; inline-scripts.mjs allows it by its hash in the CSP): it starts the engine worker
// while the document is still arriving, so the worker's script, the wasm's fetch and compile and the
// core's warm-up overlap with the page's parsing, style and layout, which come before any module
// script runs. client.js's Engine.start() adopts the worker; what the worker sends before that is
// kept here and handed over. `vite` dev has no such script: Engine.start() then starts the worker
// itself. Not a module and no imports: it must run before the parser moves on.
(function () {
  var worker = new Worker('__WORKER_FILE__', { type: 'module', name: 'lrplay' });
  var early = [];
  worker.onmessage = worker.onerror = function (event) {
    if (event.type === 'error') event.preventDefault();
    early.push(event);
  };
  window.lrplayStartedWorker = { worker: worker, early: early };
  performance.mark('lrplay:worker-start');
})();
