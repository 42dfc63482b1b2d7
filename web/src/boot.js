// The page's entry (index.html loads only this): starts the engine worker at once, then loads the
// rest of the page's code (main.js, with Chart.js and every view) as a chunk of its own, so the
// worker fetches and compiles the wasm while that chunk downloads and runs. The styles are linked
// from index.html's head (Vite), so the lesson shows styled before any of this.
import './engine/start.js';
import './style.css';
import './theme.css';

import('./main.js');
