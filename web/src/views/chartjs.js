// Chart.js, with the parts the page draws with registered: the one module that imports it. It is a
// chunk of its own, loaded by chartjs-loader.js's loadChartJs() once Step is usable (or when a chart
// first draws), so the page's start neither downloads nor evaluates it.
import { Chart, LineController, LineElement, PointElement } from 'chart.js';
import {
  Interaction,
  Legend,
  LinearScale,
  LogarithmicScale,
  SubTitle,
  Title,
  Tooltip,
} from 'chart.js';
import { getRelativePosition } from 'chart.js/helpers';

// Title, SubTitle and Legend draw only in exported pictures (chart-png.js's chartPng); on the page
// the card names the chart and its head shows the keys.
Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip);
Chart.register(Legend, Title, SubTitle);
Chart.defaults.plugins.legend.display = false;

/**
 * 'firstLine': the point of dataset 0 nearest the pointer in x (the rate chart's line; its other
 * datasets are the change markers). Chart.js's 'index' mode takes the nearest point of any dataset and
 * then that index in every dataset, so beside the marker of a run's k-th change it read the line's
 * k-th point: with a point per optimizer step, 'Epoch 1 · optimizer step 6' shown at epoch 2.
 */
Interaction.modes.firstLine = (chart, event, options, useFinalPosition) => {
  const { x } = getRelativePosition(event, chart);
  const { data } = chart.getDatasetMeta(0);
  let [index, distance] = [-1, Infinity];
  data.forEach((element, j) => {
    const d = Math.abs(element.getProps(['x'], useFinalPosition).x - x);
    if (!element.skip && d < distance) [index, distance] = [j, d];
  });
  return index < 0 ? [] : [{ element: data[index], datasetIndex: 0, index }];
};

export { Chart };
