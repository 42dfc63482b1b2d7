// The "PyTorch script" tab must be the same run as the playground: for several settings, run the
// generated script with real PyTorch and compare its printed lines with the records' lessonLine,
// and its last epoch's validation loss and accuracy with the engine's (the golden tolerances: loss
// 1e-4 relative, 1e-6 absolute below 1e-2; accuracy exact).
// A developer check, not run by CI (PyTorch is too heavy to install there). It needs the wasm module
// (`npm run wasm`), Debian 12's python3-torch 1.13 and python3-sklearn under /usr/bin/python3, and for
// the cases PyTorch 1.13 runs differently (CyclicLR cycling Adam's beta1 is 2.x only) PyTorch 2.6 in
// the chroot /work/trixie (run as root: the script is run with `chroot /work/trixie python3 -`).
//   node --test tests/web/pytorch-script.check.mjs
// LRPLAY_TORCH=1.13 runs only that version's cases (on a machine without the chroot).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  datasetInfo,
  normalizeSettings,
  Run,
  schedulePython,
} from '../../web/src/engine/lrplay.js';
import { RUN_STEPS, pytorchScript } from '../../web/src/model/script.js';
import { UPLOADED_DATA } from '../../web/src/model/settings.js';
import { installCoreSchema } from './schema.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PYTORCH = {
  1.13: ['/usr/bin/python3', ['-']],
  2.6: ['chroot', ['/work/trixie', 'python3', '-']],
};

let core;
before(async () => {
  core = await installCoreSchema();
});

// torch: '2.6' where PyTorch 1.13 differs from the 2.6 arithmetic the core follows.
const CASES = [
  {},
  { standardize: true },
  { scheduler: 'step', step_size: 30, gamma: 0.1 },
  { scheduler: 'step', step_size: 20, gamma: 0.5, warmup: 5, start_factor: 0.2, standardize: true },
  { scheduler: 'cosine', t_max: 60, warmup: 8 },
  { scheduler: 'exp', gamma: 0.95, standardize: true },
  { scheduler: 'cosine', t_max: 30, eta_min: 0.001, standardize: true },
  { scheduler: 'linear', start_factor: 0.1, end_factor: 0.9, total_iters: 20, standardize: true },
  { scheduler: 'linear' },
  { patience: 3, monitor: 'val_acc', mode: 'max', standardize: true },
  {
    cooldown: 5,
    threshold_mode: 'abs',
    threshold: 0.01,
    standardize: true,
    hidden: '16',
    min_lr: 1e-4,
  },
  {
    monitor: 'train_loss',
    standardize: true,
    seed: 7,
    weight_decay: 0.01,
    amsgrad: true,
    betas: '0.8,0.99',
  },
  // The settings the script could not express before: optimizers, mini-batches, data sets,
  // per-batch stepping, CyclicLR and OneCycleLR, `schedule` expressions.
  {
    optimizer: 'sgd',
    lr: 0.01,
    momentum: 0.9,
    nesterov: true,
    standardize: true,
    scheduler: 'step',
    step_size: 20,
  },
  { optimizer: 'adamw', lr: 0.01, weight_decay: 0.05, standardize: true, scheduler: 'cosine' },
  { dataset: 'iris', batch_size: 16, lr: 0.01, scheduler: 'exp', gamma: 0.97 },
  { dataset: 'iris', batch_size: 16, lr: 0.01, monitor: 'train_loss', patience: 2, epochs: 60 },
  {
    dataset: 'digits',
    batch_size: 32,
    hidden: '32',
    lr: 0.001,
    scheduler: 'onecycle',
    max_lr: 0.01,
    scheduler_step: 'batch',
    epochs: 20,
  },
  {
    dataset: 'breast_cancer',
    standardize: true,
    lr: 0.001,
    scheduler: 'poly',
    total_iters: 50,
    power: 2,
    epochs: 50,
  },
  {
    optimizer: 'sgd',
    lr: 0.01,
    momentum: 0.9,
    standardize: true,
    scheduler: 'cyclic',
    base_lr: 0.001,
    max_lr: 0.05,
    step_size_up: 10,
    mode: 'triangular2',
  },
  {
    torch: '2.6',
    lr: 0.01,
    standardize: true,
    scheduler: 'cyclic',
    base_lr: 0.001,
    max_lr: 0.05,
    step_size_up: 10,
    scheduler_step: 'batch',
  },
  {
    standardize: true,
    lr: 0.01,
    scheduler: 'cosine-restarts',
    t_0: 10,
    t_mult: 2,
    eta_min: 0.001,
    epochs: 70,
  },
  {
    standardize: true,
    lr: 0.01,
    schedule:
      'ChainedScheduler([ConstantLR(factor=0.5, total_iters=10), ExponentialLR(gamma=0.98)])',
  },
  {
    dataset: 'iris',
    batch_size: 40,
    lr: 0.02,
    scheduler_step: 'batch',
    schedule: 'OneCycleLR(max_lr=0.05, pct_start=0.2, anneal_strategy="linear")',
  },
  // Standardized digits: their blank corners have a spread of 0, which the script must keep at a
  // scale of 1 as the core does (dividing by it made every loss NaN).
  { dataset: 'digits', standardize: true, epochs: 30 },
  // The learner's own file (upload: the page's upload, read by the script's np.loadtxt): iris
  // with its classes as names, sorted as first met (setosa, versicolor, virginica) or not (b, c,
  // a, with blanks and quotes the core and numpy read alike), and with its integer classes (behind
  // a byte order mark, a blank line and lines of spaces, which the core skips and the script drops
  // before numpy's loadtxt, which would stop at them).
  { upload: 'iris_named.csv', standardize: true, batch_size: 16, lr: 0.01 },
  { upload: 'iris_bca.csv', standardize: true, scheduler: 'step', step_size: 30 },
  { upload: 'iris_integers.csv', standardize: true },
  // A spreadsheet's export: a header in Latin-1 (written so below), which the script skips.
  { upload: 'iris_latin1.csv', standardize: true },
];

