// Dark mode: the page follows prefers-color-scheme (before its first paint, and live), the toggle
// overrides it and is remembered (localStorage["lrplay.theme"], dropped when it matches the
// system again); the charts (ticks, grid, series, markers) and the PNG exports follow; axe-core
// finds no serious or critical problem in either theme at desktop and phone widths.
// Needs `npm run build`; then `node --test tests/web/theme.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { click, openApp, root, useBrowser } from './browser.mjs';
import { DARK, FAINT_LOSS, LIGHT, seriesColor } from '../../web/src/views/chart-palette.js';

useBrowser();

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const byId = (id) => `[data-testid="${id}"]`;
const LR = { light: '#7c3aed', dark: '#a78bfa' }; // the rate line, chart-palette.js

/** The page's theme as the page shows it: html[data-theme], the toggle, the body, the charts. */
const shown = (page) =>
  page.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    pressed: document.querySelector('[data-testid="theme-toggle"]').getAttribute('aria-pressed'),
    background: getComputedStyle(document.body).backgroundColor,
    stored: localStorage.getItem('lrplay.theme'),
    chart: window.__lrplay.chartColors(),
  }));

function assertTheme(s, theme, stored) {
  const palette = theme === 'dark' ? DARK : LIGHT;
  assert.equal(s.theme, theme);
  assert.equal(s.pressed, String(theme === 'dark'));
  assert.equal(s.background, theme === 'dark' ? 'rgb(17, 18, 24)' : 'rgb(255, 255, 255)');
  assert.equal(s.stored, stored);
  assert.equal(s.chart.ticks, palette.text);
  assert.equal(s.chart.grid, palette.grid);
  assert.equal(s.chart.series[0], LR[theme]);
}

