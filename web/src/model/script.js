// @ts-check
// The PyTorch script equivalent to the playground's current run, in the lesson's own style.
// Input: the engine's normalized settings (every value a string) and the scheduler as the core
// writes it in Python (RunHandle.schedulerCode). Pure text; no DOM.
import { SETTING, SETTINGS, UPLOADED_DATA, appliesTo, defaultFor } from './settings.js';

/**
 * The script's name for the scheduler steps the run takes: the core gives it to a OneCycleLR that
 * has no total_steps (the core's default is the run's steps).
 */
export const RUN_STEPS = 'SCHEDULER_STEPS';

// scikit-learn's loader of each data set (data/*.csv are its copies). The MLP's input and output
// sizes are the run's data's (the core's datasetInfo: features, classes), not written here.
const LOADERS = {
  wine: 'load_wine',
  iris: 'load_iris',
  breast_cancer: 'load_breast_cancer',
  digits: 'load_digits',
};

const isDefault = (s, key) => {
  const fallback = defaultFor(key, s);
  return Number(s[key]) === Number(fallback) || String(s[key]) === String(fallback);
};

/** "betas=(0.8, 0.99)": setting `key` as a keyword argument under PyTorch's name (pytorchName). */
function arg(s, key) {
  const { kind, pytorchName } = SETTING[key].core;
  const value = s[key];
  let text = value;
  if (kind === 'choice') text = `"${value}"`;
  else if (kind === 'bool') text = value === 'true' ? 'True' : 'False';
  else if (kind.endsWith('list')) text = `(${value.split(',').join(', ')})`;
  return `${pytorchName}=${text}`;
}

// Each optimizer's torch.optim class.
const OPTIMIZER_CLASSES = { adam: 'Adam', adamw: 'AdamW', sgd: 'SGD' };
// The optimizers' arguments after lr in the order of PyTorch's signatures (Adam's betas, eps,
// weight_decay, amsgrad; SGD's momentum, dampening, weight_decay, nesterov); an argument it does not
// list goes last. Which ones an optimizer takes is the core's (optimizerArguments).
const SIGNATURE_ORDER = [
  'betas',
  'momentum',
  'dampening',
  'adam_eps',
  'weight_decay',
  'amsgrad',
  'nesterov',
];
const signatureIndex = (key) => {
  const i = SIGNATURE_ORDER.indexOf(key);
  return i < 0 ? SIGNATURE_ORDER.length : i;
};

/**
 * The chosen optimizer's arguments after lr, in PyTorch's order: the settings the core ties to the
 * optimizer (its appliesTo or its defaults depend on the optimizer: weight_decay's AdamW default)
 * that apply to this one.
 * @param {Record<string, string>} s
 */
export function optimizerArguments(s) {
  return SETTINGS.filter(
    ({ core }) =>
      (core.appliesTo.optimizer || core.defaultsBy.optimizer) &&
      appliesTo({ core }, { ...s, optimizer: s.optimizer ?? 'adam' }),
  )
    .map(({ key }) => key)
    .sort((a, b) => signatureIndex(a) - signatureIndex(b));
}

function optimizerLine(s) {
  const name = OPTIMIZER_CLASSES[s.optimizer ?? 'adam'];
  const keys = optimizerArguments(s);
  const args = [arg(s, 'lr'), ...keys.filter((k) => !isDefault(s, k)).map((k) => arg(s, k))];
  return `optimizer = optim.${name}(model.parameters(), ${args.join(', ')})`;
}

function modelLines(s, data) {
  const sizes = [data.inputs, ...s.hidden.split(',').map(Number), data.classes];
  const lines = ['model = nn.Sequential('];
  for (let i = 0; i + 1 < sizes.length; i++) {
    lines.push(`    nn.Linear(${sizes[i]}, ${sizes[i + 1]}),`);
    if (i + 2 < sizes.length) lines.push('    nn.ReLU(),');
  }
  lines.push(')');
  return lines;
}

