// The page's start (web/README.md, "Start-up"): the built <head>'s order, the lesson's first section
// alone in the built body (the rest in one file fetched later), the engine worker started
// there and taken over by the page (one worker), Step enabled by the <head> once the worker has the
// lesson's run and its early clicks trained later as any, Step training from the moment it is enabled, before
// the settings form, compare mode, the exercises and Chart.js, which load after it, a link in compare
// mode, and content-visibility only while starting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { appOrigin, browserContext, launchChromium, root, text, useBrowser } from './browser.mjs';
import { lessonSections } from '../../web/vite-plugins/inline-lesson.mjs';

useBrowser();

test('the built <head>: head-start.js first, then the one stylesheet, theme-init.js, the deferred entry and main.js', () => {
  const html = fs.readFileSync(path.join(root, 'dist/index.html'), 'utf8');
  assert.match(html, /<html lang="en" data-starting>/);
  const head = html.slice(0, html.indexOf('</head>'));
  const at = (re) => {
    const i = head.search(re);
    assert.ok(i >= 0, `no ${re} in the built <head>`);
    return i;
  };
  // Both classic scripts inline (no fetch to hold the parser; the CSP allows them by hash).
  const headStart = at(/<script>\(function \(\) \{\n\s*var worker = new Worker\(/);
  assert.equal(headStart, head.indexOf('<script'), 'head-start.js is the first script');
  const order = [
    headStart,
    at(/<link rel="stylesheet"/),
    at(/<script>[^<]*lrplay\.theme[^<]*<\/script>/),
    // Deferred, not async; main.js's chunk right after it (vite-plugins/start-hints.mjs says why).
    at(/<script type="module" crossorigin src="\.\/assets\/index-[^"]+\.js"><\/script>/),
    at(/<script type="module" crossorigin src="\.\/assets\/main-[^"]+\.js"><\/script>/),
  ];
  assert.deepEqual(
    order,
    [...order].sort((a, b) => a - b),
  );
  assert.equal(head.match(/<script>/g).length, 2, 'two inline scripts');
  assert.doesNotMatch(head, /<script src=/, 'no classic script to fetch');
  // One stylesheet: Vite inlined style.css's @imports of src/styles/*.css, so none is left to fetch.
  assert.equal(html.match(/<link rel="stylesheet"/g).length, 1, 'one stylesheet');
  const sheets = fs.readdirSync(path.join(root, 'dist/assets')).filter((f) => f.endsWith('.css'));
  assert.equal(sheets.length, 1, sheets.join(', '));
  const css = fs.readFileSync(path.join(root, 'dist/assets', sheets[0]), 'utf8');
  assert.doesNotMatch(css, /@import/);
  // It starts the worker the build wrote, by its path relative to the page.
  const worker = /new Worker\("\.\/(assets\/worker-[^"]+\.js)"/.exec(head)?.[1];
  assert.ok(worker && fs.existsSync(path.join(root, 'dist', worker)), head);
});

test("the built body: the lesson's introduction and first section, a placeholder naming the rest, which one file holds", () => {
  const html = fs.readFileSync(path.join(root, 'dist/index.html'), 'utf8');
  const sectionIds = (source) =>
    [...source.matchAll(/<section id="([^"]+)" class="lesson-section"/g)].map((m) => m[1]);
  const ids = lessonSections().flatMap(sectionIds);
  // The second section is below the first screen, yet inlined it was styled and laid out in the
  // first frame, which the entry and the worker's start wait behind (docs/speed-log.md, start4).
  assert.deepEqual(sectionIds(html), ids.slice(0, 1));
  const more = /<div id="lesson-more"[^>]* data-src="\.\/([^"]+)" data-sections="([^"]+)"/.exec(
    html,
  );
  assert.ok(more, 'no #lesson-more placeholder');
  assert.deepEqual(more[2].split(' '), ids.slice(1));
  assert.deepEqual(
    sectionIds(fs.readFileSync(path.join(root, 'dist', more[1]), 'utf8')),
    ids.slice(1),
  );
});

test('Step trains from the moment it is enabled; the form and Chart.js come after, with one worker', async () => {
  const page = await browserContext().newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  await page.goto(`${appOrigin()}/`, { waitUntil: 'commit' });
  // Playwright clicks as soon as the button is enabled: whether or not the form is there yet.
  await page.click('[data-testid="step"]', { timeout: 30000 });
  await page.waitForFunction(() => window.__lrplay?.ready === true);
  await page.waitForFunction(() => window.__lrplay.idle);
  assert.equal(await text(page, 'epoch'), '1');
  assert.equal(await page.evaluate(() => window.__lrplay.chartPointCounts().loss), 1);
  const start = await page.evaluate(() => {
    const marks = Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .map((m) => [m.name.slice('lrplay:'.length), m.startTime]),
    );
    const fetched = (re) =>
      performance
        .getEntriesByType('resource')
        .filter((r) => re.test(r.name))
        .map((r) => r.startTime);
    const { domContentLoadedEventStart } = performance.getEntriesByType('navigation')[0];
    // main.js is both a script of the built <head> and boot.js's import(): one module, run once.
    const mainRuns = performance.getEntriesByName('lrplay:main-start').length;
    return {
      marks,
      chartJs: fetched(/\/chartjs-[^/]+\.js$/),
      later: fetched(/\/later-[^/]+\.js$/),
      domContentLoadedEventStart,
      mainRuns,
    };
  });
  const { marks } = start;
  // The worker was started by the <head>, before the entry module ran.
  assert.ok(marks['worker-start'] < marks.entry, JSON.stringify(marks));
  // The entry ran as the parse ended, before DOMContentLoaded, not after the first frames as an
  // async entry did.
  assert.ok(marks.entry <= start.domContentLoadedEventStart, JSON.stringify(start));
  assert.equal(start.mainRuns, 1);
  assert.ok(marks['step-usable'] < marks.form, JSON.stringify(marks));
  assert.equal(start.chartJs.length, 1);
  assert.ok(marks['step-usable'] <= start.chartJs[0], JSON.stringify(start));
  // The form, compare mode and the exercises (later.js's chunk) are fetched once Step is usable.
  assert.equal(start.later.length, 1);
  assert.ok(marks['step-usable'] <= start.later[0], JSON.stringify(start));
  assert.equal(page.workers().length, 1);
  // Started: the page is laid out whole again.
  assert.deepEqual(
    await page.evaluate(() => [
      document.documentElement.hasAttribute('data-starting'),
      getComputedStyle(document.querySelector('.lesson-section')).contentVisibility,
      getComputedStyle(document.querySelector('#settings')).contentVisibility,
    ]),
    [false, 'visible', 'visible'],
  );
  assert.deepEqual(problems, []);
  await page.close();
});

/** What the page shows of its run: the toolbar, status, printed output, scheduler state, charts. */
function shownRun() {
  const text = (sel) => document.querySelector(sel).textContent.replace(/\s+/g, ' ').trim();
  return {
    toolbar: text('.toolbar'),
    status: text('[data-testid="status"]'),
    console: text('[data-testid="console"]'),
    changes: text('[data-testid="changes"]'),
    state: text('[data-testid="plateau-state"]'),
    script: text('[data-testid="script"]'),
    points: window.__lrplay.chartPointCounts(),
    lr: window.__lrplay.lrPoints(),
    url: location.href.replace(location.origin, ''),
  };
}

/**
 * Run before the page's own scripts: window.__startOrder lists, in the order they happened, every
 * 'lrplay:*' mark and every message the engine worker's listeners were handed (`message <id>`), a
 * listener of its own being the first on the worker. An order, not two clocks' readings: a mark
 * and the next message's dispatch can fall within one tick of the page's clock.
 */
function recordStartOrder() {
  const order = (window.__startOrder = []);
  const mark = performance.mark.bind(performance);
  performance.mark = (name, ...rest) => (order.push(name), mark(name, ...rest));
  window.Worker = class extends window.Worker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => order.push(`message ${e.data?.id}`));
    }
  };
}

