// The charts' axis options: a shown title, and a y axis on a linear or a log scale (whole decades).

import { formatLr } from '../model/format.js';

export const axisTitle = (text) => ({ display: true, text });

/**
 * Log-axis ticks: whole decades only (every n-th when there are many), or one mid tick if none fits.
 * When a point is 0 (the chart's $zeroBelow: the lowest positive value, EpochChart), Chart.js draws
 * it at the axis floor: the floor is marked '0' and no decade is marked between it and the lowest
 * positive value, a gap no point lies in.
 */
function decadeTicks(scale) {
  const { min, max } = scale;
  if (!(min > 0 && max > min)) return;
  const zeroBelow = scale.chart.$zeroBelow || 0;
  const lo = Math.ceil(Math.log10(Math.max(min, zeroBelow)) - 1e-9);
  const hi = Math.floor(Math.log10(max) + 1e-9);
  const every = Math.max(1, Math.ceil((hi - lo + 1) / 7));
  const ticks = [];
  for (let k = hi; k >= lo; k -= every) ticks.push({ value: Number(`1e${k}`), decade: true });
  if (!ticks.length) ticks.push({ value: Number(Math.sqrt(min * max).toPrecision(2)) });
  if (zeroBelow) ticks.push({ value: min, zero: true });
  scale.ticks = ticks;
}

export function yScale(log, title, format) {
  // A decade is written as the rate chart writes rates (0.001, 0.0001, 1e-5), on every log axis:
  // the loss's own format wrote "1.00e-4" (compare mode's loss axis).
  const label = (value, i, ticks) =>
    ticks[i]?.zero ? '0' : ticks[i]?.decade ? formatLr(value) : format(value);
  const common = { title: axisTitle(log ? `${title} (log)` : title), ticks: { callback: label } };
  return log
    ? { type: 'logarithmic', afterBuildTicks: decadeTicks, ...common }
    : { type: 'linear', beginAtZero: true, ...common };
}
