// What runs when during one cold load of the built page: Chromium's trace of the page thread and
// the engine worker's thread (script fetches, compiles and evaluations, wasm compilation, HTML
// parsing, style and layout, tasks), with the page's 'lrplay:*' marks, as one timeline in ms after
// navigation. It shows the critical path to the first usable Step that bench/start_bench.mjs times.
// `npm run build` first; then
//   node bench/start_trace.mjs [min-ms]       (events shorter than min-ms, default 2, are left out)
// LRPLAY_DIST=path traces another build. CPU times are the threads' own (thread time), so they hold
// better than wall times on a loaded machine; the elements styled and objects laid out until Step
// hold better still (they change only where the parser's pauses fall).
// The font calls to the browser (Linux) are one per new font strike and family name: fewer sizes,
// weights and families on the first screen, fewer waits on the page thread.
// The last line sums, over all the trace's processes, what the first paint waited on (firstPaint()).
// LRPLAY_TRACE_SUMMARY=1 prints the summary lines only; LRPLAY_TRACE_OUT=file.json keeps the trace.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/web/browser.mjs';
import { serveApart } from './serve-apart.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const minMs = Number(process.argv[2] ?? 2);

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8',
  'v8.execute',
  'v8.wasm',
  'disabled-by-default-v8.compile',
  'loading',
  'blink',
  'toplevel',
  'fonts',
].join(',');

// The events worth a line, with what to call them.
const NAMED = {
  ParseHTML: 'parse HTML',
  EvaluateScript: 'evaluate script',
  'v8.evaluateModule': 'evaluate module',
  'v8.compileModule': 'compile module',
  'v8.compile': 'compile script',
  'v8.wasm.streamFromResponseCallback': 'wasm: stream response',
  'wasm.SyncCompile': 'wasm compile (sync)',
  'wasm.AsyncCompile': 'wasm compile (async)',
  'wasm.StartStreamingCompilation': 'wasm streaming compile start',
  'wasm.FinishedStreamingCompilation': 'wasm streaming compile done',
  'v8.wasm.compileLazy': 'wasm lazy compile',
  'wasm.InstantiateModule': 'wasm instantiate',
  FunctionCall: 'function call',
  TimerFire: 'timer',
  FireAnimationFrame: 'animation frame',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  Paint: 'paint',
  PrePaint: 'pre-paint',
  ParseAuthorStyleSheet: 'parse CSS',
  RunMicrotasks: 'microtasks',
  HandlePostMessage: 'message',
  'v8.parseOnBackground': 'parse on background',
  'V8.ScriptCompiler': 'script compiler',
  RunTask: 'task',
};

function describe(e) {
  const d = e.args?.data ?? e.args?.beginData ?? {};
  const url = d.url ?? e.args?.fileName ?? d.stackTrace?.[0]?.url ?? '';
  const file = url ? ` ${url.split('/').pop()}` : '';
  if (e.name === 'FunctionCall' && d.functionName)
    return `${NAMED[e.name]} ${d.functionName}${file}`;
  return `${NAMED[e.name] ?? e.name}${file}`;
}

async function tracedLoad(url) {
  const context = await launchChromium();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__lrplay?.ready, null, {
      polling: 'raf',
      timeout: 60000,
    });
    await new Promise((r) => setTimeout(r, 300));
    const marks = await page.evaluate(() =>
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('lrplay:'))
        .map((m) => [m.name.slice(7), m.startTime]),
    );
    const resources = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((r) => [r.name.split('/').pop(), r.startTime, r.responseEnd, r.transferSize]),
    );
    await cdp.send('Tracing.end');
    await done;
    // LRPLAY_TRACE_OUT=file.json: the whole trace (all processes), for chrome://tracing or Perfetto.
    if (process.env.LRPLAY_TRACE_OUT)
      fs.writeFileSync(process.env.LRPLAY_TRACE_OUT, JSON.stringify({ traceEvents: events }));
    return { events, marks, resources };
  } finally {
    await context.close();
  }
}

