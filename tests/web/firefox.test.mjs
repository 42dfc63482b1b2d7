// The core end-to-end scenarios in Firefox ESR (Debian's firefox-esr, driven by puppeteer-core over
// WebDriver BiDi), against the built page (dist/): the lesson's printed table, a StepLR run, a link, the
// CSV export, a bad value and the toolbar at phone widths. `npm run build`, then
// `node --test tests/web/firefox.test.mjs`.
// Each action waits for the page's answer to it (act(), as browser.mjs does for Chromium).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  collectProblems,
  cutOptions,
  launchFirefox,
  misalignedFieldRows,
  root,
  shots,
  slowWorker,
  startPreview,
  stopPreview,
  toolbarLayout,
  workerDelay,
} from './browser.mjs';
import { LESSON_TABLE } from './golden.mjs';
import { Run } from '../../web/src/engine/lrplay.js';
import { nodeCore } from './node-core.mjs';

let browser;
let origin;

before(async () => {
  origin = await startPreview();
  browser = await launchFirefox();
});

after(async () => {
  await browser?.close();
  await stopPreview();
});

const byId = (id) => `[data-testid="${id}"]`;

/**
 * Runs in the page before its scripts: keeps each Blob the page turns into an object URL and, when an
 * <a download> is clicked on one, records { name, blob } in window.__downloads instead of saving it.
 */
function captureDownloads() {
  window.__downloads = [];
  const blobs = new Map();
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = (object) => {
    const url = createObjectURL.call(URL, object);
    blobs.set(url, object);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download') && blobs.has(this.href)) {
      window.__downloads.push({ name: this.download, blob: blobs.get(this.href) });
      return;
    }
    click.call(this);
  };
}

/**
 * A fresh page on the app (optionally at `hash`), with every console error, failed or foreign request
 * collected in `problems`. Resolves once the engine is ready.
 */
async function openApp(hash = '') {
  const page = await browser.newPage();
  page.setDefaultTimeout(30000);
  const problems = collectProblems(page, origin);
  await page.evaluateOnNewDocument(captureDownloads);
  if (workerDelay > 0) await page.evaluateOnNewDocument(slowWorker, workerDelay);
  await page.goto(`${origin}/${hash}`);
  await page.waitForFunction(() => window.__lrplay?.ready === true);
  return { page, problems };
}

/**
 * Does `action` and waits until the page has acknowledged THAT action: an engine request issued after
 * it began has completed, and nothing is playing, queued or left to draw (browser.mjs's act()).
 */
async function act(page, action) {
  const issued = await page.evaluate(() => window.__lrplay.requests.issued);
  await action();
  await page.waitForFunction(
    (n) => window.__lrplay.requests.completed > n && window.__lrplay.idle,
    {},
    issued,
  );
}

const text = (page, id) => page.$eval(byId(id), (el) => el.textContent);
/**
 * Clicks the element with data-testid `id` in the middle of the window: puppeteer clicks whatever is on
 * top at the element's place (playwright would wait), and the sticky toolbar can cover a field near it.
 */
async function press(page, id) {
  await page.$eval(byId(id), (el) => el.scrollIntoView({ block: 'center' }));
  await page.click(byId(id));
}
/** Clicks the element with data-testid `id` and waits for the page's answer. */
const click = (page, id) => act(page, () => press(page, id));
const select = (page, id, value) => act(page, () => page.select(byId(id), value));
/** Replaces the field's text as typing would, without committing it. */
const fill = (page, id, value) => page.locator(byId(id)).fill(value);
/** Types `value` into the field, presses Enter, and waits for the page's answer. */
const enter = (page, id, value) =>
  act(page, async () => {
    await fill(page, id, value);
    await page.focus(byId(id));
    await page.keyboard.press('Enter');
  });

/** The settings form as name=value lines. */
const form = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('#settings [name]')].map((el) =>
      el.type === 'checkbox' ? `${el.name}=${el.checked}` : `${el.name}=${el.value}`,
    ),
  );

