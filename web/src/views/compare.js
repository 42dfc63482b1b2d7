// Compare mode's section: a legend, the overlaid charts, the table of each run's best epochs and the
// run editors. Fed per run with the same epoch records as single mode; built here, shown by main.js.
import { CompareCharts } from './compare-charts.js';
import { STYLES, describe } from '../model/compare-runs.js';
import { RunEditors } from './run-editors.js';
import { make, setText } from './dom.js';
import { withScrollEdge } from './scroll-edge.js';
import { describeChange } from './status.js';
import { formatCount, formatLoss, formatLr, formatPct, tidyExponents } from '../model/format.js';

/** A short line in the run's colour and dash, as drawn on the charts. */
function swatch(style) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 6');
  svg.setAttribute('class', 'swatch');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
  for (const [k, v] of Object.entries({ x1: 1, y1: 3, x2: 23, y2: 3, stroke: style.color })) {
    line.setAttribute(k, String(v));
  }
  line.setAttribute('stroke-width', '2.5');
  if (style.dash.length) line.setAttribute('stroke-dasharray', style.dash.join(' '));
  svg.append(line);
  return svg;
}

function chartCard(id, title, caption, { log, wide } = {}) {
  const canvas = make('canvas', { id: `compare-${id}-chart`, role: 'img' });
  canvas.dataset.testid = `compare-${id}-chart`;
  canvas.setAttribute('aria-label', `${title} of each compared run, per epoch`);
  const head = make('figcaption', { className: 'card-head' }, [make('h2', { textContent: title })]);
  const keys = make('span', { className: 'run-keys' });
  head.append(keys);
  let toggle = null;
  if (log) {
    toggle = make('input', { type: 'checkbox', checked: true });
    toggle.dataset.testid = `compare-${id}-log`;
    head.append(make('label', { className: 'toggle' }, [toggle, ' log']));
  }
  const box = make('div', { className: 'canvas-box' }, [canvas]);
  const node = make('figure', { className: `card chart-card${wide ? ' wide' : ''}` }, [
    head,
    box,
    make('p', { className: 'caption' }, typeof caption === 'string' ? [caption] : caption),
  ]);
  return { node, canvas, keys, toggle };
}

// Each epoch column says whose epoch it is: two columns both headed "epoch" read as one.
const HEADS = [
  'Run',
  'Lowest val. loss',
  'Loss epoch',
  'Best accuracy',
  'Accuracy epoch',
  'Final accuracy',
  'Rate now',
];
const COLS = ['loss', 'loss-epoch', 'acc', 'acc-epoch', 'acc-final', 'lr'];

/**
 * A run's name with a break opportunity after its "(" as well as after its commas: on a phone the
 * table's sticky run column is as wide as the name's longest unbroken piece, and
 * "LinearLR(start_factor=0.3333," left the best loss half out of view.
 */
function breakable(name) {
  const open = name.indexOf('(');
  return open < 0 ? [name] : [name.slice(0, open + 1), make('wbr'), name.slice(open + 1)];
}

export class CompareView {
  #canvases;
  #charts = null;

