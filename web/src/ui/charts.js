// The only module that knows Chart.js: one small class per chart (addPoint/reset), a plugin that
// marks every learning-rate change on all charts, and ChartSet, which feeds them epoch records.
import {
  Chart, LineController, LineElement, PointElement, LinearScale, LogarithmicScale, CategoryScale,
  Tooltip, Legend, Filler,
} from 'chart.js';
import { formatLoss, formatLr, correctOf, wrap } from './format.js';

const COLORS = { train: '#2563eb', val: '#ea580c', lr: '#7c3aed', acc: '#059669', cut: '#dc2626', skip: '#6b7280' };
const FONT = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif', size: 11 };

// Dashed vertical lines at the epochs where the rate changed, and an optional horizontal reference.
const changeLines = {
  id: 'changeLines',
  afterDatasetsDraw(chart, _args, opts) {
    const { ctx, chartArea: area, scales } = chart;
    ctx.save();
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    const cuts = [...(opts.changes?.values() ?? [])].filter((c) => c.kind === 'cut');
    if (cuts.length <= 40) {
      ctx.strokeStyle = 'rgba(220, 38, 38, 0.45)';
      for (const c of cuts) {
        const x = scales.x.getPixelForValue(c.epoch);
        if (x < area.left || x > area.right) continue;
        ctx.beginPath();
        ctx.moveTo(x, area.top);
        ctx.lineTo(x, area.bottom);
        ctx.stroke();
      }
    }
    const ref = opts.reference;
    const y = ref && scales.y.getPixelForValue(ref.value);
    if (ref && y >= area.top && y <= area.bottom) {
      ctx.strokeStyle = '#9ca3af';
      ctx.beginPath();
      ctx.moveTo(area.left, y);
      ctx.lineTo(area.right, y);
      ctx.stroke();
      ctx.font = `${FONT.size}px ${FONT.family}`;
      const width = ctx.measureText(ref.label).width;
      ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
      ctx.fillRect(area.right - width - 8, y - FONT.size - 6, width + 6, FONT.size + 4);
      ctx.fillStyle = '#6b7280';
      ctx.textAlign = 'right';
      ctx.fillText(ref.label, area.right - 4, y - 5);
    }
    ctx.restore();
  },
};

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, CategoryScale,
  Tooltip, Legend, Filler, changeLines);
Chart.defaults.font = FONT;
Chart.defaults.color = '#4b5563';

/** Tooltip lines describing the rate change at `epoch`, if any. */
function changeFooter(changes, epoch) {
  const c = changes.get(epoch);
  if (!c) return [];
  const head = c.kind === 'cut' ? `Rate ${formatLr(c.from)} \u2192 ${formatLr(c.to)}` : 'Cut skipped';
  return [head, ...wrap(c.reason, 34)];
}

/** Log-axis ticks: whole decades only (every n-th when there are many), or one mid tick if none fits. */
function decadeTicks(scale) {
  const { min, max } = scale;
  if (!(min > 0 && max > min)) return;
  const lo = Math.ceil(Math.log10(min) - 1e-9);
  const hi = Math.floor(Math.log10(max) + 1e-9);
  const every = Math.max(1, Math.ceil((hi - lo + 1) / 7));
  const ticks = [];
  for (let k = hi; k >= lo; k -= every) ticks.push({ value: Number(`1e${k}`) });
  scale.ticks = ticks.length ? ticks : [{ value: Number(Math.sqrt(min * max).toPrecision(2)) }];
}

/** A line chart over epochs: one dataset per series, x from 0 to the run's epoch count. */
class EpochChart {
  constructor(canvas, { series, y, scale, label, changes, reference, legend = false }) {
    this.changes = changes;
    this.scale = scale ?? (() => y);
    y = y ?? scale(true);
    this.chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: series.map((s) => ({
          label: s.label, data: [], borderColor: s.color, backgroundColor: s.color,
          borderWidth: 2, pointRadius: 0, pointHoverRadius: 3, stepped: s.stepped ?? false, ...s.extra,
        })),
      },
      options: {
        animation: false, parsing: false, normalized: true, spanGaps: true, responsive: true, maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { type: 'linear', min: 0, max: 100, title: { display: true, text: 'epoch' }, ticks: { precision: 0 } },
          y,
        },
        plugins: {
          legend: { display: legend, position: 'top', align: 'end', labels: { boxWidth: 12, boxHeight: 2 } },
          tooltip: {
            footerFont: { weight: 'normal' },
            callbacks: {
              title: (items) => `Epoch ${items[0].parsed.x}`,
              label: (item) => `${item.dataset.label}: ${label(item.parsed.y)}`,
              footer: (items) => (items.length ? changeFooter(this.changes, items[0].parsed.x) : []),
            },
          },
          changeLines: { changes, reference },
        },
      },
    });
  }

  /** epochs: the x range; hint: a value the log axis should include before any data (the initial rate). */
  reset(epochs, hint) {
    this.hint = hint;
    this.chart.options.scales.x.max = epochs;
    for (const d of this.chart.data.datasets) d.data = [];
    this.chart.update('none');
  }

  addPoint(epoch, values) {
    values.forEach((y, i) => this.chart.data.datasets[i].data.push({ x: epoch, y }));
  }

  setLog(log) {
    const y = this.chart.options.scales.y;
    this.chart.options.scales.y = this.scale(log);
    if (!log) [y.min, y.max] = [undefined, undefined];
    this.update();
  }

  update() {
    if (this.chart.options.scales.y.type === 'logarithmic') this.#fitLog();
    this.chart.update('none');
  }

  /** Log axes hug the data (with a margin) instead of jumping between whole decades. */
  #fitLog() {
    let lo = this.hint ?? Infinity;
    let hi = this.hint ?? -Infinity;
    for (const d of this.chart.data.datasets) {
      for (const { y } of d.data) {
        if (y > 0 && y < lo) lo = y;
        if (y > hi) hi = y;
      }
    }
    const y = this.chart.options.scales.y;
    [y.min, y.max] = Number.isFinite(lo) && hi > 0 ? [lo / 2, hi * 2] : [undefined, undefined];
  }

  get pointCount() {
    return this.chart.data.datasets[0].data.length;
  }
}

