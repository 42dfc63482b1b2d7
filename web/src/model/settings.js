// @ts-check
// Every setting the page offers, in one declarative table: its key (the engine's and, where PyTorch
// has one, PyTorch's name), label, one-line explanation, input kind, default (the lesson's script)
// and the group it belongs to. The form, the presets, the URL hash and the PyTorch script read it.
// A help text's "({trainSize} here)" shows the run's split size in the form. No DOM here.

export const SCHEDULERS = {
  plateau: { name: 'ReduceLROnPlateau', label: 'ReduceLROnPlateau (reacts to a metric)' },
  step: { name: 'StepLR', label: 'StepLR (cut every step_size epochs)' },
  exp: { name: 'ExponentialLR', label: 'ExponentialLR (multiply every epoch)' },
  cosine: { name: 'CosineAnnealingLR', label: 'CosineAnnealingLR (half a cosine down)' },
  linear: { name: 'LinearLR', label: 'LinearLR (linear warm-up)' },
};

// group: 'training' | 'scheduler' | 'advanced'. `for`: the schedulers that use the setting.
// kind: 'number' (free text, validated by the core), 'select', 'checkbox'.
// prettier-ignore
export const SETTINGS = [
  { key: 'lr', kind: 'number', default: '0.1', group: 'training',
    label: 'Initial learning rate', code: 'lr',
    help: 'Adam’s starting step size. The lesson uses 0.1, a hundred times Adam’s default.' },
  { key: 'epochs', kind: 'number', default: '100', group: 'training',
    label: 'Epochs', code: 'EPOCHS',
    help: 'Passes over the training wines ({trainSize} here); one epoch = one Adam update.' },
  { key: 'seed', kind: 'number', default: '5', group: 'training',
    label: 'Seed', code: 'torch.manual_seed',
    help: 'Picks the starting weights. Seed 5 reproduces the lesson’s printed table.' },
  { key: 'standardize', kind: 'checkbox', default: false, group: 'training',
    label: 'Standardize features',
    help: 'Scale each measurement to mean 0, std 1 (training statistics). Off in the lesson.' },
  { key: 'scheduler', kind: 'select', default: 'plateau', group: 'scheduler',
    label: 'Scheduler',
    options: Object.entries(SCHEDULERS).map(([value, s]) => [value, s.label]),
    help: 'The torch.optim.lr_scheduler class that rewrites the rate after each epoch.' },
  { key: 'monitor', kind: 'select', default: 'val_loss', group: 'scheduler', for: ['plateau'],
    label: 'Monitored metric', code: 'scheduler.step(…)',
    options: [
      ['val_loss', 'validation loss'],
      ['val_acc', 'validation accuracy'],
      ['train_loss', 'training loss'],
    ],
    help: 'The number passed to scheduler.step() each epoch.' },
  { key: 'mode', kind: 'select', default: 'min', group: 'scheduler', for: ['plateau'],
    label: 'Better is', code: 'mode',
    options: [['min', 'min: lower is better'], ['max', 'max: higher is better']],
    help: 'min for a loss, max for an accuracy; the wrong one cuts the rate while it learns.' },
  { key: 'factor', kind: 'number', default: '0.1', group: 'scheduler', for: ['plateau'],
    label: 'Cut factor', code: 'factor',
    help: 'A cut sets the rate to rate × factor (0 ≤ factor < 1).' },
  { key: 'patience', kind: 'number', default: '10', group: 'scheduler', for: ['plateau'],
    label: 'Patience', code: 'patience',
    help: 'Bad epochs tolerated; the cut comes when the count exceeds this (the 11th with 10).' },
  { key: 'threshold', kind: 'number', default: '0.0001', group: 'scheduler', for: ['plateau'],
    label: 'Threshold', code: 'threshold',
    help: 'How much better counts as better (relative: 0.0001 = 0.01%).' },
  { key: 'threshold_mode', kind: 'select', default: 'rel', group: 'scheduler', for: ['plateau'],
    label: 'Threshold mode', code: 'threshold_mode',
    options: [['rel', 'rel: best × (1 − threshold)'], ['abs', 'abs: best − threshold']],
    help: 'Whether the threshold is a fraction of the best value or an absolute amount.' },
  { key: 'cooldown', kind: 'number', default: '0', group: 'scheduler', for: ['plateau'],
    label: 'Cooldown', code: 'cooldown',
    help: 'Epochs after a cut during which bad epochs are not counted.' },
  { key: 'min_lr', kind: 'number', default: '0', group: 'scheduler', for: ['plateau'],
    label: 'Minimum rate', code: 'min_lr',
    help: 'A cut never takes the rate below this.' },
  { key: 'sched_eps', kind: 'number', default: '1e-8', group: 'scheduler', for: ['plateau'],
    label: 'Smallest cut', code: 'eps',
    help: 'A cut that would change the rate by no more than this is skipped.' },
  { key: 'step_size', kind: 'number', default: '30', group: 'scheduler', for: ['step'],
    label: 'Step size', code: 'step_size',
    help: 'Epochs between cuts: the rate is multiplied by gamma after every step_size epochs.' },
  { key: 'gamma', kind: 'number', default: '0.1', group: 'scheduler', for: ['step', 'exp'],
    label: 'Gamma', code: 'gamma', defaultFor: { exp: '0.95' },
    help: 'The multiplier applied at each cut (StepLR) or after every epoch (ExponentialLR).' },
  { key: 't_max', kind: 'number', default: '100', group: 'scheduler', for: ['cosine'],
    label: 'Half period', code: 'T_max',
    help: 'Epochs the rate takes to glide from lr down to eta_min; past it, it climbs back.' },
  { key: 'eta_min', kind: 'number', default: '0', group: 'scheduler', for: ['cosine'],
    label: 'Floor', code: 'eta_min',
    help: 'The rate at the bottom of the cosine, reached after T_max epochs (0 or more).' },
  { key: 'start_factor', kind: 'number', default: '0.3333333333333333', group: 'scheduler',
    for: ['linear', 'step', 'exp', 'cosine'], label: 'Start factor', code: 'start_factor',
    help: 'Epoch 1 trains at lr × start_factor (above 0, at most 1): LinearLR’s ramp, or the warm-up’s.' },
  { key: 'end_factor', kind: 'number', default: '1', group: 'scheduler', for: ['linear'],
    label: 'End factor', code: 'end_factor',
    help: 'Where the ramp ends, as a fraction of lr (0 to 1); the rate stays there afterwards.' },
  { key: 'total_iters', kind: 'number', default: '5', group: 'scheduler', for: ['linear'],
    label: 'Ramp length', code: 'total_iters',
    help: 'Epochs the ramp from start_factor to end_factor takes (a whole number, 1 or more).' },
  { key: 'warmup', kind: 'number', default: '0', group: 'scheduler', for: ['step', 'exp', 'cosine'],
    label: 'Warm-up epochs', code: 'SequentialLR',
    help: 'Epochs of LinearLR ramp from start_factor to 1 before this scheduler takes over from lr (SequentialLR); 0 = none.' },
  { key: 'hidden', kind: 'number', default: '10,10', group: 'advanced',
    label: 'Hidden layers', code: 'nn.Linear sizes',
    help: 'Units per hidden layer, comma-separated (the lesson: 10,10).' },
  { key: 'betas', kind: 'number', default: '0.9,0.999', group: 'advanced',
    label: 'Adam betas', code: 'betas',
    help: 'Decay rates of Adam’s running averages of the gradient and its square.' },
  { key: 'adam_eps', kind: 'number', default: '1e-8', group: 'advanced',
    label: 'Adam eps', code: 'eps',
    help: 'Added to Adam’s denominator to avoid dividing by zero.' },
  { key: 'weight_decay', kind: 'number', default: '0', group: 'advanced',
    label: 'Weight decay', code: 'weight_decay',
    help: 'L2 penalty added to the gradient (0 = off).' },
  { key: 'amsgrad', kind: 'checkbox', default: false, group: 'advanced',
    label: 'AMSGrad', code: 'amsgrad',
    help: 'Use the AMSGrad variant of Adam.' },
  { key: 'test_size', kind: 'number', default: '0.2', group: 'advanced',
    label: 'Validation share', code: 'test_size',
    help: 'Fraction of the 178 wines held out for validation ({valSize} here).' },
  { key: 'split_seed', kind: 'number', default: '42', group: 'advanced',
    label: 'Split seed', code: 'random_state',
    help: 'Decides which wines land in the validation split.' },

];

