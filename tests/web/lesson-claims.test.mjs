// The claims of the lesson's sections after the lesson's own run (optimizers, batches, restarts,
// cycles, composing), of the break-the-run exercise's hint and of the exercises' texts: each number is built from the run its
// preset loads, trained by the wasm core in node exactly as the page's worker trains it, and looked
// for in the section's text (lesson-claims.mjs). No browser: `npm run wasm` (or `npm run build`),
// then `node --test tests/web/lesson-claims.test.mjs`. The native CLI gives the same numbers, e.g.
// `build/lrplay train --standardize --scheduler cosine --optimizer sgd --momentum 0.9`.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Run, datasetInfo, lrFind, schedulePreview } from '../../web/src/engine/lrplay.js';
import { choose, SETTING } from '../../web/src/model/settings.js';
import { presetSettings } from '../../web/src/model/presets.js';
import { formatCount, formatLr } from '../../web/src/model/format.js';
import { installCoreSchema } from './schema.mjs';
import { EXERCISES } from '../../web/src/exercises/exercises.js';
import { BEYOND_EXERCISES } from '../../web/src/exercises/beyond.js';
import { LAST_IMPROVEMENT } from '../../web/src/model/illustrative-metric.js';
import {
  at,
  changes,
  claimsOf,
  close,
  csv,
  firstEpoch,
  list,
  pct,
  sig,
  trainRun,
} from './lesson-claims.mjs';

let core;
before(async () => {
  core = await installCoreSchema();
});
const train = (id, settingChanges) => trainRun(core, id, settingChanges);
const full = (records) => firstEpoch(records, (r) => r.valAcc === 1);
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

test('optimizers: one cosine schedule, three optimizers (sgd-momentum)', () => {
  const states = claimsOf('07-optimizers');
  const momentum = train('sgd-momentum');
  const plain = train('sgd-momentum', { momentum: '0' });
  const adam = train('sgd-momentum', { optimizer: 'adam' });
  states(`Adam reaches 100% validation accuracy at epoch ${full(adam)}`);
  states(
    `SGD with momentum 0.9 gets there at epoch ${full(momentum)}, and its training loss is down to ${sig(at(momentum, 25).trainLoss, 2)} after epoch 25`,
  );
  states(
    `Plain SGD is still at a training loss of ${sig(at(plain, 25).trainLoss, 2)} after epoch 25, needs until epoch ${full(plain)} for 100%, and ends at ${sig(plain.at(-1).trainLoss, 2)}, where momentum ended at ${sig(momentum.at(-1).trainLoss, 2)}`,
  );
  // "has already taken away half of its rate" by the epoch plain SGD first scores 100%.
  states(
    `By epoch ${full(plain)}, when plain SGD first scores 100%, the cosine has already taken away half`,
  );
  close(at(plain, full(plain)).lr, Number(presetSettings('sgd-momentum').lr) / 2);
  states(`validation accuracy reaches 100% at epoch ${full(momentum)}`);
  states(`100% arrives only at epoch ${full(plain)}`);
  states(`choose Adam as the optimizer: 100% by epoch ${full(adam)}`);
  // The schedule is the same in all three: the optimizer alone differs.
  assert.deepEqual(
    plain.map((r) => r.lr),
    momentum.map((r) => r.lr),
  );
  assert.deepEqual(
    adam.map((r) => r.lr),
    momentum.map((r) => r.lr),
  );
  // "momentum 0.9 behaves like a rate about ten times larger": plain SGD needs about ten times the
  // rate to do by epoch 25 what momentum 0.9 does (the exercise).
  states('momentum 0.9 behaves like a rate about ten times larger');
  assert.ok(at(train('sgd-momentum', { momentum: '0', lr: '0.5' }), 25).trainLoss < 0.05);
  assert.ok(at(train('sgd-momentum', { momentum: '0', lr: '0.3' }), 25).trainLoss > 0.05);
});

