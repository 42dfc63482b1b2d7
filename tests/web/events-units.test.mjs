// Unit tests (no browser) of how the page reads the core's scheduler events, on runs the wasm core
// trains in node: which epochs are changes, continuous steps or nothing, the stairs' labels, and
// the timetable's cuts (discrete decreases only). The kinds are the core's (the record's `event`,
// cpp/scheduler.hpp), so a per-batch epoch whose cut came before its last step, or a chained
// schedule whose rate falls every epoch, is read right. `npm run wasm` first; then
// `node --test tests/web/events-units.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countEvents, eventKind, stairLabel } from '../../web/src/model/events.js';
import { describeChange } from '../../web/src/views/status.js';
import { PRESETS } from '../../web/src/model/presets.js';
import { useNodeRuns } from './node-core.mjs';

const nodeRun = useNodeRuns('wine');

/** The records of a whole run of `settings` and its timetable. */
function runOf(settings) {
  const run = nodeRun(settings);
  try {
    return { records: run.run(100000), timetable: run.timetable() };
  } finally {
    run.dispose();
  }
}

/** The epochs of a run's discrete changes, with their stair labels. */
const stairs = (records) =>
  records.filter((r) => eventKind(r) === 'change').map((r) => [r.epoch, stairLabel(r)]);

const CHAINED =
  'ChainedScheduler([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)])';

test("the chained try-it's rate is a line: no change, no cut in its timetable, which says it is smooth", () => {
  const { records, timetable } = runOf({ standardize: true, schedule: CHAINED });
  assert.equal(records.length, 100);
  assert.deepEqual(
    records.filter((r) => eventKind(r) !== 'continuous').map((r) => r.epoch),
    [],
    'every epoch is one step along the schedule',
  );
  assert.deepEqual(records[0].actors, ['LinearLR', 'ExponentialLR']);
  assert.deepEqual(records[9].actors, ['ExponentialLR']);
  assert.deepEqual(countEvents(records), { changes: 0, skipped: 0 });
  // The panel's "Next cut" named every next epoch: the timetable counted each lower rate a cut.
  assert.deepEqual(timetable.cuts, []);
  assert.equal(timetable.smooth, true);
});

test("a ChainedScheduler of StepLR and ExponentialLR: StepLR's cuts are its changes and cuts", () => {
  const { records, timetable } = runOf({
    schedule: 'ChainedScheduler([StepLR(step_size=30), ExponentialLR(gamma=0.95)])',
  });
  assert.deepEqual(stairs(records), [
    [30, '\u00d70.095 StepLR and ExponentialLR'],
    [60, '\u00d70.095 StepLR and ExponentialLR'],
    [90, '\u00d70.095 StepLR and ExponentialLR'],
  ]);
  assert.equal(eventKind(records[0]), 'continuous');
  assert.deepEqual(timetable.cuts, [30, 60, 90]);
  assert.equal(timetable.smooth, true);
});

test('StepLR, a warm-up, a hand-over and warm restarts, stepped per epoch: the stairs and the cuts', () => {
  const step = runOf({ scheduler: 'step' });
  assert.deepEqual(stairs(step.records), [
    [30, '\u00f710 step'],
    [60, '\u00f710 step'],
    [90, '\u00f710 step'],
  ]);
  assert.deepEqual(step.timetable.cuts, [30, 60, 90]);
  assert.equal(step.timetable.smooth, false);

  const warmup = runOf({ scheduler: 'cosine', warmup: 5, t_max: 95, start_factor: 0.1 });
  assert.deepEqual(stairs(warmup.records), [[5, '\u00d71.22 warm-up ends']]);
  assert.deepEqual(warmup.timetable.cuts, []);

  const constant = runOf({
    schedule:
      'SequentialLR([ConstantLR(factor=0.5, total_iters=10), StepLR(step_size=30)], milestones=[5])',
  });
  assert.deepEqual(stairs(constant.records), [
    [5, '\u00d72 switch'],
    [35, '\u00f710 step'],
    [65, '\u00f710 step'],
    [95, '\u00f710 step'],
  ]);
  assert.deepEqual(constant.timetable.cuts, [35, 65, 95]);

  const restarts = runOf({ standardize: true, scheduler: 'cosine-restarts', t_0: 10, t_mult: 2 });
  assert.deepEqual(
    stairs(restarts.records).map(([epoch, label]) => [epoch, label.split(' ').at(-1)]),
    [
      [10, 'restart'],
      [30, 'restart'],
      [70, 'restart'],
    ],
  );
  assert.deepEqual(restarts.timetable.cuts, [], 'a restart raises the rate: no cut');
});

