// @ts-check
// What an epoch record's scheduler event is, for the charts, the status line and the counts: which
// scheduler acted, whether it was a discrete event (a StepLR or plateau cut, the end of a warm-up),
// one step along a continuous schedule (ExponentialLR, CosineAnnealingLR, LinearLR's ramp), or a
// plateau cut skipped because of eps. No DOM here.
import { formatLr } from './format.js';
import { SCHEDULERS } from './settings.js';

// The core's reasons start with the class that acted ("LinearLR warms up …", "SequentialLR ends the
// warm-up …"); ReduceLROnPlateau's start with what it saw ("no improvement for 11 epochs …").
const CLASSES = [
  'ReduceLROnPlateau',
  'StepLR',
  'ExponentialLR',
  'CosineAnnealingLR',
  'LinearLR',
  'SequentialLR',
  'PolynomialLR',
  'CosineAnnealingWarmRestarts',
  'CyclicLR',
  'OneCycleLR',
];
// Schedules that move the rate a little every epoch (or every batch): drawn as a line, never as
// markers. CyclicLR and OneCycleLR change the rate at every step, so marking each change put a
// triangle, a label and a dashed line on every epoch of every chart.
const CONTINUOUS = new Set([
  'ExponentialLR',
  'CosineAnnealingLR',
  'LinearLR',
  'PolynomialLR',
  'CosineAnnealingWarmRestarts',
  'CyclicLR',
  'OneCycleLR',
]);
// The core's reason when SequentialLR hands over to its next scheduler: a phase switch, discrete
// whatever the next scheduler is.
const SWITCH = /at SequentialLR's milestone/;
// CosineAnnealingWarmRestarts' jump back to the base rate (the core's reason): a discrete event,
// unlike the cosine's steps between restarts. In a ChainedScheduler it may follow another
// scheduler's reason after "; ".
const RESTART = /(^|; )CosineAnnealingWarmRestarts restarts/;
const isSwitch = (r) => SWITCH.test(r.reason ?? '');
const isRestart = (r) => RESTART.test(r.reason ?? '');

/**
 * The PyTorch class whose step decided record r's rate: the one its reason names, else the run's.
 * @param {import('./records.js').EpochRecord} r
 * @param {string} scheduler
 */
export function actor(r, scheduler) {
  if (r.actor) return r.actor; // the core names it (LinearLR during a warm-up)
  const first = /^[A-Za-z]+/.exec(r.reason ?? '')?.[0];
  return CLASSES.includes(first) ? first : (SCHEDULERS[scheduler]?.name ?? scheduler);
}

/**
 * 'change' (a discrete change of the rate), 'continuous' (one step of a smooth schedule), 'skip'
 * (ReduceLROnPlateau wanted to cut but eps or min_lr stopped it) or null (nothing happened).
 * @param {import('./records.js').EpochRecord} r
 * @param {string} scheduler
 */
export function eventKind(r, scheduler) {
  if (r.diverged) return null;
  const who = actor(r, scheduler);
  // A ChainedScheduler's step names every scheduler that moved the rate ("LinearLR and
  // ExponentialLR", the core's actor): continuous when each of them is, so a chained ramp is a line
  // as LinearLR's alone is, while a StepLR cut among them stays marked.
  const continuous = who.split(' and ').every((name) => CONTINUOUS.has(name));
  if (r.lrChanged) return continuous && !isSwitch(r) && !isRestart(r) ? 'continuous' : 'change';
  return r.reason && who === 'ReduceLROnPlateau' ? 'skip' : null;
}

/**
 * "÷10", "×0.5", "×3": the factor of a change, as a divisor when it is a whole one; "→ 0" or
 * "→ past a double's range" where there is no factor.
 */
export function factorText(from, to) {
  const ratio = to / from;
  if (!(ratio > 0) || !Number.isFinite(ratio)) return `\u2192 ${formatLr(to)}`;
  const inverse = 1 / ratio;
  const whole = Math.round(inverse);
  if (ratio < 1 && whole >= 2 && Math.abs(inverse - whole) < 1e-6 * whole) return `\u00f7${whole}`;
  return `\u00d7${Number(ratio.toPrecision(3))}`;
}

const TAGS = { ReduceLROnPlateau: 'plateau', StepLR: 'step', SequentialLR: 'warm-up ends' };

/**
 * The stair's label on the rate chart: "÷10 plateau", "÷10 step", "×1.5 warm-up ends".
 * @param {import('./records.js').EpochRecord} r
 * @param {string} scheduler
 */
export function stairLabel(r, scheduler) {
  const who = actor(r, scheduler);
  if (isSwitch(r))
    return `${factorText(r.lrUsed, r.lr)} ${/from LinearLR/.test(r.reason) ? 'warm-up ends' : 'switch'}`;
  if (isRestart(r)) return `${factorText(r.lrUsed, r.lr)} restart`;
  return `${factorText(r.lrUsed, r.lr)} ${TAGS[who] ?? who}`;
}

/**
 * { changes, skipped } among records: discrete changes and skipped cuts (continuous steps are neither).
 * @param {import('./records.js').EpochRecord[]} records
 * @param {string} scheduler
 */
export function countEvents(records, scheduler) {
  let [changes, skipped] = [0, 0];
  for (const r of records) {
    const kind = eventKind(r, scheduler);
    if (kind === 'change') changes += 1;
    else if (kind === 'skip') skipped += 1;
  }
  return { changes, skipped };
}
