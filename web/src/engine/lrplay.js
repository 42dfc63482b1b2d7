// The only module that talks to the WebAssembly core. It owns every Embind object it creates and
// deletes it in dispose(). No DOM here: node's tests import this file exactly as the page does.
import createLrplay from '../wasm/lrplay.js';
import { recordsOf } from './record-batch.js';

/** Loads the wasm module. In node, pass { wasmBinary } (Node 20 cannot fetch a file path). */
export function loadCore(moduleOptions = {}) {
  return createLrplay(moduleOptions);
}

/** The settings with every default filled in, as strings; throws an Error naming a bad setting. */
export function normalizeSettings(core, settings) {
  return core.normalizeSettings(settings);
}

/** Learning rate after each scheduler step, one step per entry of `metrics` (plateau reads them). */
export function schedulePreview(core, settings, metrics) {
  return core.schedulePreview(settings, metrics);
}

/**
 * The core's settings table: [{ key, flag, kind, choices, min, max, ends, default, defaultsBy,
 * choicesBy, rangesBy, appliesTo, pytorchName, help, minItems, maxItems, itemNames, maxLength }].
 */
export function settingsSchema(core) {
  return core.settingsSchema();
}

/**
 * { rows, features, classes, classNames, classColumnHoldsNames, classNote } of a CSV as the core's
 * loader reads it (classNames: the names of classes 0, 1, ..., the class column's or scikit-learn's
 * header's, [] when nothing names them; classColumnHoldsNames: the column holds names, not
 * integers; classNote: the core's word on a column that mixes the two, or ''); throws an Error
 * with the loader's message (`source`, line and column, what is wrong and what is accepted).
 */
export function datasetInfo(core, csvText, source) {
  return core.datasetInfo(csvText, source);
}

/**
 * { maxEpochs, maxHiddenLayers, maxHiddenWidth, maxCsvBytes, maxClasses }: the stated limits help
 * texts quote.
 */
export function limits(core) {
  return core.limits();
}

/** { choice: PyTorch class } for every scheduler choice but none ({ step: 'StepLR', … }). */
export function schedulerClasses(core) {
  return core.schedulerClasses();
}

/** The LR range test's settings: [{ key, default, help, choices }] (start_lr, end_lr, num_iter, …). */
export function lrFindSettings(core) {
  return core.lrFindSettings();
}

/**
 * Checks the range test's own settings (`range`: values as text; missing ones keep their defaults)
 * as `lrplay lr-find` checks its flags, without running it. Throws an Error naming the bad one.
 */
export function checkLrFindSettings(core, range) {
  core.checkLrFindSettings(range);
}

/**
 * The LR range test (`lrplay lr-find`) for a run's settings on its data, with the range test's own
 * settings in `range`: { lr: Float64Array, loss: Float32Array, smoothedLoss: Float64Array,
 * suggestion: number or null (too few rows), noSuggestion: null, or without a suggestion the core's
 * sentence saying why (the CLI's "# No suggestion: ..." line) }. Throws an Error naming a bad setting.
 */
export function lrFind(core, settings, range, csvText) {
  return core.lrFind(settings, range, csvText);
}

/** The settings' scheduler as a PyTorch expression, the optimizer left out ('' for none). */
export function scheduleExpression(core, settings) {
  return core.scheduleExpression(settings);
}

/**
 * What a PyTorch expression is in the form's terms: { expressible, settings (every setting of its
 * scheduler, as strings, schedule: ''), reason, schedulers (the --scheduler choice of every class
 * it calls, once each) }; throws "schedule: column N: ..." for a bad one.
 */
export function scheduleForm(core, text) {
  return core.scheduleForm(text);
}

/**
 * The settings' scheduler as Python with `optimizer` inserted; a OneCycleLR without total_steps
 * gets total_steps=<runStepsCode> ('' for none).
 */
export function schedulePython(core, settings, runStepsCode) {
  return core.schedulePython(settings, runStepsCode);
}

/** { inUse: bytes malloc has handed out, heapSize: the wasm memory's size } (for leak tests). */
export function memoryUse(core) {
  return { inUse: core.heapInUse(), heapSize: core.HEAP8.length };
}

const layouts = new WeakMap(); // core -> its record layout (record-batch.js's RecordLayout)

/** A batch of no epochs (record-batch.js's RecordBatch). */
const emptyBatch = () => ({
  rows: 0,
  numbers: new Float64Array(0),
  steps: new Float64Array(0),
  texts: [],
});

