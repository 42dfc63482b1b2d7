// The page's entry module (a deferred module script: it runs once the document is parsed, before
// DOMContentLoaded; see vite-plugins/start-hints.mjs for why not `async`): takes over the engine
// worker that the built page's <head> started
// (engine/start.js; in `vite` dev it starts it), then runs the rest of the page's code (main.js and
// every view; a chunk of its own, which the built index.html preloads) once the document is parsed
// and its first frame shown, so the lesson is on screen before main.js's work. The worker fetches
// and compiles the wasm meanwhile. The styles are linked from index.html's head (Vite).
import './engine/start.js';
import './style.css';
import './theme.css';

const runMain = () => import('./main.js');
// A hidden tab shows no frame (requestAnimationFrame waits until it is shown): no need to wait.
const afterFirstFrame = () =>
  document.visibilityState === 'hidden'
    ? runMain()
    : requestAnimationFrame(() => setTimeout(runMain));

if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', afterFirstFrame, { once: true });
else afterFirstFrame();
