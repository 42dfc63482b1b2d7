// End-to-end tests of the page's practice exercises, links, exports, keyboard shortcuts and
// accessibility, in headless Chromium against the built page (dist/): `npm run build`, then
// `node --test tests/web/practice.test.mjs`. Screenshots go to test-results/practice-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  act,
  browserContext,
  click,
  enter,
  openApp,
  root,
  select,
  shots,
  text,
  useBrowser,
} from './browser.mjs';
import { Run } from '../../web/src/engine/lrplay.js';
import { nodeCore } from './node-core.mjs';
import { readGolden } from './golden.mjs';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

useBrowser();

const byId = (id) => `[data-testid="${id}"]`;

async function runToEnd(page, epochs = 100) {
  await click(page, 'run-all');
  assert.equal(await text(page, 'epoch'), String(epochs));
}

/** Clicks `testid` n times (Step, Step 10), each answered, and checks the epoch it ends at. */
async function stepTo(page, testid, n, epoch) {
  for (let i = 0; i < n; i++) await click(page, testid);
  assert.equal(await text(page, 'epoch'), String(epoch));
}

/** Clicks `testid` and returns the download: { name, bytes }. */
async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(byId(testid))]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

function parseCsv(textBody) {
  const [header, ...rows] = textBody.trim().split('\n');
  return { header, rows: rows.map((l) => l.split(',').map(Number)) };
}

// The project's tolerances (tests/golden/README.md): lr 1e-12 relative, val_acc exact, losses 1e-4
// relative (1e-6 absolute below 1e-2).
function assertLossClose(actual, expected, what) {
  const ok =
    Math.abs(expected) < 1e-2
      ? Math.abs(actual - expected) <= 1e-6
      : Math.abs(actual - expected) <= 1e-4 * Math.abs(expected);
  assert.ok(ok, `${what}: ${actual} vs ${expected}`);
}

test('a copied link reproduces the settings and the first epochs', async () => {
  await browserContext().grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page, problems } = await openApp();
  await select(page, 'scheduler', 'step');
  await enter(page, 'param-step_size', '7');
  await enter(page, 'param-gamma', '0.5');
  await act(page, () => page.check(byId('param-standardize')));
  await enter(page, 'param-lr', '0.05');
  assert.match(await page.evaluate(() => location.hash), /lr=0\.05/);
  await stepTo(page, 'step', 8, 8);
  const first = await download(page, 'export-csv');
  assert.equal(first.name, 'lrplay-step-seed5.csv');

  await page.click(byId('copy-link'));
  await page.waitForFunction(
    () => document.querySelector('[data-testid="copy-link-note"]').textContent === 'Copied',
  );
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, page.url());
  assert.match(link, /#/);

  const again = await openApp(DESKTOP, new URL(link).hash);
  const form = async (p) =>
    p.evaluate(() =>
      [...document.querySelectorAll('#settings [name]')].map((el) =>
        el.type === 'checkbox' ? `${el.name}=${el.checked}` : `${el.name}=${el.value}`,
      ),
    );
  assert.deepEqual(await form(again.page), await form(page));
  assert.equal(await again.page.isChecked(byId('param-standardize')), true);
  assert.equal(await again.page.inputValue(byId('param-step_size')), '7');
  assert.match(await text(again.page, 'status'), /from the link/);
  assert.equal(await again.page.isHidden(byId('link-notice')), true);
  await stepTo(again.page, 'step', 8, 8);
  const second = await download(again.page, 'export-csv');
  assert.equal(second.bytes.toString(), first.bytes.toString(), 'same first epochs, same numbers');
  assert.equal(parseCsv(second.bytes.toString()).rows.length, 8);
  assert.deepEqual([...problems, ...again.problems], []);
  await again.page.close();
  await page.close();
});

