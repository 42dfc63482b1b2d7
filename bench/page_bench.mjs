// Timings of the page in headless Chromium, and of the wasm core against the native one:
//   1. wasm and glue sizes (raw and gzip) as dist/ ships them;
//   2. time from navigation to the first interactive Step (median of several loads);
//   3. Play at full speed with the charts updating: epochs per second, frames per second, the
//      median and 95th-percentile frame, and the page thread's tasks over 50 ms (Chromium's trace,
//      thread time), for the lesson over 10,000 epochs and the digits with 45 batches an epoch
//      stepped by OneCycleLR (targets, issue 11: median <= 17.5 ms, p95 <= 25 ms, no task > 50 ms);
//   4. one epoch of the wasm core in Chromium, records included, as the page's worker trains it
//      and as the page gets it (the message's clone and the page's records too), in wall and
//      page-thread CPU time, vs the same loop natively (bench/epoch_loop.cpp), alternated.
// Needs `npm run build` and the native loop:
//   cmake -S . -B build-bench -DLRPLAY_BENCHMARKS=ON -DLRPLAY_TESTS=OFF
//   cmake --build build-bench -j2 --target lrplay_epoch_loop
//   node bench/page_bench.mjs
// LRPLAY_BENCH_PLAY_ONLY=1 times Play alone (3.); LRPLAY_BENCH_PLAY_SECONDS sets its window (20);
// LRPLAY_BENCH_PLAY_BY_KIND=1 splits Play's page-thread time per frame into script, style and
// layout, paint and composite, and other (a fuller trace: the page thread works a little more);
// LRPLAY_BENCH_PLAY_MATCH times only the Play runs whose name contains it ('1,000 epochs');
// LRPLAY_BENCH_PLAY_FRAMES=n prints each Play run's n longest frames with what the page thread ran
// in them (a fuller trace too);
// LRPLAY_BENCH_PLAY_THREADS=1 prints the thread time per frame of every thread of the browser
// (the page thread, the worker, raster and V8's background compilation, the compositor, the GPU
// process): what competes for the cores while the page thread idles;
// LRPLAY_BENCH_EPOCH_ONLY=1 times the wasm and native epochs alone (4.); LRPLAY_BENCH_ROOT=DIR
// times the engine and wasm of another checkout (DIR/web/src, built with `npm run wasm`; this
// checkout's bench/page_epoch.js times it), e.g. main's, to alternate with.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launchChromium, mainThreadTasks } from '../tests/web/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// LRPLAY_DIST times another build of the page (e.g. the previous commit's, to alternate with).
const distDir = path.resolve(process.env.LRPLAY_DIST ?? path.join(root, 'dist'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function sizes() {
  const assets = path.join(distDir, 'assets');
  const files = fs.readdirSync(assets);
  const size = (name) => {
    const bytes = fs.readFileSync(path.join(assets, name));
    return { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  };
  const wasm = size(files.find((f) => f.endsWith('.wasm')));
  // The emscripten glue as built (before Vite bundles and minifies it with the page's code).
  const glueBytes = fs.readFileSync(path.join(root, 'web/src/wasm/lrplay.js'));
  const glue = { raw: glueBytes.length, gzip: zlib.gzipSync(glueBytes, { level: 9 }).length };
  const js = files.filter((f) => f.endsWith('.js')).map(size);
  const bundle = js.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), {
    raw: 0,
    gzip: 0,
  });
  return { wasm, glue, bundle };
}

// Serves the repository root (for the engine-only page) or dist/ with the right MIME types;
// dirOf(pathname), when given, picks the directory per request.
function serve(root, dirOf = () => root, isolated = false) {
  const types = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.mjs': 'text/javascript',
    '.wasm': 'application/wasm',
    '.css': 'text/css',
    '.csv': 'text/plain',
    '.svg': 'image/svg+xml',
  };
  // Cross-origin isolated, as bench/epoch_loop_browsers.mjs serves: performance.now() then steps
  // by 5 µs, not 100 (the lesson's runs are timed one by one).
  const isolation = isolated
    ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
    : {};
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const dir = dirOf(pathname);
    const file = path.join(dir, pathname);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      const index = path.join(file, 'index.html');
      if (!fs.existsSync(index)) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html', ...isolation });
      return res.end(fs.readFileSync(index));
    }
    res.writeHead(200, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      ...isolation,
    });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function firstStep(context, url, loads = 7) {
  const times = [];
  for (let i = 0; i < loads; i++) {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => window.__lrplay?.ready && !document.querySelector('[data-testid="step"]').disabled,
      null,
      { polling: 'raf' },
    );
    times.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  return median(times);
}

