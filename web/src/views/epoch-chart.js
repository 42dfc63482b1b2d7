// EpochChart, a line chart over epochs with addPoint()/reset()/update() (views/charts.js and
// views/compare-charts.js build the page's charts from it): long runs thinned to the chart's width,
// rate changes in the tooltips, marks drawn by chart-marks.js's plugin. Chart.js itself loads on its
// own (chartjs-loader.js): a chart keeps its points until then and draws once it is in.
import { formatLr, tidyExponents, wrap } from '../model/format.js';
import { ColumnThinning } from './thinning.js';
import { axisTitle } from './chart-axes.js';
import { lineDataset, paint, paintScales } from './chart-theme.js';
import { chartJs, waitForChartJs } from './chartjs-loader.js';
import { chartPng } from './chart-png.js';

/**
 * Tooltip title for a point: "Epoch 12", or for a step of a run stepped per batch (its point from
 * stepPoints in charts.js) "Epoch 4 · optimizer step 30 (batch 3 of 9)", the step counted
 * over the run as the core's reasons count it. Compare mode's runs share the batch size, so the
 * first item's point speaks for every run.
 * @param {{ x: number, step?: number, batch?: number, batches?: number }} point
 */
export function stepTitle({ x, step, batch, batches }) {
  const epoch = Math.ceil(x - 1e-9);
  if (step === undefined) return `Epoch ${epoch}`;
  return `Epoch ${epoch} \u00b7 optimizer step ${step} (batch ${batch} of ${batches})`;
}

/**
 * Tooltip lines describing the rate change at `epoch`, if any. Stepped per batch, the change is the
 * epoch's: its head names the optimizer steps it spans, as the title and the reason count them.
 */
function changeFooter(changes, epoch) {
  const c = changes.get(epoch);
  if (!c) return [];
  const over = c.steps ? ` over steps ${c.steps.first}\u2013${c.steps.last}` : '';
  const head =
    c.kind === 'skip'
      ? 'Cut skipped (not a change)'
      : `Rate ${formatLr(c.from)} \u2192 ${formatLr(c.to)}${over}`;
  return [head, ...wrap(tidyExponents(c.reason), 34)];
}

// Long runs draw at most one point per PX_PER_POINT pixels of width (views/thinning.js): in each
// column, the points where some line is lowest or highest. A redraw then costs about the same at
// 10,000 epochs (or 450,000 batch steps) as at 200.
const PX_PER_POINT = 2;
const LONE_POINT_RADIUS = 3;

/**
 * A Chart.js dataset for one series: { label, color, extra (more dataset options), thin }. A line
 * (thin, the default) keeps every point in `full` and draws `data`, which update() may thin out;
 * markers (thin: false) draw every point of `data`.
 */
function dataset({ label, color, extra, thin = true }) {
  return lineDataset(label, color, { ...(thin && { full: [] }), ...extra });
}

/**
 * A line chart over epochs: one dataset per series, x from 0 to the run's epoch count. The Chart.js
 * chart itself is made at its first update() (or first use of `chart`), not in the constructor, so a
 * page can set up its charts and start a run before paying for their layout; `config` holds the data
 * and options (Chart.js keeps and uses these same objects once the chart exists).
 */
export class EpochChart {
  #thinning = new ColumnThinning();
  // The extent of every point added so far, kept as points arrive so no redraw walks the run: the
  // last x (the x axis grows with it) and the positive y range (log axes hug it).
  #xLast = 0;
  #yLo = Infinity;
  #yHi = -Infinity;
  #yZero = false; // some y is 0, which a log axis cannot place (see #fitLog)
  #canvas;
  #chart = null;

