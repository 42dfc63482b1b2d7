// Takes docs/screenshot.png, the README's picture: the playground at 1280 x 800 in headless
// Chromium after a full run of the lesson's settings, the pointer on the rate chart's first cut
// (its tooltip gives the reason). Run it after `npm run build` when the page's look changes:
//   node scripts/readme-screenshot.mjs
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumOptions } from '../tests/web/browser.mjs';
import { serve } from '../tests/web/static-server.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const server = await serve(path.join(root, 'dist'));
const browser = await chromium.launch(chromiumOptions);
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
  });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.__lrplay?.ready && window.__lrplay.idle);
  // Wait for the page's answer to Run to end: the epoch counter reaching the run's end.
  await page.click('[data-testid="run-all"]');
  await page.waitForFunction(
    () =>
      window.__lrplay.idle && document.querySelector('[data-testid="epoch"]').textContent === '100',
  );
  const firstCut = await page.evaluate(
    () => window.__lrplay.lrPoints().find((p, i, all) => i > 0 && p.y < all[i - 1].y).x,
  );
  const canvas = await page.locator('#lr-chart').boundingBox();
  const x = canvas.x + (await page.evaluate((e) => window.__lrplay.lrPixelX(e), firstCut));
  await page.mouse.move(x, canvas.y + canvas.height / 3);
  await page.waitForFunction(() => window.__lrplay.lrTooltipShown() !== null);
  await page.waitForTimeout(400); // the tooltip's fade-in
  await page.screenshot({ path: path.join(root, 'docs/screenshot.png') });
} finally {
  await browser.close();
  server.close();
}
