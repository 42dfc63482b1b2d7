// The LR range test without a browser: the core's lrFind() in wasm against the CLI (`build/lrplay
// lr-find`, its suggestion exactly) and the PyTorch reference, the page's words for it (model/lr-find.js), the find-lr
// exercise's check on made-up runs, and the numbers the lesson's section states, from the CLI.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { lrFind, lrFindSettings, memoryUse } from '../../web/src/engine/lrplay.js';
import { formatLr } from '../../web/src/model/format.js';
import { chartSeries, suggestedRow, suggestionText } from '../../web/src/model/lr-find.js';
import { findLr } from '../../web/src/exercises/find-lr.js';
import { SETTINGS } from '../../web/src/model/settings.js';
import { ROOT, readGolden, settingsFromFlags } from './golden.mjs';
import { installCoreSchema } from './schema.mjs';
import { sectionText } from './lesson-claims.mjs';

const CLI = join(ROOT, 'build/lrplay');
const WINE = readFileSync(join(ROOT, 'data/wine.csv'), 'utf8');
const GOLDEN = join(ROOT, 'tests/golden/practice/lr_find_wine_std_batch16.csv');
let core;
let rangeKeys;

before(async () => {
  core = await installCoreSchema();
  rangeKeys = lrFindSettings(core).map((s) => s.key);
});

/** lr-find's flags split into the run's settings and the range test's own. */
function split(args) {
  const all = settingsFromFlags(args);
  const range = Object.fromEntries(Object.entries(all).filter(([k]) => rangeKeys.includes(k)));
  const settings = Object.fromEntries(Object.entries(all).filter(([k]) => !rangeKeys.includes(k)));
  return { settings, range };
}

/**
 * The CLI's rows ([iteration, lr, loss, smoothed]), its suggestion (null without one) and its
 * "# No suggestion: ..." sentence (null with one).
 */
function cli(args) {
  const lines = execFileSync(CLI, ['lr-find', ...args], { encoding: 'utf8' })
    .trim()
    .split('\n');
  const note = lines.find((l) => l.startsWith('# suggested lr: '));
  const none = lines.find((l) => l.startsWith('# No suggestion: '));
  return {
    rows: lines
      .slice(1)
      .filter((l) => !l.startsWith('#'))
      .map((l) => l.split(',').map(Number)),
    suggestion: note ? Number(note.slice(16)) : null,
    noSuggestion: none ? none.slice(2) : null,
  };
}

test('the core in wasm gives the CLI rows and suggestion, and the reference\u2019s', () => {
  const golden = readGolden(GOLDEN);
  const args = golden.command.slice(1);
  const { settings, range } = split(args);
  assert.ok(
    Object.keys(range).length >= 3,
    'the reference sets the range test\u2019s own settings',
  );
  const page = lrFind(core, settings, range, WINE);
  const native = cli(args);
  assert.equal(page.lr.length, native.rows.length);
  // The project's tolerances (tests/golden/README.md): rates 1e-12 relative, losses 1e-4 relative
  // (1e-6 absolute below 1e-2). The wasm and native losses can differ in the last bit of a float32.
  const close = (a, b, rel, abs = 0) => Math.abs(a - b) <= Math.max(rel * Math.abs(b), abs);
  native.rows.forEach(([, rate, loss, smoothed], i) => {
    assert.ok(close(page.lr[i], rate, 1e-12), `row ${i + 1} lr ${page.lr[i]} ${rate}`);
    assert.ok(close(page.loss[i], loss, 1e-4, 1e-6), `row ${i + 1} loss ${page.loss[i]} ${loss}`);
    assert.ok(close(page.smoothedLoss[i], smoothed, 1e-4, 1e-6), `row ${i + 1} smoothed`);
  });
  assert.equal(page.suggestion, native.suggestion);
  const reference = Number(
    readFileSync(GOLDEN, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('# suggested lr: '))
      .slice(16),
  );
  assert.ok(Math.abs(page.suggestion - reference) <= 1e-9 * reference, `${page.suggestion}`);
  assert.equal(page.lr.length, golden.rows.length);
});

