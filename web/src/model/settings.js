// @ts-check
// The settings as the page offers them: the core's settings table (settingsSchema(): kinds, choices,
// defaults, per-scheduler defaults, which schedulers a setting applies to, PyTorch names) merged
// with the page's own line per setting (label, help, group, order). The form, the presets, the URL
// hash, compare mode and the PyTorch script read the result (the try-its' presets: presets.js). No
// DOM here.
import { formatCount } from './format.js';

// The schedulers the page offers, in its order, with what each does (which the field's help line
// says of the chosen one); the core's other choices (`none`) are not offered. `name`, the PyTorch
// class the select shows, is the core's (schedulerClasses(), set by installSchema). {step} and {steps}
// are the run's scheduler steps (inSteps).
/** @type {Record<string, { about: string, name?: string }>} */
export const SCHEDULERS = {
  plateau: { about: 'reacts to a metric' },
  step: { about: 'cut every step_size {steps}' },
  exp: { about: 'multiply every {step}' },
  cosine: { about: 'half a cosine down' },
  linear: { about: 'linear warm-up' },
  multistep: { about: 'cut at chosen {steps}' },
  constant: { about: 'lowered start, then lr' },
  poly: { about: 'polynomial decay to 0' },
  'cosine-restarts': { about: 'cosine that restarts' },
  cyclic: { about: 'up and down between two rates' },
  onecycle: { about: 'one rise and one long fall' },
};