// Stepped per batch, an epoch's record is its steps as one change, of its strongest step's kind: a
// restart or the warm-up's end inside an epoch is that epoch's event all the same.
test('stepped per batch, a warm restart or the end of a warm-up inside an epoch is marked', () => {
  // 142 training wines in batches of 16: 9 steps an epoch. T_0 = 20 steps: restarts at steps 20,
  // 40, 60 and 80, in epochs 3, 5, 7 and 9; the others are steps along the cosine.
  const restarts = runOf({
    standardize: true,
    scheduler: 'cosine-restarts',
    t_0: 20,
    batch_size: 16,
    scheduler_step: 'batch',
    epochs: 10,
  });
  assert.deepEqual(
    stairs(restarts.records).map(([epoch, label]) => [epoch, label.split(' ').at(-1)]),
    [
      [3, 'restart'],
      [5, 'restart'],
      [7, 'restart'],
      [9, 'restart'],
    ],
  );
  assert.ok(
    restarts.records.filter((r) => r.epoch % 2 === 0).every((r) => eventKind(r) === 'continuous'),
  );
  assert.deepEqual(restarts.timetable.cuts, []);

  // A 10-step warm-up before StepLR(step_size=30): the hand-over is the 10th step, in epoch 2;
  // StepLR cuts after its 30th and 60th steps, the run's 40th and 70th, in epochs 5 and 8.
  const warm = runOf({
    standardize: true,
    scheduler: 'step',
    warmup: 10,
    batch_size: 16,
    scheduler_step: 'batch',
    epochs: 10,
  });
  assert.equal(eventKind(warm.records[0]), 'continuous');
  assert.deepEqual(
    stairs(warm.records).map(([epoch, label]) => [epoch, label.split(' ').slice(1).join(' ')]),
    [
      [2, 'warm-up ends'],
      [5, 'step'],
      [8, 'step'],
    ],
  );
  assert.deepEqual(warm.timetable.cuts, [5, 8]);
});

test('CyclicLR, PolynomialLR and OneCycleLR move the rate every step: lines, with no cut to wait for', () => {
  for (const settings of [
    { scheduler: 'cyclic', base_lr: 0.01, max_lr: 0.1, step_size_up: 5, epochs: 30 },
    { scheduler: 'poly', total_iters: 50 },
    { scheduler: 'onecycle', batch_size: 32, scheduler_step: 'batch', epochs: 12 },
  ]) {
    const { records, timetable } = runOf(settings);
    const what = JSON.stringify(settings);
    assert.deepEqual(stairs(records), [], what);
    assert.ok(
      records.some((r) => eventKind(r) === 'continuous'),
      what,
    );
    assert.deepEqual(timetable.cuts, [], what);
    assert.equal(timetable.smooth, true, what);
  }
});

// The batches try-it: StepLR(step_size=30) stepped after each of 9 batches an epoch cuts at the
// run's 30th step, inside epoch 4. The epoch's record carries that step's reason, in optimizer
// steps (the core's record took the epoch's last step's, empty, and the sentence stopped at the
// change); the change log and the rate chart's tooltip show the same reason.
test("the batches try-it's cut epoch explains itself, in optimizer steps", () => {
  const { records } = runOf({ ...PRESETS.batches.settings, epochs: 10 });
  assert.deepEqual(stairs(records), [
    [4, '\u00f710 step'],
    [7, '\u00f710 step'],
    [10, '\u00f710 step'],
  ]);
  assert.equal(
    describeChange(records[3]),
    'StepLR cut the rate at epoch 4 (0.1 \u2192 0.01): it multiplies the rate by gamma = 0.1 every 30 optimizer steps (step 30).',
  );
  assert.equal(
    records[6].reason,
    'StepLR multiplies the rate by gamma = 0.1 every 30 optimizer steps (step 60)',
  );
  // Stepped once an epoch, the same StepLR keeps its words in epochs.
  const { records: perEpoch } = runOf({ ...PRESETS.batches.settings, scheduler_step: 'epoch' });
  assert.equal(
    describeChange(perEpoch[29]),
    'StepLR cut the rate at epoch 30 (0.1 \u2192 0.01): it multiplies the rate by gamma = 0.1 every 30 epochs.',
  );
});

