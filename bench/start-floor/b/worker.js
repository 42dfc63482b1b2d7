// Floor (b)'s worker: instantiates the page's wasm core (Emscripten's glue, the build's lrplay.wasm
// beside it) and answers one message once the core is in; nothing more.
import createLrplay from './lrplay.js';

const core = createLrplay();
self.onmessage = async () => {
  await core;
  self.postMessage('ready');
};
