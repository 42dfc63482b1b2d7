// The same C++ loop (bench/epoch_loop.cpp: the lesson's epoch as BM_EpochStep times it) natively
// and as wasm in node, headless Chromium and Firefox ESR, run in turn in each round so that all see
// the same machine load; prints each run's median and fastest-round µs per epoch and the ratio
// wasm / native of each to the native run before it, then the median ratios per engine. (The
// fastest of the program's rounds moves least with the machine's load.)
//   cmake --build build-bench --target lrplay_epoch_loop
//   cmake --build build-wasm --target lrplay_epoch_loop lrplay_epoch_loop_web
//   node bench/epoch_loop.mjs [pairs] [native binary] [wasm .cjs]
// (the defaults: 5 pairs, build-bench/bench/lrplay_epoch_loop, build-wasm/lrplay_epoch_loop.cjs;
// the browsers load lrplay_epoch_loop_web.js and .wasm from the .cjs's folder).
// LRPLAY_ENGINES picks the wasm engines, comma-separated (default node,chromium,firefox).
// Every engine runs the program with the same arguments: 100 warm-up lesson runs (10,000 epochs:
// V8 starts the wasm in Liftoff and tiers hot functions up to TurboFan, Firefox in its baseline
// compiler and then Ion), then 100 rounds of 4 runs each (4 so that the browsers' coarser clocks
// add less than 0.5% to a round; bench/epoch_loop_browsers.mjs).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { startBrowsers } from './epoch_loop_browsers.mjs';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const pairs = Number(process.argv[2] ?? 5);
const native = process.argv[3] ?? path.join(root, 'build-bench/bench/lrplay_epoch_loop');
const wasm = process.argv[4] ?? path.join(root, 'build-wasm/lrplay_epoch_loop.cjs');
const engines = (process.env.LRPLAY_ENGINES ?? 'node,chromium,firefox').split(',');
const ARGS = ['100', '100', '4']; // rounds, warm-up runs, runs per round

// The median and fastest round's µs per epoch the program prints.
function times(out) {
  const m = /median ([\d.]+) us, min ([\d.]+) us/.exec(out);
  if (!m) throw new Error(`no times in: ${out}`);
  return { median: Number(m[1]), min: Number(m[2]) };
}

const browserEngines = engines.filter((e) => e !== 'node');
const browsers = browserEngines.length
  ? await startBrowsers(browserEngines, path.dirname(wasm))
  : null;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
try {
  console.log(`node ${process.version}`);
  for (const [engine, agent] of Object.entries(browsers?.versions ?? {}))
    console.log(`${engine}: ${agent}`);
  console.log(`load average at the start: ${load()}`);
  const run = (engine) =>
    engine === 'node'
      ? execFileSync(process.execPath, ['--no-experimental-fetch', wasm, ...ARGS], {
          encoding: 'utf8',
        })
      : browsers.run(engine, ARGS);
  const ratios = Object.fromEntries(engines.map((e) => [e, { median: [], min: [] }]));
  for (let i = 0; i < pairs; i++) {
    const n = times(execFileSync(native, ARGS, { encoding: 'utf8' }));
    const parts = [`native median ${n.median.toFixed(2)} min ${n.min.toFixed(2)} µs`];
    for (const engine of engines) {
      const w = times(await run(engine));
      for (const k of ['median', 'min']) ratios[engine][k].push(w[k] / n[k]);
      parts.push(
        `${engine} median ${w.median.toFixed(2)} min ${w.min.toFixed(2)} µs: ` +
          `${(w.median / n.median).toFixed(2)}x, ${(w.min / n.min).toFixed(2)}x`,
      );
    }
    console.log(parts.join('; '));
  }
  const mid = (v) => v.sort((a, b) => a - b)[v.length >> 1].toFixed(2);
  for (const engine of engines)
    console.log(
      `wasm in ${engine} / native over ${pairs} pairs: median ${mid(ratios[engine].median)}x, ` +
        `fastest rounds ${mid(ratios[engine].min)}x`,
    );
  console.log(`load average at the end: ${load()}`);
} finally {
  await browsers?.close();
}
