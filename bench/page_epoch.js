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

let timed = null; // the run epochBlock() times, kept warm from one call to the next
let lesson = null; // the lesson's own 100-epoch run, for the `lesson` blocks
let recordBatch = null; // engine/record-batch.js, once imported

/**
 * What the page's worker sends for n epochs and the page makes of it, in this one thread: the
 * worker's answer to a step request (engine/worker.js), its clone (what postMessage does: serialized
 * in the worker, deserialized on the page; the batch's buffers transferred, as the worker does) and
 * the page's records (engine/client.js's step). A build from before engine/record-batch.js (when
 * LRPLAY_BENCH_ROOT serves one) posted the records themselves: they are cloned instead.
 */
async function postedRecords(run, n) {
  const state = { epoch: run.epoch, lr: run.lr, finished: run.finished, divergedAt: run.divergedAt };
  if (!run.runBatch) {
    const message = { id: 1, result: { runs: [{ records: run.run(n), state }], ms: 0 } };
    return structuredClone(message).result.runs[0].records;
  }
  recordBatch ??= await import('/web/src/engine/record-batch.js');
  const { batchBuffers, recordsOf } = recordBatch;
  const batch = run.runBatch(n);
  const message = { id: 1, result: { runs: [{ batch, state }], ms: 0 } };
  const { result } = structuredClone(message, { transfer: batchBuffers([batch]) });
  return recordsOf(result.runs[0].batch, run.recordFrame);
}

/**
 * µs per epoch of the lesson's own runs, posted as postedRecords does, 100 epochs from a reset
 * each (the reset untimed): the epochs the native loop trains (its runs are the lesson's, reset
 * untimed), where epochBlock's blocks are epochs 1-2,000 of one long run, whose later epochs cost
 * more (the rate falls below 1e-100 there). Needs a cross-origin isolated page: performance.now()
 * then steps by 5 µs, not 100, against ~1.3 ms a run.
 */
async function lessonBlock(epochs) {
  lesson ??= await lessonRun();
  let ms = 0;
  for (let i = 0; i < epochs / 100; i++) {
    lesson.reset();
    const t0 = performance.now();
    const records = await postedRecords(lesson, 100);
    ms += performance.now() - t0;
    if (records.length !== 100) throw new Error(`${records.length} records, not 100`);
  }
  return (ms * 1000) / epochs;
}

/**
 * One block of `epochs` epochs on the lesson's settings from a reset (untimed), in µs per epoch
 * (wall time; page_bench.mjs reads the page thread's CPU time around it): `run`, Run.run(n), the
 * core's epochs and their records in one thread, as the native loop (bench/epoch_loop.cpp) steps
 * the trainer; `posted`, the same epochs as the page gets them from its worker (postedRecords
 * above); `batch`, the core's RecordBatch alone (Run.runBatch: no records made; null in a build
 * from before the batches); `lesson`, lessonBlock above. A 10,000-epoch run, so that no block reaches its end; the first call
 * warms it up.
 */
export async function epochBlock(kind, epochs = 2000) {
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
      await postedRecords(timed, epochs);
      timed.reset();
    }
  }
  if (kind === 'batch' && !timed.runBatch) return null; // a build from before the batches
  if (kind === 'lesson') return lessonBlock(epochs);
  timed.reset();
  const t0 = performance.now();
  const train = {
    run: () => timed.run(epochs),
    posted: () => postedRecords(timed, epochs),
    batch: () => ({ length: timed.runBatch(epochs).rows }),
  };
  const records = await train[kind]();
  const micros = ((performance.now() - t0) * 1000) / epochs;
  if (records.length !== epochs) throw new Error(`${records.length} records, not ${epochs}`);
  return micros;
}
