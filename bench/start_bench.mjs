// Cold start of the built page in headless Chromium (bench/cold-load.mjs: nothing cached, each load
// in a browser of its own, or with LRPLAY_COLD=context in a fresh context of one running browser;
// the lesson text, the first usable Step and everything drawn, timed in the page): the median of 5
// loads, plus the page's own marks (performance.mark 'lrplay:*', main.js and the worker) for the
// median load, with DOMContentLoaded and the first paint, to see what waits on what.
// `npm run build` first; then
//   node bench/start_bench.mjs [loads]
// LRPLAY_DIST=path: another build. LRPLAY_BASE=path: a second build (the previous one, say) loaded
// in turn with the first, load by load (each served by a process of its own, bench/serve-apart.mjs),
// so both see the same minutes of this machine's load; its figures are printed after the first's.
// Timings depend on the machine's load: note it with the numbers. bench/start_floor.mjs times the
// same way pages that do less, to see what a cold start costs on this machine at best.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeColdLoads, coldKind, coldLoad, median as medianOf } from './cold-load.mjs';
import { serveApart } from './serve-apart.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const loads = Number(process.argv[2] ?? 5);
const builds = [
  ['dist', process.env.LRPLAY_DIST ?? path.join(root, 'dist')],
  ...(process.env.LRPLAY_BASE ? [['base', process.env.LRPLAY_BASE]] : []),
];
const servers = await Promise.all(builds.map(([, dir]) => serveApart(dir)));
try {
  const urls = servers.map(({ port }) => `http://127.0.0.1:${port}/`);
  const runs = builds.map(() => []);
  for (let i = 0; i < loads; i++)
    // Each round in another order, so that neither build always follows the other.
    for (let k = 0; k < builds.length; k++) {
      const b = (i + k) % builds.length;
      runs[b].push(await coldLoad(urls[b]));
    }
  const ms = (x) => `${x.toFixed(0)} ms`;
  builds.forEach(([name, dir], b) => {
    const median = (key) => medianOf(runs[b], key);
    if (builds.length > 1) console.log(`${name}: ${path.resolve(dir)}`);
    console.log(
      `cold loads: ${loads} (${coldKind === 'browser' ? 'a browser started for each' : 'a fresh context each in one running browser'}), each: step ${runs[b].map((r) => ms(r.step)).join(', ')}`,
    );
    console.log(
      `lesson text: ${ms(median('lesson'))} (median); first contentful paint ${ms(median('fcp'))}`,
    );
    console.log(`first usable Step: ${ms(median('step'))} after navigation (median of ${loads})`);
    console.log(`everything drawn (window.__lrplay.ready): ${ms(median('ready'))} (median)`);
    // The worker's own path, less shaken by when its messages reach a busy page: from the core's
    // load to the lesson's run made (what Step waits for; builds before it had only FIRST_RUN)
    // and to the run's description (FIRST_RUN), medians over the loads.
    const since = (r, name) => {
      const at = (n) => r.marks.find(([mark]) => mark === `worker:${n}`)?.[1];
      return (at(name) ?? at('firstRun')) - at('coreLoaded');
    };
    const sinceCore = (name) =>
      medianOf(
        runs[b].map((r) => ({ t: since(r, name) })),
        't',
      );
    console.log(
      `worker, after its core loaded: the lesson's run made ${ms(sinceCore('lessonRunMade'))}, described (FIRST_RUN) ${ms(sinceCore('firstRun'))} (medians)`,
    );
    const mid = [...runs[b]].sort((x, y) => x.step - y.step)[Math.floor(loads / 2)];
    console.log('marks of the median load (ms after navigation):');
    for (const [mark, t] of mid.marks.sort((x, y) => x[1] - y[1]))
      console.log(`  ${t.toFixed(0).padStart(5)}  ${mark}`);
  });
  if (builds.length > 1) {
    const faster = runs[0].filter((r, i) => r.step < runs[1][i].step).length;
    console.log(`dist's Step before base's in ${faster} of ${loads} rounds`);
  }
} finally {
  for (const server of servers) server.close();
  await closeColdLoads();
}
