// The scheduler-state panel: ReduceLROnPlateau's best value, bad-epoch count and cooldown, live, with
// the next cut and the value to beat as the core computes them (the record's plateauOutlook); for
// the timetable schedulers (timetable.js) the rule and where the run is on it (the core's timetable).
import { formatCount, formatNumber, formatPct } from '../model/format.js';
import { SCHEDULERS, SETTING } from '../model/settings.js';
import { setText } from './dom.js';
import { barRow, el, row } from './state-rows.js';
import { timetablePanel } from './timetable.js';

/** The monitored metric in words: the monitor field's label for it (settings.js), not a copy. */
const metricName = (monitor) =>
  SETTING.monitor?.options.find(([value]) => value === monitor)?.[1] ?? monitor;

export class SchedulerPanel {
  constructor(root) {
    this.name = root.querySelector('#state-name');
    this.when = root.querySelector('#state-when');
    this.subtitle = root.querySelector('#state-subtitle');
    this.body = root.querySelector('#state-body');
  }

  /** A new run (a RunHandle, with the core's timetable): remember it, forget the best epoch. */
  reset(run) {
    this.settings = run.settings;
    this.timetable = run.timetable;
    this.initialLr = run.lr;
    this.state = null;
    this.outlook = null;
    this.epoch = 0;
    this.bestEpoch = null;
    this.cuts = 0;
    this.lastCut = null;
  }

  /**
   * Called after every epoch (record r), so the panel knows when the best was set and the cuts.
   * @param {import('../model/records.js').EpochRecord} r
   */
  observe(state, r) {
    if (state.best !== null && state.best !== this.state?.best) this.bestEpoch = r.epoch;
    if (r.lrChanged) [this.cuts, this.lastCut] = [this.cuts + 1, r.epoch];
    this.state = state;
    this.outlook = r.plateauOutlook ?? null;
    this.epoch = r.epoch;
  }

  render() {
    const table = timetablePanel(this.settings, this.timetable, this.initialLr, this.epoch);
    let dl;
    if (table) {
      this.#heading(table.name, table.subtitle);
      dl = el('dl', 'state-list');
      dl.append(...table.rows);
    } else {
      [dl] = this.#plateau();
    }
    // Drawn every frame while playing, though the rows often stay the same for many epochs: the
    // nodes on the page are replaced only when the new ones differ (a replacement is laid out and
    // painted again; the comparison is not).
    const [shown] = this.body.children;
    if (!shown?.isEqualNode(dl)) this.body.replaceChildren(dl);
  }

  #plateau() {
    const s = this.settings;
    const st = this.state ?? { best: null, numBadEpochs: 0, cooldownCounter: 0 };
    const [patience, cooldown, bad] = [Number(s.patience), Number(s.cooldown), st.numBadEpochs];
    const fmt = s.monitor === 'val_acc' ? formatPct : (v) => formatNumber(v, 5);
    const better = s.mode === 'min' ? 'lower' : 'higher';
    this.#heading(SCHEDULERS.plateau.name, `watches ${metricName(s.monitor)}; ${better} is better`);
    const badRow = barRow(
      'Bad epochs',
      `${formatCount(bad)} / ${formatCount(patience)}`,
      { filled: bad, total: patience + 1, trigger: true },
      `bad epochs: ${formatCount(bad)} of patience ${formatCount(patience)}`,
      `In a row without a new best. At ${formatCount(patience + 1)} (red) the rate is cut.`,
    );
    const rows = [
      st.best === null
        ? row('Best so far', 'none yet', 'Set by the first step; nothing is bad before it.')
        : row('Best so far', `${fmt(st.best)} at epoch ${this.bestEpoch}`, this.#target()),
      badRow,
    ];
    rows.push(
      cooldown > 0
        ? row(
            'Cooldown',
            `${formatCount(st.cooldownCounter)} of ${formatCount(cooldown)} epochs left`,
            'Right after a cut, bad epochs are not counted.',
          )
        : row('Cooldown', 'off (cooldown = 0)'),
    );
    if (this.epoch > 0) {
      const cuts = this.cuts
        ? `${formatCount(this.cuts)} (last after epoch ${this.lastCut})`
        : 'none yet';
      rows.push(row('Cuts', cuts, this.cuts ? 'A cut resets bad epochs but keeps the best.' : ''));
      const next = this.outlook?.cutEpoch ?? 0;
      rows.push(
        !next
          ? row('Next cut', `none before the run ends`)
          : row(
              'Next cut',
              `after epoch ${next}`,
              'At the earliest: a new best restarts the count.',
            ),
      );
    }
    const dl = el('dl', 'state-list');
    dl.append(...rows);
    return [dl];
  }

  #heading(name, subtitle) {
    setText(this.name, name);
    setText(this.when, this.epoch ? ` after epoch ${this.epoch}` : ' before training');
    setText(this.subtitle, subtitle);
  }

  /** "Beaten only below 1.07714 = best × (1 − 0.0001)." (the value is the core's; or above, abs, in %) */
  #target() {
    const s = this.settings;
    const value = this.outlook?.threshold;
    if (value === null || value === undefined) return '';
    const below = s.mode === 'min';
    const op = below ? '\u2212' : '+';
    const rule =
      s.threshold_mode === 'rel'
        ? `best \u00d7 (1 ${op} ${s.threshold})`
        : `best ${op} ${s.threshold}`;
    const shown = s.monitor === 'val_acc' ? formatPct(value) : formatNumber(value, 6);
    return `Beaten only ${below ? 'below' : 'above'} ${shown} = ${rule}.`;
  }
}
