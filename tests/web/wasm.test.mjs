// The wasm core, loaded as the page loads it (web/src/engine/lrplay.js, the same web/worker build),
// checked against PyTorch's reference traces and for readable errors and leaks.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { loadCore, Run, normalizeSettings, schedulePreview } from '../../web/src/engine/lrplay.js';
import { LESSON_TABLE, ROOT, goldenFiles, readGolden, settingsFromFlags } from './golden.mjs';

let core;
let wine;

before(async () => {
  const wasmBinary = await readFile(join(ROOT, 'web/src/wasm/lrplay.wasm'));
  core = await loadCore({ wasmBinary });
  wine = await readFile(join(ROOT, 'data/wine.csv'), 'utf8');
});

// The project's tolerances: lr to 1e-12 relative, val_acc exactly, losses to 1e-4 relative
// (1e-6 absolute below 1e-2).
function assertClose(actual, expected, rel, absBelow, abs, what) {
  const ok =
    Math.abs(expected) < absBelow
      ? Math.abs(actual - expected) <= abs
      : actual === expected || Math.abs(actual - expected) <= rel * Math.abs(expected);
  assert.ok(ok, `${what}: ${actual} vs ${expected}`);
}

// Files in tests/golden/ill-conditioned/ are runs PyTorch misses itself under a one-ulp nudge of its
// inputs (tests/golden/README.md): only their lr, row count and divergence are compared.
function checkTrace(run, golden, name, illConditioned = false) {
  const records = run.run(golden.rows.length + 1);
  const finite = records.filter((r) => !r.diverged);
  assert.equal(finite.length, golden.rows.length, `${name}: epochs`);
  assert.equal(
    records.some((r) => r.diverged),
    golden.exitCode === 3,
    `${name}: divergence`,
  );
  finite.forEach((r, i) => {
    const [epoch, trainLoss, valLoss, valAcc, lr] = golden.rows[i];
    const where = `${name} epoch ${epoch}`;
    assert.equal(r.epoch, epoch);
    assertClose(r.lr, lr, 1e-12, 0, 0, `${where} lr`);
    if (illConditioned) return;
    assertClose(r.trainLoss, trainLoss, 1e-4, 1e-2, 1e-6, `${where} train_loss`);
    assertClose(r.valLoss, valLoss, 1e-4, 1e-2, 1e-6, `${where} val_loss`);
    assert.equal(Math.fround(r.valAcc), Math.fround(valAcc), `${where} val_acc`);
  });
}

test('the default settings reproduce the lesson (tests/golden/train_lesson_seed5.csv)', () => {
  const run = new Run(core, {}, wine);
  checkTrace(run, readGolden(join(ROOT, 'tests/golden/train_lesson_seed5.csv')), 'lesson');
  // Each record carries the scheduler's state after its epoch, as schedulerState() reports it.
  const last = run.history().epoch.length;
  assert.equal(last, 100);
  run.reset();
  const first = run.step();
  assert.deepEqual(first.schedulerState, run.schedulerState());
  assert.equal(first.schedulerState.lastEpoch, 1);
  assert.equal(first.schedulerState.best, first.valLoss);
  run.reset();
  run.run(100);
  const printed = [];
  for (let epoch = 10; epoch <= 100; epoch += 10) printed.push(run.lessonLine(epoch));
  assert.deepEqual(printed, LESSON_TABLE);
  run.dispose();
});

test('every PyTorch training trace in tests/golden is reproduced in wasm', () => {
  const trains = goldenFiles()
    .map((f) => [f, readGolden(f)])
    .filter(([, g]) => g.command[0] === 'train');
  assert.ok(trains.length >= 6, 'the shared training traces are present');
  for (const [file, golden] of trains) {
    const settings = settingsFromFlags(golden.command.slice(1));
    // --dataset names the file in data/ the CLI reads; the page passes the data's text.
    const data = readFileSync(join(ROOT, `data/${settings.dataset ?? 'wine'}.csv`), 'utf8');
    const run = new Run(core, settings, data);
    checkTrace(run, golden, file.slice(ROOT.length), file.includes('/ill-conditioned/'));
    run.dispose();
  }
});

