// The wasm core, loaded as the page loads it (web/src/engine/lrplay.js, the same web/worker build),
// checked against PyTorch's reference traces and for readable errors and leaks.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  datasetInfo,
  loadCore,
  Run,
  normalizeSettings,
  schedulePreview,
  settingsSchema,
  limits,
} from '../../web/src/engine/lrplay.js';
import { formatCount } from '../../web/src/model/format.js';
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
  // The accuracy chart's baseline: class 1 is the most common in training, and 14 of the 36
  // validation wines are class 1.
  assert.deepEqual(
    [run.trainSize, run.valSize, run.majorityClass, run.majorityCorrect],
    [142, 36, 1, 14],
  );
  checkTrace(run, readGolden(join(ROOT, 'tests/golden/train_lesson_seed5.csv')), 'lesson');
  // The lesson's collapsed run ends at that baseline: it names class 1 for every wine.
  const { valAcc } = run.history();
  assert.equal(Math.round(valAcc[valAcc.length - 1] * 36), 14);
  // Each record carries the scheduler's state after its epoch, as schedulerState() reports it.
  const last = run.history().epoch.length;
  assert.equal(last, 100);
  run.reset();
  const first = run.step();
  assert.deepEqual(first.schedulerState, run.schedulerState());
  assert.equal(first.schedulerState.lastEpoch, 1);
  assert.equal(first.schedulerState.best, first.valLoss);
  run.reset();
  const records = run.run(100);
  // The records carry the lesson's printed lines on the epochs it prints, and null on the others.
  assert.deepEqual(
    records.filter((r) => r.lessonLine !== null).map((r) => r.lessonLine),
    LESSON_TABLE,
  );
  run.dispose();
});

// PyTorch's rule from the record's own state, with the lesson's settings (patience 10, no cooldown,
// rel threshold 1e-4, mode min): patience + 1 bad epochs in a row cut the rate, unless the run
// ends first (cutEpoch 0).
function expectedOutlook({ lastEpoch, best, numBadEpochs, patience }, epochs) {
  const cut = lastEpoch + patience + 1 - numBadEpochs;
  return { cutEpoch: cut <= epochs ? cut : 0, threshold: best * (1 - 1e-4) };
}

test("each record of a ReduceLROnPlateau run carries the core's outlook after its epoch", () => {
  const run = new Run(core, { epochs: 40 }, wine);
  const cuts = new Set();
  for (let epoch = 1; epoch <= 40; epoch++) {
    const r = run.step();
    assert.equal(r.schedulerState.cooldownCounter, 0);
    assert.deepEqual(r.plateauOutlook, expectedOutlook(r.schedulerState, 40), `epoch ${epoch}`);
    cuts.add(r.plateauOutlook.cutEpoch);
  }
  assert.ok(cuts.size > 1, 'the outlook moves during the run');
  run.dispose();
  const step = new Run(core, { scheduler: 'step' }, wine);
  assert.ok(!('plateauOutlook' in step.step()), 'no outlook for the other schedulers');
  step.dispose();
});

