// The page's core (the wasm) and the native CLI give the same numbers bit for bit: each run's train
// and val loss, every epoch, as float32 bit patterns, and the rate the epoch trained with (a
// double, as the shortest text that reads back as it), pinned in tests/web/wasm-bits.json, which
// both must match. The golden tests allow 1e-4, so a kernel that summed in another order in one
// build would pass them; these tests do not let the builds part (cpp/mlp_kernels.hpp sums in one order of
// its own in both). The CLI prints each loss in the shortest text that reads back as the same
// float32, and each rate as the same double, so its text gives the bits.
// Regenerate only on purpose (an intended change of the arithmetic), from the native CLI, the
// reference (its C library is the one PyTorch's Python uses on Linux):
//   LRPLAY_PIN_WASM_BITS=1 node --test tests/web/wasm-bits.test.mjs
// build/lrplay is made by the test command before these tests (as for lr-find-units.test.mjs).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Run } from '../../web/src/engine/lrplay.js';
import { nodeCore } from './node-core.mjs';
import { ROOT, settingsFromFlags } from './golden.mjs';

const PINNED = join(ROOT, 'tests/web/wasm-bits.json');
const CLI = join(ROOT, 'build/lrplay');

// `lrplay train` flags of each run: the lesson (full batch: every sum over its 142 samples),
// mini-batches of 16 on standardized wine with SGD (batches of 16 and a last one of 14), and the
// digits' wider layers (64-32-10) with OneCycleLR stepped every batch, and CosineAnnealingLR's
// two cosines a step (cpp/cos_rounded.cpp: the C libraries' cos gave this run's rate after epoch
// 22 in two last bits, glibc's 0.0885256621387895 against musl's 0.08852566213878948), and two
// rates computed with pow (cpp/pow_rounded.cpp): PolynomialLR's chainable ratio to the power 0.9
// every batch, and CyclicLR's exp_range, gamma ** iterations. With the C libraries' pow the first
// parted from epoch 33 (glibc's 0.002931148082568298 against musl's 0.0029311480825682983, which
// is the correctly rounded one and now both builds'), the second from epoch 12 (glibc's
// 0.04991518775210041, correctly rounded, against musl's 0.049915187752100416).
const RUNS = {
  lesson: { flags: [], data: 'wine', epochs: 100 },
  wineBatches: {
    flags: '--batch-size 16 --standardize --optimizer sgd --lr 0.05 --momentum 0.9 --epochs 20',
    data: 'wine',
    epochs: 20,
  },
  digits: {
    flags:
      '--dataset digits --hidden 32 --batch-size 32 --optimizer sgd --lr 0.05 --momentum 0.9 ' +
      '--scheduler onecycle --max-lr 0.1 --scheduler-step batch --epochs 3',
    data: 'digits',
    epochs: 3,
  },
  cosine: {
    flags: '--scheduler cosine --optimizer sgd --momentum 0.9 --epochs 30',
    data: 'wine',
    epochs: 30,
  },
  polynomial: {
    flags:
      '--scheduler poly --power 0.9 --total-iters 303 --batch-size 16 --scheduler-step batch ' +
      '--optimizer sgd --momentum 0.9 --epochs 34',
    data: 'wine',
    epochs: 34,
  },
  cyclicExpRange: {
    flags:
      '--scheduler cyclic --mode exp_range --gamma 0.9925 --base-lr 0.01 --max-lr 0.1 ' +
      '--step-size-up 4 --batch-size 16 --scheduler-step batch --optimizer sgd --momentum 0.9 ' +
      '--epochs 20',
    data: 'wine',
    epochs: 20,
  },
};

const flagList = (name) => {
  const { flags } = RUNS[name];
  return Array.isArray(flags) ? flags : flags.split(' ');
};

const bits = (x) => new Uint32Array(new Float32Array([x]).buffer)[0].toString(16).padStart(8, '0');

let core;
before(async () => {
  core = await nodeCore();
});

function wasmLossBits(name) {
  const r = RUNS[name];
  const csv = readFileSync(join(ROOT, `data/${r.data}.csv`), 'utf8');
  const run = new Run(core, settingsFromFlags(flagList(name)), csv);
  const records = run.run(r.epochs);
  run.dispose();
  assert.equal(records.length, r.epochs, `${name}: epochs`);
  return records.map((r) => `${bits(r.trainLoss)} ${bits(r.valLoss)} ${r.lr}`);
}

// The CLI's CSV: epoch,train_loss,val_loss,val_acc,lr.
function cliLossBits(name) {
  const lines = execFileSync(CLI, ['train', ...flagList(name)], { encoding: 'utf8' })
    .trim()
    .split('\n');
  assert.equal(lines[0], 'epoch,train_loss,val_loss,val_acc,lr');
  const rows = lines.slice(1).map((l) => l.split(','));
  assert.equal(rows.length, RUNS[name].epochs, `${name}: epochs`);
  return rows.map(
    ([, train, val, , lr]) => `${bits(Number(train))} ${bits(Number(val))} ${Number(lr)}`,
  );
}

if (process.env.LRPLAY_PIN_WASM_BITS) {
  test('pin the native losses and rates', () => {
    const pinned = {};
    for (const name of Object.keys(RUNS)) pinned[name] = cliLossBits(name);
    writeFileSync(PINNED, JSON.stringify(pinned, null, 1) + '\n');
  });
} else {
  const pinned = JSON.parse(readFileSync(PINNED, 'utf8'));
  for (const name of Object.keys(RUNS)) {
    test(`the wasm's ${name} run keeps its losses and rates bit for bit`, () => {
      const got = wasmLossBits(name);
      got.forEach((line, i) => assert.equal(line, pinned[name][i], `${name} epoch ${i + 1}`));
    });
    test(`the native CLI's ${name} run has the wasm's losses and rates bit for bit`, () => {
      const got = cliLossBits(name);
      got.forEach((line, i) => assert.equal(line, pinned[name][i], `${name} epoch ${i + 1}`));
    });
  }
}
