// The page builds its settings form from the core's settings table and shows the core's numbers:
// the timetable (rates, StepLR's cuts and rule), ReduceLROnPlateau's next cut and the help texts'
// limits. Each expected value is asked of the same wasm core in node. Run `npm run build` first.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { Run, limits, settingsSchema } from '../../web/src/engine/lrplay.js';
import { formatCount, formatLr, formatNumber } from '../../web/src/model/format.js';
import { SCHEDULERS } from '../../web/src/model/settings.js';
import {
  act,
  cutOptions,
  enter,
  misalignedFieldRows,
  openApp,
  root,
  text,
  useBrowser,
  waitEpoch,
  waitIdle,
} from './browser.mjs';
import { installCoreSchema } from './schema.mjs';

useBrowser();

let core;
before(async () => {
  core = await installCoreSchema();
});

const wine = () => fs.readFileSync(path.join(root, 'data/wine.csv'), 'utf8');

/** The core's timetable of a run of these settings on the wine data, as the page's worker asks it. */
function timetableOf(settings) {
  const run = new Run(core, settings, wine());
  const table = run.timetable();
  run.dispose();
  return table;
}

const panel = (page) => text(page, 'plateau-state');
/** The panel's value for row `label` (a <dt> and its <dd>). */
const panelRow = (page, label) =>
  page.evaluate((label) => {
    const dt = [...document.querySelectorAll('[data-testid="plateau-state"] dt')].find(
      (d) => d.textContent.trim() === label,
    );
    return dt?.nextElementSibling?.textContent.trim() ?? null;
  }, label);

