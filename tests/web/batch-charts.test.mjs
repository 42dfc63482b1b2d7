// Page tests of the per-step charts (issue 9): with a scheduler stepped per batch the rate chart has
// a point per optimizer step at x = epoch - 1 + (b + 1) / batches, equal to the core's own per-step
// rates; the momentum chart shows only when the scheduler cycles momentum; a long run draws a
// bounded number of points. Run `npm run build` first; then
// `node --test --test-concurrency=1 tests/web/batch-charts.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { act, click, openApp, useBrowser } from './browser.mjs';
import { useNodeRuns } from './node-core.mjs';

useBrowser();
const nodeRun = useNodeRuns('wine');

// 142 training wines in batches of 32: 5 optimizer steps an epoch.
const ONE_CYCLE = {
  batch_size: '32',
  optimizer: 'sgd',
  momentum: '0.9',
  scheduler: 'onecycle',
  scheduler_step: 'batch',
  standardize: 'true',
  epochs: '6',
};
const hashOf = (settings) => `#${new URLSearchParams(settings)}`;

/** The core's per-step rates and momenta for `epochs` epochs of `settings`, in node. */
function coreSteps(settings, epochs) {
  const run = nodeRun(settings);
  try {
    const lrs = [];
    const momenta = [];
    for (const r of run.run(epochs)) {
      lrs.push(...r.stepLrs);
      momenta.push(...r.stepMomenta);
    }
    return { lrs, momenta, batches: run.batchesPerEpoch, name: run.momentumName };
  } finally {
    run.dispose();
  }
}

