// Runs in a benchmark page served from the repository root: the wasm core on the lesson's settings,
// in the browser. Shared by page_bench.mjs (part 4, against the native epoch) and tfjs_page.js
// (against TF.js in the same page).
import { loadCore, Run } from '../web/src/engine/lrplay.js';

let core; // one instance of the core per page, as the worker has

/** A Run of the core on the lesson's data with `settings`, as the page's worker makes one. */
export async function lessonRun(settings = {}) {
  core ??= loadCore({ locateFile: (f) => `/web/src/wasm/${f}` });
  const csv = await (await fetch('/data/wine.csv')).text();
  return new Run(await core, settings, csv);
}

/**
 * µs per epoch of Run.run(n) (the core's epochs and their records, as the native benchmark's loop
 * steps the trainer) on the lesson's settings: the median of 5 blocks of `epochs` epochs after a
 * warm-up; 10,000 epochs so no block reaches the run's end.
 */
export async function wasmEpochMicros(epochs = 3000) {
  const run = await lessonRun({ epochs: 10000 });
  try {
    // Warm-up: V8 runs the wasm from Liftoff's baseline code at first and swaps in TurboFan's as
    // each function gets hot; in node that took 1,000-2,000 epochs under load (15-50x slower
    // epochs until then), so 200 left the first blocks timing the baseline code.
    run.run(2000);
    run.reset();
    const means = [];
    for (let b = 0; b < 5; b++) {
      const t0 = performance.now();
      run.run(epochs);
      means.push(((performance.now() - t0) * 1000) / epochs);
      run.reset();
    }
    return means.sort((a, b) => a - b)[2];
  } finally {
    run.dispose();
  }
}