const server = await serveApart(process.env.LRPLAY_DIST ?? path.join(root, 'dist'));
try {
  const { events, marks, resources } = await tracedLoad(`http://127.0.0.1:${server.port}/`);
  // Threads by name; navigation start is the page's time origin.
  const threads = new Map();
  for (const e of events)
    if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame);
  const origin = nav?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const pageThread = nav ? `${nav.pid}:${nav.tid}` : null;
  const rows = [];
  // Thread time of each thread's top-level tasks until Step is usable: the work on the way to it,
  // which a loaded machine stretches in wall time but not in thread time.
  // The <head> enables Step itself when the worker's lesson run comes before the entry
  // (engine/head-start.js's 'step-early'); otherwise main.js does, once its toolbar is drawn.
  // A floor page (bench/start_floor_variants.mjs's sites, LRPLAY_DIST=dir/<variant>) marks its
  // worker's answer (core-ready) instead.
  const usable = Math.min(
    ...marks
      .filter(([name]) => ['step-usable', 'step-early', 'core-ready'].includes(name))
      .map(([, t]) => t),
  );
  const cpu = { page: 0, worker: 0, rendering: 0, pool: 0 };
  // What the page's style and layout covered until Step, which the load changes little (only where
  // the parser pauses): elements styled and layout objects laid out, summed over every pass.
  const covered = { styled: 0, laidOut: 0, layouts: 0 };
  // The page thread's synchronous calls to the browser for fonts (Linux): a render style for each
  // new font strike (family, size, bold, italic) and a look-up for each new family name, each a
  // round trip to a browser thread that runs fontconfig, which a loaded machine stretches most.
  const FONT_CALLS = new Set([
    'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike',
    'FontDataService::MatchFamilyName',
    // The family look-ups as Debian's Chromium 156 names them on the page thread (one per family
    // name and style tried, found or not: each name of a font stack before the one installed).
    'FontDataManager::onMatchFamilyStyle',
  ]);
  const fonts = { calls: 0, ms: 0, families: 0 };
  const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize']);
  for (const e of events) {
    const thread = threads.get(`${e.pid}:${e.tid}`) ?? '';
    const where =
      `${e.pid}:${e.tid}` === pageThread ? 'page' : /Worker/.test(thread) ? 'worker' : null;
    if (!where || e.ph !== 'X' || (e.ts - origin) / 1000 >= usable) continue;
    if (e.name === 'RunTask') cpu[where] += (e.tdur ?? 0) / 1000;
    // The page's thread pool (raster, script streaming, wasm compilation): ThreadPool_RunTask.
    if (e.name === 'ThreadPool_RunTask' && e.pid === nav?.pid) cpu.pool += (e.tdur ?? 0) / 1000;
    if (where === 'page' && RENDERING.has(e.name)) cpu.rendering += (e.tdur ?? 0) / 1000;
    if (where === 'page' && e.name === 'UpdateLayoutTree')
      covered.styled += e.args?.elementCount ?? 0;
    if (where === 'page' && e.name === 'Layout') {
      covered.laidOut += e.args?.beginData?.dirtyObjects ?? 0;
      covered.layouts++;
    }
    if (where === 'page' && FONT_CALLS.has(e.name)) {
      fonts.calls++;
      fonts.ms += e.dur / 1000;
      if (e.name !== 'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike') fonts.families++;
    }
  }
  for (const e of events) {
    const thread = threads.get(`${e.pid}:${e.tid}`) ?? '';
    const where =
      `${e.pid}:${e.tid}` === pageThread ? 'page' : /Worker/.test(thread) ? 'worker' : null;
    if (!where || e.ph !== 'X' || !(e.name in NAMED)) continue;
    const ms = e.dur / 1000;
    if (ms < minMs) continue;
    const cpu = e.tdur === undefined ? '' : `cpu ${(e.tdur / 1000).toFixed(1)}`;
    rows.push([(e.ts - origin) / 1000, where, ms, cpu, describe(e)]);
  }
  for (const [name, t] of marks) rows.push([t, 'mark', 0, '', name]);
  for (const [name, start, end, size] of resources)
    rows.push([start, 'fetch', end - start, `${(size / 1024).toFixed(0)} KB`, name]);
  rows.sort((a, b) => a[0] - b[0]);
  // LRPLAY_TRACE_SUMMARY=1: the summary lines only.
  if (!process.env.LRPLAY_TRACE_SUMMARY) {
    console.log('   start     dur  thread  cpu       what');
    for (const [t, where, ms, cpu, what] of rows)
      console.log(
        `${t.toFixed(1).padStart(8)} ${ms.toFixed(1).padStart(7)}  ${where.padEnd(6)}  ${cpu.padEnd(9)} ${what}`,
      );
  }
  console.log(
    `until Step is usable (${usable.toFixed(0)} ms): page thread ${cpu.page.toFixed(0)} ms of thread ` +
      `time in tasks (style, layout and paint ${cpu.rendering.toFixed(0)} ms), worker ${cpu.worker.toFixed(0)} ms, ` +
      `the page's thread pool ${cpu.pool.toFixed(0)} ms (raster, script streaming, wasm compilation)`,
  );
  console.log(
    `until Step is usable: ${covered.styled} elements styled, ${covered.laidOut} layout objects ` +
      `laid out on the page thread (${covered.layouts} layouts summed); ${fonts.calls} font calls ` +
      `to the browser waited on (${fonts.calls - fonts.families} strikes, ${fonts.families} family ` +
      `look-ups), ${fonts.ms.toFixed(0)} ms in all`,
  );
  console.log(firstPaint(events, nav, origin));
} finally {
  server.close();
}

