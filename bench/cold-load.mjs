// One cold load in headless Chromium, timed in the page: a fresh browser profile (no HTTP cache, no
// service worker, no cached wasm code), from navigation to
//   - the lesson text: the first frame whose DOM has the first lesson section's heading (rAF time);
//   - the first usable Step: the first frame in which the Step button is enabled (the worker has
//     made the page's first run; a click trains: at once, or, when the <head>'s script enabled
//     Step before main.js drew that run, as soon as main.js has: web/src/engine/head-start.js);
//   - everything drawn: window.__lrplay.ready (the charts made and drawn too);
// plus the page's own marks (performance.mark 'lrplay:*'), DOMContentLoaded and the first paint.
// bench/start_bench.mjs times the built page with it, bench/start_floor.mjs the floor pages.
import { launchChromium } from '../tests/web/browser.mjs';

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

/** { step, ready, lesson, fcp, marks: [[name, ms]] } of one cold load of `url`. */
export async function coldLoad(url) {
  const context = await launchChromium();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchStart);
    await page.goto(url, { waitUntil: 'commit' });
    // Step is disabled in the HTML until the page has a run and draws its toolbar.
    await page.waitForFunction(() => window.__stepAt !== undefined, null, { timeout: 30000 });
    await page.waitForFunction(() => window.__lrplay?.ready, null, { polling: 'raf' });
    // A floor page is ready as Step is enabled, which may be before its first paint is recorded.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
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

/** The median of `key` over the loads that have it (the middle one of an odd count); NaN if none. */
export function median(runs, key) {
  const values = runs.map((r) => r[key]).filter(Number.isFinite);
  return values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}
