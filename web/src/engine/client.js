// The page's side of the engine worker (engine/worker.js): promises in, records out. The main thread
// never touches wasm; it mirrors each run's epoch, rate and end state so views can read them at once.
// Requests are answered in the order they were sent.
import { FIRST_RUN, LESSON_RUN_MADE, READY } from './messages.js';
import { recordsOf } from './record-batch.js';

/** One training run living in the worker. Read its mirrored state freely; train with step(). */
export class RunHandle {
  #engine;

  constructor(engine, info) {
    this.#engine = engine;
    this.id = info.id;
    this.settings = info.settings; // normalized by the core: every setting, as strings
    this.epochs = info.epochs;
    this.trainSize = info.trainSize;
    this.valSize = info.valSize;
    // The training split's most common class, and its validation rows (the accuracy chart's
    // baseline: what always naming it scores).
    this.majorityClass = info.majorityClass;
    this.majorityCorrect = info.majorityCorrect;
    this.batchesPerEpoch = info.batchesPerEpoch; // optimizer steps per epoch (1: the full batch)
    // The scheduler cycles SGD's momentum or Adam's beta1 (momentumName: 'momentum' or 'beta1').
    this.cyclesMomentum = info.cyclesMomentum;
    this.momentumName = info.momentumName;
    /** What every record of the run shares (record-batch.js's RecordFrame): step() joins it. */
    this.recordFrame = info.recordFrame;
    /**
     * The core's timetable of the run (lrplay.js's Run.timetable()): { name, rates, cuts, rises,
     * restarts, smooth, rule, stepsPerEpoch, unplanned }.
     */
    this.timetable = info.timetable;
    /** The scheduler as a PyTorch expression (the form's "PyTorch line"; '' for none). */
    this.expression = info.expression;
    /**
     * When the PyTorch line (the `schedule` setting) sets the scheduler, the scheduler choices it
     * calls, once each (['constant', 'exp']); null when the fields set it.
     */
    this.lineSchedulers = info.lineSchedulers;
    /** The scheduler as the generated script's Python (model/script.js's RUN_STEPS for OneCycleLR). */
    this.schedulerCode = info.schedulerCode;
    /**
     * The data it trains on: { name (the file's), uploaded } and the core's datasetInfo of it
     * (engine/lrplay.js).
     */
    this.data = info.data;
    this.disposed = false;
    this.mirror(info.state);
  }

  /** { epoch, lr, finished, divergedAt } after the latest answer from the worker. */
  mirror(state) {
    Object.assign(this, state);
  }

  /**
   * The training split's most common class by its name, when the data names its classes (iris,
   * breast cancer, a file of names); undefined when its classes are only numbers.
   */
  get majorityName() {
    return this.data?.classNames?.[this.majorityClass];
  }

  /** True once the run cannot train further (finished or diverged). */
  get over() {
    return this.finished || this.divergedAt > 0;
  }

  reset() {
    return this.#engine.reset([this]);
  }
}

/**
 * Whether the page's settings are the core's normalized ones (all strings) value for value: then
 * creating a run from them makes that run again.
 */
function sameSettings(values, normalized) {
  const keys = Object.keys(normalized);
  return (
    keys.length === Object.keys(values).length &&
    keys.every((key) => String(values[key]) === normalized[key])
  );
}

export class Engine {
  #worker;
  #pending = new Map(); // request id -> { resolve, reject }
  #nextId = 1;
  #firstRun = null; // resolves to create's answer for the core's defaults (FIRST_RUN), or null

