// A chart as a PNG picture for export (views/export.js, the range test's card): the chart redrawn
// at twice its size with a title, a subtitle and a legend, on the theme's background.
import { chartJs } from './chartjs-loader.js';
import { theme } from './chart-theme.js';

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
