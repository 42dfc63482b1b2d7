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
    this.body = root.querySelector('#state-body');
  }

  /** A new run: remember its settings, forget the best epoch. */
  reset(settings) {
    this.settings = settings;
    this.state = null;
    this.epoch = 0;
    this.bestEpoch = null;
  }

  /** Called after every epoch, so the epoch that set the best value is known even at full speed. */
  observe(state, epoch) {
    if (state.best !== null && state.best !== this.state?.best) this.bestEpoch = epoch;
    this.state = state;
    this.epoch = epoch;
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
    const patience = Number(s.patience);
    const cooldown = Number(s.cooldown);
    const fmt = s.monitor === 'val_acc' ? formatPct : (v) => String(Number(v.toPrecision(5)));
    this.#heading('ReduceLROnPlateau state');
    const watching = `${METRIC_NAMES[s.monitor]}, mode ${s.mode} (${s.mode === 'min' ? 'lower' : 'higher'} is better)`;
    const bad = el('div', 'state-row');
    bad.append(
      el('dt', null, 'Bad epochs'),
      el('dd', 'num', `${st.numBadEpochs} / ${patience}`),
      bar(
        st.numBadEpochs,
        patience + 1,
        `bad epochs: ${st.numBadEpochs} of patience ${patience}`,
        true,
      ),
      el(
        'dd',
        'help',
        `Epochs in a row that did not beat the best. The rate is cut when this exceeds patience, at ${patience + 1} (the red cell).`,
      ),
    );
    const rows = [
      row('Watching', watching),
      st.best === null
        ? row(
            'Best so far',
            'none yet',
            'The first step sets it; no epoch counts as bad before that.',
          )
        : row(
            'Best so far',
            `${fmt(st.best)} at epoch ${this.bestEpoch}`,
            `To beat it, a value must be ${this.#target(st.best, fmt)}.`,
          ),
      bad,
      cooldown === 0
        ? row('Cooldown', 'off (0)', 'Epochs after a cut in which bad epochs are not counted.')
        : row(
            'Cooldown',
            `${st.cooldownCounter} of ${cooldown} epochs left`,
            'Right after a cut, bad epochs are not counted.',
          ),
    ];
    if (this.epoch > 0) {
      const next =
        this.epoch +
        st.cooldownCounter +
        patience +
        1 -
        (st.cooldownCounter > 0 ? 0 : st.numBadEpochs);
      rows.push(
        next > Number(s.epochs)
          ? row('Next cut', `none before the run ends (epoch ${next} at the earliest)`)
          : row('Next cut', `after epoch ${next}, unless the metric improves first`),
      );
    }
    const dl = el('dl', 'state-list');
    dl.append(...rows);
    return [dl];
  }

  #heading(name) {
    const when = el(
      'span',
      'muted',
      this.epoch ? ` after epoch ${this.epoch}` : ' before training',
    );
    this.title.replaceChildren(name, when);
  }

  #target(best, fmt) {
    const s = this.settings;
    const t = Number(s.threshold);
    const min = s.mode === 'min';
    const value = s.threshold_mode === 'rel' ? best * (min ? 1 - t : 1 + t) : best + (min ? -t : t);
    const rule =
      s.threshold_mode === 'rel'
        ? `best \u00d7 (1 ${min ? '\u2212' : '+'} ${s.threshold})`
        : `best ${min ? '\u2212' : '+'} ${s.threshold}`;
    const shown = s.monitor === 'val_acc' ? formatPct(value) : String(Number(value.toPrecision(6)));
    return `${min ? 'below' : 'above'} ${shown} (${rule})`;
  }

  #stepLR() {
    const s = this.settings;
    const size = Number(s.step_size);
    const since = this.epoch % size;
    this.#heading('StepLR timetable');
    const count = el('div', 'state-row');
    count.append(
      el('dt', null, 'Epochs since the last cut'),
      el('dd', 'num', `${since} / ${size}`),
      bar(since, size, `epochs since the last cut: ${since} of ${size}`, false),
      el('dd', 'help', 'StepLR follows a timetable; it never looks at the loss.'),
    );
    const dl = el('dl', 'state-list');
    dl.append(
      row(
        'Rule',
        `rate \u00d7 ${s.gamma} every ${size} epochs`,
        'lr after epoch t = lr\u2080 \u00d7 gamma^floor(t / step_size).',
      ),
      count,
      row('Next cut', `after epoch ${this.epoch - since + size}`),
    );
    return [dl];
  }

  #exponential() {
    const s = this.settings;
    this.#heading('ExponentialLR timetable');
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
        'Where the timetable ends. It keeps no state and never looks at the model.',
      ),
    );
    return [dl];
  }
}
