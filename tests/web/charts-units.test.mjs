// Unit tests (no browser) of how the page reads scheduler events and names runs: who acted, which
// changes are discrete, the stair labels, the compare legend's names and default runs, and exponents.
// `node --test tests/web/charts-units.test.mjs`.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actor,
  countEvents,
  eventKind,
  factorText,
  stairLabel,
} from '../../web/src/model/events.js';
import { describeChange } from '../../web/src/views/status.js';
import { chanceLoss, formatNumber, tidyExponents } from '../../web/src/model/format.js';
import {
  configOf,
  defaultConfigs,
  describe,
  compareHash,
  nextConfig,
  parseCompareHash,
  runSettings,
  schedulerConfig,
} from '../../web/src/model/compare-runs.js';
import { defaults } from '../../web/src/model/settings.js';
import { installCoreSchema } from './schema.mjs';

// Records as the core gives them: the event's kind and actors (cpp/scheduler.hpp), the reasons as
// cpp/sched_*.cpp write them, and as said after their epoch (reason_after_epoch, cpp/scheduler.cpp).
const warmupStep = {
  epoch: 1,
  lrUsed: 0.1 / 3,
  lr: 0.0466667,
  lrChanged: true,
  event: 'continuous',
  actors: ['LinearLR'],
  reason: 'LinearLR warms up linearly, to factor 0.467 of the base rate for epoch 2 of 5',
  reasonAfterEpoch: 'it warms up linearly, to factor 0.467 of the base rate for epoch 2 of 5',
};
const milestone = {
  epoch: 5,
  lrUsed: 0.0866667,
  lr: 0.1,
  lrChanged: true,
  event: 'warmUpEnd',
  actors: ['StepLR'],
  reason:
    "StepLR takes over from LinearLR at SequentialLR's milestone 5, starting again from its epoch 0 (rate 0.1)",
  reasonAfterEpoch:
    "it takes over from LinearLR at SequentialLR's milestone 5, starting again from its epoch 0 (rate 0.1)",
};
const stepCut = {
  epoch: 30,
  lrUsed: 0.1,
  lr: 0.010000000000000002,
  lrChanged: true,
  event: 'discrete',
  actors: ['StepLR'],
  reason: 'StepLR multiplies the rate by gamma = 0.1 every 30 epochs (epoch 30)',
  reasonAfterEpoch: 'it multiplies the rate by gamma = 0.1 every 30 epochs',
};
const plateauCut = {
  epoch: 27,
  lrUsed: 0.1,
  lr: 0.01,
  lrChanged: true,
  event: 'discrete',
  actors: ['ReduceLROnPlateau'],
  reason: 'no improvement for 11 epochs (patience 10): rate multiplied by factor = 0.1',
  reasonAfterEpoch: 'no improvement for 11 epochs (patience 10): rate multiplied by factor = 0.1',
};
const plateauSkip = {
  epoch: 38,
  lrUsed: 1e-8,
  lr: 1e-8,
  lrChanged: false,
  event: 'skippedCut',
  actors: ['ReduceLROnPlateau'],
  reason:
    'no improvement for 11 epochs (patience 10), but the cut would change the rate by less than eps = 1e-08 (or min_lr is reached), so it stays',
};
const expStep = {
  epoch: 3,
  lrUsed: 0.09025,
  lr: 0.0857375,
  lrChanged: true,
  event: 'continuous',
  actors: ['ExponentialLR'],
  reason: 'ExponentialLR multiplies the rate by gamma = 0.95 every epoch',
  reasonAfterEpoch: 'it multiplies the rate by gamma = 0.95 every epoch',
};
const restart = {
  epoch: 10,
  lrUsed: 0.0024471741852423234,
  lr: 0.1,
  lrChanged: true,
  event: 'restart',
  actors: ['CosineAnnealingWarmRestarts'],
  reason:
    'CosineAnnealingWarmRestarts restarts at the base rate 0.1; the next cosine lasts T_i = 10 steps (epoch 10)',
  reasonAfterEpoch: 'it restarts at the base rate 0.1; the next cosine lasts T_i = 10 steps',
};

// The page's settings come from the core's table (installed as main.js does once the worker is ready).
before(installCoreSchema);

