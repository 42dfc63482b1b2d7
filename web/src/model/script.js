// @ts-check
// The PyTorch script equivalent to the playground's current settings, in the lesson's own style.
// Input: the engine's normalized settings (every value a string). Pure text; no DOM.
import { SCHEDULERS, SETTINGS, SETTING, UPLOADED_DATA, appliesTo } from './settings.js';

const isDefault = (s, key) =>
  Number(s[key]) === Number(SETTING[key].default) ||
  String(s[key]) === String(SETTING[key].default);

/** "T_max=100": setting `key` as a keyword argument under PyTorch's name (the core's pytorchName). */
function arg(s, key) {
  const { kind, pytorchName } = SETTING[key].core;
  const value = s[key];
  let text = value;
  if (kind === 'choice') text = `"${value}"`;
  else if (kind === 'bool') text = value === 'true' ? 'True' : 'False';
  else if (kind.endsWith('list')) text = `(${value.split(',').join(', ')})`;
  return `${pytorchName}=${text}`;
}

// The warm-up's settings belong to SequentialLR's LinearLR, not to the scheduler after it.
const WARMUP_KEYS = ['warmup', 'start_factor'];

function adamLine(s) {
  const args = [arg(s, 'lr')];
  for (const key of ['betas', 'adam_eps', 'weight_decay', 'amsgrad'])
    if (!isDefault(s, key)) args.push(arg(s, key));
  return `optimizer = optim.Adam(model.parameters(), ${args.join(', ')})`;
}

/** SequentialLR: a LinearLR warm-up of s.warmup epochs chained before the main scheduler. */
function schedulerLines(s) {
  const main = mainSchedulerLines(s);
  if (!(Number(s.warmup) > 0)) return main;
  return [
    'warmup = lr_scheduler.LinearLR(',
    `    optimizer, start_factor=${s.start_factor}, end_factor=1.0, total_iters=${s.warmup}`,
    ')',
    ...main.map((line) => line.replace(/^scheduler = /, 'after_warmup = ')),
    'scheduler = lr_scheduler.SequentialLR(',
    `    optimizer, schedulers=[warmup, after_warmup], milestones=[${s.warmup}]`,
    ')',
  ];
}

function mainSchedulerLines(s) {
  if (s.scheduler === 'none') return ['scheduler = None  # a constant rate'];
  if (s.scheduler === 'linear') {
    return [
      'scheduler = lr_scheduler.LinearLR(',
      `    optimizer, ${['start_factor', 'end_factor', 'total_iters'].map((k) => arg(s, k)).join(', ')}`,
      ')  # epoch 1 trains at lr * start_factor',
    ];
  }
  if (s.scheduler !== 'plateau') {
    // The scheduler's own arguments: the settings that apply to it and have a PyTorch name.
    const args = SETTINGS.filter(
      (setting) =>
        setting.for &&
        appliesTo(setting, s) &&
        setting.core.pytorchName &&
        !WARMUP_KEYS.includes(setting.key),
    ).map((setting) => arg(s, setting.key));
    const name = SCHEDULERS[s.scheduler]?.name ?? s.scheduler;
    return [`scheduler = lr_scheduler.${name}(${['optimizer', ...args].join(', ')})`];
  }
  const args = ['mode', 'factor', 'patience'].map((key) => arg(s, key));
  for (const key of ['threshold', 'threshold_mode', 'cooldown', 'min_lr', 'sched_eps'])
    if (!isDefault(s, key)) args.push(arg(s, key));
  return [
    'scheduler = lr_scheduler.ReduceLROnPlateau(',
    '    optimizer,',
    ...args.map((a) => `    ${a},`),
    ')',
  ];
}

function modelLines(s) {
  const sizes = [13, ...s.hidden.split(',').map(Number), 3];
  const lines = ['model = nn.Sequential('];
  for (let i = 0; i + 1 < sizes.length; i++) {
    lines.push(`    nn.Linear(${sizes[i]}, ${sizes[i + 1]}),`);
    if (i + 2 < sizes.length) lines.push('    nn.ReLU(),');
  }
  lines.push(')');
  return lines;
}

