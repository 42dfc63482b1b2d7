// Unit tests of the practice checks for the sections after the lesson's run (exercises/beyond.js):
// each check against real runs trained by the wasm core in node, one that passes and ones that fail
// for each reason. No browser: `npm run wasm`, then
// `node --test tests/web/practice-beyond-units.test.mjs`.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Run } from '../../web/src/engine/lrplay.js';
import { choose } from '../../web/src/model/settings.js';
import { presetSettings } from '../../web/src/model/presets.js';
import { EXERCISES } from '../../web/src/exercises/exercises.js';
import { BEYOND_EXERCISES } from '../../web/src/exercises/beyond.js';
import { installCoreSchema } from './schema.mjs';
import { ROOT } from './golden.mjs';

let core;
before(async () => {
  core = await installCoreSchema();
});

/**
 * The run as the practice view hands it to a check: the preset's settings with `changes` applied
 * as the form applies them, trained for `epochs` (all of them by default).
 */
function learnerRun(preset, changes = {}, epochs = Infinity) {
  let settings = presetSettings(preset);
  for (const [key, value] of Object.entries(changes)) settings = choose(settings, key, value).next;
  const csv = fs.readFileSync(path.join(ROOT, `data/${settings.dataset}.csv`), 'utf8');
  const run = new Run(core, settings, csv);
  const records = run.run(Math.min(epochs, Number(settings.epochs)));
  const divergence = records.find((r) => r.diverged) ?? null;
  const result = {
    settings: run.settings,
    records: records.filter((r) => !r.diverged),
    divergence,
    over: run.finished,
    answer: '',
    session: { divergence: null, resetAfter: false, predictions: {} },
  };
  run.dispose();
  return result;
}
const check = (id, run) => EXERCISES.find((e) => e.id === id).check(run);

test('the new exercises follow the first six, each with its preset', () => {
  assert.deepEqual(
    EXERCISES.slice(6, 6 + BEYOND_EXERCISES.length).map((e) => e.id),
    BEYOND_EXERCISES.map((e) => e.id),
  );
  assert.equal(EXERCISES.at(-1).id, 'find-lr', 'the range test\u2019s exercise comes last');
  assert.equal(new Set(EXERCISES.map((e) => e.id)).size, EXERCISES.length);
  for (const e of BEYOND_EXERCISES) assert.ok(presetSettings(e.preset), e.id);
});

test('plain-sgd-25: a larger rate without momentum', () => {
  assert.match(check('plain-sgd-25', learnerRun('sgd-momentum')).message, /momentum is 0\.9/);
  const slow = check('plain-sgd-25', learnerRun('sgd-momentum', { momentum: '0' }));
  assert.equal(slow.pass, false);
  assert.match(slow.message, /lr 0\.1 .* epoch 25 is 0\.74.* not below 0\.05/);
  assert.match(
    check('plain-sgd-25', learnerRun('sgd-momentum', { momentum: '0', lr: '0.5' }, 10)).message,
    /epoch 10 of 100/,
  );
  const done = check('plain-sgd-25', learnerRun('sgd-momentum', { momentum: '0', lr: '0.5' }, 25));
  assert.equal(done.pass, true, done.message);
  assert.match(done.message, /lr 0\.5 .* 0\.03979/);
  const adam = learnerRun('sgd-momentum', { optimizer: 'adam' });
  assert.match(check('plain-sgd-25', adam).message, /uses adam/);
  const raw = learnerRun('sgd-momentum', { momentum: '0', lr: '0.5', standardize: false }, 25);
  assert.match(check('plain-sgd-25', raw).message, /also changes standardize/);
});

