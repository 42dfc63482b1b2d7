// Loads Chart.js (views/chartjs.js, a chunk of its own) when asked, with loadChartJs(): once Step
// is usable, or when a chart first draws. Until then charts keep their points (waitForChartJs);
// plugins registered early (registerPlugin) wait here. This module must not import Chart.js itself,
// or Chart.js would be in the page's main chunk.
import { changeLines } from './chart-marks.js';
import { useChartTheme } from './chart-theme.js';

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
    useChartTheme(Chart);
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

/**
 * False once Chart.js is in. Before, true: `chart` is updated as Chart.js arrives, and Chart.js
 * starts loading.
 */
export function waitForChartJs(chart) {
  if (Chart) return false;
  waiting.add(chart);
  loadChartJs();
  return true;
}

/** Registers a Chart.js plugin for every chart (views/last-run.js draws the last run with one). */
export const registerPlugin = (plugin) => (Chart ? Chart.register(plugin) : plugins.push(plugin));
