// What a cold start costs on this machine at best: the floor pages of bench/start-floor/, timed as
// bench/start_bench.mjs times the page (bench/cold-load.mjs: nothing cached, LRPLAY_COLD's kind of load, localhost, Step usable
// in the first frame that has it enabled), each load of each in turn with the built page itself:
//   (a) a button that a deferred module script enables;
//   (b) (a) plus a worker, started from the <head> as the page's is, that instantiates the build's
//       wasm (Emscripten's glue and dist/'s lrplay.wasm) and answers one message first;
//   (c) (b) with the built index.html's content, stylesheet and theme-init.js (the page's own
//       scripts taken out; the worker started by an inline script where head-start.js is:
//       start-floor/floors.mjs);
//   page: dist/ as it is.
// Never shipped. `npm run build` first; then
//   node bench/start_floor.mjs [loads]        (default 5; one more load first, not counted)
// LRPLAY_DIST=path: another build; LRPLAY_BASE=path: one more build in the rotation, as "base" (the
// previous build, to compare load by load). Timings depend on the machine's load: note it with them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeColdLoads, coldKind, coldLoad, median } from './cold-load.mjs';
import { builtWasm, floorC, writeFloorB } from './start-floor/floors.mjs';
import { serve } from '../tests/web/static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const floors = path.join(root, 'bench/start-floor');
const loads = Number(process.argv[2] ?? 5);
const dist = path.resolve(process.env.LRPLAY_DIST ?? path.join(root, 'dist'));

const site = fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-floor-'));
const wasm = builtWasm(dist);
fs.cpSync(path.join(floors, 'a'), path.join(site, 'a'), { recursive: true });
writeFloorB(path.join(site, 'b'), wasm);
fs.cpSync(dist, path.join(site, 'c'), { recursive: true });
writeFloorB(path.join(site, 'c/floor'), wasm);
fs.rmSync(path.join(site, 'c/floor/index.html'));
const index = path.join(site, 'c/index.html');
fs.writeFileSync(index, floorC(fs.readFileSync(index, 'utf8')));
fs.cpSync(dist, path.join(site, 'page'), { recursive: true });
const base = process.env.LRPLAY_BASE;
if (base) fs.cpSync(path.resolve(base), path.join(site, 'base'), { recursive: true });

const server = await serve(site);
try {
  const url = (name) => `http://127.0.0.1:${server.address().port}/${name}/`;
  const names = ['a', 'b', 'c', 'page', ...(base ? ['base'] : [])];
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  // The first cold load of a run is slower whatever it loads (the browser's files coming in).
  await coldLoad(url('a'));
  for (let i = 0; i < loads; i++)
    // Each round in another order, so that no page always follows the same one.
    for (const name of [...names.slice(i % names.length), ...names.slice(0, i % names.length)])
      runs[name].push(await coldLoad(url(name)));
  const ms = (x) => `${x.toFixed(0)} ms`;
  console.log(
    `cold loads: ${coldKind === 'browser' ? 'a browser started for each' : 'a fresh context each in one running browser'}`,
  );
  for (const name of names) {
    const r = runs[name];
    console.log(
      `${name.padEnd(4)} first usable Step ${ms(median(r, 'step'))} (median of ${loads}: ` +
        `${r.map((x) => ms(x.step)).join(', ')}); first contentful paint ${ms(median(r, 'fcp'))}`,
    );
  }
  for (const name of names) {
    const byStep = [...runs[name]].sort((x, y) => x.step - y.step);
    const marks = byStep[Math.floor(loads / 2)].marks.sort((x, y) => x[1] - y[1]);
    console.log(
      `${name}: marks of the median load: ${marks.map(([m, t]) => `${m} ${t.toFixed(0)}`).join(', ')}`,
    );
  }
} finally {
  await closeColdLoads();
  server.close();
  fs.rmSync(site, { recursive: true, force: true });
}
