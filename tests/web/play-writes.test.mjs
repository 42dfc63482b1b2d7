// What Play at full speed writes into the page (a MutationObserver's count): each view at most once
// an animation frame however many epochs a batch brings, the console's lines appended rather than
// set again, and no write that leaves an element as it was (each one costs the page thread a
// layout and a paint). The content at the end is the same as after Step by Step (e2e.test.mjs).
// Run `npm run build` first; then `node --test tests/web/play-writes.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, text, waitIdle, useBrowser } from './browser.mjs';

useBrowser();

/** Runs in the page: counts frames and the mutations of the playground until __writes.stop(). */
function watchWrites() {
  const log = { frames: 0, status: 0, consoleRemoved: 0, unchanged: [] };
  let watching = true;
  const tick = () => {
    log.frames += 1;
    if (watching) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const name = (node) => {
    const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return el.id || el.dataset.testid || `${el.tagName.toLowerCase()}.${el.className}`;
  };
  const attributes = []; // [target, attribute, oldValue] in order, checked at the end
  const observer = new MutationObserver((records) => {
    for (const m of records) {
      const el = m.target.nodeType === Node.ELEMENT_NODE ? m.target : m.target.parentElement;
      if (m.type === 'attributes') {
        attributes.push([m.target, m.attributeName, m.oldValue]);
        continue;
      }
      if (el.closest('#status')) log.status += 1;
      if (el.closest('[data-testid="console"]') && m.removedNodes.length) log.consoleRemoved += 1;
      const before = [...m.removedNodes].map((n) => n.textContent).join('');
      const after = [...m.addedNodes].map((n) => n.textContent).join('');
      if (m.type === 'childList' && m.removedNodes.length && before === after)
        log.unchanged.push(`${name(m.target)}: "${after.slice(0, 60)}"`);
    }
  });
  observer.observe(document.querySelector('.playground'), {
    subtree: true,
    childList: true,
    attributes: true,
    attributeOldValue: true,
  });
  window.__writes = {
    stop() {
      watching = false;
      for (const m of observer.takeRecords())
        if (m.type === 'attributes') attributes.push([m.target, m.attributeName, m.oldValue]);
      observer.disconnect();
      // An attribute write left it as it was when the value after it (the next write's old value,
      // or the value now) is its old value.
      attributes.forEach(([target, attribute, oldValue], i) => {
        const next = attributes.slice(i + 1).find(([t, a]) => t === target && a === attribute);
        const value = next ? next[2] : target.getAttribute(attribute);
        if (value === oldValue) log.unchanged.push(`${name(target)} [${attribute}="${value}"]`);
      });
      return log;
    },
  };
}

test('Play at full speed writes each view at most once a frame, and only what changed', async () => {
  const { page, problems } = await openApp(undefined, '#epochs=600');
  await page.selectOption('[data-testid="speed"]', 'Infinity');
  await page.evaluate(watchWrites);
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => window.__lrplay.epoch === 600);
  await waitIdle(page);
  const log = await page.evaluate(() => window.__writes.stop());
  // Batches of many epochs: the status line said something about each before.
  assert.ok(log.frames < 600, `${log.frames} frames for 600 epochs: batches expected`);
  assert.ok(log.status <= log.frames, `status written ${log.status} times in ${log.frames} frames`);
  assert.equal(log.consoleRemoved, 0, 'the console only appends');
  assert.deepEqual(log.unchanged, []);
  // The content is as after any run: every tenth epoch printed, the run's last sentence.
  const lines = (await text(page, 'console')).split('\n');
  assert.equal(lines.length, 60);
  lines.forEach((line, i) =>
    assert.match(line, new RegExp(`^Epoch \\[${10 * (i + 1)}/600\\], LR: `)),
  );
  assert.match(await text(page, 'status'), /^Finished all 600 epochs/);
  assert.deepEqual(problems, []);
  await page.close();
});
