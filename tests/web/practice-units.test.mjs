// Unit tests of the page's pure modules behind practice, links and export: the link
// parser, stored progress and the exercise checks on made-up runs. No browser (the wasm core only for its settings table).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LIMITS,
  SETTINGS,
  UPLOADED_DATA,
  defaultFor,
  defaults,
  plainHelp,
} from '../../web/src/model/settings.js';
import { parseHash, toHash } from '../../web/src/model/settings-hash.js';
import { loadProgress, saveProgress, STORAGE_KEY } from '../../web/src/exercises/progress.js';
import { EXERCISES } from '../../web/src/exercises/exercises.js';
import { changedSettings, verdictText } from '../../web/src/exercises/checks.js';
import { startFromLink } from '../../web/src/model/links.js';
import { installCoreSchema } from './schema.mjs';

// The page's settings come from the core's table (installed as main.js does once the worker is ready).
before(installCoreSchema);

test('parseHash keeps usable entries and names the rest', () => {
  const { values, ignored } = parseHash(
    '#patience=3&lr=%3Cscript%3E&nope=1&standardize=yes&scheduler=cosine&t_max=50&patience=4',
  );
  assert.equal(values.patience, '3');
  assert.equal(values.scheduler, 'cosine');
  assert.equal(values.t_max, '50');
  assert.equal(values.lr, '0.1');
  assert.deepEqual(
    ignored.map((i) => [i.key, i.why.split(' ')[0]]),
    [
      ['lr', 'not'],
      ['nope', 'not'],
      ['standardize', 'not'],
      ['patience', 'given'],
    ],
  );
  assert.equal(ignored[0].value, '<script>');
  assert.deepEqual(parseHash('#playground'), { values: defaults(), ignored: [] });
  assert.equal(parseHash(`#lr=${'1'.repeat(3000)}`).ignored[0].key, 'the whole link');
  assert.equal(parseHash('#lr=%E0%A4%A&%%=%').values.lr, '0.1');
  assert.equal(parseHash('#constructor=1&__proto__=2').ignored.length, 2);
  const linked = { ...defaults(), scheduler: 'linear', start_factor: '0.1', standardize: true };
  assert.deepEqual(parseHash(toHash(linked)), { values: linked, ignored: [] });
  // A scheduler or optimizer from a link brings its own defaults, as choosing it does; a value set
  // back to the plain default survives the round trip.
  const onecycle = parseHash('#scheduler=onecycle&optimizer=adamw').values;
  assert.equal(onecycle.base_momentum, '0.85');
  assert.equal(onecycle.weight_decay, '0.01');
  assert.equal(parseHash('#scheduler=cyclic').values.mode, 'triangular');
  assert.equal(parseHash('#scheduler=cyclic&gamma=0.5').values.gamma, '0.5');
  const reset = { ...onecycle, base_momentum: '0.8', weight_decay: '0' };
  assert.deepEqual(parseHash(toHash(reset)), { values: reset, ignored: [] });
});

test('a link made on an uploaded file opens on the default data and says why', () => {
  const hash = toHash({ ...defaults(), dataset: UPLOADED_DATA, lr: '0.05' });
  assert.equal(hash, '#lr=0.05&dataset=upload');
  const { values, ignored } = parseHash(hash);
  assert.equal(values.dataset, defaults().dataset);
  assert.equal(values.lr, '0.05');
  assert.deepEqual(ignored, [
    {
      key: 'dataset',
      value: 'upload',
      why: 'the run was on an uploaded file, which a link cannot carry: this opens on the default data set',
    },
  ]);
});

test('stored progress survives anything in localStorage', () => {
  const store = (text) => ({ getItem: () => text, setItem() {} });
  const ids = ['a', 'b'];
  for (const text of [null, '', '{', 'null', '7', '[]', '{"done":"a"}', '{"answers":[1]}'])
    assert.deepEqual(loadProgress(store(text), ids), { done: new Set(), answers: {} }, text);
  const mixed = '{"done":["a","zzz",3],"answers":{"a":"0.01","b":5,"c":"x"}}';
  assert.deepEqual(loadProgress(store(mixed), ids), {
    done: new Set(['a']),
    answers: { a: '0.01' },
  });
  const blocked = {
    getItem() {
      throw new Error('SecurityError');
    },
    setItem() {
      throw new Error('QuotaExceededError');
    },
  };
  assert.deepEqual(loadProgress(blocked, ids), { done: new Set(), answers: {} });
  assert.equal(saveProgress(blocked, { done: new Set(['a']), answers: {} }), false);
  const saved = new Map();
  const memory = { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => saved.set(k, v) };
  saveProgress(memory, { done: new Set(['b']), answers: { a: 'x'.repeat(500) } });
  assert.ok(saved.get(STORAGE_KEY).length < 200);
  assert.deepEqual([...loadProgress(memory, ids).done], ['b']);
});

