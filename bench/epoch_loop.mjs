// The same C++ loop (bench/epoch_loop.cpp: the lesson's epoch as BM_EpochStep times it) natively
// and as wasm in node, run alternately so that both see the same machine load; prints each run's
// median µs per epoch and the ratio wasm / native of each pair, then their median.
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

// The median µs per epoch the program prints.
function median(command, args) {
  const out = execFileSync(command, args, { encoding: 'utf8' });
  const m = /median ([\d.]+) us/.exec(out);
  if (!m) throw new Error(`no median in: ${out}`);
  return Number(m[1]);
}

const ratios = [];
for (let i = 0; i < pairs; i++) {
  const n = median(native, []);
  const w = median(process.execPath, ['--no-experimental-fetch', wasm]);
  ratios.push(w / n);
  console.log(`native ${n.toFixed(2)} µs, wasm ${w.toFixed(2)} µs: ${(w / n).toFixed(2)}x`);
}
ratios.sort((a, b) => a - b);
console.log(`median ratio wasm / native ${ratios[pairs >> 1].toFixed(2)}x over ${pairs} pairs`);