// The page's own part of each setting, one line each, in the form's order: group ('training' |
// 'scheduler' | 'optimizer' | 'advanced'), label, help, and optionally `code` (what the label cites when it is not
// the PyTorch name), `labels` (words for a choice, in the select) and `about` (what a choice means,
// which the help line says of the chosen one: a native select cuts off a long option). A setting two schedulers share under one name
// (ReduceLROnPlateau's and CyclicLR's `mode`) can have `by`: { scheduler: { label, help } } in its
// place for that scheduler (the choices it offers there are the core's choicesBy). Kind, choices, defaults, ranges, which
// schedulers a setting applies to and PyTorch names come from the core (installSchema below).
// Help texts may say {range} (the values the core accepts, filled in by installSchema; a `by` line's
// with that scheduler's range), {maxLength} (a text setting's, the core's), {trainSize} / {valSize} / {samples} (the form fills in the run's
// sizes and what its data set's rows are) and {maxEpochs},
// {maxHiddenLayers}, {maxHiddenWidth} (the core's limits()).
// prettier-ignore
export const PAGE_SETTINGS = [
  { key: 'lr', group: 'training', label: 'Initial learning rate', help: 'The optimizer’s starting step size. The lesson uses 0.1 with Adam, a hundred times Adam’s default.' },
  { key: 'epochs', group: 'training', label: 'Epochs', code: 'EPOCHS', help: 'Passes over the training {samples} ({trainSize} here); an epoch is one optimizer step, or one per mini-batch. At most {maxEpochs}.' },
  { key: 'seed', group: 'training', label: 'Seed', help: 'Picks the starting weights. Seed 5 reproduces the lesson’s printed table.' },
  { key: 'standardize', group: 'training', label: 'Standardize features', code: '', help: 'Scale each measurement to mean 0, std 1 (training statistics). Off in the lesson.' },
  { key: 'scheduler', group: 'scheduler', label: 'Scheduler', code: '', help: 'The torch.optim.lr_scheduler class that rewrites the rate after each {step}.' },
  { key: 'monitor', group: 'scheduler', label: 'Monitored metric', code: 'scheduler.step(…)', labels: { val_loss: 'validation loss', val_acc: 'validation accuracy', train_loss: 'training loss' }, help: 'The number passed to scheduler.step() each epoch.' },
  { key: 'mode', group: 'scheduler', label: 'Better is', about: { min: 'lower is better', max: 'higher is better', triangular: 'the same every cycle', triangular2: 'half as high each cycle', exp_range: 'height × gamma each step' }, help: 'min for a loss, max for an accuracy; the wrong one cuts the rate while it learns.',
    by: { cyclic: { label: 'Cycle shape', help: 'CyclicLR’s policy: how high each cycle climbs above the low rate.' } } },
  { key: 'factor', group: 'scheduler', label: 'Cut factor', help: 'A cut sets the rate to rate × factor ({range}).',
    by: { constant: { label: 'Factor', help: 'The first total_iters {steps} train at lr × factor ({range}); then lr.' } } },
  { key: 'patience', group: 'scheduler', label: 'Patience', help: 'Bad epochs tolerated; the cut comes when the count exceeds this (the 11th with 10).' },
  { key: 'threshold', group: 'scheduler', label: 'Threshold', help: 'How much better counts as better (relative: 0.0001 = 0.01%).' },
  { key: 'threshold_mode', group: 'scheduler', label: 'Threshold mode', about: { rel: 'best × (1 − threshold)', abs: 'best − threshold' }, help: 'Whether the threshold is a fraction of the best value or an absolute amount.' },
  { key: 'cooldown', group: 'scheduler', label: 'Cooldown', help: 'Epochs after a cut during which bad epochs are not counted.' },
  { key: 'min_lr', group: 'scheduler', label: 'Minimum rate', help: 'A cut never takes the rate below this.' },
  { key: 'sched_eps', group: 'scheduler', label: 'Smallest cut', help: 'A cut that would change the rate by no more than this is skipped.' },
  { key: 'step_size', group: 'scheduler', label: 'Step size', help: '{Steps} between cuts: the rate is multiplied by gamma after every step_size {steps}.' },
  { key: 'gamma', group: 'scheduler', label: 'Gamma', help: 'The multiplier applied at each cut (StepLR) or after every scheduler step (ExponentialLR: every {step}).',
    by: { cyclic: { help: 'Read by exp_range only: the cycle’s height is multiplied by gamma at every scheduler step (1 keeps it).' } } },
  { key: 't_max', group: 'scheduler', label: 'Half period', help: '{Steps} the rate takes to glide from lr down to eta_min; past it, it climbs back.' },
  { key: 'eta_min', group: 'scheduler', label: 'Floor', help: 'The rate at the bottom of the cosine, reached after T_max {steps} ({range}).' },
  { key: 'warmup', group: 'scheduler', label: 'Warm-up {steps}', code: 'SequentialLR', help: '{Steps} of LinearLR ramp from start_factor to 1 before this scheduler takes over from lr (SequentialLR); 0 = none.' },
  { key: 'start_factor', group: 'scheduler', label: 'Start factor', help: 'The first {step} trains at lr × start_factor ({range}): LinearLR’s ramp, or the warm-up’s.' },
  { key: 'end_factor', group: 'scheduler', label: 'End factor', help: 'Where the ramp ends, as a fraction of lr ({range}); the rate stays there afterwards.' },
  { key: 'total_iters', group: 'scheduler', label: 'Ramp length', help: '{Steps} the ramp from start_factor to end_factor takes ({range}).' },
  { key: 'schedule', group: 'scheduler', label: 'PyTorch line', code: '', help: 'The scheduler as PyTorch code (the optimizer left out), always in step with the fields above. Edit it and press Enter: a scheduler the fields have sets them; any other, e.g. ChainedScheduler([StepLR(step_size=30), ExponentialLR(gamma=0.99)]), becomes the run’s scheduler. At most {maxLength} characters.' },
  { key: 'milestones', group: 'scheduler', label: 'Milestones', help: 'Comma-separated steps, in increasing order, after which the rate is multiplied by gamma.' },
  { key: 'power', group: 'scheduler', label: 'Power', help: 'Exponent of the decay: 1 falls in a straight line, 0.5 stays high longer, 2 drops early.' },
  { key: 't_0', group: 'scheduler', label: 'First cycle length', help: 'Scheduler steps before the first jump back up to lr.' },
  { key: 't_mult', group: 'scheduler', label: 'Cycle growth', help: 'Each cycle lasts this many times the previous one (1 keeps them equal).' },
  { key: 'base_lr', group: 'scheduler', label: 'Low rate', help: 'The bottom of each cycle; the run starts here rather than at lr.' },
  { key: 'max_lr', group: 'scheduler', label: 'Peak rate', help: 'The top of the cycle (CyclicLR) or of the single rise (OneCycleLR).' },
  { key: 'step_size_up', group: 'scheduler', label: 'Steps up', help: 'Scheduler steps from the low rate to the peak.' },
  { key: 'step_size_down', group: 'scheduler', label: 'Steps down', help: 'Scheduler steps from the peak back down; 0 uses the same count as the way up.' },
  { key: 'scale_mode', group: 'scheduler', label: 'Scale mode', help: 'Only read with a custom scale function, which the page does not offer; kept for PyTorch parity.' },
  { key: 'cycle_momentum', group: 'scheduler', label: 'Cycle momentum', help: 'Move SGD’s momentum (or Adam’s beta1) opposite to the rate: low momentum while the rate is high.' },
  { key: 'base_momentum', group: 'scheduler', label: 'Momentum at the peak', help: 'The momentum (or beta1) used when the rate is at its highest.' },
  { key: 'max_momentum', group: 'scheduler', label: 'Momentum at the bottom', help: 'The momentum (or beta1) used when the rate is at its lowest.' },
  { key: 'total_steps', group: 'scheduler', label: 'Cycle length', help: 'Scheduler steps of the whole cycle; 0 means exactly the steps this run will take.' },
  { key: 'pct_start', group: 'scheduler', label: 'Rising share', help: 'Fraction of the cycle spent climbing to the peak ({range}).' },
  { key: 'anneal_strategy', group: 'scheduler', label: 'Curve shape', about: { cos: 'a smooth cosine', linear: 'straight lines' }, help: 'Whether each phase follows a cosine or a straight line.' },
  { key: 'div_factor', group: 'scheduler', label: 'Start divisor', help: 'The cycle starts at the peak rate divided by this.' },
  { key: 'final_div_factor', group: 'scheduler', label: 'End divisor', help: 'The cycle ends at the starting rate divided by this.' },
  { key: 'three_phase', group: 'scheduler', label: 'Three phases', help: 'Come back down symmetrically, then add a last phase down to the end rate.' },
  { key: 'optimizer', group: 'optimizer', label: 'Optimizer', labels: { adam: 'Adam', adamw: 'AdamW', sgd: 'SGD' }, about: { adamw: 'Adam with decoupled weight decay' }, help: 'The torch.optim class that updates the weights from the gradients.' },
  { key: 'momentum', group: 'optimizer', label: 'Momentum', help: 'Share of the previous update that SGD carries into the next one (0 = plain SGD).' },
  { key: 'dampening', group: 'optimizer', label: 'Dampening', help: 'Shrinks the new gradient’s share of the momentum to 1 − dampening.' },
  { key: 'nesterov', group: 'optimizer', label: 'Nesterov', help: 'Look ahead along the momentum before taking the gradient (needs momentum above 0 and no dampening).' },
  { key: 'weight_decay', group: 'optimizer', label: 'Weight decay', help: 'Pulls the weights toward zero: added to the gradient (Adam, SGD) or applied to the weights directly (AdamW).' },
  { key: 'batch_size', group: 'optimizer', label: 'Batch size', code: 'DataLoader', help: 'Samples per update, reshuffled every epoch; 0 trains on the whole training split at once.' },
  { key: 'scheduler_step', group: 'optimizer', label: 'Scheduler steps', code: 'scheduler.step()', labels: { epoch: 'once per epoch', batch: 'after every mini-batch' }, help: 'How often the scheduler advances: after each epoch, or after each optimizer.step().' },
  { key: 'dataset', group: 'optimizer', label: 'Data set', labels: { wine: 'wine', iris: 'iris', breast_cancer: 'breast cancer', digits: 'digits' }, help: 'Which scikit-learn data set the model learns.' },
  { key: 'hidden', group: 'advanced', label: 'Hidden layers', code: 'nn.Linear sizes', help: 'Units per hidden layer, comma-separated (the lesson: 10,10; up to {maxHiddenLayers} layers of at most {maxHiddenWidth}).' },
  { key: 'betas', group: 'advanced', label: 'Adam betas', help: 'Decay rates of Adam’s running averages of the gradient and its square.' },
  { key: 'adam_eps', group: 'advanced', label: 'Adam eps', help: 'Added to Adam’s denominator to avoid dividing by zero.' },
  { key: 'amsgrad', group: 'advanced', label: 'AMSGrad', help: 'Use the AMSGrad variant of Adam.' },
  { key: 'test_size', group: 'advanced', label: 'Validation share', help: 'Fraction of all the {samples} held out for validation ({valSize} here).' },
  { key: 'split_seed', group: 'advanced', label: 'Split seed', help: 'Decides which {samples} land in the validation split.' },
];