test('the status line names the scheduler that acted, not the one chosen in the settings', () => {
  assert.equal(actor(warmupStep), 'LinearLR');
  assert.equal(actor(milestone), 'StepLR');
  assert.equal(actor(plateauCut), 'ReduceLROnPlateau');
  const sentence = describeChange(warmupStep);
  assert.match(
    sentence,
    /^LinearLR raised the rate at epoch 1 \(0\.03333 \u2192 0\.04667\): it warms up/,
  );
  assert.doesNotMatch(sentence, /StepLR/);
  assert.match(
    describeChange(milestone),
    /^StepLR raised the rate at epoch 5 .*: it takes over from LinearLR/,
  );
  assert.match(describeChange(stepCut), /^StepLR cut the rate at epoch 30 .*: it multiplies/);
  assert.match(describeChange(plateauSkip), /skipped a cut at epoch 38 \(not a change\)/);
});

test("the core's event kinds: discrete ones are changes, continuous steps lines, skipped cuts apart", () => {
  assert.equal(eventKind(stepCut), 'change');
  assert.equal(eventKind(plateauCut), 'change');
  assert.equal(eventKind(milestone), 'change');
  assert.equal(eventKind(expStep), 'continuous');
  assert.equal(eventKind(warmupStep), 'continuous');
  assert.equal(eventKind(plateauSkip), 'skip');
  assert.equal(eventKind(restart), 'change');
  assert.equal(stairLabel(restart), '\u00d740.9 restart');
  // ExponentialLR(gamma=1) keeps the rate but still gives its reason: the core says nothing happened.
  assert.equal(eventKind({ ...expStep, lr: 0.09025, lrChanged: false, event: 'none' }), null);
  assert.equal(eventKind({ epoch: 4, diverged: true }), null);
  const exp100 = Array.from({ length: 100 }, (_, i) => ({ ...expStep, epoch: i + 1 }));
  assert.deepEqual(countEvents(exp100), { changes: 0, skipped: 0 });
  assert.deepEqual(countEvents([plateauCut, plateauSkip, plateauSkip]), {
    changes: 1,
    skipped: 2,
  });
});

// A ChainedScheduler's step (cpp/sched_compose.cpp): the strongest kind among the schedulers that
// moved the rate, and each of them; the reason joins theirs with "; ".
const chainedStep = (event, actors, reasons) => ({
  epoch: 2,
  lrUsed: 0.0266,
  lr: 0.0325,
  lrChanged: true,
  event,
  actors,
  reason: reasons.join('; '),
});
const EXP = 'ExponentialLR multiplies the rate by gamma = 0.95 every epoch';

test("a ChainedScheduler's ramp is a line; a cut, a hand-over or a restart among its steps is marked", () => {
  // ChainedScheduler([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)]): each
  // of epochs 1-5 got a marker, a stair label '×1.22 LinearLR and ExponentialLR' and a dashed line.
  const ramp = chainedStep('continuous', ['LinearLR', 'ExponentialLR'], [warmupStep.reason, EXP]);
  assert.equal(eventKind(ramp), 'continuous');
  assert.equal(actor(ramp), 'LinearLR and ExponentialLR');
  const cut = chainedStep('discrete', ['StepLR', 'ExponentialLR'], [stepCut.reason, EXP]);
  assert.equal(eventKind(cut), 'change');
  assert.equal(stairLabel(cut), '\u00d71.22 StepLR and ExponentialLR');
  const handOver = chainedStep(
    'handOver',
    ['ExponentialLR', 'CosineAnnealingLR'],
    [
      EXP,
      "CosineAnnealingLR takes over from ExponentialLR at SequentialLR's milestone 5, starting again from its epoch 0 (rate 0.1)",
    ],
  );
  assert.equal(eventKind(handOver), 'change');
  assert.equal(stairLabel(handOver), '\u00d71.22 switch');
  const restarted = chainedStep(
    'restart',
    ['ExponentialLR', 'CosineAnnealingWarmRestarts'],
    [EXP, restart.reason],
  );
  assert.equal(eventKind(restarted), 'change');
  assert.deepEqual(countEvents([ramp, ramp, cut]), { changes: 1, skipped: 0 });
});

test('stair labels say the factor and who cut', () => {
  assert.equal(stairLabel(plateauCut), '\u00f710 plateau');
  assert.equal(stairLabel(stepCut), '\u00f710 step');
  assert.equal(stairLabel(milestone), '\u00d71.15 warm-up ends');
  assert.equal(factorText(0.1, 0.05), '\u00f72');
  assert.equal(factorText(0.1, 0.07), '\u00d70.7');
  assert.equal(factorText(0.1, 0.1 * 0.1 ** 3), '\u00f71000');
});

