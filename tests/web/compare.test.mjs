// End-to-end tests of compare mode in headless Chromium: three schedulers trained together from the
// same weights, their overlaid charts and best-epoch table (checked against PyTorch's traces in
// tests/golden), the run editors, and that training in the worker leaves the main thread free.
// Run `npm run build` first; then `node --test tests/web/compare.test.mjs`.
// Screenshots (compare-desktop.png, compare-phone.png) go to test-results/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  click,
  enter,
  mainThreadTasks,
  openApp,
  root,
  select,
  shots,
  text,
  useBrowser,
  waitIdle,
} from './browser.mjs';
import { readGolden } from './golden.mjs';
import { formatLoss, formatLr, formatPct } from '../../web/src/model/format.js';

useBrowser();

// The lesson's three schedulers, whose runs PyTorch traced (tests/golden), opened from a link.
const NAMES = [
  'ReduceLROnPlateau(factor=0.1, patience=10)',
  'StepLR(step_size=30, gamma=0.1)',
  'ExponentialLR(gamma=0.95)',
];
const LESSON_THREE = '#compare=1&runA=scheduler:plateau&runB=scheduler:step&runC=scheduler:exp';
// What the switch opens from the lesson's run: it as A, then the warm-up and a fast decay.
const DEFAULT_NAMES = [
  'ReduceLROnPlateau(factor=0.1, patience=10)',
  'LinearLR(start_factor=0.3333, end_factor=1, total_iters=5)',
  'ExponentialLR(gamma=0.5)',
];

/** What the table must say for a PyTorch trace: the first epoch of the lowest val_loss, etc. */
function expectedRow(file) {
  const { rows } = readGolden(path.join(root, 'tests/golden', file));
  let [loss, acc] = [rows[0], rows[0]];
  for (const row of rows) {
    if (row[2] < loss[2]) loss = row;
    if (row[3] > acc[3]) acc = row;
  }
  return {
    loss: formatLoss(loss[2]),
    'loss-epoch': String(loss[0]),
    acc: formatPct(acc[3]),
    'acc-epoch': String(acc[0]),
    'acc-final': formatPct(rows.at(-1)[3]),
    lr: formatLr(rows.at(-1)[4]),
  };
}

/** The table's row i as { loss, 'loss-epoch', acc, 'acc-epoch', 'acc-final', lr }. */
const tableRow = (page, i) =>
  page.$$eval(`[data-testid="compare-row-${i}"] td[data-col]`, (cells) =>
    Object.fromEntries(cells.map((c) => [c.dataset.col, c.textContent])),
  );

/** Opens compare mode from a link (`hash`) and waits until it is drawn. */
async function openCompare(hash = LESSON_THREE) {
  const opened = await openApp(undefined, hash);
  await opened.page.waitForFunction(() => window.__lrplay.mode === 'compare');
  await waitIdle(opened.page);
  return opened;
}

async function enterCompare(page) {
  await click(page, 'compare-toggle');
  assert.equal(await page.evaluate(() => window.__lrplay.mode), 'compare');
  assert.equal(await page.getAttribute('[data-testid="compare-toggle"]', 'aria-checked'), 'true');
}

/** Clicks `testid` (Step, Run to end...) and checks the epoch the page answers with. */
async function train(page, testid, epoch) {
  await click(page, testid);
  assert.equal(await text(page, 'epoch'), String(epoch));
}

