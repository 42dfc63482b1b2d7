// @ts-check
// How the charts, the status line and the counts show an epoch record's scheduler event. What the
// event is comes from the core: its kind (`r.event`, cpp/scheduler.hpp's EventKind: a discrete
// change such as a StepLR or plateau cut, the end of a warm-up, a hand-over or a warm restart; one
// step along a smooth schedule; a skipped plateau cut) and the classes that acted (`r.actors`).
// This file only picks the marker and the words. No DOM here.
import { formatLr } from './format.js';

// The core's kinds as the page draws them: a change gets a marker, a label and a count; a
// continuous step is part of the line (a marker on each of ExponentialLR's epochs, or on each of
// CyclicLR's steps, would be noise); a skipped cut gets a ring.
const DRAWN_AS = {
  none: null,
  skippedCut: 'skip',
  continuous: 'continuous',
  discrete: 'change',
  restart: 'change',
  handOver: 'change',
  warmUpEnd: 'change',
};

/**
 * The PyTorch classes whose step decided record r's rate, in words: 'LinearLR' during a warm-up,
 * 'LinearLR and ExponentialLR' for a ChainedScheduler's step that both moved.
 * @param {import('./records.js').EpochRecord} r
 */
export function actor(r) {
  return (r.actors ?? []).join(' and ');
}

/**
 * 'change' (a discrete change of the rate), 'continuous' (one step of a smooth schedule), 'skip'
 * (ReduceLROnPlateau wanted to cut but eps or min_lr stopped it) or null (nothing happened).
 * @param {import('./records.js').EpochRecord} r
 */
export function eventKind(r) {
  if (r.diverged) return null;
  return DRAWN_AS[r.event] ?? null;
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

// A stair's tag: what happened, else who did it (short names for the lesson's two cutters).
const EVENT_TAGS = { warmUpEnd: 'warm-up ends', handOver: 'switch', restart: 'restart' };
const ACTOR_TAGS = { ReduceLROnPlateau: 'plateau', StepLR: 'step' };

/**
 * The stair's label on the rate chart: "÷10 plateau", "÷10 step", "×1.5 warm-up ends"; an epoch
 * of several discrete events (stepped per batch) counts them, its factor being their total:
 * "÷10000 step (4 cuts)", "×0.5 warm-up ends (3 changes)".
 * @param {import('./records.js').EpochRecord} r
 */
export function stairLabel(r) {
  const who = actor(r);
  const label = `${factorText(r.lrUsed, r.lr)} ${EVENT_TAGS[r.event] ?? ACTOR_TAGS[who] ?? who}`;
  const n = r.discreteEvents ?? 1;
  if (n < 2) return label;
  return `${label} (${n} ${r.event === 'discrete' && r.lr < r.lrUsed ? 'cuts' : 'changes'})`;
}

/**
 * { changes, skipped } among records: discrete changes and skipped cuts (continuous steps are neither).
 * @param {import('./records.js').EpochRecord[]} records
 */
export function countEvents(records) {
  let [changes, skipped] = [0, 0];
  for (const r of records) {
    const kind = eventKind(r);
    if (kind === 'change') changes += 1;
    else if (kind === 'skip') skipped += 1;
  }
  return { changes, skipped };
}
