// The page's charts: loss, learning rate (with change markers) and accuracy, fed together from epoch
// records by ChartSet, plus the small schedule preview. Chart.js itself is set up in epoch-chart.js.
import { COLORS, EpochChart, axisTitle, yScale } from './epoch-chart.js';
import { formatLoss, formatLr, correctOf } from '../model/format.js';
import { eventKind, stairLabel } from '../model/events.js';

const MARKER_GAP_PX = 12; // markers closer than this would merge into a bar: keep the first

const lrScale = (log) => yScale(log, 'learning rate', formatLr);
const lossScale = (log) => yScale(log, 'cross-entropy loss', formatLoss);

/**
 * Learning rate after each epoch. Discrete changes (cuts, the end of a warm-up) are red triangles
 * with a short label; skipped cuts are grey rings; a continuous schedule is just its line.
 */
class LrChart extends EpochChart {
  constructor(canvas, changes, alarm) {
    const stairs = [];
    const marker = (pointStyle, pointBackgroundColor, pointBorderColor) => ({
      showLine: false,
      pointStyle,
      pointRadius: 5,
      pointHoverRadius: 7,
      pointBorderWidth: 1.5,
      pointBackgroundColor,
      pointBorderColor,
    });
    super(canvas, {
      changes,
      alarm,
      stairs,
      label: formatLr,
      scale: lrScale,
      y: lrScale(true),
      series: [
        { label: 'learning rate', color: COLORS.lr, extra: { stepped: true } },
        {
          label: 'rate changed',
          color: COLORS.cut,
          extra: marker('triangle', COLORS.cut, COLORS.cut),
          thin: false,
        },
        {
          label: 'cut skipped',
          color: COLORS.skip,
          extra: marker('circle', '#fff', COLORS.skip),
          thin: false,
        },
      ],
    });
    // One tooltip line per epoch: the rate; the change itself is described in the footer.
    this.config.options.plugins.tooltip.filter = (item) => item.datasetIndex === 0;
    this.stairs = stairs;
    [this.cuts, this.skips] = [[], []];
  }

  reset(epochs, lr0) {
    this.stairs.length = 0;
    [this.cuts, this.skips] = [[], []];
    super.reset(epochs, lr0);
  }

  /**
   * r: an epoch record; kind: its eventKind(); label: the stair's label for a change.
   * @param {import('../model/records.js').EpochRecord} r
   */
  addRecord(r, kind, label) {
    const point = { x: r.epoch, y: r.lr };
    this.add(0, point);
    if (kind === 'change') {
      this.cuts.push(point);
      this.stairs.push({ epoch: r.epoch, y: r.lr, text: label });
    } else if (kind === 'skip') this.skips.push(point);
  }

  /** Triangles and rings at least MARKER_GAP_PX apart on the current x axis (all in tooltips). */
  thinMarkers() {
    const width = this.chart.chartArea?.width || this.chart.width || 300;
    const gap = (MARKER_GAP_PX * this.config.options.scales.x.max) / width;
    const apart = (points) => {
      const kept = [];
      for (const p of points) if (!kept.length || p.x - kept.at(-1).x >= gap) kept.push(p);
      return kept;
    };
    this.config.data.datasets[1].data = apart(this.cuts);
    this.config.data.datasets[2].data = apart(this.skips);
  }

  /** The stair labels drawn last time: [{ text, left, top, right, bottom }] in canvas pixels. */
  get drawnLabels() {
    return (this.chart.$stairLabels ?? []).map(({ text, left, top, right, bottom }) => ({
      text,
      left,
      top,
      right,
      bottom,
    }));
  }

  /** For tests: markers drawn (changes, skips) and events seen (changed, skipped). */
  get markerCounts() {
    const [, changes, skips] = this.config.data.datasets;
    return {
      changes: changes.data.length,
      changed: this.cuts.length,
      skips: skips.data.length,
      skipped: this.skips.length,
    };
  }
}

