// The same C++ loop (bench/epoch_loop.cpp: the lesson's epoch as BM_EpochStep times it) natively
// and as wasm in node, run alternately so that both see the same machine load; prints each run's
// median and fastest-round µs per epoch and the ratios wasm / native of each pair, then the median
// ratios. (The fastest of the program's rounds moves least with the machine's load.)
//   cmake --build build-bench --target lrplay_epoch_loop
//   cmake --build build-wasm --target lrplay_epoch_loop
//   node bench/epoch_loop.mjs [pairs] [native binary] [wasm .js]
// (the defaults: 5 pairs, build-bench/bench/lrplay_epoch_loop, build-wasm/lrplay_epoch_loop.cjs)
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const pairs = Number(process.argv[2] ?? 5);
const native = process.argv[3] ?? path.join(root, 'build-bench/bench/lrplay_epoch_loop');
const wasm = process.argv[4] ?? path.join(root, 'build-wasm/lrplay_epoch_loop.cjs');

// The median and fastest round's µs per epoch the program prints.
function times(command, args) {
  const out = execFileSync(command, args, { encoding: 'utf8' });
  const m = /median ([\d.]+) us, min ([\d.]+) us/.exec(out);
  if (!m) throw new Error(`no times in: ${out}`);
  return { median: Number(m[1]), min: Number(m[2]) };
}

const ratios = { median: [], min: [] };
for (let i = 0; i < pairs; i++) {
  const n = times(native, []);
  const w = times(process.execPath, ['--no-experimental-fetch', wasm]);
  for (const k of ['median', 'min']) ratios[k].push(w[k] / n[k]);
  console.log(
    `native median ${n.median.toFixed(2)} min ${n.min.toFixed(2)} µs, wasm median ` +
      `${w.median.toFixed(2)} min ${w.min.toFixed(2)} µs: ${(w.median / n.median).toFixed(2)}x, ` +
      `${(w.min / n.min).toFixed(2)}x`,
  );
}
const mid = (v) => v.sort((a, b) => a - b)[v.length >> 1].toFixed(2);
console.log(
  `wasm / native over ${pairs} pairs: median ${mid(ratios.median)}x, fastest rounds ${mid(ratios.min)}x`,
);
