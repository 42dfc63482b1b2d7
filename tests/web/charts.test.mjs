// Page tests of the charts, the status line and compare mode's runs and legends, in headless
// Chromium: who the status credits for a change, markers and labels for discrete changes only,
// skipped cuts kept apart, an exploding run's band labelled with the core's factor, an unmistakable
// divergence, and compare mode starting from the learner's run. Run `npm run build` first; then
// `node --test --test-concurrency=1 tests/web/charts.test.mjs`.
// Screenshots (charts-*.png) go to test-results/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openApp, select, shots, text, useBrowser, waitEpoch, waitIdle } from './browser.mjs';
import { nodeCore } from './node-core.mjs';

useBrowser();

const PHONE = { width: 390, height: 844 };
const byId = (id) => `[data-testid="${id}"]`;

/** Clicks Run to end and waits for the last epoch and the last drawing. */
async function runToEnd(page, epochs = 100) {
  await page.click(byId('run-all'));
  await waitEpoch(page, epochs);
  await waitIdle(page);
}

/** Clicks Step n times, waiting for each epoch. */
async function step(page, from, n) {
  for (let e = from + 1; e <= from + n; e++) {
    await page.click(byId('step'));
    await waitEpoch(page, e);
  }
  await waitIdle(page);
}

/** The rate chart's summary once it describes `epoch` (it is relabelled at most 4 times a second). */
async function lrSummary(page, epoch) {
  await page.waitForFunction(
    (e) => document.getElementById('lr-chart').getAttribute('aria-label').includes(`epoch ${e}:`),
    epoch,
  );
  return page.getAttribute('#lr-chart', 'aria-label');
}

/** Whether two label boxes overlap. */
const overlap = (a, b) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function assertNoOverlap(labels) {
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++)
      assert.ok(!overlap(labels[i], labels[j]), `labels ${i} and ${j} overlap`);
}

/** Saves a screenshot of the page at desktop and phone widths, with element `id` in view. */
async function shoot(page, name, id = 'lr-chart') {
  await page.screenshot({ path: path.join(shots, `charts-${name}-desktop.png`) });
  await page.setViewportSize(PHONE);
  await page.evaluate(
    (id) => document.getElementById(id).scrollIntoView({ block: 'center', behavior: 'instant' }),
    id,
  );
  await page.screenshot({ path: path.join(shots, `charts-${name}-phone.png`) });
}

test("the first Step's point shows on every chart; a line of two draws no dots", async () => {
  const { page, problems } = await openApp();
  await page.waitForFunction(() => window.__lrplay.ready === true);
  await step(page, 0, 1);
  // Chart.js draws a one-point line as nothing: the lone point is a dot (loss, rate, accuracy).
  const lone = await page.evaluate(() => window.__lrplay.firstPointRadii());
  for (const radius of lone) assert.ok(radius > 0, `radii ${lone}`);
  await step(page, 1, 1);
  assert.deepEqual(await page.evaluate(() => window.__lrplay.firstPointRadii()), [0, 0, 0]);
  assert.deepEqual(problems, []);
});

test("a warm-up step is credited to LinearLR, and the switch to StepLR at SequentialLR's milestone", async () => {
  const { page, problems } = await openApp(undefined, '#scheduler=step&warmup=5');
  await step(page, 0, 1);
  const first = await text(page, 'status');
  assert.match(first, /^LinearLR raised the rate at epoch 1 /);
  assert.doesNotMatch(first, /StepLR/);
  await step(page, 1, 4);
  assert.match(
    await text(page, 'status'),
    /^StepLR raised the rate at epoch 5 .*takes over from LinearLR at SequentialLR's milestone 5/,
  );
  await runToEnd(page);
  // The warm-up's steps are a line; the switch and StepLR's cuts at 35, 65, 95 are stairs.
  const labels = await page.evaluate(() => window.__lrplay.lrLabels());
  assert.deepEqual(
    labels.map((l) => l.text),
    ['\u00d71.15 warm-up ends', '\u00f710 step', '\u00f710 step', '\u00f710 step'],
  );
  assertNoOverlap(labels);
  assert.equal(await page.textContent('#changes-count'), '4');
  await shoot(page, 'warmup');
  assert.deepEqual(problems, []);
  await page.close();
});