/**
 * A cold page (a profile of its own: no service worker to answer before page.route) whose entry
 * and main.js chunks are held until `release()`, so the <head>'s script alone runs the page.
 */
async function heldPage(context, hash = '') {
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\/assets\/(index|main)-[^/]+\.js$/, (route) =>
    held.then(() => route.continue()),
  );
  await page.addInitScript(recordStartOrder);
  await page.goto(`${appOrigin()}/${hash}`, { waitUntil: 'commit' });
  // The worker's lesson run has reached the <head>'s script (engine/head-start.js).
  await page.waitForFunction(() =>
    window.lrplayStartedWorker?.early.some((e) => e.data?.id === -1 && e.data.result),
  );
  return { page, problems, release };
}

test("Step is enabled as the worker's lesson run arrives, before the page's code has run; its clicks then train as clicks after the start do", async () => {
  const context = await launchChromium();
  try {
    const { page, problems, release } = await heldPage(context);
    // Enabled by the <head> alone: neither the entry nor main.js has run. The worker said the run
    // was made (LESSON_RUN_MADE, -2) before it sent the run's description (FIRST_RUN, -1), which
    // the <head>'s script does not wait for.
    assert.equal(await page.isEnabled('[data-testid="step"]'), true);
    assert.deepEqual(
      await page.evaluate(() => window.lrplayStartedWorker.early.slice(0, 2).map((e) => e.data.id)),
      [-2, -1],
    );
    // Marked as the first message was handled, before the second was dispatched.
    const order = await page.evaluate(() => window.__startOrder);
    assert.deepEqual(order.slice(0, order.indexOf('message -1') + 1), [
      'lrplay:worker-start',
      'message -2',
      'lrplay:step-early',
      'message -1',
    ]);
    for (let i = 0; i < 10; i++) await page.click('[data-testid="step"]');
    assert.deepEqual(
      await page.evaluate(() => [
        performance.getEntriesByName('lrplay:entry').length,
        performance.getEntriesByName('lrplay:step-early').length,
        document.querySelector('[data-testid="epoch"]').textContent,
      ]),
      [0, 1, '0'],
    );
    release();
    await page.waitForFunction(() => window.__lrplay?.ready === true);
    await page.waitForFunction(() => window.__lrplay.idle);
    const early = await page.evaluate(shownRun);
    assert.equal(early.points.loss, 10);
    assert.match(early.console, /^Epoch \[10\/100\], LR: 0\.100000$/);

    // The same ten clicks once the page has started.
    const late = await context.newPage();
    await late.goto(`${appOrigin()}/`);
    await late.waitForFunction(() => window.__lrplay?.ready === true);
    for (let i = 0; i < 10; i++) {
      await late.click('[data-testid="step"]');
      await late.waitForFunction((n) => window.__lrplay.epoch === n && window.__lrplay.idle, i + 1);
    }
    assert.deepEqual(early, await late.evaluate(shownRun));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a link with settings keeps Step disabled until the page has started its own run', async () => {
  const context = await launchChromium();
  try {
    const { page, problems, release } = await heldPage(context, '#lr=0.05');
    assert.equal(await page.isEnabled('[data-testid="step"]'), false);
    assert.equal(
      await page.evaluate(() => performance.getEntriesByName('lrplay:step-early').length),
      0,
    );
    release();
    await page.click('[data-testid="step"]');
    await page.waitForFunction(() => window.__lrplay?.ready === true);
    await page.waitForFunction(() => window.__lrplay.idle);
    assert.equal(await text(page, 'epoch'), '1');
    assert.equal((await page.evaluate(() => window.__lrplay.lrPoints()))[0].y, 0.05);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

/** The engine requests (ops) the page sends, in order, from the start (the worker's own included). */
function recordOps() {
  window.__ops = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message?.op) window.__ops.push(message.op);
    return post.call(this, message, ...rest);
  };
}

test("the lesson's run comes unasked, before the worker's ready message; a link with other settings asks for its own", async () => {
  for (const [hash, lr, asked] of [
    ['', 0.1, []],
    // The run made for the defaults is freed, and the link's is made.
    ['#lr=0.05', 0.05, ['dispose', 'create']],
  ]) {
    // A page each: a new hash on the same page would not load it again.
    const page = await browserContext().newPage();
    await page.addInitScript(recordOps);
    await page.goto(`${appOrigin()}/${hash}`, { waitUntil: 'commit' });
    await page.click('[data-testid="step"]', { timeout: 30000 });
    await page.waitForFunction(() => window.__lrplay?.ready === true);
    await page.waitForFunction(() => window.__lrplay.idle);
    assert.equal(await text(page, 'epoch'), '1', hash);
    const ops = await page.evaluate(() => window.__ops);
    assert.deepEqual(
      ops.filter((op) => op === 'create' || op === 'dispose'),
      asked,
      `${hash}: ${ops}`,
    );
    assert.equal((await page.evaluate(() => window.__lrplay.lrPoints()))[0].y, lr, hash);
    await page.close();
  }
});

test('a link in compare mode opens in compare mode, its Step training every run, before the lazy parts would load', async () => {
  const page = await browserContext().newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  const link = '#lr=0.05&compare=1&runA=scheduler:plateau&runC=scheduler:step';
  await page.goto(`${appOrigin()}/${link}`, { waitUntil: 'commit' });
  // Compare mode's parts come with later.js, which such a link loads before its first run.
  await page.click('[data-testid="step"]', { timeout: 30000 });
  await page.waitForFunction(() => window.__lrplay?.ready === true);
  await page.waitForFunction(() => window.__lrplay.idle);
  assert.equal(await page.evaluate(() => window.__lrplay.mode), 'compare');
  assert.equal(await text(page, 'epoch'), '1');
  const { loss } = await page.evaluate(() => window.__lrplay.compareCharts());
  assert.deepEqual(
    loss.map((run) => [run.label.slice(0, 10), run.points]),
    [
      ['A · Reduce', 1],
      ['C · StepLR', 1],
    ],
  );
  assert.equal(await page.isVisible('[data-testid="link-notice"]'), false);
  assert.equal(await page.evaluate(() => decodeURIComponent(location.hash)), link);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a run that diverged before the practice section was made counts for its exercise', async () => {
  // A profile of its own: no service worker (which would answer before page.route) from the others.
  const context = await launchChromium();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    // later.js's chunk (the practice view) is held back until the run has diverged.
    await page.route(/\/later-[^/]+\.js$/, (route) => held.then(() => route.continue()));
    await page.goto(`${appOrigin()}/#lr=1e18`, { waitUntil: 'commit' });
    await page.click('[data-testid="run-all"]');
    await page.waitForFunction(() =>
      /Diverged/.test(document.querySelector('[data-testid="status"]').textContent),
    );
    assert.equal(await page.locator('#practice').count(), 0, 'the practice section came early');
    release();
    await page.waitForFunction(() => window.__lrplay?.ready === true);
    await page.waitForFunction(() => window.__lrplay.idle);
    await page.click('[data-testid="check-diverge-reset"]');
    assert.match(await text(page, 'result-diverge-reset'), /Now press Reset/);
    await page.click('[data-testid="reset"]');
    await page.waitForFunction(() => window.__lrplay.idle);
    await page.click('[data-testid="check-diverge-reset"]');
    assert.match(await text(page, 'result-diverge-reset'), /^Passed\. After diverging at epoch 2/);
    assert.deepEqual(problems, []);
  } finally {
    release();
    await context.close();
  }
});
