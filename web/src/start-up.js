// The page's start, in the order that makes Step usable first (web/README.md, "Start-up"): the
// core, the link's first run and the toolbar; the clicks on the Step that the <head>'s script
// enabled early (engine/head-start.js), trained; then the rest of the page's code (later.js, a
// chunk of its own), Chart.js, the settings form and the lesson's later sections, until the page is
// laid out whole; the service worker once the page has settled. main.js wires the page and hands
// in each stage's work; the order, and the marks that time it, are here.
import { engineStarting } from './engine/start.js';
import { loadChartJs } from './views/chartjs-loader.js';

/** A start-up mark (bench/start_bench.mjs reads every 'lrplay:*' mark). */
export const mark = (name, startTime) =>
  performance.mark(`lrplay:${name}`, startTime && { startTime });

let later = null; // import('./later.js'), once asked
/** later.js's parts: asked once Step is usable, or before by a link that opens in compare mode. */
export const loadLater = () => (later ??= import('./later.js'));

/**
 * Clicks on the Step that the <head> enabled before the first run was drawn, counted there: each
 * trains now, through the button's own handler, as any click from now on.
 */
function trainEarlySteps(step) {
  const earlySteps = window.lrplayEarlySteps?.() ?? 0;
  delete window.lrplayEarlySteps;
  for (let i = 0; i < earlySteps; i++) step.click();
}

/**
 * Starts the page once its views are built and wired (main.js).
 * @param {object} stages
 * @param {(error: Error) => void} stages.coreFailed     the core did not load: the start ends here
 * @param {(engine: object) => Promise<void>} stages.firstRun  the core's schema installed and the
 *   link's runs started with it (engine/client.js's Engine)
 * @param {() => void} stages.drawControls   the toolbar, Step usable with the first run
 * @param {HTMLButtonElement} stages.step     the Step button, whose handler trains early clicks
 * @param {() => void} stages.invalidate     the runs on screen are drawn in the next frames
 * @param {(later: object) => Promise<void>} stages.laterParts  the parts made from later.js's
 *   exports (compare mode, practice, the settings form)
 * @param {() => void} stages.flush          draws what waits to be drawn, now
 * @param {() => Promise<void>} stages.lessonRest  the lesson's later sections (views/lesson.js)
 * @param {() => void} stages.ready          the page has started (main.js's test hook)
 * @param {HTMLElement} stages.updateNotice  where the service worker offers a new version
 */
export async function startPage(stages) {
  let engine;
  try {
    engine = await engineStarting;
    for (const [name, t] of Object.entries(engine.schema.timings))
      mark(`worker:${name}`, t - performance.timeOrigin);
    mark('core-ready');
  } catch (error) {
    stages.coreFailed(error);
    return;
  }
  await stages.firstRun(engine);
  mark('first-run');
  // The toolbar first: Step is usable from the next frame on (a click trains with or without the
  // form); the settings form and the charts come after it.
  stages.drawControls();
  mark('step-usable');
  trainEarlySteps(stages.step);
  // The rest of the page's code, then Chart.js (chunks of their own) from now on; the charts draw as
  // it arrives.
  const rest = loadLater();
  const charting = loadChartJs();
  stages.invalidate();
  await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
  const parts = await rest;
  await stages.laterParts(parts);
  mark('form');
  stages.flush();
  await charting;
  mark('charts-drawn');
  // The lesson's later sections, once the run is drawn (see views/lesson.js).
  await stages.lessonRest();
  // The page is laid out whole from now on (styles/layout.css: what start-up leaves out of its
  // layouts).
  delete document.documentElement.dataset.starting;
  mark('lesson-complete');
  stages.ready();
  mark('ready');
  // The service worker's precaching (the whole site) waits until the page has settled.
  const idle = window.requestIdleCallback ?? ((fn) => setTimeout(fn, 1000));
  idle(() => parts.registerServiceWorker(stages.updateNotice), { timeout: 3000 });
}