test('batch-step-size: step_size counted in batches', () => {
  const preset = check('batch-step-size', learnerRun('batches', {}, 20));
  assert.equal(preset.pass, false);
  assert.match(preset.message, /step_size 30 .* epochs 4, 7, 10, 14, 17, 20, not after 10 and 20/);
  const tooFew = check('batch-step-size', learnerRun('batches', { step_size: '90' }, 12));
  assert.match(tooFew.message, /epoch 12 of 100.*at least 20/);
  const right = check('batch-step-size', learnerRun('batches', { step_size: '90' }, 20));
  assert.equal(right.pass, true, right.message);
  assert.match(right.message, /90 batches are exactly 10 epochs of 9/);
  const perEpoch = learnerRun('batches', { step_size: '10', scheduler_step: 'epoch' }, 20);
  assert.match(check('batch-step-size', perEpoch).message, /stepped once per epoch/);
  assert.match(
    check('batch-step-size', learnerRun('batches', { scheduler: 'exp' }, 1)).message,
    /choose StepLR/,
  );
});

test('restarts-20-60: T_0 and T_mult', () => {
  const preset = check('restarts-20-60', learnerRun('restarts'));
  assert.equal(preset.pass, false);
  assert.match(preset.message, /T_0 10 and T_mult 2 .* epochs 10, 30, 70, not after 20 and 60/);
  const even = check('restarts-20-60', learnerRun('restarts', { t_0: '20', t_mult: '1' }));
  assert.match(even.message, /epochs 20, 40, 60, 80, not/);
  const right = check('restarts-20-60', learnerRun('restarts', { t_0: '20' }));
  assert.equal(right.pass, true, right.message);
  assert.match(
    check('restarts-20-60', learnerRun('restarts', { t_0: '20' }, 50)).message,
    /epoch 50 of 100: train it to the end/,
  );
  assert.match(
    check('restarts-20-60', learnerRun('restarts', { t_0: '20', epochs: '150' })).message,
    /150 epochs/,
  );
});

test('onecycle-peak: pct_start moves the top of the cycle', () => {
  const preset = check('onecycle-peak', learnerRun('onecycle'));
  assert.equal(preset.pass, false);
  assert.match(preset.message, /pct_start 0\.3 .* after epoch 6, not 3: the climb is too long/);
  const short = check('onecycle-peak', learnerRun('onecycle', { pct_start: '0.1' }));
  assert.match(short.message, /after epoch 2, not 3: the climb is too short/);
  const right = check('onecycle-peak', learnerRun('onecycle', { pct_start: '0.15' }));
  assert.equal(right.pass, true, right.message);
  const other = learnerRun('onecycle', { pct_start: '0.15', max_lr: '0.2' });
  assert.match(check('onecycle-peak', other).message, /also changes max_lr/);
  assert.match(
    check('onecycle-peak', learnerRun('onecycle', { pct_start: '0.15' }, 5)).message,
    /epoch 5 of 20/,
  );
});

test('warmup-then-decay: SequentialLR reaches the peak, ChainedScheduler does not', () => {
  const chained = check('warmup-then-decay', learnerRun('chained', {}, 10));
  assert.equal(chained.pass, false);
  assert.match(chained.message, /After epoch 5 the rate is 0\.07738, not the full 0\.1/);
  const sequential = learnerRun(
    'chained',
    {
      schedule:
        'SequentialLR([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)], milestones=[5])',
    },
    10,
  );
  const right = check('warmup-then-decay', sequential);
  assert.equal(right.pass, true, right.message);
  const warmupSetting = learnerRun(
    'chained',
    { schedule: '', scheduler: 'exp', warmup: '5', start_factor: '0.1' },
    10,
  );
  assert.equal(check('warmup-then-decay', warmupSetting).pass, true);
  const slower = learnerRun(
    'chained',
    { schedule: '', scheduler: 'exp', warmup: '5', start_factor: '0.1', gamma: '0.9' },
    10,
  );
  assert.match(
    check('warmup-then-decay', slower).message,
    /After epoch 6 the rate is 0\.09; .* 0\.095/,
  );
  const noWarmup = learnerRun('chained', { schedule: '', scheduler: 'exp' }, 10);
  assert.match(check('warmup-then-decay', noWarmup).message, /Epoch 1 trained at 0\.1, not 0\.01/);
  assert.match(
    check('warmup-then-decay', learnerRun('chained', {}, 4)).message,
    /epoch 4 of 100; train at least 10/,
  );
});
