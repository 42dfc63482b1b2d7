// The generated PyTorch script never prints a runnable program that trains something else: settings
// it cannot express yet are named in a comment and the program is commented out. No browser (the
// wasm core only for its settings table).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaults } from '../../web/src/model/settings.js';
import { notExpressed, pytorchScript } from '../../web/src/model/script.js';
import { installCoreSchema } from './schema.mjs';

before(installCoreSchema);

// The engine hands the script every value as a string.
const settings = (overrides) =>
  Object.fromEntries(
    Object.entries({ ...defaults(), ...overrides }).map(([k, v]) => [k, String(v)]),
  );

test('the lesson settings give a runnable script with no note', () => {
  const script = pytorchScript(settings({}));
  assert.deepEqual(notExpressed(settings({})), []);
  assert.match(script, /^optimizer = optim\.Adam\(/m);
  assert.doesNotMatch(script, /cannot express/);
});

test('settings the script cannot express are named and the program is commented out', () => {
  const cases = [
    [{ optimizer: 'sgd', momentum: '0.9' }, /the optimizer sgd/],
    [{ batch_size: '16' }, /mini-batches of 16/],
    [{ scheduler_step: 'batch' }, /after every batch/],
    [{ dataset: 'iris' }, /the iris data set/],
    [{ schedule: 'StepLR(step_size=30)' }, /StepLR\(step_size=30\)/],
    [{ scheduler: 'onecycle' }, /OneCycleLR/],
  ];
  for (const [overrides, named] of cases) {
    const script = pytorchScript(settings(overrides));
    const what = JSON.stringify(overrides);
    assert.match(script, /cannot express yet/, what);
    assert.match(script, named, what);
    for (const line of script.trimEnd().split('\n')) assert.match(line, /^#/, `${what}: ${line}`);
  }
});
