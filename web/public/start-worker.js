// Starts the engine worker while the document is still being parsed (a classic script in <head>;
// the built index.html names the worker's chunk in data-worker: vite-plugins/start-hints.mjs). The
// page's modules run only after the document's first layout, and the worker's start (its script,
// the wasm's download and compilation, the core's set-up) is the longest way to the first Step.
// Its messages wait here until engine/client.js takes the worker over (Engine.start).
(function () {
  var script = document.currentScript;
  try {
    var worker = new Worker(new URL(script.dataset.worker, document.baseURI), {
      type: 'module',
      name: 'lrplay',
    });
  } catch (e) {
    return; // client.js starts its own
  }
  var events = [];
  worker.onmessage = function (event) {
    events.push(event);
  };
  worker.onerror = function (event) {
    event.preventDefault();
    events.push(event);
  };
  window.lrplayEarlyWorker = { worker: worker, events: events };
})();
