// Cold start of the built page in headless Chromium (bench/cold-load.mjs: a fresh profile each load;
// the lesson text, the first usable Step and everything drawn, timed in the page): the median of 5
// loads, plus the page's own marks (performance.mark 'lrplay:*', main.js and the worker) for the
// median load, with DOMContentLoaded and the first paint, to see what waits on what.
// `npm run build` first; then
//   node bench/start_bench.mjs [loads]
// Timings depend on the machine's load: note it with the numbers. bench/start_floor.mjs times the
// same way pages that do less, to see what a cold start costs on this machine at best.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coldLoad, median as medianOf } from './cold-load.mjs';
import { serve } from '../tests/web/static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const loads = Number(process.argv[2] ?? 5);
// LRPLAY_DIST: another build to compare (e.g. the previous commit's dist/).
const server = await serve(path.resolve(process.env.LRPLAY_DIST ?? path.join(root, 'dist')));
try {
  const url = `http://127.0.0.1:${server.address().port}/`;
  const runs = [];
  for (let i = 0; i < loads; i++) runs.push(await coldLoad(url));
  const byStep = [...runs].sort((a, b) => a.step - b.step);
  const median = (key) => medianOf(runs, key);
  const ms = (x) => `${x.toFixed(0)} ms`;
  console.log(
    `cold loads: ${loads} (fresh profile each), each: step ${runs.map((r) => ms(r.step)).join(', ')}`,
  );
  console.log(
    `lesson text: ${ms(median('lesson'))} (median); first contentful paint ${ms(median('fcp'))}`,
  );
  console.log(`first usable Step: ${ms(median('step'))} after navigation (median of ${loads})`);
  console.log(`everything drawn (window.__lrplay.ready): ${ms(median('ready'))} (median)`);
  const mid = byStep[Math.floor(loads / 2)];
  console.log('marks of the median load (ms after navigation):');
  for (const [name, t] of mid.marks.sort((a, b) => a[1] - b[1]))
    console.log(`  ${t.toFixed(0).padStart(5)}  ${name}`);
} finally {
  server.close();
}
