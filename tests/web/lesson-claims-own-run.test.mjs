// The numbers of the lesson's first sections (the schedulers, the data, patience, the printed table)
// and of the summary, each built from the run its try-it preset loads (the wasm core in node, as the
// page's worker trains it) and looked for in the section's text. `npm run wasm` first. The CLI gives
// the same runs: `build/lrplay train`, with `--standardize`, `--scheduler`, `--warmup` as the preset.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { datasetInfo } from '../../web/src/engine/lrplay.js';
import { SETTING } from '../../web/src/model/settings.js';
import { presetSettings } from '../../web/src/model/presets.js';
import { ROOT } from './golden.mjs';
import { installCoreSchema } from './schema.mjs';
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
/** The final validation accuracy of the standardized run for seeds 0 to 30 (sections 6 and 13). */
let seedFinals;
const standardizedSeedFinals = () =>
  (seedFinals ??= [...Array(31)].map(
    (_, seed) => train('standardized', { seed: String(seed) }).at(-1).valAcc,
  ));

test('schedulers and setup: the defaults the text gives are the core\u2019s (PyTorch\u2019s)', () => {
  const states = claimsOf('02-schedulers');
  const d = (key) => SETTING[key].default;
  states(`StepLR(optimizer, step_size, gamma=${d('gamma')})`);
  states(`CosineAnnealingLR(optimizer, T_max, eta_min=${d('eta_min')})`);
  close(Number(d('start_factor')), 1 / 3);
  states(
    `LinearLR(optimizer, start_factor=1/3, end_factor=${Number(d('end_factor')).toFixed(1)}, total_iters=${d('total_iters')})`,
  );
  states(`mode='${d('mode')}': use`);
  states(`factor=${d('factor')}: each cut`);
  states(`patience=${d('patience')}: how many`);
  states(`threshold=${d('threshold')} with threshold_mode='${d('threshold_mode')}'`);
  states(`cooldown=${d('cooldown')}: epochs to wait`);
  states(`min_lr=${d('min_lr')}: the rate`);
  claimsOf('04-setup')(
    `threshold=${d('threshold')} (relative), # cooldown=${d('cooldown')}, min_lr=${d('min_lr')}, eps=1e-8`,
  );
  // OneCycleLR's defaults in the cycles section's code.
  assert.equal(Number(d('final_div_factor')), 1e4);
  claimsOf('10-cycles')(
    `default pct_start=${d('pct_start')}, div_factor=${d('div_factor')}, final_div_factor=1e4`,
  );
});

test('schedulers: StepLR and ExponentialLR (steplr, exponential)', () => {
  const states = claimsOf('02-schedulers');
  const stairs = train('steplr');
  assert.deepEqual(changes(stairs), [30, 60, 90]);
  states(`three evenly spaced stairs, after epochs ${list(changes(stairs))}`);
  // The rate each stretch trains at, from the epochs' own rates.
  const from = [1, ...changes(stairs).map((e) => e + 1)];
  const trainsAt = (e) => sig(at(stairs, e).lrUsed, 4);
  states(
    `epochs ${from[0]}–${from[1] - 1} train at ${trainsAt(from[0])}, epochs ${from[1]}–${from[2] - 1} at ${trainsAt(from[1])}, epochs ${from[2]}–${from[3] - 1} at ${trainsAt(from[2])}, and the last ten at ${trainsAt(from[3]).toFixed(4)}`,
  );
  assert.equal(stairs.length - from[3] + 1, 10, 'the last ten');

  const slide = train('exponential');
  const about = (e) => at(slide, e).lr.toPrecision(2);
  states(
    `With 0.1 and gamma=0.95 the rate is about ${about(10)} after 10 epochs, about ${about(45)} after 45 and about ${about(100)} after 100`,
  );
  // Halving time in epochs, from the run's own ratio between two epochs.
  const perEpoch = at(slide, 2).lr / at(slide, 1).lr;
  states(`it halves roughly every ${(Math.log(2) / -Math.log(perEpoch)).toFixed(1)} epochs`);
  for (const r of slide.slice(1)) close(r.lr / at(slide, r.epoch - 1).lr, perEpoch, 1e-12);
});