// The worker asks for many epochs in one call (Run.runBatch, engine/record-batch.js); the records
// must not depend on where a batch starts: the actor, sent once a batch and where it changes, the
// step values and the texts each on their own epoch.
test("a run's records are the same in batches of any size, each with the scheduler's state after its epoch", () => {
  for (const settings of [
    { epochs: 40, patience: 3, cooldown: 2 },
    { scheduler: 'step', warmup: 4, step_size: 3, epochs: 30 },
    { scheduler: 'onecycle', batch_size: 32, scheduler_step: 'batch', epochs: 12 },
    { lr: 1e38 },
  ]) {
    const what = JSON.stringify(settings);
    const run = new Run(core, settings, wine);
    const single = [];
    while (!run.finished && !run.divergedAt) {
      const r = run.step();
      if (!r.diverged) assert.deepEqual(r.schedulerState, run.schedulerState(), what);
      single.push(r);
    }
    for (const size of [7, 1000]) {
      run.reset();
      const batched = [];
      for (let more = run.run(size); more.length; more = run.run(size)) batched.push(...more);
      assert.deepEqual(batched, single, `${what} in batches of ${size}`);
    }
    run.dispose();
  }
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
  // [settings, message, the Error's setting]: the key the page marks, without reading the words;
  // none for a key that is no setting.
  const cases = [
    [{ factor: 1 }, /factor .*\[0, 1\)/, 'factor'],
    [{ lr: 'abc' }, /lr .*finite number/, 'lr'],
    [{ lr: -0.1 }, /lr .*greater than 0/, 'lr'],
    [{ patience: -1 }, /patience .*whole number from 0/, 'patience'],
    [{ epochs: 0 }, /epochs .*from 1 to 10,000/, 'epochs'],
    [{ scheduler: 'cyclical' }, /scheduler .*plateau/, 'scheduler'],
    [{ step_size: 2.5 }, /step_size .*whole number/, 'step_size'],
    [{ gamma: 0, scheduler: 'step' }, /gamma .*greater than 0/, 'gamma'],
    [{ nonsense: 1 }, /unknown setting "nonsense"/, undefined],
    [{ lr: {} }, /lr must be a number/, 'lr'],
    [
      { scheduler: 'multistep', milestones: '50,20' },
      /milestones must be increasing/,
      'milestones',
    ],
    [{ schedule: 'StepLR(step_size=0)' }, /schedule: column 1: StepLR: step_size/, 'schedule'],
  ];
  for (const [settings, message, setting] of cases) {
    assert.throws(
      () => new Run(core, settings, wine),
      (e) => e instanceof Error && message.test(e.message) && e.setting === setting,
      JSON.stringify(settings),
    );
    assert.throws(
      () => normalizeSettings(core, settings),
      (e) => message.test(e.message) && e.setting === setting,
    );
  }
  assert.throws(() => new Run(core, {}, 'a,b,c\n1,x,0\n'), /line 2, column 2: "x" is not a/);
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
  run.reset();
  const untilDivergence = run.run(10);
  assert.deepEqual(
    untilDivergence.map((r) => r.diverged),
    [true],
    'run() stops at the diverging epoch',
  );
  assert.deepEqual(run.run(10), [], 'and trains nothing more');
  run.dispose();
  // Large but finite rates train on: the loss explodes and is flagged, and stays finite.
  const exploding = new Run(core, { lr: 1e3 }, wine);
  const records = exploding.run(100);
  assert.ok(records.every((r) => !r.diverged && Number.isFinite(r.trainLoss)));
  assert.ok(
    records.some((r) => r.exploding),
    'lr = 1e3 makes the loss explode',
  );
  // The flag is the core's (kExplodingFactor, cpp/trainer.hpp), with its factor for the page's words.
  const factor = exploding.recordFrame.layout.explodingFactor;
  assert.equal(factor, 100);
  for (const r of records) {
    assert.equal(r.exploding, r.trainLoss > factor * records[0].trainLoss, `epoch ${r.epoch}`);
    assert.equal(r.explodingFactor, r.exploding ? factor : undefined, `epoch ${r.epoch}`);
  }
  exploding.dispose();
});