/**
 * The `dataset` value of a run on the learner's uploaded file: a page choice, not the core's (the
 * worker hands the core the file itself, as the CLI's --data). A link cannot carry the file.
 */
export const UPLOADED_DATA = 'upload';

/** What a row of each data set is, in help texts, captions and the status line ({samples}). */
const SAMPLE_NOUNS = {
  wine: 'wines',
  iris: 'flowers',
  breast_cancer: 'tumour samples',
  digits: 'digit images',
  [UPLOADED_DATA]: 'rows',
};
export const samplesOf = (dataset) => SAMPLE_NOUNS[dataset ?? 'wine'] ?? 'samples';

/**
 * Every setting as the form, links, presets and script read it: the core's row (`core`) merged with
 * the page's line. kind: 'number' (free text the core validates), 'select' (options: [[value,
 * label]]) or 'checkbox'; `about`: { choice: what it means } for a select's help line; `for`: the
 * schedulers it applies to (undefined: all); `code`: the name the label cites. Filled by
 * installSchema(); empty before.
 * @type {any[]}
 */
export const SETTINGS = [];
/** @type {Record<string, any>} */
export const SETTING = {};
/** @type {{ maxEpochs?: number, maxHiddenLayers?: number, maxHiddenWidth?: number }} */
export const LIMITS = {};

