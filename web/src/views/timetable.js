// The scheduler-state panel for the timetable schedulers (StepLR, ExponentialLR, CosineAnnealingLR,
// LinearLR, with or without a warm-up): the rule and where the run is on it. Every rate and cut shown
// is the core's (the run's timetable, sent with it: `rates` after epochs 1..epochs, `cuts` (the
// epochs of discrete decreases), `smooth`, StepLR's `rule`, `stepsPerEpoch`); this file only picks
// what to show.
import { formatLr, formatNumber } from '../model/format.js';
import { SCHEDULERS } from '../model/settings.js';
import { barRow, row } from './state-rows.js';

const TIMETABLE = 'a timetable: it never looks at the model';

/**
 * A setting's value in a sentence, to 4 significant digits as compare mode's legend writes it:
 * LinearLR's default start_factor is 1/3, which read "factor 0.3333333333333333 → 1" (wider than a
 * 320 px screen).
 */
const arg = (value) => formatNumber(Number(value), 4);

/**
 * Stepped after every optimizer step (the core's stepsPerEpoch over 1), a scheduler's lengths
 * (step_size, T_max, total_iters, the warm-up) count optimizer steps, as PyTorch's count step() calls.
 */
const perBatch = (table) => table.stepsPerEpoch > 1;
const unit = (table, n) =>
  perBatch(table) ? (n === 1 ? 'optimizer step' : 'optimizer steps') : n === 1 ? 'epoch' : 'epochs';
/** The scheduler steps taken by the end of run epoch e. */
const stepsBy = (table, e) => e * table.stepsPerEpoch;
/** The run epoch in which the scheduler's n-th step falls. */
const epochOfStep = (table, n) => Math.ceil(n / table.stepsPerEpoch);

/** The rate after run epoch e; before epoch 1, the rate epoch 1 trains at (the run's, from the core). */
const rateAfter = (table, e) => (e > 0 ? table.rates[e - 1] : table.initial);

/** The first run epoch after which the rate is at most `below`, or 0. */
function firstAtMost(table, below, from = 1) {
  for (let e = from; e <= table.rates.length; e++) if (table.rates[e - 1] <= below) return e;
  return 0;
}

function stepLR(s, table, epoch) {
  const next = table.cuts.find((c) => c > epoch) ?? 0;
  const prev = [...table.cuts].reverse().find((c) => c <= epoch) ?? 0;
  const rows = [row('Rule', table.rule, 'Each cut multiplies the rate by gamma.')];
  if (next) {
    rows.push(
      barRow(
        'Since last cut',
        `${epoch - prev} / ${next - prev} epochs`,
        { filled: epoch - prev, total: next - prev },
        `epochs since the last cut: ${epoch - prev} of ${next - prev}`,
      ),
      row(
        'Next cut',
        perBatch(table)
          ? `in epoch ${next}, ${formatLr(rateAfter(table, next))} after it`
          : `after epoch ${next}, to ${formatLr(rateAfter(table, next))}`,
      ),
    );
  } else {
    rows.push(row('Next cut', 'none before the run ends'));
  }
  return { subtitle: TIMETABLE, rows };
}

function exponential(s, table) {
  // The epoch the warm-up ends in; stepped per batch it may end inside one, after its last step.
  const warmed = epochOfStep(table, Number(s.warmup) || 0);
  const start = rateAfter(table, warmed);
  const half = firstAtMost(table, start / 2, warmed + 1);
  return {
    subtitle: TIMETABLE,
    rows: [
      row(
        'Rule',
        perBatch(table)
          ? `rate \u00d7 ${arg(s.gamma)} after every optimizer step, ${table.stepsPerEpoch} an epoch`
          : `rate \u00d7 ${arg(s.gamma)} after every epoch`,
        'A straight line on the log chart.',
      ),
      row(
        'Half the starting rate',
        half ? `after epoch ${half}` : 'not in this run',
        'The first epoch after which the rate is at most half of where the decay began.',
      ),
    ],
  };
}

function cosine(s, table, epoch) {
  const tMax = Number(s.t_max);
  const along = Math.min(Math.max(stepsBy(table, epoch) - (Number(s.warmup) || 0), 0), tMax);
  // Rates past a double's range (eta_min 1e308 gives -inf, then NaN) are no lowest rate.
  const finite = (i) => Number.isFinite(table.rates[i]);
  const lowest =
    table.rates.reduce(
      (best, r, i) => (finite(i) && !(finite(best) && table.rates[best] <= r) ? i : best),
      0,
    ) + 1;
  return {
    subtitle: 'a timetable: the rate glides down half a cosine wave',
    rows: [
      row(
        'Rule',
        `lr down to ${formatLr(Number(s.eta_min))} over T_max = ${tMax} ${unit(table, tMax)}`,
        'Slow at first, fastest halfway, gentle again near the floor; past T_max, PyTorch keeps following the cosine, so the rate climbs back up.',
      ),
      barRow(
        'Along the curve',
        `${along} / ${tMax} ${unit(table, tMax)}`,
        { filled: along, total: tMax },
        `${unit(table, 2)} along the cosine: ${along} of ${tMax}`,
      ),
      row('Lowest rate', `${formatLr(table.rates[lowest - 1])} after epoch ${lowest}`),
    ],
  };
}