/** The exported rate chart's corner pixel and how many pixels of the rate line's colour it has. */
async function exportedLr(page) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.click(byId('export-png-lr')),
  ]);
  const base64 = fs.readFileSync(await file.path()).toString('base64');
  return page.evaluate(
    async ({ base64, lines }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${base64}`;
      await img.decode();
      const canvas = Object.assign(document.createElement('canvas'), {
        width: img.naturalWidth,
        height: img.naturalHeight,
      });
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const rgb = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
      const count = (c) => {
        const [cr, cg, cb] = rgb(c);
        let n = 0;
        for (let p = 0; p < data.length; p += 4)
          if (Math.abs(data[p] - cr) + Math.abs(data[p + 1] - cg) + Math.abs(data[p + 2] - cb) < 30)
            n++;
        return n;
      };
      return {
        corner: [...data.subarray(0, 3)],
        light: count(lines.light),
        dark: count(lines.dark),
      };
    },
    { base64, lines: LR },
  );
}

test('follows prefers-color-scheme from the first paint, and live while no choice is stored', async () => {
  const { page, problems } = await openApp(DESKTOP, '', { colorScheme: 'dark' });
  // src/theme-init.js, inlined as a classic script in <head> (neither async nor deferred), sets the
  // theme before the body is parsed.
  const inHead = await page.$$eval(
    'head script:not([src])',
    (scripts) =>
      scripts.filter((s) => s.text.includes('lrplay.theme') && !s.type && !s.async && !s.defer)
        .length,
  );
  assert.equal(inHead, 1);
  assertTheme(await shown(page), 'dark', null);
  // The range test's chart, made in the dark theme, draws its faint line in the dark stand-in.
  await click(page, 'lr-find');
  const rawColor = () => page.evaluate(() => window.__lrplay.lrFindChart().rawColor);
  assert.equal(await rawColor(), seriesColor(FAINT_LOSS, true));
  assert.notEqual(seriesColor(FAINT_LOSS, true), FAINT_LOSS);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assertTheme(await shown(page), 'light', null);
  assert.equal(await rawColor(), FAINT_LOSS);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the dark theme colours the scrollbars (Firefox drew them white on the dark page)', async () => {
  const { page, problems } = await openApp(DESKTOP, '', { colorScheme: 'dark' });
  const colors = () =>
    page.$$eval('#playground, .table-scroll', (els) =>
      els.map((el) => getComputedStyle(el).scrollbarColor),
    );
  const dark = await colors();
  assert.ok(dark.length >= 2, 'the playground and the tables that scroll sideways');
  assert.ok(
    dark.every((c) => c !== 'auto' && !/255, 255, 255/.test(c)),
    `dark: ${dark}`,
  );
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.ok(
    (await colors()).every((c) => c === 'auto'),
    'light: the browser\u2019s own',
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('the dark theme draws the file button dark (Chromium kept its native light grey)', async () => {
  const { page, problems } = await openApp(DESKTOP, '', { colorScheme: 'dark' });
  const input = await page.$(byId('upload'));
  const [button, card] = await page.evaluate(
    async ({ shot, inside }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${shot}`;
      await img.decode();
      const canvas = Object.assign(document.createElement('canvas'), {
        width: img.naturalWidth,
        height: img.naturalHeight,
      });
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const luminance = (x, y) => {
        const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
        return Math.round(0.2126 * r + 0.7152 * g + 0.0722 * b);
      };
      // Inside the button, left of its text; and the card behind it, past the file name.
      return [luminance(inside, canvas.height >> 1), luminance(canvas.width - 2, 1)];
    },
    { shot: (await input.screenshot()).toString('base64'), inside: 4 },
  );
  assert.ok(card < 60, `the card behind: ${card}`);
  assert.ok(button < 80, `the button: ${button} (the native one measured 107)`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the toggle overrides the system, is remembered, and themes the charts and the PNG export', async () => {
  const { page, problems } = await openApp(DESKTOP, '', { colorScheme: 'light' });
  await click(page, 'step-10');
  const light = await exportedLr(page);
  assert.deepEqual(light.corner, [255, 255, 255]);
  assert.ok(
    light.light > 100 && light.dark < light.light / 20,
    `light export: ${JSON.stringify(light)}`,
  );

  await page.click(byId('theme-toggle'));
  assertTheme(await shown(page), 'dark', 'dark');
  const dark = await exportedLr(page);
  assert.deepEqual(dark.corner, [0x1b, 0x1d, 0x28]);
  assert.ok(dark.dark > 100 && dark.light < dark.dark / 20, `dark export: ${JSON.stringify(dark)}`);
  await page.screenshot({ path: path.join(root, 'test-results/theme-dark-toggled.png') });

  await page.reload();
  await page.waitForFunction(() => window.__lrplay?.ready === true);
  assertTheme(await shown(page), 'dark', 'dark');
  // Back to the system's theme: the stored choice goes, so the system is followed again.
  await page.click(byId('theme-toggle'));
  assertTheme(await shown(page), 'light', null);
  assert.deepEqual(problems, []);
  await page.close();
});

test('axe-core: no serious or critical problems in either theme, at desktop and phone sizes', async () => {
  const axeSource = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  for (const colorScheme of ['light', 'dark']) {
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ]) {
      const { page, problems } = await openApp(viewport, '#lr=1000', { colorScheme });
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), colorScheme);
      const audit = async (what) => {
        // Evaluated through the DevTools protocol, which the page's CSP does not govern.
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () =>
          (await window.axe.run(document)).violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map(
              (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
            ),
        );
        assert.deepEqual(violations, [], `${colorScheme}, ${name}, ${what}`);
      };
      // lr = 1000: an exploding loss, so the warning status and the alarm are on screen too.
      await click(page, 'run-all');
      await page.click(byId('check-above-90'));
      await page.click(`${byId('exercise-above-90')} summary`);
      await audit('after a run');
      await page.screenshot({
        path: path.join(root, `test-results/theme-${colorScheme}-${name}.png`),
      });
      await click(page, 'compare-toggle');
      await click(page, 'step-10');
      await audit('compare mode');
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
});
