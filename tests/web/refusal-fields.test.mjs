// Page tests of where a refused change is explained (views/refusal.js): beside the setting the core's
// Error names (`setting`) when that field is on screen, saying which change it refused, with the
// changed field pointing there (aria-invalid, aria-describedby); fixing either field clears both.
// Single mode's settings form and compare mode's run editors. Run `npm run build` first; then
// `node --test --test-concurrency=1 tests/web/refusal-fields.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { click, enter, openApp, select, text, useBrowser } from './browser.mjs';

useBrowser();

const byId = (id) => `[data-testid="${id}"]`;
const shown = (page, selector) => page.isVisible(selector);

test('longer epochs refused by OneCycleLR’s total_steps are explained at total_steps; raising it applies both', async () => {
  const { page, problems } = await openApp(undefined, '#scheduler=onecycle&total_steps=100');
  await enter(page, 'param-epochs', '200');
  // total_steps = 100 is too few for 200 epochs' steps: the core refuses total_steps.
  assert.match(
    await page.textContent('#err-total_steps'),
    /^With epochs = 200 \(not applied\): total_steps = 100 is not accepted: OneCycleLR would be stepped 200 times/,
  );
  assert.equal(await page.getAttribute(byId('param-total_steps'), 'aria-invalid'), 'true');
  assert.equal(
    await page.textContent('#err-epochs'),
    'Not applied: the reason is at Cycle length.',
  );
  assert.equal(await page.getAttribute(byId('param-epochs'), 'aria-invalid'), 'true');
  // A screen reader on the changed field hears the pointer and the reason itself.
  assert.equal(
    await page.getAttribute(byId('param-epochs'), 'aria-describedby'),
    'help-epochs err-epochs err-total_steps',
  );
  assert.match(await text(page, 'error'), /^With epochs = 200 \(not applied\): total_steps = 100/);
  assert.equal(await page.inputValue(byId('param-epochs')), '200', 'the typed value stays');
  // The pointer's button takes the focus to the named field.
  await page.click('#err-epochs button');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'param-total_steps');

  // Raising total_steps applies it, and then the epochs it had refused.
  await enter(page, 'param-total_steps', '200');
  assert.equal(await shown(page, '#err-epochs'), false);
  assert.equal(await shown(page, '#err-total_steps'), false);
  assert.equal(await page.getAttribute(byId('param-epochs'), 'aria-invalid'), null);
  assert.equal(await page.getAttribute(byId('param-total_steps'), 'aria-invalid'), null);
  assert.equal(
    await page.getAttribute(byId('param-epochs'), 'aria-describedby'),
    'help-epochs err-epochs',
  );
  assert.equal(await shown(page, byId('error')), false);
  const { epochs, total_steps: total } = await page.evaluate(
    () => window.__lrplay.records().settings,
  );
  assert.deepEqual([epochs, total], ['200', '200']);

  // Refused again, then the changed field itself fixed (back to the applied value, so no new run):
  // both messages go.
  await enter(page, 'param-epochs', '300');
  assert.match(await page.textContent('#err-total_steps'), /^With epochs = 300 \(not applied\)/);
  await page.fill(byId('param-epochs'), '200');
  await page.press(byId('param-epochs'), 'Enter');
  await page.waitForSelector('#err-epochs', { state: 'hidden' });
  assert.equal(await shown(page, '#err-total_steps'), false);
  assert.equal(await shown(page, byId('error')), false);

  // Refused again, then another scheduler chosen: total_steps goes off screen, and the refused
  // epochs, tried again with StepLR, apply.
  await enter(page, 'param-epochs', '300');
  assert.equal(await shown(page, '#err-epochs'), true);
  await select(page, 'scheduler', 'step');
  assert.equal(await shown(page, '#err-epochs'), false);
  assert.equal(await shown(page, byId('error')), false);
  assert.equal(await page.evaluate(() => window.__lrplay.records().settings.epochs), '300');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a data set too small for the validation share is explained at test_size, its section opened', async () => {
  // 0.994 of wine's 178 rows leaves one to train on; of iris's 150, none.
  const { page, problems } = await openApp(undefined, '#test_size=0.994');
  assert.equal(await page.getAttribute('details.advanced', 'open'), null);
  await select(page, 'param-dataset', 'iris');
  assert.notEqual(await page.getAttribute('details.advanced', 'open'), null);
  assert.match(
    await page.textContent('#err-test_size'),
    /^With dataset = iris \(not applied\): .*150 rows are too few for test_size = 0\.994/,
  );
  assert.equal(await page.getAttribute(byId('param-test_size'), 'aria-invalid'), 'true');
  assert.equal(
    await page.textContent('#err-dataset'),
    'Not applied: the reason is at Validation share.',
  );
  // A smaller share applies, and the iris it had refused with it.
  await enter(page, 'param-test_size', '0.2');
  assert.equal(await shown(page, '#err-test_size'), false);
  assert.equal(await shown(page, '#err-dataset'), false);
  const { dataset, test_size: share } = await page.evaluate(
    () => window.__lrplay.records().settings,
  );
  assert.deepEqual([dataset, share], ['iris', '0.2']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('compare mode: a run’s refusal is explained at the field of that run the core names', async () => {
  // Two epochs of one step: pct_start 0.25 of total_steps 4 gives OneCycleLR a phase of no steps
  // (0.25 x 4 - 1 = 0), which the core refuses as pct_start's.
  const { page, problems } = await openApp(undefined, '#epochs=2&compare=1');
  assert.equal(await page.evaluate(() => window.__lrplay.mode), 'compare');
  await select(page, 'compare-1-scheduler', 'onecycle');
  await enter(page, 'compare-1-param-pct_start', '0.25');
  await enter(page, 'compare-1-param-total_steps', '4');
  const run = byId('compare-run-1');
  assert.match(
    await page.textContent(`${run} #compare-1-pct_start-err`),
    /^With total_steps = 4 \(not applied\): pct_start = 0\.25 with total_steps = 4 gives OneCycleLR a phase of zero steps/,
  );
  assert.equal(await page.getAttribute(byId('compare-1-param-pct_start'), 'aria-invalid'), 'true');
  assert.equal(
    await page.textContent('#compare-1-total_steps-err'),
    'Not applied: the reason is at pct_start.',
  );
  assert.equal(
    await page.getAttribute(byId('compare-1-param-total_steps'), 'aria-describedby'),
    'compare-1-total_steps-err compare-1-pct_start-err',
  );
  // A pct_start with no empty phase applies, and then the refused total_steps.
  await enter(page, 'compare-1-param-pct_start', '0.3');
  assert.equal(await shown(page, '#compare-1-pct_start-err'), false);
  assert.equal(await shown(page, '#compare-1-total_steps-err'), false);
  assert.equal(await page.getAttribute(byId('compare-1-param-total_steps'), 'aria-invalid'), null);
  assert.match(await text(page, 'compare-legend'), /B OneCycleLR\(.*total_steps=4/);
  await click(page, 'step');
  assert.equal(await text(page, 'epoch'), '1');
  assert.deepEqual(problems, []);
  await page.close();
});

test('compare mode: a shared setting a compared run refuses is explained at the changed field, naming the run; no run takes it', async () => {
  const { page, problems } = await openApp(undefined, '#compare=1');
  await select(page, 'compare-1-scheduler', 'onecycle');
  await enter(page, 'compare-1-param-total_steps', '100');
  await enter(page, 'param-epochs', '200');
  const refusal =
    /^Run B: total_steps = 100 is not accepted: OneCycleLR would be stepped 200 times/;
  assert.match(await page.textContent('#err-epochs'), refusal);
  assert.equal(await page.getAttribute(byId('param-epochs'), 'aria-invalid'), 'true');
  assert.equal(await page.inputValue(byId('param-epochs')), '200', 'the typed value stays');
  // Said once in full, beside the field (and in the form's error box); the status line names the run.
  assert.match(
    await text(page, 'status'),
    /^epochs = 200 \(was 100\) was not applied: run B refuses it\./,
  );
  assert.match(await text(page, 'error'), refusal);
  // The single run took it before the compared runs refused it: it goes back, so every run shares
  // the settings applied before.
  assert.equal(await page.evaluate(() => window.__lrplay.records().settings.epochs), '100');
  assert.match(await page.textContent('.compare-runs .help'), /, 100 epochs\)/);
  // Back to the applied value: the message goes.
  await page.fill(byId('param-epochs'), '100');
  await page.press(byId('param-epochs'), 'Enter');
  await page.waitForSelector('#err-epochs', { state: 'hidden' });
  assert.deepEqual(problems, []);
  await page.close();
});
