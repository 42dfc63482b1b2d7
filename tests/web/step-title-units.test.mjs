// The charts' tooltip title (views/epoch-chart.js's stepTitle, on the points of views/charts.js's
// stepPoints) against the core's records, in node: between epochs it counts the run's optimizer
// steps as the core's reasons do ("every 7 optimizer steps (step 7)"), with the batch in the epoch;
// an epoch's change names the steps it spans.
// Run `npm run build` first; then `node --test tests/web/step-title-units.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChartSet, stepPoints } from '../../web/src/views/charts.js';
import { stepTitle } from '../../web/src/views/epoch-chart.js';
import { useNodeRuns } from './node-core.mjs';

const nodeRun = useNodeRuns('wine');

// 142 training wines in batches of 32: 5 optimizer steps an epoch; StepLR cuts every 7 of them.
const STEP_PER_BATCH = {
  batch_size: '32',
  scheduler: 'step',
  step_size: '7',
  gamma: '0.1',
  scheduler_step: 'batch',
  epochs: '4',
};

test("a step's title names the run's optimizer step, the one the core's reason names", () => {
  const run = nodeRun(STEP_PER_BATCH);
  try {
    const records = run.run(3);
    const points = records.flatMap((r) => stepPoints(r, r.stepLrs, r.lr));
    assert.deepEqual(
      points.map((p) => p.step),
      Array.from({ length: 15 }, (_, k) => k + 1),
    );
    // The first cut: after the 7th optimizer step, the 2nd batch of epoch 2.
    const cut = points.findIndex((p) => p.y < 0.1);
    assert.match(records[1].reason, /every 7 optimizer steps \(step 7\)$/);
    assert.equal(stepTitle(points[cut]), 'Epoch 2 \u00b7 optimizer step 7 (batch 2 of 5)');
    // The second, at step 14: the 4th batch of epoch 3.
    const second = points.findIndex((p) => p.y < 0.01);
    assert.match(records[2].reason, /\(step 14\)$/);
    assert.equal(stepTitle(points[second]), 'Epoch 3 \u00b7 optimizer step 14 (batch 4 of 5)');
    // An epoch's last step is the epoch's own point, at x = epoch.
    assert.equal(points[4].x, 1);
    assert.equal(stepTitle(points[4]), 'Epoch 1 \u00b7 optimizer step 5 (batch 5 of 5)');
  } finally {
    run.dispose();
  }
});

// Behind a 3-step warm-up StepLR counts its steps from the hand-over: its first cut, its 7th
// step, is the run's 10th, the 5th batch of epoch 2. The reason names the run's step as the title
// does, then its own (the old reason said "(step 7)" under the title's "optimizer step 10").
test('behind the warm-up, the reason names the step the title names, then its own count', () => {
  const run = nodeRun({ ...STEP_PER_BATCH, warmup: '3' });
  try {
    const records = run.run(3);
    const points = records.flatMap((r) => stepPoints(r, r.stepLrs, r.lr));
    const cut = points.findIndex((p, k) => k > 3 && p.y < 0.1);
    assert.equal(stepTitle(points[cut]), 'Epoch 2 \u00b7 optimizer step 10 (batch 5 of 5)');
    assert.match(
      records[1].reason,
      /every 7 optimizer steps \(step 10, its step 7 since it took over at step 3\)$/,
    );
  } finally {
    run.dispose();
  }
});

test('a run stepped per epoch keeps one point an epoch, titled by its epoch', () => {
  const run = nodeRun({ ...STEP_PER_BATCH, scheduler_step: 'epoch' });
  try {
    const points = run.run(2).flatMap((r) => stepPoints(r, r.stepLrs, r.lr));
    assert.deepEqual(
      points.map((p) => stepTitle(p)),
      ['Epoch 1', 'Epoch 2'],
    );
  } finally {
    run.dispose();
  }
});

test("an epoch's change, stepped per batch, names the optimizer steps it spans", () => {
  const run = nodeRun(STEP_PER_BATCH);
  try {
    // Canvases Chart.js never draws on (no browser): the tooltip's callbacks are plain functions.
    const canvas = { closest: () => ({ hidden: false, querySelector: () => ({}) }) };
    const charts = new ChartSet({ loss: canvas, lr: canvas, acc: canvas, momentum: canvas });
    for (const r of run.run(2)) charts.addRecord(r);
    const { footer } = charts.lr.config.options.plugins.tooltip.callbacks;
    assert.deepEqual(footer([{ parsed: { x: 1 } }]), []);
    const lines = footer([{ parsed: { x: 2 } }]);
    assert.equal(lines[0], 'Rate 0.1 \u2192 0.01 over steps 6\u201310');
    assert.match(lines.slice(1).join(' '), /\(step 7\)$/);
  } finally {
    run.dispose();
  }
});
