// What the page's charts share on top of Chart.js: a plugin that draws the rate-change lines and
// reference lines, the theme, the PNG export, and EpochChart, a line chart over epochs with
// addPoint()/reset()/update(). views/charts.js builds the page's charts from it. Chart.js itself
// (views/chartjs.js) loads on its own with loadChartJs(): a chart keeps its points until then and
// draws once it is in.
import { formatLr, tidyExponents, wrap } from '../model/format.js';
import { ColumnThinning } from './thinning.js';
import { DARK, LIGHT, seriesColor } from './chart-palette.js';

export const COLORS = {
  train: '#2563eb',
  val: '#ea580c',
  lr: '#7c3aed',
  acc: '#059669',
  momentum: '#0891b2',
  cut: '#dc2626',
  skip: '#6b7280',
};
const FONT = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 11 };
let theme = { dark: false, ...LIGHT }; // chart-palette.js's colours of the page's theme

/** Text in a filled box (white on red for the divergence), clamped inside the plot area. */
function boxedText(ctx, area, text, x, y, { fill, color }) {
  ctx.font = `bold ${FONT.size}px ${FONT.family}`;
  const width = ctx.measureText(text).width + 8;
  const left = Math.min(Math.max(area.left + 2, x), area.right - width - 2);
  ctx.fillStyle = fill;
  ctx.fillRect(left, y, width, FONT.size + 6);
  ctx.fillStyle = color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(text, left + 4, y + 3);
}

/**
 * A tinted band from the first exploding epoch; a divergence is unlike any rate change: everything
 * from the last finite epoch on is hatched red, closed by a thick red line and a boxed label.
 */
function drawAlarm(ctx, area, scales, alarm) {
  if (alarm.exploding) {
    const x = Math.max(area.left, scales.x.getPixelForValue(alarm.exploding - 0.5));
    const end = Math.min(area.right, scales.x.getPixelForValue(alarm.last + 0.5));
    ctx.fillStyle = 'rgba(220, 38, 38, 0.08)';
    ctx.fillRect(x, area.top, Math.max(0, end - x), area.bottom - area.top);
    if (!alarm.diverged) {
      ctx.font = `${FONT.size}px ${FONT.family}`;
      ctx.fillStyle = theme.cutText;
      ctx.textAlign = x > (area.left + area.right) / 2 ? 'right' : 'left';
      const label = `loss > 100\u00d7 epoch 1\u2019s from epoch ${alarm.exploding}`;
      ctx.fillText(label, x + (ctx.textAlign === 'right' ? -4 : 4), area.top + FONT.size + 2);
    }
  }
  if (alarm.diverged) {
    const from = Math.max(area.left, scales.x.getPixelForValue(alarm.diverged - 1));
    ctx.save();
    ctx.beginPath();
    ctx.rect(from, area.top, area.right - from, area.bottom - area.top);
    ctx.clip();
    ctx.fillStyle = 'rgba(220, 38, 38, 0.18)';
    ctx.fillRect(from, area.top, area.right - from, area.bottom - area.top);
    ctx.strokeStyle = 'rgba(220, 38, 38, 0.35)';
    ctx.lineWidth = 1;
    ctx.setLineDash([]);
    const height = area.bottom - area.top;
    for (let x = from - height; x < area.right; x += 8) {
      ctx.beginPath();
      ctx.moveTo(x, area.bottom);
      ctx.lineTo(x + height, area.top);
      ctx.stroke();
    }
    ctx.restore();
    const x = scales.x.getPixelForValue(alarm.diverged);
    ctx.setLineDash([]);
    ctx.strokeStyle = COLORS.cut;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(x, area.top);
    ctx.lineTo(x, area.bottom);
    ctx.stroke();
    const text = `\u2716 Diverged at epoch ${alarm.diverged}: loss not finite`;
    boxedText(ctx, area, text, x + 6, area.top + 4, { fill: COLORS.cut, color: '#fff' });
  }
}

const STAIR_GAP = 4; // px between two stair labels; a label that would come closer is left out

