// The page's epoch against TensorFlow.js 4.22's (issue 11: at least 30x faster than TF.js's fastest
// idiomatic epoch of the same model in the same page, wasm backend). In ONE headless Chromium page
// (bench/tfjs.html, served from the repository root):
//   - the page's epoch: the built wasm core stepped as the page's worker steps it (one record per
//     epoch, ReduceLROnPlateau's outlook attached; bench/wasm_epoch.js), on the lesson's settings;
//   - TF.js training the same model (the core's settings: Wine, the same split, MLP 13-10-10-3 with
//     ReLU, cross-entropy on logits, full-batch Adam at the lesson's lr and eps, a validation pass
//     per epoch, the three numbers read back into a record) in each idiom of bench/tfjs_page.js,
//     from PyTorch's initial weights. TF.js has no ReduceLROnPlateau: its epochs leave the
//     scheduler's step out (a few comparisons in the core's epoch).
// Before timing, each idiom is checked: its first 10 epochs against PyTorch's
// (tests/golden/train_plateau_seed0.csv), and its validation accuracy after 100 epochs on
// standardized features. Then, after a warm-up, 9 rounds of a block of core epochs and a block of
// the idiom's, so both see the same load: medians of the blocks' µs per epoch and of the rounds'
// ratios.
// The wasm backend runs with SIMD and without threads: threads need a cross-origin isolated page
// (the shipped page is not, and this one is not either).
// Prerequisites, from a fresh clone: `npm ci && npm run build` (the wasm in web/src/wasm/). Then
//   node bench/tfjs_bench.mjs            # wasm backend; TFJS_BACKENDS=wasm,cpu adds TF.js's cpu one
// A benchmark, not a test: scripts/test.sh does not run it. Note the machine's load with the numbers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/web/browser.mjs';
import { serve } from '../tests/web/static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!fs.existsSync(path.join(root, 'web/src/wasm/lrplay.wasm')))
  throw new Error(
    'web/src/wasm/lrplay.wasm is missing: run `npm run build` (or `npm run wasm`) first',
  );
const backends = (process.env.TFJS_BACKENDS ?? 'wasm').split(',');
const AIM = 30; // issue 11: the page's epoch at least 30x faster than TF.js's fastest (wasm backend)

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
const server = await serve(root);
const context = await launchChromium();
try {
  const page = await context.newPage();
  page.setDefaultTimeout(0);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/bench/tfjs.html`);
  const inPage = (fn, arg) =>
    page.evaluate(
      async ([name, a]) => (await import('/bench/tfjs_page.js'))[name](...a),
      [fn, arg],
    );
  const idioms = await page.evaluate(async () =>
    Object.keys((await import('/bench/tfjs_page.js')).IDIOMS),
  );
  const tfVersion = await page.evaluate(() => tf.version_core);
  const cdp = await context.newCDPSession(page);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  console.log(`${product} (headless Chromium), TF.js ${tfVersion}; load average ${load()}`);

  const wasm = [];
  for (const backend of backends) {
    const flags = await inPage('useBackend', [backend]);
    console.log(`TF.js ${JSON.stringify(flags)}`);
    for (const idiom of idioms) {
      const c = await inPage('check', [idiom]);
      const t = await inPage('timeAgainstCore', [idiom]);
      if (backend === 'wasm') wasm.push({ idiom, ...t });
      console.log(
        `  ${idiom}: ${t.micros.toFixed(0)} µs/epoch; the page's epoch in the same rounds ` +
          `${t.coreMicros.toFixed(1)} µs: ${t.ratio.toFixed(0)}x (tensors ${t.tensorsBefore} -> ${t.tensorsAfter}); ` +
          `first ${c.epochs} epochs vs PyTorch: losses within ${c.maxLossDiff.toExponential(1)} relative, ` +
          `accuracies ${c.accuraciesMatch ? 'equal' : 'DIFFER'}; standardized, validation accuracy after ` +
          `100 epochs ${(c.standardizedValAcc * 100).toFixed(1)}%`,
      );
    }
  }
  // Fastest relative to the core in the same rounds (so a change of load between idioms cannot pick it).
  const fastest = wasm.sort((a, b) => a.ratio - b.ratio)[0];
  if (fastest)
    console.log(
      `fastest TF.js idiom (wasm backend): ${fastest.idiom}, ${fastest.micros.toFixed(0)} µs/epoch; ` +
        `the page's epoch ${fastest.coreMicros.toFixed(1)} µs; ${fastest.ratio.toFixed(0)}x ` +
        `(aim: at least ${AIM}x); load average ${load()}`,
    );
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
} finally {
  await context.close();
  server.close();
}
