// Chart.js, with the parts the page draws with registered: the one module that imports it. It is a
// chunk of its own, loaded by chartjs-loader.js's loadChartJs() once Step is usable (or when a chart
// first draws), so the page's start neither downloads nor evaluates it.
import { Chart, LineController, LineElement, PointElement } from 'chart.js';
import { Legend, LinearScale, LogarithmicScale, SubTitle, Title, Tooltip } from 'chart.js';

// Title, SubTitle and Legend draw only in exported pictures (chart-png.js's chartPng); on the page
// the card names the chart and its head shows the keys.
Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip);
Chart.register(Legend, Title, SubTitle);
Chart.defaults.plugins.legend.display = false;

export { Chart };