const KINDS = { bool: 'checkbox', choice: 'select' };

/** A bound in a sentence: 1000000 as "1,000,000" (whole numbers of five digits or more). */
const bound = (x) =>
  Number.isInteger(x) && Math.abs(x) >= 1e4 ? x.toLocaleString('en-US') : String(x);

/**
 * The values the core accepts for a setting, in words made from its table (min, max, ends, kind;
 * under `scheduler`, that scheduler's own range from rangesBy): "0 ≤ factor < 1", "eta_min ≥ 0",
 * "a whole number from 1 to 1,000,000".
 * @param {any} core the setting's settingsSchema() row
 * @param {string} [scheduler]
 */
export function rangeText(core, scheduler) {
  const { min, max, ends } = { ...core, ...(core.rangesBy?.scheduler?.[scheduler] ?? {}) };
  if (core.kind === 'int') {
    return Number.isFinite(max)
      ? `a whole number from ${bound(min)} to ${bound(max)}`
      : `a whole number, ${bound(min)} or more`;
  }
  const [low, high] = [ends[0] === '[' ? '\u2264' : '<', ends[1] === ']' ? '\u2264' : '<'];
  if (!Number.isFinite(max)) return `${core.key} ${low === '<' ? '>' : '\u2265'} ${bound(min)}`;
  if (!Number.isFinite(min)) return `${core.key} ${high} ${bound(max)}`;
  return `${bound(min)} ${low} ${core.key} ${high} ${bound(max)}`;
}

