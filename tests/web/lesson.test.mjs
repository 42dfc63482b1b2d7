// The lesson text against the runs its try-it boxes load, in headless Chromium against the built page
// (dist/): `npm run build`, then `node --test tests/web/lesson.test.mjs`. Every number checked here is
// one that section 2 states; the native CLI gives the same (`build/lrplay train --scheduler cosine
// --warmup 5 --t-max 95 --start-factor 0.1`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  act,
  click,
  enter,
  openApp,
  root,
  select,
  text,
  useBrowser,
  waitEpoch,
} from './browser.mjs';
import { PRESETS } from '../../web/src/model/presets.js';
import { EXERCISES } from '../../web/src/exercises/exercises.js';

useBrowser();

const byId = (id) => `[data-testid="${id}"]`;
const tryIt = (id) => `aside.try-it[data-preset="${id}"] .preset-button`;

test('every try-it box names a preset the page has', () => {
  const dir = path.join(root, 'web/src/lesson');
  const named = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .flatMap((f) =>
      [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/data-preset="([^"]+)"/g)].map(
        (m) => m[1],
      ),
    );
  for (const id of ['cosine', 'linear', 'warmup']) assert.ok(named.includes(id), id);
  for (const id of named) assert.ok(id in PRESETS, `${id} is a preset`);
});

const fragments = () => {
  const dir = path.join(root, 'web/src/lesson');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
};

test('section and exercise numbers come from the file order, never typed', () => {
  const ids = fragments().map(([f, html]) => {
    assert.doesNotMatch(html, /<h2>\s*\d/, `${f}: the page numbers the heading`);
    assert.doesNotMatch(html, /\b[Ss]ections? \d|\bexercise \d/, `${f}: a typed number`);
    return html.match(/<section id="([^"]+)"/)[1];
  });
  for (const [f, html] of fragments()) {
    for (const [, id] of html.matchAll(/data-section="([^"]+)"/g))
      assert.ok(ids.includes(id), `${f}: ${id}`);
    for (const [, id] of html.matchAll(/data-exercise="([^"]+)"/g))
      assert.ok(
        EXERCISES.some((e) => e.id === id),
        `${f}: ${id}`,
      );
  }
});

test('the page numbers the sections in file order and fills in the references', async () => {
  const { page, problems } = await openApp();
  const headings = await page.$$eval('#lesson section.lesson-section > h2', (hs) =>
    hs.map((h) => h.textContent),
  );
  const count = fragments().length;
  assert.equal(headings.length, count + 1, 'the lesson sections and the practice');
  headings.forEach((h, i) => assert.match(h, new RegExp(`^${i + 1}\\. \\S`), h));
  assert.match(headings.at(-1), new RegExp(`^${count + 1}\\. Practice$`));
  const refs = await page.$$eval(
    '#lesson span[data-section], #lesson span[data-exercise]',
    (spans) => spans.map((s) => [s.dataset.section ?? s.dataset.exercise, s.textContent]),
  );
  assert.ok(refs.length >= 12);
  for (const [id, number] of refs) assert.match(number, /^[1-9]\d*$/, id);
  assert.ok(refs.some(([id, n]) => id === 'monitoring' && n === '6'));
  assert.ok(refs.some(([id, n]) => id === 'linear-warmup' && n === '6'));
  assert.ok(refs.some(([id, n]) => id === 'exp-meets-step' && n === '4'));
  assert.deepEqual(problems, []);
  await page.close();
});

async function step(page, times, from) {
  const rates = [];
  for (let i = 1; i <= times; i++) {
    await page.click(byId('step'));
    await waitEpoch(page, from + i);
    rates.push(await text(page, 'lr'));
  }
  return rates;
}

