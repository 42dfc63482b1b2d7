// The scheduler-state panel: ReduceLROnPlateau's best value, bad-epoch count and cooldown, live;
// for StepLR the countdown to the next cut; for ExponentialLR a note that it keeps no state.
import { formatLr, formatPct } from './format.js';

const METRIC_NAMES = {
  val_loss: 'validation loss',
  val_acc: 'validation accuracy',
  train_loss: 'training loss',
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A row: label (with an explanation under it) and a value. */
function row(label, value, help) {
  const div = el('div', 'state-row');
  const dt = el('dt', null, label);
  const dd = el('dd', 'num', value);
  div.append(dt, dd);
  if (help) div.append(el('dd', 'help', help));
  return div;
}

/** A bar of `total` cells with `filled` on; the last cell can be flagged as the trigger. */
function bar(filled, total, label, trigger) {
  const wrapper = el('dd', 'bar');
  wrapper.setAttribute('role', 'progressbar');
  wrapper.setAttribute('aria-label', label);
  wrapper.setAttribute('aria-valuemin', '0');
  wrapper.setAttribute('aria-valuemax', String(total));
  wrapper.setAttribute('aria-valuenow', String(filled));
  if (total <= 40) {
    for (let i = 0; i < total; i++) {
      const cell = el('span', 'cell');
      if (i < filled) cell.classList.add('on');
      if (trigger && i === total - 1) cell.classList.add('trigger');
      wrapper.append(cell);
    }
  } else {
    const fill = el('span', 'fill');
    fill.style.setProperty('width', `${(100 * filled) / total}%`);
    wrapper.classList.add('continuous');
    wrapper.append(fill);
  }
  return wrapper;
}

export class SchedulerPanel {
  constructor(root) {
    this.title = root.querySelector('#state-title');
    this.subtitle = root.querySelector('#state-subtitle');
    this.body = root.querySelector('#state-body');
  }

  /** A new run: remember its settings, forget the best epoch. */
  reset(settings) {
    this.settings = settings;
    this.state = null;
    this.epoch = 0;
    this.bestEpoch = null;
    this.cuts = 0;
    this.lastCut = null;
  }

  /** Called after every epoch (record r), so the panel knows when the best was set and the cuts. */
  observe(state, r) {
    if (state.best !== null && state.best !== this.state?.best) this.bestEpoch = r.epoch;
    if (r.lrChanged) [this.cuts, this.lastCut] = [this.cuts + 1, r.epoch];
    this.state = state;
    this.epoch = r.epoch;
  }

  render() {
    const s = this.settings;
    const body = {
      plateau: () => this.#plateau(),
      step: () => this.#stepLR(),
      exp: () => this.#exponential(),
    }[s.scheduler];
    this.body.replaceChildren(...body());
  }

  #plateau() {
    const s = this.settings;
    const st = this.state ?? { best: null, numBadEpochs: 0, cooldownCounter: 0 };
    const [patience, cooldown, bad] = [Number(s.patience), Number(s.cooldown), st.numBadEpochs];
    const fmt = s.monitor === 'val_acc' ? formatPct : (v) => String(Number(v.toPrecision(5)));
    const better = s.mode === 'min' ? 'lower' : 'higher';
    this.#heading('ReduceLROnPlateau', `watches ${METRIC_NAMES[s.monitor]}; ${better} is better`);
    const badRow = el('div', 'state-row');
    badRow.append(
      el('dt', null, 'Bad epochs'),
      el('dd', 'num', `${bad} / ${patience}`),
      bar(bad, patience + 1, `bad epochs: ${bad} of patience ${patience}`, true),
      el('dd', 'help', `In a row without a new best. At ${patience + 1} (red) the rate is cut.`),
    );
    const rows = [
      st.best === null
        ? row('Best so far', 'none yet', 'Set by the first step; nothing is bad before it.')
        : row('Best so far', `${fmt(st.best)} at epoch ${this.bestEpoch}`, this.#target(st.best)),
      badRow,
    ];
    rows.push(
      cooldown > 0
        ? row(
            'Cooldown',
            `${st.cooldownCounter} of ${cooldown} epochs left`,
            'Right after a cut, bad epochs are not counted.',
          )
        : row('Cooldown', 'off (cooldown = 0)'),
    );
    if (this.epoch > 0) {
      const cuts = this.cuts ? `${this.cuts} (last after epoch ${this.lastCut})` : 'none yet';
      rows.push(row('Cuts', cuts, this.cuts ? 'A cut resets bad epochs but keeps the best.' : ''));
      const next =
        this.epoch + st.cooldownCounter + patience + 1 - (st.cooldownCounter > 0 ? 0 : bad);
      rows.push(
        next > Number(s.epochs)
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
    const when = this.epoch ? ` after epoch ${this.epoch}` : ' before training';
    this.title.replaceChildren(name, el('span', 'muted', when));
    this.subtitle.textContent = subtitle;
  }

  /** "Beaten only below 1.07714 = best × (1 − 0.0001)." (or above, abs, in %) */
  #target(best) {
    const s = this.settings;
    const t = Number(s.threshold);
    const sign = s.mode === 'min' ? -1 : 1;
    const value = s.threshold_mode === 'rel' ? best * (1 + sign * t) : best + sign * t;
    const op = sign < 0 ? '\u2212' : '+';
    const rule =
      s.threshold_mode === 'rel'
        ? `best \u00d7 (1 ${op} ${s.threshold})`
        : `best ${op} ${s.threshold}`;
    const shown = s.monitor === 'val_acc' ? formatPct(value) : String(Number(value.toPrecision(6)));
    return `Beaten only ${sign < 0 ? 'below' : 'above'} ${shown} = ${rule}.`;
  }

  #stepLR() {
    const s = this.settings;
    const size = Number(s.step_size);
    const since = this.epoch % size;
    this.#heading('StepLR', 'a timetable: it never looks at the model');
    const count = el('div', 'state-row');
    count.append(
      el('dt', null, 'Since last cut'),
      el('dd', 'num', `${since} / ${size} epochs`),
      bar(since, size, `epochs since the last cut: ${since} of ${size}`, false),
    );
    const next = this.epoch - since + size;
    const dl = el('dl', 'state-list');
    dl.append(
      row(
        'Rule',
        `rate \u00d7 ${s.gamma} every ${size} epochs`,
        'lr after epoch t = lr\u2080 \u00d7 gamma^floor(t / step_size).',
      ),
      count,
      row('Next cut', next > Number(s.epochs) ? 'none before the run ends' : `after epoch ${next}`),
    );
    return [dl];
  }

  #exponential() {
    const s = this.settings;
    this.#heading('ExponentialLR', 'a timetable: it never looks at the model');
    const dl = el('dl', 'state-list');
    const halfLife = Math.log(0.5) / Math.log(Number(s.gamma));
    dl.append(
      row(
        'Rule',
        `rate \u00d7 ${s.gamma} after every epoch`,
        'lr after epoch t = lr\u2080 \u00d7 gamma^t: a straight line on the log chart.',
      ),
      row(
        'Halves every',
        Number.isFinite(halfLife) && halfLife > 0
          ? `${halfLife.toFixed(1)} epochs`
          : 'never (gamma \u2265 1)',
      ),
      row(
        'After epoch ' + s.epochs,
        formatLr(Number(s.lr) * Number(s.gamma) ** Number(s.epochs)),
        'Where the timetable ends.',
      ),
    );
    return [dl];
  }
}