test("the form has one field per core setting, and the scheduler select the core's choices", async () => {
  const { page, problems } = await openApp();
  const schema = settingsSchema(core);
  for (const s of schema) {
    const id = s.key === 'scheduler' ? 'scheduler' : `param-${s.key}`;
    assert.equal(await page.locator(`[data-testid="${id}"]`).count(), 1, s.key);
  }
  // Every option one can choose (the disabled "set by the PyTorch line" is a state, not a choice).
  const offered = await page.$$eval('[data-testid="scheduler"] option:not([disabled])', (os) =>
    os.map((o) => o.value),
  );
  const choices = schema.find((s) => s.key === 'scheduler').choices;
  // The core's choices the page has a line for, in the page's order.
  assert.deepEqual(
    offered,
    Object.keys(SCHEDULERS).filter((c) => choices.includes(c)),
  );
  assert.ok(offered.length >= 5);
  const mode = await page.$$eval('[data-testid="param-mode"] option', (os) =>
    os.map((o) => o.value),
  );
  assert.deepEqual(mode, schema.find((s) => s.key === 'mode').choices);
  // The epoch limit in the help is the core's.
  assert.match(
    await page.textContent('#help-epochs'),
    new RegExp(`At most ${formatCount(limits(core).maxEpochs)}\\.`),
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('ExponentialLR after a warm-up: the panel reads the core timetable (9.888e-4 after epoch 100)', async () => {
  const settings = { scheduler: 'exp', gamma: '0.95', warmup: '10' };
  const { page, problems } = await openApp(undefined, `#${new URLSearchParams(settings)}`);
  await waitIdle(page);
  const table = timetableOf(settings);
  assert.ok(Math.abs(table.rates[99] - 9.888e-4) < 1e-7);
  assert.equal(await panelRow(page, 'After epoch 100'), formatLr(table.rates[99]));
  assert.equal(await panelRow(page, 'After epoch 100'), '0.0009888');
  assert.match(await panel(page), /ExponentialLR after a 10-epoch warm-up/);
  for (let i = 0; i < 2; i++) await page.click('[data-testid="step-10"]');
  await waitEpoch(page, 20);
  await waitIdle(page);
  assert.equal(await panelRow(page, 'Rate after epoch 20'), formatLr(table.rates[19]));
  assert.equal(await text(page, 'lr'), formatLr(table.rates[19]));
  assert.deepEqual(problems, []);
  await page.close();
});

/**
 * The panel's rows as laid out: { lines: label -> how many lines it takes, lefts: the values' left
 * edges (one number when they line up) }.
 */
const panelLayout = (page) =>
  page.evaluate(() => {
    const lines = {};
    for (const dt of document.querySelectorAll('[data-testid="plateau-state"] dt')) {
      const lineHeight = parseFloat(getComputedStyle(dt).lineHeight);
      lines[dt.textContent.trim()] = Math.round(dt.getBoundingClientRect().height / lineHeight);
    }
    const values = document.querySelectorAll('[data-testid="plateau-state"] dd.num');
    const lefts = new Set([...values].map((dd) => Math.round(dd.getBoundingClientRect().left)));
    return { lines, lefts: [...lefts] };
  });

test("the panel's rate label stays on one line beside the lesson and on phones, its values aligned", async () => {
  // A fixed 6.5em label column wrapped "Rate for epoch 1" at every width.
  for (const width of [1440, 390, 320]) {
    const { page, problems } = await openApp({ width, height: 900 }, '#scheduler=step');
    await waitIdle(page);
    const before = await panelLayout(page);
    assert.equal(before.lines['Rate for epoch 1'], 1, `${width} px: ${JSON.stringify(before)}`);
    assert.equal(before.lefts.length, 1, `${width} px: the values line up`);
    await act(page, () => page.click('[data-testid="step-10"]'));
    const after = await panelLayout(page);
    assert.equal(after.lines['Rate after epoch 10'], 1, `${width} px: ${JSON.stringify(after)}`);
    assert.equal(after.lefts.length, 1, `${width} px: the values line up`);
    // The longest label a 100-epoch run shows: 8.25em of the list's text (132 px) wrapped it
    // beside the lesson, 45% of a 320 px phone's card (122 px) there.
    await act(page, () => page.click('[data-testid="run-all"]'));
    const end = await panelLayout(page);
    assert.equal(end.lines['Rate after epoch 100'], 1, `${width} px: ${JSON.stringify(end)}`);
    assert.equal(end.lefts.length, 1, `${width} px: the values line up`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test("the settings' controls line up in each row when a label wraps its PyTorch name", async () => {
  // Chromium's 185 px columns at 1440 px wrapped "Steps down step_size_down" (193 px) and set its
  // box one line below "Steps up"'s; Firefox's at 1280 px the same.
  for (const width of [1440, 1280, 1024]) {
    for (const hash of ['#scheduler=cyclic&optimizer=sgd', '#optimizer=adamw']) {
      const { page, problems } = await openApp({ width, height: 900 }, hash);
      assert.deepEqual(await page.evaluate(misalignedFieldRows), [], `${width} px, ${hash}`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
});

test('every select option fits its box at 1440, 390 and 320 px; the chosen one is explained in the help', async () => {
  // The options said what each choice does ("AdamW (decoupled weight decay)"), which the native
  // select cut off: now the option is the name and the help line explains the chosen one.
  for (const width of [1440, 390, 320]) {
    for (const hash of ['#optimizer=adamw', '#scheduler=cyclic&optimizer=sgd']) {
      const { page, problems } = await openApp({ width, height: 900 }, hash);
      assert.deepEqual(await page.evaluate(cutOptions), [], `${width} px, ${hash}`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
  const { page } = await openApp({ width: 390, height: 844 }, '#optimizer=adamw');
  const help = async (key) => (await page.textContent(`#help-${key}`)).trim();
  assert.equal(await page.textContent('[data-testid="param-optimizer"] option:checked'), 'AdamW');
  assert.match(await help('optimizer'), /gradients\. AdamW: Adam with decoupled weight decay\.$/);
  assert.match(await help('scheduler'), /ReduceLROnPlateau: reacts to a metric\.$/);
  assert.match(await help('mode'), /min: lower is better\.$/);
  await act(page, () => page.selectOption('[data-testid="scheduler"]', 'cyclic'));
  assert.match(await help('scheduler'), /CyclicLR: up and down between two rates\.$/);
  assert.match(await help('mode'), /^CyclicLR’s policy: .* triangular: the same every cycle\.$/);
  await act(page, () => page.selectOption('[data-testid="param-optimizer"]', 'sgd'));
  assert.match(await help('optimizer'), /gradients\.$/, 'SGD needs no explanation');
  await page.close();
});

test("StepLR after a warm-up: the rule and the next cut are the core's", async () => {
  const settings = { scheduler: 'step', warmup: '10' };
  const { page, problems } = await openApp(undefined, `#${new URLSearchParams(settings)}`);
  await waitIdle(page);
  const table = timetableOf(settings);
  assert.deepEqual(table.cuts, [40, 70, 100]);
  assert.equal(await panelRow(page, 'Rule'), table.rule);
  assert.match(await panelRow(page, 'Next cut'), /^after epoch 40, to 0\.01$/);
  for (let i = 0; i < 5; i++) await page.click('[data-testid="step-10"]');
  await waitEpoch(page, 50);
  await waitIdle(page);
  assert.match(await panelRow(page, 'Next cut'), /^after epoch 70, to 0\.001$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the batches try-it (StepLR stepped after every batch): the panel and the preview have the run's rates", async () => {
  const { page, problems } = await openApp();
  await waitIdle(page);
  await act(page, () => page.click('aside.try-it[data-preset="batches"] .preset-button'));
  // 142 wines in batches of 16: 9 optimizer steps an epoch, so step_size 30 cuts in epoch 4, and
  // the rate after epoch 100 (900 steps, 30 cuts) is 1e-31. The old timetable counted epochs:
  // cuts after 30, 60 and 90, 0.0001 after epoch 100, and the preview called that line exact.
  const table = timetableOf({
    standardize: true,
    scheduler: 'step',
    batch_size: 16,
    scheduler_step: 'batch',
  });
  assert.equal(table.stepsPerEpoch, 9);
  assert.deepEqual(table.cuts.slice(0, 4), [4, 7, 10, 14]);
  assert.equal(
    await panelRow(page, 'Rule'),
    'rate \u00d7 0.1 every 30 optimizer steps, 9 steps an epoch (cuts in epochs 4, 7, 10, 14, ...)',
  );
  assert.equal(await panelRow(page, 'Rule'), table.rule);
  assert.equal(await panelRow(page, 'Next cut'), 'in epoch 4, 0.01 after it');
  assert.equal(await panelRow(page, 'After epoch 100'), formatLr(table.rates[99]));
  assert.equal(await panelRow(page, 'After epoch 100'), '1e-31');
  const caption = await page.textContent('#preview figcaption');
  assert.match(caption, /^Exact at every epoch\u2019s end: .* \(9 an epoch\)/);
  assert.match(caption, /It ends at 1e-31 after epoch 100\./);
  // The run's own rates are the timetable's.
  await page.click('[data-testid="run-all"]');
  await waitEpoch(page, 100);
  await waitIdle(page);
  assert.equal(await text(page, 'lr'), '1e-31');
  assert.deepEqual(problems, []);
  await page.close();
});

test("the chained try-it (a typed ChainedScheduler): the panel and the preview are the expression's timetable", async () => {
  const { page, problems } = await openApp();
  await waitIdle(page);
  await act(page, () => page.click('aside.try-it[data-preset="chained"] .preset-button'));
  // The PyTorch line is the run's scheduler: the panel read ReduceLROnPlateau's best and bad epochs
  // (the form's scheduler field) and the preview drew a plateau on a made-up metric.
  const table = timetableOf({
    standardize: true,
    schedule:
      'ChainedScheduler([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)])',
  });
  assert.equal(table.name, 'ChainedScheduler');
  assert.equal(await page.textContent('#state-name'), 'ChainedScheduler');
  assert.equal(await panelRow(page, 'Bad epochs'), null);
  assert.equal(await panelRow(page, 'After epoch 100'), formatLr(table.rates[99]));
  const caption = await page.textContent('#preview figcaption');
  assert.match(caption, /^Exact: /);
  assert.match(caption, new RegExp(`It ends at ${formatLr(table.rates[99])} after epoch 100\\.`));
  await page.click('[data-testid="run-all"]');
  await waitEpoch(page, 100);
  await waitIdle(page);
  assert.equal(await text(page, 'lr'), formatLr(table.rates[99]));
  assert.deepEqual(problems, []);
  await page.close();
});

test("a link's LinearLR line sets the run's scheduler: its class is the core's, and the first epoch's rate is named", async () => {
  // A link's LinearLR line sets the run's scheduler while the fields still say ReduceLROnPlateau:
  // the preview decided LinearLR's note from the fields (scheduler linear, no line) and left it out.
  const schedule = 'LinearLR(start_factor=0.5, total_iters=10)';
  const { page, problems } = await openApp(undefined, `#${new URLSearchParams({ schedule })}`);
  await waitIdle(page);
  const table = timetableOf({ schedule });
  assert.equal(table.name, 'LinearLR');
  assert.equal(await page.textContent('#state-name'), 'LinearLR');
  // The fields describe another scheduler: none of their numbers is this line's.
  assert.equal(await panelRow(page, 'Rule'), null);
  assert.equal(await panelRow(page, 'Rate for epoch 1'), '0.05');
  assert.equal(await panelRow(page, 'After epoch 100'), formatLr(table.rates[99]));
  assert.match(
    await page.textContent('#preview figcaption'),
    /^Exact: .* Epoch 1 itself trains at 0\.05, not at lr = 0\.1: building the LinearLR already set the rate\.$/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test("the chained try-it's panel names no next cut: its rate moves a little every epoch", async () => {
  const { page, problems } = await openApp();
  await waitIdle(page);
  await act(page, () => page.click('aside.try-it[data-preset="chained"] .preset-button'));
  await act(page, () => page.click('[data-testid="step"]'));
  // The core's timetable counted every lower rate a cut: "Next cut: after epoch 2", then 3, ...
  assert.equal(await panelRow(page, 'Next cut'), null);
  assert.equal(await panelRow(page, 'Cuts'), 'none: the rate moves a little every epoch');
  assert.deepEqual(problems, []);
  await page.close();
});

test("the panel names the next warm restart and ConstantLR's rise, the jumps up the core finds", async () => {
  // It said "Cuts: none: the rate moves a little every epoch" for restarts that jump back to 0.1,
  // and "Next cut: none before the run ends" before ConstantLR's end triples the rate.
  const { page, problems } = await openApp(undefined, '#scheduler=cosine-restarts&t_mult=2');
  await waitIdle(page);
  assert.deepEqual(timetableOf({ scheduler: 'cosine-restarts', t_mult: 2 }).rises, [10, 30, 70]);
  assert.equal(await panelRow(page, 'Cuts'), null);
  assert.equal(await panelRow(page, 'Next restart'), 'after epoch 10, to 0.1');
  await act(page, () => page.click('[data-testid="step-10"]'));
  assert.equal(await panelRow(page, 'Next restart'), 'after epoch 30, to 0.1');
  assert.match(await panel(page), /Otherwise the rate moves a little every epoch\./);
  await page.close();
  const constant = await openApp(undefined, '#scheduler=constant');
  await waitIdle(constant.page);
  assert.equal(await panelRow(constant.page, 'Next cut'), null);
  assert.equal(await panelRow(constant.page, 'Next rise'), 'after epoch 5, to 0.1');
  assert.deepEqual([...problems, ...constant.problems], []);
  await constant.page.close();
});

test("warm restarts after a warm-up are named restarts, the warm-up's end a rise", async () => {
  // The panel chose "Next restart" by the root's class name, so a SequentialLR's restarts were
  // each a "Next rise".
  const line =
    'SequentialLR([LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingWarmRestarts(T_0=10)], milestones=[5])';
  const { page, problems } = await openApp(undefined, `#schedule=${encodeURIComponent(line)}`);
  await waitIdle(page);
  assert.equal(await panelRow(page, 'Next rise'), 'after epoch 5, to 0.1');
  assert.equal(await panelRow(page, 'Next restart'), null);
  await act(page, () => page.click('[data-testid="step-10"]'));
  assert.equal(await panelRow(page, 'Next restart'), 'after epoch 15, to 0.1');
  assert.equal(await panelRow(page, 'Next rise'), null);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a per-batch run too long to plan ahead: the panel and the preview say so, with the core's reason", async () => {
  // 142 wines in batches of 1 over 1,500 epochs: 213,000 scheduler steps, past the core's 200,000.
  const hash = '#scheduler=step&batch_size=1&scheduler_step=batch&epochs=1500';
  const { page, problems } = await openApp(undefined, hash);
  await waitIdle(page);
  const table = timetableOf({
    scheduler: 'step',
    batch_size: 1,
    scheduler_step: 'batch',
    epochs: 1500,
  });
  assert.deepEqual(table.rates.length, 0);
  assert.equal(
    table.unplanned,
    'This run steps the scheduler 213,000 times; its rates are worked out ahead for runs of at most 200,000 steps.',
  );
  assert.equal(await page.textContent('#state-name'), 'StepLR');
  assert.equal(await panelRow(page, 'Timetable'), 'not worked out ahead');
  assert.match(await panel(page), /This run steps the scheduler 213,000 times/);
  assert.equal(await page.textContent('#preview figcaption'), `Not drawn: ${table.unplanned}`);
  // No empty chart above the reason (it showed a lone '0.1' tick over no line).
  const chartShown = () =>
    page.evaluate(() => document.querySelector('#preview .canvas-box').offsetHeight > 0);
  assert.equal(await chartShown(), false);
  // A run short enough to plan gets its chart back, drawn.
  await enter(page, 'param-epochs', '100');
  assert.match(await page.textContent('#preview figcaption'), /^Exact at every epoch/);
  assert.equal(await chartShown(), true);
  await page.locator('#preview').scrollIntoViewIfNeeded();
  // Chart.js sizes the canvas to its box once it is shown again.
  await page.waitForFunction(
    () =>
      document.querySelector('#preview-chart').width > 0 &&
      window.__lrplay.previewTicks().length > 0,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test("LinearLR's default start_factor (1/3) reads 0.3333 in the panel, and fits a 320 px screen", async () => {
  const { page, problems } = await openApp({ width: 320, height: 700 }, '#scheduler=linear');
  await waitIdle(page);
  assert.equal(await page.inputValue('[data-testid="param-start_factor"]'), String(1 / 3));
  assert.equal(await panelRow(page, 'Rule'), 'factor 0.3333 \u2192 1 in 5 epochs');
  const wider = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.equal(wider, 0, 'the page does not scroll sideways');
  assert.deepEqual(problems, []);
  await page.close();
});

test("ReduceLROnPlateau: the next cut and the value to beat are the record's plateauOutlook", async () => {
  const { page, problems } = await openApp();
  for (let i = 0; i < 2; i++) await page.click('[data-testid="step-10"]');
  await waitEpoch(page, 20);
  await waitIdle(page);
  // The same run in node: its 20th record's outlook.
  const run = new Run(core, {}, wine());
  const { plateauOutlook: outlook } = run.run(20).at(-1);
  run.dispose();
  assert.ok(outlook.cutEpoch > 20 && outlook.threshold !== null);
  assert.equal(await panelRow(page, 'Next cut'), `after epoch ${outlook.cutEpoch}`);
  const bestHelp = await page.evaluate(() => {
    const dt = [...document.querySelectorAll('[data-testid="plateau-state"] dt')].find(
      (d) => d.textContent.trim() === 'Best so far',
    );
    return dt.parentElement.querySelector('dd.help').textContent;
  });
  assert.equal(
    bestHelp,
    `Beaten only below ${formatNumber(outlook.threshold, 6)} = best \u00d7 (1 \u2212 1e-4).`,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('settings counted in scheduler steps read as epochs, or optimizer steps when it steps per batch', async () => {
  const { page, problems } = await openApp(undefined, '#scheduler=step&warmup=2');
  const shown = () =>
    page.evaluate(() => ({
      warmup: document
        .querySelector('[data-testid="param-warmup"]')
        .closest('.field')
        .querySelector('.label-text').textContent,
      stepSize: document.querySelector('#help-step_size').textContent,
      gamma: document.querySelector('#help-gamma').textContent,
      start: document.querySelector('#help-start_factor').textContent,
      scheduler: document.querySelector('#help-scheduler').textContent,
    }));
  const perEpoch = await shown();
  assert.equal(perEpoch.warmup, 'Warm-up epochs'); // the name the lesson's section 2 gives it
  assert.match(perEpoch.stepSize, /^Epochs between cuts: .* every step_size epochs\./);
  assert.match(perEpoch.gamma, /every epoch\)/);
  assert.match(perEpoch.start, /^The first epoch trains at lr × start_factor/);
  assert.match(perEpoch.scheduler, /after each epoch\. StepLR: cut every step_size epochs\.$/);
  await act(page, () => page.selectOption('[data-testid="param-scheduler_step"]', 'batch'));
  assert.deepEqual(await shown(), {
    warmup: 'Warm-up optimizer steps',
    stepSize: perEpoch.stepSize
      .replace('Epochs', 'Optimizer steps')
      .replace('step_size epochs', 'step_size optimizer steps'),
    gamma: perEpoch.gamma.replace('every epoch)', 'every optimizer step)'),
    start: perEpoch.start.replace('first epoch', 'first optimizer step'),
    scheduler: perEpoch.scheduler
      .replace('each epoch', 'each optimizer step')
      .replace('step_size epochs', 'step_size optimizer steps'),
  });
  await act(page, () => page.selectOption('[data-testid="param-scheduler_step"]', 'epoch'));
  assert.deepEqual(await shown(), perEpoch);
  assert.deepEqual(problems, []);
  await page.close();
});

test("CyclicLR's mode is its cycle shape, not ReduceLROnPlateau's 'Better is'; gamma says exp_range reads it", async () => {
  const { page, problems } = await openApp({ width: 390, height: 844 });
  const mode = () =>
    page.$eval('[data-testid="param-mode"]', (select) => {
      const field = select.closest('.field');
      return {
        label: field.querySelector('.label-text').textContent,
        help: field.querySelector('.help').textContent,
        offered: [...select.options].filter((o) => !o.hidden).map((o) => o.value),
        value: select.value,
      };
    });
  const plateau = await mode();
  assert.deepEqual(
    { label: plateau.label, offered: plateau.offered, value: plateau.value },
    { label: 'Better is', offered: ['min', 'max'], value: 'min' },
  );
  assert.match(plateau.help, /min for a loss/);
  await act(page, () => page.selectOption('[data-testid="scheduler"]', 'cyclic'));
  const cyclic = await mode();
  assert.deepEqual(
    { label: cyclic.label, offered: cyclic.offered, value: cyclic.value },
    {
      label: 'Cycle shape',
      offered: ['triangular', 'triangular2', 'exp_range'],
      value: 'triangular',
    },
  );
  assert.match(cyclic.help, /CyclicLR/);
  assert.match(await page.$eval('#help-gamma', (p) => p.textContent), /^Read by exp_range only/);
  await act(page, () => page.selectOption('[data-testid="scheduler"]', 'plateau'));
  assert.deepEqual(await mode(), plateau);
  assert.deepEqual(problems, []);
  await page.close();
});
