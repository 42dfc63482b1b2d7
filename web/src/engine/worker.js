// The module worker that owns the WebAssembly core and every Run, so training never blocks the page.
// It only answers requests from engine/client.js ({ id, op, args } -> { id, result } | { id, error, setting });
// all wasm calls still go through engine/lrplay.js.
import wineCsv from '../../../data/wine.csv?raw';
import {
  checkLrFindSettings,
  datasetInfo,
  limits,
  loadCore,
  lrFind,
  lrFindSettings,
  schedulerClasses,
  memoryUse,
  normalizeSettings,
  Run,
  scheduleExpression,
  scheduleForm,
  schedulePreview,
  schedulePython,
  settingsSchema,
} from './lrplay.js';
import { RUN_STEPS } from '../model/script.js';
import { UPLOADED_DATA } from '../model/settings.js';
import { FIRST_RUN, LESSON_RUN_MADE, READY } from './messages.js';
import { batchBuffers } from './record-batch.js';

const coreFailed = (error) => `the WebAssembly core could not be loaded (${error.message})`;

// Start-up timings for the page's marks (bench/start_bench.mjs), in ms since the epoch: this
// worker's clock has its own origin. Sent with the ready message: what comes later is not marked.
const now = () => performance.timeOrigin + performance.now();
const timings = { workerStart: now() };
const core = loadCore();
core.then(
  (c) => {
    timings.coreLoaded = now();
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    if (wasm) timings.wasmFetched = performance.timeOrigin + wasm.responseEnd;
    announce(c);
  },
  // Every request is answered with the reason; the page learns it from the ready message.
  (error) => self.postMessage({ id: READY, error: coreFailed(error) }),
);
// The lesson's wine data is bundled; the other data sets are fetched the first time one is chosen
// (Vite makes each its own chunk). The setting's choices come from the core's table.
const dataSets = {
  wine: async () => wineCsv,
  iris: async () => (await import('../../../data/iris.csv?raw')).default,
  breast_cancer: async () => (await import('../../../data/breast_cancer.csv?raw')).default,
  digits: async () => (await import('../../../data/digits.csv?raw')).default,
};

// The learner's own file: kept here, in the worker's memory, for as long as the tab lives (never
// stored, never sent anywhere; a reload forgets it). `dataset = UPLOADED_DATA` trains on it.
let uploaded = null; // { name, text, info }
const infos = new Map(); // built-in name -> its datasetInfo (engine/lrplay.js)

/**
 * { text, source (the name in the core's messages), info() } of the data set `name` names; info()
 * parses the CSV the first time it is asked for a built-in set.
 */
async function dataFor(c, name = 'wine') {
  if (name === UPLOADED_DATA) {
    if (!uploaded) throw new Error('dataset: no file has been uploaded in this tab');
    return { text: uploaded.text, source: uploaded.name, info: () => uploaded.info };
  }
  const load = dataSets[name];
  if (!load) throw new Error(`dataset = "${name}" is not a data set of this page`);
  const text = await load();
  const source = `${name}.csv`;
  const info = () => {
    if (!infos.has(name)) infos.set(name, datasetInfo(c, text, source));
    return infos.get(name);
  };
  return { text, source, info };
}

/**
 * The settings as the core takes them. The core knows only its own data sets: for the learner's
 * file it gets the settings without `dataset` and the file itself (as the CLI's --data).
 */
function forCore(settings) {
  if (settings?.dataset !== UPLOADED_DATA) return settings;
  const rest = { ...settings };
  delete rest.dataset;
  return rest;
}