/** A setting's help without the run-dependent "({trainSize} here)" parts, for places with no run. */
export const plainHelp = (s) => s.help.replace(/ \(\{\w+\} here\)/g, '');

export const SETTING = Object.fromEntries(SETTINGS.map((s) => [s.key, s]));

/** The lesson-section presets that the try-it boxes load: overrides of the defaults. */
export const PRESETS = {
  lesson: { label: 'lesson (defaults)', settings: {} },
  standardized: { label: 'standardized', settings: { standardize: true } },
  steplr: { label: 'steplr', settings: { scheduler: 'step', step_size: '30', gamma: '0.1' } },
  exponential: { label: 'exponential', settings: { scheduler: 'exp', gamma: '0.95' } },
  patience3: { label: 'patience3', settings: { patience: '3' } },
  cosine: { label: 'cosine', settings: { scheduler: 'cosine' } },
  linear: { label: 'linear', settings: { scheduler: 'linear' } },
  warmup: {
    label: 'warmup',
    settings: { scheduler: 'cosine', warmup: '5', t_max: '95', start_factor: '0.1' },
  },
};

export function defaults() {
  return Object.fromEntries(SETTINGS.map((s) => [s.key, s.default]));
}

export function presetSettings(id) {
  return { ...defaults(), ...PRESETS[id].settings };
}

