// Unit tests (no browser) of how the page writes rates and losses (web/src/model/format.js), and of
// the texts built on them when a rate is past a double's range: PyTorch's arithmetic gives inf
// (ExponentialLR's gamma 10 after some 300 epochs, StepLR's gamma 1e308), then NaN, and the page
// says so instead of printing Infinity or NaN as a value; and the counts the page writes itself
// (cpp/text.hpp's rule). `node --test tests/web/format-units.test.mjs`.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LOSS_NOT_FINITE,
  RATE_PAST_RANGE,
  correctOf,
  formatCount,
  formatLoss,
  formatLr,
  majorityFloor,
  shortened,
  shownClassName,
} from '../../web/src/model/format.js';
import { factorText, stairLabel } from '../../web/src/model/events.js';
import { describeChange } from '../../web/src/views/status.js';
import { chartSummaries } from '../../web/src/views/summaries.js';
import { describeData, listClassNames } from '../../web/src/views/upload.js';
import { pictureTitle } from '../../web/src/views/export.js';
import { installCoreSchema } from './schema.mjs';

const NOT_A_VALUE = /Infinity|NaN|undefined|null/;

before(installCoreSchema);

test('a rate: 4 significant digits, scientific below 1e-4; no rate is a dash', () => {
  assert.equal(formatLr(0.1), '0.1');
  assert.equal(formatLr(0.010000000000000002), '0.01');
  assert.equal(formatLr(1e-4), '0.0001');
  assert.equal(formatLr(2.5e-7), '2.5e-7');
  assert.equal(formatLr(1e307), '1e307');
  assert.equal(formatLr(0), '0');
  assert.equal(formatLr(null), '\u2013');
  assert.equal(formatLr(undefined), '\u2013');
});

test('a rate past a double\u2019s range is said to be so, whatever its sign or NaN', () => {
  assert.equal(RATE_PAST_RANGE, 'past a double\u2019s range');
  for (const lr of [Infinity, -Infinity, NaN]) assert.equal(formatLr(lr), RATE_PAST_RANGE);
});

test('a loss: 4 significant digits, scientific outside [0.001, 1e5); not finite is said', () => {
  assert.equal(formatLoss(1.0843), '1.084');
  assert.equal(formatLoss(0.012345), '0.01235');
  assert.equal(formatLoss(3.62e-6), '3.62e-6');
  assert.equal(formatLoss(123456), '1.23e5');
  assert.equal(formatLoss(0), '0');
  assert.equal(formatLoss(null), '\u2013');
  assert.equal(formatLoss(undefined), '\u2013');
  for (const loss of [Infinity, -Infinity, NaN]) assert.equal(formatLoss(loss), LOSS_NOT_FINITE);
});

// StepLR(step_size=1, gamma=1e308) from lr 2, as the core reports its first epoch: trained at 2,
// the rate after it inf (cpp/sched_decay.cpp's reason).
const overflow = {
  epoch: 1,
  lrUsed: 2,
  lr: Infinity,
  lrChanged: true,
  event: 'discrete',
  actors: ['StepLR'],
  reason: 'StepLR multiplies the rate by gamma = 1e308 every 1 epoch (epoch 1)',
  reasonAfterEpoch: 'it multiplies the rate by gamma = 1e308 every 1 epoch',
  trainLoss: 10.8,
  valLoss: 12.9,
  valAcc: 0.389,
};

test('a rate change to a rate past the range: status line and stair label say so', () => {
  const sentence = describeChange(overflow);
  assert.equal(
    sentence,
    'StepLR raised the rate at epoch 1 (2 \u2192 past a double\u2019s range): it multiplies the rate by gamma = 1e308 every 1 epoch.',
  );
  assert.equal(stairLabel(overflow), '\u2192 past a double\u2019s range step');
  assert.equal(factorText(0.1, 0), '\u2192 0');
  assert.equal(factorText(2, NaN), '\u2192 past a double\u2019s range');
});

test('the charts\u2019 summaries write the last rate past the range in words', () => {
  const log = {
    last: overflow,
    records: [overflow],
    settings: { lr: '2', scheduler: 'step' },
    divergence: null,
    run: null,
  };
  const text = chartSummaries(log);
  assert.equal(
    text.lr,
    'Learning rate after epoch 1: past a double\u2019s range; 1 change so far, the last after epoch 1.',
  );
  for (const label of Object.values(text)) assert.doesNotMatch(label, NOT_A_VALUE);
});

