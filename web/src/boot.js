// The page's entry module, a deferred module script (see vite-plugins/start-hints.mjs for why not
// `async`): it runs once the document is parsed, before DOMContentLoaded. It takes over the engine
// worker that the built page's <head> started (engine/start.js; in `vite` dev it starts it), then
// runs the rest of the page's code (main.js and every view; a chunk of its own, which the built
// index.html also loads as the module script after this one, so it is run already) at once. main.js does not wait for the first frame: its work until it asks
// the worker for the first run is short (its DOM changes then go into that frame's one layout), the
// lesson is in the HTML for that frame, and Step is usable a frame sooner. The worker fetches and
// compiles the wasm meanwhile. The styles are linked from index.html's head (Vite).
import './engine/start.js';
import './style.css';
import './theme.css';

import('./main.js');
