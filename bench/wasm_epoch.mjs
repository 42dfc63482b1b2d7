// The wasm core's epoch in node (no browser, no page): the lesson's run and a digits mini-batch
// run, trained through the Embind Trainer as web/src/engine/lrplay.js's Run does. Given several
// build directories (each with lrplay.js + lrplay.wasm) it alternates them round by round, so a
// before/after comparison sees the same machine load; it prints each one's median.
//   node bench/wasm_epoch.mjs [dir ...]        (default: web/src/wasm, what the page imports)
// With ONCE=N (and RUN=lesson or digits) it only trains N epochs of that run, untimed: for
// instruction counts, which the machine's load does not change (within ~1.5%; docs/wasm-size.md):
//   ONCE=300 RUN=lesson valgrind --tool=callgrind --smc-check=all --callgrind-out-file=/dev/null \
//     node --no-liftoff --single-threaded --no-opt bench/wasm_epoch.mjs DIR
// and the same with ONCE=600: the difference / 300 is one epoch's instructions. POSTED=1 (below)
// counts the page's whole path instead.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const dirs = process.argv.slice(2);
if (dirs.length === 0) dirs.push(path.join(root, 'web/src/wasm'));
const ROUNDS = Number(process.env.ROUNDS ?? 9);

const csv = {
  wine: await readFile(path.join(root, 'data/wine.csv'), 'utf8'),
  digits: await readFile(path.join(root, 'data/digits.csv'), 'utf8'),
};
// The lesson's defaults; digits as README's native mini-batch row (SGD momentum, OneCycleLR per batch).
const runs = {
  lesson: { settings: { epochs: 10000 }, data: 'wine', epochs: 2000 },
  digits: {
    settings: {
      epochs: 10000,
      dataset: 'digits',
      hidden: '32',
      batch_size: '32',
      optimizer: 'sgd',
      lr: '0.05',
      momentum: '0.9',
      scheduler: 'onecycle',
      max_lr: '0.1',
      scheduler_step: 'batch',
    },
    data: 'digits',
    epochs: 40,
  },
};

const cores = [];
for (const dir of dirs) {
  const { default: create } = await import(pathToFileURL(path.resolve(dir, 'lrplay.js')).href);
  cores.push(await create({ wasmBinary: await readFile(path.resolve(dir, 'lrplay.wasm')) }));
}

// `epochs` epochs as the page's worker asks for them: one call for all (Trainer.run(n), a
// record batch, cpp/wasm/record_batch.hpp); a build from before the batches has only
// Trainer.step(), one call and one record object per epoch.
function train(trainer, epochs) {
  if (!trainer.run) for (let i = 0; i < epochs; i++) trainer.step();
  else trainer.run(epochs);
}

// CPU µs per epoch over `epochs` epochs (one reset before, so every round trains the same epochs).
// Process CPU time rather than wall time: on a shared machine, time spent waiting for a core is
// not counted.
function time(trainer, epochs) {
  trainer.reset();
  const t0 = process.cpuUsage();
  train(trainer, epochs);
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / epochs;
}

// POSTED=1: the epochs as the page gets them, in batches of 500 (about a Play request's): through
// the page's engine next to the build (DIR/../engine, as in web/src), the worker's answer cloned as
// postMessage clones it, then the page's records. A build from before engine/record-batch.js
// posted the records themselves.
async function posted(dir, settings, text, epochs) {
  const engine = path.resolve(dir, '../engine');
  const { Run } = await import(pathToFileURL(path.join(engine, 'lrplay.js')).href);
  const run = new Run(cores[0], settings, text);
  for (let done = 0; done < epochs; done += 500) {
    if (!run.runBatch) {
      structuredClone({ id: 1, result: { runs: [{ records: run.run(500) }] } });
      continue;
    }
    const { batchBuffers, recordsOf } = await import(
      pathToFileURL(path.join(engine, 'record-batch.js')).href
    );
    const batch = run.runBatch(500);
    const message = structuredClone(
      { id: 1, result: { runs: [{ batch }] } },
      { transfer: batchBuffers([batch]) },
    );
    recordsOf(message.result.runs[0].batch, run.recordFrame);
  }
  run.dispose();
}

if (process.env.ONCE && process.env.POSTED) {
  const r = runs[process.env.RUN ?? 'lesson'];
  await posted(dirs[0], r.settings, csv[r.data], Number(process.env.ONCE));
  process.exit(0);
}

if (process.env.ONCE) {
  const r = runs[process.env.RUN ?? 'lesson'];
  const trainer = new cores[0].Trainer(r.settings, csv[r.data], r.data);
  train(trainer, Number(process.env.ONCE));
  trainer.delete();
  process.exit(0);
}

for (const [name, r] of Object.entries(runs)) {
  const trainers = cores.map((core) => new core.Trainer(r.settings, csv[r.data], r.data));
  trainers.forEach((t) => time(t, r.epochs)); // warm-up: tier-up of the wasm code
  const samples = trainers.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    trainers.forEach((t, i) => samples[i].push(time(t, r.epochs)));
  }
  samples.forEach((s, i) => {
    s.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(7)} ${dirs[i].padEnd(40)} median ${s[ROUNDS >> 1].toFixed(2)} CPU µs/epoch (min ${s[0].toFixed(2)})`,
    );
  });
  trainers.forEach((t) => t.delete());
}