/** Whether a setting matters for the chosen scheduler (training and advanced ones always do). */
export function appliesTo(setting, scheduler) {
  return !setting.for || setting.for.includes(scheduler);
}

/** The default of `key` when `scheduler` is chosen (gamma differs between StepLR and ExponentialLR). */
export function defaultFor(key, scheduler) {
  return SETTING[key].defaultFor?.[scheduler] ?? SETTING[key].default;
}

/** Settings that differ from the defaults, as a URL hash ("#scheduler=step&step_size=20"). */
export function toHash(values) {
  const params = new URLSearchParams();
  for (const s of SETTINGS)
    if (String(values[s.key]) !== String(s.default)) params.set(s.key, values[s.key]);
  const text = params.toString();
  return text ? `#${text}` : '';
}

// A link's settings part is a few hundred characters at most; longer text is not a link this page
// made, and no value of any setting needs more than MAX_VALUE characters.
export const MAX_HASH = 2000;
const MAX_VALUE = 40;
const NUMBER_TEXT = /^[0-9eE+\-.,]+$/; // numbers and comma lists; the core checks the rest
/** Compare mode's keys (read by compare-runs.js parseCompareHash), passed over by parseHash. */
export const COMPARE_KEYS = ['compare', 'runA', 'runB', 'runC'];

/** Why `value` cannot be setting `s`, judged by form alone ('' when it may be; the core decides). */
export function hashProblem(s, value) {
  if (value.length > MAX_VALUE) return `longer than ${MAX_VALUE} characters`;
  if (s.kind === 'select') {
    if (s.options.some(([v]) => v === value)) return '';
    return `not offered here (choose ${s.options.map(([v]) => v).join(', ')})`;
  }
  if (s.kind === 'checkbox')
    return value === 'true' || value === 'false' ? '' : 'not true or false';
  return NUMBER_TEXT.test(value) ? '' : 'not a number';
}

/**
 * A URL hash read as settings: { values, ignored }. values: the defaults overridden by every usable
 * entry; ignored: [{ key, value, why }] for the rest (unknown keys, repeated keys, values of the
 * wrong form, an overlong hash). Keys and values are untrusted text, never markup.
 */
export function parseHash(hash) {
  const values = defaults();
  const ignored = [];
  if (!hash.includes('=')) return { values, ignored }; // an anchor such as #playground
  if (hash.length > MAX_HASH) {
    const why = `${hash.length} characters, more than any link this page makes`;
    return { values, ignored: [{ key: 'the whole link', value: '', why }] };
  }
  const seen = new Set();
  for (const [key, value] of new URLSearchParams(hash.replace(/^#/, ''))) {
    if (COMPARE_KEYS.includes(key)) continue;
    const s = Object.hasOwn(SETTING, key) ? SETTING[key] : null;
    const why = !s ? 'not a setting' : seen.has(key) ? 'given twice' : hashProblem(s, value);
    if (why) {
      ignored.push({ key, value, why });
      continue;
    }
    seen.add(key);
    values[key] = s.kind === 'checkbox' ? value === 'true' : value;
  }
  return { values, ignored };
}
