// The claims of the lesson's sections after the lesson's own run (optimizers, batches, restarts,
// cycles, composing) and of the break-the-run exercise's hint, each checked on the run its preset
// loads, trained by the wasm core in node exactly as the page's worker trains it. No browser: `npm run wasm` (or `npm run build`), then
// `node --test tests/web/lesson-claims.test.mjs`. The native CLI gives the same numbers, e.g.
// `build/lrplay train --standardize --scheduler cosine --optimizer sgd --momentum 0.9`.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Run, schedulePreview } from '../../web/src/engine/lrplay.js';
import { choose, presetSettings, SETTING } from '../../web/src/model/settings.js';
import { installCoreSchema } from './schema.mjs';
import { ROOT } from './golden.mjs';
import { EXERCISES } from '../../web/src/exercises/exercises.js';

let core;
before(async () => {
  core = await installCoreSchema();
});

const csv = (name) => fs.readFileSync(path.join(ROOT, `data/${name}.csv`), 'utf8');

/** Every epoch record of the preset's run, with `changes` applied as the form applies them. */
function train(id, changes = {}) {
  let settings = presetSettings(id);
  for (const [key, value] of Object.entries(changes)) settings = choose(settings, key, value).next;
  const run = new Run(core, settings, csv(settings.dataset));
  const records = run.run(Number(settings.epochs));
  run.dispose();
  assert.ok(records.every((r) => !r.diverged));
  return records;
}