test('schedulers: CosineAnnealingLR, its half period of 50 (cosine)', () => {
  const states = claimsOf('02-schedulers');
  const curve = train('cosine');
  const lr = (e) => at(curve, e).lr;
  states(`(${sig(lr(5), 3)} after 5 of 100 epochs)`);
  states(`(${sig(lr(50), 3)} after epoch 50 here)`);
  states(
    `${sig(lr(75), 3)} after epoch 75, ${sig(lr(90), 2)} after epoch 90 and 0 after epoch 100`,
  );
  assert.ok(lr(100) < 1e-15);
  states(`one smooth curve from 0.1 to 0, T_max ${presetSettings('cosine').t_max} epochs long`);
  const half = train('cosine', { t_max: '50' });
  assert.ok(at(half, 50).lr < 1e-15);
  close(at(half, 100).lr, 0.1, 1e-12);
  states('the rate reaches 0 after epoch 50 and is back at 0.1 after epoch 100');
});

test('schedulers: LinearLR, the warm-up and StepLR behind it (linear, warmup)', () => {
  const states = claimsOf('02-schedulers');
  const ramp = train('linear');
  const after = ramp.slice(0, 5).map((r) => sig(r.lr, 3));
  states(
    `epoch 1 trains at ${sig(ramp[0].lrUsed, 3)}; after epochs 1 to 5 the rate is ${after.slice(0, 4).join(', ')} and finally ${after[4]}, where it stays`,
  );
  assert.ok(ramp.slice(4).every((r) => r.lr === ramp[4].lr));

  const warm = train('warmup');
  const rates = warm.slice(0, 5).map((r) => sig(r.lr, 3));
  states(
    `epoch 1 trains at ${sig(warm[0].lrUsed, 3)}, and the rate reads ${rates.slice(0, 4).join(', ')} and then ${rates[4]} after epoch 5`,
  );
  const crossing = firstEpoch(warm, (r) => r.epoch > 5 && r.lr < 0.05);
  states(`the cosine passes 0.05 between epochs ${crossing - 1} and ${crossing}`);
  assert.ok(warm.at(-1).lr < 1e-15);
  states(`reaches 0 after epoch ${warm.length}`);
  states(`On raw features it still ends at ${pct(warm.at(-1).valAcc)}%`);

  const stepAfterWarmup = train('warmup', { scheduler: 'step', step_size: '30' });
  const cuts = changes(stepAfterWarmup).slice(5); // the ramp's five changes first
  states(
    `behind a 5-epoch warm-up cuts after epochs ${list(cuts)}, not ${list(changes(train('steplr')))}`,
  );
});

test('the data and the network: the sizes, the ranges, the first three epochs (lesson, standardized)', () => {
  const states = claimsOf('03-data-model');
  const raw = train('lesson');
  states(`${raw.trainSize} for training, ${raw.valSize} for validation`);
  states(`# ${raw.trainSize} wines to learn from, ${raw.valSize} to check on`);
  const wine = datasetInfo(core, csv('wine'), 'wine.csv');
  states(`# shapes (${wine.rows}, ${wine.features}) and (${wine.rows},)`);
  states(
    `${wine.rows} wines, each described by ${wine.features} chemical measurements (alcohol, malic acid, magnesium, colour intensity, proline and so on) and labelled with one of ${wine.classes} cultivars`,
  );
  // The ranges of two columns of the wine data (proline last, nonflavanoid phenols the 8th).
  const header = csv('wine').split('\n')[0];
  assert.match(header, /^178,13,/, "scikit-learn's layout: rows, features, class names");
  const rows = csv('wine')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number));
  const range = (column) => [
    Math.min(...rows.map((r) => r[column])),
    Math.max(...rows.map((r) => r[column])),
  ];
  states(`Proline runs from ${range(12).join(' to ')}`);
  states(`nonflavanoid phenols stay between ${range(7).join(' and ')}`);
  // 13-10-10-3: weights and biases.
  states(`That is ${13 * 10 + 10 + 10 * 10 + 10 + 10 * 3 + 3} weights and biases in total`);

  const losses = raw.slice(0, 3).map((r) => r.trainLoss);
  states(
    `it starts above ${Math.floor(losses[0])}, climbs to about ${Math.round(losses[1])}, and only then drops`,
  );
  assert.ok(losses[1] > losses[0] && losses[2] < losses[1]);
  const std = train('standardized');
  assert.equal(Math.round(std[0].trainLoss), 1);
  assert.ok(std[1].trainLoss < std[0].trainLoss && std[2].trainLoss < std[1].trainLoss);
  states(
    `the loss starts near 1 and falls steadily, and validation accuracy is already at 100% by epoch ${firstEpoch(std, (r) => r.valAcc === 1)}`,
  );
});

/** The epochs whose validation loss beats the best so far by ReduceLROnPlateau's threshold. */
function improvements(records) {
  const threshold = 1e-4; // the preset's threshold, threshold_mode 'rel'
  let best = Infinity;
  const epochs = [];
  for (const r of records) {
    if (r.valLoss < best * (1 - threshold)) {
      best = r.valLoss;
      epochs.push(r.epoch);
    }
  }
  return epochs;
}

