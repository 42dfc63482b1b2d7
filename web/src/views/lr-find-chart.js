// The range test's chart: loss against the learning rate on a log axis, the smoothed curve over the
// faint raw batch losses, and the suggestion as a red triangle on a dashed line. Every mark is a
// dataset, so the PNG export (chartPng) redraws it as it is.
import { COLORS, FAINT_LOSS } from './chart-palette.js';
import { axisTitle } from './chart-axes.js';
import { chartJs } from './chartjs-loader.js';
import { chartPng } from './chart-png.js';
import { lineDataset } from './chart-theme.js';
import { formatLoss, formatLr } from '../model/format.js';
import { chartSeries } from '../model/lr-find.js';

export class LrFindChart {
  /** canvas: where it draws (inside a sized .canvas-box). Chart.js must have loaded (loadChartJs). */
  constructor(canvas) {
    const Chart = chartJs();
    this.chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          lineDataset('loss of each batch', FAINT_LOSS, { borderWidth: 1 }),
          lineDataset('smoothed loss', COLORS.train),
          lineDataset('suggested rate', COLORS.cut, {
            showLine: false,
            pointStyle: 'triangle',
            pointRadius: 6,
            pointHoverRadius: 8,
          }),
          lineDataset('', COLORS.cut, { borderWidth: 1, borderDash: [4, 3], pointHoverRadius: 0 }),
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: {
            type: 'logarithmic',
            title: axisTitle('learning rate (log)'),
            ticks: { callback: (v) => (Number.isInteger(Math.log10(v)) ? formatLr(v) : '') },
          },
          y: {
            type: 'linear',
            title: axisTitle('training loss'),
            ticks: { callback: formatLoss },
          },
        },
        plugins: {
          tooltip: {
            filter: (item) => item.datasetIndex < 3,
            callbacks: {
              title: (items) => `rate ${formatLr(items[0]?.parsed.x)}`,
              label: (item) => `${item.dataset.label}: ${formatLoss(item.parsed.y)}`,
            },
          },
          legend: { labels: { filter: (item) => item.text !== '' } },
        },
      },
    });
  }

  /** Draws a result of the core's range test (model/lr-find.js's LrFindResult). */
  show(result) {
    const { raw, smoothed, suggestion } = chartSeries(result);
    const [rawSet, smoothSet, markSet, lineSet] = this.chart.data.datasets;
    rawSet.data = raw;
    smoothSet.data = smoothed;
    markSet.data = suggestion;
    // The top of the y axis: a little above the smoothed loss before its lowest point, so the
    // fall fills the chart and the blow-up at the end leaves through the top.
    const ys = smoothed.map((p) => p.y);
    const low = ys.reduce((a, b) => Math.min(a, b), Infinity);
    const start = ys.slice(0, ys.indexOf(low) + 1).reduce((a, b) => Math.max(a, b), -Infinity);
    const top = Number((start + (start - low) * 0.6 || start * 1.2 || 1).toPrecision(2));
    this.chart.options.scales.y.max = top;
    const bottom = raw.reduce((a, p) => Math.min(a, p.y), low);
    lineSet.data = suggestion.length
      ? [
          { x: suggestion[0].x, y: bottom },
          { x: suggestion[0].x, y: top },
        ]
      : [];
    this.chart.update();
  }

  /**
   * What is drawn, for tests: points per series, the x axis's type, the mark's rate and the raw
   * line's colour.
   */
  describe() {
    const [raw, smoothed, mark] = this.chart.data.datasets;
    return {
      raw: raw.data.length,
      smoothed: smoothed.data.length,
      suggestion: mark.data[0]?.x ?? null,
      xScale: this.chart.options.scales.x.type,
      rawColor: raw.borderColor,
    };
  }

  png(titles) {
    return chartPng(this.chart, titles, 2);
  }
}
