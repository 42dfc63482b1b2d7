// Shared start-up for the page tests: `vite preview` of dist/ on a free port and headless Chromium
// (Debian's, through playwright-core). Call useBrowser() at the top of a test file; it registers the
// before/after hooks. Run `npm run build` first. firefox.test.mjs uses startPreview() and launchFirefox()
// (Debian's Firefox ESR, through puppeteer-core over WebDriver BiDi) instead.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const shots = path.join(root, 'test-results');

let server;
let context;
let origin;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, ms = 20000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`vite preview exited with code ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer at ${url} within ${ms} ms`);
}

/**
 * Debian's headless Chromium in a fresh profile. The background-networking flags keep it from trying
 * the closed network (TOOLCHAIN.md).
 */
export function launchChromium() {
  return chromium.launchPersistentContext(
    fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-profile-')),
    {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  );
}

/**
 * Debian's Firefox ESR, headless, through puppeteer-core over WebDriver BiDi, in a fresh temporary
 * profile (puppeteer's, with updates, telemetry and safe browsing off). Release builds ignore that
 * profile's remote-settings server unless MOZ_REMOTE_SETTINGS_DEVTOOLS is set, and then retry the real
 * one many times a second on a machine without internet; the prefs turn off the other checks that go
 * out on their own (captive portal, connectivity, region, prefetching).
 */
export function launchFirefox() {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    timeout: 120000, // start-up takes ~15 s on a loaded two-core machine
    protocolTimeout: 120000,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      'network.predictor.enabled': false,
      'browser.region.network.url': '',
      'browser.region.update.enabled': false,
    },
  });
}

/**
 * Starts `vite preview` of dist/ on a free port and resolves to its origin (http://127.0.0.1:port).
 * Shared by the Chromium hooks below and the Firefox tests (firefox.test.mjs).
 */
export async function startPreview() {
  assert.ok(
    fs.existsSync(path.join(root, 'dist/index.html')),
    'dist/ is missing: run `npm run build` first',
  );
  fs.mkdirSync(shots, { recursive: true });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { cwd: root, stdio: 'ignore' },
  );
  await waitForServer(`${origin}/`);
  return origin;
}

/** Stops the server startPreview() started, if it still runs. */
export async function stopPreview() {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
}

/** Registers hooks that start the server and the browser before the file's tests and stop them after. */
export function useBrowser() {
  before(async () => {
    await startPreview();
    context = await launchChromium();
  });

  after(async () => {
    await context?.close();
    await stopPreview();
  });
}

/**
 * A fresh page on the app (optionally at `hash`), with every console error, failed or foreign
 * request collected in `problems`. Resolves once the engine is ready.
 */
export async function openApp(viewport = { width: 1280, height: 800 }, hash = '') {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(15000);
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) =>
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`),
  );
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
      problems.push(`foreign request: ${url}`);
  });
  await page.goto(`${origin}/${hash}`);
  await page.waitForFunction(() => window.__lrplay?.ready === true);
  return { page, problems };
}

/** The browser context the pages open in (e.g. to grant permissions). */
export const browserContext = () => context;

/** The text of the element with data-testid `id`. */
export const text = (page, id) => page.textContent(`[data-testid="${id}"]`);

/** Waits until the epoch readout shows n. */
export const waitEpoch = (page, n) =>
  page.waitForFunction(
    (n) => document.querySelector('[data-testid="epoch"]').textContent === String(n),
    n,
  );

/** Waits until nothing is training, queued for the engine worker or waiting to be drawn. */
export const waitIdle = (page) => page.waitForFunction(() => window.__lrplay.idle === true);