test('a finished run refuses another step with a clear message', () => {
  const run = new Run(core, { epochs: 3 }, wine);
  assert.equal(run.run(10).length, 3);
  assert.throws(() => run.step(), /finished \(3 epochs\)/);
  assert.deepEqual(run.run(10), [], 'run() on a finished run trains nothing');
  run.reset();
  assert.deepEqual(
    [...run.run(2), ...run.run(2)].map((r) => r.epoch),
    [1, 2, 3],
    'run() stops at the last epoch',
  );
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
  // Even then the count moves by a few bytes from cycle to cycle with no leak (dlmalloc hands out
  // a whole free chunk when the rest is too small to split, so the same request can count 8 bytes
  // more or less); measured between 40152 and 40176 over 10,000 cycles. So the bound is the highest
  // count of the last warm-up cycles: a leak of one allocation per cycle would add 160 KB or more.
  for (let i = 0; i < 50; i++) cycle();
  let inUse = 0;
  for (let i = 0; i < 50; i++) {
    cycle();
    inUse = Math.max(inUse, core.heapInUse());
  }
  const heapSize = core.HEAP8.length;
  for (let i = 0; i < 10000; i++) cycle();
  assert.ok(
    core.heapInUse() <= inUse,
    `bytes malloc has handed out: ${core.heapInUse()} > ${inUse}`,
  );
  assert.equal(core.HEAP8.length, heapSize);
  run.dispose();
});

test('refused Trainers leave the wasm heap unchanged (the data set is not leaked)', () => {
  const refuse = () => assert.throws(() => new core.Trainer({ lr: '-1' }, wine, 'wine.csv'), /lr/);
  for (let i = 0; i < 10; i++) refuse();
  let inUse = 0;
  for (let i = 0; i < 10; i++) {
    refuse();
    inUse = Math.max(inUse, core.heapInUse());
  }
  for (let i = 0; i < 100; i++) refuse(); // a leaked copy of the wine CSV is 11 KB each
  assert.ok(
    core.heapInUse() <= inUse,
    `bytes malloc has handed out: ${core.heapInUse()} > ${inUse}`,
  );
});

test('settingsSchema lists every setting normalizeSettings returns, with defaults it accepts', () => {
  const schema = settingsSchema(core);
  const defaults = normalizeSettings(core, {});
  assert.deepEqual(
    schema.map((s) => s.key),
    Object.keys(defaults),
  );
  for (const s of schema) {
    assert.equal(s.default, defaults[s.key], `${s.key}: the default`);
    assert.equal(s.flag, `--${s.key.replaceAll('_', '-')}`);
    assert.ok(
      ['int', 'double', 'bool', 'choice', 'int list', 'double list', 'text'].includes(s.kind),
    );
    // Every choice is accepted; a value outside the choices or the whole-number range is not.
    // (A choice offered only under some scheduler or optimizer is tried under the first that has it.)
    for (const choice of s.choices) {
      const under = Object.entries(s.choicesBy).flatMap(([selector, by]) =>
        Object.entries(by)
          .filter(([, choices]) => choices.includes(choice))
          .map(([value]) => ({ [selector]: value })),
      );
      // ReduceLROnPlateau, the default scheduler, steps once per epoch only.
      const context = s.key === 'scheduler_step' ? { scheduler: 'step' } : {};
      normalizeSettings(core, { ...context, ...under[0], [s.key]: choice, warmup: 0 });
    }
    if (s.kind === 'choice') {
      assert.throws(
        () => normalizeSettings(core, { [s.key]: 'no-such-choice' }),
        new RegExp(s.key),
      );
    }
    if (s.kind === 'int') {
      assert.throws(() => normalizeSettings(core, { [s.key]: s.max + 1 }), new RegExp(s.key));
      assert.throws(() => normalizeSettings(core, { [s.key]: s.min - 1 }), new RegExp(s.key));
    }
  }
  // Each per-scheduler (per-optimizer) default is what choosing that scheduler gives.
  for (const s of schema)
    for (const [selector, by] of Object.entries(s.defaultsBy))
      for (const [choice, value] of Object.entries(by))
        assert.equal(
          normalizeSettings(core, { [selector]: choice })[s.key],
          value,
          `${s.key} under ${selector} ${choice}`,
        );
  assert.equal(schema.find((s) => s.key === 'gamma').defaultsBy.scheduler?.exp, '0.95');
  const lr = schema.find((s) => s.key === 'lr');
  assert.deepEqual([lr.min, lr.max, lr.ends, lr.pytorchName], [0, Infinity, '()', 'lr']);
  assert.deepEqual(schema.find((s) => s.key === 'step_size').appliesTo, { scheduler: ['step'] });
  assert.deepEqual(schema.find((s) => s.key === 'epochs').appliesTo, {});
  assert.equal(schema.find((s) => s.key === 'epochs').max, limits(core).maxEpochs);
});

