// What in floor (c) (bench/start_floor.mjs: the built index.html's content and CSS, a wasm worker,
// none of the page's scripts) delays its first paint past floor (b)'s (a button and the worker): floor
// (c) with one thing taken out per variant, timed as start_floor times the floors (bench/cold-load.mjs,
// each load of each variant in turn), with floors (b) and (c) themselves in the rotation. Never shipped.
// `npm run build` first; then
//   node bench/start_floor_variants.mjs [loads] [variant...]   (default 9 loads; all variants)
// LRPLAY_COLD as for start_floor. Timings depend on the machine's load: note it with them. Besides
// the first paint, each variant's medians split it (cold-load.mjs's marks): the stylesheet's arrival,
// the first frame's start (its first requestAnimationFrame callback), the end of that frame's style
// and layout (a ResizeObserver's first callback), and from there to the paint (the frame's paint,
// raster and the compositor's frame).
// For thread times, trace one variant: LRPLAY_WRITE=dir node bench/start_floor_variants.mjs, then
// LRPLAY_TRACE_SUMMARY=1 LRPLAY_DIST=dir/<variant> node bench/start_trace.mjs (its last line).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeColdLoads, coldKind, coldLoad, median } from './cold-load.mjs';
import { builtWasm, floorC, writeFloorB } from './start-floor/floors.mjs';
import { serve } from '../tests/web/static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.env.LRPLAY_DIST ?? path.join(root, 'dist'));
const loads = Number(process.argv[2] ?? 9);

/** The element that starts at `open` (a regular expression for its start tag), whole. */
function element(html, open) {
  const start = html.search(open);
  if (start < 0) throw new Error(`no ${open} in floor (c)`);
  const tag = /^<([a-z0-9]+)/.exec(html.slice(start))[1];
  const tags = new RegExp(`<(/?)${tag}[\\s>]`, 'g');
  tags.lastIndex = start;
  let depth = 0;
  for (let m; (m = tags.exec(html));) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, html.indexOf('>', m.index) + 1);
  }
  throw new Error(`${open} is not closed`);
}

/** `html` without `what` (a string or a regular expression), which must be there. */
function without(html, what) {
  const out = html.replace(what, '');
  if (out === html) throw new Error(`variant: nothing to take out for ${what}`);
  return out;
}

/** `html` with its CSP's script-src hashes made those of its inline scripts, as they now are. */
function rehash(html) {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, source]) => `'sha256-${crypto.createHash('sha256').update(source).digest('base64')}'`,
  );
  return html.replace(
    /(script-src 'self' 'wasm-unsafe-eval')( 'sha256-[^']+')+/,
    `$1 ${hashes.join(' ')}`,
  );
}

/** `html`, with `rules` added at the end of the site's stylesheet in `dir`. */
function withCss(html, dir, rules) {
  const assets = path.join(dir, 'assets');
  const css = fs.readdirSync(assets).find((f) => /^index-[^/]+\.css$/.test(f));
  fs.appendFileSync(path.join(assets, css), rules);
  return html;
}

// The cards below the status line, empty boxes about their height at 1280x800; what is below them.
const CARDS_HIDDEN =
  '[data-starting] .panels>.card{content-visibility:hidden;contain-intrinsic-size:auto 320px}' +
  '[data-starting] .playground #console-card{content-visibility:hidden;contain-intrinsic-size:auto 134px}';
const BELOW_CARDS = '.share-card,#lr-find,.settings';

// A Step button for the variants that take the toolbar out: cold-load waits for it to be enabled.
const hiddenStep = '<button type="button" data-testid="step" disabled hidden>Step</button>';

