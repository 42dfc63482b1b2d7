// Text for the charts: each canvas (role="img") gets an aria-label that sums up what it shows, e.g.
// "Loss after epoch 40: train 1.087, validation 1.084". Relabelled at most four times a second, so
// Play at full speed costs nothing; the labels are not live regions (the status line is).
import { formatCount, formatLoss, formatLr, formatMomentum, formatPct } from '../model/format.js';
import { countEvents, eventKind } from '../model/events.js';

const EVERY_MS = 250;

/** Discrete changes and skipped cuts, told apart; a continuous schedule's steps are neither. */
function changesText(records) {
  const { changes: n, skipped } = countEvents(records);
  const skips = skipped
    ? `, ${formatCount(skipped)} cut${skipped === 1 ? '' : 's'} skipped (eps)`
    : '';
  const smooth = records.some((r) => eventKind(r) === 'continuous');
  if (!n && smooth) return `no stair so far, it moves a little every epoch${skips}`;
  if (!n) return `no change so far${skips}`;
  const lastEpoch = records.findLast((r) => eventKind(r) === 'change').epoch;
  const also = smooth ? ', and it moves a little every epoch' : '';
  return `${formatCount(n)} change${n === 1 ? '' : 's'} so far, the last after epoch ${lastEpoch}${also}${skips}`;
}

/** The momentum (or beta1) chart's label: where it is now and the range it has swept so far. */
function momentumText(log, name, after) {
  let [lo, hi] = [Infinity, -Infinity];
  for (const r of log.records) {
    for (const m of r.stepMomenta ?? [r.momentum]) [lo, hi] = [Math.min(lo, m), Math.max(hi, m)];
  }
  const now = formatMomentum(log.last.momentum);
  return `${name} ${after}: ${now}; cycled by the scheduler between ${formatMomentum(lo)} and ${formatMomentum(hi)} so far, against the rate`;
}

/** The labels for the run in `log` (a RunLog); momentum only when the scheduler cycles it. */
export function chartSummaries(log) {
  const last = log.last;
  const stop = log.divergence ? ` Training diverged at epoch ${log.divergence.epoch}.` : '';
  const name = log.run?.momentumName === 'beta1' ? 'Beta1' : 'Momentum';
  const cycles = Boolean(log.run?.cyclesMomentum);
  if (!last) {
    const none = `nothing trained yet.${stop}`;
    return {
      loss: `Training and validation loss per epoch: ${none}`,
      lr: `Learning rate after each epoch: starts at ${formatLr(Number(log.settings.lr))}; ${none}`,
      acc: `Validation accuracy per epoch: ${none}`,
      ...(cycles && { momentum: `${name} after each step, cycled by the scheduler: ${none}` }),
    };
  }
  const after = `after epoch ${last.epoch}`;
  const steps = last.stepLrs
    ? `, stepped ${formatCount(last.stepLrs.length)} times an epoch (each step drawn)`
    : '';
  return {
    loss: `Loss ${after}: train ${formatLoss(last.trainLoss)}, validation ${formatLoss(last.valLoss)}.${stop}`,
    lr: `Learning rate ${after}: ${formatLr(last.lr)}${steps}; ${changesText(log.records)}.${stop}`,
    acc: `Validation accuracy ${after}: ${formatPct(last.valAcc)}.${stop}`,
    ...(cycles && { momentum: `${momentumText(log, name, after)}.${stop}` }),
  };
}

/** canvases: { loss, lr, acc, momentum }. */
export function labelCharts(log, canvases) {
  let timer = 0;
  const relabel = () => {
    timer = 0;
    const text = chartSummaries(log);
    for (const [name, canvas] of Object.entries(canvases))
      if (text[name]) canvas.setAttribute('aria-label', text[name]);
  };
  log.subscribe(() => {
    if (!timer) timer = setTimeout(relabel, EVERY_MS);
  });
}
