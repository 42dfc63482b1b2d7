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
 * How the tests and benches start Debian's headless Chromium (playwright-core's launch options). The
 * background-networking flags keep it from trying the closed network (the tests run offline).
 */
export const chromiumOptions = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Debian's headless Chromium in a fresh profile. */
export function launchChromium() {
  return chromium.launchPersistentContext(
    fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-profile-')),
    { ...chromiumOptions, viewport: { width: 1280, height: 800 } },
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
 * LRPLAY_WORKER_DELAY_MS=n delays every answer of the engine worker by n ms, as a loaded machine
 * might: a test that waits for a state instead of the page's answer to its action fails with it.
 */
export const workerDelay = Number(process.env.LRPLAY_WORKER_DELAY_MS ?? 0);

/** Runs in the page before its scripts: the worker's messages reach the page `ms` later, in order. */
export function slowWorker(ms) {
  const Native = window.Worker;
  window.Worker = class extends Native {
    set onmessage(handler) {
      super.onmessage = (e) => setTimeout(() => handler.call(this, e), ms);
    }
  };
}

/**
 * What goes wrong on `page` from now on, as lines: console errors, uncaught errors, failed requests,
 * HTTP errors and requests outside `origin`. The events are the same in Playwright (Chromium) and
 * puppeteer-core (Firefox over WebDriver BiDi), so both drivers' pages use it.
 */
export function collectProblems(page, origin) {
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
  return problems;
}

/**
 * A fresh page on the app (optionally at `hash`), with every console error, failed or foreign
 * request collected in `problems`. Resolves once the engine is ready. `media`: page.emulateMedia's
 * options before the page loads (e.g. { colorScheme: 'dark' }).
 */
export async function openApp(viewport = { width: 1280, height: 800 }, hash = '', media = null) {
  const page = await context.newPage();
  if (media) await page.emulateMedia(media);
  if (workerDelay > 0) await page.addInitScript(slowWorker, workerDelay);
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(15000);
  const problems = collectProblems(page, origin);
  await page.goto(`${origin}/${hash}`);
  await page.waitForFunction(() => window.__lrplay?.ready === true);
  return { page, problems };
}

/** The browser context the pages open in (e.g. to grant permissions). */
export const browserContext = () => context;

/** Where startPreview() serves dist/ (http://127.0.0.1:port), for a page opened by hand. */
export const appOrigin = () => origin;

/**
 * Runs in the page (page.evaluate, Playwright or Puppeteer): the sticky toolbar's buttons as laid
 * out, { rows, inside, smallest (px), settingsBeside } (Settings ↓ beside Compare schedulers).
 */
export function toolbarLayout() {
  const ids = ['reset', 'step', 'step-10', 'play', 'speed', 'run-all'];
  const toolbar = document.querySelector('.toolbar').getBoundingClientRect();
  const box = (id) => document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
  return {
    rows: new Set(ids.map((id) => Math.round(box(id).top))).size,
    inside: ids.every((id) => box(id).right <= toolbar.right),
    smallest: Math.min(...ids.flatMap((id) => [box(id).width, box(id).height])),
    settingsBeside:
      document.querySelector('.jump-settings').getBoundingClientRect().left >
      box('compare-toggle').right,
  };
}

/**
 * Runs in the page (page.evaluate, Playwright or Puppeteer): every option of the settings fields'
 * shown selects (full-width; the preset picker takes its longest option's width) whose text is
 * wider than its select's text box, as 'key: "text" (width > room px)'. A
 * native select cuts such an option off ("ReduceLROnPlateau (reacts to a me…"). The room leaves
 * ARROW px for the drop-down arrow beside the padding (Chromium's and Firefox's are ~16 px).
 */
export function cutOptions() {
  const ARROW = 20;
  const context = document.createElement('canvas').getContext('2d');
  const cut = [];
  for (const select of document.querySelectorAll('#settings .field select')) {
    if (select.offsetParent === null) continue; // in a hidden field
    const style = getComputedStyle(select);
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room =
      select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - ARROW;
    for (const option of select.options) {
      if (option.hidden) continue;
      const width = context.measureText(option.textContent).width;
      if (width > room)
        cut.push(
          `${select.name}: "${option.textContent}" (${Math.ceil(width)} > ${Math.floor(room)} px)`,
        );
    }
  }
  return cut;
}

/**
 * Runs in the page (page.evaluate, Playwright or Puppeteer): the settings' rows whose text and
 * select controls do not start at one height, as [label, top] lists ([] when every row lines up).
 * A row: the visible fields of one group that start at one top.
 */
export function misalignedFieldRows() {
  const out = [];
  for (const grid of document.querySelectorAll('#settings .fields')) {
    const rows = new Map();
    for (const field of grid.querySelectorAll(':scope > .field:not(.field-checkbox)')) {
      const control = field.querySelector('input[type="text"], select');
      if (!control || !field.getBoundingClientRect().height) continue;
      const top = Math.round(field.getBoundingClientRect().top);
      const at = [
        field.querySelector('label').textContent.trim(),
        control.getBoundingClientRect().top,
      ];
      rows.set(top, [...(rows.get(top) ?? []), at]);
    }
    for (const row of rows.values()) {
      if (new Set(row.map(([, at]) => Math.round(at))).size > 1) out.push(row);
    }
  }
  return out;
}

/** The text of the element with data-testid `id`. */
export const text = (page, id) => page.textContent(`[data-testid="${id}"]`);

/**
 * Waits until the epoch readout shows n. Only for a number the readout cannot show already (while
 * Play runs); after Step, Reset and friends use act(), which waits for the page's answer.
 */
export const waitEpoch = (page, n) =>
  page.waitForFunction(
    (n) => document.querySelector('[data-testid="epoch"]').textContent === String(n),
    n,
  );

/**
 * Waits until nothing is training, queued for the engine worker or waiting to be drawn. Only when the
 * page cannot be idle already (e.g. it is playing); after an action use act().
 */
export const waitIdle = (page) => page.waitForFunction(() => window.__lrplay.idle === true);

/**
 * Does `action` (a click, a key press, a select...) and waits until the page has acknowledged THAT
 * action: an engine request issued after it began has completed, and nothing is playing, queued or
 * left to draw. For everything that goes through the engine: Step, Step 10, Run to end, Reset, Pause,
 * a committed setting, a preset, compare mode and its editors. Not for Play (it goes on until paused:
 * wait for an epoch it has not reached yet). `wait`: waitForFunction's { polling, timeout }.
 */
export async function act(page, action, wait = {}) {
  const issued = await page.evaluate(() => window.__lrplay.requests.issued);
  await action();
  await page.waitForFunction(
    (n) => window.__lrplay.requests.completed > n && window.__lrplay.idle,
    issued,
    wait,
  );
}

/** Clicks the element with data-testid `id` and waits for the page's answer (act()). */
export const click = (page, id, wait) => act(page, () => page.click(`[data-testid="${id}"]`), wait);

/** Types `value` into the field with data-testid `id`, presses Enter, and waits for the page's answer. */
export const enter = (page, id, value) =>
  act(page, async () => {
    await page.fill(`[data-testid="${id}"]`, value);
    await page.press(`[data-testid="${id}"]`, 'Enter');
  });

/** Selects `value` in the select with data-testid `id` and waits for the page's answer. */
export const select = (page, id, value) =>
  act(page, () => page.selectOption(`[data-testid="${id}"]`, value));

/**
 * Does `action` while Chromium traces itself, and returns every task the page's main thread ran
 * meanwhile as { wall, cpu } in ms: `wall` is the task's duration (what a `longtask` observer sees),
 * `cpu` the time the thread actually ran it. On a loaded machine a task waits for a core and its wall
 * time grows; its CPU time is the work the page itself put in that task. `byKind`: also
 * `tasks.byKind`, the thread time by kind of work; `events`: also `tasks.events`, the main thread's
 * trace events (with the page's User Timing marks), in a fuller trace.
 */
export async function mainThreadTasks(
  page,
  action,
  { byKind = false, events: keep = false, threads = false } = {},
) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  const categories = ['__metadata', 'disabled-by-default-devtools.timeline'];
  if (byKind || keep) categories.push('devtools.timeline', 'v8.execute');
  if (keep) categories.push('blink.user_timing');
  if (threads) categories.push('toplevel');
  await cdp.send('Tracing.start', {
    categories: categories.join(','),
    transferMode: 'ReportEvents',
  });
  await action();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const rendererMain = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events
    .filter((e) => e.name === 'RunTask' && rendererMain.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ wall: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000 }));
  if (byKind)
    tasks.byKind = threadTimeByKind(events.filter((e) => rendererMain.has(`${e.pid}:${e.tid}`)));
  if (keep) tasks.events = events.filter((e) => rendererMain.has(`${e.pid}:${e.tid}`));
  if (threads) tasks.threads = threadTimeByThread(events);
  return tasks;
}