const batched = (s) => Number(s.batch_size) > 0;
const perBatch = (s) => s.scheduler_step === 'batch';

/** The DataLoader (after the model: its shuffles draw from the generator the weights drew from). */
function loaderLines(s, code) {
  const lines = batched(s)
    ? [`loader = DataLoader(TensorDataset(X_fit, y_fit), batch_size=${s.batch_size}, shuffle=True)`]
    : [];
  if (code.includes(RUN_STEPS)) {
    const steps = perBatch(s) ? (batched(s) ? 'EPOCHS * len(loader)' : 'EPOCHS') : 'EPOCHS';
    lines.push(`${RUN_STEPS} = ${steps}  # scheduler.step() calls in the run`);
  }
  return lines;
}

/** scheduler.step() after the epoch's validation (epoch stepping), or nothing (batch stepping). */
function epochStepLines(s, code) {
  if (!code || perBatch(s)) return [];
  if (!code.startsWith('lr_scheduler.ReduceLROnPlateau('))
    return ['    scheduler.step()                         # timetable: no metric needed'];
  const metric = { val_loss: 'val_loss', val_acc: 'val_acc', train_loss: 'train_loss.item()' }[
    s.monitor
  ];
  return [`    scheduler.step(${metric})`.padEnd(45) + '# the plateau test may lower the rate'];
}

/** One epoch's training: the whole split at once, or the DataLoader's shuffled batches. */
function trainLines(s, code) {
  const step = code && perBatch(s) ? ['scheduler.step()  # after every optimizer.step()'] : [];
  if (!batched(s)) {
    return [
      '    optimizer.zero_grad()',
      '    train_loss = loss_fn(model(X_fit), y_fit)',
      '    train_loss.backward()',
      '    optimizer.step()',
      ...step.map((line) => `    ${line}`),
    ];
  }
  return [
    '    running = 0.0',
    '    for X_batch, y_batch in loader:',
    '        optimizer.zero_grad()',
    '        loss = loss_fn(model(X_batch), y_batch)',
    '        loss.backward()',
    '        optimizer.step()',
    ...step.map((line) => `        ${line}`),
    '        running += loss.item() * len(y_batch)',
    '    train_loss = torch.tensor(running / len(y_fit))  # the mean over the epoch, as float32',
  ];
}

/** What the script reads the learner's uploaded file with (the data-set field's label names it too). */
export const UPLOADED_LOADER = 'np.loadtxt';

/**
 * The learner's uploaded file as the core reads it: one header row (a plain CSV's names, or
 * scikit-learn's counts), then the features and the class in the last column.
 * - Its lines are read first and the blank ones (spaces and tabs too) left out, as the core skips
 *   them: numpy's loadtxt stops at a line of spaces ("the number of columns changed").
 * - They are read as UTF-8 with any byte order mark dropped, and a byte that is not UTF-8 is
 *   replaced, as the page's reading of the file replaces it before the core sees the text (a
 *   spreadsheet's Latin-1 header, which numpy's loadtxt would stop at).
 * - A class column of names (the core's classColumnHoldsNames) is read as text: np.unique numbers
 *   the names in sorted order, as the core does; quotechar and comments=None read quotes and '#' as
 *   the core reads them, and the strip takes the spaces and tabs the core trims.
 */
function uploadedData(file) {
  const name = JSON.stringify(file?.name ?? 'your_data.csv');
  const lines = [
    `with open(${name}, encoding="utf-8-sig", errors="replace") as f:  # the lines that are not blank`,
    '    lines = [line for line in f if line.strip(" \\t\\r\\n")]',
  ];
  if (file?.classColumnHoldsNames) {
    return {
      imports: ['import numpy as np'],
      load: [
        ...lines,
        `table = ${UPLOADED_LOADER}(lines, delimiter=",", skiprows=1, dtype=str, quotechar='"', comments=None)`,
        'features = table[:, :-1].astype(float)',
        '# the class names (last column), without blanks around them, numbered in sorted order',
        'class_names, labels = np.unique(np.char.strip(table[:, -1], " \\t"), return_inverse=True)',
      ],
    };
  }
  return {
    imports: ['import numpy as np'],
    load: [
      ...lines,
      `table = ${UPLOADED_LOADER}(lines, delimiter=",", skiprows=1)`,
      'features, labels = table[:, :-1], table[:, -1].astype(int)  # the class is the last column',
    ],
  };
}