/**
 * What the first paint (Chromium's firstPaint: the presentation of the first frame with content) waited
 * on, from all of the trace's processes: the page thread's work until it, the raster of that frame's
 * tiles on the renderer's raster thread (software raster: --disable-gpu), the display compositor (the
 * GPU process's Viz thread) and the browser's main thread, in thread time, with the page thread's
 * synchronous font calls. Thread times hold on a loaded machine where wall times do not.
 */
function firstPaint(events, nav, origin) {
  const painted = events.filter((e) => e.name === 'firstPaint' && e.pid === nav?.pid);
  if (!painted.length) return 'no firstPaint event in the trace';
  const at = Math.min(...painted.map((e) => e.ts));
  const ms = (us) => (us / 1000).toFixed(0);
  const names = new Map();
  for (const e of events) if (e.name === 'process_name') names.set(e.pid, e.args.name);
  const before = events.filter((e) => e.ph === 'X' && e.ts >= origin && e.ts < at);
  const sum = (list, key = 'tdur') => list.reduce((t, e) => t + (e[key] ?? 0), 0);
  const onPage = before.filter((e) => e.pid === nav.pid && e.tid === nav.tid);
  // Outermost events only: a layer's Paint nests in its parent's.
  const rendering = onPage
    .filter((e) => ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize'].includes(e.name))
    .filter((e, _, all) => !all.some((o) => o !== e && o.ts <= e.ts && e.ts < o.ts + o.dur));
  const fontCalls = onPage.filter((e) =>
    [
      'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike',
      'FontDataManager::onMatchFamilyStyle',
      'FontDataService::MatchFamilyName',
    ].includes(e.name),
  );
  // The page's own tiles (the renderer's), not the browser window's.
  const tiles = before.filter((e) => e.name === 'RasterTask' && e.pid === nav.pid);
  const viz = before.filter(
    (e) => e.name === 'ThreadControllerImpl::RunTask' && names.get(e.pid) === 'GPU Process',
  );
  const browser = before.filter(
    (e) => e.name === 'ThreadControllerImpl::RunTask' && names.get(e.pid) === 'Browser',
  );
  const pageTasks = onPage.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const styled = onPage
    .filter((e) => e.name === 'UpdateLayoutTree')
    .reduce((n, e) => n + (e.args?.elementCount ?? 0), 0);
  const tileSpan = tiles.length
    ? Math.max(...tiles.map((e) => e.ts + e.dur)) - Math.min(...tiles.map((e) => e.ts))
    : 0;
  return (
    `until the first paint (${ms(at - origin)} ms): page thread ${ms(sum(pageTasks))} ms of thread ` +
    `time in tasks (style, layout and paint ${ms(sum(rendering))} ms, ${styled} elements styled, ` +
    `${fontCalls.length} font calls waited on ${ms(sum(fontCalls, 'dur'))} ms); raster ${tiles.length} ` +
    `tiles, ${ms(sum(tiles))} ms of thread time over ${ms(tileSpan)} ms; display compositor ` +
    `${ms(sum(viz))} ms, browser ${ms(sum(browser))} ms of thread time`
  );
}