// Iris's classes 0, 1, 2 as the names in `names` (the header, scikit-learn's counts, kept).
const relabel = (iris, names) =>
  iris.replace(/^(.*,)(\d+)$/gm, (line, start, k, offset) =>
    offset === 0 ? line : start + names[k],
  );
const UPLOADS = {
  'iris_named.csv': (iris) => relabel(iris, ['setosa', 'versicolor', 'virginica']),
  'iris_bca.csv': (iris) => relabel(iris, [' b', '"c" ', '"a"\t']),
  'iris_latin1.csv': (iris) =>
    iris.replace(
      /^.*/,
      'longueur s\u00e9pale,largeur s\u00e9pale,longueur p\u00e9tale,largeur p\u00e9tale,esp\u00e8ce',
    ),
  'iris_integers.csv': (iris) =>
    `\ufeff\n${iris.replace(/\n(?=.)/g, (nl, at) => (at % 7 ? nl : '\n \t\n'))}  \n`,
};

// One Python process per PyTorch version runs every script (each in a fresh namespace), so
// PyTorch is imported once; each script's output ends with its last epoch's validation loss and
// accuracy, then a separator line.
const DRIVER = `
import json, sys
for script in json.load(sys.stdin):
    scope = {"__name__": "__main__"}
    exec(compile(script, "<script>", "exec"), scope)
    val_loss, val_scores, y_val = scope["val_loss"], scope["val_scores"], scope["y_val"]
    print("final", val_loss.item(), (val_scores.argmax(dim=1) == y_val).float().mean().item())
    print("--- end of script")
`;

function runScripts(scripts, torch) {
  const [command, args] = PYTORCH[torch];
  const out = execFileSync(command, [...args.slice(0, -1), '-c', DRIVER], {
    input: JSON.stringify(scripts),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return out
    .split('--- end of script\n')
    .slice(0, -1)
    .map((text) => text.trim().split('\n'));
}

const closeLoss = (theirs, ours) =>
  Math.abs(theirs - ours) <= (Math.abs(theirs) < 1e-2 ? 1e-6 : 1e-4 * Math.abs(theirs));

test('the generated PyTorch script prints what the playground prints', async () => {
  const expected = [];
  const uploads = await mkdtemp(path.join(tmpdir(), 'lrplay-uploads-'));
  const iris = await readFile(path.join(root, 'data/iris.csv'), 'utf8');
  for (const { torch = '1.13', upload, ...settings } of CASES) {
    // An upload is written where the script reads it (its name in the script: the full path).
    const source = upload ? path.join(uploads, upload) : 'data';
    const csv = upload
      ? UPLOADS[upload](iris)
      : await readFile(path.join(root, `data/${settings.dataset ?? 'wine'}.csv`), 'utf8');
    if (upload) await writeFile(source, csv, upload.includes('latin1') ? 'latin1' : 'utf8');
    const run = new Run(core, settings, csv, source);
    const records = run.run(run.epochs);
    run.dispose();
    const s = normalizeSettings(core, settings);
    // The run's data as the worker describes it: the model's sizes (and the class names of an
    // upload) are the core's.
    const data = { name: source, ...datasetInfo(core, csv, source) };
    expected.push({
      torch,
      what: `settings ${JSON.stringify({ upload, ...settings })} (PyTorch ${torch})`,
      lines: records.filter((r) => r.lessonLine).map((r) => r.lessonLine),
      last: records.at(-1),
      script: pytorchScript(
        upload ? { ...s, dataset: UPLOADED_DATA } : s,
        schedulePython(core, s, RUN_STEPS),
        data,
      ),
    });
  }
  const versions = process.env.LRPLAY_TORCH?.split(',') ?? Object.keys(PYTORCH);
  for (const torch of versions) {
    const cases = expected.filter((e) => e.torch === torch);
    const outputs = runScripts(
      cases.map((e) => e.script),
      torch,
    );
    assert.equal(outputs.length, cases.length, `PyTorch ${torch}: one output per script`);
    cases.forEach(({ what, lines, last }, i) => {
      const theirs = outputs[i];
      const [, loss, accuracy] = theirs.pop().split(' ').map(Number);
      assert.deepEqual(theirs, lines, what);
      assert.ok(closeLoss(loss, last.valLoss), `${what}: val_loss ${loss} vs ${last.valLoss}`);
      assert.equal(Math.fround(accuracy), Math.fround(last.valAcc), `${what}: val_acc`);
    });
  }
});