test('batches: StepLR stepped after every batch counts batches (batches)', () => {
  const states = claimsOf('08-batches');
  const perBatch = train('batches');
  const size = Number(presetSettings('batches').batch_size);
  const whole = Math.floor(perBatch.trainSize / size);
  assert.equal(perBatch.batches, whole + 1);
  states(
    `cuts the shuffled training set into ${WORDS[whole]} batches of ${size} and a last one of ${perBatch.trainSize % size}: ${WORDS[perBatch.batches]} updates per epoch`,
  );
  states(`# ${perBatch.batches} batches per epoch`);
  const cuts = changes(perBatch);
  // the epoch holding batch 30k, k = 1..30: a cut every 30 of the 900 batches
  assert.deepEqual(
    cuts,
    [...Array(30)].map((_, k) => Math.ceil((30 * (k + 1)) / perBatch.batches)),
  );
  states(`cuts after the 30th batch, which falls in epoch ${cuts[0]}, not after epoch 30`);
  states(
    `The rate is ${sig(at(perBatch, cuts[1]).lr, 4)} after epoch ${cuts[1]} and ${sig(at(perBatch, cuts[2]).lr, 4).toFixed(4)} after epoch ${cuts[2]}`,
  );
  const batches = perBatch.length * perBatch.batches;
  states(
    `by the end of ${perBatch.length} epochs (${batches} batches, ${cuts.length} cuts) it is ${perBatch.at(-1).lr.toPrecision(2).replace(/\.0e/, 'e')}`,
  );
  close(perBatch.at(-1).lr, 1e-31);
  states(
    `its training loss is ${sig(at(perBatch, 10).trainLoss, 3)} after epoch 10 and still ${sig(perBatch.at(-1).trainLoss, 3)} at the end, and it finishes with a validation loss of ${sig(perBatch.at(-1).valLoss, 3)}`,
  );
  const perEpoch = train('batches', { scheduler_step: 'epoch' });
  states(
    `called once per epoch cuts after epochs ${list(changes(perEpoch))} and finishes at ${sig(perEpoch.at(-1).valLoss, 2)}`,
  );
  // The try-it: the first stair in epoch 4, then every three or four epochs; a hundred times lower.
  states(`the first stair comes in epoch ${cuts[0]}, then one every three or four epochs`);
  assert.deepEqual([...new Set(cuts.slice(1).map((c, i) => c - cuts[i]))].sort(), [3, 4]);
  states(`three stairs, after epochs ${list(changes(perEpoch))}`);
  states('a validation loss more than a hundred times lower at the end');
  assert.ok(perBatch.at(-1).valLoss > 100 * perEpoch.at(-1).valLoss);
  // The exercise's answer: 90 batches are 10 epochs of 9.
  assert.deepEqual(
    changes(train('batches', { step_size: '90' })),
    [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
  );
});

test('restarts: the cosine starts again after epochs 10, 30 and 70 (restarts)', () => {
  const states = claimsOf('09-restarts');
  const records = train('restarts');
  const lr0 = Number(presetSettings('restarts').lr);
  const restarts = records.filter((r) => r.lr === lr0).map((r) => r.epoch);
  const cycles = restarts.map((e, i) => e - (restarts[i - 1] ?? 0));
  states(
    `the cycles are ${list(cycles)} epochs long, so the rate jumps back to ${lr0} after epochs ${list(restarts)}`,
  );
  const before = (e) => `${sig(at(records, e - 1).lr, 2)} (after epoch ${e - 1})`;
  states(`Just before each jump the rate is ${before(10)}, ${before(30)} and ${before(70)}`);
  assert.ok(
    records.every((r) => r.lr > 0),
    'the floor 0 is never reached',
  );
  const into = records.length - restarts.at(-1);
  states(
    `After epoch ${records.length} this schedule is ${into} epochs into an ${cycles.at(-1) * 2}-epoch cycle and the rate is still ${sig(records.at(-1).lr, 2)}`,
  );
  // 70 or 150 epochs: the last epoch trains at the bottom of its cycle (the next step restarts).
  states('With 70 or 150 epochs, the last epoch would train at the bottom of a cycle');
  for (const epochs of ['70', '150']) {
    const run = train('restarts', { epochs });
    assert.equal(run.at(-1).lr, lr0, epochs);
    assert.ok(run.at(-1).lrUsed < 0.001, epochs);
  }
  // The try-it's accuracy: 100% before the first jump, 97.2% for a while after it.
  const dips = records.filter((r) => r.valAcc < 1 && r.epoch > 10).map((r) => r.epoch);
  assert.deepEqual(
    dips,
    [...Array(dips.length)].map((_, i) => dips[0] + i),
  );
  assert.ok(records.slice(full(records) - 1, dips[0] - 1).every((r) => r.valAcc === 1));
  states(
    `drops to ${pct(at(records, dips[0]).valAcc)}% from epoch ${dips[0]} to epoch ${dips.at(-1)} while the rate is high again, and is back at 100% at epoch ${dips.at(-1) + 1}`,
  );
  // A warm-up in front, as the text writes it: 5 epochs of ramp, then cycles of 10.
  const warm = train('restarts', {
    schedule:
      'SequentialLR([LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingWarmRestarts(T_0=10)], milestones=[5])',
  });
  states(
    'SequentialLR([LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingWarmRestarts(T_0=10)], milestones=[5])',
  );
  assert.deepEqual(
    warm.filter((r) => r.lr === lr0).map((r) => r.epoch),
    [5, 15, 25, 35, 45, 55, 65, 75, 85, 95],
  );
  // The exercise's answer: T_0 = 20, T_mult = 2 restarts after epochs 20 and 60.
  assert.deepEqual(
    train('restarts', { t_0: '20' })
      .filter((r) => r.lr === lr0)
      .map((r) => r.epoch),
    [20, 60],
  );
});

test('cycles: OneCycleLR over 180 batches, the rates the text names (onecycle)', () => {
  const states = claimsOf('10-cycles');
  const settings = presetSettings('onecycle');
  const records = train('onecycle');
  const steps = records.length * records.batches;
  states(`${records.batches} batches: ${steps} steps`);
  states(`${records.length} epochs of ${WORDS[records.batches]} batches`);
  // The rate after each of the run's scheduler steps (a batch trains at the rate before it).
  const rates = records.flatMap((r) => [...r.stepLrs]);
  assert.equal(rates.length, steps);
  const maxLr = Number(settings.max_lr);
  const first = maxLr / Number(settings.div_factor);
  const last = first / Number(settings.final_div_factor);
  close(records[0].lrUsed, first);
  states(`the first batch trains at ${maxLr} / ${settings.div_factor} = ${sig(first, 4)}`);
  // batch k trains at rates[k - 2] (batch 1 at the initial rate)
  const batchRate = (k) => (k === 1 ? first : rates[k - 2]);
  const peak = Math.max(...rates);
  assert.equal(peak, maxLr);
  const peakBatch = rates.indexOf(peak) + 2;
  states(
    `until the ${peakBatch}th of the ${steps} batches trains at the full ${maxLr} (${Number(settings.pct_start) * 100}% of ${steps} is ${peakBatch})`,
  );
  close(batchRate(steps), last); // the last batch
  assert.equal(Math.min(...rates), last);
  states(
    `until the last batch trains at ${sig(first, 4)} / ${Number(settings.final_div_factor)} = ${last.toPrecision(1)}`,
  );
  // After the last step() the optimizer holds PyTorch's formula one step past the cycle.
  assert.equal(rates.at(-1), records.at(-1).lr);
  states(`the ${steps}th step(), which comes after the last batch`);
  states(`leaves ${sig(records.at(-1).lr, 2).toExponential()} in the optimizer`);
  // One more step() than the cycle has is an error, as in PyTorch.
  states(`a ${steps + 1}st call fails`);
  const preview = (n) =>
    schedulePreview(core, { ...settings, total_steps: String(steps) }, Array(n).fill(0));
  assert.deepEqual([...preview(steps)], rates);
  assert.throws(() => preview(steps + 1), /tried to step 181 times; total_steps is 180/);
  // Momentum against the rate: 0.95 down to 0.85 at the rate's peak and back to 0.95 (defaults).
  const momenta = records.flatMap((r) => [...r.stepMomenta]);
  assert.equal(settings.base_momentum, '0.85');
  assert.equal(settings.max_momentum, '0.95');
  assert.deepEqual(SETTING.cycle_momentum.default, true);
  assert.equal(Math.min(...momenta), 0.85);
  assert.equal(momenta.indexOf(0.85), rates.indexOf(peak));
  assert.equal(momenta.at(-2), 0.95, 'the last batch trains with 0.95');
  states('it goes from 0.95 down to 0.85 at the peak of the rate and back up to 0.95');
  // The try-it.
  const highest = records.reduce((a, b) => (b.lr > a.lr ? b : a));
  states(`rises to its highest value after epoch ${highest.epoch}`);
  assert.ok(records.slice(full(records) - 1).every((r) => r.valAcc === 1));
  states(`Validation accuracy is 100% from epoch ${full(records)} on`);
  states(
    `the training loss ends at ${sig(records.at(-1).trainLoss, 2)} after only ${records.length} epochs`,
  );
  // The exercise's answer: pct_start 0.15 puts the highest rate after epoch 3.
  const early = train('onecycle', { pct_start: '0.15' });
  assert.equal(early.reduce((a, b) => (b.lr > a.lr ? b : a)).epoch, 3);
});

test('cycles: the same one cycle on the digits (digits-onecycle), and the lesson\u2019s recipe on them', () => {
  const states = claimsOf('10-cycles');
  const settings = presetSettings('digits-onecycle');
  const records = train('digits-onecycle');
  const size = Number(settings.batch_size);
  const steps = records.length * records.batches;
  // The data's own counts, from the core's loader and split.
  const info = datasetInfo(core, csv('digits'), 'digits.csv');
  states(`holds ${formatCount(info.rows)} images of 8 \u00d7 8 pixels`);
  assert.equal(info.features, 64);
  states(`one of ${info.features} features, and there are ${info.classes} classes`);
  const lastBatch = records.trainSize - (records.batches - 1) * size;
  states(
    `Its training split of ${formatCount(records.trainSize)} images makes ${records.batches} batches of ${size}, the last one holding ${lastBatch}`,
  );
  states(`plans a cycle of ${steps} steps over ${records.length} epochs`);
  // The batch that trains at max_lr (batch k trains at the rate after step k - 1).
  const rates = records.flatMap((r) => [...r.stepLrs]);
  const peakBatch = rates.indexOf(Number(settings.max_lr)) + 2;
  const peakEpoch = Math.ceil(peakBatch / records.batches);
  assert.equal(peakBatch, peakEpoch * records.batches, 'the last batch of its epoch');
  states(
    `The ${peakBatch}th of the ${steps} batches, the last of epoch ${peakEpoch}, trains at the full ${settings.max_lr}`,
  );
  // "rises in each of the last four epochs": and not in the one before them.
  const rising = (k) => records.at(-k).valAcc > records.at(-k - 1).valAcc;
  assert.deepEqual([1, 2, 3, 4, 5].map(rising), [true, true, true, true, false]);
  states('Validation accuracy then rises in each of the last four epochs');
  const end = records.at(-1);
  states(
    `ends at ${pct(end.valAcc)}% (${Math.round(end.valAcc * records.valSize)} of ${records.valSize} images)`,
  );
  // The lesson's recipe (the standardized preset) on the digits.
  const lesson = train('standardized', { dataset: 'digits' });
  const best = lesson.reduce((a, b) => (b.valAcc > a.valAcc ? b : a));
  states(`peaks at ${pct(best.valAcc)}% at epoch ${best.epoch}`);
  const lowest = lesson.reduce((a, b) => (b.valLoss < a.valLoss ? b : a));
  states(`Its validation loss is lowest after epoch ${lowest.epoch}, at ${sig(lowest.valLoss, 3)}`);
  states(`cuts the rate after epochs ${changes(lesson).slice(0, 3).join(', ')} and so on`);
  states(
    `the run ends at ${pct(lesson.at(-1).valAcc)}% with a validation loss of ${sig(lesson.at(-1).valLoss, 3)}`,
  );
});

test('find-lr: the suggestion as max_lr collapses the digits run (digits-onecycle)', () => {
  const states = claimsOf('11-find-lr');
  const settings = presetSettings('digits-onecycle');
  const test = lrFind(core, settings, {}, csv('digits'));
  const smoothed = [...test.smoothedLoss];
  const lowest = Math.min(...smoothed);
  assert.ok(smoothed.indexOf(lowest) < smoothed.length - 1, 'it turns up after its lowest');
  states(
    `the smoothed loss falls only from ${smoothed[0].toFixed(2)} to ${lowest.toFixed(2)} before it turns up`,
  );
  states(`the steepest stretch of that shallow curve is at ${formatLr(test.suggestion)}`);
  // The page's button sets max_lr to String(suggestion).
  const wild = train('digits-onecycle', { max_lr: String(test.suggestion) });
  const peak = wild.reduce((a, b) => (b.lr > a.lr ? b : a)).epoch;
  states(
    `at ${pct(wild[0].valAcc)}% after the first epoch, is down to ${pct(at(wild, peak).valAcc)}% after the ${['first', 'second', 'third'][peak - 1]}, where the cycle peaks`,
  );
  const after = wild.slice(peak - 1).map((r) => r.valLoss);
  assert.ok(
    after.every((l) => l > 2.2 && l < 2.4),
    after.join(),
  );
  states(
    `From then on its validation loss stays between 2.2 and 2.4, beside ln 10 \u2248 ${Math.log(10).toFixed(3)}`,
  );
  // The grey dashes: always naming the training split's most common class.
  const end = wild.at(-1);
  assert.equal(Math.round(end.valAcc * wild.valSize), wild.majorityCorrect);
  states(`it ends on the accuracy chart's grey dashes at ${pct(end.valAcc)}%`);
  const preset = train('digits-onecycle');
  states(`The preset's max_lr of ${settings.max_lr}, about a third of the suggestion`);
  assert.equal(Math.round(test.suggestion / Number(settings.max_lr)), 3);
  states(`ends at ${pct(preset.at(-1).valAcc)}%. When a cycle`);
});

test('cycles: CyclicLR between 0.01 and 0.1, five epochs each way (cyclic)', () => {
  const states = claimsOf('10-cycles');
  const records = train('cyclic');
  const settings = presetSettings('cyclic');
  const [low, high] = [Number(settings.base_lr), Number(settings.max_lr)];
  close(records[0].lrUsed, low);
  states(`the first update trains at ${low} whatever`);
  const near = (a, b) => Math.abs(a - b) < 1e-12;
  const tops = records.filter((r) => near(r.lr, high)).map((r) => r.epoch);
  const bottoms = records.filter((r) => near(r.lr, low)).map((r) => r.epoch);
  states(`${high} after epochs ${list(tops)}, back at ${low} after epochs ${list(bottoms)}`);
  states(`${records.length} epochs, one step per epoch`);
  // SGD's momentum cycled against the rate (cycle_momentum's default): max_momentum at creation and
  // at every low point of the rate, base_momentum at every peak.
  assert.deepEqual(SETTING.cycle_momentum.default, true);
  const [lowM, highM] = [Number(settings.base_momentum), Number(settings.max_momentum)];
  states(
    `it sets the momentum to max_momentum=${highM} when it is created, lowers it to base_momentum=${lowM} while the rate climbs`,
  );
  assert.ok(records.every((r) => r.momentum >= lowM && r.momentum <= highM));
  for (const e of tops) close(at(records, e).momentum, lowM, 1e-12);
  for (const e of bottoms) close(at(records, e).momentum, highM, 1e-12);
  // one step down from max_momentum: the cycle started there
  const stepDown = (highM - lowM) / Number(settings.step_size_up);
  close(at(records, 1).momentum, highM - stepDown, 1e-12);
  const reached = full(records);
  const climb = Math.ceil(reached / (2 * Number(settings.step_size_up)));
  assert.ok(reached % 10 > 0 && reached % 10 <= 5, 'on a climb');
  states(
    `Validation accuracy reaches 100% at epoch ${reached}, on the ${['first', 'second', 'third'][climb - 1]} climb`,
  );
});

test('composing: ChainedScheduler multiplies, SequentialLR hands over (chained)', () => {
  const states = claimsOf('12-composing');
  const chained = train('chained');
  const sequential = train('chained', {
    schedule:
      'SequentialLR([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)], milestones=[5])',
  });
  close(chained[0].lrUsed, 0.01);
  close(sequential[0].lrUsed, 0.01);
  states(`Both start the first epoch at ${sig(chained[0].lrUsed, 4)}`);
  states(
    `the rate reaches the full ${sig(at(sequential, 5).lr, 4)} after epoch 5; then the decay takes over from 0.1 and the rate reads ${sig(at(sequential, 6).lr, 4)}, then ${sig(at(sequential, 7).lr, 4)}`,
  );
  const peak = chained.reduce((a, b) => (b.lr > a.lr ? b : a));
  const ratio = at(chained, 6).lr / at(sequential, 6).lr;
  for (const r of chained.slice(4)) close(r.lr / at(sequential, r.epoch).lr, ratio, 1e-12);
  states(
    `${sig(at(chained, 1).lr, 3)} after epoch 1 instead of ${sig(at(sequential, 1).lr, 3)}, a highest value of ${sig(peak.lr, 3)} after epoch ${peak.epoch}, and from then on the rate is always ${sig(ratio, 3)} times`,
  );
  // The try-it.
  states(`it tops out at ${sig(peak.lr, 3)}, not 0.1`);
  states(`${sig(at(sequential, 5).lr, 4)} after epoch 5, and a steady 5% less after every epoch`);
  for (const r of sequential.slice(5)) close(r.lr / at(sequential, r.epoch - 1).lr, 0.95, 1e-12);
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

test('practice beyond the lesson: the numbers the exercises state are their presets\u2019 runs', () => {
  const exercise = (id) => BEYOND_EXERCISES.find((e) => e.id === id);
  const says = (id, claim) => {
    const { statement, hint } = exercise(id);
    assert.ok(`${statement} ${hint}`.includes(claim), `${id}: ${claim}`);
  };
  const momentum = train('sgd-momentum');
  const plain = train('sgd-momentum', { momentum: '0' });
  says(
    'plain-sgd-25',
    `plain SGD\u2019s training loss is then still ${sig(at(plain, 25).trainLoss, 2)} after epoch 25, where momentum 0.9 had reached ${sig(at(momentum, 25).trainLoss, 2)}`,
  );
  const batches = train('batches');
  says('batch-step-size', `mini-batch of 16 wines and cuts after epoch ${changes(batches)[0]}`);
  const whole = Math.floor(batches.trainSize / 16);
  assert.equal(batches.batches, whole + 1, 'a smaller last batch');
  says(
    'batch-step-size',
    `${batches.trainSize} training wines in batches of 16 make ${whole} full batches and a smaller last one`,
  );
  const onecycle = train('onecycle');
  const highest = onecycle.reduce((best, r) => (r.lr > best.lr ? r : best)).epoch;
  says('onecycle-peak', `highest after epoch ${highest} of ${onecycle.length}`);
  says(
    'onecycle-peak',
    `pct_start \u00d7 ${onecycle.length * onecycle.batches} steps (${onecycle.length} epochs of ${onecycle.batches} batches)`,
  );
  says('onecycle-peak', `Epoch 3 ends after batch ${3 * onecycle.batches}`);
});

test('the schedule preview\u2019s made-up metric stalls where the lesson\u2019s run does', () => {
  // The preview's caption says its metric improves until epoch LAST_IMPROVEMENT "as in the lesson's
  // run": the epoch of the run's ReduceLROnPlateau's last new best.
  const lesson = train('lesson');
  const bests = lesson.map((r) => r.schedulerState.best);
  const lastImprovement = lesson.findLast((r, i) => i === 0 || bests[i] !== bests[i - 1]).epoch;
  assert.equal(LAST_IMPROVEMENT, lastImprovement);
});

test('practice on the lesson\u2019s run: the numbers the exercises state are the core\u2019s', () => {
  const says = (id, claim) => {
    const { statement, hint } = EXERCISES.find((e) => e.id === id);
    assert.ok(`${statement} ${hint}`.includes(claim), `${id}: ${claim}`);
  };
  const lesson = train('lesson');
  const firstCut = changes(lesson)[0];
  says('patience-25', `ReduceLROnPlateau makes its first cut after epoch ${firstCut}`);
  says('patience-25', `with patience 10, ${firstCut} = best + 11`);
  says('above-90', `this network finishes at ${pct(lesson.at(-1).valAcc)}% validation accuracy`);
  // The wine data as the core reads it: its features, and the ranges of proline and hue (columns
  // 13 and 11 of scikit-learn's layout).
  const rows = csv('wine').trim().split('\n').slice(1);
  const features = Number(csv('wine').split('\n')[0].split(',')[1]);
  says('above-90', `The ${features} measurements sit on very different scales`);
  const column = (i) => rows.map((r) => Number(r.split(',')[i]));
  const range = (i) => [Math.min(...column(i)), Math.max(...column(i))];
  const [proline, hue] = [range(12), range(10)];
  says('above-90', `proline runs from ${proline[0]} to ${proline[1]}`);
  says('above-90', `hue stays between ${hue[0]} and ${hue[1]}`);
  const step = train('steplr');
  says(
    'exp-meets-step',
    `cuts ${WORDS[changes(step).length]} times and ends at ${formatLr(step.at(-1).lr)}`,
  );
});
