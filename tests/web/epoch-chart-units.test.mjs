// EpochChart's Chart.js options (web/src/views/epoch-chart.js), no browser: what every update of a
// chart on the page asks of Chart.js. `node --test tests/web/epoch-chart-units.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EpochChart } from '../../web/src/views/epoch-chart.js';
import { ChartSet } from '../../web/src/views/charts.js';

test("the page's charts turn Title, SubTitle and Legend off, not just hidden", () => {
  // Hidden, Chart.js still ran their hooks on every update: the title boxes took part in the
  // layout and the legend built an item per series. The exported picture turns them on again
  // (chart-png.js; try-it-export.test.mjs checks its title and legend pixels).
  const canvas = { closest: () => ({ hidden: false, querySelector: () => ({}) }) };
  const { loss, lr, acc, momentum } = new ChartSet({
    loss: canvas,
    lr: canvas,
    acc: canvas,
    momentum: canvas,
  });
  const single = new EpochChart(canvas, { series: [{ label: 'a', color: '#000' }], y: {} });
  for (const chart of [loss, lr, acc, momentum, single]) {
    const { plugins } = chart.config.options;
    assert.deepEqual([plugins.title, plugins.subtitle, plugins.legend], [false, false, false]);
  }
});
