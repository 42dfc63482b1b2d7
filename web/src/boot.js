// The page's entry module, a deferred module script (see vite-plugins/start-hints.mjs for why not
// `async`): it runs once the document is parsed, before DOMContentLoaded. It takes over the engine
// worker that the built page's <head> started (engine/start.js; in `vite` dev it starts it), then
// runs the rest of the page's code (main.js and every view, a chunk of its own; the built
// index.html loads that chunk as the module script after this one, so there it has run already).
// main.js no longer waits for a frame: the parse mostly ends after the first frame anyway
// (Chromium's parser yields for it), and where it ends before, main.js's short work until it asks
// the worker for the first run goes into the first frame, the lesson (in the HTML) with it. The
// worker fetches and compiles the wasm meanwhile. The styles are linked from index.html's head.
import './engine/start.js';
import './style.css';
import './theme.css';

import('./main.js');
