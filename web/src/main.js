// Wires the page. Training runs in a Web Worker (engine/worker.js, reached through engine/client.js);
// this thread turns the epoch records it sends back into views and draws, at most once per frame.
// Test hook: window.__lrplay (see web/README.md).
//
// Views of the single-mode run that need every epoch are listed in `epochViews` (append yours):
// each is { reset(run), record(r, run), render(run, last) }, every method optional.
//   reset(run)        a new or reset run, at epoch 0, before its first record.
//   record(r, run)    every epoch record, in order, as batches arrive from the worker. r is Run.step()'s
//                     record (engine/lrplay.js) plus r.schedulerState; r.diverged marks the epoch
//                     where the loss stopped being finite (no numbers then, r.message says so).
//                     run is the RunHandle (engine/client.js: settings, epoch, epochs, lr, finished,
//                     divergedAt, trainSize, valSize) as it stands after the whole batch, so read
//                     the epoch from r. Store here; draw in render().
//   render(run, last) draw; called at most once per animation frame, after records arrived.
// In compare mode the single run stays as it was (these views get nothing); ui/compare.js gets
// the compared runs' records.
import './style.css';
import { Engine } from './engine/client.js';
import { PRESETS, SETTING, defaultFor, defaults, presetSettings } from './ui/settings.js';
import { toHash, SCHEDULERS } from './ui/settings.js';
import { SettingsForm } from './ui/form.js';
import { ChartSet } from './ui/charts.js';
import { ConsoleView } from './ui/console.js';
import { SchedulerPanel } from './ui/plateau.js';
import { SchedulePreview } from './ui/preview.js';
import { Player } from './ui/player.js';
import { StatusLine } from './ui/status.js';
import { mountLesson } from './ui/lesson.js';
import { pytorchScript } from './ui/script.js';
import { Controls } from './ui/controls.js';
import { CompareView } from './ui/compare.js';
import {
  STYLES,
  compareHash,
  defaultConfigs,
  parseCompareHash,
  runSettings,
  schedulerConfig,
} from './ui/compare-runs.js';
// Practice, Copy link, export, shortcuts and chart summaries read the run through the RunLog.
import { RunLog } from './ui/run-log.js';
import { mountExtras } from './ui/extras.js';
import { startFromLink } from './ui/share.js';

const $ = (id) => document.getElementById(id);

let engine = null;
let run = null; // the single-mode RunHandle; always built from valid settings
let values = defaults(); // the applied settings as the form holds them
let settings = null; // the same, normalized by the engine (all strings)
let last = null; // the last epoch record of `run`
let mode = 'single'; // or 'compare'
const compare = { runs: [], configs: defaultConfigs(), shared: null };

const status = new StatusLine($('status'));
const charts = new ChartSet({ loss: $('loss-chart'), lr: $('lr-chart'), acc: $('acc-chart') });
const output = new ConsoleView($('console-card'));
const panel = new SchedulerPanel(document.querySelector('[data-testid="plateau-state"]'));
const form = new SettingsForm($('settings'), $('error'), {
  onChange: (key, value) => (player.pause(), act(() => changeSetting(key, value))),
});
const section = Object.assign(document.createElement('section'), { id: 'compare', hidden: true });
section.className = 'compare';
section.setAttribute('aria-label', 'Comparison of schedulers');
$('settings').before(section);
const compareView = new CompareView(section, {
  change: (i, key, value) => (player.pause(), act(() => changeCompare(i, key, value))),
  add: () => (player.pause(), act(addCompared)),
  remove: (i) => (player.pause(), act(() => removeCompared(i))),
});
const player = new Player({
  step: train,
  onStop: invalidate,
  onError: (error) => status.set(`Training stopped: ${error.message}`, 'error'),
});
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

const epochViews = [
  {
    reset: (run) => charts.reset(run.epochs, run.valSize, Number(run.settings.lr)),
    record: (r) => charts.addRecord(r),
  },
  // Each chart draws on its own, so a slow frame can split them (see draw()).
  { render: () => charts.loss.update() },
  { render: () => charts.lr.update() },
  { render: () => charts.acc.update() },
  {
    reset: () => output.reset(),
    record(r) {
      if (r.lessonLine) output.print(r.lessonLine);
      if (r.lrChanged || r.reason) output.logChange(r);
    },
  },
  {
    reset: (run) => panel.reset(run.settings),
    record: (r) => r.diverged || panel.observe(r.schedulerState, r),
    render: () => panel.render(),
  },
  { record: (r, run) => status.showRecord(r, run, run.settings.scheduler) },
];
const runLog = new RunLog();
epochViews.push(runLog);

