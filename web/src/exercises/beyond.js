// The practice exercises of the sections after the lesson's own run (optimizers, batches, restarts,
// cycles, composing): the same shape and contract as exercises.js, which lists them after its own.
// Pure data and pure functions; every number a message quotes comes from the run.
import { formatCount, formatLoss, formatLr as lr } from '../model/format.js';
import { presetSettings } from '../model/presets.js';
import { changedFrom, fail, near, needScheduler, pass, progressText } from './checks.js';

/** The fail for a run that changes more than `allowed` from the preset's settings (with `fixed`). */
function onlyChanged(run, preset, allowed, fixed = {}) {
  const others = changedFrom(run.settings, { ...presetSettings(preset), ...fixed }).filter(
    (key) => !allowed.includes(key),
  );
  if (others.length === 0) return null;
  const keep = Object.entries(fixed).map(([key, value]) => ` with ${key} ${value}`);
  return fail(
    `Start from the ${preset} preset${keep.join('')} and change only ${allowed.join(' and ')}; this run also changes ${others.join(', ')}.`,
  );
}

const plainSgd = {
  id: 'plain-sgd-25',
  title: 'Do momentum’s work with the rate alone',
  statement:
    'Load `sgd-momentum` and set the momentum to 0: plain SGD’s training loss is then still 0.74 after epoch 25, where momentum 0.9 had reached 0.022. Keep the momentum at 0 and change only the initial learning rate, so that the training loss after epoch 25 is below 0.05.',
  hint: 'With momentum 0.9 the step can grow to about ten times rate × gradient. Plain SGD needs a larger rate to move as far; try a few times 0.1.',
  preset: 'sgd-momentum',
  check(run) {
    const s = run.settings;
    if (s.optimizer !== 'sgd')
      return fail(`This run uses ${s.optimizer}; the exercise is about SGD.`);
    if (Number(s.momentum) !== 0)
      return fail(
        `The momentum is ${s.momentum}; set it to 0 so that only the rate does the work.`,
      );
    const wrong = onlyChanged(run, 'sgd-momentum', ['lr'], { momentum: '0' });
    if (wrong) return wrong;
    if (run.divergence) return fail(`The run diverged at epoch ${run.divergence.epoch}.`);
    if (run.records.length < 25)
      return fail(`The run is at ${progressText(run)}; train to epoch 25 at least.`);
    const loss = run.records[24].trainLoss;
    const said = `With lr ${s.lr} and no momentum the training loss after epoch 25 is ${formatLoss(loss)}`;
    if (loss < 0.05)
      return pass(`${said}. A larger rate covers the distance momentum would have built up.`);
    return fail(`${said}, not below 0.05: the steps are still too small.`);
  },
};

const batchStepSize = {
  id: 'batch-step-size',
  title: 'Count batches, not epochs',
  statement:
    'Load `batches`: its `StepLR` is stepped after every mini-batch of 16 wines and cuts after epoch 4. Keeping the batch size and the per-batch stepping, choose a `step_size` that cuts the rate after epochs 10 and 20, as `step_size=10` would if it were stepped once per epoch. Train at least 20 epochs, then check.',
  hint: 'step_size counts scheduler steps, and here a step is a batch. 142 training wines in batches of 16 make 8 full batches and a smaller last one.',
  preset: 'batches',
  check(run) {
    const s = run.settings;
    const wrong = needScheduler(run, 'step');
    if (wrong) return wrong;
    if (s.scheduler_step !== 'batch' || Number(s.batch_size) !== 16)
      return fail(
        `Keep batches of 16 with the scheduler stepped after every mini-batch (this run: batch size ${s.batch_size}, stepped once per ${s.scheduler_step}).`,
      );
    if (run.divergence) return fail(`The run diverged at epoch ${run.divergence.epoch}.`);
    if (run.records.length < 20)
      return fail(`The run is at ${progressText(run)}; train at least 20 epochs.`);
    const cuts = run.records
      .slice(0, 20)
      .filter((r) => r.lrChanged)
      .map((r) => r.epoch);
    const said = cuts.length
      ? `With step_size ${s.step_size} the first 20 epochs cut after epoch${cuts.length > 1 ? 's' : ''} ${cuts.join(', ')}`
      : `With step_size ${s.step_size} there is no cut in the first 20 epochs`;
    if (cuts.join() === '10,20')
      return pass(`${said}: ${s.step_size} batches are exactly 10 epochs of 9.`);
    return fail(`${said}, not after 10 and 20.`);
  },
};

