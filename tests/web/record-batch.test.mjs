// The records the page gets from its worker (engine/record-batch.js: a batch of rows of numbers,
// the texts apart, joined on the page with the run's recordFrame, which comes once with the run) are
// the core's records: four runs with different settings in one page, each against the same run
// stepped one epoch at a time in node. A frame lost or kept from an earlier run, a text put on the
// wrong epoch or a step value on the wrong row makes them differ. Run `npm run build` first; then
// `node --test tests/web/record-batch.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { click, enter, openApp, select, useBrowser } from './browser.mjs';
import { useNodeRuns } from './node-core.mjs';

useBrowser();
const nodeRun = useNodeRuns('wine');

/** A record with its typed arrays as arrays, so that the page's and node's compare as values. */
const plain = (r) => ({
  ...r,
  ...(r.stepLrs && { stepLrs: Array.from(r.stepLrs) }),
  ...(r.stepMomenta && { stepMomenta: Array.from(r.stepMomenta) }),
});

/** The page's single run: its settings and records (window.__lrplay.records()), made plain. */
async function pageRun(page) {
  const { settings, records } = await page.evaluate(() => {
    const { settings, records } = window.__lrplay.records();
    const arrays = (r) => ({
      ...r,
      ...(r.stepLrs && { stepLrs: Array.from(r.stepLrs) }),
      ...(r.stepMomenta && { stepMomenta: Array.from(r.stepMomenta) }),
    });
    return { settings, records: records.map(arrays) };
  });
  return { settings, records };
}

/** The same settings' first n records in node, one epoch per call into the core. */
function nodeRecords(settings, n) {
  const run = nodeRun(settings);
  try {
    return Array.from({ length: n }, () => plain(run.step()));
  } finally {
    run.dispose();
  }
}

async function assertCoreRecords(page, what) {
  const { settings, records } = await pageRun(page);
  assert.deepEqual(records, nodeRecords(settings, records.length), what);
  return records;
}

test("four runs in one page: every record is the core's, with its own run's shared members", async () => {
  const { page, problems } = await openApp();
  // The lesson: ReduceLROnPlateau, patience 10, no cooldown.
  await click(page, 'step-10');
  let records = await assertCoreRecords(page, 'the lesson');
  assert.equal(records.length, 10);
  assert.deepEqual(
    records.map(({ schedulerState: { scheduler, patience, cooldown } }) => [
      scheduler,
      patience,
      cooldown,
    ])[9],
    ['plateau', 10, 0],
  );
  assert.equal(records[9].lessonLine, 'Epoch [10/100], LR: 0.100000');

  // The same scheduler, other settings: the records must not keep the first run's.
  await enter(page, 'param-patience', '3');
  await enter(page, 'param-cooldown', '2');
  await click(page, 'step-10');
  await click(page, 'step-10');
  records = await assertCoreRecords(page, 'patience 3, cooldown 2');
  assert.equal(records.length, 20);
  assert.ok(
    records.every((r) => r.schedulerState.patience === 3 && r.schedulerState.cooldown === 2),
    "each record carries this run's patience and cooldown",
  );
  assert.ok(
    records.some((r) => r.lrChanged && r.reason),
    'the run cuts its rate, with the reason on that epoch',
  );

  // A warm-up: the actors change from LinearLR to StepLR inside one batch of ten epochs.
  await select(page, 'scheduler', 'step');
  await enter(page, 'param-warmup', '4');
  await enter(page, 'param-step_size', '3');
  await click(page, 'step-10');
  records = await assertCoreRecords(page, 'a warm-up before StepLR');
  assert.deepEqual(
    [...new Set(records.map((r) => r.actors.join(' and ')))],
    ['LinearLR', 'StepLR'],
    'both actors, in order',
  );
  assert.ok(records.every((r) => r.schedulerState.scheduler === 'step' && !r.plateauOutlook));

  // Stepped per batch and cycling Adam's beta1: each epoch's step values on its own record.
  await select(page, 'scheduler', 'onecycle');
  await enter(page, 'param-batch_size', '32');
  await select(page, 'param-scheduler_step', 'batch');
  for (let i = 0; i < 3; i++) await click(page, 'step');
  await click(page, 'step-10');
  records = await assertCoreRecords(page, 'OneCycleLR per batch');
  assert.equal(records.length, 13);
  assert.ok(records.every((r) => r.stepLrs.length === 5 && r.stepMomenta.length === 5));
  assert.ok(records.every((r) => r.momentum === r.stepMomenta.at(-1) && r.lr === r.stepLrs.at(-1)));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a diverging run: the page gets the core’s message on the diverged epoch', async () => {
  const { page, problems } = await openApp(undefined, '#lr=1e38');
  await click(page, 'step-10');
  const records = await assertCoreRecords(page, 'lr 1e38');
  assert.deepEqual(records.at(-1), {
    epoch: 1,
    diverged: true,
    message: records.at(-1).message,
  });
  assert.match(records.at(-1).message, /diverged at epoch 1/);
  assert.deepEqual(problems, []);
  await page.close();
});
