// Builds web/ into a static dist/ that works from any folder of any static server (relative base).
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: './',
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  // The engine runs in a module worker (src/engine/worker.js) that imports the emscripten module.
  worker: { format: 'es' },
  // data/wine.csv lives outside web/ and is bundled with ?raw.
  server: { fs: { allow: ['..'] } },
  preview: { port: 4173, strictPort: true },
});
