// The compare session: two or three runs trained side by side from the same starting weights, each
// with its own scheduler (a config, model/compare-runs.js) and the single run's other settings. Same
// interface as SingleSession (see session/single.js); views/compare.js shows it.
import {
  STYLES,
  compareHash,
  configOf,
  defaultConfigs,
  nextConfig,
  runSettings,
  schedulerConfig,
} from '../model/compare-runs.js';
import { partsOf } from './drawing.js';

export class CompareSession {
  /**
   * engine: the Engine; view: the CompareView; shared(): the single run's applied settings (what
   * every run shares); status: the StatusLine; onReplace(): new runs exist, the old ones go next;
   * onStart(): the new runs are in place (the page updates the hash and redraws).
   */
  constructor({ engine, view, shared, status, onReplace, onStart }) {
    Object.assign(this, { engine, view, shared, status, onReplace, onStart });
    this.runs = [];
    this.configs = [];
    this.slots = []; // slots[i]: the STYLES index (letter, colour) of run i, kept when another goes
    this.sharedKey = null; // the shared settings the runs were built with
    this.from = null; // the single run's config the default runs were built from
    this.parts = partsOf(view.renderers, (r) => r.render());
  }

  get epoch() {
    return Math.max(...this.runs.map((r) => r.epoch));
  }

  /** The hash's part for the compared runs (after the shared settings). */
  hash() {
    return compareHash(this.configs, this.slots);
  }

  #sharedKey() {
    return JSON.stringify(runSettings(this.shared(), {}));
  }

  /**
   * New runs from `configs` (wearing STYLES[slots[i]]) and the shared settings; rejects (changing
   * nothing) if one is invalid, with the core's Error of the first refused run, its letter added
   * (`runLetter`).
   */
  async start(configs, message, slots = configs.map((_, i) => i)) {
    const shared = this.shared();
    const made = await Promise.allSettled(
      configs.map((c) => this.engine.create(runSettings(shared, c))),
    );
    const fresh = made.filter((m) => m.status === 'fulfilled').map((m) => m.value);
    const failed = made.findIndex((m) => m.status === 'rejected');
    if (failed >= 0) {
      this.engine.dispose(fresh);
      const { reason } = /** @type {PromiseRejectedResult} */ (made[failed]);
      throw Object.assign(reason, { runLetter: STYLES[slots[failed]].letter });
    }
    this.onReplace();
    this.engine.dispose(this.runs);
    Object.assign(this, { runs: fresh, configs, slots, sharedKey: this.#sharedKey() });
    this.from = JSON.stringify(configOf(shared));
    this.view.reset(fresh, configs, slots);
    this.status.reset(message);
    this.onStart();
  }

  /** The default runs, run A being the single run's own scheduler. */
  startDefault(message) {
    return this.start(defaultConfigs(configOf(this.shared())), message);
  }

  /**
   * Entering compare mode: builds the runs if the single run changed since (run A is the learner's
   * own run) or the shared settings did; else the comparison comes back as it was.
   */
  async enter() {
    const fresh = this.from !== JSON.stringify(configOf(this.shared()));
    if (fresh || this.sharedKey !== this.#sharedKey()) {
      await this.start(
        fresh ? defaultConfigs(configOf(this.shared())) : this.configs,
        'Compare mode: the runs train side by side from the same starting weights. Press Step or Run to end; edit each run under Compared runs.',
      );
    } else {
      this.status.reset('Compare mode: back to the compared runs.');
    }
  }

  /**
   * Run i's setting `key` changed (a bad value is explained next to its field, or next to the field
   * the core's refusal names, views/refusal.js).
   */
  async change(i, key, value) {
    const configs = this.configs.map((c) => ({ ...c }));
    configs[i] = key === 'scheduler' ? schedulerConfig(value) : { ...configs[i], [key]: value };
    const was = this.configs[i][key];
    try {
      const what = `run ${STYLES[this.slots[i]].letter}: ${key} = ${value} (was ${was})`;
      await this.start(
        configs,
        `Compared runs restarted with ${what}. Press Step or Run to end.`,
        this.slots,
      );
      this.view.editors.clearError(i, key);
      // Values refused because of this setting's old value are tried again with the new one.
      this.view.editors.retryRefusedAt(i, key);
    } catch (error) {
      this.view.editors.refuse(i, key, value, error);
    }
  }

  /** A new run takes the first letter (and colour) no run wears; the others keep theirs. */
  add() {
    const slot = STYLES.findIndex((_, k) => !this.slots.includes(k));
    return this.start(
      [...this.configs, nextConfig(this.configs)],
      `Added run ${STYLES[slot].letter}; every run starts again from epoch 0.`,
      [...this.slots, slot],
    );
  }

  remove(i) {
    this.view.editors.clear();
    const keep = (_, k) => k !== i;
    return this.start(
      this.configs.filter(keep),
      `Removed run ${STYLES[this.slots[i]].letter}; the others keep their letters and start again from epoch 0.`,
      this.slots.filter(keep),
    );
  }

  /** @param {import('../model/records.js').EpochRecord[][]} batches the new records of live[k] */
  record(live, batches) {
    live.forEach((run, k) =>
      batches[k].forEach((r) => this.view.addRecord(this.runs.indexOf(run), r)),
    );
    const { text, tone } = this.view.summary();
    this.status.set(text, tone);
  }

  async reset() {
    await this.engine.reset(this.runs);
    this.view.reset(this.runs, this.configs, this.slots);
    return 'Reset: every run back to epoch 0, from the same starting weights.';
  }

  /** The toolbar shows the runs' common epoch, no single rate, and "over" once every run is. */
  controls() {
    const over = this.runs.every((r) => r.over);
    return {
      run: { ...this.runs[0], epoch: this.epoch, lr: NaN, finished: over, divergedAt: 0 },
      last: null,
    };
  }
}