/**
 * Thread time in ms of every traced thread's tasks (each task counted once, not the tasks nested in
 * it), by process and thread name: "Renderer/CrRendererMain", "Renderer/DedicatedWorker thread",
 * "Renderer/ThreadPoolForegroundWorker" (raster, and V8's background compilation and GC), "GPU
 * Process/VizCompositorThread"... Needs the 'toplevel' category.
 */
function threadTimeByThread(events) {
  const names = new Map(
    events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]),
  );
  const processes = new Map(
    events.filter((e) => e.name === 'process_name').map((e) => [e.pid, e.args.name]),
  );
  const perThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e.tdur === undefined) continue;
    if (!/^(ThreadControllerImpl::RunTask|ThreadPool_RunTask|RunTask)$/.test(e.name)) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!perThread.has(key)) perThread.set(key, []);
    perThread.get(key).push(e);
  }
  const totals = {};
  for (const [key, tasks] of perThread) {
    tasks.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let end = -Infinity;
    let ms = 0;
    for (const t of tasks) {
      if (t.ts < end) continue; // nested in the task before
      ms += t.tdur / 1000;
      end = t.ts + t.dur;
    }
    const thread = (names.get(key) ?? 'thread').replace(/\d+$/, '');
    const name = `${processes.get(Number(key.split(':')[0])) ?? 'process'}/${thread}`;
    totals[name] = (totals[name] ?? 0) + ms;
  }
  return totals;
}