test('a count: groups of three digits from 1,000 up, as the core writes counts', () => {
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(1000), '1,000');
  assert.equal(formatCount(9999), '9,999');
  assert.equal(formatCount(10000), '10,000');
  assert.equal(formatCount(213000), '213,000');
  assert.equal(formatCount(2 ** 31 - 1), '2,147,483,647');
  assert.equal(formatCount(-1500), '-1,500');
  assert.equal(correctOf(0.5, 3594), '1,797 of 3,594');
});

test('the page\u2019s own counts are grouped; epochs as positions are not', () => {
  const steps = { ...overflow, epoch: 1200, lr: 0.1, lrChanged: false, reason: '', event: 'none' };
  steps.stepLrs = Array(1437).fill(0.1);
  const log = { last: steps, records: [steps], settings: { lr: '0.1', scheduler: 'step' } };
  assert.equal(
    chartSummaries({ ...log, divergence: null, run: null }).lr,
    'Learning rate after epoch 1200: 0.1, stepped 1,437 times an epoch (each step drawn); no change so far.',
  );
  assert.equal(
    describeData({ rows: 1797, features: 64, classes: 10 }),
    '1,797 rows, 64 features, 10 classes',
  );
  // The core's class names, all of them up to six, else the first five and how many more.
  const iris = { rows: 150, features: 4, classes: 3 };
  assert.equal(
    describeData({ ...iris, classNames: ['setosa', 'versicolor', 'virginica'] }),
    '150 rows, 4 features, 3 classes (setosa, versicolor, virginica)',
  );
  assert.equal(describeData({ ...iris, classNames: [] }), '150 rows, 4 features, 3 classes');
  const letters = [...'abcdef'];
  assert.equal(listClassNames(letters), 'a, b, c, d, e, f');
  assert.equal(listClassNames([...letters, 'g']), 'a, b, c, d, e and 2 more');
  const many = Array.from({ length: 1005 }, (_, i) => `n${i}`); // more than the core allows
  assert.equal(listClassNames(many), 'n0, n1, n2, n3, n4 and 1,000 more');
  assert.equal(
    listClassNames(['a name much longer than any column has room for', 'b']),
    'a name much longer than\u2026, b',
  );
  // Cut between code points: 30 flowers (two UTF-16 units each) keep 23 and the ellipsis.
  assert.equal(shownClassName('\u{1F33C}'.repeat(30)), `${'\u{1F33C}'.repeat(23)}\u2026`);
  assert.equal(shownClassName('setosa'), 'setosa');
  // The file name in the data-set select keeps its extension; an emoji is not halved (the select
  // cut UTF-16 units, so a name of emoji could end its start with half of one).
  assert.equal(shortened('measurements_2026.csv', 16, 8), 'measure\u20262026.csv');
  assert.equal(
    shortened('\u{1F33C}'.repeat(20), 16, 8),
    `${'\u{1F33C}'.repeat(7)}\u2026${'\u{1F33C}'.repeat(8)}`,
  );
  assert.equal(shortened('short.csv', 16, 8), 'short.csv');
  const settings = { scheduler: 'step', lr: '0.1', seed: '5', epochs: '10000', warmup: '1000' };
  assert.equal(
    pictureTitle('Loss', { settings, records: Array(1500) }).subtitle,
    '1,000-epoch warm-up, lr = 0.1, seed 5, 1,500 of 10,000 epochs',
  );
});

test('the majority floor is named by its class when the data names it, cut to fit the chart', () => {
  assert.deepEqual(majorityFloor(14, 36), {
    value: (100 * 14) / 36,
    label: 'always the most common class: 38.9%',
    short: 'most common: 38.9%',
  });
  assert.equal(majorityFloor(9, 30, 'versicolor').short, 'most common: 30.0%');
  assert.equal(majorityFloor(9, 30, 'versicolor').label, 'always versicolor: 30.0%');
  // A long name is cut so that the label is never wider than the unnamed one.
  const long = 'a class name far longer than any chart label has room for';
  assert.equal(majorityFloor(9, 30, long).label, 'always a class name fa\u2026: 30.0%');
  assert.ok(
    majorityFloor(100, 100, long).label.length <= majorityFloor(14, 36).label.length,
    'no longer than the unnamed label',
  );
  // No run yet: no line.
  assert.ok(Number.isNaN(majorityFloor(0, 0, 'versicolor').value));
});
