// @ts-check
// Compare mode's runs: what each compared configuration is (a scheduler and its settings, read from
// the table in settings.js), how it is named and drawn, and how the URL hash holds them. No DOM here
// (views/run-editors.js edits them).
import { formatCount } from './format.js';
import { SCHEDULERS, SETTINGS, defaultFor } from './settings.js';
import { COMPARE_KEYS, MAX_HASH, hashProblem } from './settings-hash.js';

export const MIN_RUNS = 2;
export const STYLES = [
  { letter: 'A', color: '#2563eb', dash: [] },
  { letter: 'B', color: '#ea580c', dash: [7, 4] },
  { letter: 'C', color: '#059669', dash: [2, 3] },
];
export const MAX_RUNS = STYLES.length;

// The settings shown first in a run's editor (and in its name); the scheduler's others go under "More".
const MAIN = {
  plateau: ['factor', 'patience'],
  step: ['step_size', 'gamma'],
  exp: ['gamma'],
  cosine: ['t_max', 'eta_min'],
  linear: ['start_factor', 'end_factor', 'total_iters'],
};
/** The settings that belong to `scheduler` (the core's appliesTo), in the page's order. */
export const schedulerSettings = (scheduler) =>
  SETTINGS.filter((s) => s.core.appliesTo.scheduler?.includes(scheduler));
/**
 * Whether a setting is a run's own in compare mode (the scheduler or one of its settings). The
 * PyTorch line (`schedule`) is not shared: it would replace every run's scheduler.
 */
const ownByRun = (s) =>
  s.key === 'scheduler' || s.key === 'schedule' || s.core.appliesTo.scheduler !== undefined;
export const mainKeys = (scheduler) =>
  MAIN[scheduler] ??
  schedulerSettings(scheduler)
    .filter((s) => s.kind === 'number')
    .map((s) => s.key);

/** A run's configuration: the scheduler and every one of its settings (defaults unless overridden). */
export function schedulerConfig(scheduler, overrides = {}) {
  const config = { scheduler };
  for (const s of schedulerSettings(scheduler)) config[s.key] = defaultFor(s.key, scheduler);
  return { ...config, ...overrides };
}

// Runs B and C when compare mode opens: the first two whose scheduler differs from run A's. Chosen
// with `lrplay train` so the curves and the best-epoch table part ways on the lesson's settings:
// on raw features at lr 0.1 ReduceLROnPlateau (like StepLR and ExponentialLR(0.95)) sinks to
// 38.9% by epoch 3, the warm-up reaches 61.1% at epoch 4, and ExponentialLR(gamma=0.5) stalls at
// a validation loss near 2.5; standardized, their lowest losses are 2e-4, 0 and 0.35.
const CONTRASTS = [
  () => schedulerConfig('linear'),
  () => schedulerConfig('exp', { gamma: '0.5' }),
  () => schedulerConfig('plateau'),
  () => schedulerConfig('step', { step_size: '30', gamma: '0.1' }),
];

/** The scheduler part of a single run's settings, as a compared run's configuration. */
export function configOf(values) {
  const { scheduler } = values;
  const overrides = {};
  for (const s of schedulerSettings(scheduler)) overrides[s.key] = String(values[s.key]);
  return schedulerConfig(scheduler, overrides);
}

/** Compare mode's first runs: A = `mine` (the learner's run; the lesson's by default), then contrasts. */
export function defaultConfigs(mine = schedulerConfig('plateau')) {
  const others = CONTRASTS.map((make) => make()).filter((c) => c.scheduler !== mine.scheduler);
  return [mine, ...others.slice(0, MIN_RUNS)];
}

/** A configuration to add next to `configs`: the first contrast whose scheduler is not among them. */
export function nextConfig(configs) {
  const used = new Set(configs.map((c) => c.scheduler));
  const all = CONTRASTS.map((make) => make());
  return all.find((c) => !used.has(c.scheduler)) ?? all[0];
}

/** A run's full settings: the shared ones (training, network, data) with its own scheduler. */
export function runSettings(shared, config) {
  const settings = Object.fromEntries(
    SETTINGS.filter((s) => !ownByRun(s)).map((s) => [s.key, shared[s.key]]),
  );
  return { ...settings, ...config };
}

const RUN_KEYS = COMPARE_KEYS.slice(1); // runA, runB, runC

/**
 * Compare mode as hash entries ("compare=1&runA=scheduler:plateau&runB=scheduler:step,step_size:20"):
 * each run's scheduler and the settings that differ from that scheduler's defaults, under its own
 * letter (slots[i]: run i's STYLES index), so that after B is removed the link says runA and runC.
 */
export function compareHash(configs, slots = configs.map((_, i) => i)) {
  const params = new URLSearchParams({ compare: '1' });
  configs.forEach((config, i) => {
    const { scheduler } = config;
    const parts = [`scheduler:${scheduler}`];
    for (const s of schedulerSettings(scheduler))
      if (String(config[s.key]) !== String(defaultFor(s.key, scheduler)))
        parts.push(`${s.key}:${config[s.key]}`);
    params.set(RUN_KEYS[slots[i]], parts.join(','));
  });
  return params.toString();
}