// What the page thread's trace events are, by kind (each event's own thread time, without the
// events nested in it, goes to its kind; a task's time outside any of these is 'other').
const KINDS = {
  script:
    /^(FunctionCall|RunMicrotasks|EvaluateScript|TimerFire|FireAnimationFrame|HandlePostMessage|EventDispatch|MinorGC|MajorGC|V8\.|v8\.)/,
  'style and layout': /^(UpdateLayoutTree|Layout|IntersectionObserverController)/,
  'paint and composite':
    /^(PrePaint|Paint|Layerize|Commit|UpdateLayer|ScrollLayer|PaintImage|RasterTask)/,
};

/** Thread time in ms of one thread's complete events, by KINDS (and 'other'), nesting removed. */
function threadTimeByKind(events) {
  const spans = events
    .filter((e) => e.ph === 'X' && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const totals = Object.fromEntries([...Object.keys(KINDS), 'other'].map((k) => [k, 0]));
  const stack = [];
  const close = (e) => {
    const kind = Object.keys(KINDS).find((k) => KINDS[k].test(e.name)) ?? 'other';
    totals[kind] += (e.tdur - e.nested) / 1000;
  };
  for (const e of spans) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) close(stack.pop());
    if (stack.length) stack.at(-1).nested += e.tdur;
    else if (e.name !== 'RunTask') continue; // outside the tasks: not the page's work
    e.nested = 0;
    stack.push(e);
  }
  while (stack.length) close(stack.pop());
  return totals;
}