// Everything that talks to the engine runs one after the other, in the order it was asked for.
// `requests` counts them for the tests: an action is acknowledged once a request issued at or after
// it has completed and the page is idle (tests/web/browser.mjs, act()).
let queue = Promise.resolve();
let queued = 0;
const requests = { issued: 0, completed: 0 };
function serial(task) {
  queued += 1;
  requests.issued += 1;
  const done = queue.then(task).finally(() => {
    queued -= 1;
    requests.completed += 1;
  });
  queue = done.catch((error) => status.set(error.message, 'error'));
  return done;
}

/** serial() for a click: a failure is already in the status line, so nobody awaits it. (Not for
 * train(), which queues itself.) */
function act(task) {
  serial(task).catch(() => {});
}

/** Before a training click: stop playing, apply edited settings, and wait until they are in place. */
function settle() {
  player.pause();
  form.flush();
  if (mode === 'compare') compareView.editors.flush();
  return serial(() => {});
}

/**
 * Trains up to n epochs of the runs on screen (all together in compare mode). Resolves to { alive:
 * false once every run is over, ms: the worker's time for the batch }.
 */
function train(n) {
  return serial(async () => {
    const runs = mode === 'compare' ? compare.runs : [run];
    const live = runs.filter((r) => !r.over);
    if (!live.length) return { alive: false, ms: 0 };
    const { records: batches, ms } = await engine.step(live, n);
    if (mode === 'compare') {
      live.forEach((r, k) =>
        batches[k].forEach((rec) => compareView.addRecord(runs.indexOf(r), rec)),
      );
      const { text, tone } = compareView.summary();
      status.set(text, tone);
    } else {
      for (const r of batches[0]) {
        last = r;
        for (const view of epochViews) view.record?.(r, run);
      }
    }
    invalidate();
    return { alive: runs.some((r) => !r.over), ms };
  });
}

// Drawing: invalidate() queues every part of the screen (the toolbar, each chart, each view); each
// animation frame draws queued parts until FRAME_BUDGET_MS is spent (in practice the toolbar and one
// chart) and leaves the rest for the next frames, so a long run never makes a long task.
const FRAME_BUDGET_MS = 3;
const FULL_SPEED_FRAME_MS = 30; // at full speed, draw on every other frame: half the work, same news
const drawQueue = [];
let frame = 0;
let lastDraw = 0;

function drawControls() {
  if (mode === 'single') return controls.render(run, last, player.playing);
  const runs = compare.runs;
  const epoch = Math.max(...runs.map((r) => r.epoch));
  const over = runs.every((r) => r.over);
  controls.render(
    { ...runs[0], epoch, lr: NaN, finished: over, divergedAt: 0 },
    null,
    player.playing,
  );
}

/** The drawing jobs of the mode on screen (the same functions every time, so they queue once). */
let singleParts = null;
function parts() {
  if (mode === 'compare') return [drawControls, ...compareView.parts];
  singleParts ??= epochViews.filter((v) => v.render).map((v) => () => v.render(run, last));
  return [drawControls, ...singleParts];
}

function invalidate() {
  for (const part of parts()) if (!drawQueue.includes(part)) drawQueue.push(part);
  frame ||= requestAnimationFrame(draw);
}

function draw(now) {
  frame = 0;
  if (player.playing && player.rate === Infinity && now - lastDraw < FULL_SPEED_FRAME_MS) {
    frame = requestAnimationFrame(draw);
    return;
  }
  lastDraw = now;
  const start = performance.now();
  while (drawQueue.length) {
    drawQueue.shift()();
    if (performance.now() - start > FRAME_BUDGET_MS) break;
  }
  if (drawQueue.length) frame = requestAnimationFrame(draw);
}

/** Draws everything at once (start-up). */
function render() {
  invalidate();
  while (drawQueue.length) drawQueue.shift()();
}

/** The hash holds the single run's settings, plus the compared runs while compare mode is on. */
function updateHash() {
  const single = toHash(values);
  const hash =
    mode === 'compare' ? `${single ? `${single}&` : '#'}${compareHash(compare.configs)}` : single;
  history.replaceState(null, '', hash || `${location.pathname}${location.search}`);
}

