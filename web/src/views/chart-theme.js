// The charts' look in the page's theme: their font, chart-palette.js's colours of the light or dark
// theme (`theme`), and setChartTheme(), which repaints Chart.js's defaults and every chart.
// Chart.js is not imported here: chartjs-loader.js hands it over with useChartTheme() once loaded.
import { DARK, LIGHT, seriesColor } from './chart-palette.js';

export const FONT = {
  family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  size: 11,
};
// chart-palette.js's colours of the page's theme, { dark, ...LIGHT or DARK }. setChartTheme()
// replaces the object; importers see the new one (a live binding), so they read it when drawing.
export let theme = { dark: false, ...LIGHT };
let Chart = null; // Chart.js, once useChartTheme() has been given it

const SERIES_COLORS = [
  'borderColor',
  'backgroundColor',
  'pointBackgroundColor',
  'pointBorderColor',
];

/** Gives a dataset the theme's colours for the light ones it was made with (kept in $light). */
export function paint(d) {
  d.$light ??= Object.fromEntries(SERIES_COLORS.map((k) => [k, d[k]]));
  for (const k of SERIES_COLORS)
    if (d.$light[k] !== undefined) d[k] = seriesColor(d.$light[k], theme.dark);
  return d;
}

/** A line series in `color` (its light-theme colour), painted in the theme; `extra` adds to it. */
export function lineDataset(label, color, extra) {
  return paint({
    label,
    data: [],
    borderColor: color,
    backgroundColor: color,
    borderWidth: 2,
    pointRadius: 0,
    pointHoverRadius: 3,
    ...extra,
  });
}

/**
 * Light or dark charts: ticks, grid, labels, reference lines, markers and series, on the page at
 * once and in every picture exported from now on. Also before any chart exists (Chart's defaults).
 */
export function setChartTheme(dark) {
  theme = { dark, ...(dark ? DARK : LIGHT) };
  if (!Chart) return; // useChartTheme() applies it
  Chart.defaults.color = theme.text;
  Chart.defaults.borderColor = theme.grid;
  for (const chart of Object.values(Chart.instances)) {
    chart.data.datasets.forEach(paint);
    paintScales(chart.options);
    chart.update('none');
  }
}

/** Chart.js has loaded: its defaults take the font and the current theme, and follow the theme. */
export function useChartTheme(chartJs) {
  Chart = chartJs;
  Chart.defaults.font = FONT;
  setChartTheme(theme.dark);
}

/**
 * The theme's colours on every axis of `options`, set on the axes themselves: Chart.js keeps the
 * colours it resolved from its defaults when they change later.
 */
export function paintScales(options) {
  for (const scale of Object.values(options.scales ?? {})) {
    scale.ticks = { ...scale.ticks, color: theme.text };
    scale.title = { ...scale.title, color: theme.text };
    scale.grid = { ...scale.grid, color: theme.grid };
    scale.border = { ...scale.border, color: theme.grid };
  }
}