test('compare mode: three schedulers overlaid with a legend, and a best-epoch table that matches PyTorch', async () => {
  const { page, problems } = await openCompare();
  assert.equal(await page.isHidden('[data-testid="loss-chart"]'), true, 'single charts hidden');
  const legend = await page.$$eval('[data-testid="compare-legend"] li', (li) =>
    li.map((l) => l.textContent.trim()),
  );
  assert.deepEqual(legend, [`A ${NAMES[0]}`, `B ${NAMES[1]}`, `C ${NAMES[2]}`]);
  // The legend and charts take the single run's place under the toolbar; Share and save follows.
  const top = (selector) => page.$eval(selector, (e) => e.getBoundingClientRect().top);
  assert.ok(
    (await top('[data-testid="compare-legend"]')) < (await top('#share-card')),
    'the legend above the share card',
  );
  assert.ok((await top('[data-testid="compare-table"]')) < (await top('#share-card')));

  // The lesson's seed: run A is the lesson's run.
  await train(page, 'run-all', 100);
  const charts = await page.evaluate(() => window.__lrplay.compareCharts());
  for (const name of ['loss', 'lr', 'acc']) {
    assert.deepEqual(
      charts[name],
      NAMES.map((n, i) => ({ label: `${'ABC'[i]} \u00b7 ${n}`, points: 100 })),
      `${name} chart: one dataset per run`,
    );
  }
  assert.deepEqual(await tableRow(page, 0), expectedRow('train_lesson_seed5.csv'));
  assert.match(await text(page, 'status'), /All runs finished at epoch 100/);
  await page.screenshot({ path: path.join(shots, 'compare-desktop.png') }); // legend under the toolbar

  // Seed 0 is shared by all three runs; PyTorch traced each of them.
  await enter(page, 'param-seed', '0');
  assert.equal(await text(page, 'epoch'), '0');
  await train(page, 'run-all', 100);
  const golden = ['train_plateau_seed0.csv', 'train_step_seed0.csv', 'train_exp_seed0.csv'];
  for (const [i, file] of golden.entries()) {
    assert.deepEqual(await tableRow(page, i), expectedRow(file), `row ${'ABC'[i]} vs ${file}`);
  }
  assert.equal(await page.$$eval('[data-testid="compare-table"] tbody tr', (r) => r.length), 3);

  const heads = await page.$$eval('[data-testid="compare-table"] thead th', (th) =>
    th.map((h) => h.textContent.toLowerCase()),
  );
  assert.equal(new Set(heads).size, heads.length, `every column has its own heading: ${heads}`);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() =>
    document.getElementById('compare').scrollIntoView({ block: 'start', behavior: 'instant' }),
  );
  await page.screenshot({ path: path.join(shots, 'compare-phone.png') });
  for (const i of [0, 1, 2]) {
    const name = `[data-testid="compare-row-${i}"] .run-desc`;
    assert.equal(await page.isVisible(name), true, `run ${'ABC'[i]}'s name on a phone`);
    assert.equal(await page.textContent(name), NAMES[i]);
  }
  // The sticky run column leaves the best loss in view, whole, without scrolling sideways.
  const hidden = await page.$$eval('[data-testid="compare-table"] td[data-col="loss"]', (tds) => {
    const box = tds[0].closest('.table-scroll').getBoundingClientRect();
    return tds.filter((td) => td.getBoundingClientRect().right > box.right).length;
  });
  assert.equal(hidden, 0, "every run's best loss is in view on a phone");
  assert.deepEqual(problems, []);
  await page.close();
});

