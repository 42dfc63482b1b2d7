// "Find a learning rate" on the page: the range test for the settings on screen gives the CLI's
// suggestion (`build/lrplay lr-find`, and the PyTorch reference tests/golden/practice/lr_find_*.csv),
// leaves the run on screen as it was, draws its chart on a log axis, refuses a bad setting next to
// its field, keeps its changed settings in the link, and its Use buttons set the form. Run
// `npm run build` (and the native build) first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { act, click, openApp, root, shots, text, useBrowser } from './browser.mjs';
import { readGolden, settingsFromFlags } from './golden.mjs';
import { formatLr } from '../../web/src/model/format.js';
import { FAINT_LOSS } from '../../web/src/views/chart-palette.js';

useBrowser();

const GOLDEN = path.join(root, 'tests/golden/practice/lr_find_wine_std_batch16.csv');
const RANGE_KEYS = ['start_lr', 'end_lr', 'num_iter', 'step_mode', 'smooth_f', 'diverge_th'];
const byId = (id) => `[data-testid="${id}"]`;

/** The CLI's `# suggested lr` for lr-find `args`. */
function cliSuggestion(args) {
  const out = execFileSync(path.join(root, 'build/lrplay'), ['lr-find', ...args], {
    encoding: 'utf8',
  });
  const line = out.split('\n').find((l) => l.startsWith('# suggested lr: '));
  return Number(line.slice(16));
}

/** The run on screen as the CSV export has it (every record so far). */
async function csv(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(byId('export-csv'))]);
  return fs.readFileSync(await file.path(), 'utf8');
}

/** What the run on screen shows: epoch, rate, printed lines, plotted points and its records. */
async function runOnScreen(page) {
  return {
    epoch: await text(page, 'epoch'),
    lr: await text(page, 'lr'),
    console: await text(page, 'console'),
    points: await page.evaluate(() => window.__lrplay.chartPointCounts()),
    hash: await page.evaluate(() => location.hash),
    csv: await csv(page),
  };
}

test('the suggestion is the CLI\u2019s for the same settings, and the run on screen stays', async () => {
  const args = readGolden(GOLDEN).command.slice(1);
  const all = settingsFromFlags(args);
  const range = Object.fromEntries(RANGE_KEYS.filter((k) => k in all).map((k) => [k, all[k]]));
  const run = Object.entries(all).filter(([k]) => !RANGE_KEYS.includes(k));
  const hash = `#${new URLSearchParams(run.map(([k, v]) => [k, String(v)]))}`;
  const { page, problems } = await openApp({ width: 1280, height: 800 }, hash);
  await click(page, 'step-10');
  const before = await runOnScreen(page);
  assert.equal(before.epoch, '10');

  await page.click('#lr-find details summary');
  for (const [key, value] of Object.entries(range)) {
    await page.fill(byId(`lr-find-param-${key}`), value);
  }
  await click(page, 'lr-find');
  const shown = Number(await page.getAttribute(byId('lr-find-suggestion'), 'data-value'));
  const cli = cliSuggestion(args);
  assert.ok(Math.abs(shown - cli) <= 1e-9 * cli, `page ${shown}, CLI ${cli}`);
  const reference = Number(
    fs
      .readFileSync(GOLDEN, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('# suggested lr: '))
      .slice(16),
  );
  assert.ok(Math.abs(shown - reference) <= 1e-9 * reference, `page ${shown}, PyTorch ${reference}`);
  assert.match(await text(page, 'lr-find-suggestion'), /^Suggested learning rate: /);
  const chart = await page.evaluate(() => window.__lrplay.lrFindChart());
  const rows = readGolden(GOLDEN).rows.length;
  assert.deepEqual(chart, {
    raw: rows,
    smoothed: rows,
    suggestion: shown,
    xScale: 'logarithmic',
    rawColor: FAINT_LOSS,
  });
  assert.ok(await page.isVisible(byId('lr-find-chart')));
  // The chart's key names its three marks (Chart.js's legend draws only in the PNG).
  assert.equal(
    (await text(page, 'lr-find-key')).trim(),
    'smoothed loss, loss of each batch, \u25b2 suggested rate',
  );

  // The run on screen: same epoch, rate, printed lines, plotted points, records and run settings in
  // the link, which now holds the range test's changed settings too.
  const after = await runOnScreen(page);
  assert.deepEqual({ ...after, hash: before.hash }, before);
  const linked = new URLSearchParams(after.hash.slice(1));
  for (const [key, value] of new URLSearchParams(before.hash.slice(1)))
    assert.equal(linked.get(key), value, key);
  // --start-lr 1e-6 differs from the default; --end-lr 10 and --num-iter 100 are the defaults.
  assert.deepEqual(range, { start_lr: '1e-6', end_lr: '10', num_iter: '100' });
  assert.equal(linked.get('start_lr'), '1e-6');
  assert.equal(linked.has('end_lr') || linked.has('num_iter'), false);
  await click(page, 'step');
  assert.equal(await text(page, 'epoch'), '11');
  await page.screenshot({ path: path.join(shots, 'lr-find-wide.png'), fullPage: false });
  assert.deepEqual(problems, []);
  await page.close();
});

