// Small pure helpers the practice checks share: reading the run's settings and comparing numbers.
// No DOM here.
import { SCHEDULERS, SETTINGS, appliesTo, defaultFor } from '../model/settings.js';

export const pass = (message) => ({ pass: true, message });
export const fail = (message) => ({ pass: false, message });

/**
 * A check's result as the practice card shows it: the verdict as a sentence of its own, then the
 * check's message ("Not yet. This run uses …"). A colon joined them into "Not yet: This run …", a
 * capital after a colon, and every message starts a sentence.
 */
export const verdictText = ({ pass, message }) => `${pass ? 'Passed' : 'Not yet'}. ${message}`;

const same = (a, b) => {
  const [x, y] = [Number(a), Number(b)];
  return String(a) === String(b) || (a !== '' && b !== '' && Number.isFinite(x) && x === y);
};

/** Keys of the settings (normalized, all strings) that differ from the lesson's and matter for the run. */
export function changedSettings(settings) {
  return SETTINGS.filter(
    (s) => appliesTo(s, settings) && !same(settings[s.key], String(defaultFor(s.key, settings))),
  ).map((s) => s.key);
}

/** Keys of the settings that differ from `reference` (e.g. a preset's settings) and matter for the run. */
export function changedFrom(settings, reference) {
  return SETTINGS.filter(
    (s) => appliesTo(s, settings) && !same(settings[s.key], String(reference[s.key])),
  ).map((s) => s.key);
}

/** |a - b| within `rel` of b. */
export const near = (a, b, rel) => Math.abs(a - b) <= rel * Math.abs(b);

/** A number the learner typed ("0.01", "1e-2"), or null. */
export function typedNumber(text) {
  const t = String(text ?? '').trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

/** "epoch 12 of 100" for the run's progress. */
export const progressText = (run) => `epoch ${run.records.length} of ${run.settings.epochs}`;

/**
 * The scheduler check most exercises start with (null when the run uses `id`); both schedulers
 * named by their class, the core's (SCHEDULERS).
 */
export function needScheduler(run, id) {
  if (run.settings.scheduler === id) return null;
  const name = SCHEDULERS[id]?.name ?? id;
  // By its class, as the scheduler select and the panel name it ("the plateau scheduler" was the
  // link's word for it, shown nowhere else on the page).
  const now = SCHEDULERS[run.settings.scheduler]?.name ?? run.settings.scheduler;
  return fail(`This run uses ${now}; choose ${name} first.`);
}
