// The page's type scale (web/src/styles/base.css): every text the page shows takes one of its sizes
// and weights, so the first frame asks the browser for few font strikes (each a synchronous call on
// Linux: docs/speed-log.md). Stylesheets name the scale's variables instead of sizes of their own,
// and no element falls back to the browser's own sizes (a control's 13.33 px, body's 16 px).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { act, openApp, root, useBrowser } from './browser.mjs';

useBrowser();

const styles = path.join(root, 'web/src/styles');

test('the stylesheets take font sizes and weights from the scale only', () => {
  const base = fs.readFileSync(path.join(styles, 'base.css'), 'utf8');
  const defined = new Set([...base.matchAll(/(--(?:text|weight)-[a-z]+):/g)].map((m) => m[1]));
  assert.ok(defined.size >= 6, `the scale is defined in base.css: ${[...defined]}`);
  for (const file of fs.readdirSync(styles).filter((f) => f.endsWith('.css'))) {
    const css = fs.readFileSync(path.join(styles, file), 'utf8');
    for (const [, property, value] of css.matchAll(/\b(font-size|font-weight|font):\s*([^;]+);/g)) {
      if (property === 'font') {
        assert.equal(value, 'inherit', `${file}: font: ${value}`);
        continue;
      }
      // A heading's code keeps to the heading's size (lesson.css): the one relative size.
      if (value === '0.875em') continue;
      const used = value.match(/^var\((--(?:text|weight)-[a-z]+)\)$/)?.[1];
      assert.ok(used && defined.has(used), `${file}: ${property}: ${value} is not the scale's`);
    }
  }
});

/** The texts whose computed size or weight is off the scale, counted by element and style. */
function offScale() {
  const rootStyle = getComputedStyle(document.documentElement);
  const rem = parseFloat(rootStyle.fontSize);
  const sizes = new Set();
  const weights = new Set();
  for (const name of ['xs', 'sm', 'md', 'base', 'lg', 'xl'])
    sizes.add(parseFloat(rootStyle.getPropertyValue(`--text-${name}`)) * rem);
  for (const name of ['normal', 'strong', 'bold'])
    weights.add(rootStyle.getPropertyValue(`--weight-${name}`).trim());
  const off = new Map();
  for (const el of document.body.querySelectorAll('*')) {
    const text = [...el.childNodes].some(
      (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '',
    );
    // Controls show text of their own (a field's value, a select's option, a file's name).
    const control = el.matches(
      'input:not([type="checkbox"], [type="radio"], [type="range"]), select, button, textarea',
    );
    if (!text && !control) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    const headingCode = el.matches(':is(h1, h2, h3) > code');
    const sizeOk = sizes.has(size) || headingCode;
    const weightOk = weights.has(style.fontWeight);
    if (sizeOk && weightOk) continue;
    const key = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${size}px ${style.fontWeight}`;
    off.set(key, (off.get(key) ?? 0) + 1);
  }
  return { sizes: [...sizes], off: [...off] };
}

test('every text on the page, at 1280 and 390 px, is in one of the scale sizes and weights', async () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    const { page, problems } = await openApp(viewport);
    const found = await page.evaluate(offScale);
    assert.equal(found.sizes.length, 6, `six sizes: ${found.sizes}`);
    assert.deepEqual(found.off, [], `at ${viewport.width} px, texts outside the scale`);
    // Compare mode's legend, table and run editors.
    await act(page, () => page.click('[data-testid="compare-toggle"]'));
    const comparing = await page.evaluate(offScale);
    assert.deepEqual(comparing.off, [], `at ${viewport.width} px in compare mode`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