/** A page line's help with {range} and {maxLength} filled in from the core's row (for `scheduler`'s line). */
const withRange = (help, core, scheduler) =>
  help
    ?.replaceAll('{range}', () => rangeText(core, scheduler))
    .replaceAll('{maxLength}', () => String(core.maxLength));

/**
 * Builds SETTINGS from the core's settingsSchema() rows and limits() (the worker sends both when it
 * is ready), and names SCHEDULERS' classes from its schedulerClasses() (when given; a table
 * reinstalled without them keeps the names). The page's lines give order, labels and help; a core
 * setting without one is still offered, under 'other', labelled by its key and the core's help.
 * @param {any[]} schema
 * @param {object} limits
 * @param {Record<string, string>} [classes]
 */
export function installSchema(schema, limits, classes) {
  Object.assign(LIMITS, limits);
  for (const [choice, name] of Object.entries(classes ?? {})) {
    if (Object.hasOwn(SCHEDULERS, choice)) SCHEDULERS[choice].name = name;
  }
  const page = new Map(PAGE_SETTINGS.map((line, order) => [line.key, { ...line, order }]));
  const rows = schema.map((core, i) => {
    const line = page.get(core.key) ?? {
      group: 'other',
      label: core.key,
      help: core.help,
      order: PAGE_SETTINGS.length + i,
    };
    const kind = KINDS[core.kind] ?? 'number';
    const choices =
      core.key === 'scheduler'
        ? Object.keys(SCHEDULERS).filter((c) => core.choices.includes(c)) // the page's order
        : core.choices;
    const label = (c) =>
      core.key === 'scheduler' ? (SCHEDULERS[c].name ?? c) : (line.labels?.[c] ?? c);
    const about =
      core.key === 'scheduler'
        ? Object.fromEntries(choices.map((c) => [c, SCHEDULERS[c].about]))
        : line.about;
    return {
      key: core.key,
      kind,
      default: kind === 'checkbox' ? core.default === 'true' : core.default,
      group: line.group,
      label: line.label,
      help: withRange(line.help, core),
      code: line.code ?? (core.pytorchName || undefined),
      options: kind === 'select' ? choices.map((c) => [c, label(c)]) : undefined,
      about,
      for: core.appliesTo.scheduler,
      by:
        line.by &&
        Object.fromEntries(
          Object.entries(line.by).map(([scheduler, shown]) => [
            scheduler,
            { ...shown, help: withRange(shown.help, core, scheduler) },
          ]),
        ),
      order: line.order,
      core,
    };
  });
  rows.sort((a, b) => a.order - b.order);
  SETTINGS.splice(0, SETTINGS.length, ...rows);
  for (const key of Object.keys(SETTING)) delete SETTING[key];
  for (const s of SETTINGS) SETTING[s.key] = s;
}

/**
 * { label, help, choices } of setting `s` as the form shows it for `scheduler`: its `by` line for
 * that scheduler over its own, counting in the run's scheduler steps (`schedulerStep`: {steps} are
 * epochs or optimizer steps); the choices the core accepts under that scheduler (its choicesBy:
 * ReduceLROnPlateau's mode is min or max, CyclicLR's a cycle shape), undefined when every choice is.
 */
export function shownAs(s, scheduler, schedulerStep = 'epoch') {
  const by = s.by?.[scheduler] ?? {};
  return {
    label: inSteps(by.label ?? s.label, schedulerStep),
    help: inSteps(by.help ?? s.help, schedulerStep),
    choices: s.core.choicesBy.scheduler?.[scheduler],
  };
}

// What one scheduler step is, for the settings counted in them: an epoch, or an optimizer step when
// the scheduler steps per batch (scheduler_step), the unit the core's reasons count in.
const STEP_WORDS = {
  epoch: { step: 'epoch', steps: 'epochs', Steps: 'Epochs' },
  batch: { step: 'optimizer step', steps: 'optimizer steps', Steps: 'Optimizer steps' },
};