/** Floor (c)'s index.html, changed by each variant. */
const VARIANTS = {
  c: (html) => html,
  'no-css': (html) => without(html, /<link rel="stylesheet"[^>]*>/),
  'no-theme-init': (html) => without(html, /<script>[^<]*lrplay\.theme[^<]*<\/script>/),
  'no-starting': (html) => without(html, ' data-starting'),
  'no-svg': (html) => without(html, /<svg[\s\S]*?<\/svg>/g),
  'no-manifest': (html) =>
    without(without(html, /<link rel="manifest"[^>]*>/), /<link rel="apple-touch-icon"[^>]*>/),
  'no-csp': (html) => without(html, /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/),
  // The worker answers at once, with no wasm to fetch and compile alongside the first frame.
  'idle-worker': (html, dir) => {
    fs.writeFileSync(
      path.join(dir, 'floor/idle-worker.js'),
      "self.onmessage = () => self.postMessage('ready');\n",
    );
    const idle = html.replace("'./floor/worker.js'", "'./floor/idle-worker.js'");
    if (idle === html) throw new Error('variant: no worker to make idle');
    return rehash(idle);
  },
  // The theme's script ahead of the stylesheet: the parser no longer waits for the stylesheet there.
  'theme-first': (html) => {
    const theme = /<script>[^<]*lrplay\.theme[^<]*<\/script>/.exec(html)[0];
    const style = /<link rel="stylesheet"[^>]*>/.exec(html)[0];
    return without(html, theme).replace(style, `${theme}\n    ${style}`);
  },
  // The lesson's section in index.html laid out from the start, not content-visibility: auto: on
  // screen, Chromium lays the page out without it, finds it visible and lays it out again.
  'first-section-shown': (html, dir) => {
    const assets = path.join(dir, 'assets');
    const css = fs.readdirSync(assets).find((f) => /^index-[^/]+\.css$/.test(f));
    const text = fs.readFileSync(path.join(assets, css), 'utf8');
    const rule = '[data-starting] .lesson-section{';
    if (!text.includes(rule)) throw new Error('variant: no start-up rule for the lesson sections');
    fs.writeFileSync(
      path.join(assets, css),
      text.replace(rule, '[data-starting] .lesson-section:not(:first-of-type){'),
    );
    return html;
  },
  // The playground's cards below the status line (the charts, the scheduler state, the output card)
  // empty boxes of a reserved height in the first frame: content-visibility: hidden skips their
  // contents' style, layout and paint. The bound on what leaving the cards out of the first frame
  // can save. (#console-card: the start-up's content-visibility: auto rule for it is more specific.)
  'cards-hidden': (html, dir) => withCss(html, dir, CARDS_HIDDEN),
  // No playground cards at all in the first frame (not a page a learner could see): what the
  // panels cost, boxes and all.
  'panels-none': (html, dir) => withCss(html, dir, '[data-starting] .panels{display:none}'),
  // The playground's content-visibility: auto parts below the cards (share, learning-rate finder,
  // settings) not there at all: whether the first frame skips them as it should.
  'below-none': (html, dir) =>
    withCss(html, dir, `[data-starting] .playground :is(${BELOW_CARDS}){display:none}`),
  // All of the playground below the status line hidden (cards-hidden, and content-visibility:
  // hidden for below-none's parts): the bound on the whole of it that the page could leave out.
  'below-status-hidden': (html, dir) =>
    withCss(
      html,
      dir,
      `${CARDS_HIDDEN}[data-starting] .playground :is(${BELOW_CARDS}){content-visibility:hidden}`,
    ),
  // The stylesheet inline (a <style> the CSP allows by its hash): no fetch to wait for.
  'css-inline': (html, dir) => {
    const link = /<link rel="stylesheet"[^>]*href="\.\/([^"]+)"[^>]*>/.exec(html);
    const css = fs.readFileSync(path.join(dir, link[1]), 'utf8');
    const hash = crypto.createHash('sha256').update(css).digest('base64');
    const inline = html.replace(link[0], () => `<style>${css}</style>`);
    return inline.replace("style-src 'self'", `style-src 'self' 'sha256-${hash}'`);
  },
  // The stylesheet empty: what its fetch and the wait for it cost alone.
  'css-empty': (html, dir) => {
    fs.writeFileSync(path.join(dir, 'assets/empty.css'), '');
    return html.replace(/(<link rel="stylesheet"[^>]*href=")[^"]+"/, '$1./assets/empty.css"');
  },
  'toolbar-only': (html) => {
    const toolbar = element(html, /<div class="toolbar"/);
    const body = element(html, /<body[\s>]/);
    return html.replace(
      body,
      `<body><main class="layout"><section id="playground" class="playground"><div class="controls">` +
        `${toolbar}</div></section></main></body>`,
    );
  },
  'lesson-only': (html) =>
    html
      .replace(element(html, /<section id="playground"/), '')
      .replace('</main>', `</main>${hiddenStep}`),
  'playground-only': (html) => html.replace(element(html, /<article id="lesson"/), ''),
};

