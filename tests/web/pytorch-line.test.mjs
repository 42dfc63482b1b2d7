// The form's "PyTorch line" (the `schedule` setting): it shows the core's expression of the form's
// scheduler, editing it sets the form when the core finds it one of the form's schedulers, any
// other expression becomes the run's scheduler (in the link too), and a bad one shows the core's
// column message while the run on screen stays. Expected values are asked of the same wasm core in
// node. Run `npm run build` first.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';

import { schedulePreview, scheduleExpression, scheduleForm } from '../../web/src/engine/lrplay.js';
import { formatLr } from '../../web/src/model/format.js';
import { click, enter, openApp, select, text, useBrowser } from './browser.mjs';
import { installCoreSchema } from './schema.mjs';

useBrowser();

let core;
before(async () => {
  core = await installCoreSchema();
});

const line = (page) => page.inputValue('[data-testid="param-schedule"]');
const noteShown = (page) => page.isVisible('[data-testid="schedule-note"]');

test('the line shows the form\u2019s scheduler, and follows every change of the form', async () => {
  const { page, problems } = await openApp();
  assert.equal(await line(page), scheduleExpression(core, {}));
  assert.equal(await line(page), 'ReduceLROnPlateau()');
  await select(page, 'scheduler', 'step');
  assert.equal(await line(page), scheduleExpression(core, { scheduler: 'step' }));
  await enter(page, 'param-step_size', '20');
  await enter(page, 'param-warmup', '4');
  const expected = scheduleExpression(core, { scheduler: 'step', step_size: 20, warmup: 4 });
  assert.equal(
    expected,
    'SequentialLR([LinearLR(total_iters=4), StepLR(step_size=20)], milestones=[4])',
  );
  assert.equal(await line(page), expected);
  assert.equal(await noteShown(page), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a line the form can show sets the form\u2019s scheduler fields', async () => {
  const { page, problems } = await openApp();
  const typed =
    'SequentialLR([LinearLR(0.1, total_iters=5), CosineAnnealingLR(95)], milestones=[5])';
  const { expressible, settings } = scheduleForm(core, typed);
  assert.equal(expressible, true);
  await enter(page, 'param-schedule', typed);
  assert.equal(await page.inputValue('[data-testid="scheduler"]'), 'cosine');
  for (const key of ['t_max', 'warmup', 'start_factor', 'eta_min'])
    assert.equal(await page.inputValue(`[data-testid="param-${key}"]`), settings[key], key);
  assert.equal(settings.t_max, '95');
  // The line now shows the core's text of the form, and the link holds the form's settings.
  assert.equal(await line(page), scheduleExpression(core, settings));
  assert.equal(await noteShown(page), false);
  const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
  assert.equal(hash.get('schedule'), null);
  assert.equal(hash.get('t_max'), '95');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a composite line runs as the run\u2019s scheduler, with lrplay schedule --schedule\u2019s rates', async () => {
  const { page, problems } = await openApp();
  const chained =
    'ChainedScheduler([ConstantLR(factor=0.5, total_iters=10), ExponentialLR(gamma=0.98)])';
  assert.equal(scheduleForm(core, chained).expressible, false);
  await enter(page, 'param-schedule', chained);
  assert.equal(await line(page), chained);
  assert.equal(await noteShown(page), true);
  // The select says the line sets the scheduler; the fields' plateau settings, unused, are hidden,
  // and so is the monitored metric: no scheduler of the line reads it.
  assert.deepEqual(scheduleForm(core, chained).schedulers, ['constant', 'exp']);
  assert.equal(await page.inputValue('[data-testid="scheduler"]'), 'by-line');
  assert.equal(
    await page.$eval('[data-testid="scheduler"]', (s) => s.selectedOptions[0].textContent),
    'set by the PyTorch line',
  );
  for (const key of ['factor', 'patience', 'warmup', 'monitor'])
    assert.equal(await page.isVisible(`[data-testid="param-${key}"]`), false, key);
  await click(page, 'step'); // committing the form before Step changes nothing
  assert.equal(await line(page), chained);
  await click(page, 'reset');
  // `lrplay schedule --lr 0.1 --steps 100 --schedule ...`: the same core function in node.
  const rates = schedulePreview(core, { schedule: chained }, new Array(100).fill(0));
  for (let epoch = 10; epoch <= 100; epoch += 10) {
    await click(page, 'step-10');
    assert.equal(await text(page, 'lr'), formatLr(rates[epoch - 1]), `after epoch ${epoch}`);
  }
  assert.equal(formatLr(rates[99]), formatLr(0.1 * 0.98 ** 100));
  // The link carries the expression; opening it gives the same line and run.
  const link = new URL(page.url()).hash;
  assert.equal(new URLSearchParams(link.slice(1)).get('schedule'), chained);
  const again = await openApp(undefined, link);
  assert.equal(await line(again.page), chained);
  assert.equal(await noteShown(again.page), true);
  // A scheduler chosen: the fields set the scheduler again.
  assert.equal(await again.page.inputValue('[data-testid="scheduler"]'), 'by-line');
  await select(again.page, 'scheduler', 'exp');
  assert.equal(await line(again.page), scheduleExpression(core, { scheduler: 'exp' }));
  assert.equal(await noteShown(again.page), false);
  assert.equal(await again.page.isVisible('[data-testid="param-gamma"]'), true);
  assert.deepEqual([...problems, ...again.problems], []);
  await again.page.close();
  await page.close();
});

test('the status names the class a line builds, not the fields\u2019 scheduler', async () => {
  // The line is no scheduler the fields have, so they stay at ReduceLROnPlateau: the status named
  // it ("ReduceLROnPlateau has not changed the rate yet") for a run that never builds one.
  const schedule = 'SequentialLR([StepLR(step_size=50), StepLR(step_size=60)], milestones=[70])';
  assert.equal(scheduleForm(core, schedule).expressible, false);
  const { page, problems } = await openApp(undefined, `#${new URLSearchParams({ schedule })}`);
  await click(page, 'step');
  assert.equal(
    await text(page, 'status'),
    'Epoch 1 trained at rate 0.1. SequentialLR has not changed the rate yet.',
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('beside a line, the form shows only the settings its schedulers use: the metric for ReduceLROnPlateau', async () => {
  const { page, problems } = await openApp();
  // Beyond the form's patience range, so the line, not the fields, sets the scheduler.
  const plateau = 'ReduceLROnPlateau(patience=20000)';
  const form = scheduleForm(core, plateau);
  assert.equal(form.expressible, false);
  assert.deepEqual(form.schedulers, ['plateau']);
  const monitorShown = () => page.isVisible('[data-testid="param-monitor"]');
  await enter(page, 'param-schedule', plateau);
  assert.equal(await noteShown(page), true);
  assert.equal(await monitorShown(), true);
  assert.equal(await page.isVisible('[data-testid="param-patience"]'), false);
  // The metric stays the line's to read: choosing another keeps the line.
  await select(page, 'param-monitor', 'train_loss');
  assert.equal(await line(page), plateau);
  assert.equal(await monitorShown(), true);
  // A line without ReduceLROnPlateau: nothing reads the metric, so it goes.
  await enter(
    page,
    'param-schedule',
    'ChainedScheduler([StepLR(step_size=30), ExponentialLR(gamma=0.99)])',
  );
  assert.equal(await noteShown(page), true);
  assert.equal(await monitorShown(), false);
  // Back to the fields' ReduceLROnPlateau: the metric is one of its settings again.
  await enter(page, 'param-schedule', 'ReduceLROnPlateau()');
  assert.equal(await noteShown(page), false);
  assert.equal(await monitorShown(), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad line shows the core\u2019s column message and the run on screen stays', async () => {
  const { page, problems } = await openApp();
  await click(page, 'step');
  const bad = 'StepLR(step_size=30';
  let message = '';
  try {
    scheduleForm(core, bad);
  } catch (error) {
    message = error.message;
  }
  assert.match(message, /^schedule: column 20: /);
  await enter(page, 'param-schedule', bad);
  assert.equal(await text(page, 'epoch'), '1');
  assert.equal(await page.textContent('#err-schedule'), message);
  assert.equal(await page.getAttribute('[data-testid="param-schedule"]', 'aria-invalid'), 'true');
  assert.equal(await line(page), bad);
  // Fixed: the form follows and the message goes.
  await enter(page, 'param-schedule', 'StepLR(step_size=30)');
  assert.equal(await page.inputValue('[data-testid="scheduler"]'), 'step');
  assert.equal(await page.isVisible('#err-schedule'), false);
  assert.deepEqual(problems, []);
  await page.close();
});
