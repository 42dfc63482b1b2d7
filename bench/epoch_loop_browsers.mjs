// bench/epoch_loop.cpp's wasm (target lrplay_epoch_loop_web) in headless Chromium and Firefox ESR,
// for bench/epoch_loop.mjs. Each run is a new page (a new instance, compiled and tiered up from
// scratch, as each node run is a new process). The page is cross-origin isolated (COOP and COEP), so
// that performance.now(), which the program's clock reads, steps by 5 µs in Chromium and 20 µs in
// Firefox rather than 100 µs and 1 ms.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { launchChromium, launchFirefox } from '../tests/web/browser.mjs';

// Runs the program's main() with the arguments in the query (?args=a+b+c) and resolves
// window.epochLoopOutput to its printed text once main() has returned.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>epoch loop</title>
<script>
  window.epochLoopOutput = new Promise((resolve, reject) => {
    const out = [];
    window.Module = {
      arguments: new URLSearchParams(location.search).get('args').split(' '),
      print: (line) => out.push(line),
      printErr: (line) => out.push(line),
      postRun: [() => resolve(out.join('\\n'))],
      onAbort: (what) => reject(new Error(String(what))),
    };
  });
</script>
<script src="lrplay_epoch_loop_web.js"></script>
</head><body></body></html>`;

/** Serves PAGE and the program's .js and .wasm from `dir`, cross-origin isolated. */
function serve(dir) {
  const isolated = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  };
  const files = {
    '/lrplay_epoch_loop_web.js': 'text/javascript',
    '/lrplay_epoch_loop_web.wasm': 'application/wasm',
  };
  const server = http.createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname;
    if (name === '/')
      return res.writeHead(200, { ...isolated, 'content-type': 'text/html' }).end(PAGE);
    if (!files[name]) return res.writeHead(404).end();
    res.writeHead(200, { ...isolated, 'content-type': files[name] });
    res.end(fs.readFileSync(path.join(dir, name)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const LAUNCH = { chromium: launchChromium, firefox: launchFirefox };

/**
 * Starts the server and the named browsers ('chromium', 'firefox'); resolves to { run(engine,
 * args): the program's output, versions: { engine: browser version }, close() }.
 */
export async function startBrowsers(engines, wasmDir) {
  for (const file of ['lrplay_epoch_loop_web.js', 'lrplay_epoch_loop_web.wasm'])
    if (!fs.existsSync(path.join(wasmDir, file)))
      throw new Error(
        `${path.join(wasmDir, file)} is missing: cmake --build build-wasm --target lrplay_epoch_loop_web`,
      );
  const server = await serve(wasmDir);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browsers = {};
  const versions = {};
  try {
    for (const engine of engines) {
      browsers[engine] = await LAUNCH[engine]();
      // playwright's persistent context (Chromium) or puppeteer's browser (Firefox)
      const browser = browsers[engine].browser?.() ?? browsers[engine];
      versions[engine] = await browser.version();
    }
  } catch (error) {
    await Promise.all(Object.values(browsers).map((b) => b.close()));
    server.close();
    throw error;
  }
  return {
    versions,
    async run(engine, args) {
      const page = await browsers[engine].newPage();
      try {
        await page.goto(`${url}?args=${encodeURIComponent(args.join(' '))}`);
        const isolated = await page.evaluate(() => crossOriginIsolated);
        if (!isolated) throw new Error(`${engine}: the page is not cross-origin isolated`);
        return await page.evaluate(() => window.epochLoopOutput);
      } finally {
        await page.close();
      }
    },
    async close() {
      await Promise.all(Object.values(browsers).map((b) => b.close()));
      server.close();
    },
  };
}
