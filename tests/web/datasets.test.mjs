// The data-set choice on the page: the other data sets are fetched when chosen (not in the first
// load) and train like the CLI's `--dataset`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { act, click, openApp, select, text, useBrowser } from './browser.mjs';
import { formatPct } from '../../web/src/model/format.js';

useBrowser();

test('choosing iris fetches it and trains on its 120 training rows', async () => {
  const { page, problems } = await openApp();
  const fetched = [];
  page.on('request', (r) => /iris/.test(r.url()) && fetched.push(r.url()));
  await select(page, 'param-dataset', 'iris');
  assert.equal(fetched.length, 1, 'iris is fetched once it is chosen');
  assert.match(await page.textContent('#help-epochs'), /\(120 here\)/);
  await click(page, 'step');
  assert.equal(await text(page, 'epoch'), '1');
  assert.deepEqual(problems, []);
  await page.close();
});

test("the loss chart's chance line follows the data's class count, in both modes", async () => {
  const { page, problems } = await openApp();
  const chance = () => page.evaluate(() => window.__lrplay.chanceLine());
  assert.equal(await chance(), 'ln 3 \u2248 1.099: a one-in-three guess');
  const caption = () =>
    page.textContent('#loss-chart ~ .caption, figure:has(#loss-chart) .caption');
  assert.match(await caption(), /Grey dashes: ln 3, the loss of\s+giving each of the 3 classes/);
  await select(page, 'param-dataset', 'digits');
  assert.equal(await chance(), 'ln 10 \u2248 2.303: a one-in-ten guess');
  assert.match(await caption(), /Grey dashes: ln 10, the loss of\s+giving each of the 10 classes/);
  await click(page, 'compare-toggle');
  const compare = await page.evaluate(() => window.__lrplay.compareCharts());
  assert.equal(compare.chanceLine, 'ln 10 \u2248 2.303: a one-in-ten guess');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the reference lines\u2019 labels stay inside their charts at every width, short where the chart is narrow', async () => {
  // At 1024 px the playground's charts have ~130 px of area: both labels ran over the y axis, the
  // accuracy chart's off the canvas ("ys the most common class: 38.9%").
  for (const [width, chance, floor] of [
    [1600, 'ln 3 \u2248 1.099: a one-in-three guess', 'always the most common class: 38.9%'],
    [1024, 'ln 3 \u2248 1.099', 'most common: 38.9%'],
    [390, 'ln 3 \u2248 1.099: a one-in-three guess', 'always the most common class: 38.9%'],
  ]) {
    const { page, problems } = await openApp({ width, height: 800 });
    await click(page, 'step');
    for (const [shown, drawn] of [
      [chance, await page.evaluate(() => window.__lrplay.chanceLabelBox())],
      [floor, await page.evaluate(() => window.__lrplay.floorLabelBox())],
    ]) {
      const { box, area, label } = drawn;
      assert.equal(label, shown, `${width} px`);
      assert.ok(
        box.left >= area.left && box.right <= area.right,
        `${width} px: ${JSON.stringify({ box, area })}`,
      );
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('the accuracy chart draws the majority-class floor the caption names, by its class name when the data names it, following the data, in both modes', async () => {
  // The caption named the floor to beat; the chart drew nothing there, so a digits run that
  // collapsed onto it (7.8%) looked like any poor run.
  const { page, problems } = await openApp();
  const floor = () => page.evaluate(() => window.__lrplay.floorLine());
  const drawn = async () => {
    const { box, area } = await page.evaluate(() => window.__lrplay.floorLabelBox());
    assert.ok(box.top >= area.top && box.bottom <= area.bottom, JSON.stringify({ box, area }));
    assert.ok(box.left >= area.left && box.right <= area.right, JSON.stringify({ box, area }));
  };
  // The core's counts (tests/test_trainer.cpp, tests/test_trainer_batches.cpp): 14 of the 36
  // wines, 28 of the 360 digit images, 9 of the 30 flowers (versicolor).
  assert.equal(await floor(), `always the most common class: ${formatPct(14 / 36)}`);
  await click(page, 'step');
  await drawn();
  await select(page, 'param-dataset', 'digits');
  assert.equal(await floor(), `always the most common class: ${formatPct(28 / 360)}`);
  await click(page, 'step');
  await drawn();
  // Scikit-learn's header names the iris classes: the line says which one the floor always names.
  await select(page, 'param-dataset', 'iris');
  assert.equal(await floor(), `always versicolor: ${formatPct(9 / 30)}`);
  await click(page, 'step');
  await drawn();
  await click(page, 'compare-toggle');
  const compare = await page.evaluate(() => window.__lrplay.compareCharts());
  assert.equal(compare.floorLine, `always versicolor: ${formatPct(9 / 30)}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the chance line's label stays inside the loss chart when the line is at its top", async () => {
  // Breast cancer's ln 2 ≈ 0.693 sits at the top of an axis that ends at 0.7: the label, drawn
  // above the line, was cut off by the canvas's edge.
  const hash =
    '#dataset=breast_cancer&standardize=true&scheduler=onecycle&optimizer=sgd&momentum=0.9&batch_size=64&scheduler_step=batch&epochs=30';
  const { page, problems } = await openApp(undefined, hash);
  await click(page, 'run-all');
  const { box, area } = await page.evaluate(() => window.__lrplay.chanceLabelBox());
  assert.ok(box.top >= area.top && box.bottom <= area.bottom, JSON.stringify({ box, area }));
  assert.deepEqual(problems, []);
  await page.close();
});

test("section 10's digits try-it fetches the digits and ends where the text says", async () => {
  // A preset that changes the data set: its Load fetches the digits, then trains on them
  // (lesson-claims.test builds the text's numbers from the same run in node).
  const { page, problems } = await openApp();
  const fetched = [];
  page.on('request', (r) => /digits/.test(r.url()) && fetched.push(r.url()));
  await act(page, () =>
    page.click('aside.try-it[data-preset="digits-onecycle"] .preset-button >> nth=0'),
  );
  assert.equal(fetched.length, 1, 'the digits are fetched once the preset is loaded');
  assert.equal(await page.inputValue('[data-testid="param-dataset"]'), 'digits');
  await click(page, 'run-all');
  assert.equal(await text(page, 'epoch'), '10');
  assert.match(
    await text(page, 'status'),
    /validation accuracy 96\.9% \(349 of 360 digit images\), final rate/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test("the lesson's own run ends on the floor, and the status line says so, as section 6 tells, naming the class where the data names it", async () => {
  const { page, problems } = await openApp();
  await click(page, 'run-all');
  assert.equal(await text(page, 'epoch'), '100');
  assert.match(
    await text(page, 'status'),
    /^Finished all 100 epochs: validation accuracy 38\.9% \(14 of 36 wines\), no better than always naming the most common class \(the grey dashes on the accuracy chart\), final rate 1e-8\./,
  );
  assert.equal(await page.getAttribute('[data-testid="status"]', 'data-tone'), 'warn');
  // Raw breast cancer features end there too; scikit-learn names the class the floor always names.
  await select(page, 'param-dataset', 'breast_cancer');
  await click(page, 'run-all');
  assert.match(
    await text(page, 'status'),
    /^Finished all 100 epochs: validation accuracy 62\.3% \(71 of 114 tumour samples\), no better than always naming the most common class, benign \(the grey dashes on the accuracy chart\), final rate/,
  );
  assert.equal(await page.getAttribute('[data-testid="status"]', 'data-tone'), 'warn');
  assert.deepEqual(problems, []);
  await page.close();
});
