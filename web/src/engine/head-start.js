// A classic script, the first thing in the built index.html's <head>, inlined there
// (vite-plugins/start-hints.mjs puts in the worker's path, relative to the page, in place of
// __WORKER_FILE__, and messages.js's FIRST_RUN in place of __FIRST_RUN__; inline-scripts.mjs allows
// it by its hash in the CSP): it starts the engine worker while the document is still arriving, so
// the worker's script, the wasm's fetch and compile and the core's warm-up overlap with the page's
// parsing, style and layout, which come before any module script runs. client.js's Engine.start()
// adopts the worker; what the worker sends before that is kept here and handed over. `vite` dev has
// no such script: Engine.start() then starts the worker itself. Not a module and no imports: it
// must run before the parser moves on.
//
// Step early: when the worker's lesson run (FIRST_RUN) arrives before the entry has taken the worker
// over, and the link has no settings (no '=': the page will start exactly that run, as parseHash
// reads it), Step is enabled at once. The page's own code (main.js) may need a frame or two more
// before it has drawn its toolbar; the clicks meanwhile are counted here, kept from main.js's
// handler (which has no run yet), and main.js replays them through that handler once it has drawn
// the run: the learner sees what a click after the start shows, only a little later.
(function () {
  var worker = new Worker('__WORKER_FILE__', { type: 'module', name: 'lrplay' });
  var early = [];
  worker.onmessage = worker.onerror = function (event) {
    if (event.type === 'error') event.preventDefault();
    early.push(event);
    if (event.type === 'message' && event.data.id === '__FIRST_RUN__' && event.data.result)
      enableStep();
  };
  window.lrplayStartedWorker = { worker: worker, early: early };
  performance.mark('lrplay:worker-start');

  function enableStep() {
    var step = document.getElementById('step');
    if (!step || location.hash.indexOf('=') >= 0) return;
    var clicks = 0;
    // Capturing on the window, so it runs before any listener on the button and stops the click
    // there: main.js's handler, attached before its run is drawn, must not train it a second time.
    var count = function (event) {
      if (!step.contains(event.target)) return;
      event.stopImmediatePropagation();
      clicks++;
    };
    window.addEventListener('click', count, true);
    step.disabled = false;
    performance.mark('lrplay:step-early');
    // main.js, once its toolbar is drawn: stops counting and takes the clicks.
    window.lrplayEarlySteps = function () {
      window.removeEventListener('click', count, true);
      return clicks;
    };
  }
})();