// The runs Play is timed on: the lesson's settings, and the digits trained in mini-batches with
// OneCycleLR stepped per batch (its rate and momentum charts get a point per step).
const PLAYS = [
  { name: 'lesson, 1,000 epochs', hash: 'epochs=1000', last: 1000 },
  { name: 'lesson, 10,000 epochs', hash: 'epochs=10000', last: 10000 },
  {
    name: 'digits, batch 32 (45 steps an epoch), hidden 64,32, SGD momentum 0.9, OneCycleLR per batch, 200 epochs',
    hash: 'dataset=digits&batch_size=32&hidden=64,32&optimizer=sgd&momentum=0.9&scheduler=onecycle&scheduler_step=batch&standardize=true&epochs=200',
    last: 200,
  },
];

/**
 * Play at full speed from epoch 0 for `seconds` (or to the run's end): epochs per second and frame
 * times, with the page thread's long tasks from Chromium's trace.
 */
async function play(context, url, { hash, last }, seconds, { byKind, frameCount, threads }) {
  const page = await context.newPage();
  await page.goto(`${url}#${hash}`);
  await page.waitForFunction(() => window.__lrplay?.ready);
  // The first visit installs the service worker (web/src/pwa.js) once the page is idle: every file
  // of the site fetched and stored, once, on the same two cores. Play is timed after it (at most 10 s
  // of waiting), or the first run timed in a fresh profile would pay for it and the others not.
  await page.evaluate(() =>
    Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, 10000))]),
  );
  await page.selectOption('[data-testid="speed"]', 'Infinity');
  let result;
  // Frames are counted while the run trains: until `ms` have passed or the last epoch is in.
  const tasks = await mainThreadTasks(
    page,
    async () => {
      result = await page.evaluate(
        async ([ms, last, markFrames]) => {
          const frames = [];
          const epoch0 = window.__lrplay.epoch;
          document.querySelector('[data-testid="play"]').click();
          const start = performance.now();
          await new Promise((done) => {
            const tick = (t) => {
              frames.push(t);
              // Marks the frame in the trace (worstFrames() reads them), with the epoch shown then.
              if (markFrames) performance.mark(`lrplay-bench-frame ${window.__lrplay.epoch}`);
              t - start < ms && window.__lrplay.epoch < last ? requestAnimationFrame(tick) : done();
            };
            requestAnimationFrame(tick);
          });
          const seconds = (frames[frames.length - 1] - start) / 1000;
          const epochs = window.__lrplay.epoch - epoch0;
          if (window.__lrplay.epoch < last) document.querySelector('[data-testid="play"]').click();
          const gaps = frames.slice(1).map((t, i) => t - frames[i]);
          gaps.sort((a, b) => a - b);
          return {
            seconds,
            epochs,
            epochsPerSecond: epochs / seconds,
            fps: gaps.length / seconds,
            medianFrameMs: gaps[Math.floor(gaps.length / 2)],
            p95FrameMs: gaps[Math.floor(gaps.length * 0.95)],
            worstFrameMs: gaps[gaps.length - 1],
            drawn: window.__lrplay.chartDrawnCounts(),
            points: window.__lrplay.chartPointCounts(),
          };
        },
        [seconds * 1000, last, frameCount > 0],
      );
    },
    { byKind, events: frameCount > 0, threads },
  );
  const cpu = tasks.map((t) => t.cpu).filter(Number.isFinite);
  await page.close();
  return {
    ...result,
    longTasks: cpu.filter((ms) => ms > 50).length,
    longestTaskMs: Math.max(0, ...cpu),
    // The page thread's own work (thread time, so waiting for a core on a loaded machine is not
    // counted), per frame: what the frame times would be without the load.
    cpuPerFrameMs: cpu.reduce((a, b) => a + b, 0) / (result.fps * result.seconds),
    byKindPerFrameMs:
      tasks.byKind &&
      Object.fromEntries(
        Object.entries(tasks.byKind).map(([k, ms]) => [k, ms / (result.fps * result.seconds)]),
      ),
    worstFrames: frameCount > 0 ? worstFrames(tasks.events, frameCount) : [],
    threadsPerFrameMs:
      tasks.threads &&
      Object.entries(tasks.threads)
        .map(([name, ms]) => [name, ms / (result.fps * result.seconds)])
        .filter(([, ms]) => ms >= 0.05)
        .sort((a, b) => b[1] - a[1]),
  };
}