const at = (records, epoch) => records[epoch - 1];
const firstEpoch = (records, test) => records.find(test)?.epoch;
const close = (actual, expected, rel = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${actual} vs ${expected}`);
/** The rate rounded as the text states it (significant digits). */
const sig = (x, digits) => Number(x.toPrecision(digits));

test('optimizers: one cosine schedule, three optimizers (sgd-momentum)', () => {
  const momentum = train('sgd-momentum');
  assert.equal(
    firstEpoch(momentum, (r) => r.valAcc === 1),
    16,
  );
  assert.equal(sig(at(momentum, 25).trainLoss, 2), 0.022);
  const plain = train('sgd-momentum', { momentum: '0' });
  assert.equal(sig(at(plain, 25).trainLoss, 2), 0.74);
  assert.equal(
    firstEpoch(plain, (r) => r.valAcc === 1),
    50,
  );
  assert.equal(sig(plain.at(-1).trainLoss, 2), 0.22);
  assert.equal(sig(momentum.at(-1).trainLoss, 2), 0.00094);
  const adam = train('sgd-momentum', { optimizer: 'adam' });
  assert.equal(
    firstEpoch(adam, (r) => r.valAcc === 1),
    3,
  );
  // The schedule is the same in all three: the optimizer alone differs.
  assert.deepEqual(
    plain.map((r) => r.lr),
    momentum.map((r) => r.lr),
  );
  assert.deepEqual(
    adam.map((r) => r.lr),
    momentum.map((r) => r.lr),
  );
  close(at(plain, 50).lr, 0.05);
  // Plain SGD needs about ten times the rate to do by epoch 25 what momentum 0.9 does (exercise).
  assert.ok(at(train('sgd-momentum', { momentum: '0', lr: '0.5' }), 25).trainLoss < 0.05);
  assert.ok(at(train('sgd-momentum', { momentum: '0', lr: '0.3' }), 25).trainLoss > 0.05);
});

test('batches: StepLR stepped after every batch counts batches (batches)', () => {
  const perBatch = train('batches');
  // 142 training wines in batches of 16: 8 full batches and one of 14, 9 steps per epoch.
  assert.equal(Math.ceil(142 / Number(presetSettings('batches').batch_size)), 9);
  assert.deepEqual(
    perBatch.filter((r) => r.lrChanged).map((r) => r.epoch),
    // the epoch holding batch 30k, k = 1..30: a cut every 30 of the 900 batches
    [...Array(30)].map((_, k) => Math.ceil((30 * (k + 1)) / 9)),
  );
  assert.deepEqual(
    perBatch
      .filter((r) => r.lrChanged)
      .map((r) => r.epoch)
      .slice(0, 3),
    [4, 7, 10],
  );
  close(at(perBatch, 4).lr, 0.01);
  close(at(perBatch, 7).lr, 1e-3);
  close(at(perBatch, 10).lr, 1e-4);
  close(perBatch.at(-1).lr, 1e-31);
  assert.equal(sig(at(perBatch, 10).trainLoss, 3), 0.00233);
  assert.equal(sig(perBatch.at(-1).trainLoss, 3), 0.00228);
  assert.equal(sig(perBatch.at(-1).valLoss, 3), 0.0152);
  const perEpoch = train('batches', { scheduler_step: 'epoch' });
  assert.deepEqual(
    perEpoch.filter((r) => r.lrChanged).map((r) => r.epoch),
    [30, 60, 90],
  );
  assert.equal(sig(perEpoch.at(-1).valLoss, 2), 0.000096);
  assert.ok(perBatch.at(-1).valLoss > 100 * perEpoch.at(-1).valLoss);
  // The exercise's answer: 90 batches are 10 epochs of 9.
  const tenEpochs = train('batches', { step_size: '90' });
  assert.deepEqual(
    tenEpochs.filter((r) => r.lrChanged).map((r) => r.epoch),
    [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
  );
});

test('restarts: the cosine starts again after epochs 10, 30 and 70 (restarts)', () => {
  const records = train('restarts');
  const lr0 = Number(presetSettings('restarts').lr);
  assert.deepEqual(
    records.filter((r) => r.lr === lr0).map((r) => r.epoch),
    [10, 30, 70],
  );
  assert.equal(sig(at(records, 9).lr, 2), 0.0024);
  assert.equal(sig(at(records, 29).lr, 2), 0.00062);
  assert.equal(sig(at(records, 69).lr, 2), 0.00015);
  assert.equal(sig(records.at(-1).lr, 2), 0.069);
  assert.ok(
    records.every((r) => r.lr > 0),
    'the floor 0 is never reached',
  );
  // The restart after epoch 10 costs one validation wine for a while.
  const dips = records.filter((r) => r.valAcc < 1 && r.epoch > 10).map((r) => r.epoch);
  assert.deepEqual(dips, [13, 14, 15, 16, 17, 18, 19]);
  assert.equal(sig(at(records, 13).valAcc * 100, 3), 97.2);
  assert.ok(
    records.slice(2, 12).every((r) => r.valAcc === 1),
    '100% from epoch 3 to 12',
  );
  // A warm-up in front, as the text writes it: 5 epochs of ramp, then cycles of 10.
  const warm = train('restarts', {
    schedule:
      'SequentialLR([LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingWarmRestarts(T_0=10)], milestones=[5])',
  });
  assert.deepEqual(
    warm.filter((r) => r.lr === lr0).map((r) => r.epoch),
    [5, 15, 25, 35, 45, 55, 65, 75, 85, 95],
  );
  // The exercise's answer: T_0 = 20, T_mult = 2 restarts after epochs 20 and 60.
  const answer = train('restarts', { t_0: '20' });
  assert.deepEqual(
    answer.filter((r) => r.lr === lr0).map((r) => r.epoch),
    [20, 60],
  );
});

test('cycles: OneCycleLR over 180 batches, the rates the text names (onecycle)', () => {
  const settings = presetSettings('onecycle');
  const records = train('onecycle');
  const steps = 20 * 9;
  // The rate after each of the run's 180 scheduler steps (a batch trains at the rate before it).
  const rates = schedulePreview(core, { ...settings, total_steps: String(steps) }, [
    ...Array(steps).fill(0),
  ]);
  const maxLr = Number(settings.max_lr);
  const first = maxLr / Number(settings.div_factor);
  const last = first / Number(settings.final_div_factor);
  close(records[0].lrUsed, first);
  close(first, 0.004);
  close(last, 4e-7);
  // batch k trains at rates[k - 2] (batch 1 at the initial rate)
  const batchRate = (k) => (k === 1 ? first : rates[k - 2]);
  const peak = Math.max(...rates);
  assert.equal(peak, maxLr);
  assert.equal(rates.indexOf(peak) + 2, 54, 'the 54th batch trains at the peak');
  close(batchRate(steps), last); // the last batch
  assert.equal(Math.min(...rates), last);
  // After the 180th step() the optimizer holds PyTorch's formula one step past the cycle.
  assert.equal(rates.at(-1), records.at(-1).lr);
  assert.equal(sig(records.at(-1).lr, 2), 1.6e-5);
  assert.equal(records.at(5).lr, rates[6 * 9 - 1]);
  assert.equal(
    firstEpoch(records, (r) => r.valAcc === 1),
    4,
  );
  assert.ok(records.slice(3).every((r) => r.valAcc === 1));
  assert.equal(sig(records.at(-1).trainLoss, 2), 0.00081);
  // PyTorch's momentum defaults for the cycle.
  assert.equal(settings.base_momentum, '0.85');
  assert.equal(settings.max_momentum, '0.95');
  assert.deepEqual(SETTING.cycle_momentum.default, true);
  // The exercise's answer: pct_start 0.15 puts the highest rate after epoch 3.
  const early = train('onecycle', { pct_start: '0.15' });
  const highest = early.reduce((a, b) => (b.lr > a.lr ? b : a));
  assert.equal(highest.epoch, 3);
  const preset = records.reduce((a, b) => (b.lr > a.lr ? b : a));
  assert.equal(preset.epoch, 6);
});

test('cycles: CyclicLR between 0.01 and 0.1, five epochs each way (cyclic)', () => {
  const records = train('cyclic');
  close(records[0].lrUsed, 0.01);
  const near = (a, b) => Math.abs(a - b) < 1e-12;
  assert.deepEqual(
    records.filter((r) => near(r.lr, 0.1)).map((r) => r.epoch),
    [5, 15, 25],
  );
  assert.deepEqual(
    records.filter((r) => near(r.lr, 0.01)).map((r) => r.epoch),
    [10, 20, 30],
  );
  assert.equal(
    firstEpoch(records, (r) => r.valAcc === 1),
    24,
  );
});

test('composing: ChainedScheduler multiplies, SequentialLR hands over (chained)', () => {
  const chained = train('chained');
  close(chained[0].lrUsed, 0.01);
  assert.equal(sig(at(chained, 1).lr, 3), 0.0266);
  const peak = chained.reduce((a, b) => (b.lr > a.lr ? b : a));
  assert.equal(peak.epoch, 5);
  assert.equal(sig(peak.lr, 3), 0.0774);
  const sequential = train('chained', {
    schedule:
      'SequentialLR([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)], milestones=[5])',
  });
  close(sequential[0].lrUsed, 0.01);
  assert.equal(sig(at(sequential, 1).lr, 3), 0.028);
  close(at(sequential, 5).lr, 0.1);
  for (const r of chained.slice(4)) close(r.lr / at(sequential, r.epoch).lr, 0.95 ** 5, 1e-12);
  assert.equal(sig(0.95 ** 5, 3), 0.774);
  close(at(sequential, 6).lr, 0.095);
  close(at(sequential, 7).lr, 0.09025);
  // The playground's warm-up setting builds the same chain in front of ExponentialLR.
  const warmup = train('chained', {
    schedule: '',
    scheduler: 'exp',
    warmup: '5',
    start_factor: '0.1',
  });
  assert.deepEqual(
    warmup.map((r) => r.lr),
    sequential.map((r) => r.lr),
  );
});

test('practice, break the run: the rates the hint names explode, stay finite or diverge (lesson, standardized)', () => {
  /** The preset's run at `lr`: the epoch it diverged at (null for none), or -1 for no explosion. */
  const outcome = (id, lr) => {
    const settings = choose(presetSettings(id), 'lr', lr).next;
    const run = new Run(core, settings, csv(settings.dataset));
    const records = run.run(Number(settings.epochs));
    run.dispose();
    const diverged = records.find((r) => r.diverged);
    if (diverged) return diverged.epoch;
    return records.some((r) => r.exploding) ? null : -1;
  };
  const hint = EXERCISES.find((e) => e.id === 'diverge-reset').hint;
  const states = (claim) => assert.ok(hint.includes(claim), claim);
  // Raw features: explodes from 30 to 9e17, diverges from 1e18.
  states('every rate we tried from 30 up to 9e17 explodes and nothing more');
  for (const lr of ['30', '1e5', '1e10', '1e15', '9e17'])
    assert.equal(outcome('lesson', lr), null, lr);
  states('The raw run first diverges at 1e18, at epoch 2');
  assert.equal(outcome('lesson', '1e18'), 2);
  // Standardized: explodes from 2, still finite at 3e11, diverges from 4e11.
  states(
    'it explodes from a rate of 2 (not yet at 1), 3e11 still stays finite, 4e11 diverges at epoch 2 and 1e12 at epoch 1',
  );
  assert.equal(outcome('standardized', '1'), -1);
  assert.equal(outcome('standardized', '2'), null);
  assert.equal(outcome('standardized', '3e11'), null);
  assert.equal(outcome('standardized', '4e11'), 2);
  assert.equal(outcome('standardized', '1e12'), 1);
});
