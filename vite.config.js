// Builds web/ into a static dist/ that works from any folder of any static server (relative base).
import { defineConfig } from 'vite';
import { serviceWorker } from './web/pwa/build-sw.mjs';
import { inlineLesson } from './web/vite-plugins/inline-lesson.mjs';
import { inlineScripts } from './web/vite-plugins/inline-scripts.mjs';
import { startHints } from './web/vite-plugins/start-hints.mjs';

// `vite` (dev) injects styles inline and talks to its server over a websocket, which the page's
// Content-Security-Policy forbids; the dev server alone serves the page with style-src and
// connect-src relaxed. The built dist/ keeps the strict policy (tests/web/safety.test.mjs).
const relaxCspForDev = {
  name: 'relax-csp-for-dev',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws: wss:"),
};

export default defineConfig({
  root: 'web',
  // inlineScripts() after startHints(): it hashes every inline script of the final <head>.
  plugins: [relaxCspForDev, inlineLesson(), startHints(), inlineScripts(), serviceWorker()],
  base: './',
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  // The engine runs in a module worker (src/engine/worker.js) that imports the emscripten module.
  worker: { format: 'es' },
  // data/wine.csv lives outside web/ and is bundled with ?raw.
  server: { fs: { allow: ['..'] } },
  preview: { port: 4173, strictPort: true },
});
