// The last run beside this one (views/last-run.js): after a change of settings, the previous run's
// loss, rate and accuracy stay as faint lines with a legend entry naming the change; one click hides
// them; the next change clears them (or puts the run before it in their place).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { click, enter, openApp, root, shots, useBrowser } from './browser.mjs';

useBrowser();

const byId = (id) => `[data-testid="${id}"]`;
const lastRun = (page) => page.evaluate(() => window.__lrplay.lastRun());

/** axe-core's serious and critical findings on the page as it stands. */
async function seriousViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () =>
    (await window.axe.run(document)).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  );
}

test('the last run stays as faint lines after a change, hides on a click, clears at the next change', async () => {
  const { page, problems } = await openApp();
  assert.equal(await lastRun(page), null, 'no last run before any change');
  assert.equal(await page.isHidden(byId('last-run')), true);

  await click(page, 'step-10');
  await enter(page, 'param-lr', '0.05');
  // 10 epochs of the old run on each line: train and validation loss, rate, accuracy.
  assert.deepEqual(await lastRun(page), {
    label: 'lr 0.1 \u2192 0.05',
    hidden: false,
    drawn: [20, 10, 10],
  });
  assert.equal(await page.isVisible(byId('last-run')), true);
  assert.equal(
    await page.textContent(`${byId('last-run-toggle')} .last-run-text`),
    'last run (lr 0.1 \u2192 0.05)',
  );
  // The new run trains beside it; Reset (not a change) keeps it.
  await click(page, 'step-10');
  await click(page, 'reset');
  assert.equal((await lastRun(page)).hidden, false);
  await click(page, 'step-10');
  // The legend and the loss and rate charts under the sticky toolbar.
  await page.evaluate(() =>
    document.getElementById('last-run').scrollIntoView({ block: 'center' }),
  );
  await page.screenshot({ path: path.join(shots, 'last-run.png') });

  assert.deepEqual(await seriousViolations(page), [], 'the legend entry and its toggle');

  // One click hides the lines (nothing drawn), another brings them back.
  await page.click(byId('last-run-toggle'));
  assert.deepEqual(await lastRun(page), {
    label: 'lr 0.1 \u2192 0.05',
    hidden: true,
    drawn: [0, 0, 0],
  });
  assert.equal(await page.getAttribute(byId('last-run-toggle'), 'aria-pressed'), 'false');
  await page.click(byId('last-run-toggle'));
  assert.deepEqual((await lastRun(page)).drawn, [20, 10, 10]);

  // The next change: the run before it (lr 0.05, 10 epochs) takes the place of the old one.
  await enter(page, 'param-seed', '6');
  assert.equal((await lastRun(page)).label, 'seed 5 \u2192 6');
  // A change with nothing trained since the last one clears the lines.
  await enter(page, 'param-seed', '7');
  assert.equal(await lastRun(page), null);
  assert.equal(await page.isHidden(byId('last-run')), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a typed schedule in the label: "none" before it, cut short, and the legend stays on a 320 px screen', async () => {
  const { page, problems } = await openApp({ width: 320, height: 700 });
  await click(page, 'step');
  const typed = 'ChainedScheduler([StepLR(step_size=30), ExponentialLR(gamma=0.99)])';
  await enter(page, 'param-schedule', typed);
  const { label } = await lastRun(page);
  // Was "schedule  → ChainedScheduler([StepLR(step_size=30), ExponentialLR(gamma=0.99)])": the empty
  // value shown as nothing, the expression whole, the legend 50 px past the screen's edge.
  assert.equal(label, `schedule none \u2192 ${typed.slice(0, 39)}\u2026`);
  assert.match(await page.getAttribute(byId('last-run-toggle'), 'title'), /gamma=0\.99\)\]\)\)$/);
  const past = await page.$eval(
    '.last-run-key',
    (key) => key.getBoundingClientRect().right - innerWidth,
  );
  assert.ok(past <= 0, `the legend ends ${past} px past the screen`);
  // The status line quotes the typed line, whose first 40 characters have no break.
  assert.match(await page.textContent(byId('status')), /PyTorch line ChainedScheduler\(/);
  const wider = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.equal(wider, 0, 'the page does not scroll sideways');
  assert.deepEqual(problems, []);
  await page.close();
});
