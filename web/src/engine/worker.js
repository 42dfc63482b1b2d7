// The module worker that owns the WebAssembly core and every Run, so training never blocks the page.
// It only answers requests from engine/client.js ({ id, op, args } -> { id, result } | { id, error });
// all wasm calls still go through engine/lrplay.js.
import wineCsv from '../../../data/wine.csv?raw';
import {
  limits,
  loadCore,
  memoryUse,
  normalizeSettings,
  Run,
  schedulePreview,
  settingsSchema,
  timetable,
} from './lrplay.js';

// Start-up timings for the page's marks (bench/start_bench.mjs), in ms since the epoch: this
// worker's clock has its own origin.
const now = () => performance.timeOrigin + performance.now();
const timings = { workerStart: now() };
const core = loadCore();
core.then(
  () => {
    timings.coreLoaded = now();
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    if (wasm) timings.wasmFetched = performance.timeOrigin + wasm.responseEnd;
  },
  () => {}, // reported with the first request
);

// The lesson's wine data is bundled; the other data sets are fetched the first time one is chosen
// (Vite makes each its own chunk). The setting's choices come from the core's table.
const dataSets = {
  wine: async () => wineCsv,
  iris: async () => (await import('../../../data/iris.csv?raw')).default,
  breast_cancer: async () => (await import('../../../data/breast_cancer.csv?raw')).default,
  digits: async () => (await import('../../../data/digits.csv?raw')).default,
};
function dataFor(name = 'wine') {
  const load = dataSets[name];
  if (!load) throw new Error(`dataset = "${name}" is not a data set of this page`);
  return load();
}
const runs = new Map(); // id -> Run
let nextId = 1;

/** What the page mirrors of a run after every request, so it can read it without asking. */
function state(run) {
  return {
    epoch: run.epoch,
    lr: run.lr,
    finished: run.finished,
    divergedAt: run.divergedAt,
  };
}

function get(id) {
  const run = runs.get(id);
  if (!run) throw new Error(`run ${id} does not exist (disposed?)`);
  return run;
}

/**
 * Up to n epochs of one run. Each record (model/records.js's EpochRecord) carries the scheduler's
 * state after that epoch and, for ReduceLROnPlateau, the core's outlook (next cut, threshold), so
 * the scheduler panel never asks again.
 */
function train(run, n) {
  const records = [];
  const plateau = run.settings.scheduler === 'plateau';
  while (records.length < n && !run.finished && !run.divergedAt) {
    const record = run.step();
    if (plateau && !record.diverged) record.plateauOutlook = run.plateauOutlook();
    records.push(record);
  }
  return { records, state: state(run) };
}

const ops = {
  /** The ready answer: the core's settings table and limits (the page builds its form from them). */
  hello: (c) => ({ settings: settingsSchema(c), limits: limits(c), timings }),
  memory: (c) => memoryUse(c),
  normalize: (c, settings) => normalizeSettings(c, settings),
  preview: (c, settings, metrics) => schedulePreview(c, settings, metrics),
  timetable: (c, settings) => timetable(c, settings),
  csv: (_c, id) => get(id).csv(),
  async create(c, settings) {
    const run = new Run(c, settings, await dataFor(settings.dataset));
    const id = nextId++;
    runs.set(id, run);
    const { epochs, trainSize, valSize } = run;
    // The run's timetable comes with it: the scheduler panel and the preview show its numbers.
    const table = timetable(c, run.settings);
    return {
      id,
      settings: run.settings,
      epochs,
      trainSize,
      valSize,
      timetable: table,
      state: state(run),
    };
  },
  /** ids: runs stepped together (compare mode), n epochs each; ms: the time it took here. */
  step(_c, ids, n) {
    const start = performance.now();
    const runs = ids.map((id) => train(get(id), n));
    return { runs, ms: performance.now() - start };
  },
  reset: (_c, ids) =>
    ids.map((id) => {
      const run = get(id);
      run.reset();
      return state(run);
    }),
  dispose(_c, ids) {
    for (const id of ids) {
      runs.get(id)?.dispose();
      runs.delete(id);
    }
  },
};

self.onmessage = async ({ data: { id, op, args } }) => {
  let c;
  try {
    c = await core;
  } catch (error) {
    self.postMessage({ id, error: `the WebAssembly core could not be loaded (${error.message})` });
    return;
  }
  try {
    self.postMessage({ id, result: await ops[op](c, ...args) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
