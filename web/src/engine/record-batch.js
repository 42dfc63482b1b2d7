// @ts-check
// The epoch records on their way from the worker to the page. The core writes a batch of one run's
// epochs as rows of numbers in a Float64Array with the few texts apart (cpp/wasm/record_batch.hpp);
// the worker posts it with its buffers transferred; the page makes the EpochRecords of
// model/records.js from it here, with the members every record of the run shares, which come once
// with the run (its RecordFrame). Posting one object per epoch cost more than training it in wasm
// (docs/wasm-speed.md, "The records' cost"). No DOM and no wasm here: the page imports it.

/**
 * What every record of a run shares, sent once with the run (engine/worker.js's create answer).
 * @typedef {object} RecordFrame
 * @property {RecordLayout} layout  the core's names for the rows' columns, flags and texts
 * @property {string} scheduler     the schedulerState members that only the settings decide
 * @property {number} patience
 * @property {number} cooldown
 */

/**
 * The core's layout of a batch (record_layout_to_js in cpp/wasm/record_batch.cpp).
 * @typedef {object} RecordLayout
 * @property {number} width                     numbers per row
 * @property {Record<string, number>} columns   { epoch: 0, trainLoss: 1, ... }
 * @property {Record<string, number>} flags     the bits of the `flags` column
 * @property {string[]} texts                   the texts' kinds: reason, actor, lessonLine, message
 * @property {string[]} events                  the `event` column's names, by value (EventKind in cpp/scheduler.hpp)
 * @property {number} explodingFactor           the `exploding` flag's factor (kExplodingFactor, cpp/trainer.hpp)
 */

/**
 * Epochs of one run as the worker posts them (Run.runBatch in engine/lrplay.js).
 * @typedef {object} RecordBatch
 * @property {number} rows                 epochs in it
 * @property {Float64Array} numbers        rows x layout.width
 * @property {Float64Array} steps          each row's stepLrs then stepMomenta, row after row
 * @property {Array<number | string>} texts  [row, kind (an index into layout.texts), text, ...] by row;
 *   the actors (one text each) on a batch's first row and where they change, a reason where there
 *   is one
 */

/** The buffers to transfer with a message carrying these batches: the page gets them, no copy. */
export function batchBuffers(batches) {
  return batches.flatMap((b) => [b.numbers.buffer, b.steps.buffer]);
}

/**
 * The batch's EpochRecords (model/records.js), in order.
 * @param {RecordBatch} batch
 * @param {RecordFrame} frame
 * @returns {import('../model/records.js').EpochRecord[]}
 */
export function recordsOf(batch, frame) {
  const { width, columns: c, flags: f, texts: kinds, events } = frame.layout;
  const { numbers, steps, texts } = batch;
  const records = [];
  let t = 0; // the next text
  let s = 0; // the next step value
  /** @type {string[]} */
  let actors = [];
  for (let row = 0; row < batch.rows; row++) {
    const at = row * width;
    let reason = '';
    let reasonAfterEpoch = '';
    let lessonLine = null;
    let message = '';
    let rowActors = null; // this row's actors, when the core sent them (they changed)
    for (; t < texts.length && texts[t] === row; t += 3) {
      const [kind, text] = [kinds[Number(texts[t + 1])], String(texts[t + 2])];
      if (kind === 'reason') reason = text;
      else if (kind === 'reasonAfterEpoch') reasonAfterEpoch = text;
      else if (kind === 'actor') (rowActors ??= []).push(text);
      else if (kind === 'lessonLine') lessonLine = text;
      else message = text;
    }
    if (rowActors) actors = rowActors;
    const flags = numbers[at + c.flags];
    const lrSteps = numbers[at + c.stepLrs];
    const momentumSteps = numbers[at + c.stepMomenta];
    const epoch = numbers[at + c.epoch];
    if (flags & f.diverged) {
      records.push({ epoch, diverged: true, message });
      s += lrSteps + momentumSteps;
      continue;
    }
    const best = numbers[at + c.best];
    const trainLoss = numbers[at + c.trainLoss];
    /** @type {import('../model/records.js').EpochRecord} */
    const record = {
      epoch,
      trainLoss,
      valLoss: numbers[at + c.valLoss],
      valAcc: numbers[at + c.valAcc],
      lrUsed: numbers[at + c.lrUsed],
      lr: numbers[at + c.lr],
      lrChanged: (flags & f.lrChanged) !== 0,
      reason,
      reasonAfterEpoch,
      event: events[numbers[at + c.event]],
      discreteEvents: numbers[at + c.discreteEvents],
      actors,
      diverged: false,
      schedulerState: {
        scheduler: frame.scheduler,
        lastEpoch: numbers[at + c.lastEpoch],
        best: Number.isFinite(best) ? best : null,
        numBadEpochs: numbers[at + c.numBadEpochs],
        cooldownCounter: numbers[at + c.cooldownCounter],
        patience: frame.patience,
        cooldown: frame.cooldown,
      },
      lessonLine,
      exploding: (flags & f.exploding) !== 0,
    };
    if (record.exploding) record.explodingFactor = frame.layout.explodingFactor;
    if (flags & f.outlook)
      record.plateauOutlook = {
        cutEpoch: numbers[at + c.cutEpoch],
        threshold: flags & f.threshold ? numbers[at + c.threshold] : null,
      };
    if (lrSteps) record.stepLrs = steps.subarray(s, (s += lrSteps));
    if (momentumSteps) record.stepMomenta = steps.subarray(s, (s += momentumSteps));
    if (flags & f.momentum) record.momentum = numbers[at + c.momentum];
    records.push(record);
  }
  return records;
}