test('Use as the learning rate and as OneCycleLR\u2019s max_lr set the form, the run and the link', async () => {
  const { page, problems } = await openApp({ width: 390, height: 844 }, '#standardize=true');
  await click(page, 'lr-find');
  const value = await page.getAttribute(byId('lr-find-suggestion'), 'data-value');
  assert.equal(Number(value), cliSuggestion(['--standardize']));

  // The PNG: the chart redrawn at twice its size, on white.
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.click(byId('lr-find-png')),
  ]);
  const png = fs.readFileSync(await file.path());
  assert.equal(file.suggestedFilename(), 'lrplay-lr-find.png');
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  // The canvas's size in CSS pixels, as Chart.js sized it.
  const shown = await page.$eval(byId('lr-find-chart'), (c) => ({
    width: c.width / devicePixelRatio,
    height: c.height / devicePixelRatio,
  }));
  assert.equal(png.readUInt32BE(16), 2 * shown.width);
  assert.equal(png.readUInt32BE(20), 2 * shown.height);
  fs.writeFileSync(path.join(shots, 'lr-find-export.png'), png);

  await click(page, 'lr-find-use-lr');
  assert.equal(await page.inputValue(byId('param-lr')), value);
  assert.equal(
    await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('lr')),
    value,
  );
  await click(page, 'step');
  assert.equal(await text(page, 'epoch'), '1');

  await click(page, 'lr-find-use-max-lr');
  assert.equal(await page.inputValue(byId('scheduler')), 'onecycle');
  assert.equal(await page.inputValue(byId('param-max_lr')), value);
  const linked = await page.evaluate(() =>
    Object.fromEntries(new URLSearchParams(location.hash.slice(1))),
  );
  assert.equal(linked.scheduler, 'onecycle');
  assert.equal(linked.max_lr, value);
  assert.equal(await text(page, 'epoch'), '0');
  // The card fits the phone's width.
  const box = await page.locator('#lr-find').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
  await page.locator('#lr-find').screenshot({ path: path.join(shots, 'lr-find-phone.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad range-test setting gets the core\u2019s message next to its field; the run stays', async () => {
  const { page, problems } = await openApp();
  await click(page, 'step');
  const before = await runOnScreen(page);
  await page.click('#lr-find details summary');
  await page.fill(byId('lr-find-param-num_iter'), '1');
  await click(page, 'lr-find');
  const error = page.locator('#lr-find-param-num_iter-error');
  assert.match(await error.textContent(), /^num_iter = "1" is not accepted/);
  assert.equal(await error.isVisible(), true);
  assert.equal(await page.getAttribute(byId('lr-find-param-num_iter'), 'aria-invalid'), 'true');
  assert.equal(await page.locator(byId('lr-find-chart')).count(), 0, 'no chart before a result');

  await page.fill(byId('lr-find-param-num_iter'), '100');
  await page.fill(byId('lr-find-param-start_lr'), '20');
  await click(page, 'lr-find');
  assert.equal(await error.isVisible(), false);
  assert.match(
    await page.locator('#lr-find-param-start_lr-error').textContent(),
    /^start_lr = 20 is not accepted: it must be below end_lr \(10\)/,
  );

  // Too short for a suggestion: the page says why and offers no Use buttons.
  await page.fill(byId('lr-find-param-start_lr'), '1e-7');
  await page.fill(byId('lr-find-param-num_iter'), '16');
  await click(page, 'lr-find');
  assert.match(await text(page, 'lr-find-suggestion'), /^No suggestion: the test stopped after 16/);
  assert.equal(await page.getAttribute(byId('lr-find-suggestion'), 'data-value'), null);
  assert.equal(await page.isVisible(byId('lr-find-use-lr')), false);
  // The run stays; the link gains the accepted range-test setting that differs from its default.
  assert.deepEqual(await runOnScreen(page), { ...before, hash: '#num_iter=16' });
  // The card belongs to the single run: compare mode hides it.
  await click(page, 'compare-toggle');
  assert.equal(await page.isVisible(byId('lr-find')), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a link keeps the range test\u2019s changed settings; a bad one is named and left at its default', async () => {
  const { page, problems } = await openApp();
  await page.click('#lr-find details summary');
  await page.fill(byId('lr-find-param-end_lr'), '1');
  await act(page, () => page.press(byId('lr-find-param-end_lr'), 'Tab'));
  await act(page, () => page.selectOption(byId('lr-find-param-step_mode'), 'linear'));
  // A refused value stays out of the link and is named beside its field.
  await page.fill(byId('lr-find-param-num_iter'), '1');
  await act(page, () => page.press(byId('lr-find-param-num_iter'), 'Tab'));
  assert.match(
    await page.locator('#lr-find-param-num_iter-error').textContent(),
    /^num_iter = "1" is not accepted/,
  );
  const link = await page.evaluate(() => location.hash);
  assert.equal(link, '#end_lr=1&step_mode=linear');
  // Opened elsewhere: the same fields, the same test (the CLI's suggestion for those flags).
  const again = await openApp(undefined, `${link}&scheduler=step`);
  const field = (key) => again.page.inputValue(byId(`lr-find-param-${key}`));
  assert.equal(await field('end_lr'), '1');
  assert.equal(await field('step_mode'), 'linear');
  assert.equal(await field('num_iter'), '100');
  assert.equal(await again.page.inputValue(byId('scheduler')), 'step');
  assert.equal(await again.page.isHidden(byId('link-notice')), true);
  await click(again.page, 'lr-find');
  const shown = Number(await again.page.getAttribute(byId('lr-find-suggestion'), 'data-value'));
  const cli = cliSuggestion(['--end-lr', '1', '--step-mode', 'linear']);
  assert.ok(Math.abs(shown - cli) <= 1e-9 * cli, `page ${shown}, CLI ${cli}`);
  // A bad entry: the notice names it with the core's message; the field keeps its default.
  const bad = await openApp(undefined, '#start_lr=20&num_iter=50');
  await bad.page.waitForSelector(`${byId('link-notice')}:not([hidden])`);
  assert.match(
    await bad.page.textContent(byId('link-notice')),
    /start_lr = \u201c20\u201d \(start_lr = 20 is not accepted: it must be below end_lr \(10\)\)/,
  );
  assert.equal(await bad.page.inputValue(byId('lr-find-param-start_lr')), '1e-7');
  assert.equal(await bad.page.inputValue(byId('lr-find-param-num_iter')), '50');
  assert.equal(await bad.page.evaluate(() => location.hash), '#num_iter=50');
  assert.deepEqual([...problems, ...again.problems, ...bad.problems], []);
  for (const p of [page, again.page, bad.page]) await p.close();
});

test('the find-lr exercise passes for a run at the learner\u2019s own suggestion', async () => {
  const { page, problems } = await openApp({ width: 1280, height: 800 }, '#standardize=true');
  await page.click(byId('check-find-lr')); // no engine request: the check reads the run
  assert.match(await text(page, 'result-find-lr'), /^Not yet\. No range test yet/);
  await click(page, 'lr-find');
  await click(page, 'lr-find-use-lr');
  await act(page, () => page.click(byId('step-10')));
  await page.click(byId('check-find-lr'));
  // What the CLI trains at the suggestion: the first epoch at 97% or more.
  const suggestion = cliSuggestion(['--standardize']);
  const out = execFileSync(
    path.join(root, 'build/lrplay'),
    ['train', '--standardize', '--lr', String(suggestion)],
    { encoding: 'utf8' },
  );
  const hit = out
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number))
    .find((r) => r[3] >= 0.97);
  assert.ok(hit[0] <= 10);
  assert.equal(
    await text(page, 'result-find-lr'),
    `Passed. Starting at ${formatLr(suggestion)}, validation accuracy reached ${(hit[3] * 100).toFixed(1)}% at epoch ${hit[0]}.`,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test("section 11's digits walk-through: the suggestion as max_lr collapses the run onto the floor", async () => {
  // digits-onecycle, Find a learning rate, Use as OneCycleLR's max_lr, Run to end: the text says the
  // run ends on the grey dashes (lesson-claims.test holds its numbers to the same runs in node).
  const { page, problems } = await openApp();
  await act(page, () =>
    page.click('aside.try-it[data-preset="digits-onecycle"] .preset-button >> nth=0'),
  );
  await click(page, 'lr-find');
  const value = await page.getAttribute(byId('lr-find-suggestion'), 'data-value');
  assert.equal(formatLr(Number(value)), '0.2915', 'the rate the lesson names');
  assert.match(await text(page, 'lr-find-suggestion'), /^Suggested learning rate: 0\.2915 /);
  await click(page, 'lr-find-use-max-lr');
  assert.equal(await page.inputValue(byId('param-max_lr')), value);
  await click(page, 'run-all');
  assert.equal(await text(page, 'epoch'), '10');
  assert.match(
    await text(page, 'status'),
    /validation accuracy 7\.8% \(28 of 360 digit images\), no better than always naming the most common class \(the grey dashes on the accuracy chart\), final rate/,
  );
  assert.equal(
    await page.evaluate(() => window.__lrplay.floorLine()),
    'always the most common class: 7.8%',
  );
  assert.deepEqual(problems, []);
  await page.close();
});
