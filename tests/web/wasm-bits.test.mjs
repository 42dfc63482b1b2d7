// The wasm core's losses bit for bit as the wasm of main at 36d4d0d computed them (before the wasm
// speed work of bench/epoch_loop.cpp): the golden tests allow 1e-4, so a faster wasm kernel that
// summed in another order would pass them; this test does not let it. Each run's train and val
// losses, every epoch, as float32 bit patterns (tests/web/wasm-bits.json).
// Regenerate only on purpose (an intended change of the arithmetic), from the build to pin:
//   LRPLAY_PIN_WASM_BITS=1 node --test tests/web/wasm-bits.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { loadCore, Run } from '../../web/src/engine/lrplay.js';
import { ROOT } from './golden.mjs';

const PINNED = join(ROOT, 'tests/web/wasm-bits.json');

// The lesson (full batch: every sum over its 142 samples), mini-batches of 16 on standardized wine
// with SGD (batches of 16 and a last one of 14), and the digits' wider layers (64-32-10).
const RUNS = {
  lesson: { settings: {}, data: 'wine', epochs: 100 },
  wineBatches: {
    settings: {
      batch_size: '16',
      standardize: 'true',
      optimizer: 'sgd',
      lr: '0.05',
      momentum: '0.9',
    },
    data: 'wine',
    epochs: 20,
  },
  digits: {
    settings: {
      dataset: 'digits',
      hidden: '32',
      batch_size: '32',
      optimizer: 'sgd',
      lr: '0.05',
      momentum: '0.9',
      scheduler: 'onecycle',
      max_lr: '0.1',
      scheduler_step: 'batch',
      epochs: '3',
    },
    data: 'digits',
    epochs: 3,
  },
};

const bits = (x) => new Uint32Array(new Float32Array([x]).buffer)[0].toString(16).padStart(8, '0');

let core;
before(async () => {
  core = await loadCore({ wasmBinary: await readFile(join(ROOT, 'web/src/wasm/lrplay.wasm')) });
});

function lossBits(name) {
  const r = RUNS[name];
  const run = new Run(core, r.settings, readFileSync(join(ROOT, `data/${r.data}.csv`), 'utf8'));
  const records = run.run(r.epochs);
  run.dispose();
  assert.equal(records.length, r.epochs, `${name}: epochs`);
  return records.map((record) => `${bits(record.trainLoss)} ${bits(record.valLoss)}`);
}

if (process.env.LRPLAY_PIN_WASM_BITS) {
  test('pin the wasm losses', () => {
    const pinned = {};
    for (const name of Object.keys(RUNS)) pinned[name] = lossBits(name);
    writeFileSync(PINNED, JSON.stringify(pinned, null, 1) + '\n');
  });
} else {
  const pinned = JSON.parse(readFileSync(PINNED, 'utf8'));
  for (const name of Object.keys(RUNS)) {
    test(`the wasm's ${name} run keeps its losses bit for bit`, () => {
      const got = lossBits(name);
      got.forEach((line, i) => assert.equal(line, pinned[name][i], `${name} epoch ${i + 1}`));
    });
  }
}
