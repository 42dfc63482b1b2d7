// The lesson text against the runs its try-it boxes load, in headless Chromium against the built page
// (dist/): `npm run build`, then `node --test tests/web/lesson.test.mjs`. Every number checked here is
// one that section 2 states; the native CLI gives the same (`build/lrplay train --scheduler cosine
// --warmup 5 --t-max 95 --start-factor 0.1`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, root, text, useBrowser, waitEpoch } from './browser.mjs';
import { PRESETS } from '../../web/src/model/settings.js';

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

async function step(page, times, from) {
  const rates = [];
  for (let i = 1; i <= times; i++) {
    await page.click(byId('step'));
    await waitEpoch(page, from + i);
    rates.push(await text(page, 'lr'));
  }
  return rates;
}

test('section 2: the warm-up and LinearLR try-its do what the text says', async () => {
  const { page, problems } = await openApp();
  await page.click(tryIt('warmup'));
  await page.waitForFunction(() => location.hash.includes('warmup=5'));
  // Epoch 1 trains at 0.01 (the readout was 0.1 before the preset).
  await page.waitForFunction(
    () => document.querySelector('[data-testid="lr"]').textContent.trim() === '0.01',
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

test('section 2: the cosine try-it, and its half period of 50', async () => {
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