// StepLR(step_size=10) stepped after each of 48 batches of 3 cuts 4 times in epoch 1: the record's
// reason, which the status line and the rate chart's tooltip show, says every cut's step (the
// core's record said the first's alone, "(step 10)", for a rate 10,000 times lower).
test('a per-batch epoch with several cuts says every one of them', () => {
  const { records } = runOf({
    scheduler: 'step',
    step_size: 10,
    batch_size: 3,
    scheduler_step: 'batch',
    epochs: 2,
  });
  assert.equal(
    describeChange(records[0]),
    'StepLR cut the rate at epoch 1 (0.1 \u2192 1e-5): it multiplies the rate by gamma = 0.1 every 10 optimizer steps (4 times in this epoch: steps 10, 20, 30, 40).',
  );
  assert.equal(
    records[1].reason,
    'StepLR multiplies the rate by gamma = 0.1 every 10 optimizer steps (5 times in this epoch: steps 50, 60, 70, 80, 90)',
  );
  // The stair's label counts them (the core's count): "÷10000 step" read as one cut.
  assert.deepEqual(
    records.map((r) => r.discreteEvents),
    [4, 5],
  );
  assert.deepEqual(stairs(records), [
    [1, '\u00f710000 step (4 cuts)'],
    [2, '\u00f7100000 step (5 cuts)'],
  ]);

  // A warm-up's end and two cuts in one epoch (9 steps of 16 wines: steps 10 to 18) are changes.
  const warm = runOf({
    standardize: true,
    scheduler: 'step',
    step_size: 3,
    warmup: 10,
    batch_size: 16,
    scheduler_step: 'batch',
    epochs: 2,
  });
  assert.deepEqual(
    stairs(warm.records).map(([epoch, label]) => [epoch, label.split(' ').slice(1).join(' ')]),
    [[2, 'warm-up ends (3 changes)']],
  );
});

// Behind the warm-up, StepLR counts its epochs from the milestone again (PyTorch's step(0)): its
// cut at the run's epoch 10 is its 7th epoch. The status line says the run's epoch once, then
// StepLR's own count and where it began (the core's old reason said "(epoch 7)" alone, which the
// line dropped, leaving "every 7 epochs" at epoch 10 unexplained).
test("a cut behind the warm-up says its own count beside the run's epoch", () => {
  const { records } = runOf({ scheduler: 'step', step_size: 7, warmup: 3, epochs: 12 });
  assert.deepEqual(stairs(records), [
    [3, '\u00d71.29 warm-up ends'],
    [10, '\u00f710 step'],
  ]);
  assert.equal(
    describeChange(records[9]),
    'StepLR cut the rate at epoch 10 (0.1 \u2192 0.01): it multiplies the rate by gamma = 0.1 every 7 epochs (its epoch 7 since it took over at epoch 3).',
  );
});

// The status line says a change's reason as the core says it after the change's epoch (the
// record's reasonAfterEpoch, cpp/scheduler.cpp), not the reason re-parsed with regexes: those
// removed a " (epoch 5)" only at the reason's end, so a ChainedScheduler's StepLR, said first,
// kept its epoch ("... every 5 epochs (epoch 5); ExponentialLR ..."), which the sentence says.
test("the status line says the core's reason after the epoch, the run's epoch left out", () => {
  const { records } = runOf({
    standardize: true,
    schedule: 'ChainedScheduler([StepLR(step_size=5), ExponentialLR(gamma=0.95)])',
    epochs: 6,
  });
  assert.equal(
    describeChange(records[4]),
    'StepLR and ExponentialLR cut the rate at epoch 5 (0.08145 \u2192 0.007738): StepLR multiplies the rate by gamma = 0.1 every 5 epochs; ExponentialLR multiplies the rate by gamma = 0.95 every epoch.',
  );
  assert.equal(records[4].reason.includes('(epoch 5)'), true, records[4].reason);
  // ExponentialLR's epochs alone: "it", the core's words.
  assert.equal(records[5].reasonAfterEpoch, 'it multiplies the rate by gamma = 0.95 every epoch');
  assert.match(
    describeChange(records[5]),
    /^ExponentialLR lowered the rate at epoch 6 .*: it multiplies the rate by gamma = 0\.95 every epoch\.$/,
  );

  // Behind a warm-up, CosineAnnealingLR keeps its own count with its length.
  const cosine = runOf({
    standardize: true,
    scheduler: 'cosine',
    t_max: 10,
    warmup: 3,
    epochs: 10,
  });
  assert.equal(
    cosine.records[9].reasonAfterEpoch,
    'it follows half a cosine from 0.1 to eta_min = 0 over T_max = 10 epochs (its epoch 7 of 10 since it took over at epoch 3)',
  );
  // Without a change, no such text: the sentence is not one of a change.
  const plateau = runOf({ epochs: 3 });
  assert.deepEqual(
    plateau.records.map((r) => r.reasonAfterEpoch),
    ['', '', ''],
  );
});
