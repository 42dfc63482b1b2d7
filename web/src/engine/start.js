// Starts the engine worker (wasm fetch, streaming compile, the core's start-up) as the very first
// thing the page's script does: main.js imports this module before any other, so the worker's work
// overlaps with Chart.js's evaluation and the views' construction instead of following them.
import { Engine } from './client.js';

performance.mark('lrplay:worker-start');

/** Resolves to the started Engine; rejects with the reason if the worker or the core fails. */
export const engineStarting = Engine.start();
engineStarting.catch(() => {}); // main.js reports a failure when it awaits the engine