/** The three live charts fed from epoch records, sharing one map of rate changes. */
export class ChartSet {
  #changes = new Map(); // epoch -> { kind: 'cut' | 'skip', from, to, reason }
  // The first epoch whose loss was over 100x the first one's, and where the loss stopped being finite.
  #alarm = { exploding: 0, diverged: 0, last: 0 };

  constructor({ loss, lr, acc }) {
    this.loss = new EpochChart(loss, {
      changes: this.#changes,
      alarm: this.#alarm,
      label: formatLoss,
      scale: lossScale,
      series: [
        { label: 'training loss', color: COLORS.train },
        { label: 'validation loss', color: COLORS.val },
      ],
      reference: { value: Math.log(3), label: 'ln 3 \u2248 1.099: a one-in-three guess' },
    });
    this.lr = new LrChart(lr, this.#changes, this.#alarm);
    this.acc = new EpochChart(acc, {
      changes: this.#changes,
      alarm: this.#alarm,
      label: (y) => `${y.toFixed(1)}% (${correctOf(y / 100, this.valSize)})`,
      y: { min: 0, max: 100, title: axisTitle('validation accuracy (%)') },
      series: [{ label: 'validation accuracy', color: COLORS.acc }],
    });
    this.acc.config.options.scales.y.ticks = { stepSize: 25, callback: (v) => `${v}%` };
    this.valSize = 36;
  }

  /** A new or reset run: `lr0` keeps the rate axis on the initial rate until data arrives. */
  reset(epochs, valSize, lr0, scheduler) {
    this.valSize = valSize;
    this.scheduler = scheduler;
    this.#changes.clear();
    Object.assign(this.#alarm, { exploding: 0, diverged: 0, last: 0 });
    this.loss.reset(epochs);
    this.lr.reset(epochs, lr0);
    this.acc.reset(epochs);
  }

  /**
   * An epoch record; a diverged one only places the "diverged" line.
   * @param {import('../model/records.js').EpochRecord} r
   */
  addRecord(r) {
    if (r.diverged) {
      this.#alarm.diverged = r.epoch;
      return;
    }
    this.#alarm.last = r.epoch;
    if (r.exploding && !this.#alarm.exploding) this.#alarm.exploding = r.epoch;
    const kind = eventKind(r, this.scheduler);
    // Every change keeps its tooltip; only discrete ones get a line, a marker and a label.
    if (kind) this.#changes.set(r.epoch, { kind, from: r.lrUsed, to: r.lr, reason: r.reason });
    this.loss.addPoint(r.epoch, [r.trainLoss, r.valLoss]);
    this.lr.addRecord(r, kind, kind === 'change' ? stairLabel(r, this.scheduler) : '');
    this.acc.addPoint(r.epoch, [r.valAcc * 100]);
  }

  /** { exploding, diverged }: the epochs marked on the charts (0 when none), for tests. */
  get alarm() {
    const { exploding, diverged } = this.#alarm;
    return { exploding, diverged };
  }

  pointCounts() {
    return { loss: this.loss.pointCount, lr: this.lr.pointCount, acc: this.acc.pointCount };
  }

  #all() {
    return [this.loss, this.lr, this.acc];
  }
}

/** A small log-scale sketch of a schedule: the rate after each epoch, before any training. */
export class PreviewChart extends EpochChart {
  constructor(canvas) {
    super(canvas, {
      changes: new Map(),
      label: formatLr,
      y: { ...lrScale(true), title: { display: false } },
      series: [{ label: 'planned rate', color: COLORS.lr, extra: { stepped: true } }],
    });
    this.config.options.scales.x.title.display = false;
  }

  show(lrs, lr0) {
    this.reset(lrs.length, lr0);
    this.setPoints(
      0,
      Array.from(lrs, (y, i) => ({ x: i + 1, y })),
    );
    this.update();
  }
}