test('Firefox: Run to end prints exactly the lesson table', async () => {
  const { page, problems } = await openApp();
  assert.match(await browser.version(), /firefox/i);
  assert.equal(await text(page, 'epoch'), '0');
  await click(page, 'run-all');
  assert.equal(await text(page, 'epoch'), '100');
  assert.deepEqual((await text(page, 'console')).split('\n'), LESSON_TABLE);
  assert.equal(await text(page, 'lr'), '1e-8');
  assert.deepEqual(await page.evaluate(() => window.__lrplay.chartPointCounts()), {
    loss: 100,
    lr: 100,
    acc: 100,
  });
  await page.screenshot({ path: path.join(shots, 'firefox-desktop.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('Firefox: StepLR(step_size=30, gamma=0.1) reads 0.001 after epoch 60 and 0.0001 after 90', async () => {
  const { page, problems } = await openApp();
  await select(page, 'scheduler', 'step');
  // Typed, not committed: Step 10 applies them before it trains.
  await fill(page, 'param-step_size', '30');
  await fill(page, 'param-gamma', '0.1');
  for (let i = 0; i < 6; i++) await click(page, 'step-10');
  assert.equal(await text(page, 'epoch'), '60');
  assert.equal(await text(page, 'lr'), '0.001');
  for (let i = 0; i < 3; i++) await click(page, 'step-10');
  assert.equal(await text(page, 'epoch'), '90');
  assert.equal(await text(page, 'lr'), '0.0001');
  assert.match(await text(page, 'plateau-state'), /every 30 epochs/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Firefox: a link with settings in its hash restores them', async () => {
  const { page, problems } = await openApp();
  await select(page, 'scheduler', 'step');
  await enter(page, 'param-step_size', '7');
  await enter(page, 'param-gamma', '0.5');
  await enter(page, 'param-lr', '0.05');
  await click(page, 'param-standardize');
  const hash = await page.evaluate(() => location.hash);
  const linked = new URLSearchParams(hash.slice(1));
  assert.deepEqual(
    ['scheduler', 'step_size', 'gamma', 'lr', 'standardize'].map((k) => linked.get(k)),
    ['step', '7', '0.5', '0.05', 'true'],
  );

  const again = await openApp(hash);
  assert.deepEqual(await form(again.page), await form(page));
  assert.equal(await again.page.$eval(byId('param-step_size'), (el) => el.value), '7');
  assert.equal(await again.page.$eval(byId('param-standardize'), (el) => el.checked), true);
  assert.match(await text(again.page, 'status'), /from the link/);
  assert.equal(await again.page.$eval(byId('link-notice'), (el) => el.hidden), true);
  // StepLR(7, 0.5) from lr 0.05: epochs 1-7 train at 0.05, then 0.025 until epoch 14.
  for (let i = 0; i < 7; i++) await click(again.page, 'step');
  assert.equal(await text(again.page, 'epoch'), '7');
  assert.equal(await text(again.page, 'lr'), '0.025');
  assert.deepEqual([...problems, ...again.problems], []);
  await again.page.close();
  await page.close();
});

test('Firefox: the CSV export is exactly what the core prints for the run', async () => {
  const { page, problems } = await openApp();
  await click(page, 'run-all');
  assert.equal(await text(page, 'epoch'), '100');
  await press(page, 'export-csv');
  await page.waitForFunction(() => window.__downloads.length === 1);
  const csv = await page.evaluate(async () => {
    const { name, blob } = window.__downloads[0];
    return { name, type: blob.type, body: await blob.text() };
  });
  assert.equal(csv.name, 'lrplay-plateau-seed5.csv');
  assert.equal(csv.type, 'text/csv');

  // What the core prints for the same run (format.cpp's rows, as `lrplay train` prints them), from the
  // same wasm in node.
  const core = await nodeCore();
  const run = new Run(core, {}, fs.readFileSync(path.join(root, 'data/wine.csv'), 'utf8'));
  run.run(100);
  const printed = run.csv();
  run.dispose();
  assert.equal(csv.body, printed);
  assert.equal(csv.body.trim().split('\n').length, 101);
  // Epoch 1 of tests/golden/train_lesson_seed5.csv, whatever the number format.
  assert.match(csv.body, /^1,10\.80372\d*,17\.59186\d*,0\.2222222\d*,0\.1\d*$/m);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Firefox: a bad value shows its message, keeps the run on screen, and the page keeps working', async () => {
  const { page, problems } = await openApp();
  await click(page, 'step-10');
  assert.equal(await text(page, 'epoch'), '10');
  for (const [key, value, good, pattern] of [
    ['patience', '-1', '10', /patience/],
    ['lr', 'abc', '0.1', /lr/],
  ]) {
    await enter(page, `param-${key}`, value);
    assert.equal(await page.$eval(byId('error'), (el) => !el.hidden), true);
    assert.match(await text(page, 'error'), pattern);
    assert.equal(await text(page, 'epoch'), '10', 'the last good run stays on screen');
    assert.equal(
      await page.$eval(byId(`param-${key}`), (el) => el.getAttribute('aria-invalid')),
      'true',
    );
    await fill(page, `param-${key}`, good);
    await page.focus(byId(`param-${key}`));
    await page.keyboard.press('Enter');
    await page.waitForSelector(byId('error'), { hidden: true });
  }
  assert.equal(await text(page, 'epoch'), '10');
  await fill(page, 'param-patience', '3');
  await click(page, 'run-all');
  assert.equal(await text(page, 'epoch'), '100');
  // patience 3: cuts after epochs 20, 24, 28, ... (4 epochs after the last improvement at 16)
  assert.match(
    await text(page, 'console'),
    /Epoch \[20\/100\], LR: 0\.010000\nEpoch \[30\/100\], LR: 0\.000100/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

// Firefox hyphenates the lesson's paragraphs (`hyphens: auto`), and the brand is a <p> in the lesson:
// at phone widths it read "lr-/play" and the theme toggle's label broke in two, squeezed by the links.
// At 320 and 360 px the page scrolled sideways: section 6's table and section 12's PyTorch line were
// wider than the column (openApp waits for the whole lesson).
// As schema-page.test.mjs checks in Chromium: Firefox's selects are other widths, and its 1440 px
// settings grid cut "AdamW (decoupled weight decay)" off.
test('Firefox: every select option fits its box at 1440, 390 and 320 px', async () => {
  for (const hash of ['#optimizer=adamw', '#scheduler=cyclic&optimizer=sgd']) {
    const { page, problems } = await openApp(hash);
    for (const width of [1440, 390, 320]) {
      await page.setViewport({ width, height: 900 });
      assert.deepEqual(await page.evaluate(cutOptions), [], `${width} px, ${hash}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test("Firefox: the settings' controls line up in each row when a label wraps its PyTorch name", async () => {
  // Firefox's 191 px columns at 1280 px wrapped "Steps down step_size_down" (193 px) and set its
  // box one line below its row's others.
  for (const hash of ['#scheduler=cyclic&optimizer=sgd', '#optimizer=adamw']) {
    const { page, problems } = await openApp(hash);
    for (const width of [1440, 1280, 1024]) {
      await page.setViewport({ width, height: 900 });
      assert.deepEqual(await page.evaluate(misalignedFieldRows), [], `${width} px, ${hash}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('Firefox: at phone widths the header keeps its lines and nothing scrolls the page sideways', async () => {
  const { page, problems } = await openApp();
  for (const width of [320, 360, 390]) {
    await page.setViewport({ width, height: 700 });
    const header = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('.brand'));
      return {
        // the line tops of the brand's text: one top, one line
        brandLines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size,
        toggleHeight: Math.round(
          document.querySelector('#theme-toggle').getBoundingClientRect().height,
        ),
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    assert.equal(header.brandLines, 1, `brand on one line at ${width} px`);
    // 28 px (its min-height) on one line; a label in two lines makes it ~44 px
    assert.ok(
      header.toggleHeight <= 34,
      `toggle one line high at ${width} px: ${header.toggleHeight}`,
    );
    assert.ok(header.overflow <= 0, `no sideways scrolling at ${width} px: ${header.overflow}`);
  }
  await page.screenshot({ path: path.join(shots, 'firefox-phone-header.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

// As e2e.test.mjs checks in Chromium: Firefox's fonts and form controls are other widths, and a
// third row of buttons made the sticky toolbar over a third of a 700 px screen at 320 px. Headless
// Firefox's page scrollbar takes 12 px of the width (a phone's overlay scrollbar takes none), which
// sent Settings ↓ to a row of its own at 320 px until the switch showed "Compare" alone there.
test('Firefox: at 320 and 360 px the sticky toolbar holds its buttons in two rows of tap targets, Settings ↓ beside Compare schedulers', async () => {
  const { page, problems } = await openApp();
  for (const width of [320, 360]) {
    await page.setViewport({ width, height: 700 });
    const layout = await page.evaluate(toolbarLayout);
    assert.deepEqual(
      { rows: layout.rows, inside: layout.inside, settingsBeside: layout.settingsBeside },
      { rows: 2, inside: true, settingsBeside: true },
      `${width} px`,
    );
    assert.ok(
      layout.smallest >= 24,
      `${width} px: tap targets of 24 px or more: ${layout.smallest}`,
    );
  }
  await page.screenshot({ path: path.join(shots, 'firefox-phone-320.png') });
  assert.deepEqual(problems, []);
  await page.close();
});
