// Bad input the page takes from a learner, checked where it shows: settings that take the planned
// rate past a double's range (the preview's caption and the scheduler panel say so, never Infinity,
// NaN or a dash as a rate), a run whose rate overflows (the toolbar, status line and rate changes
// say so), a range test whose rates would overflow (the core's refusal next to its
// field), and OneCycleLR settings judged on the run's own step count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { click, openApp, shots, text, useBrowser } from './browser.mjs';

useBrowser();

const byId = (id) => `[data-testid="${id}"]`;

test('a schedule past a double\u2019s range is said to be so, not drawn as Infinity', async () => {
  // CosineAnnealingLR's recursive form with eta_min = 1e308: 1e308 after epoch 1, then -inf, NaN.
  const { page, problems } = await openApp(undefined, '#scheduler=cosine&t_max=1&eta_min=1e308');
  const caption = page.locator('#preview figcaption');
  await caption.scrollIntoViewIfNeeded();
  assert.match(
    await caption.textContent(),
    /It is no longer a finite number after epoch 2 \(these settings take it past a double’s range\), where a run diverges\.$/,
  );
  const panel = await page.textContent('#state-body');
  assert.match(panel, /Lowest rate1e308 after epoch 1/);
  for (const shown of [await caption.textContent(), panel]) {
    assert.doesNotMatch(shown, /Infinity|NaN|undefined|ends at –/);
  }
  await page.locator('#preview').screenshot({ path: path.join(shots, 'bad-input-preview.png') });
  assert.deepEqual(problems, []);
  await page.close();

  // ExponentialLR with gamma 1e308: 1e307 after epoch 1, inf from epoch 2 on.
  const exp = await openApp(undefined, '#scheduler=exp&gamma=1e308');
  const expPanel = await exp.page.textContent('#state-body');
  assert.match(expPanel, /After epoch 100past a double’s range/);
  assert.doesNotMatch(expPanel, /Infinity|NaN|undefined/);
  assert.match(
    await exp.page.textContent('#preview figcaption'),
    /no longer a finite number after epoch 2/,
  );
  assert.deepEqual(exp.problems, []);
  await exp.page.close();
});

test('a run whose rate overflows says so in the toolbar, status line and rate changes', async () => {
  // StepLR(step_size=1, gamma=1e308) from lr 2: epoch 1 trains at 2, the rate after it is inf.
  const { page, problems } = await openApp(
    undefined,
    '#scheduler=step&step_size=1&gamma=1e308&lr=2',
  );
  await click(page, 'step');
  assert.equal(await text(page, 'lr'), 'past a double\u2019s range');
  assert.match(
    await text(page, 'status'),
    /^StepLR raised the rate at epoch 1 \(2 → past a double’s range\): it multiplies the rate by gamma = 1e308 every 1 epoch\.$/,
  );
  assert.match(await text(page, 'changes'), /epoch 1\s*2 → past a double’s range/);
  for (const id of ['lr', 'status', 'changes']) {
    assert.doesNotMatch(await text(page, id), /Infinity|NaN|undefined/, id);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a range test whose rates would overflow is refused at end_lr; the page stays usable', async () => {
  const { page, problems } = await openApp();
  await page.click('#lr-find details summary');
  await page.fill(byId('lr-find-param-end_lr'), '1e308');
  await click(page, 'lr-find');
  const error = page.locator('#lr-find-param-end_lr-error');
  assert.match(
    await error.textContent(),
    /^end_lr = 1e308 is not accepted with start_lr = 1e-7: end_lr \/ start_lr is beyond a double's range/,
  );
  assert.equal(await error.isVisible(), true);
  assert.equal(await page.locator(byId('lr-find-chart')).count(), 0, 'no chart of inf rates');
  await page.locator('#lr-find').screenshot({ path: path.join(shots, 'bad-input-lr-find.png') });
  await click(page, 'step');
  assert.equal(await text(page, 'epoch'), '1');
  assert.deepEqual(problems, []);
  await page.close();
});

test('compare mode with a run that diverges says so when every run is over', async () => {
  // Run C's ExponentialLR(gamma=1e308) overflows the rate after epoch 1: C diverges at epoch 2.
  const { page, problems } = await openApp(
    undefined,
    '#compare=1&runA=scheduler:plateau&runB=scheduler:step&runC=scheduler:exp,gamma:1e308',
  );
  await click(page, 'run-all', { timeout: 60000 });
  assert.match(
    await text(page, 'status'),
    /^All runs are over at epoch 100: C diverged at epoch 2\. Lowest validation loss /,
  );
  assert.deepEqual(problems, []);
  await page.close();
});
