// The page's charts: loss, learning rate (with change markers), accuracy and, when the scheduler
// cycles it, momentum (or beta1), fed together from epoch records by ChartSet, plus the small
// schedule preview. Chart.js itself is set up in chartjs-loader.js.
import { EpochChart } from './epoch-chart.js';
import { axisTitle, yScale } from './chart-axes.js';
import { COLORS } from './chart-palette.js';
import {
  chanceLoss,
  formatLoss,
  formatLr,
  correctOf,
  formatMomentum,
  majorityFloor,
} from '../model/format.js';
import { eventKind, stairLabel } from '../model/events.js';

const MARKER_GAP_PX = 12; // markers closer than this would merge into a bar: keep the first

const lrScale = (log) => yScale(log, 'learning rate', formatLr);
const lossScale = (log) => yScale(log, 'cross-entropy loss', formatLoss);

/**
 * The run's optimizer steps that record r's epoch took when its scheduler steps per batch,
 * { first, last } (null otherwise). The count is the core's: the scheduler's step count after the
 * epoch (PyTorch's last_epoch, one step() per optimizer step), the count its reasons give ("every
 * 30 optimizer steps (step 30)"); the epoch took stepLrs.length of them.
 * @param {import('../model/records.js').EpochRecord} r
 * @returns {{ first: number, last: number } | null}
 */
export function epochSteps(r) {
  const n = r.stepLrs?.length;
  if (!n) return null;
  const last = r.schedulerState.lastEpoch;
  return { first: last - n + 1, last };
}

/**
 * Record r's points for a per-step value (`steps`: its stepLrs or stepMomenta): with mini-batches
 * stepped per batch, one per optimizer step b at x = epoch - 1 + (b + 1) / batches (the last at
 * x = epoch, the epoch's own point); else the one point { x: epoch, y: value }. A step's point
 * also carries the run's optimizer step it follows (`step`, epochSteps) and its batch in the epoch
 * (`batch` of `batches`), for the tooltip's title.
 * @param {import('../model/records.js').EpochRecord} r
 * @param {ArrayLike<number> | undefined} steps
 * @param {number | undefined} value
 */