function yScale(log, title, format) {
  return log
    ? { type: 'logarithmic', title: { display: true, text: `${title} (log)` }, afterBuildTicks: decadeTicks, ticks: { callback: format } }
    : { type: 'linear', beginAtZero: true, title: { display: true, text: title }, ticks: { callback: format } };
}
const lrScale = (log) => yScale(log, 'learning rate', formatLr);
const lossScale = (log) => yScale(log, 'cross-entropy loss', formatLoss);

/** Learning rate after each epoch; changes drawn as red triangles, skipped cuts as grey rings. */
class LrChart extends EpochChart {
  constructor(canvas, changes) {
    const marker = (style, fill, border) => ({
      showLine: false, pointStyle: style, pointRadius: 5, pointHoverRadius: 7,
      pointBackgroundColor: fill, pointBorderColor: border, pointBorderWidth: 1.5,
    });
    super(canvas, {
      changes, label: formatLr, scale: lrScale,
      series: [
        { label: 'learning rate', color: COLORS.lr, stepped: true },
        { label: 'rate changed', color: COLORS.cut, extra: marker('triangle', COLORS.cut, COLORS.cut) },
        { label: 'cut skipped', color: COLORS.skip, extra: marker('circle', '#fff', COLORS.skip) },
      ],
    });
    // One tooltip line per epoch: the rate; the change itself is described in the footer.
    this.chart.options.plugins.tooltip.filter = (item) => item.datasetIndex === 0;
  }

  addRecord(r) {
    const point = { x: r.epoch, y: r.lr };
    const [line, cuts, skips] = this.chart.data.datasets;
    line.data.push(point);
    if (r.lrChanged) cuts.data.push(point);
    else if (r.reason) skips.data.push(point);
  }

  update() {
    // ExponentialLR changes the rate every epoch: that many markers would hide the line.
    this.chart.data.datasets[1].pointRadius = this.chart.data.datasets[1].data.length > 40 ? 0 : 5;
    super.update();
  }
}

/** The three live charts fed from epoch records, sharing one map of rate changes. */
export class ChartSet {
  #changes = new Map(); // epoch -> { epoch, kind: 'cut' | 'skip', from, to, reason }

  constructor({ loss, lr, acc }) {
    this.loss = new EpochChart(loss, {
      changes: this.#changes, label: formatLoss, scale: lossScale, y: lossScale(false),
      series: [{ label: 'training loss', color: COLORS.train }, { label: 'validation loss', color: COLORS.val }],
      reference: { value: Math.log(3), label: 'ln 3 \u2248 1.099: a one-in-three guess' },
    });
    this.lr = new LrChart(lr, this.#changes);
    this.acc = new EpochChart(acc, {
      changes: this.#changes, label: (y) => `${y.toFixed(1)}% (${correctOf(y / 100, this.valSize)})`,
      y: { min: 0, max: 100, title: { display: true, text: 'validation accuracy (%)' }, ticks: { stepSize: 25, callback: (v) => `${v}%` } },
      series: [{ label: 'validation accuracy', color: COLORS.acc }],
    });
    this.valSize = 36;
  }

  /** A new or reset run: `lr0` keeps the rate axis on the initial rate until data arrives. */
  reset(epochs, valSize, lr0) {
    this.valSize = valSize;
    this.#changes.clear();
    this.loss.reset(epochs);
    this.lr.reset(epochs, lr0);
    this.acc.reset(epochs);
  }

  addRecord(r) {
    if (r.lrChanged) this.#changes.set(r.epoch, { epoch: r.epoch, kind: 'cut', from: r.lrUsed, to: r.lr, reason: r.reason });
    else if (r.reason) this.#changes.set(r.epoch, { epoch: r.epoch, kind: 'skip', from: r.lrUsed, to: r.lr, reason: r.reason });
    this.loss.addPoint(r.epoch, [r.trainLoss, r.valLoss]);
    this.lr.addRecord(r);
    this.acc.addPoint(r.epoch, [r.valAcc * 100]);
  }

  update() {
    for (const c of this.#all()) c.update();
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
      changes: new Map(), label: formatLr, y: { ...lrScale(true), title: { display: false } },
      series: [{ label: 'planned rate', color: COLORS.lr, stepped: true }],
    });
    this.chart.options.scales.x.title.display = false;
  }

  show(lrs, lr0) {
    this.reset(lrs.length, lr0);
    this.chart.data.datasets[0].data = Array.from(lrs, (y, i) => ({ x: i + 1, y }));
    this.update();
  }
}