test('the core refuses bad range-test settings naming them, before any training', () => {
  const refusal = (range) => {
    try {
      lrFind(core, {}, range, WINE);
    } catch (error) {
      return error.message;
    }
    return 'accepted';
  };
  assert.match(refusal({ num_iter: '1' }), /^num_iter = "1" is not accepted/);
  assert.match(refusal({ end_lr: 'abc' }), /^end_lr = "abc" is not accepted/);
  assert.match(refusal({ start_lr: '2', end_lr: '1' }), /^start_lr = 2 is not accepted/);
  assert.match(refusal({ smooth_f: '1' }), /smooth_f/);
  assert.match(refusal({ diverge_th: '0.5' }), /diverge_th/);
  assert.match(refusal({ step_mode: 'log' }), /^step_mode/);
  assert.match(refusal({ lr: '0.1' }), /unknown range-test setting lr/);
  // The defaults are LrFindOptions's, and a test with them equals the CLI's.
  const defaults = Object.fromEntries(lrFindSettings(core).map((s) => [s.key, s.default]));
  assert.deepEqual(defaults, {
    start_lr: '1e-7',
    end_lr: '10',
    num_iter: '100',
    step_mode: 'exp',
    smooth_f: '0.05',
    diverge_th: '5',
  });
  assert.equal(
    lrFind(core, { standardize: true }, {}, WINE).suggestion,
    cli(['--standardize']).suggestion,
  );
});

test('range tests and refusals leave the wasm heap as it was', () => {
  const short = { num_iter: '20' };
  const round = () => {
    lrFind(core, { standardize: true }, short, WINE);
    assert.throws(() => lrFind(core, {}, { num_iter: '1' }, WINE), /num_iter/);
    assert.throws(() => lrFind(core, { lr: '-1' }, short, WINE), /lr/);
  };
  // As wasm.test.mjs's step/reset cycles: warm up, then the highest count of a few rounds bounds
  // the rest (the count moves by a few bytes with no leak; a leaked data set is 11 KB a round).
  for (let i = 0; i < 10; i++) round();
  let inUse = 0;
  for (let i = 0; i < 10; i++) {
    round();
    inUse = Math.max(inUse, memoryUse(core).inUse);
  }
  for (let i = 0; i < 50; i++) round();
  assert.ok(memoryUse(core).inUse <= inUse, `${memoryUse(core).inUse} > ${inUse}`);
});

test('a short test has no suggestion, and the page says why in the CLI\u2019s words', () => {
  // torch-lr-finder's suggest() leaves out the first 10 and the last 5 rows and needs two left.
  const result = lrFind(core, {}, { num_iter: '16' }, WINE);
  const native = cli(['--num-iter', '16']);
  assert.equal(result.suggestion, null);
  assert.equal(native.suggestion, null);
  assert.match(suggestionText(result), /^No suggestion: the test stopped after 16 batches/);
  assert.equal(suggestionText(result), native.noSuggestion);
  // A test that diverged after 8 of its 100 batches is told with its own count.
  const range = { num_iter: '100', start_lr: '0.1', end_lr: '1e30' };
  const early = lrFind(core, { standardize: true }, range, WINE);
  const earlyNative = cli([
    '--standardize',
    '--num-iter',
    '100',
    '--start-lr',
    '0.1',
    '--end-lr',
    '1e30',
  ]);
  assert.equal(early.suggestion, null);
  assert.equal(suggestionText(early), earlyNative.noSuggestion);
  assert.match(suggestionText(early), /^No suggestion: the test stopped after 8 batches, /);
  assert.equal(early.lr.length, 8);
  const enough = lrFind(core, {}, { num_iter: '17' }, WINE);
  assert.notEqual(enough.suggestion, null);
  assert.equal(enough.noSuggestion, null);
  assert.equal(cli(['--num-iter', '17']).noSuggestion, null);
  assert.deepEqual(chartSeries(result).suggestion, []);
});

/** The `setting` of the Error `run` throws (the page marks that field), or a failure. */
function refusedSetting(run) {
  try {
    run();
  } catch (error) {
    return error.setting;
  }
  assert.fail('accepted');
}

test("the core's refusal names the setting it refuses: the field the page marks", () => {
  const refused = (range) => refusedSetting(() => lrFind(core, {}, range, WINE));
  for (const key of rangeKeys) assert.equal(refused({ [key]: 'abc' }), key);
  assert.equal(refused({ start_lr: '2', end_lr: '1' }), 'start_lr'); // checked together
  assert.equal(refused({ end_lr: '1e308' }), 'end_lr'); // end_lr / start_lr is inf
  assert.equal(refused({ num_iter: '1' }), 'num_iter');
  assert.equal(refused({ smooth_f: '1' }), 'smooth_f');
  assert.equal(refused({ diverge_th: '1' }), 'diverge_th');
  // A run setting's refusal names the run's key, none of the range test's fields.
  assert.equal(
    refusedSetting(() => lrFind(core, { lr: 'x' }, {}, WINE)),
    'lr',
  );
  assert.equal(
    refusedSetting(() => lrFind(core, { betas: '2,0.999' }, {}, WINE)),
    'betas',
  );
  // The data's refusal names no setting.
  assert.equal(
    refusedSetting(() => lrFind(core, {}, {}, 'a,b\n1,x\n')),
    undefined,
  );
});