/** A Run on the settings' data, and what the page shows of the data. */
async function makeRun(c, settings) {
  const data = await dataFor(c, settings.dataset);
  // The run before the data's description, which parses the CSV once more: the Trainer's parse
  // compiles the parser's wasm functions, at the lesson run's start as its first calls.
  const run = new Run(c, forCore(settings), data.text, data.source);
  const uploaded = settings.dataset === UPLOADED_DATA;
  return { run, data: { name: data.source, uploaded, ...data.info() } };
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
 * Up to n epochs of one run as one RecordBatch (record-batch.js: rows of numbers, the texts apart),
 * which the page makes EpochRecords of with the run's recordFrame, sent once with the run.
 */
function train(run, n) {
  return { batch: run.runBatch(n), state: state(run) };
}

/**
 * The lesson's run (FIRST_RUN: create's answer for the core's defaults, or null if it fails), made
 * before the page asks: a link without settings starts that run, and the page's first run then
 * needs no round trip (client.js's create()). The built page's <head> enables Step as soon as the
 * run is made (LESSON_RUN_MADE, head-start.js), before the answer's timetable, PyTorch line and
 * script are worked out: each is the first call of its wasm functions, which V8 compiles then
 * (lazily, on this thread): the answer followed the run by 16-35 ms (medians of 9) in
 * start_bench's marks; Step needs only the run. Then the ready message (id READY, unasked, so it
 * needs no round trip either): the core's settings table and limits, from which the page builds its
 * form. The run first: Step waits for it, and the page's code may not have run yet (its entry
 * runs once the document is parsed), while the table waits for that code. A message the page sends
 * a worker before its script has run waits for the page's thread to hand it over, which is busy
 * with the page's own start then.
 */
async function announce(c) {
  let firstRun = null;
  try {
    const made = await makeRun(c, {});
    timings.lessonRunMade = now();
    self.postMessage({ id: LESSON_RUN_MADE });
    firstRun = describe(c, made);
  } catch {
    // The page asks for its run itself, and learns why it fails then.
  }
  timings.firstRun = now();
  self.postMessage({ id: FIRST_RUN, result: firstRun });
  const result = {
    settings: settingsSchema(c),
    limits: limits(c),
    lrFindSettings: lrFindSettings(c),
    schedulerClasses: schedulerClasses(c),
    timings,
  };
  self.postMessage({ id: READY, result });
}

/** A task boundary: a request that came in meanwhile is answered before the warm-up goes on. */
const letRequestsIn = () => new Promise((resolve) => setTimeout(resolve));

/**
 * Two epochs of a throwaway run of the lesson's settings, with the plateau outlook, and the
 * preview, so that the wasm functions and this script that training needs are compiled before the
 * learner's first Step (announce() compiled what making a run needs). Only once the page has sent
 * its first request, which it does as it starts its first run: until then the page's own start
 * needs the machine's cores. In tasks of their own: a request never waits for all of it.
 */
async function warmUp(c) {
  try {
    const { run } = await makeRun(c, {});
    train(run, 2);
    await letRequestsIn();
    schedulePreview(c, run.settings, [1, 1, 1]);
    run.dispose();
  } catch {
    // Only a head start: the page's own requests report any failure.
  }
}

/** create's answer: the new run (registered under a new id) and what the page shows of it. */
function describe(c, { run, data }) {
  const id = nextId++;
  runs.set(id, run);
  const { epochs, trainSize, valSize, majorityClass, majorityCorrect, batchesPerEpoch } = run;
  const { cyclesMomentum, momentumName } = run;
  // The run's timetable comes with it: the scheduler panel and the preview show its numbers. The
  // run's own, so that a scheduler stepped per batch counts the run's batches.
  const table = run.timetable();
  const expression = scheduleExpression(c, run.settings);
  return {
    id,
    // The page's view of them: the data set is the learner's file when it is.
    settings: data.uploaded ? { ...run.settings, dataset: UPLOADED_DATA } : run.settings,
    epochs,
    trainSize,
    valSize,
    majorityClass,
    majorityCorrect,
    batchesPerEpoch,
    cyclesMomentum,
    momentumName,
    // What every record of the run shares: the page joins it to each batch's rows.
    recordFrame: run.recordFrame,
    timetable: table,
    // The PyTorch line and the script's scheduler, in the core's words.
    expression,
    // The scheduler choices a PyTorch line calls when it sets the scheduler: the form shows a
    // setting beside the line only if one of them uses it. Asked only then (the first call costs
    // a few ms, which the first run of the lesson's settings does not need).
    lineSchedulers: run.settings.schedule ? scheduleForm(c, expression).schedulers : null,
    schedulerCode: schedulePython(c, run.settings, RUN_STEPS),
    data,
    state: state(run),
  };
}

const ops = {
  memory: (c) => memoryUse(c),
  normalize: (c, settings) => normalizeSettings(c, forCore(settings)),
  preview: (c, settings, metrics) => schedulePreview(c, forCore(settings), metrics),
  scheduleForm: (c, text) => scheduleForm(c, text),
  csv: (_c, id) => get(id).csv(),
  /** Rejects with the core's message naming a bad range-test setting; runs no test. */
  checkLrFind: (c, range) => checkLrFindSettings(c, range),
  /** The LR range test: a model of its own from the settings, on their data; no run is touched. */
  async lrFind(c, settings, range) {
    const data = await dataFor(c, settings.dataset);
    return lrFind(c, forCore(settings), range, data.text);
  },
  /**
   * The learner's file: parsed by the core's loader, then tried with the applied settings (the
   * split needs enough rows). Resolves to its { name } and datasetInfo, and keeps it for
   * `dataset = UPLOADED_DATA`; rejects with the core's message and keeps the previous file.
   */
  upload(c, name, text, settings) {
    const info = datasetInfo(c, text, name);
    // Throws the core's message if the split fails.
    new Run(c, forCore({ ...settings, dataset: UPLOADED_DATA }), text, name).dispose();
    uploaded = { name, text, info };
    return { name, ...info };
  },
  async create(c, settings) {
    return describe(c, await makeRun(c, settings));
  },
  /**
   * ids: runs stepped together (compare mode), n epochs each; ms: the time it took here. The
   * batches' buffers are transferred to the page, not copied (onmessage below).
   */
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

let warming = null; // warmUp(), from the page's first request on

self.onmessage = async ({ data: { id, op, args } }) => {
  let c;
  try {
    c = await core;
  } catch (error) {
    self.postMessage({ id, error: coreFailed(error) });
    return;
  }
  try {
    const result = await ops[op](c, ...args);
    const batches = op === 'step' ? result.runs.map((r) => r.batch) : [];
    self.postMessage({ id, result }, batchBuffers(batches));
  } catch (error) {
    // The core's Error names the refused setting in `setting` (bindings.cpp): it goes with the text.
    const message = error instanceof Error ? error.message : String(error);
    self.postMessage({ id, error: message, setting: error?.setting });
  }
  warming ??= letRequestsIn().then(() => warmUp(c));
};
