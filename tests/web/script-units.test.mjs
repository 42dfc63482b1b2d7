// The generated PyTorch script's text for each kind of setting: the optimizer and its non-default
// arguments, the data set, the DataLoader after the model, per-batch stepping, the core's scheduler
// code and OneCycleLR's steps. No browser (the wasm core for its settings table and its Python).
// tests/web/pytorch-script.check.mjs runs such scripts in PyTorch.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  datasetInfo,
  limits,
  normalizeSettings,
  schedulePython,
  settingsSchema,
} from '../../web/src/engine/lrplay.js';
import { RUN_STEPS, optimizerArguments, pytorchScript } from '../../web/src/model/script.js';
import { SETTINGS, UPLOADED_DATA, installSchema } from '../../web/src/model/settings.js';
import { readDataCsv } from './node-core.mjs';
import { installCoreSchema } from './schema.mjs';

let core;
const data = {}; // data set -> the run's data as the worker describes it (the core's counts)
before(async () => {
  core = await installCoreSchema();
  for (const name of ['wine', 'iris', 'breast_cancer', 'digits']) {
    const source = `${name}.csv`;
    data[name] = { name: source, ...datasetInfo(core, await readDataCsv(name), source) };
  }
});

/** The script the page shows for `settings` (the engine normalizes them, all strings). */
function script(settings) {
  const s = normalizeSettings(core, settings);
  return pytorchScript(s, schedulePython(core, s, RUN_STEPS), data[s.dataset]);
}

const lines = (text) => text.split('\n');
const indexOf = (text, pattern) => lines(text).findIndex((line) => pattern.test(line));

