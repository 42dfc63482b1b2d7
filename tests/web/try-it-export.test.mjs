// Issue 8 item 4, in headless Chromium against the built page (dist/): a lesson's "Try it" Load brings
// the charts into view, confirms the load in the status line and offers a way back to the try-it (with
// the keyboard too); the phone's toolbar stays reachable while the settings scroll; PNG exports are
// twice the chart's displayed size with a title, axes and legend; the "Saved …" note clears when the
// run changes. `npm run build`, then `node --test tests/web/try-it-export.test.mjs`. Screenshots go to
// test-results/tryit-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { act, click, openApp, shots, text, useBrowser } from './browser.mjs';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const byId = (id) => `[data-testid="${id}"]`;
const LOAD = 'aside.try-it[data-preset="patience3"] .preset-button';

useBrowser();

/** The element's box in the viewport, and whether it lies wholly inside it below `top` px. */
function box(page, selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });
}

/** The bottom of what sticks to the top: the controls on a wide screen, the toolbar on a phone. */
async function controlsBottom(page) {
  const sticky = await page.evaluate(() =>
    ['.controls', '.toolbar'].find(
      (s) => getComputedStyle(document.querySelector(s)).position === 'sticky',
    ),
  );
  return sticky ? (await box(page, sticky)).bottom : 0;
}

async function assertChartsInView(page, viewport, what) {
  const chart = await box(page, byId('loss-chart'));
  const covered = await controlsBottom(page);
  assert.ok(
    chart.top >= covered - 1 && chart.top < viewport.height - 60,
    `${what}: the loss chart starts at ${chart.top} px, below the controls (${covered} px) and in the ${viewport.height} px viewport`,
  );
}

/** Scrolls the playground to its settings, the lesson to the patience3 try-it, and presses Load. */
async function loadFromLesson(page, viewport, name) {
  await page.evaluate(() => {
    const settings = document.getElementById('settings');
    settings.scrollIntoView({ block: 'start', behavior: 'instant' });
  });
  await page.$eval(LOAD, (b) => b.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await page.screenshot({ path: path.join(shots, `tryit-${name}-before-load.png`) });
  await act(page, () => page.click(LOAD));
  await page.screenshot({ path: path.join(shots, `tryit-${name}-after-load.png`) });
  await assertChartsInView(page, viewport, `${name} after Load`);
  const said = await text(page, 'status');
  assert.match(said, /patience3/, `the status line names the preset: ${said}`);
  assert.equal(await page.getAttribute(byId('status'), 'aria-live'), 'polite');
  assert.equal(await page.inputValue(byId('param-patience')), '3');
  const status = await box(page, byId('status'));
  assert.ok(
    status.top >= 0 && status.bottom <= viewport.height,
    `${name}: the status line is in view`,
  );
  if (viewport.width >= 1000) {
    const load = await box(page, LOAD);
    assert.ok(
      load.top >= 0 && load.bottom <= viewport.height,
      'the lesson beside stays where it was',
    );
  }
}

/** "Back to the lesson", pressed with the keyboard, returns focus and view to the try-it's Load. */
async function backToLesson(page, viewport, name) {
  const back = page.locator(byId('back-to-lesson'));
  assert.ok(await back.isVisible(), `${name}: "Back to the lesson" is offered`);
  const where = await box(page, byId('back-to-lesson'));
  assert.ok(where.top >= 0 && where.bottom <= viewport.height, `${name}: the button is in view`);
  await back.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), LOAD);
  const load = await box(page, LOAD);
  assert.ok(
    load.top >= 0 && load.bottom <= viewport.height,
    `${name}: the try-it's Load button is back in view (${load.top}..${load.bottom})`,
  );
  await page.screenshot({ path: path.join(shots, `tryit-${name}-back.png`) });
  assert.ok(!(await back.isVisible()), `${name}: the way back is gone once taken`);
}

test('desktop: a try-it Load with the playground scrolled down shows the charts, says so, and leads back', async () => {
  const { page, problems } = await openApp(DESKTOP);
  await loadFromLesson(page, DESKTOP, 'desktop');
  await backToLesson(page, DESKTOP, 'desktop');
  assert.deepEqual(problems, []);
  await page.close();
});