function stepLines(s) {
  if (s.scheduler === 'none') return [];
  if (s.scheduler !== 'plateau')
    return ['    scheduler.step()                         # timetable: no metric needed'];
  const metric = { val_loss: 'val_loss', val_acc: 'val_acc', train_loss: 'train_loss.item()' }[
    s.monitor
  ];
  return [`    scheduler.step(${metric})`.padEnd(45) + '# the plateau test may lower the rate'];
}

/**
 * What this script cannot express yet (the core trains them; the script would print a different
 * program): one phrase per setting in use, [] when the script is exact.
 */
export function notExpressed(s) {
  const missing = [];
  if (s.schedule) missing.push(`the scheduler written as PyTorch code (${s.schedule})`);
  if (s.optimizer && s.optimizer !== 'adam') missing.push(`the optimizer ${s.optimizer}`);
  if (Number(s.batch_size) > 0) missing.push(`mini-batches of ${s.batch_size} (DataLoader)`);
  if (s.scheduler_step === 'batch') missing.push('stepping the scheduler after every batch');
  if (s.dataset === UPLOADED_DATA) missing.push('your uploaded file');
  else if (s.dataset && s.dataset !== 'wine') missing.push(`the ${s.dataset} data set`);
  // CyclicLR cycles Adam's beta1 (PyTorch 2.x only); OneCycleLR's total_steps=0 means the run's steps.
  if (!s.schedule && ['cyclic', 'onecycle'].includes(s.scheduler))
    missing.push(`${SCHEDULERS[s.scheduler].name}`);
  return missing;
}

/**
 * The full script as text. When the settings use something the script cannot express yet, the
 * program is printed commented out under a note saying what is missing, never as a runnable
 * program that would train something else.
 */
export function pytorchScript(s) {
  const missing = notExpressed(s);
  const program = exactScript(s);
  if (missing.length === 0) return program;
  return (
    [
      '# This run uses settings the generated script cannot express yet:',
      ...missing.map((m) => `#   - ${m}`),
      '# The program below ignores them, so it would train a different run; it is left commented out.',
      '#',
      ...program
        .trimEnd()
        .split('\n')
        .map((line) => (line ? `# ${line}` : '#')),
    ].join('\n') + '\n'
  );
}

function exactScript(s) {
  const lines = [
    '# Generated by lrplay from the playground\u2019s settings (PyTorch 1.13, scikit-learn 1.2).',
    'import torch',
    'from sklearn.datasets import load_wine',
    'from sklearn.model_selection import train_test_split',
    'from torch import nn, optim',
    'from torch.optim import lr_scheduler',
    '',
    'features, labels = load_wine(return_X_y=True)',
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
      'centre = X_fit.mean(dim=0)                   # training statistics only',
      'spread = X_fit.std(dim=0, unbiased=False)',
      'X_fit = (X_fit - centre) / spread',
      'X_val = (X_val - centre) / spread',
    );
  }
  lines.push(
    '',
    `torch.manual_seed(${s.seed})`,
    ...modelLines(s),
    'loss_fn = nn.CrossEntropyLoss()',
    adamLine(s),
    ...schedulerLines(s),
    '',
    `EPOCHS = ${s.epochs}`,
    '',
    'for epoch in range(1, EPOCHS + 1):',
    '    model.train()',
    '    optimizer.zero_grad()',
    '    train_loss = loss_fn(model(X_fit), y_fit)',
    '    train_loss.backward()',
    '    optimizer.step()',
    '',
    '    model.eval()',
    '    with torch.no_grad():',
    '        val_scores = model(X_val)',
    '        val_loss = loss_fn(val_scores, y_val)',
  );
  if (s.scheduler === 'plateau' && s.monitor === 'val_acc') {
    lines.push('        val_acc = (val_scores.argmax(dim=1) == y_val).float().mean().item()');
  }
  lines.push(
    '',
    ...stepLines(s),
    '',
    '    if epoch % 10 == 0:',
    '        current = optimizer.param_groups[0]["lr"]',
    '        print(f"Epoch [{epoch}/{EPOCHS}], LR: {current:.6f}")',
  );
  return lines.join('\n') + '\n';
}