/**
 * The n longest frames between the bench's own animation-frame marks, each as lines: its place in
 * the run, its length, and every page-thread task in it with the trace events that took its time
 * (thread time, ms; FunctionCall with the function's name and place in the bundle).
 */
function worstFrames(events, n) {
  const marks = events
    .filter((e) => e.name.startsWith('lrplay-bench-frame '))
    .sort((a, b) => a.ts - b.ts);
  const spans = events.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const tasks = spans.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  const ms = (us) => (us / 1000).toFixed(1);
  const name = (e) => {
    const d = e.args?.data;
    if (e.name === 'FunctionCall' && d) {
      const file = (d.url ?? '').split('/').pop();
      return `FunctionCall ${d.functionName || '(anonymous)'} ${file}:${d.lineNumber}:${d.columnNumber}`;
    }
    if (e.name === 'EventDispatch' && d) return `EventDispatch ${d.type}`;
    return e.name;
  };
  const frames = marks.slice(1).map((m, i) => ({
    i,
    start: marks[i].ts,
    end: m.ts,
    epochs: `${marks[i].name.split(' ')[1]} -> ${m.name.split(' ')[1]}`,
  }));
  frames.sort((a, b) => b.end - b.start - (a.end - a.start));
  return frames.slice(0, n).map((f) => {
    // Tasks of under 0.1 ms of thread time are left out of the list (not of the frame's total).
    const inFrame = tasks.filter((t) => t.ts < f.end && t.ts + t.dur > f.start);
    const lines = [
      `frame ${f.i + 1} of ${marks.length - 1} (epoch ${f.epochs}): ${ms(f.end - f.start)} ms, ` +
        `page-thread time ${ms(inFrame.reduce((a, t) => a + (t.tdur ?? t.dur), 0))} ms`,
    ];
    for (const t of inFrame.filter((t) => (t.tdur ?? t.dur) >= 100)) {
      // The events inside the task that took at least 0.3 ms of thread time, outermost first.
      const inside = spans
        .filter(
          (e) =>
            e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && (e.tdur ?? e.dur) >= 300,
        )
        .sort((a, b) => a.ts - b.ts || b.dur - a.dur)
        .map((e) => `${name(e)} ${ms(e.tdur ?? e.dur)}`);
      lines.push(
        `  task at +${ms(t.ts - f.start)} ms: ${ms(t.tdur ?? t.dur)} ms` +
          (inside.length ? `: ${inside.join('; ')}` : ''),
      );
    }
    return lines.join('\n');
  });
}

/** A page of the repository's bench/: epochBlock() (bench/page_epoch.js) loads the core and times it. */
async function epochPage(context, origin) {
  const page = await context.newPage();
  await page.goto(`${origin}/bench/`);
  if (!(await page.evaluate(() => crossOriginIsolated)))
    throw new Error('the epoch page is not cross-origin isolated: its clock steps by 100 µs');
  return page;
}