export function stepPoints(r, steps, value) {
  const { epoch } = r;
  const taken = epochSteps(r);
  if (!steps?.length || !taken) return [{ x: epoch, y: value }];
  const n = steps.length;
  return Array.from(steps, (y, b) => ({
    x: b === n - 1 ? epoch : epoch - 1 + (b + 1) / n,
    y,
    step: taken.first + b,
    batch: b + 1,
    batches: n,
  }));
}

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
    // One tooltip line per epoch: the rate; the change itself is described in the footer. The
    // markers never choose the point a tooltip reads (chartjs.js's 'firstLine').
    this.config.options.interaction = { mode: 'firstLine', intersect: false };
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
    // With a scheduler stepped per batch, every step's rate (the last one is the epoch's point).
    for (const p of stepPoints(r, r.stepLrs, r.lr)) this.add(0, p);
    const point = { x: r.epoch, y: r.lr };
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
  #changes = new Map(); // epoch -> { kind: 'cut' | 'skip', from, to, reason, steps (epochSteps) }
  // The first exploding epoch (the core's flag) with the core's factor for the band's label, and
  // where the loss stopped being finite.
  #alarm = { exploding: 0, diverged: 0, last: 0, factor: 0 };
  #chance = chanceLoss(3); // follows the run's data at reset
  #floor = majorityFloor(0, 0); // the accuracy chart's majority-class line, from reset

  constructor({ loss, lr, acc, momentum }) {
    this.loss = new EpochChart(loss, {
      changes: this.#changes,
      alarm: this.#alarm,
      label: formatLoss,
      scale: lossScale,
      series: [
        { label: 'training loss', color: COLORS.train },
        { label: 'validation loss', color: COLORS.val },
      ],
      reference: this.#chance,
    });
    this.lr = new LrChart(lr, this.#changes, this.#alarm);
    this.acc = new EpochChart(acc, {
      changes: this.#changes,
      alarm: this.#alarm,
      label: (y) => `${y.toFixed(1)}% (${correctOf(y / 100, this.valSize)})`,
      y: { min: 0, max: 100, title: axisTitle('validation accuracy (%)') },
      series: [{ label: 'validation accuracy', color: COLORS.acc }],
      reference: this.#floor,
    });
    this.acc.config.options.scales.y.ticks = { stepSize: 25, callback: (v) => `${v}%` };
    this.momentum = momentumChart(momentum, this.#alarm);
    this.momentumCard = momentum.closest('figure');
    this.valSize = 0; // the run's validation rows (the core's count), from reset()
  }

  /** The loss chart's chance line's label ("ln 3 ≈ 1.099: a one-in-three guess"). */
  get chanceLine() {
    return this.#chance.label;
  }

  /** The accuracy chart's majority-class line's label ("always the most common class: 38.9%"). */
  get floorLine() {
    return this.#floor.label;
  }

  /**
   * A new or reset run (a RunHandle: epochs, valSize, settings, batchesPerEpoch, cyclesMomentum,
   * momentumName). The rate axis keeps to the initial rate until data arrives; the momentum chart
   * shows only when the scheduler cycles momentum (or beta1).
   */
  reset(run) {
    const { epochs, valSize, settings } = run;
    this.valSize = valSize;
    Object.assign(this.#chance, chanceLoss(run.data.classes));
    Object.assign(this.#floor, majorityFloor(run.majorityCorrect, valSize, run.majorityName));
    this.#changes.clear();
    Object.assign(this.#alarm, { exploding: 0, diverged: 0, last: 0, factor: 0 });
    this.loss.reset(epochs);
    this.lr.reset(epochs, Number(settings.lr));
    this.acc.reset(epochs);
    this.cyclesMomentum = Boolean(run.cyclesMomentum);
    this.momentumName = run.momentumName ?? 'momentum';
    this.momentumCard.hidden = !this.cyclesMomentum;
    this.momentumCard.querySelector('h2').textContent =
      this.momentumName === 'beta1' ? 'Beta1 (Adam\u2019s betas[0])' : 'Momentum';
    this.momentum.setSeries([momentumLine(this.momentumName)]);
    this.momentum.config.options.scales.y.title.text = this.momentumName;
    this.momentum.reset(epochs);
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
    if (r.exploding && !this.#alarm.exploding)
      Object.assign(this.#alarm, { exploding: r.epoch, factor: r.explodingFactor });
    const kind = eventKind(r);
    // Every change keeps its tooltip; only discrete ones get a line, a marker and a label.
    if (kind) {
      const steps = epochSteps(r);
      this.#changes.set(r.epoch, { kind, from: r.lrUsed, to: r.lr, reason: r.reason, steps });
    }
    this.loss.addPoint(r.epoch, [r.trainLoss, r.valLoss]);
    this.lr.addRecord(r, kind, kind === 'change' ? stairLabel(r) : '');
    this.acc.addPoint(r.epoch, [r.valAcc * 100]);
    if (this.cyclesMomentum) {
      for (const p of stepPoints(r, r.stepMomenta, r.momentum)) this.momentum.add(0, p);
    }
  }

  /** Redraws the momentum chart while it is shown. */
  updateMomentum() {
    if (this.cyclesMomentum) this.momentum.update();
  }

  /** { exploding, diverged }: the epochs marked on the charts (0 when none), for tests. */
  get alarm() {
    const { exploding, diverged } = this.#alarm;
    return { exploding, diverged };
  }

  pointCounts() {
    return { loss: this.loss.pointCount, lr: this.lr.pointCount, acc: this.acc.pointCount };
  }

  /** Points drawn now on each chart's first line (thinned to a few per pixel column). */
  drawnCounts() {
    const { loss, lr, acc, momentum } = this;
    return {
      loss: loss.drawnCount(),
      lr: lr.drawnCount(),
      acc: acc.drawnCount(),
      momentum: this.cyclesMomentum ? momentum.drawnCount() : 0,
    };
  }
}

const momentumLine = (name) => ({ label: name, color: COLORS.momentum, extra: { stepped: true } });

/** SGD's momentum or Adam's beta1 after each step, as a cycling scheduler (CyclicLR, OneCycleLR) sets it. */
function momentumChart(canvas, alarm) {
  const chart = new EpochChart(canvas, {
    changes: new Map(),
    alarm,
    label: formatMomentum,
    y: { type: 'linear', title: axisTitle('momentum'), ticks: { callback: formatMomentum } },
    series: [momentumLine('momentum')],
  });
  return chart;
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
