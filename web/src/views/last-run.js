// The last run beside this one (single mode): after a change of settings, the previous run's loss,
// rate and accuracy stay on the charts as faint dashed lines in their own colours, with a legend
// entry naming what changed, until the next change; one click hides them. The lines are drawn by a
// small Chart.js plugin (not datasets), so they take no part in tooltips, thinning or point counts;
// the y axis widens to keep them in view over the epochs shown.
import { registerPlugin } from './chartjs-loader.js';

const ALPHA = 0.4;
const DASH = [5, 4];
const SHOWN_CHANGES = 2; // "lr 0.1 → 0.01, seed 5 → 6 and 2 more"

// A chart's canvas -> { lines: [{ points, dataset (whose colour the line takes), stepped }], hidden,
// drawn }. Keyed by canvas, so a last run can be handed over before its chart is made (at its first
// draw: see EpochChart).
const ghosts = new Map();

/**
 * At most about one point per 2 px of `width`: each stretch's lowest and highest, in order (as
 * EpochChart thins long runs), so a long last run costs a redraw no more than a short one.
 */
function thinned(points, width) {
  const stretch = Math.ceil(points.length / Math.max(1, Math.floor(width / 4)));
  if (stretch <= 1) return points;
  const kept = [];
  for (let from = 0; from < points.length; from += stretch) {
    const part = points.slice(from, from + stretch);
    const lo = part.reduce((a, p) => (p.y < a.y ? p : a));
    const hi = part.reduce((a, p) => (p.y > a.y ? p : a));
    kept.push(...(lo.x <= hi.x ? [lo, hi] : [hi, lo]));
  }
  return kept;
}

/** The ghost points inside the x range the chart shows. */
function visible(chart, points) {
  const last = chart.options.scales.x.max;
  return points.filter((p) => p.x <= last && Number.isFinite(p.y));
}

registerPlugin({
  id: 'lastRun',
  // Widen the y axis to the ghost's values over the epochs shown (log axes keep EpochChart's margin;
  // a ghost's 0 gets the floor EpochChart gives its own: 20 times below the lowest positive value
  // and marked '0' through the chart's $zeroBelow, see chart-axes.js).
  afterDataLimits(chart, { scale }) {
    const ghost = ghosts.get(chart.canvas);
    if (!ghost || ghost.hidden || scale.id !== 'y') return;
    const log = scale.type === 'logarithmic';
    let [lowest, zero] = [Infinity, false];
    for (const { points } of ghost.lines) {
      for (const { y } of visible(chart, points)) {
        if (log && y === 0) zero = true;
        if (log && !(y > 0)) continue;
        lowest = Math.min(lowest, y);
        scale.min = Math.min(scale.min, log ? y / 2 : y);
        scale.max = Math.max(scale.max, log ? y * 2 : y);
      }
    }
    if (log && (zero || chart.$zeroBelow)) {
      // Without a 0 of its own the chart's floor is half its lowest positive value.
      const own = chart.$zeroBelow || scale.min * 2;
      chart.$zeroBelow = Math.min(own, lowest);
      scale.min = Math.min(scale.min, chart.$zeroBelow / 20);
    }
  },
  afterDatasetsDraw(chart) {
    const ghost = ghosts.get(chart.canvas);
    if (!ghost) return;
    ghost.drawn = 0;
    if (ghost.hidden) return;
    const { ctx, chartArea: area, scales } = chart;
    const log = scales.y.type === 'logarithmic';
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    ctx.globalAlpha = ALPHA;
    ctx.setLineDash(DASH);
    ctx.lineWidth = 1.5;
    for (const { points, dataset, stepped } of ghost.lines) {
      const shown = thinned(
        // A log axis draws a 0 on its floor, marked '0' (afterDataLimits above).
        visible(chart, points).filter((p) => !log || p.y >= 0),
        area.right - area.left,
      );
      ctx.strokeStyle = chart.data.datasets[dataset].borderColor; // the current line's colour
      ctx.beginPath();
      shown.forEach((p, i) => {
        const [x, y] = [scales.x.getPixelForValue(p.x), scales.y.getPixelForValue(p.y)];
        if (i === 0) ctx.moveTo(x, y);
        else {
          // Chart.js's `stepped: true`: level to the next epoch, then up or down.
          if (stepped) ctx.lineTo(x, scales.y.getPixelForValue(shown[i - 1].y));
          ctx.lineTo(x, y);
        }
      });
      ctx.stroke();
      ghost.drawn += shown.length;
    }
    ctx.restore();
  },
});

