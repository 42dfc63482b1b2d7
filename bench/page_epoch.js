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

let timed = null; // the run wasmEpochMicros() times, kept warm from one call to the next

/**
 * µs per epoch of Run.run(n) (the core's epochs and their records, as the page's worker trains
 * them and as the native loop, bench/epoch_loop.cpp, steps the trainer) on the lesson's settings:
 * the median and the fastest of `blocks` blocks of `epochs` epochs, each from a reset (untimed);
 * a 10,000-epoch run so that no block reaches its end. The first call warms the run up.
 */
export async function wasmEpochMicros(blocks = 9, epochs = 2000) {
  if (!timed) {
    timed = await lessonRun({ epochs: 10000 });
    // V8 runs the wasm from Liftoff's baseline code at first and swaps in TurboFan's as each
    // function gets hot, compiled on background threads. In node that took 1,000-2,000 epochs;
    // in Chromium 156 on this 2-core machine under load (load average 8) blocks of 2,000 epochs
    // went 200, 20-36, 18-24 µs an epoch and settled only after ~24,000 epochs, so the 2,000
    // epochs of warm-up used until 2026-12-03 timed partly tiered code (18-25 µs).
    for (let i = 0; i < 20; i++) {
      timed.run(epochs);
      timed.reset();
    }
  }
  const times = [];
  for (let b = 0; b < blocks; b++) {
    timed.reset();
    const t0 = performance.now();
    timed.run(epochs);
    times.push(((performance.now() - t0) * 1000) / epochs);
  }
  times.sort((a, b) => a - b);
  return { median: times[blocks >> 1], fastest: times[0] };
}
