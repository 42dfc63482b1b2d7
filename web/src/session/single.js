// The single-run session: the learner's own run, its settings and the views that follow it epoch by
// epoch. Same interface as CompareSession (session/compare.js), which main.js drives without knowing
// which one is on screen:
//   runs               the RunHandles on screen (engine/client.js)
//   epoch              the epoch shown in the toolbar
//   record(live, batches)  batches[k] holds the new records of live[k] (in order; see
//                      model/records.js's EpochRecord)
//   reset()            every run back to epoch 0; resolves to the status sentence
//   controls()         what the toolbar shows: { run, last (the last epoch kept) } for Controls.render
//   parts              the drawing jobs (the same functions every time, so they queue once)
import { SCHEDULERS, SETTING, appliesTo, choose, defaults } from '../model/settings.js';
import { PRESETS, presetSettings } from '../model/presets.js';
import { partsOf } from './drawing.js';

/**
 * Views of the single run that need every epoch: { reset(run), record(r, run), render(run, last) },
 * each method optional.
 *   reset(run)        a new or reset run, at epoch 0, before its first record.
 *   record(r, run)    every epoch record (model/records.js's EpochRecord), in order, as batches arrive
 *                     from the worker. run is the RunHandle (engine/client.js) as it stands after the
 *                     whole batch, so read the epoch from r. Store here; draw in render().
 *   render(run, last) draw; called at most once per animation frame, after records arrived.
 *   chart             true when render() only draws on a canvas (a chart: session/drawing.js
 *                     draws those in frames of their own, apart from the page's text).
 * @typedef {{ reset?: Function, record?: Function, render?: Function, chart?: boolean }} EpochView
 */

export class SingleSession {
  /**
   * engine: the Engine; views: EpochView[]; onStart(session, message): a new run is in place (the
   * page shows its settings); onReplace(): called once new runs exist, before the old ones go.
   */
  constructor({ engine, views, onStart, onReplace }) {
    Object.assign(this, { engine, views, onStart, onReplace });
    this.run = null; // always built from valid settings
    this.values = defaults(); // the applied settings as the form holds them
    this.last = null; // the last epoch record of `run`
    // The last record that is not a divergence: the toolbar's losses and accuracy are that epoch's,
    // the last one kept, as the status line says after a divergence.
    this.kept = null;
    this.parts = partsOf(views, (v) => v.render(this.run, this.last));
  }

  get runs() {
    return [this.run];
  }

  get epoch() {
    return this.run.epoch;
  }

  get settings() {
    return this.run.settings; // the applied settings, normalized by the engine (all strings)
  }

  /** Replaces the run with a new one; rejects (and changes nothing) if `next` is invalid. */
  async start(next, message) {
    const fresh = await this.engine.create(next);
    this.onReplace();
    if (this.run) this.engine.dispose([this.run]);
    [this.run, this.values, this.last, this.kept] = [fresh, next, null, null];
    for (const view of this.views) view.reset?.(this.run);
    this.onStart(this, message);
  }

  /**
   * A new run with setting `key` changed; rejects with the core's message if the value is refused.
   * Resolves to the change in words ("lr = 0.1 (was 0.01)").
   */
  async change(key, value) {
    // A setting the user left at the old scheduler's default takes the new one's (the core's
    // defaultsBy), as the core does.
    const { next, reset } = choose(this.values, key, value);
    const name = SCHEDULERS[value]?.name ?? value;
    // "It also sets mode to triangular and gamma to 1, CyclicLR's defaults.": a sentence that
    // began with the setting's lower-case name ("mode set to triangular, gamma set to 1, the
    // default for CyclicLR.") read as a fragment.
    const sets = reset.map((k) => `${k} to ${next[k]}`);
    const list = sets.length > 1 ? `${sets.slice(0, -1).join(', ')} and ${sets.at(-1)}` : sets[0];
    const defaults = reset.length > 1 ? 'defaults' : 'default';
    let note = reset.length ? ` It also sets ${list}, ${name}\u2019s ${defaults}.` : '';
    // A warm-up chains before StepLR, ExponentialLR or CosineAnnealingLR only (the core's
    // appliesTo); the core rejects it with any other scheduler, whose form then hides the field, so
    // it goes back to none.
    const noWarmup = String(SETTING.warmup.default);
    if (
      key === 'scheduler' &&
      !appliesTo(SETTING.warmup, next) &&
      String(next.warmup) !== noWarmup
    ) {
      next.warmup = noWarmup;
      note += ` Warm-up removed: ${name} has none.`;
    }
    // A scheduler field changed while the PyTorch line set the scheduler: the fields take over.
    if (this.values.schedule && SETTING[key].group === 'scheduler' && key !== 'monitor') {
      next.schedule = '';
      note += ' The PyTorch line follows the fields again.';
    }
    const change = `${key} = ${value} (was ${this.values[key]})`;
    await this.start(
      next,
      `New run with ${change}.${note} Charts cleared; press Step or Run to end.`,
    );
    return change;
  }

  /**
   * The PyTorch line was edited to `text`. When the core finds it equal to one of the form's
   * schedulers, the fields take its settings (and the line shows the core's text of them);
   * otherwise the expression itself is the run's scheduler (the `schedule` setting). An empty line
   * goes back to the fields' scheduler. Rejects with the core's column message for a bad
   * expression; resolves to the change in words, or null when nothing changes.
   */
  async changeSchedule(text) {
    if (!text && !this.values.schedule) return null;
    const was = this.run.expression || 'none';
    let next = { ...this.values, schedule: text };
    let how = 'the scheduler fields are back';
    if (text) {
      const form = await this.engine.scheduleForm(text);
      if (form.expressible) {
        next = { ...this.values };
        for (const [key, value] of Object.entries(form.settings))
          next[key] = SETTING[key].kind === 'checkbox' ? value === 'true' : value;
        how = 'the scheduler fields now show it';
      } else {
        how = 'it is not one of the fields\u2019 schedulers, so the line sets the scheduler';
      }
    }
    const change = `the PyTorch line ${text || '(empty)'} (was ${was})`;
    await this.start(
      next,
      `New run with ${change}: ${how}. Charts cleared; press Step or Run to end.`,
    );
    return change;
  }

  /** A new run with preset `id`'s settings; `back` is appended to the status sentence. */
  loadPreset(id, back = '') {
    const changes = Object.entries(PRESETS[id].settings)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ');
    return this.start(
      presetSettings(id),
      `Loaded the ${id} preset (${changes || 'the lesson\u2019s defaults'}). New run from epoch 0.${back}`,
    );
  }

  /** @param {import('../model/records.js').EpochRecord[][]} batches the new records of live[k] */
  record(live, batches) {
    for (const r of batches[0] ?? []) {
      this.last = r;
      if (!r.diverged) this.kept = r;
      for (const view of this.views) view.record?.(r, this.run);
    }
  }

  async reset() {
    await this.run.reset();
    this.last = this.kept = null;
    for (const view of this.views) view.reset?.(this.run);
    return 'Reset to epoch 0: same settings, same starting weights. Press Step to train.';
  }

  controls() {
    return { run: this.run, last: this.kept };
  }
}
