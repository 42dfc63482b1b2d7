// Starts the engine worker (wasm fetch, streaming compile, the core's start-up), or takes over the
// one the built page's <head> started (head-start.js), as the very first thing the page's module
// code does: boot.js imports this module before any other, so the worker's work overlaps with the
// page's instead of following it.
import { Engine } from './client.js';

if (!window.lrplayStartedWorker) performance.mark('lrplay:worker-start');
performance.mark('lrplay:entry');

/** Resolves to the started Engine; rejects with the reason if the worker or the core fails. */
export const engineStarting = Engine.start();
engineStarting.catch(() => {}); // start-up.js awaits the engine and main.js reports a failure