/** The core's timetable of a run of these settings on the wine data (the run's own batches). */
function timetableOf(settings) {
  const run = new Run(core, settings, wine);
  const table = run.timetable();
  run.dispose();
  return table;
}

test('the timetable accounts for the warm-up (ExponentialLR, lr 0.1, gamma 0.95, warm-up 10)', () => {
  const exp = timetableOf({ scheduler: 'exp', lr: 0.1, gamma: 0.95, warmup: 10 });
  assert.equal(exp.rates.length, 100);
  assert.ok(Math.abs(exp.rates[99] - 9.888e-4) < 1e-7, `after epoch 100: ${exp.rates[99]}`);
  const step = timetableOf({ scheduler: 'step', warmup: 10 });
  assert.deepEqual(step.cuts, [40, 70, 100]);
  assert.match(step.rule, /after a 10-epoch warm-up/);
  assert.equal(timetableOf({}).rates.length, 0, 'plateau has no timetable');
});

// One rule for counts (cpp/text.hpp): the page's own counts are written as the core writes its.
test('counts as text: the page\u2019s formatCount writes what the core\u2019s count_text writes', () => {
  assert.equal(core.countText(213000), '213,000');
  const counts = [0, 1, 999, 1500, 2 ** 31 - 1, -(2 ** 31), 999999999999999];
  for (let p = 10; p < 1e15; p *= 10) counts.push(p - 1, p, -p);
  let x = 12345;
  for (let i = 0; i < 200; ++i) {
    x = (x * 1103515245 + 12345) % 2 ** 31; // an LCG: the same counts every run
    counts.push(x, x % 100000);
  }
  for (const n of counts) assert.equal(formatCount(n), core.countText(n), `count ${n}`);
});

test("numbers as text: the CSV is the CLI's, shortest round trip in their own type, exponents without +", () => {
  // format.cpp's texts from the wasm (musl's libc) and from the native CLI (glibc's), on runs whose
  // rates (doubles) and losses (float32) need exponents both ways.
  const csvLines = (flags) => {
    const run = new Run(core, settingsFromFlags(flags), wine);
    run.run(2);
    const csv = run.csv();
    run.dispose();
    const cli = ['train', '--data', join(ROOT, 'data/wine.csv'), ...flags];
    assert.equal(csv, execFileSync(join(ROOT, 'build/lrplay'), cli, { encoding: 'utf8' }));
    return csv.trim().split('\n');
  };
  const lesson = csvLines(['--epochs', '2']);
  assert.equal(lesson.length, 3);
  assert.equal(lesson[0], 'epoch,train_loss,val_loss,val_acc,lr');
  assert.match(lesson[1], /^1,10\.803728,17\.591867,0\.22222222,0\.1$/);
  assert.match(
    csvLines(['--epochs', '2', '--lr', '2.5e-7', '--scheduler', 'none'])[1],
    /,2\.5e-7$/,
  );
  const huge = ['--epochs', '2', '--lr', '1e9', '--scheduler', 'exp', '--gamma', '1e9'];
  assert.match(csvLines(huge)[1], /^1,10\.803728,\d\.\d+e18,0\.3888889,1e18$/);
  const run = new Run(core, { epochs: 2 }, wine);
  const records = run.run(2);
  assert.equal(records[1].plateauOutlook.cutEpoch, 0, 'a 2-epoch run ends before any cut');
  run.dispose();
  // Mid-run: with no cooldown, the cut comes once patience + 1 bad epochs have been counted.
  const long = new Run(core, {}, wine);
  const { plateauOutlook: outlook } = long.run(5).at(-1);
  const state = long.schedulerState();
  assert.equal(outlook.cutEpoch, 5 + state.patience + 1 - state.numBadEpochs);
  assert.equal(outlook.threshold, state.best * (1 - 1e-4), 'rel, min: best * (1 - threshold)');
  long.dispose();
});

