// @ts-check
// The lesson's try-it presets: each a set of overrides of the settings' defaults (settings.js),
// loaded by a try-it box, a preset named in the lesson's text, the Preset menu and the exercises.
import { choose, defaults } from './settings.js';

/** The lesson-section presets that the try-it boxes load: overrides of the defaults. */
export const PRESETS = {
  lesson: { label: 'lesson (defaults)', settings: {} },
  standardized: { label: 'standardized', settings: { standardize: true } },
  steplr: { label: 'steplr', settings: { scheduler: 'step', step_size: '30', gamma: '0.1' } },
  exponential: { label: 'exponential', settings: { scheduler: 'exp', gamma: '0.95' } },
  patience3: { label: 'patience3', settings: { patience: '3' } },
  cosine: { label: 'cosine', settings: { scheduler: 'cosine' } },
  linear: { label: 'linear', settings: { scheduler: 'linear' } },
  warmup: {
    label: 'warmup',
    settings: { scheduler: 'cosine', warmup: '5', t_max: '95', start_factor: '0.1' },
  },
  // The sections after the lesson's run: standardized features, so each shows its point on a model
  // that learns.
  'sgd-momentum': {
    label: 'sgd-momentum',
    settings: { standardize: true, scheduler: 'cosine', optimizer: 'sgd', momentum: '0.9' },
  },
  batches: {
    label: 'batches',
    settings: { standardize: true, scheduler: 'step', batch_size: '16', scheduler_step: 'batch' },
  },
  restarts: {
    label: 'restarts',
    settings: { standardize: true, scheduler: 'cosine-restarts', t_0: '10', t_mult: '2' },
  },
  onecycle: {
    label: 'onecycle',
    settings: {
      standardize: true,
      epochs: '20',
      batch_size: '16',
      scheduler_step: 'batch',
      optimizer: 'sgd',
      momentum: '0.9',
      scheduler: 'onecycle',
      max_lr: '0.1',
    },
  },
  // The one cycle of `onecycle` on the digits: 45 batches an epoch, 450 steps in 10 epochs.
  'digits-onecycle': {
    label: 'digits-onecycle',
    settings: {
      dataset: 'digits',
      standardize: true,
      epochs: '10',
      batch_size: '32',
      scheduler_step: 'batch',
      optimizer: 'sgd',
      momentum: '0.9',
      scheduler: 'onecycle',
      max_lr: '0.1',
    },
  },
  cyclic: {
    label: 'cyclic',
    settings: {
      standardize: true,
      epochs: '30',
      optimizer: 'sgd',
      momentum: '0.9',
      scheduler: 'cyclic',
      base_lr: '0.01',
      max_lr: '0.1',
      step_size_up: '5',
    },
  },
  chained: {
    label: 'chained',
    settings: {
      standardize: true,
      schedule:
        'ChainedScheduler([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)])',
    },
  },
};

/** A preset's settings: the defaults (the preset's scheduler's own ones) with its overrides. */
export function presetSettings(id) {
  let values = defaults();
  for (const [key, value] of Object.entries(PRESETS[id].settings))
    values = choose(values, key, value).next;
  return values;
}
