// End-to-end tests of the built page (dist/) in headless Chromium: the controls, the lesson's printed
// table, StepLR's rates, validation messages, the toolbar at phone widths, a status line that does not
// shrink within a run, and that nothing fails or leaves the origin.
// Run `npm run build` (or `npm run wasm && npx vite build`) first; then `node --test tests/web/e2e.test.mjs`.
// Screenshots (desktop 1280x800, phone 390x844, 360x700 and 320x700) go to test-results/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  act,
  click,
  enter,
  openApp,
  root,
  select,
  shots,
  text,
  toolbarLayout,
  useBrowser,
} from './browser.mjs';
import { LESSON_TABLE } from './golden.mjs';

useBrowser();

test('Step ten times: the epoch reads 10 and every chart has 10 points', async () => {
  const { page, problems } = await openApp();
  assert.equal(await text(page, 'epoch'), '0');
  for (let i = 0; i < 10; i++) await click(page, 'step');
  assert.equal(await text(page, 'epoch'), '10');
  assert.deepEqual(await page.evaluate(() => window.__lrplay.chartPointCounts()), {
    loss: 10,
    lr: 10,
    acc: 10,
  });
  assert.equal(await text(page, 'console'), LESSON_TABLE[0]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Run to end prints exactly the lesson table; screenshots at desktop and phone sizes', async () => {
  const { page, problems } = await openApp();
  await click(page, 'run-all');
  assert.equal(await text(page, 'epoch'), '100');
  assert.deepEqual((await text(page, 'console')).split('\n'), LESSON_TABLE);
  assert.equal(await text(page, 'lr'), '1e-8');
  assert.deepEqual(await page.evaluate(() => window.__lrplay.chartPointCounts()), {
    loss: 100,
    lr: 100,
    acc: 100,
  });
  assert.match(await text(page, 'plateau-state'), /1\.0772 at epoch 16/);
  await page.screenshot({ path: path.join(shots, 'desktop.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() =>
    document.getElementById('playground').scrollIntoView({ block: 'start', behavior: 'instant' }),
  );
  await page.screenshot({ path: path.join(shots, 'phone.png') });
  await page.locator('#playground').screenshot({ path: path.join(shots, 'phone-playground.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('StepLR with step_size 30 and gamma 0.1: the rate reads 0.001 after epoch 60 and 0.0001 after 90', async () => {
  const { page, problems } = await openApp();
  await select(page, 'scheduler', 'step');
  // Typed, not committed: Step 10 applies them before it trains.
  await page.fill('[data-testid="param-step_size"]', '30');
  await page.fill('[data-testid="param-gamma"]', '0.1');
  for (let i = 0; i < 6; i++) await click(page, 'step-10');
  assert.equal(await text(page, 'epoch'), '60');
  assert.equal(await text(page, 'lr'), '0.001');
  for (let i = 0; i < 3; i++) await click(page, 'step-10');
  assert.equal(await text(page, 'epoch'), '90');
  assert.equal(await text(page, 'lr'), '0.0001');
  assert.match(await text(page, 'plateau-state'), /every 30 epochs/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an invalid value shows a message, keeps the last run on screen, and a valid change afterwards works', async () => {
  const { page, problems } = await openApp();
  await click(page, 'step-10');
  assert.equal(await text(page, 'epoch'), '10');
  for (const [key, value, pattern] of [
    ['patience', '-1', /patience/],
    ['lr', 'abc', /lr/],
    ['factor', '1', /factor/],
  ]) {
    await enter(page, `param-${key}`, value);
    assert.equal(await page.isVisible('[data-testid="error"]'), true);
    assert.match(await text(page, 'error'), pattern);
    assert.equal(await text(page, 'epoch'), '10', 'the last good run stays on screen');
    assert.equal(await page.getAttribute(`[data-testid="param-${key}"]`, 'aria-invalid'), 'true');
    await page.fill(
      `[data-testid="param-${key}"]`,
      { patience: '10', lr: '0.1', factor: '0.1' }[key],
    );
    await page.press(`[data-testid="param-${key}"]`, 'Enter');
    await page.waitForSelector('[data-testid="error"]', { state: 'hidden' });
  }
  assert.equal(
    await text(page, 'epoch'),
    '10',
    'restoring the applied value does not start a new run',
  );
  await page.fill('[data-testid="param-patience"]', '3');
  await click(page, 'run-all');
  assert.equal(await text(page, 'epoch'), '100');
  // patience 3: cuts after epochs 20, 24, 28, ... (4 epochs after the last improvement at 16)
  assert.match(
    await text(page, 'console'),
    /Epoch \[20\/100\], LR: 0\.010000\nEpoch \[30\/100\], LR: 0\.000100/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('a try-it box loads its preset; Play and Pause train and stop', async () => {
  const { page, problems } = await openApp();
  await act(page, () =>
    page.click('aside.try-it[data-preset="standardized"] .preset-button >> nth=0'),
  );
  assert.equal(await page.isChecked('[data-testid="param-standardize"]'), true);
  await page.selectOption('[data-testid="speed"]', '30');
  await page.click('[data-testid="play"]');
  // Play goes on until paused: wait for epochs it has not trained yet.
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="epoch"]').textContent) >= 3,
  );
  await click(page, 'play'); // Pause: answered once the batch in flight has landed and is drawn
  const paused = await text(page, 'epoch');
  await page.waitForTimeout(200); // prove that nothing moves while paused
  assert.equal(await text(page, 'epoch'), paused);
  await click(page, 'run-all');
  assert.equal(await text(page, 'epoch'), '100');
  assert.match(await page.textContent('#val-acc'), /97\.2% \(35 of 36\)/);
  await click(page, 'reset');
  assert.equal(await text(page, 'epoch'), '0');
  assert.equal(await text(page, 'console'), '');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a warm-up chained before StepLR (SequentialLR) matches the PyTorch reference', async () => {
  // tests/golden/more/schedule_warmup4_step3.csv, the rate after each epoch: 0.04375, 0.0625, 0.08125,
  // 0.1 (epoch 4), 0.1, 0.1, 0.05 (epoch 7), ..., 0.025 (epochs 10 to 12); epoch 1 trains at 0.025.
  const { page, problems } = await openApp(
    undefined,
    '#scheduler=step&step_size=3&gamma=0.5&warmup=4&start_factor=0.25',
  );
  assert.equal(await page.inputValue('[data-testid="param-warmup"]'), '4');
  await click(page, 'step');
  assert.equal(await text(page, 'epoch'), '1');
  assert.equal(await text(page, 'lr'), '0.04375');
  await click(page, 'step-10');
  assert.equal(await text(page, 'epoch'), '11');
  assert.equal(await text(page, 'lr'), '0.025');
  assert.match(
    await text(page, 'script'),
    /SequentialLR\(optimizer, \[lr_scheduler\.LinearLR\(optimizer, start_factor=0\.25, total_iters=4\), lr_scheduler\.StepLR\(optimizer, step_size=3, gamma=0\.5\)\], milestones=\[4\]\)/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('Enter in a field applies it once', async () => {
  const { page, problems } = await openApp(undefined, '#scheduler=step');
  const issued = () => page.evaluate(() => window.__lrplay.requests.issued);
  const before = await issued();
  await enter(page, 'param-warmup', '5');
  assert.equal((await issued()) - before, 1, 'one new run for one Enter');
  assert.match(await text(page, 'status'), /New run with warmup = 5 \(was 0\)\./);
  assert.equal(await page.evaluate(() => location.hash), '#scheduler=step&warmup=5');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the warm-up start factor follows the warm-up field and shows only with a warm-up', async () => {
  const { page, problems } = await openApp(undefined, '#scheduler=step');
  /** The visible fields of the Scheduler section, in page order. */
  const shown = () =>
    page.$$eval('#settings .field:not([hidden]) [name]', (els) =>
      els.map((el) => el.name).filter((n) => ['warmup', 'start_factor', 'end_factor'].includes(n)),
    );
  assert.deepEqual(await shown(), ['warmup'], 'no warm-up: no start factor');
  await enter(page, 'param-warmup', '5');
  assert.deepEqual(await shown(), ['warmup', 'start_factor']);
  await select(page, 'scheduler', 'linear');
  assert.match(await text(page, 'status'), /scheduler = linear .*Warm-up removed/);
  assert.deepEqual(await shown(), ['start_factor', 'end_factor'], "LinearLR's own ramp");
  assert.deepEqual(problems, []);
  await page.close();
});

test('at 1024 px the playground fits its width, and the log box stays beside the loss title', async () => {
  const { page, problems } = await openApp({ width: 1024, height: 768 });
  /** The log box's offset from the loss card's title: the same on one line, whatever the legend holds. */
  const logOffset = () =>
    page.evaluate(() => {
      const box = document.getElementById('loss-log').getBoundingClientRect();
      const title = document.querySelector('#loss-log').closest('.card-head').querySelector('h2');
      return Math.round(box.top - title.getBoundingClientRect().top);
    });
  const before = await logOffset();
  await click(page, 'run-all');
  assert.equal(await logOffset(), before, 'the log box did not move to another line');
  const fit = await page.evaluate(() => {
    const playground = document.getElementById('playground');
    const jump = document.querySelector('.jump-settings').getBoundingClientRect();
    return {
      overflow: playground.scrollWidth - playground.clientWidth,
      jumpInside: jump.right <= playground.getBoundingClientRect().right,
    };
  });
  assert.deepEqual(fit, { overflow: 0, jumpInside: true });
  await page.screenshot({ path: path.join(shots, 'desktop-1024.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

// 360 px: a common Android width; 320 px: small iPhones and Android's narrowest, where Reset and Run
// to end show their icons alone (their words stay for screen readers).
for (const width of [360, 320]) {
  test(`at ${width} px the sticky toolbar holds its buttons in two rows, each a tap target with its name`, async () => {
    const { page, problems } = await openApp({ width, height: 700 });
    const layout = await page.evaluate(toolbarLayout);
    assert.deepEqual(
      { rows: layout.rows, inside: layout.inside, settingsBeside: layout.settingsBeside },
      { rows: 2, inside: true, settingsBeside: true },
    );
    assert.ok(layout.smallest >= 24, `tap targets of 24 px or more: ${layout.smallest}`);
    // The accessible names are the words, shown or not.
    for (const name of ['Reset', 'Step', 'Step 10', 'Play', 'Run to end'])
      assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
    const name = 'Compare schedulers';
    assert.equal(await page.getByRole('switch', { name, exact: true }).count(), 1, name);
    await page.evaluate(
      fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'),
    );
    const violations = await page.evaluate(async () =>
      (await window.axe.run('.toolbar')).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    );
    assert.deepEqual(violations, []);
    await page.screenshot({ path: path.join(shots, `phone-${width}.png`) });
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('the status line never shrinks during a run, so the charts under it stay put; Reset makes it compact', async () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    const { page, problems } = await openApp(viewport);
    const height = () =>
      page.$eval('[data-testid="status"]', (s) => s.getBoundingClientRect().height);
    const first = await height();
    const heights = [first];
    for (let epoch = 1; epoch <= 40; epoch++) {
      await click(page, 'step');
      heights.push(await height());
    }
    // The lesson's run words its status in two, three and four lines at these widths.
    assert.ok(Math.max(...heights) > first, `${viewport.width}: the line grew`);
    for (let i = 1; i < heights.length; i++)
      assert.ok(heights[i] >= heights[i - 1], `${viewport.width}: shrank at epoch ${i}`);
    await click(page, 'reset');
    assert.equal(await height(), first, `${viewport.width}: compact after Reset`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('a link with nothing usable says the run is the lesson’s; one with something usable (a refused setting aside) says the rest came from it', async () => {
  const notice = (page) => page.textContent('[data-testid="link-notice"] p');
  const none = await openApp(undefined, '#scheduler=nope');
  assert.match(await notice(none.page), /scheduler = “nope”.*\. Nothing else was in it\.$/);
  assert.match(await text(none.page, 'status'), /^Ready: the lesson’s settings, as the link held/);
  await none.page.close();
  const some = await openApp(undefined, '#scheduler=nope&patience=3');
  assert.match(await notice(some.page), /\. Everything else came from the link\.$/);
  assert.match(await text(some.page, 'status'), /^Settings loaded from the link\./);
  assert.equal(await some.page.inputValue('#param-patience'), '3');
  // The core refuses test_size (it leaves the wine data no training row), naming it: test_size
  // goes back to the lesson's, and lr = 0.05 is kept (it sent every setting back before).
  const refused = await openApp(undefined, '#test_size=0.999&lr=0.05');
  assert.match(
    await notice(refused.page),
    /^The link held a setting this page cannot use, so it was left at the lesson’s default: test_size = “0\.999” \(wine\.csv: 178 rows are too few .*\)\. Everything else came from the link\.$/,
  );
  assert.match(await text(refused.page, 'status'), /^Settings loaded from the link\./);
  assert.equal(await refused.page.inputValue('#param-lr'), '0.05');
  assert.equal(await refused.page.inputValue('#param-test_size'), '0.2');
  // A OneCycleLR in the PyTorch line, shorter than the run: the core's Error names the line
  // (`schedule`), though its words begin with total_steps; the link's epochs are kept.
  const line = 'OneCycleLR(max_lr=0.1, total_steps=5)';
  const short = await openApp(undefined, `#schedule=${encodeURIComponent(line)}&epochs=20`);
  assert.match(
    await notice(short.page),
    /schedule = “OneCycleLR\(max_lr=0\.1, total_steps=5\)” \(schedule: total_steps = 5 .*leave total_steps out for the run's steps\)\)\. Everything else came from the link\.$/,
  );
  assert.equal(await short.page.inputValue('#param-epochs'), '20');
  assert.deepEqual(
    [...none.problems, ...some.problems, ...refused.problems, ...short.problems],
    [],
  );
  await some.page.close();
  await refused.page.close();
  await short.page.close();
});