/**
 * { run, posted, lesson, batch }, each { wall, cpu }, each { median, fastest } µs per epoch of `blocks`
 * blocks of 2,000 epochs, the kinds alternated (bench/page_epoch.js's epochBlock): Run.run(n), the
 * core's epochs and their records in one thread; the same epochs as the page gets them from its
 * worker, the message's clone included; the same for the lesson's own 100-epoch runs, the
 * native loop's epochs; the core's batch alone (not in a build from before the batches). The CPU
 * time of `lesson` blocks includes their untimed resets. cpu: the page thread's CPU time (Chromium's ThreadTime), which
 * waiting for a core on a loaded machine does not stretch.
 */
async function wasmEpoch(page, blocks = 9) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const threadSeconds = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value;
  const block = (kind) =>
    page.evaluate(async (kind) => (await import('/bench/page_epoch.js')).epochBlock(kind), kind);
  await block('run'); // the warm-up
  const kinds = ['run', 'posted', 'lesson'];
  if ((await block('batch')) !== null) kinds.push('batch');
  const times = Object.fromEntries(kinds.map((kind) => [kind, { wall: [], cpu: [] }]));
  for (let b = 0; b < blocks; b++) {
    for (const kind of kinds) {
      const cpu0 = await threadSeconds();
      times[kind].wall.push(await block(kind));
      times[kind].cpu.push((((await threadSeconds()) - cpu0) * 1e6) / 2000);
    }
  }
  await cdp.detach();
  const summary = (xs) => {
    xs.sort((a, b) => a - b);
    return { median: xs[blocks >> 1], fastest: xs[0] };
  };
  const both = ({ wall, cpu }) => ({ wall: summary(wall), cpu: summary(cpu) });
  return Object.fromEntries(kinds.map((kind) => [kind, both(times[kind])]));
}

// The same loop natively (bench/epoch_loop.cpp, as bench/epoch_loop.mjs runs it): { median,
// fastest } µs per epoch of its rounds.
function nativeEpoch() {
  const binary = path.join(root, 'build-bench/bench/lrplay_epoch_loop');
  const out = execFileSync(binary, ['100', '100', '4'], { encoding: 'utf8' });
  const m = /median ([\d.]+) us, min ([\d.]+) us/.exec(out);
  if (!m) throw new Error(`no times in: ${out}`);
  return { median: Number(m[1]), fastest: Number(m[2]) };
}

const s = sizes();
console.log(
  `wasm ${kb(s.wasm.raw)} (gzip ${kb(s.wasm.gzip)}); glue ${kb(s.glue.raw)} (gzip ${kb(s.glue.gzip)}); ` +
    `wasm + glue gzip ${kb(s.wasm.gzip + s.glue.gzip)}; whole JS bundle ${kb(s.bundle.raw)} (gzip ${kb(s.bundle.gzip)})`,
);

