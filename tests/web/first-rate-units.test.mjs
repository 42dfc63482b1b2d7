// The preview's sentence on the rate the first epoch trains at (model/first-rate.js), for runs the
// core makes in node: said for every schedule whose construction sets the rate (a form warm-up, the
// chained and cyclical presets, ConstantLR, a typed SequentialLR line), with the class the core
// built, and for none that leaves lr as it is.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';

import { firstRateNote } from '../../web/src/model/first-rate.js';
import { presetSettings } from '../../web/src/model/presets.js';
import { useNodeRuns } from './node-core.mjs';
import { installCoreSchema } from './schema.mjs';

const newRun = useNodeRuns();
before(installCoreSchema);

/** The note for a new run of `settings`, as the preview makes it from the core's run. */
function noteOf(settings) {
  const run = newRun(settings);
  try {
    const table = run.timetable();
    return firstRateNote({
      lr: run.settings.lr,
      firstLr: run.lr,
      scheduler: table.name,
      stepsPerEpoch: table.stepsPerEpoch,
    });
  } finally {
    run.dispose();
  }
}

test('a schedule built below lr says the rate epoch 1 trains at and the class that set it', () => {
  const said = (settings) => noteOf(settings).replace(/ already set the rate\.$/, '');
  // The form's warm-up is a SequentialLR of LinearLR then the chosen scheduler.
  assert.equal(
    said(presetSettings('warmup')),
    'Epoch 1 itself trains at 0.01, not at lr = 0.1: building the SequentialLR',
  );
  assert.equal(
    said(presetSettings('chained')),
    'Epoch 1 itself trains at 0.01, not at lr = 0.1: building the ChainedScheduler',
  );
  assert.equal(
    said({ scheduler: 'constant' }),
    'Epoch 1 itself trains at 0.03333, not at lr = 0.1: building the ConstantLR',
  );
  assert.equal(
    said({ scheduler: 'linear' }),
    'Epoch 1 itself trains at 0.03333, not at lr = 0.1: building the LinearLR',
  );
  assert.equal(
    said({
      lr: '0.5',
      schedule:
        'SequentialLR([ConstantLR(factor=0.2, total_iters=3), StepLR(step_size=10)], milestones=[3])',
    }),
    'Epoch 1 itself trains at 0.1, not at lr = 0.5: building the SequentialLR',
  );
  assert.equal(
    said(presetSettings('cyclic')),
    'Epoch 1 itself trains at 0.01, not at lr = 0.1: building the CyclicLR',
  );
  // Stepped after every batch: the first batch trains at max_lr / div_factor.
  assert.equal(
    said(presetSettings('onecycle')),
    'The first batch trains at 0.004, not at lr = 0.1: building the OneCycleLR',
  );
});

test('a schedule that leaves lr as it is gets no note', () => {
  for (const settings of [
    {},
    { scheduler: 'step' },
    { scheduler: 'exp', gamma: '0.9' },
    { scheduler: 'cosine' },
    { scheduler: 'none' },
    { scheduler: 'linear', start_factor: '1' },
    { schedule: 'ChainedScheduler([StepLR(step_size=3), ExponentialLR(gamma=0.9)])' },
  ]) {
    assert.equal(noteOf(settings), '', JSON.stringify(settings));
  }
});