test('model/lr-find.js: the sentence and the chart series', () => {
  const result = {
    lr: new Float64Array([1e-3, 1e-2, 1e-1]),
    loss: new Float32Array([1, 0.5, 2]),
    smoothedLoss: new Float64Array([1, 0.9, 1.1]),
    suggestion: 1e-2,
  };
  assert.equal(suggestedRow(result), 1);
  assert.equal(
    suggestionText(result),
    'Suggested learning rate: 0.01 (steepest fall of the smoothed loss, batch 2 of 3).',
  );
  const series = chartSeries(result);
  assert.deepEqual(series.raw[2], { x: 0.1, y: 2 });
  assert.deepEqual(series.suggestion, [{ x: 1e-2, y: 0.9 }]);
});

/** A made-up run for the exercise's check. */
function run({ settings = {}, acc = [], lrUsed = 0.05, rangeTest = null } = {}) {
  const base = {
    standardize: 'true',
    seed: '5',
    hidden: '10,10',
    dataset: 'wine',
    lr: String(lrUsed),
  };
  return {
    settings: { ...base, ...settings },
    records: acc.map((valAcc, i) => ({ epoch: i + 1, valAcc, lrUsed, lr: lrUsed })),
    session: { rangeTest },
    answer: '',
  };
}

test("find-lr compares the run settings the core's range test reads", () => {
  const shared = SETTINGS.filter((s) => s.core.rangeTest).map((s) => s.key);
  // The core's lr_find_reads(): all but the rate, the length and the scheduler's settings.
  for (const key of ['dataset', 'standardize', 'seed', 'hidden', 'optimizer', 'batch_size'])
    assert.ok(shared.includes(key), key);
  for (const key of ['momentum', 'betas', 'weight_decay']) assert.ok(shared.includes(key), key);
  for (const key of ['lr', 'epochs', 'scheduler', 'schedule', 'gamma', 'warmup', 'monitor'])
    assert.ok(!shared.includes(key), key);
});

test('find-lr passes only for a run at the learner\u2019s own suggestion that reaches 97% by epoch 10', () => {
  const test = {
    settings: { standardize: true, seed: 5, hidden: '10,10', dataset: 'wine' },
    suggestion: 0.05,
  };
  const good = [0.75, 0.83, 0.97];
  assert.match(findLr.check(run({ acc: good })).message, /No range test yet/);
  assert.equal(findLr.check(run({ acc: good, rangeTest: test })).pass, true);
  assert.match(
    findLr.check(run({ acc: good, rangeTest: { ...test, suggestion: null } })).message,
    /no suggestion/,
  );
  const raw = { ...test, settings: { ...test.settings, standardize: false } };
  assert.match(findLr.check(run({ acc: good, rangeTest: raw })).message, /raw features/);
  assert.match(
    findLr.check(run({ acc: good, rangeTest: test, settings: { seed: '6' } })).message,
    /differs from your latest range test in seed/,
  );
  // Every run setting the core's range test reads must match, SGD's momentum too (it changes the
  // test's losses); those it leaves out (the scheduler's) need not.
  const sgd = { ...test, settings: { ...test.settings, optimizer: 'sgd', momentum: '0' } };
  assert.match(
    findLr.check(
      run({ acc: good, rangeTest: sgd, settings: { optimizer: 'sgd', momentum: '0.9' } }),
    ).message,
    /differs from your latest range test in momentum;/,
  );
  assert.equal(
    findLr.check(run({ acc: good, rangeTest: test, settings: { scheduler: 'step', gamma: '0.5' } }))
      .pass,
    true,
  );
  assert.match(
    findLr.check(run({ acc: good, lrUsed: 0.1, rangeTest: test })).message,
    /not at the suggested/,
  );
  assert.match(
    findLr.check(run({ acc: [0.5, 0.6], rangeTest: test })).message,
    /train to epoch 10/,
  );
  const slow = Array(12).fill(0.9);
  slow[10] = 1; // epoch 11 is too late
  assert.match(
    findLr.check(run({ acc: slow, rangeTest: test })).message,
    /below 97% through epoch 10/,
  );
  assert.match(findLr.check(run({ rangeTest: test })).message, /Train the run first/);
});

