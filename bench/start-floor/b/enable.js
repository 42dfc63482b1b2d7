// Floor (b): Step is enabled once the worker answered one message, which it does once the core is
// loaded (the page asks its worker for the first run).
performance.mark('lrplay:entry');
window.floorWorker.postMessage('start');
window.floorAnswer.then(() => {
  performance.mark('lrplay:core-ready');
  document.querySelector('[data-testid="step"]').disabled = false;
  window.__lrplay = { ready: true };
});