test('phone: a try-it Load scrolls to the charts, confirms, leads back; the toolbar stays reachable', async () => {
  const { page, problems } = await openApp(PHONE);
  await loadFromLesson(page, PHONE, 'phone');
  await backToLesson(page, PHONE, 'phone');

  // Scrolling through the settings keeps Step in reach.
  for (const id of ['param-patience', 'param-epochs']) {
    await page.$eval(byId(id), (el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
    const step = await box(page, byId('step'));
    assert.ok(
      step.top >= 0 && step.bottom <= PHONE.height,
      `Step stays in view beside ${id}: ${step.top}..${step.bottom}`,
    );
    const field = await box(page, byId(id));
    assert.ok(field.top >= (await controlsBottom(page)), `${id} is not under the sticky toolbar`);
  }
  await page.screenshot({ path: path.join(shots, 'tryit-phone-settings.png') });

  // "Settings ↓" (it scrolls smoothly) stops with the settings' heading below the sticky toolbar.
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.click('a.jump-settings');
  await page.waitForFunction(() => {
    const heading = document.getElementById('settings-title').getBoundingClientRect();
    const toolbar = document.querySelector('.toolbar').getBoundingClientRect();
    return heading.top >= toolbar.bottom && heading.bottom < toolbar.bottom + 80;
  });
  await click(page, 'step');
  assert.equal(await text(page, 'epoch'), '1');
  assert.deepEqual(problems, []);
  await page.close();
});
/** Clicks `testid` and returns the download: { name, bytes }. */
async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(byId(testid))]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

/** The PNG's size from its IHDR chunk (bytes 16..23, big-endian), after checking the signature. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Decodes the PNG in the page and counts, in the top eighth (the title), dark text pixels, and in the
 * whole picture the pixels of each colour given (#rrggbb, within a small distance: antialiasing).
 */
function pixelCensus(page, bytes, colors) {
  return page.evaluate(
    async ({ base64, colors }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${base64}`;
      await img.decode();
      const canvas = Object.assign(document.createElement('canvas'), {
        width: img.naturalWidth,
        height: img.naturalHeight,
      });
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const rgb = colors.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));
      const counts = colors.map(() => 0);
      let titleInk = 0;
      let white = 0;
      for (let p = 0; p < width * height; p++) {
        const [r, g, b, a] = data.subarray(p * 4, p * 4 + 4);
        if (a !== 255) return { transparent: true };
        if (r > 250 && g > 250 && b > 250) white++;
        if (p < width * Math.floor(height / 8) && r + g + b < 200) titleInk++;
        rgb.forEach(([cr, cg, cb], k) => {
          if (Math.abs(r - cr) + Math.abs(g - cg) + Math.abs(b - cb) < 30) counts[k]++;
        });
      }
      return { counts, titleInk, white: white / (width * height) };
    },
    { base64: bytes.toString('base64'), colors },
  );
}

test('PNG exports: 2x the displayed chart, titled, with axes and legend; the note clears when the run changes', async () => {
  const { page, problems } = await openApp(DESKTOP);
  await click(page, 'step-10');
  await click(page, 'step-10');
  // Each chart's title and the colours of its series (as in web/src/views/chart-palette.js).
  const charts = {
    loss: ['Loss', ['#2563eb', '#ea580c']], // training and validation loss
    lr: ['Learning rate', ['#7c3aed']],
    acc: ['Validation accuracy', ['#059669']],
  };
  for (const [chart, [title, colors]] of Object.entries(charts)) {
    // The canvas's size in CSS pixels, as Chart.js sized it (295 x 170 at 1280 x 800).
    const shown = await page.$eval(byId(`${chart}-chart`), (c) => ({
      width: c.width / devicePixelRatio,
      height: c.height / devicePixelRatio,
    }));
    const png = await download(page, `export-png-${chart}`);
    assert.equal(png.name, `lrplay-plateau-seed5-${chart}.png`);
    fs.writeFileSync(path.join(shots, `tryit-export-${chart}.png`), png.bytes);
    const size = pngSize(png.bytes);
    assert.equal(size.width, 2 * shown.width, `${chart} width`);
    assert.equal(size.height, 2 * shown.height, `${chart} height`);
    const census = await pixelCensus(page, png.bytes, colors);
    assert.ok(!census.transparent, `${chart}: an opaque background`);
    assert.ok(census.white > 0.5, `${chart}: mostly white background (${census.white})`);
    assert.ok(census.titleInk > 300, `${chart}: a title along the top (${census.titleInk} px)`);
    census.counts.forEach((n, k) =>
      assert.ok(n > 400, `${chart}: ${colors[k]} drawn at 2x (${n} px), line and legend`),
    );
    // The note repeats the picture's title: which chart, and the run's scheduler.
    assert.equal(
      await text(page, 'export-note'),
      `Saved lrplay-plateau-seed5-${chart}.png: ${title}: ReduceLROnPlateau, lr = 0.1, seed 5, 20 of 100 epochs.`,
    );
  }

  await click(page, 'step');
  assert.equal(await text(page, 'export-note'), '', 'a new epoch clears the note');
  await download(page, 'export-csv');
  assert.match(await text(page, 'export-note'), /Saved lrplay-plateau-seed5\.csv: 21 epochs/);
  await click(page, 'reset');
  assert.equal(await text(page, 'export-note'), '', 'Reset clears the note');
  assert.deepEqual(problems, []);
  await page.close();
});
