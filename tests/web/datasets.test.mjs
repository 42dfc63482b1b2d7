// The data-set choice on the page: the other data sets are fetched when chosen (not in the first
// load) and train like the CLI's `--dataset`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { click, openApp, select, text, useBrowser } from './browser.mjs';

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