const chosen = process.argv.slice(3);
for (const name of chosen) if (!(name in VARIANTS)) throw new Error(`no variant ${name}`);
const names = ['b', ...(chosen.length ? chosen : Object.keys(VARIANTS))];

// LRPLAY_WRITE=dir: only write the variants' sites there (for LRPLAY_DIST=dir/<variant> node
// bench/start_trace.mjs), no timing.
const written = process.env.LRPLAY_WRITE;
const site = written
  ? (fs.mkdirSync(written, { recursive: true }), path.resolve(written))
  : fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-floor-variants-'));
const wasm = builtWasm(dist);
writeFloorB(path.join(site, 'b'), wasm);
const html = floorC(fs.readFileSync(path.join(dist, 'index.html'), 'utf8'));
for (const name of names.slice(1)) {
  const dir = path.join(site, name);
  fs.cpSync(dist, dir, { recursive: true });
  writeFloorB(path.join(dir, 'floor'), wasm);
  fs.rmSync(path.join(dir, 'floor/index.html'));
  fs.writeFileSync(path.join(dir, 'index.html'), VARIANTS[name](html, dir));
}

if (written) process.exit(0);
const server = await serve(site);
try {
  const url = (name) => `http://127.0.0.1:${server.address().port}/${name}/`;
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  await coldLoad(url('b')); // the first cold load of a run is slower whatever it loads
  for (let i = 0; i < loads; i++)
    for (const name of [...names.slice(i % names.length), ...names.slice(0, i % names.length)])
      runs[name].push(await coldLoad(url(name)));
  const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)}` : '-');
  const mark = (r, m) => r.marks.find(([n]) => n === m)?.[1];
  console.log(
    `cold loads (${coldKind === 'browser' ? 'a browser started for each' : 'a fresh context each in one running browser'}), ` +
      `medians of ${loads}, ms after navigation: worker started, stylesheet in, DOMContentLoaded, ` +
      `first frame, its layout done, first paint; first usable Step; then medians of the loads' ` +
      `spans: stylesheet in to first frame, the frame's style and layout, its end to the paint`,
  );
  for (const name of names) {
    const r = runs[name].map((x) => {
      const at = (m) => mark(x, m);
      return {
        worker: at('worker-start'),
        css: at('(stylesheets in)'),
        dcl: at('(DOMContentLoaded)'),
        frame: at('(first frame)'),
        laidOut: at('(first frame laid out)'),
        paint: at('(first paint)'),
        step: x.step,
        cssToFrame: at('(first frame)') - at('(stylesheets in)'),
        styleLayout: at('(first frame laid out)') - at('(first frame)'),
        toPaint: at('(first paint)') - at('(first frame laid out)'),
      };
    });
    const cols = ['worker', 'css', 'dcl', 'frame', 'laidOut', 'paint', 'step'];
    const spans = ['cssToFrame', 'styleLayout', 'toPaint'];
    console.log(
      `${name.padEnd(16)} ${cols.map((c) => `${c} ${ms(median(r, c)).padStart(4)}`).join('  ')} | ` +
        `${spans.map((c) => `${c} ${ms(median(r, c)).padStart(4)}`).join('  ')}  ` +
        `(paints: ${r.map((x) => ms(x.paint)).join(' ')})`,
    );
  }
} finally {
  await closeColdLoads();
  server.close();
  fs.rmSync(site, { recursive: true, force: true });
}