  /**
   * Starts the worker and waits for the core; rejects with the reason if either fails. The worker
   * sends its ready message unasked once the core has loaded: it carries the core's settings table
   * and limits (`engine.schema`), so the page has them without a round trip; the lesson's run
   * follows, which the first create() takes if it asks for the defaults.
   */
  static async start() {
    // The built page starts the worker from its <head> (head-start.js); take it over, with what
    // it has sent so far.
    const started = window.lrplayStartedWorker;
    delete window.lrplayStartedWorker;
    const engine = new Engine(
      started?.worker ??
        new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'lrplay' }),
    );
    /** @type {{ settings: object[], limits: { maxEpochs: number, maxHiddenLayers: number, maxHiddenWidth: number }, lrFindSettings: object[], schedulerClasses: Record<string, string> }} */
    const ready = new Promise((resolve, reject) => engine.#pending.set(READY, { resolve, reject }));
    engine.#firstRun = new Promise((resolve) =>
      // A worker that fails leaves the page to ask (and learn why) itself.
      engine.#pending.set(FIRST_RUN, { resolve, reject: () => resolve(null) }),
    );
    for (const event of started?.early ?? []) engine.#receive(event);
    engine.schema = await ready;
    return engine;
  }

  constructor(worker) {
    this.#worker = worker;
    worker.onmessage = worker.onerror = (event) => this.#receive(event);
  }

  /** A message answers the request its id names; an error event fails every request waiting. */
  #receive(event) {
    if (event.type === 'error') {
      // A worker that fails to start (or dies) fails every request still waiting.
      event.preventDefault?.();
      const reason = new Error(event.message || 'the engine worker failed to start');
      for (const request of this.#pending.values()) request.reject(reason);
      this.#pending.clear();
      return;
    }
    const { id, result, error, setting } = event.data;
    // Only the <head>'s script (head-start.js) waits for it; FIRST_RUN follows with the run.
    if (id === LESSON_RUN_MADE) return;
    const request = this.#pending.get(id);
    this.#pending.delete(id);
    if (error === undefined) request.resolve(result);
    else request.reject(Object.assign(new Error(error), setting === undefined ? {} : { setting }));
  }

  #call(op, ...args) {
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, op, args });
    });
  }

  /** The settings with every default filled in, as strings; rejects with the core's message. */
  normalize(settings) {
    return this.#call('normalize', settings);
  }

  /** Learning rate after each scheduler step (Float64Array), one step per entry of `metrics`. */
  schedulePreview(settings, metrics) {
    return this.#call('preview', settings, metrics);
  }

  /**
   * The LR range test for these settings (a model of its own; no run changes) with the range
   * test's settings in `range`: { lr, loss, smoothedLoss, suggestion, noSuggestion } (see lrplay.js's lrFind);
   * rejects with the core's message naming a bad setting.
   */
  lrFind(settings, range) {
    return this.#call('lrFind', settings, range);
  }

  /** Resolves when the range test's settings `range` are accepted; rejects with the core's message. */
  checkLrFind(range) {
    return this.#call('checkLrFind', range);
  }

  /**
   * What a PyTorch expression is in the form's terms: { expressible, settings, reason } (see
   * lrplay.js's scheduleForm); rejects with the core's column message for a bad expression.
   */
  scheduleForm(text) {
    return this.#call('scheduleForm', text);
  }

  /** The CSV export of a run's finished epochs, as the core's format.cpp writes it. */
  csv(run) {
    return this.#call('csv', run.id);
  }

  /**
   * The learner's CSV (`text`, from file `name`), parsed by the core's loader in the worker and
   * tried with `settings` (the split). Resolves to { name } and its datasetInfo; from then on
   * `dataset: UPLOADED_DATA` trains on it. Rejects with the core's message (file, line, column)
   * and keeps the previous file.
   */
  upload(name, text, settings) {
    return this.#call('upload', name, text, settings);
  }

  /**
   * A new run at epoch 0; rejects with the core's message naming a bad setting. The first call
   * takes the run the worker made after its ready message when `settings` are its settings (a link
   * without settings: the lesson's run), with no round trip; otherwise that run is freed.
   */
  async create(settings) {
    // Taken before waiting: a second call meanwhile must not take it too.
    const first = this.#firstRun;
    this.#firstRun = null;
    const made = await first;
    if (made && sameSettings(settings, made.settings)) return new RunHandle(this, made);
    if (made) this.#call('dispose', [made.id]).catch(() => {});
    return new RunHandle(this, await this.#call('create', settings));
  }

  /**
   * Trains several runs together, up to n epochs each, in one request. Resolves to { records: one
   * array of records (model/records.js) per run, in the order given (empty for a run that is over),
   * ms: the worker's time for the whole batch }. The worker sends each run's epochs as a
   * RecordBatch; its records are made here, with what the run's records share (recordFrame).
   */
  async step(runs, n) {
    const { runs: results, ms } = await this.#call(
      'step',
      runs.map((r) => r.id),
      n,
    );
    const records = results.map(({ batch, state }, i) => {
      runs[i].mirror(state);
      return recordsOf(batch, runs[i].recordFrame);
    });
    return { records, ms };
  }

  /** Back to epoch 0 with the same starting weights. */
  async reset(runs) {
    const states = await this.#call(
      'reset',
      runs.map((r) => r.id),
    );
    states.forEach((state, i) => runs[i].mirror(state));
  }

  /** Frees the runs in the worker; their handles must not be used again. */
  async dispose(runs) {
    const live = runs.filter((r) => r && !r.disposed);
    for (const r of live) r.disposed = true;
    if (live.length)
      await this.#call(
        'dispose',
        live.map((r) => r.id),
      );
  }

  /** The worker's wasm heap: { inUse, heapSize } in bytes (see memoryUse in lrplay.js). */
  memory() {
    return this.#call('memory');
  }
}
