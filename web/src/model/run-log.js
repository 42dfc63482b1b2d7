// @ts-check
// The run on screen as its settings and the list of its epoch records, for the views that read the
// whole run (practice checks, CSV export, chart summaries). It is one of main.js's epoch views
// (session/single.js's EpochView: reset(run), record(r)); the views subscribe to it. No DOM here.

export class RunLog {
  #listeners = [];
  #run = null;

  constructor() {
    this.settings = null; // the engine's normalized settings (all strings)
    /** @type {import('./records.js').EpochRecord[]} */
    this.records = []; // finite epochs, in order
    this.divergence = null; // { epoch, diverged: true, message } once the loss stopped being finite
  }

  /** listener(kind, log, record): kind 'new' (new settings), 'reset' (back to epoch 0), 'record'. */
  subscribe(listener) {
    this.#listeners.push(listener);
  }

  /** A run at epoch 0: a new one (new settings) or the same one again (Reset). run: { settings }. */
  reset(run) {
    const kind = run === this.#run ? 'reset' : 'new';
    this.#run = run;
    this.settings = run.settings;
    this.records = [];
    this.divergence = null;
    this.#emit(kind);
  }

  /**
   * One epoch record (a diverged one included), in order.
   * @param {import('./records.js').EpochRecord} record
   */
  record(record) {
    if (record.diverged) this.divergence = record;
    else this.records.push(record);
    this.#emit('record', record);
  }

  /** The run's handle (engine/client.js's RunHandle), e.g. to ask the core for its CSV. */
  get run() {
    return this.#run;
  }

  get last() {
    return this.records.at(-1) ?? null;
  }

  /** Every epoch trained, or stopped by divergence. */
  get over() {
    return this.divergence !== null || this.records.length >= Number(this.settings?.epochs);
  }

  #emit(kind, record) {
    for (const listener of this.#listeners) listener(kind, this, record);
  }
}
