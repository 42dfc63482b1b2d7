// The page's settings are the core's table (settingsSchema()) plus the page's own lines: these tests
// install the real table, then variants of it, to show that the form, defaults, per-scheduler
// defaults and link parsing follow whatever the core says. No browser.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  limits,
  scheduleExpression,
  schedulerClasses,
  settingsSchema,
} from '../../web/src/engine/lrplay.js';
import {
  PAGE_SETTINGS,
  SCHEDULERS,
  SETTING,
  SETTINGS,
  appliesTo,
  choose,
  defaultFor,
  defaults,
  installSchema,
  plainHelp,
  schedulerName,
  shownAs,
} from '../../web/src/model/settings.js';
import { presetSettings } from '../../web/src/model/presets.js';
import { parseHash } from '../../web/src/model/settings-hash.js';
import { pictureTitle } from '../../web/src/views/export.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { formatLr } from '../../web/src/model/format.js';
import { ROOT } from './golden.mjs';
import { useNodeRuns } from './node-core.mjs';
import { installCoreSchema } from './schema.mjs';

const newRun = useNodeRuns();
let core;
before(async () => {
  core = await installCoreSchema();
});

/** The core's table with some rows changed or added (a copy; the real one is reinstalled after). */
function withRows(change) {
  const schema = structuredClone(settingsSchema(core));
  change(schema);
  installSchema(schema, limits(core));
}

test('every core setting is offered, in the page order, with the core kind, choices and defaults', async (t) => {
  t.after(installCoreSchema);
  const schema = settingsSchema(core);
  assert.deepEqual(SETTINGS.map((s) => s.key).sort(), schema.map((s) => s.key).sort());
  const pageOrder = PAGE_SETTINGS.map((l) => l.key);
  assert.deepEqual(
    SETTINGS.map((s) => s.key).filter((k) => pageOrder.includes(k)),
    pageOrder,
  );
  assert.equal(SETTING.standardize.kind, 'checkbox');
  assert.equal(SETTING.standardize.default, false);
  assert.equal(SETTING.mode.kind, 'select');
  assert.deepEqual(
    SETTING.mode.options.map(([v]) => v),
    schema.find((s) => s.key === 'mode').choices,
  );
  assert.equal(SETTING.threshold.default, schema.find((s) => s.key === 'threshold').default);
  assert.deepEqual(SETTING.step_size.for, ['step']);

  // A setting the core gains without a page line: shown under Other, named by key and core help.
  withRows((rows) =>
    rows.push({
      ...rows.find((r) => r.key === 'cooldown'),
      key: 'grad_clip',
      flag: '--grad-clip',
      help: 'largest gradient norm',
      appliesTo: {},
      default: '0',
    }),
  );
  const clip = SETTING.grad_clip;
  assert.deepEqual([clip.group, clip.label, clip.kind], ['other', 'grad_clip', 'number']);
  assert.equal(plainHelp(clip), 'largest gradient norm');
  assert.equal(SETTINGS.at(-1).key, 'grad_clip');
  assert.equal(defaults().grad_clip, '0');
  assert.equal(parseHash('#grad_clip=32').values.grad_clip, '32');
});

test('the scheduler choices are named by the core\u2019s classes, the ones its PyTorch line calls', async (t) => {
  t.after(installCoreSchema);
  const classes = schedulerClasses(core);
  const offered = SETTING.scheduler.options.map(([value]) => value);
  assert.deepEqual(offered.sort(), Object.keys(SCHEDULERS).sort());
  for (const [value, label] of SETTING.scheduler.options) {
    assert.equal(label, classes[value], value);
    assert.equal(SCHEDULERS[value].name, classes[value], value);
    // The class the core builds for the choice is the one it names (the settings' expression).
    const settings = choose(defaults(), 'scheduler', value).next;
    assert.ok(scheduleExpression(core, settings).startsWith(`${label}(`), value);
  }
  // A name the core changes is the page's at once (the page keeps no copy of its own).
  installSchema(settingsSchema(core), limits(core), { ...classes, step: 'RenamedStepLR' });
  assert.deepEqual(
    SETTING.scheduler.options.find(([value]) => value === 'step'),
    ['step', 'RenamedStepLR'],
  );
  assert.equal(SCHEDULERS.step.name, 'RenamedStepLR');
});

test('the ranges help texts state are the core\u2019s, per scheduler where it has its own', async (t) => {
  t.after(installCoreSchema);
  assert.equal(SETTINGS.filter((s) => /\{range\}/.test(JSON.stringify(s))).length, 0);
  assert.match(SETTING.factor.help, /\(0 \u2264 factor < 1\)/);
  // ConstantLR's factor: (0, 1], the core's rangesBy, on the line the form shows for it.
  assert.match(shownAs(SETTING.factor, 'constant').help, /\(0 < factor \u2264 1\)/);
  assert.match(shownAs(SETTING.factor, 'plateau').help, /\(0 \u2264 factor < 1\)/);
  assert.match(SETTING.start_factor.help, /\(0 < start_factor \u2264 1\)/);
  assert.match(SETTING.end_factor.help, /\(0 \u2264 end_factor \u2264 1\)/);
  assert.match(SETTING.eta_min.help, /\(eta_min \u2265 0\)/);
  assert.match(SETTING.total_iters.help, /\(a whole number from 1 to 1,000,000\)/);
  assert.match(
    SETTING.schedule.help,
    new RegExp(`At most ${SETTING.schedule.core.maxLength} characters\\.$`),
  );
  assert.equal(SETTINGS.filter((s) => /\{maxLength\}/.test(JSON.stringify(s))).length, 0);
  // A range the core changes is the page's at once.
  withRows((rows) => {
    const row = rows.find((r) => r.key === 'total_iters');
    row.min = 2;
    row.max = 50;
  });
  assert.match(SETTING.total_iters.help, /\(a whole number from 2 to 50\)/);
});