const LONGEST_VALUE = 40; // characters of a value in the label: a typed schedule runs to 400

/**
 * A setting's value in the label: an empty one (no PyTorch line typed) is "none", where it showed
 * as nothing ("schedule  → ChainedScheduler(…"); a long one ends in "…" (the title holds it whole).
 */
function valueText(value) {
  const text = String(value ?? '');
  if (text === '') return 'none';
  return text.length > LONGEST_VALUE ? `${text.slice(0, LONGEST_VALUE - 1)}\u2026` : text;
}

/** "lr 0.1 → 0.01, seed 5 → 6": the settings (and data) that differ between two runs. */
export function whatChanged(before, after, shorten = valueText) {
  const changes = [];
  if (before.data?.name !== after.data?.name)
    changes.push(`data ${before.data?.name} \u2192 ${after.data?.name}`);
  for (const [key, value] of Object.entries(after.settings)) {
    if (key === 'dataset' || before.settings[key] === value) continue;
    changes.push(`${key} ${shorten(before.settings[key])} \u2192 ${shorten(value)}`);
  }
  if (!changes.length) return 'same settings';
  const more = changes.length - SHOWN_CHANGES;
  return changes.slice(0, SHOWN_CHANGES).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

/** An EpochView (session/single.js) that keeps the run's records and shows the previous run's. */
export class LastRun {
  #run = null; // the RunHandle on screen
  #records = []; // its records so far
  #ghost = null; // { records, label, whole (its values uncut) } of the run before the last change

  /** charts: the ChartSet (views/charts.js); legend: the box for the legend entry and its toggle. */
  constructor(charts, legend) {
    this.charts = charts;
    this.legend = legend;
    this.button = legend.querySelector('button');
    this.text = legend.querySelector('.last-run-text');
    this.button.addEventListener('click', () => this.#setHidden(!this.hidden));
    this.hidden = false;
  }

  /** A new run (a change: the old one becomes the ghost, if it trained) or the same one reset. */
  reset(run) {
    if (run !== this.#run) {
      this.#ghost =
        this.#run && this.#records.length
          ? {
              records: this.#records,
              label: whatChanged(this.#run, run),
              whole: whatChanged(this.#run, run, (v) => (v === '' ? 'none' : v)),
            }
          : null;
      this.#run = run;
      this.hidden = false;
    }
    this.#records = [];
    this.#draw();
  }

  /** @param {import('../model/records.js').EpochRecord} r */
  record(r) {
    if (!r.diverged) this.#records.push(r);
  }

  /** For tests: { label, hidden, drawn: points drawn per chart } (null with no last run). */
  describe() {
    if (!this.#ghost) return null;
    const drawn = (c) => ghosts.get(c.canvas)?.drawn ?? 0;
    const { loss, lr, acc } = this.charts;
    return { label: this.#ghost.label, hidden: this.hidden, drawn: [loss, lr, acc].map(drawn) };
  }

  #setHidden(hidden) {
    this.hidden = hidden;
    this.#draw();
    for (const c of [this.charts.loss, this.charts.lr, this.charts.acc]) c.update();
  }

  /** Hands the ghost's lines to the plugin (drawn at the charts' next update) and the legend. */
  #draw() {
    const { loss, lr, acc } = this.charts;
    const records = this.#ghost?.records ?? [];
    const line = (dataset, value, stepped = false) => ({
      points: records.map((r) => ({ x: r.epoch, y: value(r) })),
      dataset,
      stepped,
    });
    const lines = new Map([
      [loss, [line(0, (r) => r.trainLoss), line(1, (r) => r.valLoss)]],
      [lr, [line(0, (r) => r.lr, true)]],
      [acc, [line(0, (r) => r.valAcc * 100)]],
    ]);
    for (const [chart, chartLines] of lines) {
      if (this.#ghost)
        ghosts.set(chart.canvas, { lines: chartLines, hidden: this.hidden, drawn: 0 });
      else ghosts.delete(chart.canvas);
    }
    this.legend.hidden = !this.#ghost;
    this.text.textContent = this.#ghost ? `last run (${this.#ghost.label})` : '';
    this.button.setAttribute('aria-pressed', String(!this.hidden));
    const what =
      this.#ghost && this.#ghost.whole !== this.#ghost.label ? ` (${this.#ghost.whole})` : '';
    this.button.title = `${this.hidden ? 'Show the last run again' : 'Hide the last run'}${what}`;
  }
}