test('the schedulers section: the warm-up and LinearLR try-its do what the text says', async () => {
  const { page, problems } = await openApp();
  await page.click(tryIt('warmup'));
  await page.waitForFunction(() => location.hash.includes('warmup=5'));
  // Epoch 1 trains at 0.01 (the readout was 0.1 before the preset).
  await page.waitForFunction(
    () => document.querySelector('[data-testid="lr"]').textContent.trim() === '0.01',
  );
  // The preview's note follows the core's first rate, not the class: the form's warm-up is a
  // SequentialLR (the old note named only a LinearLR at the root).
  assert.match(
    await page.textContent('#preview figcaption'),
    /^Exact: .* Epoch 1 itself trains at 0\.01, not at lr = 0\.1: building the SequentialLR already set the rate\.$/,
  );
  assert.deepEqual(await step(page, 5, 0), ['0.028', '0.046', '0.064', '0.082', '0.1']);
  await page.click(byId('run-all'));
  await waitEpoch(page, 100);
  assert.equal(await text(page, 'lr'), '0', 'the cosine ends at 0');
  assert.match(await text(page, 'status'), /38\.9%/);

  await page.click(tryIt('linear'));
  await page.waitForFunction(() => location.hash === '#scheduler=linear');
  assert.match(await page.textContent('#preview figcaption'), /Epoch 1 itself trains at .*0\.0333/);
  assert.deepEqual(await step(page, 5, 0), ['0.04667', '0.06', '0.07333', '0.08667', '0.1']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the schedulers section: the cosine try-it, and its half period of 50', async () => {
  const { page, problems } = await openApp();
  await page.click(tryIt('cosine'));
  await page.waitForFunction(() => location.hash === '#scheduler=cosine');
  assert.deepEqual(await step(page, 5, 0), ['0.09998', '0.0999', '0.09978', '0.09961', '0.09938']);
  await page.fill(byId('param-t_max'), '50');
  await page.press(byId('param-t_max'), 'Enter');
  await page.waitForFunction(() => location.hash.includes('t_max=50'));
  for (let i = 0; i < 5; i++) await page.click(byId('step-10'));
  await waitEpoch(page, 50);
  assert.equal(await text(page, 'lr'), '0', 'the floor after epoch 50');
  for (let i = 0; i < 5; i++) await page.click(byId('step-10'));
  await waitEpoch(page, 100);
  assert.equal(await text(page, 'lr'), '0.1', 'back at the initial rate after epoch 100');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the batches section: the batches try-it, run, fails the exercise until step_size counts batches', async () => {
  const { page, problems } = await openApp();
  await page.evaluate(() => localStorage.clear());
  await act(page, () => page.click(tryIt('batches')));
  assert.match(await page.evaluate(() => location.hash), /scheduler_step=batch/);
  await click(page, 'run-all');
  assert.equal(await text(page, 'epoch'), '100');
  // The change log gives the first cut's reason in the steps StepLR counts here (it had none: the
  // epoch's record took its last step's reason).
  assert.match(
    await page.textContent(`${byId('changes')} li`),
    /^epoch 4.*every 30 optimizer steps \(step 30\)$/,
  );
  await page.click(byId('check-batch-step-size'));
  assert.match(
    await text(page, 'result-batch-step-size'),
    /^Not yet\. .*step_size 30 .*epochs 4, 7, 10, 14, 17, 20, not after 10 and 20/,
  );
  await enter(page, 'param-step_size', '90');
  assert.equal(await text(page, 'epoch'), '0', 'a new run');
  await click(page, 'run-all');
  await page.click(byId('check-batch-step-size'));
  assert.match(
    await text(page, 'result-batch-step-size'),
    /^Passed\. .*90 batches are exactly 10 epochs of 9/,
  );
  assert.equal(await page.getAttribute(byId('exercise-batch-step-size'), 'data-done'), 'true');
  assert.equal(await text(page, 'practice-progress'), `1 of ${EXERCISES.length} done`);
  // Once per epoch instead: the three stairs of section 2.
  await select(page, 'param-scheduler_step', 'epoch');
  await enter(page, 'param-step_size', '30');
  await click(page, 'run-all');
  assert.equal(await text(page, 'lr'), '0.0001');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the composing section: the chained try-it tops out below 0.1; SequentialLR reaches it', async () => {
  const { page, problems } = await openApp();
  await act(page, () => page.click(tryIt('chained')));
  assert.match(await page.inputValue(byId('param-schedule')), /^ChainedScheduler\(/);
  assert.match(
    await page.textContent('#preview figcaption'),
    /^Exact: .* Epoch 1 itself trains at 0\.01, not at lr = 0\.1: building the ChainedScheduler already set the rate\.$/,
  );
  assert.deepEqual(await step(page, 6, 0), [
    '0.0266',
    '0.04152',
    '0.05487',
    '0.06679',
    '0.07738',
    '0.07351',
  ]);
  await enter(
    page,
    'param-schedule',
    'SequentialLR([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)], milestones=[5])',
  );
  assert.deepEqual(await step(page, 7, 0), [
    '0.028',
    '0.046',
    '0.064',
    '0.082',
    '0.1',
    '0.095',
    '0.09025',
  ]);
  await page.click(byId('check-warmup-then-decay'));
  assert.match(await text(page, 'result-warmup-then-decay'), /^Not yet\. .*epoch 7 of 100/);
  await step(page, 3, 7);
  await page.click(byId('check-warmup-then-decay'));
  assert.match(
    await text(page, 'result-warmup-then-decay'),
    /^Passed\. .*reached 0\.1 after epoch 5/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('at 1280 px every code block of the lesson fits its column: no sideways scrolling', async () => {
  // The lesson column holds 63 characters of code at 1280 to 1499 px; the lines are kept to that.
  const { page, problems } = await openApp({ width: 1280, height: 800 });
  const wide = await page.$$eval('.lesson pre', (pres) =>
    pres
      .filter((p) => p.scrollWidth > p.clientWidth)
      .map((p) => `${p.closest('section').id}: ${p.textContent.split('\n')[0]}`),
  );
  assert.ok((await page.$$eval('.lesson pre', (p) => p.length)) >= 13, 'every section is in');
  assert.deepEqual(wide, []);
  assert.deepEqual(problems, []);
  await page.close();
});