function linear(s, table, epoch) {
  const total = Number(s.total_iters);
  const along = Math.min(stepsBy(table, epoch), total);
  const warmUp = Number(s.end_factor) >= Number(s.start_factor);
  return {
    subtitle: `a timetable: a straight ramp, ${warmUp ? 'usually a warm-up before full speed' : 'here a decay'}`,
    rows: [
      row(
        'Rule',
        `factor ${arg(s.start_factor)} \u2192 ${arg(s.end_factor)} in ${total} ${unit(table, total)}`,
        'The rate is lr times a factor that moves in equal steps, then stays at end_factor.',
      ),
      row(
        perBatch(table) ? 'The first batch trains at' : 'Epoch 1 trains at',
        formatLr(table.initial),
        'lr \u00d7 start_factor: the ramp starts before the first update, not after it.',
      ),
      barRow(
        'Ramp',
        `${along} / ${total} ${unit(table, total)}`,
        { filled: along, total },
        `ramp: ${along} of ${total}`,
      ),
      row(
        'Ramp ends',
        epochOfStep(table, total) > table.rates.length
          ? 'not in this run'
          : `${perBatch(table) ? 'in' : 'after'} epoch ${epochOfStep(table, total)}, at ${formatLr(table.rates[epochOfStep(table, total) - 1])}`,
      ),
    ],
  };
}

/**
 * Any other timetable scheduler the core offers: its next cut and next rise from the core's
 * (discrete decreases and increases: a warm restart, ConstantLR's end, a warm-up's end). A smooth
 * schedule with neither (PolynomialLR, CyclicLR, a ChainedScheduler of LinearLR and
 * ExponentialLR) has no change to wait for, and the row says how it moves instead.
 */
function generic(s, table, epoch) {
  const every = perBatch(table) ? 'every optimizer step' : 'every epoch';
  if (!table.cuts.length && !table.rises.length && table.smooth) {
    return {
      subtitle: TIMETABLE,
      rows: [
        row(
          'Cuts',
          `none: the rate moves a little ${every}`,
          'A smooth schedule: no cut to wait for.',
        ),
      ],
    };
  }
  const nextAfter = (epochs) => epochs.find((e) => e > epoch);
  const when = (next) => {
    if (next === undefined) return 'none before the run ends';
    const rate = formatLr(rateAfter(table, next));
    return perBatch(table)
      ? `in epoch ${next}, ${rate} after it`
      : `after epoch ${next}, to ${rate}`;
  };
  // A warm restart is named as one, alone or inside a SequentialLR; once none is left, the row
  // keeps the word its rises earned.
  const nextRise = nextAfter(table.rises);
  const isRestart = (e) => table.restarts.includes(e);
  const restart = nextRise !== undefined ? isRestart(nextRise) : table.rises.every(isRestart);
  const rows = [];
  if (table.cuts.length || !table.rises.length)
    rows.push(['Next cut', when(nextAfter(table.cuts))]);
  if (table.rises.length) rows.push([restart ? 'Next restart' : 'Next rise', when(nextRise)]);
  const otherwise = table.smooth ? `Otherwise the rate moves a little ${every}.` : '';
  return {
    subtitle: TIMETABLE,
    rows: rows.map(([label, value], i) =>
      row(label, value, i === rows.length - 1 ? otherwise : ''),
    ),
  };
}

/** The panels of the classes the form's fields build, by their PyTorch names (the core's). */
const PANELS = {
  StepLR: stepLR,
  ExponentialLR: exponential,
  CosineAnnealingLR: cosine,
  LinearLR: linear,
};

/**
 * { name, subtitle, rows } for a timetable scheduler after run epoch `epoch`, or null when the
 * core gives no timetable (ReduceLROnPlateau). A scheduler without its own panel here gets the
 * rate, the next cut and the end of its timetable.
 * timetable: the run's own (its `name` is the class built at the root); initial: the rate epoch 1
 * trains at (the run's rate at epoch 0).
 */
export function timetablePanel(settings, timetable, initial, epoch) {
  // The class the core built at the root names the run's scheduler: a typed PyTorch line's whatever
  // the form's fields say, which then describe nothing and leave it the general panel. The fields'
  // warm-up builds SequentialLR([LinearLR, their scheduler]).
  const fields = !settings.schedule;
  const warmup = fields && timetable?.name === 'SequentialLR' ? Number(settings.warmup) : 0;
  const name = warmup ? SCHEDULERS[settings.scheduler].name : timetable?.name;
  if (timetable?.unplanned) {
    return {
      name,
      subtitle: TIMETABLE,
      rows: [row('Timetable', 'not worked out ahead', timetable.unplanned)],
    };
  }
  if (!timetable?.rates.length) return null;
  const panel = (fields && PANELS[name]) || generic;
  const table = { ...timetable, initial };
  const { subtitle, rows } = panel(settings, table, epoch);
  const last = table.rates.length;
  const head = [
    row(
      epoch
        ? `Rate after epoch ${epoch}`
        : perBatch(table)
          ? 'Rate for the first batch'
          : 'Rate for epoch 1',
      formatLr(rateAfter(table, epoch)),
    ),
  ];
  if (warmup > 0) {
    const done = Math.min(stepsBy(table, epoch), warmup);
    head.push(
      barRow(
        'Warm-up',
        `${done} / ${warmup} ${unit(table, warmup)}`,
        { filled: done, total: warmup },
        `warm-up: ${done} of ${warmup} ${unit(table, warmup)}`,
        `LinearLR from lr \u00d7 ${arg(settings.start_factor)} up to lr, then ${name} (SequentialLR).`,
      ),
    );
  }
  return {
    name:
      warmup > 0 ? `${name} after a ${warmup}-${perBatch(table) ? 'step' : 'epoch'} warm-up` : name,
    subtitle,
    rows: [
      ...head,
      ...rows,
      row(`After epoch ${last}`, formatLr(table.rates[last - 1]), 'Where the timetable ends.'),
    ],
  };
}
