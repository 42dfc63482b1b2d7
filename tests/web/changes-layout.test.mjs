// Page test of the Rate changes list's layout (views/console.js, styles/console.css): a long change
// text ('…, then a little every epoch (not counted)' after a warm-up's first epoch, a skipped cut's
// 'stays …') wraps in its column instead of running over the reason beside it, or past the list's
// edge on a phone. Run `npm run build` first; then
// `node --test --test-concurrency=1 tests/web/changes-layout.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { click, openApp, useBrowser } from './browser.mjs';

useBrowser();

/** Runs in the page: each change row whose text's boxes meet its reason's, with the overlap's width. */
function overlaps() {
  const boxes = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return [...range.getClientRects()];
  };
  return [...document.querySelectorAll('[data-testid="changes"] li')].flatMap((li) => {
    const [what, why] = [li.querySelector('.what'), li.querySelector('.why')];
    if (!what || !why) return [];
    let most = 0;
    for (const a of boxes(what))
      for (const b of boxes(why)) {
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 0.5 && y > 0.5) most = Math.max(most, x);
      }
    return most ? [`${what.textContent}: ${Math.round(most)} px`] : [];
  });
}

for (const width of [1440, 390]) {
  test(`at ${width} px a change's text stays out of its reason's column`, async () => {
    // A 3-epoch warm-up moves the rate every epoch (its first row is the longest), then StepLR cuts.
    const { page, problems } = await openApp(
      { width, height: 900 },
      '#scheduler=step&step_size=7&warmup=3&epochs=20',
    );
    await click(page, 'run-all');
    await page.click('#tab-changes');
    const rows = await page.$$eval('[data-testid="changes"] li .what', (w) =>
      w.map((e) => e.textContent),
    );
    assert.equal(rows[0], '0.03333 → 0.05556, then a little every epoch (not counted)');
    assert.equal(rows[2], '0.1 → 0.01');
    // The reason sits beside the change at desktop widths, under it on a phone.
    assert.deepEqual(await page.evaluate(overlaps), []);
    // Nor does the list scroll sideways (on a phone the unwrapped text ran 190 px past its edge).
    const { scrollWidth, clientWidth } = await page.$eval('[data-testid="changes"]', (l) => ({
      scrollWidth: l.scrollWidth,
      clientWidth: l.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `${scrollWidth} px wide in ${clientWidth}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('at 320 px an epoch number stays on one line beside its change, up to epoch 10,000', async () => {
  // "epoch 10" wrapped in the phone layout's 5em column.
  const { page, problems } = await openApp(
    { width: 320, height: 800 },
    '#scheduler=step&step_size=3330&epochs=10000&warmup=10',
  );
  await click(page, 'run-all');
  await page.click('#tab-changes');
  const epochs = await page.$$eval('[data-testid="changes"] li .epoch', (cells) =>
    cells.map((e) => {
      const range = document.createRange();
      range.selectNodeContents(e);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return [e.textContent, lines.size];
    }),
  );
  assert.ok(
    epochs.some(([t]) => t === 'epoch 10'),
    JSON.stringify(epochs),
  );
  assert.ok(
    epochs.some(([t]) => t === 'epoch 10000'),
    JSON.stringify(epochs),
  );
  for (const [t, lines] of epochs) assert.equal(lines, 1, `${t} on ${lines} lines`);
  assert.deepEqual(await page.evaluate(overlaps), []);
  assert.deepEqual(problems, []);
  await page.close();
});