/** Replaces the single run with a new one; rejects (and changes nothing) if `next` is invalid. */
async function startRun(next, message) {
  const fresh = await engine.create(next);
  player.pause();
  engine.dispose([run]);
  [run, values, settings, last] = [fresh, next, fresh.settings, null];
  for (const view of epochViews) view.reset?.(run);
  output.showScript(pytorchScript(settings));
  preview.show(settings);
  form.setValues(values);
  for (const el of document.querySelectorAll('.train-size')) el.textContent = String(run.trainSize);
  for (const el of document.querySelectorAll('.val-size')) el.textContent = String(run.valSize);
  const match = Object.keys(PRESETS).find((id) => toHash(presetSettings(id)) === toHash(values));
  $('preset').value = match ?? '';
  updateHash();
  status.reset(message);
  invalidate();
}

async function changeSetting(key, value) {
  const next = { ...values, [key]: value };
  let note = '';
  if (
    key === 'scheduler' &&
    next.gamma === defaultFor('gamma', values.scheduler) &&
    SETTING.gamma.for.includes(value)
  ) {
    next.gamma = defaultFor('gamma', value);
    if (next.gamma !== values.gamma)
      note = ` gamma set to ${next.gamma}, its usual value for ${SCHEDULERS[value].name}.`;
  }
  // A warm-up chains before StepLR, ExponentialLR or CosineAnnealingLR only; the core rejects it
  // with any other scheduler, whose form then hides the field, so it goes back to none.
  if (key === 'scheduler' && !SETTING.warmup.for.includes(value) && next.warmup !== '0') {
    next.warmup = '0';
    note += ` Warm-up removed: ${SCHEDULERS[value].name} has none.`;
  }
  const change = `${key} = ${value} (was ${values[key]})`;
  try {
    await startRun(
      next,
      `New run with ${change}.${note} Charts cleared; press Step or Run to end.`,
    );
    form.clearError(key);
  } catch (error) {
    form.setError(key, error.message);
    return;
  }
  if (mode === 'compare')
    await startCompare(compare.configs, `Every run starts again with ${change}: it is shared.`);
}

async function loadPreset(id) {
  form.clearErrors();
  const changes = Object.entries(PRESETS[id].settings)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
  const back = mode === 'compare' ? ' Back to a single run.' : '';
  await startRun(
    presetSettings(id),
    `Loaded the ${id} preset (${changes || 'the lesson\u2019s defaults'}). New run from epoch 0.${back}`,
  );
  showMode('single');
}

async function resetRuns() {
  player.pause();
  if (mode === 'compare') {
    await engine.reset(compare.runs);
    compareView.reset(compare.runs, compare.configs);
    status.reset('Reset: every run back to epoch 0, from the same starting weights.');
  } else {
    await run.reset();
    last = null;
    for (const view of epochViews) view.reset?.(run);
    status.reset('Reset to epoch 0: same settings, same starting weights. Press Step to train.');
  }
  invalidate();
}

// ---- compare mode ----

const sharedKey = () => JSON.stringify(runSettings(values, {}));

/** New compared runs from `configs` and the shared settings; rejects (changing nothing) if one is invalid. */
async function startCompare(configs, message) {
  const made = await Promise.allSettled(configs.map((c) => engine.create(runSettings(values, c))));
  const fresh = made.filter((m) => m.status === 'fulfilled').map((m) => m.value);
  const failed = made.find((m) => m.status === 'rejected');
  if (failed) {
    engine.dispose(fresh);
    throw failed.reason;
  }
  player.pause();
  engine.dispose(compare.runs);
  Object.assign(compare, { runs: fresh, configs, shared: sharedKey() });
  compareView.reset(fresh, configs);
  updateHash();
  status.reset(message);
  invalidate();
}

async function changeCompare(i, key, value) {
  const configs = compare.configs.map((c) => ({ ...c }));
  configs[i] = key === 'scheduler' ? schedulerConfig(value) : { ...configs[i], [key]: value };
  const was = compare.configs[i][key];
  try {
    const what = `run ${STYLES[i].letter}: ${key} = ${value} (was ${was})`;
    await startCompare(configs, `Compared runs restarted with ${what}. Press Step or Run to end.`);
    compareView.editors.clearError(i, key);
  } catch (error) {
    compareView.editors.setError(i, key, error.message);
  }
}

async function addCompared() {
  const used = new Set(compare.configs.map((c) => c.scheduler));
  const config =
    defaultConfigs().find((c) => !used.has(c.scheduler)) ??
    schedulerConfig('plateau', { patience: '3' });
  await startCompare(
    [...compare.configs, config],
    'Added a run; every run starts again from epoch 0.',
  );
}