const placeRestarts = {
  id: 'restarts-20-60',
  title: 'Place the warm restarts',
  statement:
    'Using `CosineAnnealingWarmRestarts` over 100 epochs, make the rate jump back to the initial rate after epochs 20 and 60, and after no other epoch. Run to the end, then check.',
  hint: 'The cycles last T_0, then T_0 × T_mult, then T_0 × T_mult², … epochs, and each one ends with a restart. Which T_0 and T_mult give 20 and then 20 + 40?',
  preset: 'restarts',
  check(run) {
    const wrong = needScheduler(run, 'cosine-restarts');
    if (wrong) return wrong;
    const s = run.settings;
    if (Number(s.epochs) !== 100)
      return fail(
        `This run has ${formatCount(Number(s.epochs))} epochs; the exercise is about 100.`,
      );
    if (run.divergence) return fail(`The run diverged at epoch ${run.divergence.epoch}.`);
    if (!run.over)
      return fail(`The run is at ${progressText(run)}: train it to the end, then check.`);
    const restarts = run.records
      .filter((r) => r.epoch < 100 && near(r.lr, Number(s.lr), 1e-12))
      .map((r) => r.epoch);
    const said = `With T_0 ${s.t_0} and T_mult ${s.t_mult} the rate is back at ${lr(Number(s.lr))} after ${restarts.length ? `epoch${restarts.length > 1 ? 's' : ''} ${restarts.join(', ')}` : 'no epoch'}`;
    if (restarts.join() === '20,60') return pass(`${said}: cycles of 20 and 40 epochs.`);
    return fail(`${said}, not after 20 and 60 alone.`);
  },
};

const onecyclePeak = {
  id: 'onecycle-peak',
  title: 'Move the peak of the one cycle',
  statement:
    'Load `onecycle`: the rate after each epoch is highest after epoch 6 of 20. Change only `pct_start` so that the highest of those rates comes after epoch 3 instead. Run to the end, then check.',
  hint: 'The rate climbs for pct_start × 180 steps (20 epochs of 9 batches) and falls after that. Epoch 3 ends after batch 27.',
  preset: 'onecycle',
  check(run) {
    const wrong = needScheduler(run, 'onecycle') ?? onlyChanged(run, 'onecycle', ['pct_start']);
    if (wrong) return wrong;
    if (run.divergence) return fail(`The run diverged at epoch ${run.divergence.epoch}.`);
    if (!run.over)
      return fail(`The run is at ${progressText(run)}: train it to the end, then check.`);
    const top = run.records.reduce((a, b) => (b.lr > a.lr ? b : a));
    const said = `With pct_start ${run.settings.pct_start} the highest rate, ${lr(top.lr)}, comes after epoch ${top.epoch}`;
    if (top.epoch === 3) return pass(`${said}: the climb now takes 3 of the 20 epochs.`);
    return fail(`${said}, not 3: the climb is too ${top.epoch > 3 ? 'long' : 'short'}.`);
  },
};

const chainToSequence = {
  id: 'warmup-then-decay',
  title: 'Warm up to the full rate, then decay',
  statement:
    'Load `chained`: its rate never reaches 0.1. Change the schedule so that epoch 1 still trains at 0.01, the rate is exactly 0.1 after epoch 5, and from there it shrinks by 5% after every epoch. Train at least 10 epochs, then check.',
  hint: '`ChainedScheduler` applies both schedulers at every step; `SequentialLR` lets the ramp finish and then hands over at a milestone. The Warm-up epochs setting in front of ExponentialLR builds the same hand-over.',
  preset: 'chained',
  check(run) {
    if (Number(run.settings.lr) !== 0.1)
      return fail(`The initial rate is ${run.settings.lr}; the exercise starts from 0.1.`);
    if (run.divergence) return fail(`The run diverged at epoch ${run.divergence.epoch}.`);
    if (run.records.length < 10)
      return fail(`The run is at ${progressText(run)}; train at least 10 epochs.`);
    const [first, fifth] = [run.records[0].lrUsed, run.records[4].lr];
    if (!near(first, 0.01, 1e-9)) return fail(`Epoch 1 trained at ${lr(first)}, not 0.01.`);
    if (!near(fifth, 0.1, 1e-9))
      return fail(`After epoch 5 the rate is ${lr(fifth)}, not the full 0.1.`);
    const off = run.records
      .slice(5, 10)
      .find((r) => !near(r.lr, 0.1 * 0.95 ** (r.epoch - 5), 1e-9));
    if (off)
      return fail(
        `After epoch ${off.epoch} the rate is ${lr(off.lr)}; 5% less every epoch from 0.1 would be ${lr(0.1 * 0.95 ** (off.epoch - 5))}.`,
      );
    return pass(
      'Epoch 1 trained at 0.01, the rate reached 0.1 after epoch 5, and then fell by 5% every epoch.',
    );
  },
};

export const BEYOND_EXERCISES = [
  plainSgd,
  batchStepSize,
  placeRestarts,
  onecyclePeak,
  chainToSequence,
];