/** `lrplay train` validation accuracy per epoch. */
function accuracies(args) {
  const out = execFileSync(CLI, ['train', ...args], { encoding: 'utf8' })
    .trim()
    .split('\n');
  return out.slice(1).map((l) => l.split(',').map(Number));
}

test('the lesson section states what the CLI computes', () => {
  const text = sectionText('11-find-lr');
  const states = (claim) => assert.ok(text.includes(claim), `the lesson says ${claim}`);
  const std = cli(['--standardize']);
  const suggestion = formatLr(std.suggestion);
  states(`The triangle marks ${suggestion}.`);
  states(`The suggestion is ${suggestion}, where the curve falls fastest`);
  states(
    `after ${std.rows.length} of the 100 batches, at a rate of ${formatLr(std.rows.at(-1)[1])}`,
  );
  // The range test's defaults as the text names them, and the rule behind "fewer than 17 batches".
  const range = Object.fromEntries(lrFindSettings(core).map((s) => [s.key, s.default]));
  states(`through ${range.num_iter} rates from ${range.start_lr} to ${range.end_lr}`);
  states(`each new value counts ${Number(range.smooth_f) * 100}% (smooth_f=${range.smooth_f})`);
  states(`(diverge_th=${range.diverge_th})`);
  states('With fewer than 17 batches there is nothing left to measure');
  assert.equal(cli(['--standardize', '--num-iter', '16']).suggestion, null);
  assert.notEqual(cli(['--standardize', '--num-iter', '17']).suggestion, null);
  // Flat at first: the smoothed loss reads 1.08 up to a rate of about 1e-3 (7.6e-4 the last).
  const flat = std.rows.filter((r) => r[3].toFixed(2) === '1.08').at(-1);
  assert.ok(flat[1] > 5e-4 && flat[1] < 2e-3, String(flat[1]));
  assert.ok(std.rows.slice(0, flat[0]).every((r) => r[3].toFixed(2) === '1.08'));
  states('the smoothed loss stays at 1.08 up to about 1e-3');
  const lowest = std.rows.reduce((a, b) => (b[3] < a[3] ? b : a));
  states(`lowest value, ${lowest[3].toFixed(3)}, near a rate of ${lowest[1].toFixed(2)}`);
  const raw = cli([]);
  assert.equal(raw.rows.length, 100);
  states(`On the raw features it is ${formatLr(raw.suggestion)} and the loss never runs away`);
  // Training at the suggestion: 100% at epoch 4, still at 100; the lesson's 0.1 ends at 97.2%.
  const at = accuracies(['--standardize', '--lr', String(std.suggestion)]);
  assert.equal(at.find((r) => r[3] === 1)[0], 4);
  assert.equal(at.at(-1)[3], 1);
  assert.equal((accuracies(['--standardize']).at(-1)[3] * 100).toFixed(1), '97.2');
  states('validation accuracy reaches 100% at epoch 4 and is still 100% at epoch 100');
  states('finishes at 97.2%');
  // OneCycleLR at the suggestion and at the rate where the test stopped.
  const cycle = accuracies([
    '--standardize',
    '--scheduler',
    'onecycle',
    '--max-lr',
    String(std.suggestion),
  ]);
  states(`first reaches 100% at epoch ${cycle.find((r) => r[3] === 1)[0]} and finishes there`);
  assert.equal(cycle.at(-1)[3], 1);
  // The last rate as the text writes it and a learner types it (formatLr's digits): the run at the
  // unrounded rate is a different one (chaotic at these rates: it ends at 75.0%).
  const top = formatLr(std.rows.at(-1)[1]);
  states(`Typing in the rate where the test stopped instead, ${top}, is not`);
  const wild = accuracies(['--standardize', '--scheduler', 'onecycle', '--max-lr', top]);
  // The cycle's peak: the epoch that trains at max_lr (rows give the rate after each epoch).
  const peakRow = wild.reduce((a, b) => (b[4] > a[4] ? b : a));
  states(`(epoch ${peakRow[0] + 1} of ${wild.length} with the default pct_start=0.3)`);
  const worst = wild.reduce((a, b) => (b[2] > a[2] ? b : a));
  assert.equal(worst[0], 36, 'the highest validation loss');
  states(`the validation loss jumps to ${wild[19][2].toPrecision(3)} at epoch 20. From there`);
  states(`the validation loss reaches ${worst[2].toPrecision(3)} at epoch ${worst[0]}`);
  assert.ok(wild.at(-1)[3] < 1);
  states(`the run ends at ${(wild.at(-1)[3] * 100).toFixed(1)}%, short of the suggestion's 100%`);
});
