// Wires the page: the views, the two sessions (session/single.js: the learner's run;
// session/compare.js: runs side by side), the toolbar and the player. Training runs in a Web Worker
// (engine/worker.js, reached through engine/client.js); the session on screen turns the epoch records
// it sends back (model/records.js) into views, drawn at most once per frame (session/drawing.js).
// Test hook: window.__lrplay (test-hook.js), installed once the page has started.
// boot.js has taken over the engine worker (started by the built page's <head>) and loaded the
// styles before this module loads; the page's start, in its order (Step usable first; Chart.js,
// the settings form, compare mode and the practice exercises after it), is start-up.js's.
import { loadLater, mark, startPage } from './start-up.js';
import { installSchema } from './model/settings.js';
import { PRESETS, presetSettings } from './model/presets.js';
import { toHash } from './model/settings-hash.js';
import { configOf, parseCompareHash } from './model/compare-runs.js';
import { linkUse, rangeFromLink, rangeToHash, startFromLink } from './model/links.js';
import { pytorchScript } from './model/script.js';
// Practice, Copy link, export, shortcuts and chart summaries read the run through the RunLog.
import { RunLog } from './model/run-log.js';
import { SingleSession } from './session/single.js';
import { Player } from './session/player.js';
import { TaskQueue } from './session/tasks.js';
import { DrawQueue } from './session/drawing.js';
import { byId as $ } from './views/dom.js';
import { ChartSet } from './views/charts.js';
import { setChartTheme } from './views/chart-theme.js';
import { ThemeToggle } from './views/theme.js';
import { ConsoleView } from './views/console.js';
import { SchedulerPanel } from './views/scheduler-panel.js';
import { SchedulePreview } from './views/preview.js';
import { StatusLine } from './views/status.js';
import { mountLesson } from './views/lesson.js';
import { Controls } from './views/controls.js';
import { showMode, showSizes } from './views/mode.js';
import { mountExtras } from './views/extras.js';
import { LessonReturn } from './views/lesson-return.js';
import { LastRun } from './views/last-run.js';
import { installTestHook } from './test-hook.js';

mark('main-start');

let engine = null;
let single = null; // SingleSession, once the core has loaded
let comparison = null; // compare.session (CompareSession), once compare mode's parts are made
let session = null; // the one on screen: single or comparison

const theme = new ThemeToggle($('theme-toggle'));
theme.subscribe(setChartTheme);
const status = new StatusLine($('status'));
const tasks = new TaskQueue((error) => status.set(error.message, 'error'));
const act = (task) => tasks.act(task);
const player = new Player({
  step: train,
  onStop: invalidate,
  onError: (error) => status.set(`Training stopped: ${error.message}`, 'error'),
});
const drawing = new DrawQueue(() => player.playing && player.rate === Infinity);
const charts = new ChartSet({
  loss: $('loss-chart'),
  lr: $('lr-chart'),
  acc: $('acc-chart'),
  momentum: $('momentum-chart'),
});
mark('charts');
const output = new ConsoleView($('console-card'));
const panel = new SchedulerPanel(document.querySelector('[data-testid="plateau-state"]'));
let settings = null; // RunSettings (the form, upload and range test), once Step is usable
// The range test's settings the core accepted (every setting, as text): the link's (its defaults
// without range-test entries), then the card's; null until the link is read.
let rangeApplied = null;
let compare = null; // compare mode's { section, view, session } (compare-mode.js), once made
const controls = new Controls({
  step: () => settle().then(() => train(1).catch(() => {})),
  step10: () => settle().then(() => train(10).catch(() => {})),
  // Pause queues an empty request, so the page acknowledges it once the batch in flight has landed.
  play: () =>
    player.playing
      ? (player.pause(), act(() => {}))
      : settle().then(() => player.play(controls.speed)),
  runAll: () => settle().then(() => player.play(Infinity)),
  reset: () => (player.pause(), act(resetRuns)),
  speed: () => player.playing && player.rate !== Infinity && player.play(controls.speed),
});
let preview = null;
const onReplace = () => player.pause();

/**
 * Compare mode's parts (compare-mode.js), made once: once Step is usable, or before for a link that
 * opens in compare mode, or at the mode switch.
 */
async function compareMode() {
  const { makeCompareMode } = await loadLater();
  if (compare) return;
  compare = makeCompareMode({
    engine,
    single,
    status,
    pause: () => player.pause(),
    act,
    onReplace,
    onStart: () => (updateHash(), invalidate()),
  });
  comparison = compare.session;
}