  constructor(canvas, { series, y, scale, label, changes, reference, alarm, stairs }) {
    this.changes = changes;
    this.scale = scale ?? (() => y);
    y = y ?? scale(false);
    this.#canvas = canvas;
    this.config = {
      type: 'line',
      data: {
        datasets: series.map(dataset),
      },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        spanGaps: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            type: 'linear',
            min: 0,
            max: 100,
            title: axisTitle('epoch'),
            ticks: { precision: 0 },
          },
          y,
        },
        plugins: {
          // Title, SubTitle and Legend draw only in exported pictures (chart-png.js turns them
          // on there). Off (false) rather than hidden, Chart.js skips their hooks: hidden, they
          // still took part in every update's layout, and the legend built its items each time.
          legend: false,
          title: false,
          subtitle: false,
          tooltip: {
            footerFont: { weight: 'normal' },
            callbacks: {
              title: (items) => stepTitle(items[0].raw),
              // The point's own y: a log axis parses a 0 as undefined.
              label: (item) => `${item.dataset.label}: ${label(item.raw?.y ?? item.parsed.y)}`,
              footer: (items) =>
                items.length ? changeFooter(this.changes, items[0].parsed.x) : [],
            },
          },
          changeLines: { changes, reference, alarm, stairs },
        },
      },
    };
  }

  /** The canvas it draws on (there before the chart is made). */
  get canvas() {
    return this.#canvas;
  }

  /** The Chart.js chart, made (in the current theme) on first use, once Chart.js has loaded. */
  get chart() {
    if (!this.#chart) {
      this.config.data.datasets.forEach(paint);
      paintScales(this.config.options);
      this.#chart = new (chartJs())(this.#canvas, this.config);
    }
    return this.#chart;
  }

  /** The alarm's label as last drawn (chart-marks.js: the exploding band's or the divergence's), or null. */
  get drawnAlarmLabel() {
    return this.chart.$alarmLabel ?? null;
  }

  /** Where the alarm's label was last drawn ({ left, top, right, bottom } in canvas px), or null. */
  get drawnAlarmBox() {
    return this.chart.$alarmBox ?? null;
  }

  /**
   * Where the reference line's label was last drawn, the chart's area, and the label as drawn (its
   * short form on a narrow chart), or null when none.
   */
  get drawnReferenceBox() {
    const box = this.chart.$referenceBox;
    if (!box) return null;
    const { top, bottom, left, right } = this.chart.chartArea;
    return { box, area: { top, bottom, left, right }, label: this.chart.$referenceLabel };
  }

  /** epochs: the x range; hint: a value the log axis should include before any data (the initial rate). */
  reset(epochs, hint) {
    this.hint = hint;
    this.epochs = epochs;
    for (const d of this.config.data.datasets) {
      d.data = [];
      if (d.full) d.full = d.data;
    }
    this.#measure();
    if (this.#chart) this.update(); // else its first update (the page's next drawing) makes it
  }

  /** Replaces the series (and their data): compare mode draws one per run. */
  setSeries(series) {
    this.config.data.datasets = series.map(dataset);
    this.#measure();
  }

  /** Every point of series i (what is drawn may be thinned). */
  points(i) {
    const d = this.config.data.datasets[i];
    return d.full ?? d.data;
  }

  /** Appends { x, y } to series i. */
  add(i, point) {
    this.points(i).push(point);
    this.#extend(point);
  }

  #extend({ x, y }) {
    if (x > this.#xLast) this.#xLast = x;
    if (y > 0 && y < this.#yLo) this.#yLo = y;
    if (y === 0) this.#yZero = true;
    if (y > this.#yHi) this.#yHi = y;
  }

  /** Measures every point again (after points were replaced). */
  #measure() {
    [this.#xLast, this.#yLo, this.#yHi, this.#yZero] = [0, Infinity, -Infinity, false];
    this.#thinning.clear();
    for (const d of this.config.data.datasets) for (const p of d.full ?? d.data) this.#extend(p);
  }

  /** Replaces every point of series i. */
  setPoints(i, points) {
    const d = this.config.data.datasets[i];
    d.data = points;
    if (d.full) d.full = points;
    this.#measure();
  }

  addPoint(epoch, values) {
    values.forEach((y, i) => this.add(i, { x: epoch, y }));
  }

  setLog(log) {
    const y = this.config.options.scales.y;
    this.config.options.scales.y = this.scale(log);
    if (!log) [y.min, y.max] = [undefined, undefined];
    this.update();
  }

  update() {
    if (waitForChartJs(this)) return; // drawn as Chart.js arrives
    // The x axis grows with the run (10, 20, ... epochs) so the first few epochs are readable.
    const n = Math.ceil(this.#xLast);
    const grid = n <= 100 ? 10 : n <= 1000 ? 100 : 1000;
    this.config.options.scales.x.max = Math.min(
      this.epochs,
      Math.max(10, Math.ceil(n / grid) * grid),
    );
    paintScales(this.config.options); // setLog() gives the chart a new y axis
    const log = this.config.options.scales.y.type === 'logarithmic';
    if (log) this.#fitLog();
    // chart-axes.js's log ticks mark the axis floor '0' when a point sits there.
    this.chart.$zeroBelow = log && this.#yZero && Number.isFinite(this.#yLo) ? this.#yLo : 0;
    this.#thin();
    const dotsChanged = this.#showLonePoints();
    this.thinMarkers?.();
    // Chart.js's 'none' mode keeps the points' shared options as they were resolved before; only
    // an update in another mode (no animation here either) takes a new point radius.
    this.chart.update(dotsChanged ? 'default' : 'none');
  }

  /**
   * A line through one point draws nothing, and the lines draw no points: after the first Step every
   * chart looked empty. A line's only point is a dot until the line has a second. Whether any
   * line's radius changed.
   */
  #showLonePoints() {
    let changed = false;
    for (const d of this.config.data.datasets) {
      if (!d.full) continue;
      const radius = d.data.length === 1 ? LONE_POINT_RADIUS : 0;
      changed ||= d.pointRadius !== radius;
      d.pointRadius = radius;
    }
    return changed;
  }

  /** Sets what each line draws: all its points, or for long runs the extremes of each column. */
  #thin() {
    const lines = this.config.data.datasets.filter((d) => d.full);
    const n = Math.max(0, ...lines.map((d) => d.full.length));
    const budget = Math.floor(
      (this.chart.chartArea?.width || this.chart.width || 300) / PX_PER_POINT,
    );
    const columns = Math.floor(budget / (2 * lines.length + 2));
    if (n <= budget || columns < 1) {
      for (const d of lines) d.data = d.full;
      this.#thinning.clear();
      return;
    }
    const drawn = this.#thinning.update(
      lines.map((d) => d.full),
      this.config.options.scales.x.max,
      columns,
    );
    // A fresh array each time: Chart.js then reads it whole rather than tracking edits in place.
    lines.forEach((d, i) => (d.data = drawn[i].slice()));
  }

  /**
   * Log axes hug the data (with a margin) instead of jumping between whole decades. Chart.js draws
   * a 0 (PolynomialLR's and a cosine's last rate) at the axis floor, which sat half the lowest
   * positive value down: the line seemed to end there. With a 0, the floor is 20 times lower, an
   * empty gap, and marked '0'.
   */
  #fitLog() {
    const lo = Math.min(this.hint ?? Infinity, this.#yLo);
    const hi = Math.max(this.hint ?? -Infinity, this.#yHi);
    const y = this.config.options.scales.y;
    const floor = this.#yZero ? lo / 20 : lo / 2;
    [y.min, y.max] = Number.isFinite(lo) && hi > 0 ? [floor, hi * 2] : [undefined, undefined];
  }

  /** The y axis's tick labels as last drawn, top to bottom ([] before the chart is drawn). */
  get yTickLabels() {
    return this.#chart?.scales.y?.ticks.map((t) => t.label) ?? [];
  }

  /** Points drawn now on series i (at most a few per pixel column). */
  drawnCount(i = 0) {
    return this.config.data.datasets[i]?.data.length ?? 0;
  }

  get pointCount() {
    return this.points(0).length;
  }

  /** The chart as a PNG for export (chart-png.js). */
  png(titles, scale = 2) {
    return chartPng(this.chart, titles, scale);
  }

  /** { ticks, grid, series: each dataset's line colour } as Chart.js resolved them at the last draw. */
  colors() {
    const { x } = this.chart.scales;
    return {
      ticks: x.options.ticks.color,
      grid: x.options.grid.color,
      series: this.config.data.datasets.map(
        (_, i) => this.chart.getDatasetMeta(i).dataset?.options.borderColor,
      ),
    };
  }
}