/** A made-up run: `lrs` are the rates after each epoch. */
function fakeRun(settings, lrs, extra = {}) {
  const s = { ...defaults(), ...settings };
  const normalized = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)]));
  const records = lrs.map((lr, i) => ({
    epoch: i + 1,
    lr,
    lrUsed: i ? lrs[i - 1] : Number(s.lr),
    lrChanged: i ? lr !== lrs[i - 1] : lr !== Number(s.lr),
    valAcc: 0.5,
  }));
  return {
    settings: normalized,
    records,
    divergence: null,
    over: records.length >= Number(s.epochs),
    answer: '',
    session: { divergence: null, resetAfter: false },
    ...extra,
  };
}
const check = (id, run) => EXERCISES.find((e) => e.id === id).check(run);

test('the exercise checks read the run they are given', () => {
  assert.equal(EXERCISES.length >= 5, true);
  assert.equal(new Set(EXERCISES.map((e) => e.id)).size, EXERCISES.length);
  // gamma at ExponentialLR's own default (the core's defaultsBy, else its default) is not a change.
  const expGamma = String(defaultFor('gamma', 'exp'));
  assert.deepEqual(changedSettings(fakeRun({ scheduler: 'exp', gamma: expGamma }, []).settings), [
    'scheduler',
  ]);
  assert.deepEqual(changedSettings(fakeRun({ scheduler: 'exp', gamma: '0.777' }, []).settings), [
    'scheduler',
    'gamma',
  ]);

  const step = fakeRun(
    { scheduler: 'step' },
    [...Array(50)].map((_, i) => (i < 29 ? 0.1 : 0.01)),
  );
  // `predicted`: the answer as it stood at epoch 1 of the run.
  const predicted = (answer, before = answer) => ({
    ...step,
    answer,
    session: { ...step.session, predictions: { 'steplr-45': before } },
  });
  assert.match(check('steplr-45', step).message, /Type your prediction/);
  // The scheduler is named by its class, as the settings' select names it.
  assert.equal(
    check('exp-meets-step', fakeRun({}, [0.1])).message,
    'This run uses ReduceLROnPlateau; choose ExponentialLR first.',
  );
  assert.equal(check('steplr-45', predicted('0.01')).pass, true);
  assert.equal(check('steplr-45', predicted('1e-2')).pass, true);
  assert.equal(check('steplr-45', predicted('0.001')).pass, false);
  assert.match(check('steplr-45', predicted('ten')).message, /not a number/);
  // The card's verdict is a sentence of its own and the message does not say it again: the card
  // read "Not yet: This run …" (a capital after a colon) and "Passed: Right: the run held …".
  assert.equal(
    verdictText(check('exp-meets-step', fakeRun({}, [0.1]))),
    'Not yet. This run uses ReduceLROnPlateau; choose ExponentialLR first.',
  );
  assert.match(
    verdictText(check('steplr-45', predicted('0.01'))),
    /^Passed\. The run held 0\.01 after epoch 45, as you predicted\. One cut/,
  );
  assert.match(
    verdictText(check('steplr-45', predicted('0.001'))),
    /^Not yet\. You predicted 0\.001, and the run held 0\.01 after epoch 45\./,
  );

  const cutAt = (epoch, patience) =>
    fakeRun(
      { patience },
      [...Array(30)].map((_, i) => (i + 1 < epoch ? 0.1 : 0.01)),
    );
  assert.equal(check('patience-25', cutAt(25, 8)).pass, true);
  assert.match(
    check('patience-25', cutAt(27, 10)).message,
    /best was at epoch 16.*2 epochs too late/,
  );
  assert.match(
    check('patience-25', { ...cutAt(25, 8), settings: { ...cutAt(25, 8).settings, seed: '1' } })
      .message,
    /also changes seed/,
  );

  const ends = (gamma, lr) => fakeRun({ scheduler: 'exp', gamma }, [...Array(99).fill(0.05), lr]);
  assert.equal(check('exp-meets-step', ends('0.933', 9.7e-5)).pass, true);
  assert.match(check('exp-meets-step', ends('0.95', 5.9e-4)).message, /too large/);

  const diverged = { divergence: { epoch: 2, lr: '1e18' }, resetAfter: false };
  assert.match(check('diverge-reset', fakeRun({}, [])).message, /No divergence/);
  assert.match(
    check('diverge-reset', fakeRun({}, [], { session: diverged })).message,
    /press Reset/,
  );
  const after = { session: { ...diverged, resetAfter: true } };
  assert.equal(check('diverge-reset', fakeRun({}, [], after)).pass, true);
});