// The single run's views that need every epoch (SingleSession's EpochView; append yours).
const runLog = new RunLog();
const lastRun = new LastRun(charts, $('last-run')); // the previous run's faint lines
const epochViews = [
  {
    reset: (run) => {
      charts.reset(run);
      $('export-png-momentum').hidden = !run.cyclesMomentum;
    },
    record: (r) => charts.addRecord(r),
  },
  lastRun, // after the charts' reset
  // Each chart draws on its own and only on its canvas, so frames split them apart from each
  // other and from the text (see session/drawing.js).
  { chart: true, render: () => charts.loss.update() },
  { chart: true, render: () => charts.lr.update() },
  { chart: true, render: () => charts.acc.update() },
  { chart: true, render: () => charts.updateMomentum() },
  {
    reset: () => output.reset(),
    render: () => output.render(),
    record(r, run) {
      if (r.lessonLine) output.print(r.lessonLine);
      if (r.lrChanged || r.reason) output.logChange(r);
    },
  },
  {
    reset: (run) => panel.reset(run),
    record: (r) => r.diverged || panel.observe(r.schedulerState, r),
    render: () => panel.render(),
  },
  {
    record: (r, run) => status.showRecord(r, run, run.settings.scheduler),
    render: () => status.render(),
  },
  runLog,
];

/** Before a training click: stop playing, apply edited settings, and wait until they are in place. */
function settle() {
  player.pause();
  settings?.form.flush();
  if (comparison && session === comparison) compare.view.editors.flush();
  return tasks.run(() => {});
}

/**
 * Trains up to n epochs of the runs on screen (all together in compare mode). Resolves to { alive:
 * false once every run is over, ms: the worker's time for the batch }.
 */
function train(n) {
  return tasks.run(async () => {
    if (!session) throw new Error('the WebAssembly core has not loaded yet');
    const live = session.runs.filter((r) => !r.over);
    if (!live.length) return { alive: false, ms: 0 };
    const { records: batches, ms } = await engine.step(live, n);
    session.record(live, batches);
    invalidate();
    return { alive: session.runs.some((r) => !r.over), ms };
  });
}

function drawControls() {
  const { run, last } = session.controls();
  controls.render(run, last, player.playing);
}

function invalidate() {
  if (session) drawing.invalidate([drawControls, ...session.parts]);
}

/**
 * The hash holds the single run's settings, the range test's that differ from their defaults, and
 * the compared runs while compare mode is on.
 */
function updateHash() {
  const parts = [
    toHash(single.values).slice(1),
    rangeApplied ? rangeToHash(rangeApplied, engine.schema.lrFindSettings) : '',
    session === comparison ? comparison.hash() : '',
  ].filter(Boolean);
  const url = parts.length ? `#${parts.join('&')}` : `${location.pathname}${location.search}`;
  // Not free even when the URL stays, as for the first run at start-up: then it is left alone.
  if (new URL(url, location.href).href !== location.href) history.replaceState(null, '', url);
}

/** A new single run is in place: the page shows its settings, script, preview and sizes. */
function showRun({ run, values }, message) {
  output.showScript(pytorchScript(run.settings, run.schedulerCode, run.data));
  preview.show(run);
  settings?.show(run, values);
  showSizes(run);
  const match = Object.keys(PRESETS).find((id) => toHash(presetSettings(id)) === toHash(values));
  $('preset').value = match ?? '';
  updateHash();
  status.reset(message);
  invalidate();
}

async function loadPreset(id) {
  settings?.form.clearErrors();
  await single.loadPreset(id, session === comparison ? ' Back to a single run.' : '');
  setSession(single);
}

async function resetRuns() {
  player.pause();
  status.reset(await session.reset());
  invalidate();
}

/** Switches between the single run and the comparison. */
async function toggleMode() {
  await compareMode();
  if (session === single) await comparison.enter();
  else status.reset(`Single run: back to your run, at epoch ${single.epoch}.`);
  setSession(session === single ? comparison : single);
}

function setSession(next) {
  session = next;
  showMode(session === comparison, compare?.section);
  updateHash();
  invalidate();
}