test('the best-epoch table fades at its right edge, and says "scroll →", while columns are hidden there (a phone, a laptop)', async () => {
  const { page, problems } = await openApp({ width: 390, height: 844 });
  await enterCompare(page);
  await train(page, 'step-10', 10);
  const edge = () =>
    page.$eval('[data-testid="compare-table"]', (table) => {
      const box = table.closest('.table-scroll');
      const wrapper = box.parentElement;
      const cue = document.querySelector('[data-testid="compare-table-cue"]');
      const cueStyle = getComputedStyle(cue);
      return {
        hidden: box.scrollWidth - box.clientWidth,
        more: wrapper.dataset.more ?? null,
        fade: getComputedStyle(wrapper, '::after').opacity,
        // The cue says it in words, not in colour alone, and only while columns are hidden.
        cue: cueStyle.visibility === 'visible' && cueStyle.opacity === '1',
        // In the card's head, above the table: it covers none of the columns in view.
        cueAbove: cue.getBoundingClientRect().bottom <= box.getBoundingClientRect().top,
      };
    });
  // Wait for the fade's and the cue's transitions to end before reading them.
  const settled = async (more) => {
    await page.waitForFunction((more) => {
      const wrapper = document
        .querySelector('[data-testid="compare-table"]')
        .closest('.scroll-edge');
      const cue = document.querySelector('[data-testid="compare-table-cue"]');
      return (
        (wrapper.dataset.more ?? null) === more &&
        wrapper.getAnimations({ subtree: true }).length === 0 &&
        cue.getAnimations().length === 0
      );
    }, more);
    return edge();
  };
  const start = await settled('right');
  assert.ok(start.hidden > 0, 'the table is wider than a phone');
  assert.deepEqual(
    { more: start.more, fade: start.fade, cue: start.cue, cueAbove: start.cueAbove },
    { more: 'right', fade: '1', cue: true, cueAbove: true },
  );
  const cue = page.locator('[data-testid="compare-table-cue"]');
  assert.equal(await cue.textContent(), 'scroll \u2192');
  assert.equal(await cue.getAttribute('aria-hidden'), 'true'); // screen readers read every column
  await page.$eval('[data-testid="compare-table"]', (table) =>
    table.scrollIntoView({ block: 'center', behavior: 'instant' }),
  );
  await page.screenshot({ path: path.join(shots, 'compare-table-edge-phone.png') });
  // A tap on the cue scrolls the table on.
  await cue.click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="compare-table"]').closest('.table-scroll').scrollLeft >
      100,
  );
  // Scrolled to its end the fade and the cue go: nothing more is hidden.
  await page.$eval('[data-testid="compare-table"]', (table) => {
    const box = table.closest('.table-scroll');
    box.scrollLeft = box.scrollWidth;
  });
  assert.deepEqual(await settled(null).then(({ more, fade, cue }) => ({ more, fade, cue })), {
    more: null,
    fade: '0',
    cue: false,
  });
  // Back at the start; at 1280 px the playground's column still hides some (the lesson beside it);
  // at 1440 px (the heads wrap between their words) and at 1920 px every column fits: no fade, no cue.
  await page.$eval(
    '[data-testid="compare-table"]',
    (table) => (table.closest('.table-scroll').scrollLeft = 0),
  );
  assert.equal((await settled('right')).more, 'right');
  await page.setViewportSize({ width: 1280, height: 800 });
  const laptop = await settled('right');
  assert.ok(
    laptop.hidden > 0 && laptop.fade === '1' && laptop.cue,
    `1280 px: ${JSON.stringify(laptop)}`,
  );
  for (const width of [1440, 1920]) {
    await page.setViewportSize({ width, height: 1000 });
    const wide = await settled(null);
    assert.deepEqual(
      { hidden: wide.hidden, fade: wide.fade, cue: wide.cue },
      { hidden: 0, fade: '0', cue: false },
      `${width} px`,
    );
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('compare mode: Step, Play and Reset move every run together; single mode is kept as it was', async () => {
  const { page, problems } = await openApp();
  await train(page, 'step-10', 10);
  await enterCompare(page);
  assert.equal(await text(page, 'epoch'), '0', 'the comparison starts at epoch 0');
  await click(page, 'step');
  await train(page, 'step-10', 11);
  await page.selectOption('[data-testid="speed"]', '30');
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => window.__lrplay.epoch >= 14); // Play: epochs not trained yet
  await click(page, 'play'); // Pause, answered once the batch in flight has landed
  const counts = (await page.evaluate(() => window.__lrplay.compareCharts())).lr.map(
    (d) => d.points,
  );
  assert.ok(
    counts.every((n) => n === counts[0] && n >= 14),
    `runs in step: ${counts}`,
  );
  assert.equal(await text(page, 'epoch'), String(counts[0]));
  await train(page, 'reset', 0);
  assert.equal(await tableRow(page, 1).then((r) => r.loss), '\u2013');

  await click(page, 'compare-toggle');
  assert.equal(await page.evaluate(() => window.__lrplay.mode), 'single');
  assert.equal(await text(page, 'epoch'), '10');
  assert.equal(await page.isVisible('[data-testid="loss-chart"]'), true);
  assert.equal(await page.isHidden('[data-testid="compare-table"]'), true);
  assert.deepEqual(await page.evaluate(() => window.__lrplay.chartPointCounts()), {
    loss: 10,
    lr: 10,
    acc: 10,
  });
  assert.deepEqual(problems, []);
  await page.close();
});