test('a typed line\u2019s run is named by the class the core built, the fields\u2019 run by their choice', () => {
  const schedule = 'SequentialLR([StepLR(step_size=50), StepLR(step_size=60)], milestones=[70])';
  const typed = newRun({ schedule });
  const warm = newRun({ scheduler: 'cosine', warmup: '5' });
  try {
    // The fields stay at ReduceLROnPlateau beside a line they cannot show.
    assert.equal(typed.settings.scheduler, 'plateau');
    assert.equal(schedulerName(typed.settings, typed.timetable()), 'SequentialLR');
    const log = { settings: typed.settings, records: [], run: { timetable: typed.timetable() } };
    assert.equal(pictureTitle('Loss', log).title, 'Loss: SequentialLR');
    // The form's warm-up builds a SequentialLR too, named by the scheduler it leads to.
    assert.equal(schedulerName(warm.settings, warm.timetable()), 'CosineAnnealingLR');
    assert.equal(schedulerName({ scheduler: 'step' }, undefined), 'StepLR');
  } finally {
    typed.dispose();
    warm.dispose();
  }
});

test('the readouts index.html paints before the core arrives are the core\u2019s defaults', () => {
  // The first paint shows the lesson's run before the wasm has loaded (the cold start): its epochs
  // and rate are written into the HTML, so they are held to the core's table here.
  const html = readFileSync(join(ROOT, 'web/index.html'), 'utf8');
  const shown = (id) => html.match(new RegExp(`id="${id}">([^<]*)<`))?.[1];
  assert.equal(shown('epochs'), SETTING.epochs.default);
  assert.equal(shown('lr'), formatLr(Number(SETTING.lr.default)));
  assert.equal(shown('epoch'), '0');
});

test("choosing a scheduler gives the settings left at the old one's defaults the new one's", async (t) => {
  t.after(installCoreSchema);
  withRows((rows) => {
    const gamma = rows.find((r) => r.key === 'gamma');
    gamma.defaultsBy = { scheduler: { exp: '0.95' } };
  });
  assert.equal(defaultFor('gamma', 'step'), '0.1');
  assert.equal(defaultFor('gamma', { scheduler: 'exp' }), '0.95');
  const step = { ...defaults(), scheduler: 'step' };
  assert.deepEqual(choose(step, 'scheduler', 'exp'), {
    next: { ...step, scheduler: 'exp', gamma: '0.95' },
    reset: ['gamma'],
  });
  // A gamma the user set stays.
  const mine = { ...step, gamma: '0.5' };
  assert.deepEqual(choose(mine, 'scheduler', 'exp').next.gamma, '0.5');
  assert.equal(presetSettings('exponential').gamma, '0.95');
});

test('appliesTo follows every selector of the core (scheduler, optimizer)', async (t) => {
  t.after(installCoreSchema);
  withRows((rows) => {
    rows.push({
      ...rows.find((r) => r.key === 'scheduler'),
      key: 'optimizer',
      choices: ['adam', 'sgd'],
      default: 'adam',
    });
    rows.find((r) => r.key === 'amsgrad').appliesTo = { optimizer: ['adam'] };
  });
  assert.equal(appliesTo(SETTING.amsgrad, defaults()), true);
  assert.equal(appliesTo(SETTING.amsgrad, { ...defaults(), optimizer: 'sgd' }), false);
  assert.equal(appliesTo(SETTING.step_size, 'step'), true);
  assert.equal(appliesTo(SETTING.step_size, { scheduler: 'exp' }), false);
});

test("parseHash checks a link's values by the core's kind, choices and maxLength", async (t) => {
  t.after(installCoreSchema);
  withRows((rows) =>
    rows.push({
      ...rows.find((r) => r.key === 'lr'),
      key: 'schedule',
      kind: 'text',
      maxLength: 60,
      default: '',
    }),
  );
  const text = 'linear:5,cosine 0.1:x'; // not a number: a text setting takes it
  const { values, ignored } = parseHash(
    `#schedule=${encodeURIComponent(text)}&monitor=loss&hidden=a,b&schedule2=1`,
  );
  assert.equal(values.schedule, text);
  assert.deepEqual(
    ignored.map((i) => [i.key, i.why]),
    [
      ['monitor', 'not offered here; the choices are val_loss, val_acc, train_loss'],
      ['hidden', 'not a list of numbers'],
      ['schedule2', 'not a setting'],
    ],
  );
  assert.match(parseHash(`#schedule=${'x'.repeat(61)}`).ignored[0].why, /longer than 60/);
});