function wireControls() {
  $('lr-log').addEventListener('change', (e) => charts.lr.setLog(e.target.checked));
  $('loss-log').addEventListener('change', (e) => charts.loss.setLog(e.target.checked));
  for (const [id, p] of Object.entries(PRESETS)) $('preset').append(new Option(p.label, id));
  $('preset').addEventListener(
    'change',
    (e) => e.target.value && (player.pause(), act(() => loadPreset(e.target.value))),
  );
  $('compare-toggle').addEventListener('click', () => settle().then(() => act(toggleMode)));
  // Jump links scroll without touching the URL hash, which holds the settings.
  document.addEventListener('click', (e) => {
    const link = e.target.closest('a[href="#playground"], a[href="#settings"]');
    if (!link) return;
    e.preventDefault();
    const target = $(link.getAttribute('href').slice(1));
    target.scrollIntoView({ block: 'start' });
    (target.id === 'settings' ? $('param-lr') : target).focus({ preventScroll: true });
  });
}

/** Opens the link's runs: unusable entries fall back to their defaults and the notice names them. */
async function openLink(extras) {
  const hash = location.hash;
  const message = hash.includes('=')
    ? 'Settings loaded from the link. Press Step to train one epoch.'
    : 'Ready: the lesson\u2019s settings. Press Step to train one epoch, or Run to end.';
  const rangeSettings = engine.schema.lrFindSettings;
  const link = await startFromLink(
    hash,
    (v) => single.start(v, message),
    rangeSettings.map((s) => s.key),
  );
  const { ignored } = link; // what the notice names; the range test and compare mode add theirs
  // The range test's settings: the card, built after Step is usable, shows them.
  const fromLink = await rangeFromLink(hash, rangeSettings, (r) => engine.checkLrFind(r));
  ignored.push(...fromLink.ignored);
  rangeApplied = fromLink.range;
  updateHash();
  // Compare mode from the link: its runs, or the default three if any entry is unusable.
  const linked = parseCompareHash(hash, configOf(single.values));
  ignored.push(...linked.ignored);
  if (linked.on) {
    await compareMode();
    const note = 'Compare mode from the link. Press Step or Run to end.';
    try {
      await comparison.start(linked.configs, note, linked.slots);
    } catch (error) {
      ignored.push({ key: 'compared runs', value: '', why: error.message });
      await comparison.startDefault(note);
    }
    setSession(comparison);
  }
  // A link none of whose entries could be used opens the lesson's run, and the page says so.
  const use = linkUse(link);
  if (use.none)
    status.set(
      'Ready: the lesson\u2019s settings, as the link held nothing this page can use. Press Step to train one epoch, or Run to end.',
    );
  extras.share.showIgnored(ignored, use.ending);
}

async function main() {
  const lessonReturn = new LessonReturn({
    back: $('back-to-lesson'),
    status: $('status'),
    toolbar: document.querySelector('.toolbar'),
    charts: document.querySelector('.panels'),
  });
  const lesson = mountLesson($('lesson'), (id, button) => {
    player.pause();
    act(() => loadPreset(id).then(() => lessonReturn.landed(button)));
  });
  mark('lesson');
  const extras = mountExtras(runLog, { charts, csv: (run) => engine.csv(run) });
  wireControls();
  await startPage({
    coreFailed: (error) =>
      status.set(
        `The WebAssembly core could not be loaded (${error.message}). Try a current browser.`,
        'error',
      ),
    firstRun: async (core) => {
      engine = core;
      installSchema(engine.schema.settings, engine.schema.limits, engine.schema.schedulerClasses);
      preview = new SchedulePreview(
        (s, metrics) => engine.schedulePreview(s, metrics),
        $('preview'),
      );
      single = new SingleSession({ engine, views: epochViews, onStart: showRun, onReplace });
      session = single;
      await tasks.run(() => openLink(extras));
    },
    drawControls,
    step: controls.buttons.step,
    invalidate,
    laterParts: async ({ EXERCISES, PracticeView, RunSettings }) => {
      await compareMode();
      const practice = new PracticeView($('lesson'), runLog);
      lesson.numberExercises(EXERCISES.map((e) => e.id));
      settings = new RunSettings({
        engine,
        single,
        comparison,
        comparing: () => session === comparison,
        act,
        pause: () => player.pause(),
        practice,
        rangeApplied: () => rangeApplied,
        onRangeApplied: (range) => {
          rangeApplied = range;
          updateHash();
        },
      });
      showSizes(single.run); // the form's help texts name them too
    },
    flush: () => drawing.flush(),
    lessonRest: () => lesson.loadRest(),
    ready: () =>
      installTestHook({
        engine,
        charts,
        preview,
        lastRun,
        runLog,
        player,
        tasks,
        drawing,
        compare,
        settings,
        session: () => session,
      }),
    updateNotice: $('update-notice'),
  });
}

main();