const dist = await serve(distDir);
// The bench's own pages from this checkout; the engine, wasm and data from LRPLAY_BENCH_ROOT's.
const engineRoot = path.resolve(process.env.LRPLAY_BENCH_ROOT ?? root);
const repo = await serve(
  root,
  (pathname) => (pathname.startsWith('/bench/') ? root : engineRoot),
  true,
);
const context = await launchChromium();
try {
  const distUrl = `http://127.0.0.1:${dist.address().port}/`;
  const playOnly = process.env.LRPLAY_BENCH_PLAY_ONLY === '1';
  const epochOnly = process.env.LRPLAY_BENCH_EPOCH_ONLY === '1';
  if (!playOnly && !epochOnly)
    console.log(
      `first interactive Step: ${(await firstStep(context, distUrl)).toFixed(0)} ms after navigation (median of 7 loads)`,
    );
  const seconds = Number(process.env.LRPLAY_BENCH_PLAY_SECONDS ?? 20);
  console.log(
    `(machine load average: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')})`,
  );
  // The page thread's time by kind costs a fuller trace (a little more work on that thread).
  const byKind = process.env.LRPLAY_BENCH_PLAY_BY_KIND === '1';
  const frameCount = Number(process.env.LRPLAY_BENCH_PLAY_FRAMES ?? 0);
  const threads = process.env.LRPLAY_BENCH_PLAY_THREADS === '1';
  // LRPLAY_BENCH_PLAY_MATCH: only the runs whose name contains it (e.g. '1,000 epochs').
  const match = process.env.LRPLAY_BENCH_PLAY_MATCH ?? '';
  for (const run of epochOnly ? [] : PLAYS.filter((r) => r.name.includes(match))) {
    const p = await play(context, distUrl, run, seconds, { byKind, frameCount, threads });
    console.log(
      `Play at full speed, ${run.name}: ${p.epochs} epochs in the window, ${p.epochsPerSecond.toFixed(0)} epochs/s, ` +
        `${p.fps.toFixed(1)} frames/s; frame median ${p.medianFrameMs.toFixed(1)} ms, ` +
        `95th percentile ${p.p95FrameMs.toFixed(1)} ms, worst ${p.worstFrameMs.toFixed(1)} ms; ` +
        `page-thread tasks over 50 ms: ${p.longTasks} (longest ${p.longestTaskMs.toFixed(1)} ms of thread time); ` +
        `page-thread time per frame ${p.cpuPerFrameMs.toFixed(1)} ms; ` +
        `points drawn ${JSON.stringify(p.drawn)} of ${JSON.stringify(p.points)}`,
    );
    if (p.byKindPerFrameMs)
      console.log(
        `  page-thread time per frame by kind (fuller trace): ` +
          Object.entries(p.byKindPerFrameMs)
            .map(([k, ms]) => `${k} ${ms.toFixed(1)} ms`)
            .join(', '),
      );
    if (p.threadsPerFrameMs)
      console.log(
        `  thread time per frame, every thread: ` +
          p.threadsPerFrameMs.map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`).join(', '),
      );
    for (const frame of p.worstFrames) console.log(frame);
  }
  if (!playOnly) {
    // Alternated with the native loop, so that both see the same load; LRPLAY_BENCH_EPOCH_PAIRS
    // pairs (3).
    const page = await epochPage(context, `http://127.0.0.1:${repo.address().port}`);
    const pairs = Number(process.env.LRPLAY_BENCH_EPOCH_PAIRS ?? 3);
    for (let i = 0; i < pairs; i++) {
      const wasm = await wasmEpoch(page);
      const native = nativeEpoch();
      const ratio = (t) => `${(t.fastest / native.fastest).toFixed(2)}`;
      const line = (name, { wall, cpu }) =>
        `${name}: wall median ${wall.median.toFixed(1)} µs, fastest ${wall.fastest.toFixed(1)} ` +
        `(${ratio(wall)}x); page-thread CPU median ${cpu.median.toFixed(1)}, fastest ` +
        `${cpu.fastest.toFixed(1)} (${ratio(cpu)}x)`;
      console.log(
        `one epoch: native median ${native.median.toFixed(1)} µs, fastest round ` +
          `${native.fastest.toFixed(1)}; in Chromium ${line('Run.run', wasm.run)}; ` +
          `${line('posted to the page', wasm.posted)}; ` +
          `${line("posted, the lesson's own 100-epoch runs", wasm.lesson)}; ` +
          (wasm.batch ? `${line("the core's batch alone, no records", wasm.batch)}; ` : '') +
          `(x: fastest against native's fastest); ` +
          `load average ${os
            .loadavg()
            .map((l) => l.toFixed(1))
            .join(', ')}`,
      );
    }
    await page.close();
  }
} finally {
  await context.close();
  dist.close();
  repo.close();
}