test('a legend names the scheduler with its own arguments only, numbers in shortest form', () => {
  const cosine = configOf({ ...defaults(), scheduler: 'cosine' });
  assert.equal(describe(cosine), 'CosineAnnealingLR(T_max=100, eta_min=0)');
  const warm = configOf({ ...defaults(), scheduler: 'cosine', warmup: '5' });
  assert.equal(
    describe(warm),
    'CosineAnnealingLR(T_max=100, eta_min=0) after a 5-epoch warm-up from 0.3333\u00d7lr',
  );
  assert.equal(
    describe(schedulerConfig('linear')),
    'LinearLR(start_factor=0.3333, end_factor=1, total_iters=5)',
  );
  assert.equal(describe(schedulerConfig('step')), 'StepLR(step_size=30, gamma=0.1)');
  assert.equal(
    describe(schedulerConfig('plateau', { sched_eps: '1e+3' })),
    'ReduceLROnPlateau(factor=0.1, patience=10, eps=1000)',
  );
});

test("compare mode starts from the learner's run as A, with contrasting B and C", () => {
  const mine = configOf({ ...defaults(), scheduler: 'step', step_size: '20' });
  const configs = defaultConfigs(mine);
  assert.deepEqual(
    configs.map((c) => describe(c)),
    [
      'StepLR(step_size=20, gamma=0.1)',
      'LinearLR(start_factor=0.3333, end_factor=1, total_iters=5)',
      'ExponentialLR(gamma=0.5)',
    ],
  );
  const lesson = defaultConfigs(configOf(defaults())).map((c) => c.scheduler);
  assert.deepEqual(lesson, ['plateau', 'linear', 'exp']);
  assert.equal(nextConfig(configs.slice(0, 2)).scheduler, 'exp');
  assert.deepEqual(
    parseCompareHash('#compare=1', mine).configs.map((c) => c.scheduler),
    ['step', 'linear', 'exp'],
  );
});

test('a PyTorch line is not shared with the compared runs: each keeps its own scheduler', () => {
  const shared = { ...defaults(), schedule: 'ChainedScheduler([StepLR(10), ExponentialLR(0.9)])' };
  const [, linear] = defaultConfigs(configOf(shared));
  const settings = runSettings(shared, linear);
  assert.equal(settings.scheduler, 'linear');
  assert.equal(settings.schedule, undefined);
  assert.equal(settings.lr, shared.lr);
});

test('exponents from the core read 1e18, not 1e+18', () => {
  assert.equal(
    tidyExponents('rate 1e+18 and 2.5e+36, 1e-08 kept'),
    'rate 1e18 and 2.5e36, 1e-08 kept',
  );
});

test('numbers shown in panels drop the exponent sign too', () => {
  assert.equal(formatNumber(2.77762212e36, 5), '2.7776e36');
  assert.equal(formatNumber(1.0771963, 6), '1.0772');
  assert.equal(formatNumber(1e-8, 6), '1e-8');
});

test("the loss chart's chance line is ln(classes), named for the data's class count", () => {
  assert.deepEqual(chanceLoss(3), {
    value: Math.log(3),
    label: 'ln 3 \u2248 1.099: a one-in-three guess',
    short: 'ln 3 \u2248 1.099',
  });
  assert.equal(chanceLoss(2).label, 'ln 2 \u2248 0.693: a one-in-two guess');
  assert.equal(chanceLoss(10).label, 'ln 10 \u2248 2.303: a one-in-ten guess');
  assert.equal(chanceLoss(42).label, 'ln 42 \u2248 3.738: a one-in-42 guess');
});

test('a compare link keeps each run under its own letter: runA and runC after B was removed', () => {
  const a = schedulerConfig('plateau', {});
  const c = schedulerConfig('exp', { gamma: '0.5' });
  const hash = compareHash([a, c], [0, 2]);
  assert.equal(
    decodeURIComponent(hash),
    'compare=1&runA=scheduler:plateau&runC=scheduler:exp,gamma:0.5',
  );
  const back = parseCompareHash(`#${hash}`);
  assert.deepEqual(back.ignored, []);
  assert.deepEqual(back.slots, [0, 2]);
  assert.deepEqual(back.configs, [a, c]);
  // One run is not a comparison: named, and the default three are used.
  const one = parseCompareHash('#compare=1&runB=scheduler:step');
  assert.equal(one.configs.length, 3);
  assert.deepEqual(one.slots, [0, 1, 2]);
  assert.match(one.ignored[0].why, /at least 2 of runA, runB, runC are needed/);
});
