// Cold start of the built page in headless Chromium: every load in a fresh browser profile (no HTTP
// cache, no service worker, no cached wasm code), from navigation to
//   - the lesson text: the first frame whose DOM has the first lesson section's heading (rAF time);
//   - the first usable Step: the first frame in which the Step button is enabled (the page has its
//     first run; a click trains);
//   - everything drawn: window.__lrplay.ready (the charts made and drawn too);
// median of 5 loads, plus the page's own marks (performance.mark 'lrplay:*', main.js and the worker)
// for the median load, with DOMContentLoaded and the first paint, to see what waits on what.
// `npm run build` first; then
//   node bench/start_bench.mjs [loads]
// Timings depend on the machine's load: note it with the numbers.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/web/browser.mjs';
import { serve } from '../tests/web/static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const loads = Number(process.argv[2] ?? 5);
/**
 * Runs in the page before its scripts: notes the first frame (rAF time) in which the lesson text is
 * there, and when the callbacks of the first frame with Step enabled run. Timed in the page, not by
 * the bench's polling: on a loaded machine its round trips to the page lag by hundreds of ms.
 */
function watchStart() {
  const tick = (t) => {
    if (window.__lessonAt === undefined && document.querySelector('#lesson section h2'))
      window.__lessonAt = t;
    // performance.now(), not t: under load a frame's callbacks run well after its start time t,
    // and after the task that enabled Step.
    if (document.querySelector('[data-testid="step"]')?.disabled === false)
      window.__stepAt = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function coldLoad(url) {
  const context = await launchChromium();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchStart);
    await page.goto(url, { waitUntil: 'commit' });
    // Step is disabled in the HTML until the page has a run and draws its toolbar.
    await page.waitForFunction(() => window.__stepAt !== undefined, null, { timeout: 30000 });
    await page.waitForFunction(() => window.__lrplay?.ready, null, { polling: 'raf' });
    return await page.evaluate(() => ({
      step: window.__stepAt,
      ready: performance.now(),
      lesson: window.__lessonAt,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      // With the document's parse end and first paint, which the page's start waits on.
      marks: [
        ...performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('lrplay:'))
          .map((m) => [m.name.slice(7), m.startTime]),
        [
          '(DOMContentLoaded)',
          performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
        ],
        ['(first paint)', performance.getEntriesByName('first-paint')[0]?.startTime ?? NaN],
      ],
    }));
  } finally {
    await context.close();
  }
}

// LRPLAY_DIST: another build to compare (e.g. the previous commit's dist/).
const server = await serve(path.resolve(process.env.LRPLAY_DIST ?? path.join(root, 'dist')));
try {
  const url = `http://127.0.0.1:${server.address().port}/`;
  const runs = [];
  for (let i = 0; i < loads; i++) runs.push(await coldLoad(url));
  const byStep = [...runs].sort((a, b) => a.step - b.step);
  const median = (key) => [...runs].map((r) => r[key]).sort((a, b) => a - b)[Math.floor(loads / 2)];
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
