// The page's entry (index.html loads only this, `async`: it runs as soon as it arrives, maybe before
// the document is parsed): starts the engine worker at once, then runs the rest of the page's code
// (main.js, with Chart.js and every view; a chunk of its own, which the built index.html preloads)
// once the document is parsed, since main.js builds on it. The worker fetches and compiles the wasm
// meanwhile. The styles are linked from index.html's head (Vite), so the lesson shows styled before
// any of this.
import './engine/start.js';
import './style.css';
import './theme.css';

if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', () => import('./main.js'), { once: true });
else import('./main.js');