test('setup: patience counted on the seed-5 run (lesson)', () => {
  const states = claimsOf('04-setup');
  const run = train('lesson');
  const last = improvements(run).at(-1);
  const cuts = changes(run);
  states(
    `the validation loss beats its record for the last time at epoch ${last} (about ${sig(at(run, last).valLoss, 5)})`,
  );
  states(`Epochs ${last + 1} to ${cuts[0] - 1} all fall short, so the counter climbs to 10/10`);
  assert.equal(at(run, cuts[0] - 1).schedulerState.numBadEpochs, 10);
  states(`At epoch ${cuts[0]} it would read 11`);
  states(`the rate drops from ${at(run, cuts[0]).lrUsed} to ${sig(at(run, cuts[0]).lr, 4)}`);
  states(`cut every 11 epochs like clockwork: ${list(cuts)}`);
  cuts.slice(1).forEach((cut, i) => assert.equal(cut - cuts[i], 11));
  states(`bad epochs climb 1/10, 2/10 … 10/10 at epoch ${cuts[0] - 1} with no cut yet`);
  states(`to reach epoch ${last}`);
  states(`same last improvement at epoch ${last}`);
});

test('monitoring: the printed table, row by row, and the collapse (lesson)', () => {
  const states = claimsOf('06-monitoring');
  const run = train('lesson');
  const cuts = changes(run);
  const last = improvements(run).at(-1);
  const html = claimsOf('06-monitoring');
  for (let epoch = 10; epoch <= 100; epoch += 10) {
    const r = at(run, epoch);
    const printed = r.lr.toFixed(6);
    assert.equal(r.lessonLine, `Epoch [${epoch}/100], LR: ${printed}`);
    const actual =
      r.lr >= 1e-3 ? String(sig(r.lr, 4)) : sig(r.lr, 4).toExponential().replace('e+', 'e');
    const lastCut = cuts.filter((c) => c <= epoch).at(-1);
    const nextCut = cuts.find((c) => c > epoch);
    // The row as the text writes it: epoch, printed, actual rate, what happened.
    let happened;
    if (lastCut === undefined && improvements(run).includes(epoch)) happened = 'still improving';
    else if (lastCut === undefined)
      happened = `last improvement was at epoch ${last}; ${epoch - last} bad epochs so far`;
    else if (lastCut === cuts[0]) happened = `first cut, after epoch ${lastCut}`;
    else if (lastCut === epoch) happened = `cut after epoch ${epoch} itself`;
    else if (lastCut <= epoch - 10) happened = `no cut since; the next one is due at ${nextCut}`;
    else happened = `cut after epoch ${lastCut}`;
    html(`${epoch}${printed}${actual}${happened}`);
  }
  states(`Cut 4 lands exactly on epoch ${cuts[3]} and cut 5 just misses ${cuts[4] - 1}`);
  assert.equal(cuts[3], 60);
  const sci = (x) => sig(x, 4).toExponential().replace('e+', 'e');
  states(
    `The real values are ${sci(at(run, 90).lr)} at epoch 90 and ${sci(at(run, 100).lr)} at epoch 100`,
  );
  // Longer runs: no cut after epoch 93, the rate stays at 1e-8.
  const longer = train('lesson', { epochs: '150' });
  assert.deepEqual(changes(longer), cuts);
  states(
    `the marker after epoch ${cuts.at(-1)} is the last one, and the learning-rate chart stays flat at ${sci(longer.at(-1).lr)}`,
  );

  const acc = run[1].valAcc;
  assert.ok(run.slice(1).every((r) => r.valAcc === acc));
  states(`Validation accuracy sits at ${pct(acc)}% from epoch 2 to epoch 100`);
  states(`That is ${Math.round(acc * run.valSize)} of ${run.valSize} wines`);
  states(
    `It settles around ${run.at(-1).trainLoss.toFixed(3)} on the training set and ${run.at(-1).valLoss.toFixed(3)} on validation, close to ln 3 ≈ ${Math.log(3).toFixed(4)}`,
  );
  states(`Validation loss stopped improving at epoch ${last}`);
});