async function removeCompared(i) {
  compareView.editors.clear();
  const configs = compare.configs.filter((_, k) => k !== i);
  await startCompare(
    configs,
    `Removed run ${STYLES[i].letter}; the others start again from epoch 0.`,
  );
}

/** Switches between the single run and the comparison (built, or rebuilt if shared settings changed). */
async function setMode(next) {
  if (next === mode) return;
  if (next === 'compare' && compare.shared !== sharedKey()) {
    await startCompare(
      compare.configs,
      'Compare mode: the runs train side by side from the same starting weights. Press Step or Run to end; edit each run under Compared runs.',
    );
  } else {
    status.reset(
      next === 'compare'
        ? 'Compare mode: back to the compared runs.'
        : `Single run: back to your run, at epoch ${run.epoch}.`,
    );
  }
  showMode(next);
}

function showMode(next) {
  mode = next;
  const comparing = mode === 'compare';
  // The single run's panels (and what exports it) make way for the comparison.
  // Copy link stays (the link holds the comparison); the exports (.export-row) are the single
  // run's and hide with body.comparing.
  for (const el of document.querySelectorAll('#playground > .panels')) el.hidden = comparing;
  $('share-help').textContent = comparing
    ? 'The address holds compare mode, each run\u2019s scheduler settings and the shared settings that differ from the lesson\u2019s, so the link replays this comparison.'
    : 'The address holds every setting that differs from the lesson\u2019s, so the link replays this run.';
  section.hidden = !comparing;
  $('lr').closest('.readout').hidden = comparing;
  $('preview').closest('fieldset').hidden = comparing;
  $('settings-title').textContent = comparing ? 'Shared settings' : 'Settings';
  $('compare-toggle').setAttribute('aria-checked', String(comparing));
  document.body.classList.toggle('comparing', comparing);
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
  $('compare-toggle').addEventListener('click', () =>
    settle().then(() => act(() => setMode(mode === 'compare' ? 'single' : 'compare'))),
  );
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

async function main() {
  mountLesson($('lesson'), (id) => (player.pause(), act(() => loadPreset(id))));
  const extras = mountExtras($('lesson'), runLog);
  wireControls();
  try {
    engine = await Engine.start();
  } catch (error) {
    status.set(
      `The WebAssembly core could not be loaded (${error.message}). Try a current browser.`,
      'error',
    );
    return;
  }
  const [coreDefaults, ours] = await Promise.all([
    engine.normalize({}),
    engine.normalize(defaults()),
  ]);
  const drift = Object.keys(ours).filter((k) => ours[k] !== coreDefaults[k]);
  if (drift.length)
    console.error(`ui/settings.js defaults differ from the core's: ${drift.join(', ')}`);

  preview = new SchedulePreview((s, metrics) => engine.schedulePreview(s, metrics), $('preview'));
  const ready = 'Ready: the lesson\u2019s settings. Press Step to train one epoch, or Run to end.';
  await serial(async () => {
    // Unusable entries of the link fall back to their defaults; the notice names them.
    const linked = location.hash.includes('=');
    const message = linked
      ? 'Settings loaded from the link. Press Step to train one epoch.'
      : ready;
    const hash = location.hash;
    const ignored = await startFromLink(hash, (v) => startRun(v, message));
    // Compare mode from the link: its runs, or the default three if any entry is unusable.
    const linkedCompare = parseCompareHash(hash);
    ignored.push(...linkedCompare.ignored);
    if (linkedCompare.on) {
      const note = 'Compare mode from the link. Press Step or Run to end.';
      try {
        await startCompare(linkedCompare.configs, note);
      } catch (error) {
        ignored.push({ key: 'compared runs', value: '', why: error.message });
        await startCompare(defaultConfigs(), note);
      }
      showMode('compare');
    }
    extras.share.showIgnored(ignored);
  });
  render();
  window.__lrplay = {
    ready: true,
    memory: () => engine.memory(),
    alarm: () => charts.alarm,
    chartPointCounts: () => charts.pointCounts(),
    get epoch() {
      return mode === 'compare' ? Math.max(...compare.runs.map((r) => r.epoch)) : run.epoch;
    },
    get mode() {
      return mode;
    },
    /** True when nothing is training, queued or waiting to be drawn. */
    get idle() {
      return !player.playing && queued === 0 && drawQueue.length === 0;
    },
    compareCharts: () => compareView.charts.describe(),
    /** Engine requests issued and completed so far (see serial()). */
    get requests() {
      return { ...requests };
    },
  };
}

main();
