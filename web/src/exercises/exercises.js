// The practice exercises: each one a statement, a hint and a check of the learner's own run. Pure data
// and pure functions; views/practice.js draws them. Text in `backticks` is shown as code.
//
// check(run) gets { settings (the engine's, all strings), records (finite epochs), divergence
// (record or null), over (bool), answer (what the learner typed, or ''), session ({ divergence:
// { epoch, lr } | null, resetAfter: bool, predictions: { id: answer as it stood at epoch 1 of this
// run }, rangeTest: { settings, suggestion } | null }: what happened earlier in this visit) } and returns
// { pass, message }; the message says why, in terms of the run.
import { formatCount, formatLoss, formatLr as lr } from '../model/format.js';
import {
  changedSettings,
  fail,
  near,
  needScheduler,
  pass,
  progressText,
  typedNumber,
} from './checks.js';
import { BEYOND_EXERCISES } from './beyond.js';
import { findLr } from './find-lr.js';

const stepPrediction = {
  id: 'steplr-45',
  title: 'Read the StepLR timetable ahead',
  statement:
    'Press Load `steplr` below: it switches to `StepLR` with `step_size` 30 and `gamma` 0.1 and covers the planned-rate chart, which would otherwise show the answer. Work out the rate the optimizer will hold after epoch 45, type it below, and only then train past epoch 45 and press Check.',
  hint: 'The rate is multiplied by gamma after epochs 30, 60, 90 and so on. Count how many of those come no later than 45, and apply that many factors of 0.1 to the starting 0.1.',
  preset: 'steplr',
  // The page covers the planned-rate preview from Load until a check at this epoch or later.
  predictionEpoch: 45,
  answer: { label: 'Your prediction: the rate after epoch 45', placeholder: 'e.g. 0.05' },
  check(run) {
    const guess = typedNumber(run.answer);
    if (run.answer.trim() === '')
      return fail('Type your prediction first, as a number such as 0.05.');
    if (guess === null)
      return fail(`\u201c${run.answer.trim()}\u201d is not a number; write e.g. 0.05 or 5e-2.`);
    const s = run.settings;
    const wrong = needScheduler(run, 'step');
    if (wrong) return wrong;
    if (Number(s.step_size) !== 30 || Number(s.gamma) !== 0.1)
      return fail(
        `This run has step_size ${s.step_size} and gamma ${s.gamma}; the exercise is about 30 and 0.1.`,
      );
    if (run.records.length < 45)
      return fail(
        `The run is at ${progressText(run)}. Train to epoch 45 or beyond, then check again.`,
      );
    const before = run.session.predictions?.['steplr-45'];
    if (before === undefined || before.trim() !== run.answer.trim())
      return fail(
        'A prediction counts only if it was typed before epoch 1 of this run. Press Reset (or R), leave your answer as it is, and train again.',
      );
    const actual = run.records[44].lr;
    const why = `One cut, after epoch 30, had come by then: ${s.lr} \u00d7 0.1 = ${lr(actual)}.`;
    if (near(guess, actual, 0.005))
      return pass(`The run held ${lr(actual)} after epoch 45, as you predicted. ${why}`);
    return fail(
      `You predicted ${lr(guess)}, and the run held ${lr(actual)} after epoch 45. ${why}`,
    );
  },
};