test('the lesson settings give the lesson script', () => {
  const text = script({});
  assert.match(text, /^from sklearn\.datasets import load_wine$/m);
  assert.match(text, /^optimizer = optim\.Adam\(model\.parameters\(\), lr=0\.1\)$/m);
  assert.match(text, /^scheduler = lr_scheduler\.ReduceLROnPlateau\(optimizer\)$/m);
  assert.match(text, /^ {4}scheduler\.step\(val_loss\) +#/m);
  assert.match(text, /^ {4}nn\.Linear\(13, 10\),$/m);
  assert.doesNotMatch(text, /DataLoader|cannot express|^#.*=/m);
});

test("each optimizer's arguments are the settings the core's schema ties to it", () => {
  const of = (optimizer) => optimizerArguments({ optimizer });
  assert.deepEqual(of('adam'), ['betas', 'adam_eps', 'weight_decay', 'amsgrad']);
  assert.deepEqual(of('adamw'), ['betas', 'adam_eps', 'weight_decay', 'amsgrad']);
  assert.deepEqual(of('sgd'), ['momentum', 'dampening', 'weight_decay', 'nesterov']);
  // Every setting the schema gives to an optimizer alone is one of its arguments.
  for (const { key, core: row } of SETTINGS) {
    for (const optimizer of row.appliesTo.optimizer ?? []) assert.ok(of(optimizer).includes(key));
  }
  // A schema that gave amsgrad to SGD too would put it in SGD's line: the page reads the table.
  const schema = settingsSchema(core).map((row) =>
    row.key === 'amsgrad'
      ? { ...row, appliesTo: { optimizer: [...row.appliesTo.optimizer, 'sgd'] } }
      : row,
  );
  try {
    installSchema(schema, limits(core));
    assert.deepEqual(of('sgd'), ['momentum', 'dampening', 'weight_decay', 'amsgrad', 'nesterov']);
  } finally {
    installSchema(settingsSchema(core), limits(core));
  }
});

test('each optimizer with its non-default arguments only', () => {
  assert.match(
    script({ optimizer: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true }),
    /^optimizer = optim\.SGD\(model\.parameters\(\), lr=0\.05, momentum=0\.9, nesterov=True\)$/m,
  );
  // AdamW's weight_decay default is 0.01: named only when it differs.
  assert.match(
    script({ optimizer: 'adamw' }),
    /^optimizer = optim\.AdamW\(model\.parameters\(\), lr=0\.1\)$/m,
  );
  assert.match(
    script({ optimizer: 'adamw', weight_decay: 0.1, betas: '0.8,0.99' }),
    /^optimizer = optim\.AdamW\(model\.parameters\(\), lr=0\.1, betas=\(0\.8, 0\.99\), weight_decay=0\.1\)$/m,
  );
});

test('the data set: its scikit-learn loader and the MLP sizes', () => {
  const text = script({ dataset: 'digits', hidden: '32' });
  assert.match(text, /^from sklearn\.datasets import load_digits$/m);
  assert.match(text, /^features, labels = load_digits\(return_X_y=True\)$/m);
  assert.match(text, /^ {4}nn\.Linear\(64, 32\),$/m);
  assert.match(text, /^ {4}nn\.Linear\(32, 10\),$/m);
  assert.match(script({ dataset: 'iris' }), /^ {4}nn\.Linear\(4, 10\),$/m);
  // The sizes are the run's data's (the core's count), which the page does not keep a copy of.
  const s = normalizeSettings(core, { dataset: 'wine' });
  const other = pytorchScript(s, schedulePython(core, s, RUN_STEPS), {
    ...data.wine,
    features: 7,
    classes: 5,
  });
  assert.match(other, /^ {4}nn\.Linear\(7, 10\),$/m);
  assert.match(other, /^ {4}nn\.Linear\(10, 5\),?$/m);
});

test('standardized features: training statistics, a constant feature kept at scale 1 as the core keeps it', () => {
  // The digits' blank corners have a spread of 0: dividing by it made the script's features NaN
  // where the core (cpp/trainer.cpp's standardize, like StandardScaler) keeps a scale of 1.
  const text = script({ dataset: 'digits', standardize: 'true' });
  // In float64 over the float32 features, as the core's standardize computes, then float32 again.
  const from = indexOf(text, /^# training statistics only/);
  assert.deepEqual(lines(text).slice(from + 1, from + 7), [
    'X_fit, X_val = X_fit.double(), X_val.double()',
    'centre = X_fit.mean(dim=0)',
    'spread = X_fit.std(dim=0, unbiased=False)',
    'spread[spread == 0] = 1  # a constant feature keeps a scale of 1, as in StandardScaler',
    'X_fit = ((X_fit - centre) / spread).float()',
    'X_val = ((X_val - centre) / spread).float()',
  ]);
  assert.equal(indexOf(script({ dataset: 'digits' }), /^spread/), -1, 'only when standardized');
});

test('mini-batches: a shuffled DataLoader made after the model, the loss averaged over the epoch', () => {
  const text = script({ dataset: 'iris', batch_size: 16 });
  const loader = indexOf(
    text,
    /^loader = DataLoader\(TensorDataset\(X_fit, y_fit\), batch_size=16, shuffle=True\)$/,
  );
  assert.ok(loader > indexOf(text, /^model = nn\.Sequential\($/), 'loader after the model');
  assert.match(text, /^ {4}for X_batch, y_batch in loader:$/m);
  assert.match(text, /^ {4}train_loss = torch\.tensor\(running \/ len\(y_fit\)\)/m);
  assert.match(text, /^ {4}scheduler\.step\(val_loss\)/m); // ReduceLROnPlateau: once per epoch
});

test('per-batch stepping, and OneCycleLR stepped the run\u2019s scheduler steps', () => {
  const text = script({
    dataset: 'digits',
    batch_size: 32,
    scheduler: 'onecycle',
    scheduler_step: 'batch',
  });
  assert.match(text, /^SCHEDULER_STEPS = EPOCHS \* len\(loader\)/m);
  assert.match(
    text,
    /^scheduler = lr_scheduler\.OneCycleLR\(optimizer, max_lr=0\.1, total_steps=SCHEDULER_STEPS\)$/m,
  );
  assert.match(text, /^ {8}scheduler\.step\(\) +# after every optimizer\.step\(\)$/m);
  assert.equal(indexOf(text, /^ {4}scheduler\.step\(/), -1, 'no step at the end of the epoch');
  // Stepped per epoch, the run's steps are its epochs; a given total_steps is kept.
  assert.match(script({ scheduler: 'onecycle' }), /^SCHEDULER_STEPS = EPOCHS /m);
  const given = script({ scheduler: 'onecycle', total_steps: 300 });
  assert.match(given, /OneCycleLR\(optimizer, max_lr=0\.1, total_steps=300\)/);
  assert.doesNotMatch(given, /SCHEDULER_STEPS/);
});

test('the scheduler is the core\u2019s Python: warm-ups, CyclicLR, and any `schedule`', () => {
  assert.match(
    script({ scheduler: 'cosine', t_max: 95, warmup: 5, start_factor: 0.1 }),
    /^scheduler = lr_scheduler\.SequentialLR\(optimizer, \[lr_scheduler\.LinearLR\(optimizer, start_factor=0\.1, total_iters=5\), lr_scheduler\.CosineAnnealingLR\(optimizer, T_max=95\)\], milestones=\[5\]\)$/m,
  );
  assert.match(
    script({ scheduler: 'cyclic', base_lr: 0.01, max_lr: 0.1, step_size_up: 10 }),
    /^scheduler = lr_scheduler\.CyclicLR\(optimizer, base_lr=0\.01, max_lr=0\.1, step_size_up=10\)$/m,
  );
  const chained = script({ schedule: 'ChainedScheduler([StepLR(10), ExponentialLR(0.9)])' });
  assert.match(
    chained,
    /^scheduler = lr_scheduler\.ChainedScheduler\(\[lr_scheduler\.StepLR\(optimizer, 10\), lr_scheduler\.ExponentialLR\(optimizer, 0\.9\)\]\)$/m,
  );
  assert.match(chained, /^ {4}scheduler\.step\(\) +# timetable/m);
  assert.match(script({ scheduler: 'none' }), /^scheduler = None/m);
  assert.doesNotMatch(script({ scheduler: 'none' }), /scheduler\.step/);
});

test('an uploaded file is read as the core reads it, its sizes giving the model', () => {
  const settings = normalizeSettings(core, { hidden: '8' });
  const s = { ...settings, dataset: UPLOADED_DATA }; // the page's view of the run
  const text = pytorchScript(s, schedulePython(core, settings, RUN_STEPS), {
    name: 'my "iris".csv',
    features: 4,
    classes: 3,
    classNames: ['setosa', 'versicolor', 'virginica'], // scikit-learn's header names them
    classColumnHoldsNames: false, // the column holds their integers
  });
  assert.match(text, /^import numpy as np$/m);
  // The lines that are not blank, as the core skips blank ones (numpy's loadtxt stops at them).
  assert.match(
    text,
    /^with open\("my \\"iris\\"\.csv", encoding="utf-8-sig", errors="replace"\) as f:/m,
  );
  assert.match(text, /^ {4}lines = \[line for line in f if line\.strip\(" \\t\\r\\n"\)\]$/m);
  assert.match(text, /^table = np\.loadtxt\(lines, delimiter=",", skiprows=1\)$/m);
  assert.match(text, /^features, labels = table\[:, :-1\], table\[:, -1\]\.astype\(int\)/m);
  assert.match(text, /nn\.Linear\(4, 8\)/);
  assert.match(text, /nn\.Linear\(8, 3\)/);
  assert.doesNotMatch(text, /sklearn\.datasets/);
});

test('a file whose classes are names is read as text, the names numbered as the core numbers them', async () => {
  // Iris with its classes 0, 1, 2 written as scikit-learn names them; the core's datasetInfo.
  const named = (await readDataCsv('iris'))
    .trimEnd()
    .split('\n')
    .map((line, i) =>
      i === 0 ? line : line.replace(/\d+$/, (k) => ['setosa', 'versicolor', 'virginica'][k]),
    )
    .join('\n');
  const file = { name: 'iris_named.csv', ...datasetInfo(core, named, 'iris_named.csv') };
  assert.deepEqual(file.classNames, ['setosa', 'versicolor', 'virginica']);
  assert.equal(file.classColumnHoldsNames, true);
  const settings = normalizeSettings(core, {});
  const s = { ...settings, dataset: UPLOADED_DATA };
  const text = pytorchScript(s, schedulePython(core, settings, RUN_STEPS), file);
  const load = lines(text).slice(indexOf(text, /^with open/), indexOf(text, /^X_fit, X_val/));
  assert.deepEqual(load, [
    'with open("iris_named.csv", encoding="utf-8-sig", errors="replace") as f:  # the lines that are not blank',
    '    lines = [line for line in f if line.strip(" \\t\\r\\n")]',
    'table = np.loadtxt(lines, delimiter=",", skiprows=1, dtype=str, quotechar=\'"\', comments=None)',
    'features = table[:, :-1].astype(float)',
    '# the class names (last column), without blanks around them, numbered in sorted order',
    'class_names, labels = np.unique(np.char.strip(table[:, -1], " \\t"), return_inverse=True)',
  ]);
  assert.match(text, /^ {4}nn\.Linear\(10, 3\),?$/m);
});
