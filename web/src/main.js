// Wires the page: the engine's Run is the model, the ui/ modules are views of it, and oneStep()
// drives one epoch of the model and then the views. Test hook: window.__lrplay (see web/README.md).
import './style.css';
import wineCsv from '../../data/wine.csv?raw';
import { loadCore, normalizeSettings, Run } from './engine/lrplay.js';
import {
  PRESETS,
  SETTING,
  defaultFor,
  defaults,
  fromHash,
  presetSettings,
  toHash,
  SCHEDULERS,
} from './ui/settings.js';
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

const $ = (id) => document.getElementById(id);

let core = null;
let run = null; // the Run on screen; always built from valid settings
let values = defaults(); // the applied settings as the form holds them
let settings = null; // the same, normalized by the engine (all strings)
let last = null; // the last epoch record

const status = new StatusLine($('status'));
const charts = new ChartSet({ loss: $('loss-chart'), lr: $('lr-chart'), acc: $('acc-chart') });
const output = new ConsoleView($('console-card'));
const panel = new SchedulerPanel(document.querySelector('[data-testid="plateau-state"]'));
const form = new SettingsForm($('settings'), $('error'), { onChange: changeSetting });
const player = new Player({ step: oneStep, render, onStop: render });
const controls = new Controls({
  step: () => (before(), oneStep(), render()),
  step10: () => {
    before();
    for (let i = 0; i < 10 && oneStep(); i++);
    render();
  },
  play: () => (player.playing ? player.pause() : (form.flush(), player.play(controls.speed))),
  runAll: () => (before(), player.play(Infinity)),
  reset: () => resetRun(),
  speed: () => player.playing && player.rate !== Infinity && player.play(controls.speed),
});
let preview = null;

/** Before any training click: apply edited settings, stop playing. */
function before() {
  form.flush();
  player.pause();
}

/** One epoch: the model first, then every view that listens per epoch (drawing waits for render()). */
function oneStep() {
  if (!run || run.finished || run.divergedAt) return false;
  last = run.step();
  if (!last.diverged) {
    charts.addRecord(last);
    if (last.lessonLine) output.print(last.lessonLine);
    if (last.lrChanged || last.reason) output.logChange(last);
    panel.observe(run.schedulerState(), last);
  }
  status.showRecord(last, run, settings.scheduler);
  return !run.finished && !run.divergedAt;
}

function render() {
  charts.update();
  panel.render();
  controls.render(run, last, player.playing);
}

/** Replaces the run on screen with a new one; throws (and changes nothing) if `next` is invalid. */
function startRun(next, message) {
  const normalized = normalizeSettings(core, next);
  const fresh = new Run(core, next, wineCsv);
  player.pause();
  run?.dispose();
  [run, values, settings, last] = [fresh, next, normalized, null];
  charts.reset(run.epochs, run.valSize, Number(settings.lr));
  output.reset();
  output.showScript(pytorchScript(settings));
  panel.reset(settings);
  preview.show(settings);
  form.setValues(values);
  for (const el of document.querySelectorAll('.train-size')) el.textContent = String(run.trainSize);
  for (const el of document.querySelectorAll('.val-size')) el.textContent = String(run.valSize);
  const match = Object.keys(PRESETS).find((id) => toHash(presetSettings(id)) === toHash(values));
  $('preset').value = match ?? '';
  history.replaceState(null, '', toHash(values) || `${location.pathname}${location.search}`);
  status.reset(message);
  render();
}

function changeSetting(key, value) {
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
  try {
    const change = `${key} = ${value} (was ${values[key]})`;
    startRun(next, `New run with ${change}.${note} Charts cleared; press Step or Run to end.`);
    form.clearError(key);
  } catch (error) {
    form.setError(key, error.message);
  }
}

function loadPreset(id) {
  form.clearErrors();
  const changes = Object.entries(PRESETS[id].settings)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
  startRun(
    presetSettings(id),
    `Loaded the ${id} preset (${changes || 'the lesson\u2019s defaults'}). New run from epoch 0.`,
  );
}

function resetRun() {
  player.pause();
  run.reset();
  last = null;
  charts.reset(run.epochs, run.valSize, Number(settings.lr));
  output.reset();
  panel.reset(settings);
  status.reset('Reset to epoch 0: same settings, same starting weights. Press Step to train.');
  render();
}

function wireControls() {
  $('lr-log').addEventListener('change', (e) => charts.lr.setLog(e.target.checked));
  $('loss-log').addEventListener('change', (e) => charts.loss.setLog(e.target.checked));
  for (const [id, p] of Object.entries(PRESETS)) $('preset').append(new Option(p.label, id));
  $('preset').addEventListener('change', (e) => e.target.value && loadPreset(e.target.value));
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
  mountLesson($('lesson'), loadPreset);
  wireControls();
  try {
    core = await loadCore();
  } catch (error) {
    status.set(
      `The WebAssembly core could not be loaded (${error.message}). Try a current browser.`,
      'error',
    );
    return;
  }
  const coreDefaults = normalizeSettings(core, {});
  const ours = normalizeSettings(core, defaults());
  const drift = Object.keys(ours).filter((k) => ours[k] !== coreDefaults[k]);
  if (drift.length)
    console.error(`ui/settings.js defaults differ from the core's: ${drift.join(', ')}`);

  preview = new SchedulePreview(core, $('preview'));
  const ready = 'Ready: the lesson\u2019s settings. Press Step to train one epoch, or Run to end.';
  try {
    const linked = location.hash.includes('=');
    startRun(
      fromHash(location.hash),
      linked ? 'Settings loaded from the link. Press Step to train one epoch.' : ready,
    );
  } catch (error) {
    startRun(defaults(), ready);
    status.set(
      `The link\u2019s settings were rejected (${error.message}); showing the lesson\u2019s defaults.`,
      'warn',
    );
  }
  render();
  window.__lrplay = {
    ready: true,
    chartPointCounts: () => charts.pointCounts(),
    get epoch() {
      return run.epoch;
    },
  };
}

main();