/** One run entry ("scheduler:step,step_size:20") as a config, or the reason it is unusable. */
function parseRun(text) {
  const pairs = text.split(',').map((p) => p.split(':'));
  if (pairs.some((p) => p.length !== 2)) return { why: 'not key:value pairs separated by commas' };
  const entries = new Map();
  for (const [key, value] of pairs) {
    if (entries.has(key)) return { why: `${key} given twice` };
    entries.set(key, value);
  }
  const scheduler = entries.get('scheduler');
  if (!scheduler || !Object.hasOwn(SCHEDULERS, scheduler))
    return { why: `no scheduler among ${Object.keys(SCHEDULERS).join(', ')}` };
  entries.delete('scheduler');
  const allowed = schedulerSettings(scheduler);
  const overrides = {};
  for (const [key, value] of entries) {
    const s = allowed.find((a) => a.key === key);
    if (!s) return { why: `${key} is not a setting of ${SCHEDULERS[scheduler].name}` };
    const problem = hashProblem(s, value);
    if (problem) return { why: `${key}: ${problem}` };
    overrides[key] = value;
  }
  return { config: schedulerConfig(scheduler, overrides) };
}

/**
 * A URL hash's compare part: { on, configs, slots, ignored }. on: the link asks for compare mode;
 * configs: its runs, or the default three when any entry is unusable (then named in ignored as
 * [{ key, value, why }]); slots[i]: run i's letter as a STYLES index (runA and runC: [0, 2]);
 * mine: run A of the default runs (the learner's run). Untrusted text, never markup.
 */
export function parseCompareHash(hash, mine = undefined) {
  // An overlong hash is ignored as a whole by parseHash (and named there).
  const fallback = (on, ignored) => {
    const configs = defaultConfigs(mine);
    return { on, configs, slots: configs.map((_, i) => i), ignored };
  };
  if (hash.length > MAX_HASH) return fallback(false, []);
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const ignored = [];
  const flag = params.getAll('compare');
  const runs = RUN_KEYS.map((key) => params.getAll(key));
  const present = runs.some((r) => r.length);
  if (!flag.length) {
    if (present) ignored.push({ key: 'compared runs', value: '', why: 'no compare=1' });
    return fallback(false, ignored);
  }
  if (flag.length > 1 || flag[0] !== '1') {
    ignored.push({ key: 'compare', value: flag.join(','), why: 'not 1' });
    return fallback(false, ignored);
  }
  if (!present) return fallback(true, ignored);
  const configs = [];
  const slots = [];
  runs.forEach((values, i) => {
    const key = RUN_KEYS[i];
    if (values.length > 1) ignored.push({ key, value: values[0], why: 'given twice' });
    else if (values.length === 1) {
      const { config, why } = parseRun(values[0]);
      if (why) ignored.push({ key, value: values[0], why });
      else {
        configs.push(config);
        slots.push(i);
      }
    }
  });
  if (!ignored.length && configs.length < MIN_RUNS) {
    const why = `at least ${MIN_RUNS} of ${RUN_KEYS.join(', ')} are needed`;
    ignored.push({ key: 'compared runs', value: '', why });
  }
  if (ignored.length) {
    ignored.push({
      key: 'compared runs',
      value: '',
      why: 'the default three runs are used instead',
    });
    return fallback(true, ignored);
  }
  return { on: true, configs, slots, ignored };
}

/** A setting's text as an argument: numbers in their shortest form, 4 significant digits at most. */
function argText(value) {
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isFinite(n)) return String(value);
  if (Number.isInteger(n) && Math.abs(n) < 1e6) return String(n); // epochs, step sizes: exact
  return String(Number(n.toPrecision(4))).replace('e+', 'e');
}

// Settings of the run that are not arguments of its scheduler's class: the warm-up (SequentialLR
// with a LinearLR from start_factor), described after the call.
const WARMUP_KEYS = ['warmup', 'start_factor'];

/**
 * "StepLR(step_size=30, gamma=0.1)": the class's own arguments (the main ones and any other that
 * left its default), then the warm-up if there is one ("… after a 5-epoch warm-up from 0.3333").
 */
export function describe(config) {
  const { scheduler } = config;
  const main = mainKeys(scheduler);
  const own = schedulerSettings(scheduler).filter(
    (s) => scheduler === 'linear' || !WARMUP_KEYS.includes(s.key),
  );
  const args = own
    .filter((s) => main.includes(s.key) || config[s.key] !== defaultFor(s.key, scheduler))
    .map((s) => `${s.code ?? s.key}=${argText(config[s.key])}`);
  const call = `${SCHEDULERS[scheduler]?.name ?? scheduler}(${args.join(', ')})`;
  const warmup = Number(config.warmup);
  if (scheduler === 'linear' || !(warmup > 0)) return call;
  return `${call} after a ${formatCount(warmup)}-epoch warm-up from ${argText(config.start_factor)}\u00d7lr`;
}
