// One cold load in headless Chromium, timed in the page: nothing of the page cached (no HTTP cache, no
// service worker, no cached wasm code), from navigation to
//   - the lesson text: the first frame whose DOM has the first lesson section's heading (rAF time);
//   - the first usable Step: the first frame in which the Step button is enabled (the worker has
//     made the page's first run; a click trains: at once, or, when the <head>'s script enabled
//     Step before main.js drew that run, as soon as main.js has: web/src/engine/head-start.js);
//   - everything drawn: window.__lrplay.ready (the charts made and drawn too);
// plus the page's own marks (performance.mark 'lrplay:*'), DOMContentLoaded and the first paint.
// bench/start_bench.mjs times the built page with it, bench/start_floor.mjs the floor pages.
// Two kinds of cold load (LRPLAY_COLD):
//   - 'browser' (the default): a browser started for the load, in a fresh profile: the browser's own
//     start-up (its font service, its first renderer process) falls inside the load;
//   - 'context': one browser kept running across the loads, each load in a fresh browser context
//     (an incognito-like profile of its own: empty HTTP cache, no service worker, no code cache): a
//     first visit from a browser the learner already has open, as Lighthouse times a cold load.
import { chromium } from 'playwright-core';
import { chromiumOptions, launchChromium } from '../tests/web/browser.mjs';

export const coldKind = process.env.LRPLAY_COLD ?? 'browser';
if (!['browser', 'context'].includes(coldKind))
  throw new Error(`LRPLAY_COLD=${coldKind}: expected 'browser' or 'context'`);

/** The running browser of 'context' loads, started on the first load. */
let running = null;

/** A fresh context for one load: in a browser of its own, or in the running one. */
async function freshContext() {
  if (coldKind === 'browser') return launchChromium();
  running ??= await chromium.launch(chromiumOptions);
  return running.newContext({ viewport: { width: 1280, height: 800 } });
}

/** Closes the running browser of 'context' loads, if any (the benches call it when done). */
export async function closeColdLoads() {
  await running?.close();
  running = null;
}

/**
 * Runs in the page before its scripts: notes the first frame (rAF time) in which the lesson text is
 * there, and when the callbacks of the first frame with Step enabled run. Timed in the page, not by
 * the bench's polling: on a loaded machine its round trips to the page lag by hundreds of ms.
 */
function watchStart() {
  const tick = (t) => {
    // The first frame's callbacks, and the end of that frame's style and layout (a ResizeObserver's
    // first callback comes right after the frame's layout, before its paint).
    if (window.__firstFrame === undefined) {
      window.__firstFrame = performance.now();
      const laidOut = new ResizeObserver(() => {
        window.__firstLayout = performance.now();
        laidOut.disconnect();
      });
      laidOut.observe(document.documentElement);
    }
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
  const context = await freshContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchStart);
    await page.goto(url, { waitUntil: 'commit' });
    // Step is disabled in the HTML until the page has a run and draws its toolbar.
    await page.waitForFunction(() => window.__stepAt !== undefined, null, { timeout: 30000 });
    await page.waitForFunction(() => window.__lrplay?.ready, null, { polling: 'raf' });
    // A floor page is ready as Step is enabled, which may be before its first paint is recorded.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
    // A floor variant may enable Step frames before its first paint (a hidden button): wait for it.
    await page
      .waitForFunction(() => performance.getEntriesByName('first-paint').length > 0, null, {
        timeout: 5000,
      })
      .catch(() => {});
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
        // What the first paint waits on: the stylesheets' arrival, the first frame's start and the
        // end of its style and layout (then its paint, raster and the compositor's frame).
        [
          '(stylesheets in)',
          ((ends) => (ends.length ? Math.max(...ends) : NaN))(
            performance
              .getEntriesByType('resource')
              .filter((r) => r.initiatorType === 'link' && /\.css$/.test(r.name))
              .map((r) => r.responseEnd),
          ),
        ],
        ['(first frame)', window.__firstFrame],
        ['(first frame laid out)', window.__firstLayout],
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