for (const [name, hash] of [
  ['exponential', '#scheduler=exp&gamma=0.95'],
  ['cosine', '#scheduler=cosine'],
  // These change the rate at every step: a marker, a label and a dashed line on every epoch before.
  ['cyclic', '#scheduler=cyclic'],
  ['one-cycle', '#scheduler=onecycle'],
  ['polynomial', '#scheduler=poly&total_iters=200'],
  // The chained try-it: its LinearLR ramp and ExponentialLR step together in epochs 1-5, which put a
  // marker, a label '×1.22 LinearLR and ExponentialLR' and a dashed line on each.
  [
    'chained',
    `#${new URLSearchParams({
      standardize: 'true',
      schedule:
        'ChainedScheduler([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)])',
    })}`,
  ],
]) {
  test(`${name}: a continuous schedule is a line, with no change markers, labels or count`, async () => {
    const { page, problems } = await openApp(undefined, hash);
    await runToEnd(page);
    assert.deepEqual(await page.evaluate(() => window.__lrplay.lrMarkers()), {
      changes: 0,
      changed: 0,
      skips: 0,
      skipped: 0,
    });
    assert.deepEqual(await page.evaluate(() => window.__lrplay.lrLabels()), []);
    assert.equal(await page.textContent('#changes-count'), '0');
    assert.equal(await page.$$eval(`${byId('changes')} li`, (li) => li.length), 1);
    assert.match(await lrSummary(page, 100), /no stair so far, it moves a little every epoch\.$/);
    if (name === 'cosine') await shoot(page, 'cosine');
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test("a rate of 0 on the log axis: the floor is marked '0', on the preview and on the run's rate chart", async () => {
  // PolynomialLR(total_iters=100, power=1) ends at 0 after epoch 100. A log axis cannot place 0:
  // Chart.js draws it at the axis floor, which was half the lowest positive rate (0.0005) with no
  // mark, so the line seemed to level off there while the caption said it ends at 0.
  const { page, problems } = await openApp(undefined, '#scheduler=poly&total_iters=100');
  await waitIdle(page);
  await page.locator('#preview').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.__lrplay.previewTicks().length > 0);
  assert.deepEqual(await page.evaluate(() => window.__lrplay.previewTicks()), [
    '0.1',
    '0.01',
    '0.001',
    '0',
  ]);
  await runToEnd(page);
  assert.equal(await text(page, 'lr'), '0');
  assert.deepEqual(await page.evaluate(() => window.__lrplay.lrTicks()), [
    '0.1',
    '0.01',
    '0.001',
    '0',
  ]);
  // After a change to StepLR, the last run's faint line keeps its 0 on the floor marked '0' (it
  // left its 0 out: the line stopped at 0.001): all 100 of its rates drawn.
  await select(page, 'scheduler', 'step');
  await runToEnd(page);
  assert.deepEqual(await page.evaluate(() => window.__lrplay.lrTicks()), [
    '0.1',
    '0.01',
    '0.001',
    '0.0001',
    '0',
  ]);
  assert.equal((await page.evaluate(() => window.__lrplay.lastRun())).drawn[1], 100);
  await page.close();
  // A run that never reaches 0 gets no such mark.
  const step = await openApp(undefined, '#scheduler=step');
  await waitIdle(step.page);
  await runToEnd(step.page);
  assert.ok(!(await step.page.evaluate(() => window.__lrplay.lrTicks())).includes('0'));
  assert.deepEqual(problems, []);
  assert.deepEqual(step.problems, []);
  await step.page.close();
});

test('StepLR: every cut is a marker with a label and is counted', async () => {
  const { page, problems } = await openApp(undefined, '#scheduler=step');
  await runToEnd(page);
  assert.deepEqual(await page.evaluate(() => window.__lrplay.lrMarkers()), {
    changes: 3,
    changed: 3,
    skips: 0,
    skipped: 0,
  });
  const labels = await page.evaluate(() => window.__lrplay.lrLabels());
  assert.deepEqual(
    labels.map((l) => l.text),
    ['\u00f710 step', '\u00f710 step', '\u00f710 step'],
  );
  assertNoOverlap(labels);
  assert.equal(await page.textContent('#changes-count'), '3');
  await shoot(page, 'steplr');
  assert.deepEqual(problems, []);
  await page.close();
});

test('plateau: many cuts get labels that never overlap; skipped cuts are counted apart and kept apart', async () => {
  // patience 0 cuts after every bad epoch; eps 1 turns every cut into a skipped one.
  const many = await openApp(undefined, '#patience=0&min_lr=1e-300&sched_eps=0');
  await runToEnd(many.page);
  const markers = await many.page.evaluate(() => window.__lrplay.lrMarkers());
  const labels = await many.page.evaluate(() => window.__lrplay.lrLabels());
  assert.ok(markers.changed > 10, `many cuts: ${markers.changed}`);
  const lrWidth = await many.page.$eval('#lr-chart', (c) => c.clientWidth);
  assert.ok(markers.changes <= lrWidth / 12 + 1, `${markers.changes} triangles on ${lrWidth} px`);
  assert.ok(labels.length >= 2 && labels.length < markers.changed, `thinned: ${labels.length}`);
  assert.equal(await many.page.textContent('#changes-count'), String(markers.changed));
  assert.ok(labels.every((l) => l.text === '\u00f710 plateau'));
  assertNoOverlap(labels);
  assert.deepEqual(many.problems, []);
  await many.page.close();

  const { page, problems } = await openApp(undefined, '#epochs=1000&patience=0&sched_eps=1');
  await runToEnd(page, 1000);
  const skips = await page.evaluate(() => window.__lrplay.lrMarkers());
  assert.equal(skips.changes, 0);
  assert.ok(skips.skipped > 100, `skipped cuts: ${skips.skipped}`);
  const width = await page.$eval('#lr-chart', (c) => c.clientWidth);
  assert.ok(skips.skips <= width / 12 + 1, `${skips.skips} rings on ${width} px`);
  assert.equal(await page.textContent('#changes-count'), `0 + ${skips.skipped} skipped`);
  assert.match(
    await lrSummary(page, 1000),
    new RegExp(`no change so far, ${skips.skipped} cuts skipped \\(eps\\)`),
  );
  assert.match(await page.textContent(`${byId('changes')} li`), /skipped, not a change/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a divergence is unmistakable and the readout and status agree; 1e18 is written 1e18', async () => {
  const { page, problems } = await openApp(undefined, '#lr=1e18');
  await page.click(byId('run-all'));
  await page.waitForFunction(() => window.__lrplay.alarm().diverged > 0);
  await waitIdle(page);
  const { diverged } = await page.evaluate(() => window.__lrplay.alarm());
  assert.equal(diverged, 2);
  assert.equal(await text(page, 'epoch'), '1');
  assert.match(
    await text(page, 'status'),
    /^Diverged at epoch 2: .*training stopped and epoch 1 is the last one kept\./,
  );
  // The charts' headers show that epoch, the last one kept, not the diverged one's dashes
  // (`lrplay train --lr 1e18 --epochs 2`: epoch 1 trains to 10.803728, 14 of 36 right).
  assert.equal(await page.textContent('#train-loss'), '10.8');
  assert.equal(await page.textContent('#val-acc'), '38.9% (14 of 36)');
  // The hatched red region fills the plot after the last finite epoch on every chart.
  for (const id of ['loss-chart', 'lr-chart', 'acc-chart']) {
    const rgba = await page.$eval(`#${id}`, (canvas) => {
      // Near the right end of the plot, below the alarm's boxed label at the top and above the
      // accuracy chart's majority-class label (38.9%, whose box reaches 40% of the height).
      const ratio = canvas.width / canvas.clientWidth;
      const [x, y] = [canvas.clientWidth - 30, canvas.clientHeight * 0.3].map((v) =>
        Math.round(v * ratio),
      );
      return [...canvas.getContext('2d').getImageData(x, y, 1, 1).data];
    });
    const [r, g, b] = rgba;
    assert.ok(r > g + 20 && r > b + 20, `${id}: red tint at the right, got ${rgba}`);
  }
  const body = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(body, /\de\+\d/, 'no 1e+18 anywhere on the page');
  await shoot(page, 'diverged');
  assert.deepEqual(problems, []);
  await page.close();
});

test("an exploding run's band is labelled with the core's factor on every chart", async () => {
  // The factor is the core's (kExplodingFactor, cpp/trainer.hpp), from its record layout.
  const factor = (await nodeCore()).recordLayout().explodingFactor;
  assert.ok(Number.isFinite(factor) && factor > 1, `the core's factor: ${factor}`);
  // lr = 1000: Adam's loss at epoch 2 is over 100x epoch 1's, and stays finite.
  const { page, problems } = await openApp(undefined, '#lr=1000');
  assert.deepEqual(await page.evaluate(() => window.__lrplay.alarmLabels()), {
    loss: null,
    lr: null,
    acc: null,
  });
  await step(page, 0, 2);
  assert.deepEqual(await page.evaluate(() => window.__lrplay.alarm()), {
    exploding: 2,
    diverged: 0,
  });
  const label = `loss > ${factor}\u00d7 epoch 1\u2019s from epoch 2`;
  assert.deepEqual(await page.evaluate(() => window.__lrplay.alarmLabels()), {
    loss: label,
    lr: label,
    acc: label,
  });
  // Run on, ReduceLROnPlateau cuts: its stair labels keep off the band's label at the top.
  await runToEnd(page);
  const box = await page.evaluate(() => window.__lrplay.lrAlarmBox());
  const stairs = await page.evaluate(() => window.__lrplay.lrLabels());
  assert.ok(box && stairs.length > 0, `${JSON.stringify(box)}, ${stairs.length} stair labels`);
  for (const l of stairs) assert.ok(!overlap(l, box), `"${l.text}" over the band's label`);
  await shoot(page, 'exploding', 'loss-chart');
  assert.deepEqual(problems, []);
  await page.close();
});

test("compare mode starts from the learner's run; B and C differ; Remove then Add keeps letters and colours", async () => {
  const { page, problems } = await openApp(undefined, '#scheduler=step&step_size=20');
  await page.click(byId('compare-toggle'));
  await page.waitForFunction(() => window.__lrplay.mode === 'compare');
  await waitIdle(page);
  const legend = () =>
    page.$$eval(`${byId('compare-legend')} li`, (li) =>
      li.map((l) => ({
        text: l.textContent.trim(),
        color: l.querySelector('line').getAttribute('stroke'),
      })),
    );
  const start = await legend(page);
  assert.deepEqual(
    start.map((l) => l.text),
    [
      'A StepLR(step_size=20, gamma=0.1)',
      'B LinearLR(start_factor=0.3333, end_factor=1, total_iters=5)',
      'C ExponentialLR(gamma=0.5)',
    ],
  );
  await runToEnd(page);
  const rows = await page.$$eval(`${byId('compare-table')} tbody tr`, (trs) =>
    trs.map((tr) =>
      Object.fromEntries(
        [...tr.querySelectorAll('td[data-col]')].map((c) => [c.dataset.col, c.textContent]),
      ),
    ),
  );
  // On the lesson's raw features: A sinks to 38.9%, the warm-up reaches 61.1%, C stalls near 2.5.
  assert.equal(new Set(rows.map((r) => r.loss)).size, 3, JSON.stringify(rows));
  assert.equal(new Set(rows.map((r) => r.acc)).size, 3, JSON.stringify(rows));
  assert.doesNotMatch(await text(page, 'status'), /reached by every run/);
  await shoot(page, 'compare', 'compare-lr-chart');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.click(byId('compare-1-remove'));
  await waitIdle(page);
  const removed = await legend(page);
  assert.deepEqual(removed, [start[0], start[2]], 'A and C keep their letters and colours');
  assert.match(await page.textContent(`${byId('compare-run-1')} .run-key`), /^C$/);
  await page.click(byId('compare-add'));
  await waitIdle(page);
  const added = await legend(page);
  assert.deepEqual(added.slice(0, 2), [start[0], start[2]]);
  assert.equal(added[2].text[0], 'B');
  assert.equal(added[2].color, start[1].color);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a cosine run with a warm-up is named by its own arguments in compare mode', async () => {
  const { page, problems } = await openApp(undefined, '#scheduler=cosine&warmup=5');
  await page.click(byId('compare-toggle'));
  await page.waitForFunction(() => window.__lrplay.mode === 'compare');
  await waitIdle(page);
  const first = await page.textContent(`${byId('compare-legend')} li`);
  assert.equal(
    first.trim(),
    'A CosineAnnealingLR(T_max=100, eta_min=0) after a 5-epoch warm-up from 0.3333\u00d7lr',
  );
  assert.deepEqual(problems, []);
  await page.close();
});