test("the page's lines name only the core's settings and choices (settings.js vs settingsSchema)", async () => {
  const { PAGE_SETTINGS, SCHEDULERS } = await import('../../web/src/model/settings.js');
  const schema = new Map(settingsSchema(core).map((s) => [s.key, s]));
  for (const line of PAGE_SETTINGS) {
    const row = schema.get(line.key);
    assert.ok(row, `${line.key}: not a setting of the core`);
    for (const value of Object.keys(line.labels ?? {}))
      assert.ok(row.choices.includes(value), `${line.key}: ${value} is not one of its choices`);
    for (const key of ['kind', 'default', 'for', 'options', 'choices', 'defaultFor'])
      assert.ok(!(key in line), `${line.key}: ${key} is the core's (settingsSchema)`);
  }
  assert.equal(
    new Set(PAGE_SETTINGS.map((l) => l.key)).size,
    PAGE_SETTINGS.length,
    'one line each',
  );
  for (const id of Object.keys(SCHEDULERS))
    assert.ok(schema.get('scheduler').choices.includes(id), `scheduler ${id}: not a core choice`);
});

test('datasetInfo reads what the loader reads, and its refusals name the file, line and column', () => {
  assert.deepEqual(datasetInfo(core, wine, 'wine.csv'), {
    rows: 178,
    features: 13,
    classes: 3,
    classNames: [], // scikit-learn's header says class_0, class_1, class_2: no more than 0, 1, 2
    classColumnHoldsNames: false,
    classNote: '',
  });
  // Iris's header names its integer classes, in the header's order.
  const iris = readFileSync(join(ROOT, 'data/iris.csv'), 'utf8');
  assert.deepEqual(datasetInfo(core, iris, 'iris.csv'), {
    rows: 150,
    features: 4,
    classes: 3,
    classNames: ['setosa', 'versicolor', 'virginica'],
    classColumnHoldsNames: false,
    classNote: '',
  });
  // A class column of names: numbered in sorted (code-point) order, the names as UTF-8 text both
  // ways through Embind (a name in the JS string in, the same JS string out).
  assert.deepEqual(datasetInfo(core, 'a,class\n1, \u00e9t\u00e9\n2,"b, c"\n3,Z\n', 'named.csv'), {
    rows: 3,
    features: 1,
    classes: 3,
    classNames: ['Z', 'b, c', '\u00e9t\u00e9'],
    classColumnHoldsNames: true,
    classNote: '',
  });
  // A typo among integer classes makes every class a name; the note says where the first is.
  assert.equal(
    datasetInfo(core, 'a,class\n1,0\n2,1\n3,O\n', 'typo.csv').classNote,
    'the class column mixes integers and names (the first name is on line 4), so every class is read as a name',
  );
  assert.throws(
    () => datasetInfo(core, 'a,b,c\n1,2,0\n3,?,1\n', 'mine.csv'),
    /^Error: mine\.csv: line 3, column 2: "\?" is not a finite number$/,
  );
  const { maxCsvBytes, maxClasses } = limits(core);
  assert.deepEqual([maxCsvBytes, maxClasses], [8 * 1024 * 1024, 100]);
  // The trainer's split check names the file too (Run's `source`).
  assert.throws(
    () => new Run(core, { test_size: 0.9 }, 'a,c\n1,0\n2,1\n3,0\n', 'three.csv'),
    /^Error: three\.csv: 3 rows are too few for test_size = 0\.9 .*at least 10 rows are needed$/,
  );
});