test('a prediction counts only if it was typed before the run began', () => {
  const step = fakeRun(
    { scheduler: 'step' },
    [...Array(50)].map((_, i) => (i < 29 ? 0.1 : 0.01)),
  );
  const typedLate = (before) => ({
    ...step,
    answer: '0.01',
    session: { ...step.session, predictions: before === undefined ? {} : { 'steplr-45': before } },
  });
  for (const before of [undefined, '', '0.1'])
    assert.match(check('steplr-45', typedLate(before)).message, /before epoch 1.*Reset/, before);
  assert.equal(check('steplr-45', typedLate(' 0.01 ')).pass, true);
  const exercise = EXERCISES.find((e) => e.id === 'steplr-45');
  assert.equal(exercise.predictionEpoch, 45, 'the page covers the preview until epoch 45');
});

test('an exploding run is told apart from a diverged one', () => {
  const losses = [10.8, 2.46e30, 1.02e30, 1.3e15];
  const exploded = fakeRun({ lr: '1e15' }, [1e15, 1e15, 1e15, 1e15]);
  exploded.records.forEach((r, i) => {
    r.trainLoss = losses[i];
    r.exploding = losses[i] > 100 * losses[0];
  });
  const message = check('diverge-reset', exploded).message;
  assert.equal(check('diverge-reset', exploded).pass, false);
  assert.match(message, /lr 1e15 the loss explodes \(training loss 2\.46e30 at epoch 2\)/);
  assert.match(message, /not a divergence/);
  const hint = EXERCISES.find((e) => e.id === 'diverge-reset').hint;
  assert.match(hint, /9e17/);
  assert.match(hint, /1e18, at epoch 2/);
});

test('help texts take split sizes from the run and leave limits to the core', () => {
  for (const s of SETTINGS) {
    assert.doesNotMatch(s.help, /\b(142|36|10000)\b/, `${s.key} hard-codes a number of the run`);
    assert.doesNotMatch(plainHelp(s), /[{}]/, s.key);
  }
  const help = (key) => SETTINGS.find((s) => s.key === key).help;
  assert.match(help('epochs'), /\(\{trainSize\} here\)/);
  assert.match(help('test_size'), /\(\{valSize\} here\)/);
  // The epoch limit is the core's limits().maxEpochs, filled in where the help is shown.
  assert.match(help('epochs'), /\{maxEpochs\}/);
  const epochs = SETTINGS.find((s) => s.key === 'epochs');
  assert.equal(LIMITS.maxEpochs, 10000);
  assert.match(plainHelp(epochs), /At most 10,000\./, 'a count, grouped as the core groups it');
});

test("a value the core refuses falls back to the link's scheduler's own default", async () => {
  const tried = [];
  const start = (values) => {
    tried.push({ ...values });
    if (values.base_momentum === '2')
      throw Object.assign(new Error('base_momentum = 2 is not accepted: (0, 1]'), {
        setting: 'base_momentum',
      });
  };
  const { ignored } = await startFromLink('#scheduler=onecycle&base_momentum=2', start);
  assert.deepEqual(
    ignored.map((i) => i.key),
    ['base_momentum'],
  );
  assert.equal(tried.at(-1).scheduler, 'onecycle');
  assert.equal(tried.at(-1).base_momentum, '0.85');
});
