// Offline and installable: after one visit the service worker (dist/sw.js, web/pwa/) has the whole
// site, so the page reloads and trains, and loads another data set, with the server gone and the
// network off; the web app manifest is linked and Chromium finds the page installable; a new deploy
// is installed beside the running one and offered as "Reload for the new version"; the
// Content-Security-Policy is the one the page had before.
// Serves a copy of dist/ itself (so it can stop the server and change the copy). Needs `npm run build`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { act, click, launchChromium, root, select, text } from './browser.mjs';
import { serve } from './static-server.mjs';
import { writeServiceWorker } from '../../web/pwa/build-sw.mjs';

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'";
const stop = (server) => new Promise((resolve) => server.close(resolve));

let context;
before(async () => {
  assert.ok(fs.existsSync(path.join(root, 'dist/sw.js')), 'dist/sw.js is missing: `npm run build`');
  context = await launchChromium();
});
after(() => context?.close());

/** A fresh copy of dist/ served on a free port: { dir, server, origin }. */
async function deploy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-site-'));
  fs.cpSync(path.join(root, 'dist'), dir, { recursive: true });
  const server = await serve(dir);
  return { dir, server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Opens the page, collecting errors and CSP violations; resolves once the service worker controls it. */
async function visit(origin) {
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.__lrplay?.ready === true);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return { page, problems };
}

const cacheNames = (page) => page.evaluate(() => caches.keys());
const swVersion = (dir) =>
  fs.readFileSync(path.join(dir, 'sw.js'), 'utf8').match(/VERSION = "(\w+)"/)[1];

test('after one visit the page reloads and trains with the server gone and the network off', async () => {
  const site = await deploy();
  const { page, problems } = await visit(site.origin);
  assert.deepEqual(await cacheNames(page), [`lrplay-${swVersion(site.dir)}`]);
  await stop(site.server);
  await context.setOffline(true);
  try {
    await page.reload();
    await page.waitForFunction(() => window.__lrplay?.ready === true);
    // The lesson's later sections (a file of their own, loaded after the start) are there too.
    assert.equal(await page.locator('#lesson-more').count(), 0);
    assert.equal(await page.locator('#summary h2').count(), 1);
    await page.evaluate(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`),
      );
    });
    await click(page, 'step');
    assert.equal(await text(page, 'epoch'), '1');
    assert.match(await text(page, 'console'), /^$/); // nothing printed before epoch 10
    await click(page, 'step-10');
    assert.equal(await text(page, 'console'), 'Epoch [10/100], LR: 0.100000');
    // A data set the first visit never loaded (a chunk of its own) is there too.
    await select(page, 'param-dataset', 'iris');
    await click(page, 'step');
    assert.equal(await text(page, 'epoch'), '1');
    assert.match(await page.textContent('.val-size'), /^30$/);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.setOffline(false);
    await page.close();
  }
});

test('the manifest is linked and valid, Chromium finds the page installable, the CSP is unchanged', async () => {
  const site = await deploy();
  const { page, problems } = await visit(site.origin);
  // Besides the hashes of the page's inline scripts (safety.test.mjs checks they are exactly those).
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.equal(policy.replace(/ 'sha256-[A-Za-z0-9+/=]+'/g, ''), CSP);
  assert.equal(await page.getAttribute('link[rel="manifest"]', 'href'), './manifest.webmanifest');
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, []);
  const data = JSON.parse(manifest.data);
  assert.equal(data.short_name, 'lrplay');
  assert.equal(data.display, 'standalone');
  assert.ok(data.icons.some((i) => i.sizes === '512x512' && i.type === 'image/png'));
  assert.deepEqual((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, []);
  // Every icon the manifest names is served.
  for (const icon of data.icons) {
    const status = await page.evaluate((src) => fetch(src).then((r) => r.status), icon.src);
    assert.equal(status, 200, icon.src);
  }
  assert.deepEqual(problems, []);
  await cdp.detach();
  await page.close();
  await stop(site.server);
});

test('a new deploy is installed beside the running page and taken on "Reload for the new version"', async () => {
  const site = await deploy();
  const { page, problems } = await visit(site.origin);
  const first = swVersion(site.dir);
  await click(page, 'step');
  assert.equal(await page.isHidden('[data-testid="update-notice"]'), true);

  // The deploy: a changed page, and the sw.js the build would write for it.
  const index = path.join(site.dir, 'index.html');
  fs.writeFileSync(
    index,
    fs.readFileSync(index, 'utf8').replace('<head>', '<head><meta name="deploy" content="2">'),
  );
  const { version } = writeServiceWorker(site.dir);
  assert.notEqual(version, first);

  // The browser checks sw.js on the next visit; the open page keeps the old version meanwhile.
  await page.reload();
  await page.waitForFunction(() => window.__lrplay?.ready === true);
  await page.waitForSelector('[data-testid="update-notice"]', { state: 'visible' });
  assert.equal(await page.locator('meta[name="deploy"]').count(), 0, 'still the old page');
  await click(page, 'step');
  assert.equal(await text(page, 'epoch'), '1');

  await Promise.all([page.waitForEvent('load'), page.click('[data-testid="update-reload"]')]);
  await page.waitForFunction(() => window.__lrplay?.ready === true);
  assert.equal(await page.locator('meta[name="deploy"]').count(), 1, 'the new page');
  assert.deepEqual(await cacheNames(page), [`lrplay-${version}`]);
  assert.equal(await page.isHidden('[data-testid="update-notice"]'), true);
  assert.deepEqual(problems, []);
  await page.close();
  await stop(site.server);
});
