// Renders web/public/icon.svg to the manifest's PNG icons (192 and 512 px) with headless Chromium.
// Run once after changing the SVG: `node web/pwa/make-icons.mjs`; the PNGs are committed.
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, root } from '../../tests/web/browser.mjs';

const dir = path.join(root, 'web/public');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const context = await launchChromium();
try {
  const page = await context.newPage();
  for (const size of [192, 512]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<body style="margin:0"><img style="display:block;width:${size}px;height:${size}px" src="data:image/svg+xml,${encodeURIComponent(svg)}"></body>`,
    );
    await page.screenshot({ path: path.join(dir, `icon-${size}.png`), omitBackground: true });
  }
} finally {
  await context.close();
}