const patience25 = {
  id: 'patience-25',
  title: 'Move the first cut to epoch 25',
  statement:
    'With the lesson\u2019s settings, ReduceLROnPlateau makes its first cut after epoch 27. Change the `patience`, and nothing else, so that the first cut comes after epoch 25 instead. Train until it happens, then check.',
  hint: 'A cut comes patience + 1 epochs after the last new best. The Scheduler state panel shows the epoch of the best; with patience 10, 27 = best + 11.',
  preset: 'lesson',
  check(run) {
    const wrong = needScheduler(run, 'plateau');
    if (wrong) return wrong;
    const others = changedSettings(run.settings).filter((k) => k !== 'patience');
    if (others.length)
      return fail(
        `Only the patience may differ from the lesson; this run also changes ${others.join(', ')}.`,
      );
    const patience = Number(run.settings.patience);
    const cut = run.records.find((r) => r.lrChanged);
    if (!cut) {
      if (run.records.length < 25)
        return fail(`No cut yet at ${progressText(run)}; train to epoch 25 at least.`);
      return fail(
        `No cut by epoch ${run.records.length}: with patience ${patience} the first cut comes too late.`,
      );
    }
    const best = cut.epoch - patience - 1;
    const story = `the last new best was at epoch ${best}, and ${best} + ${patience} + 1 = ${cut.epoch}`;
    if (cut.epoch === 25)
      return pass(`The first cut came after epoch 25 with patience ${patience}: ${story}.`);
    const off = cut.epoch - 25;
    return fail(
      `With patience ${patience} the first cut came after epoch ${cut.epoch} (${story}): ${Math.abs(off)} epoch${Math.abs(off) === 1 ? '' : 's'} too ${off > 0 ? 'late' : 'early'}.`,
    );
  },
};

const standardize90 = {
  id: 'above-90',
  title: 'Rescue the collapsed model',
  statement:
    'On raw features this network finishes at 38.9% validation accuracy: it names the same cultivar for every wine. Change exactly one setting so that the finished run scores above 90% on the validation wines.',
  hint: 'The 13 measurements sit on very different scales: proline runs from 278 to 1680 while hue stays between 0.48 and 1.71. One checkbox in the Training settings puts them on a common scale.',
  preset: 'lesson',
  check(run) {
    const changed = changedSettings(run.settings);
    if (changed.length === 0)
      return fail(
        'This is the lesson\u2019s own run, which collapses to 38.9%. Change one setting.',
      );
    if (changed.length > 1)
      return fail(
        `This run changes ${changed.length} settings (${changed.join(', ')}); the exercise allows one.`,
      );
    if (run.divergence) return fail(`The run diverged at epoch ${run.divergence.epoch}.`);
    if (!run.over)
      return fail(`The run is at ${progressText(run)}: train it to the end, then check.`);
    const acc = run.records.at(-1).valAcc;
    const pct = `${(acc * 100).toFixed(1)}%`;
    if (acc > 0.9)
      return pass(`Changing ${changed[0]} alone took the final validation accuracy to ${pct}.`);
    return fail(
      `With ${changed[0]} changed the run ends at ${pct}, not above 90%. Try another setting.`,
    );
  },
};

const expMatchesStep = {
  id: 'exp-meets-step',
  title: 'Make ExponentialLR land where StepLR lands',
  statement:
    'Over 100 epochs from a rate of 0.1, `StepLR` with `step_size` 30 and `gamma` 0.1 cuts three times and ends at 0.0001. Find an `ExponentialLR` gamma whose run, with the same rate and epochs, finishes within 10% of that final rate.',
  hint: 'ExponentialLR multiplies by gamma once per epoch, so it ends at 0.1 \u00d7 gamma^100. Solve 0.1 \u00d7 gamma^100 = 0.0001: gamma is the 100th root of 0.001. Three decimals are close enough.',
  preset: 'exponential',
  check(run) {
    const wrong = needScheduler(run, 'exp');
    if (wrong) return wrong;
    const s = run.settings;
    if (run.divergence) return fail(`The run diverged at epoch ${run.divergence.epoch}.`);
    if (!run.over)
      return fail(`The run is at ${progressText(run)}: train it to the end, then check.`);
    const epochs = Number(s.epochs);
    const target = Number(s.lr) * 0.1 ** Math.floor(epochs / 30);
    const final = run.records.at(-1).lr;
    const versus = `StepLR would end at ${lr(target)} after epoch ${epochs}`;
    if (near(final, target, 0.1))
      return pass(
        `gamma = ${s.gamma} ends at ${lr(final)}; ${versus}. Same destination, smoother road.`,
      );
    return fail(
      `gamma = ${s.gamma} ends at ${lr(final)}, but ${versus}: gamma is too ${final > target ? 'large' : 'small'}.`,
    );
  },
};