/** One training run: the lesson's loop stepped one epoch at a time. */
export class Run {
  #trainer;

  /**
   * Throws an Error whose message names the bad setting or the bad line of the CSV; `source` names
   * the data in those messages (a file name).
   */
  constructor(core, settings, csvText, source = 'the data') {
    this.settings = core.normalizeSettings(settings);
    this.#trainer = new core.Trainer(settings, csvText, source);
    if (!layouts.has(core)) layouts.set(core, core.recordLayout());
    const { scheduler, patience, cooldown } = this.#trainer.schedulerState();
    /**
     * What every record of this run shares (record-batch.js's RecordFrame): the worker sends it
     * once, with the run, and the page makes each batch's records with it.
     */
    this.recordFrame = { layout: layouts.get(core), scheduler, patience, cooldown };
  }

  /**
   * One epoch: an EpochRecord (model/records.js, the one description of a record: the core's
   * numbers, its scheduler state, lesson line and, for ReduceLROnPlateau, its outlook), or, when
   * the loss stops being finite, { epoch, diverged: true, message }. Throws once the run is over.
   */
  step() {
    return recordsOf(this.#trainer.run(1), this.recordFrame)[0];
  }

  /**
   * Up to n epochs as the page's worker trains them, as one RecordBatch (record-batch.js: rows of
   * numbers, the texts apart): one call into wasm for all of them. Stops early at the end of the
   * run or at divergence; no epochs once the run is over.
   */
  runBatch(n) {
    if (this.finished || this.divergedAt) return emptyBatch();
    return this.#trainer.run(n);
  }

  /** The same epochs as EpochRecords (what the page makes of the batch). */
  run(n) {
    return recordsOf(this.runBatch(n), this.recordFrame);
  }

  reset() {
    this.#trainer.reset();
  }

  /** { epoch: Int32Array, trainLoss, valLoss, valAcc: Float32Array, lr: Float64Array } (copies). */
  history() {
    return this.#trainer.history();
  }

  /**
   * The core's timetable of this run (its settings and its batches: a scheduler stepped per batch
   * counts them): { name (the PyTorch class built at the root), rates: Float64Array after epochs
   * 1..epochs (empty for ReduceLROnPlateau or a run too long to plan), cuts: [epochs] (discrete
   * decreases), rises: [epochs] (discrete increases: a restart, ConstantLR's end, a warm-up's end),
   * restarts: [epochs] (those rises that are warm restarts), smooth, rule (StepLR's),
   * stepsPerEpoch, unplanned (why no rates, or '') }.
   */
  timetable() {
    return this.#trainer.timetable();
  }

  /** { scheduler, lastEpoch, best (null before the first step), numBadEpochs, cooldownCounter, patience, cooldown } */
  schedulerState() {
    return this.#trainer.schedulerState();
  }

  /** The CSV export of the finished epochs: "epoch,train_loss,val_loss,val_acc,lr" rows. */
  csv() {
    return this.#trainer.csv();
  }

  get epoch() {
    return this.#trainer.epoch;
  }
  get epochs() {
    return this.#trainer.epochs;
  }
  get finished() {
    return this.#trainer.finished;
  }
  get divergedAt() {
    return this.#trainer.divergedAt;
  }
  get lr() {
    return this.#trainer.lr;
  }
  get trainSize() {
    return this.#trainer.trainSize;
  }
  get valSize() {
    return this.#trainer.valSize;
  }
  /** The training split's most common class (of a tie, the lowest): its index. */
  get majorityClass() {
    return this.#trainer.majorityClass;
  }
  /** Validation rows of the training split's most common class: what naming it always scores. */
  get majorityCorrect() {
    return this.#trainer.majorityCorrect;
  }
  /** Optimizer steps per epoch: 1 for the full batch, else the mini-batches of an epoch. */
  get batchesPerEpoch() {
    return this.#trainer.batchesPerEpoch;
  }
  /** The scheduler cycles SGD's momentum or Adam's beta1 (records then carry `momentum`). */
  get cyclesMomentum() {
    return this.#trainer.cyclesMomentum;
  }
  /** 'momentum' (SGD) or 'beta1' (Adam, AdamW): what cyclesMomentum cycles. */
  get momentumName() {
    return this.#trainer.momentumName;
  }

  dispose() {
    this.#trainer?.delete();
    this.#trainer = null;
  }
}