test('a per-batch OneCycleLR run plots every step at a fractional epoch, with the core’s rates', async () => {
  const { page, problems } = await openApp(undefined, hashOf(ONE_CYCLE));
  for (let i = 0; i < 3; i++) await click(page, 'step');
  const points = await page.evaluate(() => window.__lrplay.lrPoints());
  const expected = coreSteps(ONE_CYCLE, 3);
  assert.equal(expected.batches, 5);
  assert.equal(points.length, 15);
  points.forEach((p, k) => {
    const [epoch, b] = [Math.floor(k / 5) + 1, k % 5];
    assert.ok(Math.abs(p.x - (epoch - 1 + (b + 1) / 5)) < 1e-12, `x of step ${k + 1}: ${p.x}`);
    assert.equal(p.y, expected.lrs[k], `rate after step ${k + 1}`);
  });
  // The epoch's last step is the epoch's own point: the rate the lesson prints.
  assert.deepEqual(
    points.filter((_, k) => k % 5 === 4).map((p) => p.x),
    [1, 2, 3],
  );
  // The rates cycle within an epoch: not a stair of epoch values.
  assert.notEqual(points[0].y, points[4].y);
  // The tooltip between epochs counts the run's optimizer steps, as the core's reasons do.
  assert.deepEqual(await page.evaluate(() => window.__lrplay.lrTooltipTitle(7)), [
    'Epoch 2 \u00b7 optimizer step 8 (batch 3 of 5)',
  ]);
  assert.deepEqual(await page.evaluate(() => window.__lrplay.lrTooltipTitle(9)), [
    'Epoch 2 \u00b7 optimizer step 10 (batch 5 of 5)',
  ]);
  const momentum = await page.evaluate(() => window.__lrplay.momentumChart());
  assert.equal(momentum.shown, true);
  assert.equal(momentum.name, 'momentum');
  assert.deepEqual(
    momentum.points.map((p) => p.y),
    expected.momenta,
  );
  await page.waitForFunction(() =>
    document.getElementById('momentum-chart').getAttribute('aria-label').includes('epoch 3:'),
  );
  assert.match(
    await page.getAttribute('#momentum-chart', 'aria-label'),
    /^Momentum after epoch 3: 0\.\d+; cycled by the scheduler between/,
  );
  assert.equal(await page.isVisible('[data-testid="export-png-momentum"]'), true);
  const download = page.waitForEvent('download');
  await page.click('[data-testid="export-png-momentum"]');
  assert.match((await download).suggestedFilename(), /-momentum\.png$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the momentum chart is there only when the scheduler cycles it', async () => {
  const adam = { ...ONE_CYCLE, optimizer: 'adam' };
  const { page, problems } = await openApp(undefined, hashOf(adam));
  await click(page, 'step');
  let momentum = await page.evaluate(() => window.__lrplay.momentumChart());
  assert.equal(momentum.shown, true);
  assert.equal(momentum.name, 'beta1');
  assert.deepEqual(
    momentum.points.map((p) => p.y),
    coreSteps(adam, 1).momenta,
  );
  // StepLR moves no momentum: no chart, no export button.
  await act(page, () => page.selectOption('[data-testid="scheduler"]', 'step'));
  await click(page, 'step');
  momentum = await page.evaluate(() => window.__lrplay.momentumChart());
  assert.equal(momentum.shown, false);
  assert.equal(await page.isVisible('[data-testid="momentum-chart"]'), false);
  assert.equal(await page.isVisible('[data-testid="export-png-momentum"]'), false);
  // OneCycleLR without cycle_momentum: none either.
  await act(page, () => page.selectOption('[data-testid="scheduler"]', 'onecycle'));
  await act(page, () => page.uncheck('[data-testid="param-cycle_momentum"]'));
  await click(page, 'step');
  assert.equal((await page.evaluate(() => window.__lrplay.momentumChart())).shown, false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a long per-batch run keeps the points drawn per chart bounded', async () => {
  // 1,000 epochs of 9 steps: 9,000 rates, drawn as a few points per pixel column.
  const settings = {
    batch_size: '16',
    scheduler: 'cosine',
    t_max: '1000',
    scheduler_step: 'batch',
    epochs: '1000',
  };
  const { page, problems } = await openApp(undefined, hashOf(settings));
  await click(page, 'run-all', { timeout: 120000 });
  const counts = await page.evaluate(() => window.__lrplay.chartPointCounts());
  assert.deepEqual(counts, { loss: 1000, lr: 9000, acc: 1000 });
  const drawn = await page.evaluate(() => window.__lrplay.chartDrawnCounts());
  const width = await page.evaluate(() => document.getElementById('lr-chart').clientWidth);
  // At most one point per 2 px of the canvas, whatever the run's length.
  for (const [chart, n] of Object.entries(drawn)) {
    assert.ok(n <= width / 2, `${chart}: ${n} points drawn on a ${width}px chart`);
  }
  assert.ok(drawn.lr > 20, `the rate line is drawn (${drawn.lr} points)`);
  // The last point drawn is the run's last: the line reaches the end.
  const last = await page.evaluate(() => window.__lrplay.lrPoints().at(-1));
  assert.equal(last.x, 1000);
  assert.deepEqual(problems, []);
  await page.close();
});

test('compare mode overlays every step’s rate, and the momentum of the runs that cycle it', async () => {
  const { page, problems } = await openApp(undefined, `${hashOf(ONE_CYCLE)}&compare=1`);
  assert.equal(await page.evaluate(() => window.__lrplay.mode), 'compare');
  for (let i = 0; i < 2; i++) await click(page, 'step');
  const charts = await page.evaluate(() => window.__lrplay.compareCharts());
  // Run A is the learner's OneCycleLR; the default B and C step per batch too (a shared setting).
  assert.deepEqual(
    charts.lr.map((c) => c.points),
    [10, 10, 10],
  );
  assert.deepEqual(
    charts.loss.map((c) => c.points),
    [2, 2, 2],
  );
  assert.equal(charts.momentum.length, 3);
  assert.equal(charts.momentum[0].points, 10);
  assert.deepEqual(
    charts.momentum.slice(1).map((c) => c.points),
    [0, 0],
  );
  assert.equal(await page.isVisible('[data-testid="compare-momentum-chart"]'), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('pointing beside a change marker shows the line’s own step there, not the step of the marker’s index', async () => {
  // StepLR every 10 of 48 steps an epoch: the epochs' triangles are the markers' points 0, 1, 2.
  // At 320 px the line's points are a pixel or so apart, so a triangle is often nearer the pointer.
  const { page, problems } = await openApp(
    { width: 320, height: 800 },
    '#scheduler=step&step_size=10&batch_size=3&scheduler_step=batch&epochs=3',
  );
  await click(page, 'run-all');
  const canvas = page.locator('[data-testid="lr-chart"]');
  await canvas.scrollIntoViewIfNeeded();
  for (const epoch of [1, 2]) {
    const at = await page.evaluate((e) => window.__lrplay.lrPixelX(e), epoch);
    for (const dx of [-2, -1, -0.5, 0, 0.5, 1, 2]) {
      const box = await canvas.boundingBox();
      await page.mouse.move(box.x + at + dx, box.y + box.height / 2);
      const title = await page.evaluate(() => window.__lrplay.lrTooltipShown());
      const step = Number(/optimizer step (\d+)/.exec(title?.[0])?.[1]);
      // The point read is the one under the pointer (the line is thinned to a few points a
      // column of pixels), not one far to the left.
      const x = await page.evaluate((s) => window.__lrplay.lrPixelX(s / 48), step);
      assert.ok(Math.abs(x - (at + dx)) <= 4, `${dx} px from epoch ${epoch}: ${title}`);
    }
  }
  assert.deepEqual(problems, []);
  await page.close();
});