test('hostile or broken links fall back to defaults with a notice naming what was ignored', async () => {
  const cases = [
    ['#lr=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E&bogus=1', ['lr', 'bogus'], { lr: '0.1' }],
    ['#lr=<img src=x onerror=window.pwned=1>', ['lr'], { lr: '0.1' }],
    ['#scheduler=warp&patience=3', ['scheduler'], { scheduler: 'plateau', patience: '3' }],
    ['#factor=1&patience=4', ['factor'], { factor: '0.1', patience: '4' }],
    ['#patience=%E0%A4%A&%%%=%zz&seed=%', ['patience', '%%%', 'seed'], { patience: '10' }],
    [`#lr=${'9'.repeat(5000)}`, ['the whole link'], { lr: '0.1' }],
    ['#__proto__=1&constructor=x&epochs=20&epochs=30', ['__proto__', 'constructor', 'epochs'], {}],
  ];
  for (const [hash, named, expected] of cases) {
    const { page, problems } = await openApp(DESKTOP, hash);
    await page.waitForSelector(`${byId('link-notice')}:not([hidden])`);
    const notice = await page.textContent(byId('link-notice'));
    for (const key of named) assert.ok(notice.includes(key), `${hash}: notice names ${key}`);
    for (const [key, value] of Object.entries(expected)) {
      const id = key === 'scheduler' ? 'scheduler' : `param-${key}`;
      assert.equal(await page.inputValue(byId(id)), value, `${hash}: ${key}`);
    }
    assert.equal(
      await page.locator('img, #playground script').count(),
      0,
      'no markup from the link',
    );
    assert.equal(await page.evaluate(() => window.pwned), undefined, 'nothing from the link ran');
    await stepTo(page, 'step', 1, 1);
    await page.click(`${byId('link-notice')} button`);
    await page.waitForSelector(byId('link-notice'), { state: 'hidden' });
    assert.deepEqual(problems, [], hash);
    await page.close();
  }
});