/** `text` with {step}, {steps} and {Steps} in the unit of `schedulerStep` ('epoch' or 'batch'). */
export const inSteps = (text, schedulerStep = 'epoch') =>
  text?.replace(/\{(step|steps|Steps)\}/g, (_, word) => STEP_WORDS[schedulerStep][word]);

/** Whether setting `s`'s label or help (its own or a scheduler's) counts in scheduler steps. */
export const countsSteps = (s) =>
  [s.label, s.help, ...Object.values(s.by ?? {}).flatMap((b) => [b.label, b.help])].some((t) =>
    /\{(step|steps|Steps)\}/.test(t ?? ''),
  );

/**
 * The run's scheduler by its class: a typed PyTorch line's is the class the core built at the root
 * (its timetable's name), whatever the fields say; else the fields' choice's (a warm-up's named by
 * the scheduler it leads to, as the form shows it).
 * @param {{ scheduler: string, schedule?: string }} settings
 * @param {{ name: string } | undefined} timetable the run's (RunHandle.timetable)
 */
export const schedulerName = (settings, timetable) =>
  (settings.schedule && timetable?.name) ||
  SCHEDULERS[settings.scheduler]?.name ||
  settings.scheduler;

/** A help text with the core's limits ({maxEpochs}, …) filled in, as counts ("At most 10,000."). */
export const withLimits = (text) =>
  text.replace(/\{(max\w+)\}/g, (whole, name) =>
    name in LIMITS ? formatCount(LIMITS[name]) : whole,
  );

/**
 * A setting's help without the run-dependent "({trainSize} here)" parts, for places with no run; a
 * count of scheduler steps in epochs unless shownAs() has already said it in the run's unit.
 */
export const plainHelp = (s) =>
  withLimits(inSteps(s.help.replace(/ \(\{\w+\} here\)/g, '').replaceAll('{samples}', 'samples')));

export function defaults() {
  return Object.fromEntries(SETTINGS.map((s) => [s.key, s.default]));
}

/**
 * Whether a setting matters under the chosen selectors (the core's appliesTo: { scheduler: [...],
 * optimizer: [...] }; {} = always). `chosen`: the settings, or just a scheduler's name.
 */
export function appliesTo(setting, chosen) {
  const values = typeof chosen === 'string' ? { scheduler: chosen } : chosen;
  return Object.entries(setting.core.appliesTo).every(([selector, list]) =>
    list.includes(String(values[selector] ?? SETTING[selector]?.default)),
  );
}

/**
 * The default of `key` under the chosen selectors (the core's defaultsBy: a scheduler's own
 * default for a setting several schedulers share). `chosen`: the settings, or a scheduler's name.
 */
export function defaultFor(key, chosen) {
  const values = typeof chosen === 'string' ? { scheduler: chosen } : chosen;
  const s = SETTING[key];
  for (const [selector, by] of Object.entries(s.core.defaultsBy)) {
    const value = by[String(values[selector] ?? SETTING[selector]?.default)];
    if (value !== undefined) return s.kind === 'checkbox' ? value === 'true' : value;
  }
  return s.default;
}

/**
 * The settings after selector `key` (scheduler, optimizer) takes `value`: each setting the user left
 * at the old choice's default takes the new choice's default, as the core does. Returns { next,
 * reset: keys whose value changed that way }.
 */
export function choose(values, key, value) {
  const next = { ...values, [key]: value };
  const reset = [];
  for (const s of SETTINGS) {
    if (!s.core.defaultsBy[key] || String(values[s.key]) !== String(defaultFor(s.key, values)))
      continue;
    next[s.key] = defaultFor(s.key, next);
    if (String(next[s.key]) !== String(values[s.key])) reset.push(s.key);
  }
  return { next, reset };
}
