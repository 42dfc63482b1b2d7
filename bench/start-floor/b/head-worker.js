// Floor (b): a classic script at the top of the <head> starts the worker, as the page's
// head-start.js does, so the wasm's fetch and compile overlap with the parse.
(function () {
  var worker = new Worker(new URL('worker.js', document.currentScript.src), { type: 'module' });
  window.floorAnswer = new Promise(function (resolve) {
    worker.onmessage = resolve;
  });
  window.floorWorker = worker;
  performance.mark('lrplay:worker-start');
})();