const divergeReset = {
  id: 'diverge-reset',
  title: 'Break the run, then Reset',
  statement:
    'Raise the initial learning rate until training diverges, then press Reset (or the R key) and see what comes back. Be ready for two kinds of failure. A loss that explodes grows to enormous values but is still a number: training goes on and the status line warns you. A run that diverges has a loss that is no longer a finite number: training stops there, the charts mark the epoch, and the status line reports the divergence. Only the second one counts here.',
  hint: 'Adam moves each weight by about the learning rate per update, so this model survives absurd rates. On the lesson\u2019s raw features (seed 5), every rate we tried from 30 up to 9e17 explodes and nothing more: at 1e15 the loss passes 1e30 in the first epochs, then the model collapses and the loss stays between 1e13 and 1e16, huge but finite. The raw run first diverges at 1e18, at epoch 2. With standardize on, the loss grows much faster with the rate: it explodes from a rate of 2 (not yet at 1), 3e11 still stays finite, 4e11 diverges at epoch 2 and 1e12 at epoch 1. Reset keeps the settings and restores the starting weights.',
  check(run) {
    const seen = run.session.divergence;
    if (!seen) {
      const exploded = run.records.filter((r) => r.exploding);
      if (exploded.length === 0)
        return fail(
          'No divergence during this visit yet. Set a huge initial rate and train until the status line reports one.',
        );
      const peak = exploded.reduce((a, b) => (b.trainLoss > a.trainLoss ? b : a));
      return fail(
        `At lr ${lr(Number(run.settings.lr))} the loss explodes (training loss ${formatLoss(peak.trainLoss)} at epoch ${peak.epoch}) but is still a finite number, so training goes on: that is not a divergence. Raise the rate further.`,
      );
    }
    if (!run.session.resetAfter)
      return fail(
        `The run diverged at epoch ${seen.epoch} (lr ${lr(Number(seen.lr))}). Now press Reset.`,
      );
    return pass(
      `After diverging at epoch ${seen.epoch} with lr ${lr(Number(seen.lr))}, Reset brought the run back to epoch 0 with the same starting weights. Step it again and it diverges at the same epoch: the run is deterministic, so only a smaller rate avoids it.`,
    );
  },
};

const linearWarmup = {
  id: 'linear-warmup',
  title: 'Warm up with LinearLR',
  statement:
    'Choose `LinearLR` with an initial rate of 0.1, and set it so that epoch 1 trains at 0.01 and the rate first reaches the full 0.1 after epoch 10. Train at least 10 epochs and check.',
  hint: 'Epoch 1 trains at lr \u00d7 start_factor, the ramp lasts total_iters epochs, and end_factor 1 means it ends at the full rate.',
  check(run) {
    const wrong = needScheduler(run, 'linear');
    if (wrong) return wrong;
    if (Number(run.settings.lr) !== 0.1)
      return fail(`The initial rate is ${run.settings.lr}; the exercise starts from 0.1.`);
    if (run.records.length < 10)
      return fail(`The run is at ${progressText(run)}; train at least 10 epochs.`);
    const first = run.records[0].lrUsed;
    if (!near(first, 0.01, 1e-9))
      return fail(
        `Epoch 1 trained at ${lr(first)}, not 0.01 (start_factor ${run.settings.start_factor}).`,
      );
    const full = run.records.find((r) => near(r.lr, 0.1, 1e-9))?.epoch;
    if (full === 10)
      return pass(
        'Epoch 1 trained at 0.01, and the rate climbed in equal steps to 0.1 after epoch 10.',
      );
    return fail(
      full
        ? `The rate reached 0.1 after epoch ${full}, not 10 (total_iters ${run.settings.total_iters}).`
        : `The rate never reaches 0.1 in the first ${formatCount(run.records.length)} epochs (end_factor ${run.settings.end_factor}).`,
    );
  },
};

export const EXERCISES = [
  stepPrediction,
  patience25,
  standardize90,
  expMatchesStep,
  divergeReset,
  linearWarmup,
  ...BEYOND_EXERCISES,
  findLr,
];