test('schedulePreview reproduces the StepLR and ExponentialLR references', () => {
  for (const name of ['schedule_step.csv', 'schedule_exp.csv']) {
    const golden = readGolden(join(ROOT, 'tests/golden', name));
    const settings = settingsFromFlags(golden.command.slice(1));
    const steps = Number(settings.steps);
    delete settings.steps;
    const lrs = schedulePreview(core, settings, new Array(steps).fill(0));
    assert.equal(lrs.length, golden.rows.length);
    golden.rows.forEach(([step, lr]) =>
      assertClose(lrs[step - 1], lr, 1e-12, 0, 0, `${name} step ${step}`),
    );
  }
});

test('bad settings throw Errors that name the setting, and the module stays usable', () => {
  const cases = [
    [{ factor: 1 }, /factor .*\[0, 1\)/],
    [{ lr: 'abc' }, /lr .*finite number/],
    [{ lr: -0.1 }, /lr .*greater than 0/],
    [{ patience: -1 }, /patience .*whole number from 0/],
    [{ epochs: 0 }, /epochs .*from 1 to 10000/],
    [{ scheduler: 'cyclic' }, /scheduler .*plateau/],
    [{ step_size: 2.5 }, /step_size .*whole number/],
    [{ gamma: 0, scheduler: 'step' }, /gamma .*greater than 0/],
    [{ nonsense: 1 }, /unknown setting "nonsense"/],
    [{ lr: {} }, /lr must be a number/],
  ];
  for (const [settings, message] of cases) {
    assert.throws(
      () => new Run(core, settings, wine),
      (e) => e instanceof Error && message.test(e.message),
      JSON.stringify(settings),
    );
    assert.throws(() => normalizeSettings(core, settings), message);
  }
  assert.throws(() => new Run(core, {}, 'a,b\n1,x\n'), /line 2, column 2/);
  assert.throws(() => new Run(core, {}, ''), /empty/);
  const run = new Run(core, {}, wine);
  assert.equal(run.step().epoch, 1);
  run.dispose();
});

test('a diverging run says where, keeps NaN out of the history, and reset recovers', () => {
  const run = new Run(core, { lr: 1e38 }, wine);
  const record = run.step();
  assert.equal(record.diverged, true);
  assert.match(record.message, /diverged at epoch 1/);
  assert.equal(run.divergedAt, 1);
  assert.throws(() => run.step(), /diverged at epoch 1/);
  assert.equal(run.history().trainLoss.length, 0);
  run.reset();
  assert.equal(run.divergedAt, 0);
  assert.equal(run.step().diverged, true, 'after reset the same run is replayed, not refused');
  run.dispose();
  // Large but finite rates train on: the loss explodes and is flagged, and stays finite.
  const exploding = new Run(core, { lr: 1e3 }, wine);
  const records = exploding.run(100);
  assert.ok(records.every((r) => !r.diverged && Number.isFinite(r.trainLoss)));
  assert.ok(
    records.some((r) => r.exploding),
    'lr = 1e3 makes the loss explode',
  );
  exploding.dispose();
});

test('a finished run refuses another step with a clear message', () => {
  const run = new Run(core, { epochs: 3 }, wine);
  assert.equal(run.run(10).length, 3);
  assert.throws(() => run.step(), /finished \(3 epochs\)/);
  run.dispose();
});

test('10,000 step/reset cycles leave the wasm heap unchanged', () => {
  const run = new Run(core, {}, wine);
  const cycle = () => {
    run.step();
    run.history();
    run.schedulerState();
    run.reset();
  };
  // Warm-up: first calls allocate once (Embind's tables) and the allocator settles its free lists.
  for (let i = 0; i < 100; i++) cycle();
  const inUse = core.heapInUse();
  const heapSize = core.HEAP8.length;
  for (let i = 0; i < 10000; i++) cycle();
  assert.equal(core.heapInUse(), inUse, 'bytes malloc has handed out');
  assert.equal(core.HEAP8.length, heapSize);
  run.dispose();
});