test('an exercise fails with the defaults, passes after the right change, and progress persists', async () => {
  const { page, problems } = await openApp();
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForFunction(() => window.__lrplay?.ready === true);
  assert.equal(await text(page, 'practice-progress'), '0 of 12 done');

  await runToEnd(page);
  await page.click(byId('check-above-90'));
  assert.match(await text(page, 'result-above-90'), /^Not yet\. .*38\.9%/);
  await act(page, () => page.check(byId('param-standardize')));
  assert.equal(await text(page, 'epoch'), '0', 'a new run');
  await runToEnd(page);
  await page.click(byId('check-above-90'));
  assert.match(await text(page, 'result-above-90'), /^Passed\. .*standardize.*97\.2%/);
  assert.equal(await text(page, 'practice-progress'), '1 of 12 done');
  assert.equal(await page.getAttribute(byId('exercise-above-90'), 'data-done'), 'true');

  // A prediction typed before training, checked against the run's rate after epoch 45.
  // The planned-rate preview would show the answer, so loading the exercise covers it, until the
  // run leaves the exercise's settings or the prediction has been checked.
  const loadStep = `${byId('exercise-steplr-45')} button[data-preset="steplr"]`;
  assert.equal(await page.isVisible('#preview-chart'), true);
  await act(page, () => page.click(loadStep));
  assert.equal(await page.isVisible('#preview-chart'), false, 'preview covered');
  await select(page, 'scheduler', 'exp');
  await page.waitForSelector('#preview-chart', { state: 'visible' });
  await page.fill(byId('answer-steplr-45'), '0.01');
  await act(page, () => page.click(loadStep));
  assert.equal(await page.isVisible('#preview-chart'), false, 'preview covered');
  assert.equal(await page.isVisible('#preview figcaption'), false, 'caption covered');
  assert.match(await text(page, 'preview-cover'), /asks for your prediction/);
  await page.click(byId('check-steplr-45'));
  assert.match(await text(page, 'result-steplr-45'), /^Not yet\. .*epoch 0 of 100/);
  await stepTo(page, 'step-10', 5, 50);
  assert.equal(await page.isVisible('#preview-chart'), false, 'covered until checked');
  await page.click(byId('check-steplr-45'));
  assert.match(await text(page, 'result-steplr-45'), /^Passed\. .*0\.01/);
  assert.equal(await page.isVisible('#preview-chart'), true, 'uncovered after the check');
  assert.equal(await text(page, 'practice-progress'), '2 of 12 done');

  await page.reload();
  await page.waitForFunction(() => window.__lrplay?.ready === true);
  assert.equal(await text(page, 'practice-progress'), '2 of 12 done');
  assert.equal(await page.getAttribute(byId('exercise-steplr-45'), 'data-done'), 'true');
  assert.equal(await page.inputValue(byId('answer-steplr-45')), '0.01');

  await page.click(byId('practice-reset'));
  assert.equal(await text(page, 'practice-progress'), '0 of 12 done');
  await page.reload();
  await page.waitForFunction(() => window.__lrplay?.ready === true);
  assert.equal(await text(page, 'practice-progress'), '0 of 12 done');

  for (const stored of [
    '{not json',
    '[1,2]',
    '{"done":"above-90"}',
    '{"done":[7,"nope"]}',
    'null',
  ]) {
    await page.evaluate((v) => localStorage.setItem('lrplay.practice.v1', v), stored);
    await page.reload();
    await page.waitForFunction(() => window.__lrplay?.ready === true);
    assert.equal(await text(page, 'practice-progress'), '0 of 12 done', stored);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the patience and divergence exercises read the run and the visit', async () => {
  const { page, problems } = await openApp();
  await stepTo(page, 'step-10', 3, 30);
  await page.click(byId('check-patience-25'));
  assert.match(await text(page, 'result-patience-25'), /after epoch 27 .*2 epochs too late/);
  await enter(page, 'param-patience', '8');
  assert.equal(await text(page, 'epoch'), '0', 'a new run');
  await stepTo(page, 'step-10', 3, 30);
  await page.click(byId('check-patience-25'));
  assert.match(await text(page, 'result-patience-25'), /^Passed\. .*patience 8/);

  await page.click(byId('check-diverge-reset'));
  assert.match(await text(page, 'result-diverge-reset'), /^Not yet\. No divergence/);
  // 1e15 on raw features explodes (seed 5: 2.46e30 at epoch 2) but never stops being finite.
  await enter(page, 'param-lr', '1e15');
  await runToEnd(page);
  await page.click(byId('check-diverge-reset'));
  assert.match(
    await text(page, 'result-diverge-reset'),
    /^Not yet\. At lr 1e15 the loss explodes \(training loss 2\.46e30 at epoch 2\).*not a divergence/,
  );
  await enter(page, 'param-lr', '1e18');
  await click(page, 'run-all');
  assert.match(await text(page, 'status'), /Diverged/);
  await page.click(byId('check-diverge-reset'));
  assert.match(await text(page, 'result-diverge-reset'), /Now press Reset/);
  await click(page, 'reset');
  assert.equal(await text(page, 'epoch'), '0');
  await page.click(byId('check-diverge-reset'));
  assert.match(await text(page, 'result-diverge-reset'), /^Passed\. After diverging at epoch 2/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('help texts show the split sizes of the run on screen', async () => {
  const { page, problems } = await openApp();
  assert.match(await page.textContent('#help-epochs'), /training wines \(142 here\)/);
  assert.match(await page.textContent('#help-test_size'), /validation \(36 here\)/);
  await page.click('details.advanced summary');
  await page.fill(byId('param-test_size'), '0.5');
  await page.press(byId('param-test_size'), 'Enter');
  await page.waitForFunction(() =>
    document.getElementById('help-epochs').textContent.includes('(89 here)'),
  );
  assert.match(await page.textContent('#help-test_size'), /validation \(89 here\)/);
  // The words follow the data set too: iris's rows are flowers, in the help and the captions.
  await select(page, 'param-dataset', 'iris');
  assert.match(await page.textContent('#help-epochs'), /training flowers \(75 here\)/);
  assert.match(await page.textContent('#help-split_seed'), /which flowers land/);
  assert.match(await page.textContent('figure:has(#loss-chart) .caption'), /75 training\s+flowers/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the CSV export is the run, and the default run matches the PyTorch golden file', async () => {
  const { page, problems } = await openApp();
  await runToEnd(page);
  const csv = await download(page, 'export-csv');
  assert.equal(csv.name, 'lrplay-plateau-seed5.csv');
  const body = csv.bytes.toString();

  // The same wasm core in node, the same run: the page shows the core's CSV text unchanged.
  const core = await nodeCore();
  const run = new Run(core, {}, fs.readFileSync(path.join(root, 'data/wine.csv'), 'utf8'));
  run.run(100);
  assert.equal(body, run.csv());
  run.dispose();

  const golden = readGolden(path.join(root, 'tests/golden/train_lesson_seed5.csv'));
  const ours = parseCsv(body);
  assert.equal(ours.header, golden.header);
  assert.equal(ours.rows.length, golden.rows.length);
  ours.rows.forEach(([epoch, trainLoss, valLoss, valAcc, lr], i) => {
    const g = golden.rows[i];
    assert.equal(epoch, g[0]);
    assertLossClose(trainLoss, g[1], `epoch ${epoch} train_loss`);
    assertLossClose(valLoss, g[2], `epoch ${epoch} val_loss`);
    // Exactly the same float32 (the core writes its shortest text, the golden file %.9g).
    assert.equal(Math.fround(valAcc), Math.fround(g[3]), `epoch ${epoch} val_acc`);
    assert.ok(Math.abs(lr - g[4]) <= 1e-12 * Math.abs(g[4]), `epoch ${epoch} lr ${lr} vs ${g[4]}`);
  });
  assert.match(body, /^1,10\.803728,17\.591867,0\.22222222,0\.1$/m);

  for (const chart of ['loss', 'lr', 'acc']) {
    const png = await download(page, `export-png-${chart}`);
    assert.equal(png.name, `lrplay-plateau-seed5-${chart}.png`);
    assert.deepEqual(
      [...png.bytes.subarray(0, 8)],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    );
    assert.ok(png.bytes.length > 2000, `${chart}: a real picture, ${png.bytes.length} bytes`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard: Space steps, P plays and pauses, R resets; not while typing; charts are described', async () => {
  const { page, problems } = await openApp();
  await page.locator('h1').click(); // focus on the page, not on a control
  await act(page, () => page.keyboard.press('Space'));
  assert.equal(await text(page, 'epoch'), '1');
  await act(page, () => page.keyboard.press('Space'));
  assert.equal(await text(page, 'epoch'), '2');
  // The descriptions follow the charts at most every 250 ms (views/summaries.js): wait for epoch 2's.
  await page.waitForFunction(() =>
    document.querySelector('#lr-chart').getAttribute('aria-label').includes('after epoch 2'),
  );
  assert.match(
    await page.getAttribute('#loss-chart', 'aria-label'),
    /^Loss after epoch 2: train [\d.]+, validation [\d.]+/,
  );
  assert.match(await page.getAttribute('#acc-chart', 'aria-label'), /after epoch 2: \d+\.\d%/);
  assert.match(
    await page.getAttribute('#lr-chart', 'aria-label'),
    /after epoch 2: 0\.1; no change/,
  );

  await page.selectOption(byId('speed'), '30');
  await page.locator('h1').click();
  await page.keyboard.press('p');
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="epoch"]').textContent) >= 5,
  );
  await act(page, () => page.keyboard.press('P'));
  assert.equal(await page.getAttribute(byId('play'), 'aria-pressed'), 'false');
  const paused = await text(page, 'epoch');
  await act(page, () => page.keyboard.press('r'));
  assert.equal(await text(page, 'epoch'), '0');
  assert.notEqual(paused, '0');

  await page.click(byId('param-seed'));
  await page.keyboard.type(' rp');
  assert.equal(await page.inputValue(byId('param-seed')), '5 rp');
  assert.equal(await text(page, 'epoch'), '0', 'typing in a field does not train');
  await page.fill(byId('param-seed'), '5');

  // Every control is reachable with Tab.
  await page.locator('h1').click();
  const reached = new Set();
  for (let i = 0; i < 140; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement?.dataset?.testid ?? ''));
  }
  for (const id of [
    'reset',
    'step',
    'step-10',
    'play',
    'speed',
    'run-all',
    'copy-link',
    'export-csv',
    'export-png-lr',
    'check-above-90',
    'practice-reset',
    'answer-steplr-45',
  ])
    assert.ok(reached.has(id), `Tab reaches ${id}`);
  await page.focus(byId('step'));
  await act(page, () => page.keyboard.press('Enter'));
  assert.equal(await text(page, 'epoch'), '1');
  assert.match(await text(page, 'keyboard-help'), /Space.*step.*P.*R.*reset/s);
  assert.deepEqual(problems, []);
  await page.close();
});

test('axe-core finds no serious or critical problems after a run, at desktop and phone sizes', async () => {
  const axeSource = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    const { page, problems } = await openApp(viewport);
    await runToEnd(page);
    await page.click(byId('check-above-90'));
    await page.click(`${byId('exercise-above-90')} summary`);
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document);
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, [], name);
    await page.locator('#practice').screenshot({ path: path.join(shots, `practice-${name}.png`) });
    await page.screenshot({ path: path.join(shots, `practice-page-${name}.png`) });
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('CosineAnnealingLR and LinearLR: offered, explained, scripted, and reasoned by the core', async () => {
  const { page, problems } = await openApp();
  const options = await page.$$eval(`${byId('scheduler')} option:not([disabled])`, (os) =>
    os.map((o) => o.value),
  );
  assert.deepEqual(options, [
    'plateau',
    'step',
    'exp',
    'cosine',
    'linear',
    'multistep',
    'constant',
    'poly',
    'cosine-restarts',
    'cyclic',
    'onecycle',
  ]);

  await select(page, 'scheduler', 'cosine');
  assert.equal(await page.evaluate(() => location.hash), '#scheduler=cosine');
  assert.equal(await page.inputValue(byId('param-t_max')), '100');
  assert.equal(await page.inputValue(byId('param-eta_min')), '0');
  assert.equal(await page.isHidden(byId('param-patience')), true);
  assert.match(
    await text(page, 'script'),
    /lr_scheduler\.CosineAnnealingLR\(optimizer, T_max=100\)$/m,
  );
  await stepTo(page, 'step', 3, 3);
  assert.match(await text(page, 'plateau-state'), /3 \/ 100/);
  assert.match(await text(page, 'plateau-state'), /CosineAnnealingLR.*half a cosine/s);
  assert.match(await text(page, 'changes'), /follows half a cosine from 0\.1 to eta_min = 0/);

  await select(page, 'scheduler', 'linear');
  assert.equal(await page.inputValue(byId('param-start_factor')), '0.3333333333333333');
  assert.equal(await page.inputValue(byId('param-total_iters')), '5');
  await enter(page, 'param-start_factor', '0.1');
  assert.match(await page.evaluate(() => location.hash), /start_factor=0\.1/);
  assert.match(
    await text(page, 'script'),
    /lr_scheduler\.LinearLR\(optimizer, start_factor=0\.1\)$/m,
  );
  assert.match(
    await page.textContent('#preview figcaption'),
    /Epoch 1 itself trains at 0\.01, not at lr = 0\.1: building the LinearLR already set the rate\./,
  );
  assert.match(await text(page, 'plateau-state'), /Epoch 1 trains at\s*0\.01/);
  assert.equal(await text(page, 'lr'), '0.01');
  await stepTo(page, 'step', 1, 1);
  assert.match(
    await text(page, 'status'),
    /LinearLR raised the rate at epoch 1 \(0\.01 → 0\.028\)/,
  );

  // The exercise about warm-up passes once the ramp is 10 epochs long.
  await enter(page, 'param-total_iters', '10');
  await stepTo(page, 'step-10', 1, 10);
  await page.click(byId('check-linear-warmup'));
  assert.match(await text(page, 'result-linear-warmup'), /^Passed\. /);
  assert.deepEqual(problems, []);
  await page.close();
});