test('compare mode: each run is edited on its own; a bad value is explained beside its field', async () => {
  const { page, problems } = await openCompare();
  await train(page, 'step-10', 10);

  await enter(page, 'compare-1-param-step_size', '2.5');
  const error = '[data-testid="compare-run-1"] .field-error:not([hidden])';
  assert.match(await page.textContent(error), /step_size/);
  assert.equal(
    await page.getAttribute('[data-testid="compare-1-param-step_size"]', 'aria-invalid'),
    'true',
  );
  assert.equal(await text(page, 'epoch'), '10', 'the last good comparison stays on screen');

  await enter(page, 'compare-1-param-step_size', '10');
  assert.equal(await page.isHidden(error), true);
  assert.equal(await text(page, 'epoch'), '0', 'a change starts every run again');
  assert.match(await text(page, 'compare-legend'), /B StepLR\(step_size=10, gamma=0\.1\)/);

  await select(page, 'compare-2-scheduler', 'plateau');
  await enter(page, 'compare-2-param-patience', '3');
  assert.match(
    await text(page, 'compare-legend'),
    /C ReduceLROnPlateau\(factor=0\.1, patience=3\)/,
  );
  await train(page, 'run-all', 100);
  // StepLR every 10 epochs: 0.1 * 0.1^10 after epoch 100.
  assert.equal((await tableRow(page, 1)).lr, '1e-11');

  await click(page, 'compare-1-remove');
  assert.equal(await page.$$eval('[data-testid="compare-table"] tbody tr', (r) => r.length), 2);
  const charts = await page.evaluate(() => window.__lrplay.compareCharts());
  assert.equal(charts.loss.length, 2);
  // B is gone: the link names A and C, and opening it shows A and C again.
  const hash = decodeURIComponent(await page.evaluate(() => location.hash));
  assert.match(hash, /&runA=scheduler:plateau&runC=scheduler:plateau,patience:3$/);
  const again = await openApp(undefined, hash);
  const letters = await again.page.$$eval('[data-testid="compare-legend"] li b', (b) =>
    b.map((x) => x.textContent),
  );
  assert.deepEqual(letters, ['A', 'C']);
  assert.equal(await again.page.isHidden('[data-testid="link-notice"]'), true);
  await again.page.close();
  assert.equal(await page.isHidden('[data-testid="compare-0-remove"]'), true, 'two runs at least');
  await click(page, 'compare-add');
  assert.match(await text(page, 'compare-legend'), /B LinearLR\(start_factor=0\.3333/);
  assert.equal(await page.isHidden('[data-testid="compare-add"]'), true, 'three runs at most');
  assert.deepEqual(problems, []);
  await page.close();
});

test("compare mode is in the link: the same runs and table after opening it; off gives the single run's hash", async () => {
  const { page, problems } = await openApp();
  await enter(page, 'param-lr', '0.02');
  await enterCompare(page);
  await enter(page, 'compare-1-param-total_iters', '20');
  const hash = await page.evaluate(() => location.hash);
  assert.equal(
    decodeURIComponent(hash),
    '#lr=0.02&compare=1&runA=scheduler:plateau&runB=scheduler:linear,total_iters:20&runC=scheduler:exp,gamma:0.5',
  );
  const legend = (p) =>
    p.$$eval('[data-testid="compare-legend"] li', (li) => li.map((l) => l.textContent.trim()));
  const names = await legend(page);
  assert.equal(names[1], 'B LinearLR(start_factor=0.3333, end_factor=1, total_iters=20)');
  await train(page, 'step-10', 10);
  const rows = [await tableRow(page, 0), await tableRow(page, 1), await tableRow(page, 2)];

  const again = await openApp(undefined, hash);
  assert.equal(await again.page.evaluate(() => window.__lrplay.mode), 'compare');
  assert.equal(
    await again.page.getAttribute('[data-testid="compare-toggle"]', 'aria-checked'),
    'true',
  );
  assert.equal(await again.page.isHidden('[data-testid="link-notice"]'), true);
  assert.equal(await again.page.inputValue('[data-testid="param-lr"]'), '0.02');
  assert.equal(await again.page.inputValue('[data-testid="compare-1-param-total_iters"]'), '20');
  assert.deepEqual(await legend(again.page), names);
  assert.equal(await again.page.evaluate(() => location.hash), hash, 'the hash is kept');
  await train(again.page, 'step-10', 10);
  for (const i of [0, 1, 2]) assert.deepEqual(await tableRow(again.page, i), rows[i], `row ${i}`);

  // Copy link (still offered in compare mode, without the single run's exports) copies that link.
  await again.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  assert.equal(await again.page.isVisible('[data-testid="export-csv"]'), false);
  await again.page.click('[data-testid="copy-link"]');
  await again.page.waitForFunction(
    () => document.querySelector('[data-testid="copy-link-note"]').textContent === 'Copied',
  );
  const copied = await again.page.evaluate(() => navigator.clipboard.readText());
  assert.equal(new URL(copied).hash, hash);

  // Compare mode off: the hash is the single run's again.
  await click(again.page, 'compare-toggle');
  assert.equal(await again.page.evaluate(() => window.__lrplay.mode), 'single');
  assert.equal(await again.page.evaluate(() => location.hash), '#lr=0.02');
  assert.deepEqual(problems, []);
  assert.deepEqual(again.problems, []);
  await page.close();
  await again.page.close();
});

test('a malformed compare link falls back to the default three runs and names what was ignored', async () => {
  const hostile = encodeURIComponent('scheduler:step,step_size:<img src=x onerror=alert(1)>');
  const { page, problems } = await openApp(
    undefined,
    `#compare=1&runA=scheduler:plateau&runB=${hostile}&runC=scheduler:nope`,
  );
  assert.equal(await page.evaluate(() => window.__lrplay.mode), 'compare');
  assert.equal(await page.isVisible('[data-testid="link-notice"]'), true);
  const notice = await page.textContent('[data-testid="link-notice"]');
  assert.match(notice, /runB = \u201cscheduler:step,step_size:<img src=x oner/);
  assert.match(notice, /step_size: not a number/);
  assert.match(notice, /runC = \u201cscheduler:nope\u201d/);
  assert.match(notice, /default three runs/);
  assert.equal(await page.$$eval('[data-testid="link-notice"] img', (n) => n.length), 0);
  const legend = await page.$$eval('[data-testid="compare-legend"] li', (li) =>
    li.map((l) => l.textContent.trim()),
  );
  assert.deepEqual(legend, [
    `A ${DEFAULT_NAMES[0]}`,
    `B ${DEFAULT_NAMES[1]}`,
    `C ${DEFAULT_NAMES[2]}`,
  ]);
  assert.equal(
    decodeURIComponent(await page.evaluate(() => location.hash)),
    '#compare=1&runA=scheduler:plateau&runB=scheduler:linear&runC=scheduler:exp,gamma:0.5',
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('compare mode after a run: axe-core finds no serious or critical problems, desktop and phone', async () => {
  const axeSource = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    const { page, problems } = await openApp(viewport);
    await enterCompare(page);
    await train(page, 'run-all', 100);
    await page.click('[data-testid="compare-run-0"] summary'); // More options open
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () =>
      (await window.axe.run(document)).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    );
    assert.deepEqual(violations, [], `${viewport.width}px`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('the worker keeps the main thread free: 1,000 epochs of three runs without a task over 50 ms', async () => {
  const { page, problems } = await openApp();
  await enterCompare(page);
  await enter(page, 'param-epochs', '1000');
  assert.equal(await page.textContent('#epochs'), '1000');
  // Poll every 100 ms rather than every frame, so the test itself adds little to the main thread.
  const tasks = await mainThreadTasks(page, () =>
    click(page, 'run-all', { polling: 100, timeout: 60000 }),
  );
  assert.equal(await page.evaluate(() => window.__lrplay.epoch), 1000);
  assert.ok(tasks.length > 100, `the trace holds the run's tasks (${tasks.length})`);
  // A task the page made long runs over 50 ms of the thread's own time, however idle the machine.
  // A task that only waited for a core (other processes on a loaded machine) is not counted: its
  // thread time stays small while its wall time grows.
  const long = tasks.filter((t) => t.cpu > 50).map((t) => `${Math.round(t.cpu)} ms`);
  assert.deepEqual(long, [], 'main-thread tasks that ran over 50 ms during the run');
  const charts = await page.evaluate(() => window.__lrplay.compareCharts());
  assert.deepEqual(
    charts.acc.map((d) => d.points),
    [1000, 1000, 1000],
  );
  assert.match(await text(page, 'status'), /All runs finished at epoch 1000/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a phone the status line keeps 12 px from the first card below it, in either mode', async () => {
  const { page, problems } = await openApp({ width: 390, height: 844 });
  const gap = () =>
    page.evaluate(() => {
      const status = document.getElementById('status').getBoundingClientRect();
      const first = [...document.querySelectorAll('.panels > *, .compare > *')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => el.getBoundingClientRect().top)
        .sort((a, b) => a - b)[0];
      return Math.round(first - status.bottom);
    });
  assert.equal(await gap(), 12, 'the Loss card');
  await enterCompare(page);
  assert.equal(await gap(), 12, "compare mode's legend");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a compared CyclicLR run's mode offers its cycle shapes only, not ReduceLROnPlateau's min and max", async () => {
  const { page, problems } = await openApp();
  await enterCompare(page);
  const offered = (i) =>
    page.$$eval(`[data-testid="compare-${i}-param-mode"] option`, (options) =>
      options.map((o) => o.value),
    );
  assert.deepEqual(await offered(0), ['min', 'max'], 'run A: ReduceLROnPlateau');
  await select(page, 'compare-1-scheduler', 'cyclic');
  assert.deepEqual(await offered(1), ['triangular', 'triangular2', 'exp_range']);
  assert.equal(await page.inputValue('[data-testid="compare-1-param-mode"]'), 'triangular');
  assert.match(
    await page.getAttribute('label[for="compare-1-mode"]', 'title'),
    /^Cycle shape: CyclicLR/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test("compare mode's log loss axis writes its decades as the rate axis does, evenly spaced", async () => {
  // It read 1, 0.1, 0.01, 0.001, 1.00e-4, 1.00e-5: the loss's own format for the small ones.
  const hash =
    '#compare=1&runA=scheduler:plateau&runB=scheduler:step,step_size:20&runC=scheduler:cosine&standardize=true';
  const { page, problems } = await openApp({ width: 390, height: 844 }, hash);
  await click(page, 'run-all');
  const ticks = (await page.evaluate(() => window.__lrplay.compareCharts())).lossTicks;
  assert.ok(ticks.length >= 3, ticks.join(' '));
  const exponents = ticks.map((t) => Math.log10(Number(t)));
  for (const [i, e] of exponents.entries()) {
    assert.ok(Number.isInteger(Math.round(e * 1e9) / 1e9), `${ticks[i]} is a decade`);
    assert.doesNotMatch(ticks[i], /\.\d*e/, 'a decade written without trailing digits');
    if (i > 1)
      assert.equal(Math.round(exponents[i - 1] - e), Math.round(exponents[0] - exponents[1]));
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("compare mode's accuracy caption names the shared data's majority-class floor, as the single run's does", async () => {
  // It said only "Validation samples whose class each run's model names correctly", where the
  // single run's caption names the score of always naming the class most common in training.
  const { page, problems } = await openCompare(`#dataset=iris&${LESSON_THREE.slice(1)}`);
  const caption = await page.$eval(
    '#compare .chart-card:has([data-testid="compare-acc-chart"]) .caption',
    (p) => p.textContent.replace(/\s+/g, ' '),
  );
  // scikit-learn's split of iris (test_size 0.2, random_state 42): 9 of the 30 are the class most
  // common among the 120 in training (tests/test_trainer_batches.cpp), versicolor by iris.csv's
  // header.
  assert.equal(
    caption,
    `Validation flowers whose class each run\u2019s model names correctly. Grey dashes: a model that always names the class most common in training (versicolor), which scores ${formatPct(9 / 30)} (9 of 30): the floor to beat.`,
  );
  assert.deepEqual(problems, []);
  await page.close();
});
