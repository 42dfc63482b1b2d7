// The charts' axis options: a shown title, and a y axis on a linear or a log scale (whole decades).

export const axisTitle = (text) => ({ display: true, text });

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

export function yScale(log, title, format) {
  const common = { title: axisTitle(log ? `${title} (log)` : title), ticks: { callback: format } };
  return log
    ? { type: 'logarithmic', afterBuildTicks: decadeTicks, ...common }
    : { type: 'linear', beginAtZero: true, ...common };
}