  /** on: the run editors' handlers { change(i, key, value), add(), remove(i) }. */
  constructor(section, on) {
    this.section = section;
    this.legend = make('ul', { className: 'compare-legend' });
    this.legend.dataset.testid = 'compare-legend';
    const loss = chartCard(
      'loss',
      'Validation loss',
      'Cross-entropy on the validation split after each epoch; lower is better.',
      { log: true },
    );
    // The runs share their data, so the single run's sizes and majority-class floor are theirs
    // (views/mode.js's showSizes fills the spans).
    const span = (className, textContent) => make('span', { className, textContent });
    const acc = chartCard('acc', 'Validation accuracy', [
      'Validation ',
      span('samples', 'wines'),
      ' whose class each run\u2019s model names correctly. Grey dashes: a model that always names the class most common in training',
      span('majority-name', ''),
      ', which scores ',
      span('majority', '38.9% (14 of 36)'),
      ': the floor to beat.',
    ]);
    const lr = chartCard(
      'lr',
      'Learning rate',
      'The rate after each epoch\u2019s scheduler.step(): where the runs part ways.',
      { log: true, wide: true },
    );
    const momentum = chartCard(
      'momentum',
      'Momentum',
      'SGD\u2019s momentum (Adam\u2019s beta1) after each step, for the runs whose scheduler cycles it.',
      { wide: true },
    );
    momentum.node.hidden = true;
    this.momentumCard = momentum.node;
    this.keys = [loss.keys, acc.keys, lr.keys, momentum.keys];
    this.table = make('table', { className: 'compare-table' });
    this.table.dataset.testid = 'compare-table';
    this.table.append(
      make('thead', {}, [
        make(
          'tr',
          {},
          HEADS.map((t) => make('th', { scope: 'col', textContent: t })),
        ),
      ]),
    );
    this.body = make('tbody');
    this.table.append(this.body);
    // On a phone the table scrolls sideways: reachable and scrollable from the keyboard, with a
    // fade at the right edge and a cue in the head while columns are hidden there.
    const scroll = withScrollEdge(
      make(
        'div',
        {
          className: 'table-scroll',
          tabIndex: 0,
          role: 'region',
          ariaLabel: 'Best epoch of each run',
        },
        [this.table],
      ),
    );
    scroll.cue.dataset.testid = 'compare-table-cue';
    const tableCard = make('section', { className: 'card table-card' }, [
      make('div', { className: 'card-head' }, [
        make('h2', { className: 'card-title', textContent: 'Best epoch of each run' }),
        scroll.cue,
      ]),
      scroll.edge,
      make('p', {
        className: 'caption',
        textContent:
          'Each run\u2019s lowest validation loss and highest validation accuracy so far, with the first epoch that reached them. \u2605 the best of the runs.',
      }),
    ]);
    const editors = make('form', { className: 'card compare-runs', noValidate: true });
    this.note = make('p', { className: 'help' });
    editors.append(
      make('h2', { className: 'card-title', textContent: 'Compared runs' }),
      this.note,
    );
    this.editors = new RunEditors(editors, on);
    const panels = make('div', { className: 'panels' }, [
      loss.node,
      acc.node,
      lr.node,
      momentum.node,
      tableCard,
      editors,
    ]);
    section.append(this.legend, panels);
    this.#canvases = {
      loss: loss.canvas,
      lr: lr.canvas,
      acc: acc.canvas,
      momentum: momentum.canvas,
    };
    loss.toggle.addEventListener('change', (e) => this.charts.loss.setLog(e.target.checked));
    lr.toggle.addEventListener('change', (e) => this.charts.lr.setLog(e.target.checked));
    this.runs = [];
    /**
     * What the session draws, each small enough for a frame: the charts (chart: canvas only, see
     * session/drawing.js) and the table.
     */
    this.renderers = [
      { chart: true, render: () => this.charts.loss.update() },
      { chart: true, render: () => this.charts.lr.update() },
      { chart: true, render: () => this.charts.acc.update() },
      { chart: true, render: () => this.charts.showsMomentum && this.charts.momentum.update() },
      { render: () => this.#renderTable() },
    ];
  }
  /** The three charts, made when compare mode first needs them (not at the page's start). */
  get charts() {
    return (this.#charts ??= new CompareCharts(this.#canvases));
  }

  /**
   * A new comparison, or a reset: runs are RunHandles, configs their scheduler settings, slots[i]
   * the index in STYLES of run i's letter, colour and dash (kept when another run is removed).
   */
  reset(runs, configs, slots = runs.map((_, i) => i)) {
    this.runs = runs;
    this.configs = configs;
    this.slots = slots;
    this.styles = runs.map((_, i) => ({
      ...STYLES[slots[i]],
      name: `${STYLES[slots[i]].letter} \u00b7 ${describe(configs[i])}`,
    }));
    this.stats = runs.map(() => ({ loss: Infinity, lossEpoch: 0, acc: -1, accEpoch: 0, final: 0 }));
    this.lastChange = null;
    const { epochs, valSize, settings } = runs[0];
    const cycling = runs.map((r) => Boolean(r.cyclesMomentum));
    const name = runs[0].momentumName === 'beta1' ? 'beta1' : 'momentum';
    this.charts.reset(this.styles, {
      epochs,
      valSize,
      classes: runs[0].data?.classes ?? 3,
      majorityCorrect: runs[0].majorityCorrect,
      majorityName: runs[0].majorityName,
      lr0: Number(settings.lr),
      cycling,
      momentumName: name,
    });
    this.momentumCard.hidden = !cycling.some(Boolean);
    this.momentumCard.querySelector('h2').textContent = name === 'beta1' ? 'Beta1' : 'Momentum';
    this.legend.replaceChildren(
      ...this.styles.map((s, i) =>
        make('li', {}, [
          swatch(s),
          make('b', { textContent: s.letter }),
          ` ${describe(configs[i])}`,
        ]),
      ),
    );
    for (const keys of this.keys) {
      keys.replaceChildren(...this.styles.map((s) => make('span', {}, [swatch(s), s.letter])));
    }
    this.note.textContent = `Every run starts from the same weights (seed ${settings.seed}) and shares the settings below (lr ${tidyExponents(settings.lr)}, ${formatCount(Number(epochs))} epochs); only the scheduler differs. A change starts the comparison again from epoch 0.`;
    this.editors.setConfigs(configs, slots);
    this.cells = [];
    this.body.replaceChildren(...runs.map((_, i) => this.#row(i)));
  }

  /**
   * Record r of run i (in order per run).
   * @param {import('../model/records.js').EpochRecord} r
   */
  addRecord(i, r) {
    if (r.diverged) return;
    this.charts.addRecord(i, r);
    const s = this.stats[i];
    if (r.valLoss < s.loss) [s.loss, s.lossEpoch] = [r.valLoss, r.epoch];
    if (r.valAcc > s.acc) [s.acc, s.accEpoch] = [r.valAcc, r.epoch];
    s.final = r.valAcc; // the last finite epoch's
    if (r.lrChanged || r.reason) this.lastChange = [i, r]; // put in words by summary(), once a batch
  }

  #renderTable() {
    // A star marks the best run of a column, unless every run shares it.
    const stars = (key) => {
      const ks = this.#leaders(key);
      return ks.length < this.runs.length ? ks : [];
    };
    const [lossStars, accStars] = [stars('loss'), stars('acc')];
    const dash = '\u2013';
    this.stats.forEach((s, i) => {
      const run = this.runs[i];
      const some = s.lossEpoch > 0;
      const text = {
        loss: some ? formatLoss(s.loss) : dash,
        'loss-epoch': some ? String(s.lossEpoch) : dash,
        acc: some ? formatPct(s.acc) : dash,
        'acc-epoch': some ? String(s.accEpoch) : dash,
        'acc-final': some ? formatPct(s.final) : dash,
        lr: run.divergedAt ? `diverged at epoch ${run.divergedAt}` : formatLr(run.lr),
      };
      // Only what changed is written, so a frame without news costs no layout.
      for (const [col, cell] of Object.entries(this.cells[i])) setText(cell, text[col]);
      this.cells[i].loss.classList.toggle('win', lossStars.includes(i));
      this.cells[i].acc.classList.toggle('win', accStars.includes(i));
    });
  }

  /** The status line's sentence: the latest rate change, or who did best once every run is over. */
  summary() {
    const epoch = Math.max(...this.runs.map((r) => r.epoch));
    if (this.runs.every((r) => r.over)) {
      const best = (key, epochKey, format) => {
        const ks = this.#leaders(key);
        if (!ks.length) return 'none (every run diverged)';
        const value = format(this.stats[ks[0]][key]);
        if (ks.length === this.runs.length) return `${value}, reached by every run`;
        const who = ks.map((k) => `${this.styles[k].letter} at epoch ${this.stats[k][epochKey]}`);
        return `${value}, ${who.join(' and ')}`;
      };
      // A diverged run stopped early: "finished" would hide it (its rate column says so, off to
      // the table's right on a narrow screen).
      const diverged = this.runs
        .map((r, i) =>
          r.divergedAt ? `${this.styles[i].letter} diverged at epoch ${r.divergedAt}` : '',
        )
        .filter(Boolean);
      const over = diverged.length
        ? `All runs are over at epoch ${epoch}: ${diverged.join(', ')}.`
        : `All runs finished at epoch ${epoch}.`;
      return {
        tone: 'done',
        text: `${over} Lowest validation loss ${best('loss', 'lossEpoch', formatLoss)}. Best accuracy ${best('acc', 'accEpoch', formatPct)}. See the table under the charts.`,
      };
    }
    if (this.lastChange) {
      const [i, r] = this.lastChange;
      const change = describeChange(r);
      return {
        tone: 'change',
        text: `Epoch ${epoch}. Latest change, run ${this.styles[i].letter}: ${change}`,
      };
    }
    return { tone: 'info', text: `Epoch ${epoch}: no scheduler has changed its rate yet.` };
  }

  /** The runs holding the best value of stat `key` ('loss' lowest, 'acc' highest) so far. */
  #leaders(key) {
    const seen = this.stats.filter((s) => s.lossEpoch > 0).map((s) => s[key]);
    if (!seen.length) return [];
    const best = key === 'loss' ? Math.min(...seen) : Math.max(...seen);
    return this.stats.flatMap((s, k) => (s.lossEpoch > 0 && s[key] === best ? [k] : []));
  }

  #row(i) {
    const s = this.styles[i];
    const head = make('th', { scope: 'row' }, [
      make('span', { className: 'run-cell' }, [
        swatch(s),
        make('b', { textContent: s.letter }),
        make('span', { className: 'run-desc' }, breakable(describe(this.configs[i]))),
      ]),
    ]);
    const cells = Object.fromEntries(COLS.map((c) => [c, make('td', { className: 'num' })]));
    for (const [c, td] of Object.entries(cells)) td.dataset.col = c;
    this.cells[i] = cells;
    const tr = make('tr', {}, [head, ...Object.values(cells)]);
    tr.dataset.testid = `compare-row-${i}`;
    return tr;
  }
}
