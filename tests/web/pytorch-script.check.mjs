// The "PyTorch script" tab must be the same run as the playground: for several settings, run the
// generated script with real PyTorch and compare its printed lines with the engine's lessonLine()s.
// A developer check, not run by CI (PyTorch is too heavy to install there): it needs Debian's
// python3-torch and python3-sklearn under /usr/bin/python3 and the wasm module (`npm run wasm`).
//   node --test tests/web/pytorch-script.check.mjs
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore, normalizeSettings, Run } from '../../web/src/engine/lrplay.js';
import { pytorchScript } from '../../web/src/model/script.js';
import { installCoreSchema } from './schema.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PYTHON = '/usr/bin/python3';

// script.js names arguments by the core's pytorchName: install the core's settings table first.
before(installCoreSchema);

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
];

test('the generated PyTorch script prints what the playground prints', async () => {
  const core = await loadCore({
    wasmBinary: await readFile(path.join(root, 'web/src/wasm/lrplay.wasm')),
  });
  const csv = await readFile(path.join(root, 'data/wine.csv'), 'utf8');
  for (const settings of CASES) {
    const run = new Run(core, settings, csv);
    const ours = run
      .run(run.epochs)
      .filter((r) => r.lessonLine)
      .map((r) => r.lessonLine);
    run.dispose();
    const script = pytorchScript(normalizeSettings(core, settings));
    const theirs = execFileSync(PYTHON, ['-'], { input: script, encoding: 'utf8' })
      .trim()
      .split('\n');
    assert.deepEqual(theirs, ours, `settings ${JSON.stringify(settings)}`);
  }
});