/**
 * Short labels ("÷10 plateau") beside the rate's stairs, left to right; a label that would overlap
 * one already drawn (or leave the plot) is skipped, so crowded runs show every other one or fewer.
 * What was drawn is kept in chart.$stairLabels (read by tests).
 */
function drawStairLabels(chart, stairs) {
  const { ctx, chartArea: area, scales } = chart;
  ctx.font = `${FONT.size}px ${FONT.family}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  const drawn = [];
  const height = FONT.size + 4;
  for (const { epoch, y, text } of stairs) {
    const px = scales.x.getPixelForValue(epoch);
    const py = scales.y.getPixelForValue(y);
    if (!(px >= area.left && px <= area.right && py >= area.top && py <= area.bottom)) continue;
    const width = ctx.measureText(text).width + 6;
    // Right of the marker, just above the new rate's level; flipped left near the right edge.
    const left = px + width + 6 > area.right ? px - width - 6 : px + 6;
    const top = Math.max(area.top, py - height - 4);
    const box = { text, left, top, right: left + width, bottom: top + height };
    if (box.left < area.left) continue;
    const clash = drawn.some(
      (b) =>
        box.left < b.right + STAIR_GAP &&
        b.left < box.right + STAIR_GAP &&
        box.top < b.bottom &&
        b.top < box.bottom,
    );
    if (clash) continue;
    ctx.fillStyle = theme.labelBox;
    ctx.fillRect(box.left, box.top, width, height);
    ctx.fillStyle = theme.cutText;
    ctx.fillText(text, box.left + 3, box.bottom - 2);
    drawn.push(box);
  }
  chart.$stairLabels = drawn;
}

// Dashed vertical lines at the epochs of discrete rate changes, the stairs' labels, an optional
// horizontal reference, and the exploding / diverged marks.
const changeLines = {
  id: 'changeLines',
  afterDatasetsDraw(chart, _args, opts) {
    const { ctx, chartArea: area, scales } = chart;
    ctx.save();
    if (opts.alarm) drawAlarm(ctx, area, scales, opts.alarm);
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    const cuts = [...(opts.changes ?? [])].filter(([, c]) => c.kind === 'change');
    if (cuts.length <= 40) {
      ctx.strokeStyle = 'rgba(220, 38, 38, 0.45)';
      for (const [epoch] of cuts) {
        const x = scales.x.getPixelForValue(epoch);
        if (x < area.left || x > area.right) continue;
        ctx.beginPath();
        ctx.moveTo(x, area.top);
        ctx.lineTo(x, area.bottom);
        ctx.stroke();
      }
    }
    if (opts.stairs) {
      ctx.setLineDash([]);
      drawStairLabels(chart, opts.stairs);
    }
    const ref = opts.reference;
    const y = ref && scales.y.getPixelForValue(ref.value);
    if (ref && y >= area.top && y <= area.bottom) {
      ctx.setLineDash([4, 3]);
      ctx.strokeStyle = theme.referenceLine;
      ctx.beginPath();
      ctx.moveTo(area.left, y);
      ctx.lineTo(area.right, y);
      ctx.stroke();
      ctx.font = `${FONT.size}px ${FONT.family}`;
      const width = ctx.measureText(ref.label).width;
      ctx.fillStyle = theme.labelBox;
      ctx.fillRect(area.right - width - 8, y - FONT.size - 6, width + 6, FONT.size + 4);
      ctx.fillStyle = theme.referenceText;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(ref.label, area.right - 4, y - 5);
    }
    ctx.restore();
  },
};

let Chart = null; // Chart.js, once loadChartJs() has loaded it
let loading = null; // loadChartJs()'s promise
const plugins = [changeLines]; // registered for every chart as Chart.js arrives
const waiting = new Set(); // EpochCharts asked to draw before Chart.js was in

/**
 * Loads Chart.js (once; later calls get the same promise), registers the page's plugins, applies
 * the theme and draws the charts that were asked to draw before; resolves to Chart.
 */
export function loadChartJs() {
  loading ??= import('./chartjs.js').then((module) => {
    Chart = module.Chart;
    Chart.register(...plugins);
    Chart.defaults.font = FONT;
    setChartTheme(theme.dark);
    for (const chart of waiting) chart.update();
    waiting.clear();
    return Chart;
  });
  return loading;
}

/** Chart.js, which must have loaded (loadChartJs()). */
export function chartJs() {
  if (!Chart) throw new Error('Chart.js has not loaded yet (loadChartJs)');
  return Chart;
}

// Chart.js leaves the canvas transparent; a picture saved on its own needs the theme's background.
const pictureBackground = {
  id: 'pictureBackground',
  beforeDraw({ ctx, width, height }) {
    ctx.save();
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

const SERIES_COLORS = [
  'borderColor',
  'backgroundColor',
  'pointBackgroundColor',
  'pointBorderColor',
];

/** Gives a dataset the theme's colours for the light ones it was made with (kept in $light). */
function paint(d) {
  d.$light ??= Object.fromEntries(SERIES_COLORS.map((k) => [k, d[k]]));
  for (const k of SERIES_COLORS)
    if (d.$light[k] !== undefined) d[k] = seriesColor(d.$light[k], theme.dark);
  return d;
}

/**
 * Light or dark charts: ticks, grid, labels, reference lines, markers and series, on the page at
 * once and in every picture exported from now on. Also before any chart exists (Chart's defaults).
 */
export function setChartTheme(dark) {
  theme = { dark, ...(dark ? DARK : LIGHT) };
  if (!Chart) return; // loadChartJs() applies it
  Chart.defaults.color = theme.text;
  Chart.defaults.borderColor = theme.grid;
  for (const chart of Object.values(Chart.instances)) {
    chart.data.datasets.forEach(paint);
    paintScales(chart.options);
    chart.update('none');
  }
}

/**
 * The theme's colours on every axis of `options`, set on the axes themselves: Chart.js keeps the
 * colours it resolved from its defaults when they change later.
 */
function paintScales(options) {
  for (const scale of Object.values(options.scales ?? {})) {
    scale.ticks = { ...scale.ticks, color: theme.text };
    scale.title = { ...scale.title, color: theme.text };
    scale.grid = { ...scale.grid, color: theme.grid };
    scale.border = { ...scale.border, color: theme.grid };
  }
}
setChartTheme(false);

export const axisTitle = (text) => ({ display: true, text });

/** Tooltip lines describing the rate change at `epoch`, if any. */
function changeFooter(changes, epoch) {
  const c = changes.get(epoch);
  if (!c) return [];
  const head =
    c.kind === 'skip'
      ? 'Cut skipped (not a change)'
      : `Rate ${formatLr(c.from)} \u2192 ${formatLr(c.to)}`;
  return [head, ...wrap(tidyExponents(c.reason), 34)];
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

// Long runs draw at most one point per PX_PER_POINT pixels of width (views/thinning.js): in each
// column, the points where some line is lowest or highest. A redraw then costs about the same at
// 10,000 epochs (or 450,000 batch steps) as at 200.
const PX_PER_POINT = 2;

/**
 * A Chart.js dataset for one series: { label, color, extra (more dataset options), thin }. A line
 * (thin, the default) keeps every point in `full` and draws `data`, which update() may thin out;
 * markers (thin: false) draw every point of `data`.
 */
function dataset({ label, color, extra, thin = true }) {
  return paint({
    label,
    data: [],
    ...(thin && { full: [] }),
    borderColor: color,
    backgroundColor: color,
    borderWidth: 2,
    pointRadius: 0,
    pointHoverRadius: 3,
    ...extra,
  });
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
          tooltip: {
            footerFont: { weight: 'normal' },
            callbacks: {
              title: (items) => `Epoch ${items[0].parsed.x}`,
              label: (item) => `${item.dataset.label}: ${label(item.parsed.y)}`,
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
    if (y > this.#yHi) this.#yHi = y;
  }

  /** Measures every point again (after points were replaced). */
  #measure() {
    [this.#xLast, this.#yLo, this.#yHi] = [0, Infinity, -Infinity];
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
    if (!Chart) {
      waiting.add(this); // drawn as Chart.js arrives
      loadChartJs();
      return;
    }
    // The x axis grows with the run (10, 20, ... epochs) so the first few epochs are readable.
    const n = Math.ceil(this.#xLast);
    const grid = n <= 100 ? 10 : n <= 1000 ? 100 : 1000;
    this.config.options.scales.x.max = Math.min(
      this.epochs,
      Math.max(10, Math.ceil(n / grid) * grid),
    );
    paintScales(this.config.options); // setLog() gives the chart a new y axis
    if (this.config.options.scales.y.type === 'logarithmic') this.#fitLog();
    this.#thin();
    this.thinMarkers?.();
    this.chart.update('none');
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

  /** Log axes hug the data (with a margin) instead of jumping between whole decades. */
  #fitLog() {
    const lo = Math.min(this.hint ?? Infinity, this.#yLo);
    const hi = Math.max(this.hint ?? -Infinity, this.#yHi);
    const y = this.config.options.scales.y;
    [y.min, y.max] = Number.isFinite(lo) && hi > 0 ? [lo / 2, hi * 2] : [undefined, undefined];
  }

  /** Points drawn now on series i (at most a few per pixel column). */
  drawnCount(i = 0) {
    return this.config.data.datasets[i]?.data.length ?? 0;
  }

  get pointCount() {
    return this.points(0).length;
  }

  /** The chart as a PNG for export (chartPng below). */
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

/**
 * A Chart.js chart as drawn now, redrawn on a canvas of its own at `scale` times its displayed size
 * (the fonts and lines scale too) on the theme's background, with `title` and `subtitle` above and a
 * legend of the named series that have points, as PNG bytes. For export; the chart on the page is
 * not touched.
 */
export async function chartPng(chart, { title, subtitle }, scale = 2) {
  const Chart = chartJs();
  const { width, height } = chart; // CSS pixels, as displayed
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const options = chart.config.options;
  const copy = new Chart(canvas, {
    type: chart.config.type,
    data: {
      datasets: chart.data.datasets.map((d) => ({ ...d, data: d.data.slice() })),
    },
    options: {
      ...options,
      responsive: false,
      devicePixelRatio: scale,
      events: [],
      layout: { padding: { left: 6, right: 8, top: 4, bottom: 2 } },
      // A smaller y title: on a short plot a long one rises into the lines above.
      scales: {
        ...options.scales,
        y: { ...options.scales.y, title: { ...options.scales.y.title, font: { size: 10 } } },
      },
      plugins: {
        ...options.plugins,
        tooltip: { enabled: false },
        title: {
          display: true,
          text: title,
          align: 'start',
          color: theme.title,
          font: { size: 12, weight: 'bold' },
          padding: { top: 2, bottom: 0 },
        },
        subtitle: {
          display: true,
          text: subtitle,
          color: theme.text,
          align: 'start',
          font: { size: 10 },
          padding: { top: 1, bottom: 2 },
        },
        // At the right: the y axis's title may rise above a short plot on the left.
        legend: {
          display: true,
          align: 'end',
          labels: {
            color: theme.text,
            boxWidth: 14,
            boxHeight: 3,
            padding: 6,
            filter: (item, data) =>
              item.text !== '' && data.datasets[item.datasetIndex].data.length > 0,
          },
        },
      },
    },
    plugins: [pictureBackground],
  });
  try {
    return await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  } finally {
    copy.destroy(); // clears the canvas: only once its picture is taken
  }
}

export function yScale(log, title, format) {
  const common = { title: axisTitle(log ? `${title} (log)` : title), ticks: { callback: format } };
  return log
    ? { type: 'logarithmic', afterBuildTicks: decadeTicks, ...common }
    : { type: 'linear', beginAtZero: true, ...common };
}

/** Registers a Chart.js plugin for every chart (views/last-run.js draws the last run with one). */
export const registerPlugin = (plugin) => (Chart ? Chart.register(plugin) : plugins.push(plugin));