/** A data set of scikit-learn's, loaded as the core's copy in data/ holds it. */
function builtInData(name) {
  const load = LOADERS[name ?? 'wine'];
  return {
    imports: [`from sklearn.datasets import ${load}`],
    load: [`features, labels = ${load}(return_X_y=True)`],
  };
}

/**
 * The full script as text: schedulerCode is the core's Python for the run's scheduler; `file` is
 * the run's data ({ name, features, classes, classColumnHoldsNames }, RunHandle.data: the core's
 * counts and what its class column holds), the learner's uploaded file when the run trains on it.
 */
export function pytorchScript(s, schedulerCode, file) {
  const data = {
    inputs: file.features,
    classes: file.classes,
    ...(s.dataset === UPLOADED_DATA ? uploadedData(file) : builtInData(s.dataset)),
  };
  const code = schedulerCode;
  const lines = [
    '# Generated by lrplay from the playground\u2019s settings (PyTorch 2.6, scikit-learn 1.2).',
    'import torch',
    ...data.imports,
    'from sklearn.model_selection import train_test_split',
    'from torch import nn, optim',
    'from torch.optim import lr_scheduler',
    ...(batched(s) ? ['from torch.utils.data import DataLoader, TensorDataset'] : []),
    '',
    ...data.load,
    'X_fit, X_val, y_fit, y_val = train_test_split(',
    `    features, labels, ${arg(s, 'test_size')}, ${arg(s, 'split_seed')}`,
    ')',
    'X_fit = torch.tensor(X_fit, dtype=torch.float32)',
    'X_val = torch.tensor(X_val, dtype=torch.float32)',
    'y_fit = torch.tensor(y_fit, dtype=torch.long)',
    'y_val = torch.tensor(y_val, dtype=torch.long)',
  ];
  if (s.standardize === 'true') {
    lines.push(
      '',
      '# training statistics only, in float64 over the float32 features, as the playground computes',
      'X_fit, X_val = X_fit.double(), X_val.double()',
      'centre = X_fit.mean(dim=0)',
      'spread = X_fit.std(dim=0, unbiased=False)',
      'spread[spread == 0] = 1  # a constant feature keeps a scale of 1, as in StandardScaler',
      'X_fit = ((X_fit - centre) / spread).float()',
      'X_val = ((X_val - centre) / spread).float()',
    );
  }
  lines.push(
    '',
    `EPOCHS = ${s.epochs}`,
    `torch.manual_seed(${s.seed})`,
    ...modelLines(s, data),
    'loss_fn = nn.CrossEntropyLoss()',
    optimizerLine(s),
    ...loaderLines(s, code),
    code ? `scheduler = ${code}` : 'scheduler = None  # a constant rate',
    '',
    'for epoch in range(1, EPOCHS + 1):',
    '    model.train()',
    ...trainLines(s, code),
    '',
    '    model.eval()',
    '    with torch.no_grad():',
    '        val_scores = model(X_val)',
    '        val_loss = loss_fn(val_scores, y_val)',
  );
  if (s.monitor === 'val_acc' && code.startsWith('lr_scheduler.ReduceLROnPlateau(')) {
    lines.push('        val_acc = (val_scores.argmax(dim=1) == y_val).float().mean().item()');
  }
  const step = epochStepLines(s, code);
  lines.push(
    ...(step.length ? ['', ...step] : []),
    '',
    '    if epoch % 10 == 0:',
    '        current = optimizer.param_groups[0]["lr"]',
    '        print(f"Epoch [{epoch}/{EPOCHS}], LR: {current:.6f}")',
  );
  return lines.join('\n') + '\n';
}
