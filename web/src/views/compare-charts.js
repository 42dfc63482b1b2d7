// Compare mode's charts (validation loss, learning rate, validation accuracy and, when a run's
// scheduler cycles it, momentum or beta1), one line per run in the run's colour and dash, so two or
// three schedules can be read against each other.
import { EpochChart } from './epoch-chart.js';
import { axisTitle, yScale } from './chart-axes.js';
import { stepPoints } from './charts.js';
import {
  chanceLoss,
  correctOf,
  formatLoss,
  formatLr,
  formatMomentum,
  majorityFloor,
} from '../model/format.js';

const lineOf = (run, extra = {}) => ({
  label: run.name,
  color: run.color,
  extra: { borderDash: run.dash, ...extra },
});

export class CompareCharts {
  /** canvases: { loss, lr, acc, momentum }. */
  constructor({ loss, lr, acc, momentum }) {
    const none = new Map(); // no per-epoch change markers: with three runs they would be noise
    this.valSize = 0; // the runs' validation rows (the core's count), from reset()
    this.chance = chanceLoss(3); // follows the runs' data at reset
    this.floor = majorityFloor(0, 0); // the shared data's majority-class line, from reset
    this.loss = new EpochChart(loss, {
      changes: none,
      label: formatLoss,
      scale: (log) => yScale(log, 'validation loss', formatLoss),
      y: yScale(true, 'validation loss', formatLoss),
      series: [],
      reference: this.chance,
    });
    this.lr = new EpochChart(lr, {
      changes: none,
      label: formatLr,
      scale: (log) => yScale(log, 'learning rate', formatLr),
      y: yScale(true, 'learning rate', formatLr),
      series: [],
    });
    this.acc = new EpochChart(acc, {
      changes: none,
      label: (y) => `${y.toFixed(1)}% (${correctOf(y / 100, this.valSize)})`,
      y: { min: 0, max: 100, title: axisTitle('validation accuracy (%)') },
      series: [],
      reference: this.floor,
    });
    this.acc.config.options.scales.y.ticks = { stepSize: 25, callback: (v) => `${v}%` };
    this.momentum = new EpochChart(momentum, {
      changes: none,
      label: formatMomentum,
      y: { type: 'linear', title: axisTitle('momentum'), ticks: { callback: formatMomentum } },
      series: [],
    });
    this.cycling = [];
  }

  /**
   * A new comparison or a reset: runs = [{ name, color, dash }], every run `epochs` long, on data
   * with `classes` classes and `valSize` validation samples, `majorityCorrect` of which are the
   * class most common in training (the core's count), named `majorityName` when the data names its
   * classes; cycling[i]: run i's scheduler cycles
   * momentum (or beta1, `momentumName`).
   */
  reset(
    runs,
    {
      epochs,
      valSize,
      classes,
      majorityCorrect,
      majorityName,
      lr0,
      cycling = [],
      momentumName = 'momentum',
    },
  ) {
    this.valSize = valSize;
    Object.assign(this.chance, chanceLoss(classes));
    Object.assign(this.floor, majorityFloor(majorityCorrect, valSize, majorityName));
    this.cycling = cycling;
    this.loss.setSeries(runs.map((r) => lineOf(r)));
    this.lr.setSeries(runs.map((r) => lineOf(r, { stepped: true })));
    this.acc.setSeries(runs.map((r) => lineOf(r)));
    this.momentum.setSeries(runs.map((r) => lineOf(r, { stepped: true })));
    this.momentum.config.options.scales.y.title.text = momentumName;
    this.loss.reset(epochs);
    this.lr.reset(epochs, lr0);
    this.acc.reset(epochs);
    this.momentum.reset(epochs);
  }

  /** Some run's scheduler cycles momentum: the momentum chart is shown. */
  get showsMomentum() {
    return this.cycling.some(Boolean);
  }

  /**
   * Record r of run i.
   * @param {import('../model/records.js').EpochRecord} r
   */
  addRecord(i, r) {
    this.#point(this.loss, i, r.epoch, r.valLoss);
    for (const p of stepPoints(r, r.stepLrs, r.lr)) this.lr.add(i, p);
    this.#point(this.acc, i, r.epoch, r.valAcc * 100);
    if (this.cycling[i]) {
      for (const p of stepPoints(r, r.stepMomenta, r.momentum)) this.momentum.add(i, p);
    }
  }

  #point(chart, i, x, y) {
    chart.add(i, { x, y });
  }

  /** For tests: per chart, each dataset's label and point count. */
  describe() {
    const of = (c) =>
      c.config.data.datasets.map((d, i) => ({ label: d.label, points: c.points(i).length }));
    return {
      loss: of(this.loss),
      lr: of(this.lr),
      acc: of(this.acc),
      momentum: this.showsMomentum ? of(this.momentum) : [],
      chanceLine: this.chance.label,
      floorLine: this.floor.label,
      lossTicks: this.loss.yTickLabels,
    };
  }
}
