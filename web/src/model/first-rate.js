// @ts-check
// The rate a new run's first epoch trains at, said when it is not the optimizer's lr. PyTorch's
// schedulers write a rate when they are built, before any step (LRScheduler._initial_step():
// LinearLR's lr × start_factor, ConstantLR's lr × factor, CyclicLR's base_lr, OneCycleLR's
// max_lr / div_factor, a SequentialLR's first scheduler's), so the chart of rates after each step
// leaves out the rate the first updates use. The rate is the core's (the run's before any step).
import { formatLr } from './format.js';

/**
 * The sentence, or '' when the first epoch trains at lr.
 * @param {object} run a run before its first step
 * @param {string} run.lr the optimizer's lr (the core's normalized setting)
 * @param {number} run.firstLr the run's rate before any step: what the scheduler's construction left
 * @param {string} run.scheduler the PyTorch class the core built at the root (its timetable's name)
 * @param {number} run.stepsPerEpoch scheduler steps an epoch (more than 1: stepped after every batch)
 */
export function firstRateNote({ lr, firstLr, scheduler, stepsPerEpoch }) {
  if (firstLr === Number(lr)) return '';
  const first = stepsPerEpoch > 1 ? 'The first batch' : 'Epoch 1 itself';
  return `${first} trains at ${formatLr(firstLr)}, not at lr = ${lr}: building the ${scheduler} already set the rate.`;
}