test('monitoring: the standardized run, and other seeds (standardized)', () => {
  const states = claimsOf('06-monitoring');
  const run = train('standardized');
  const best = improvements(run).at(-1);
  const first = changes(run)[0];
  states(
    `now reach 100% validation accuracy by epoch ${firstEpoch(run, (r) => r.valAcc === 1)} and finish at ${Math.round(run.at(-1).valAcc * run.valSize)} of ${run.valSize} (${pct(run.at(-1).valAcc)}%)`,
  );
  states(
    `first after epoch ${first}, ${first - best} epochs after the best validation loss at epoch ${best}`,
  );
  const finals = standardizedSeedFinals().map(pct);
  assert.deepEqual([...new Set(finals)].sort(), ['100.0', '97.2']);
  states('seeds 0 to 30 all finish at 97.2% or 100%');
});

test('the training loop: its sizes (lesson)', () => {
  const states = claimsOf('05-loop');
  const run = train('lesson');
  assert.equal(run.batches, 1, 'one full batch');
  states(`EPOCHS = ${run.length}`);
  states(`one Adam update from all ${run.trainSize} wines at once`);
  states(`score the ${run.valSize} held-out wines`);
  states(`The loop runs for ${run.length} epochs`);
  states(
    `one epoch is exactly one Adam update, and ${run.length} epochs are ${run.length} updates`,
  );
  claimsOf('08-batches')(`feeds all ${run.trainSize} training wines through the network at once`);
});

/** The wine data's classes, split as train_test_split(test_size=0.2, random_state=42) splits them. */
function wineClasses() {
  const rows = csv('wine').trim().split('\n').slice(1);
  const label = (i) => Number(rows[i].split(',').at(-1));
  const cli = path.join(ROOT, 'build/lrplay');
  const args = ['split', '--n', String(rows.length), '--test-size', '0.2', '--seed', '42'];
  const [val, fit] = execFileSync(cli, args, { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.split(',').map(label));
  const counts = (labels) => [0, 1, 2].map((c) => labels.filter((l) => l === c).length);
  return { fit: counts(fit), val: counts(val) };
}

test('monitoring: the collapsed model answers with the training set\u2019s class proportions (lesson)', () => {
  const states = claimsOf('06-monitoring');
  const run = train('lesson');
  const { fit, val } = wineClasses();
  const common = fit.indexOf(Math.max(...fit));
  assert.equal(
    fit.reduce((a, b) => a + b),
    run.trainSize,
  );
  // Every validation wine gets the most common class: the accuracy counts that class's wines.
  assert.equal(Math.round(run.at(-1).valAcc * run.valSize), val[common]);
  states(
    `exactly the number that belong to the most common class in the training set (${fit[common]} of its ${run.trainSize} wines)`,
  );
  // The chart's grey dashes are the core's count of that class among the validation wines.
  assert.equal(run.majorityCorrect, val[common]);
  states("its line lies on the chart's grey dashes");
  // A constant answer q scores cross-entropy H(p) + KL(p || q) on classes in proportions p: a
  // training loss within 1e-4 of H(p) means the answer is p to within about a percent.
  const p = fit.map((n) => n / run.trainSize);
  const entropy = -p.reduce((sum, x) => sum + x * Math.log(x), 0);
  const kl = run.at(-1).trainLoss - entropy;
  assert.ok(kl >= -1e-6 && kl < 1e-4, String(kl));
  states(
    `it predicts roughly ${p.map((x) => `${Math.round(x * 100)}%`).join(' / ')} for every wine`,
  );
});

test('summary: the numbers it repeats from the sections (sgd-momentum, standardized)', () => {
  const states = claimsOf('13-summary');
  const full = (id, settingChanges) => firstEpoch(train(id, settingChanges), (r) => r.valAcc === 1);
  states(
    `Adam reaches 100% validation accuracy at epoch ${full('sgd-momentum', { optimizer: 'adam' })}, SGD with momentum 0.9 at epoch ${full('sgd-momentum')} and plain SGD at epoch ${full('sgd-momentum', { momentum: '0' })}`,
  );
  const finals = standardizedSeedFinals();
  states(
    `standardizing the inputs takes it to ${Math.floor(Math.min(...finals) * 100)}–${Math.round(Math.max(...finals) * 100)}% validation accuracy`,
  );
  const stairs = train('steplr');
  const lr0 = Number(stairs[0].lrUsed);
  states(
    `after epoch 100, where gamma100 has to equal ${sig(at(stairs, 100).lr / lr0, 4)}. Now match them after epoch 90 instead, where steplr already sits at its final ${sig(at(stairs, 90).lr, 4).toFixed(4)}`,
  );
  assert.equal(at(stairs, 90).lr, stairs.at(-1).lr);
  const raw = train('lesson');
  states(`collapse to ${Math.round(raw.at(-1).valAcc * raw.valSize)} of ${raw.valSize}`);
});
