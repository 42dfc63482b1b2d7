// A classic script, the first thing in the built index.html's <head>, inlined there
// (vite-plugins/start-hints.mjs puts in the worker's path, relative to the page, in place of
// __WORKER_FILE__, and messages.js's LESSON_RUN_MADE in place of __LESSON_RUN_MADE__;
// inline-scripts.mjs allows it by its hash in the CSP): it starts the engine worker while the
// document is still arriving, so the worker's script, the wasm's fetch and compile and the core's
// warm-up overlap with the page's parsing, style and layout, which come before any module script
// runs. client.js's Engine.start() adopts the worker; what the worker sends before that is kept
// here and handed over. `vite` dev has no such script: Engine.start() then starts the worker
// itself. Not a module and no imports: it must run before the parser moves on.
//
// Step early: when the worker has made the lesson's run (LESSON_RUN_MADE, its first message, sent
// before the run's description, FIRST_RUN, is worked out) before the page's own code (main.js)
// has drawn its toolbar, whether or not the entry has taken the worker over, and the link has no
// settings (no '=': the page will start exactly that run, as parseHash (model/settings-hash.js) reads it), Step is enabled
// at once (or, if the run came before the parser reached the button, when the parse ends). main.js
// may need a frame or more before it has its run on screen (it waits for the worker's ready message
// too, and for the document's parse); the clicks meanwhile are counted here, kept from main.js's
// handler (which has no run yet), and start-up.js replays them through that handler once the run is
// drawn: the learner sees what the same clicks show after the start, only a little later.
(function () {
  var worker = new Worker('__WORKER_FILE__', { type: 'module', name: 'lrplay' });
  var early = [];
  worker.onmessage = worker.onerror = function (event) {
    if (event.type === 'error') event.preventDefault();
    early.push(event);
  };
  // A listener of its own: Engine.start() takes onmessage over, and the run may come after that.
  // Sent only when the run is made.
  worker.addEventListener('message', function lessonRun(event) {
    if (event.data.id !== '__LESSON_RUN_MADE__') return;
    worker.removeEventListener('message', lessonRun);
    // The run may come before the parser has reached the toolbar: then Step waits for the parse's
    // end ('interactive', which comes before any deferred module script, so before main.js runs).
    if (!document.getElementById('step') && document.readyState === 'loading')
      document.addEventListener('readystatechange', enableStep, { once: true });
    else enableStep();
  });
  window.lrplayStartedWorker = { worker: worker, early: early };
  performance.mark('lrplay:worker-start');

  function enableStep() {
    var step = document.getElementById('step');
    // No such button after the parse, a link's own settings, or main.js has drawn its toolbar already.
    if (!step || !step.disabled || location.hash.indexOf('=') >= 0) return;
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
    // start-up.js, once main.js's toolbar is drawn: stops counting and takes the clicks.
    window.lrplayEarlySteps = function () {
      window.removeEventListener('click', count, true);
      return clicks;
    };
  }
})();
