// The scheduler-state panel for the timetable schedulers (StepLR, ExponentialLR, CosineAnnealingLR,
// LinearLR): the rule, where the run is on it and what comes next. They keep no state worth showing
// beyond the epoch count, so each is a function of the settings and the epoch.
import { formatLr } from '../model/format.js';
import { barRow, row } from './state-rows.js';

const TIMETABLE = 'a timetable: it never looks at the model';

// `epoch` is the scheduler's own count; `offset` (a warm-up's length) turns it into the run's epoch.
function stepLR(s, epoch, offset = 0) {
  const size = Number(s.step_size);
  const since = epoch % size;
  const next = epoch - since + size + offset;
  return {
    name: 'StepLR',
    subtitle: TIMETABLE,
    rows: [
      row(
        'Rule',
        `rate \u00d7 ${s.gamma} every ${size} epochs`,
        'lr after epoch t = lr\u2080 \u00d7 gamma^floor(t / step_size).',
      ),
      barRow(
        'Since last cut',
        `${since} / ${size} epochs`,
        { filled: since, total: size },
        `epochs since the last cut: ${since} of ${size}`,
      ),
      row('Next cut', next > Number(s.epochs) ? 'none before the run ends' : `after epoch ${next}`),
    ],
  };
}

function exponential(s) {
  const halfLife = Math.log(0.5) / Math.log(Number(s.gamma));
  return {
    name: 'ExponentialLR',
    subtitle: TIMETABLE,
    rows: [
      row(
        'Rule',
        `rate \u00d7 ${s.gamma} after every epoch`,
        'lr after epoch t = lr\u2080 \u00d7 gamma^t: a straight line on the log chart.',
      ),
      row(
        'Halves every',
        Number.isFinite(halfLife) && halfLife > 0
          ? `${halfLife.toFixed(1)} epochs`
          : 'never (gamma \u2265 1)',
      ),
      row(
        `After epoch ${s.epochs}`,
        formatLr(Number(s.lr) * Number(s.gamma) ** Number(s.epochs)),
        'Where the timetable ends.',
      ),
    ],
  };
}

function cosine(s, epoch, offset = 0) {
  const tMax = Number(s.t_max);
  const along = Math.min(epoch, tMax);
  return {
    name: 'CosineAnnealingLR',
    subtitle: 'a timetable: the rate glides down half a cosine wave',
    rows: [
      row(
        'Rule',
        `${formatLr(Number(s.lr))} down to ${formatLr(Number(s.eta_min))} over ${tMax} epochs`,
        'lr after epoch t = eta_min + (lr\u2080 \u2212 eta_min) \u00d7 (1 + cos(\u03c0t / T_max)) / 2: slow at first, fastest halfway, gentle again near the floor.',
      ),
      barRow(
        'Along the curve',
        `${along} / ${tMax} epochs`,
        { filled: along, total: tMax },
        `epochs along the cosine: ${along} of ${tMax}`,
      ),
      row(
        'Floor',
        tMax + offset > Number(s.epochs)
          ? 'not reached in this run'
          : `eta_min after epoch ${tMax + offset}`,
        'Past T_max, PyTorch keeps following the cosine, so the rate climbs back up.',
      ),
    ],
  };
}

function linear(s, epoch) {
  const total = Number(s.total_iters);
  const along = Math.min(epoch, total);
  const warmUp = Number(s.end_factor) >= Number(s.start_factor);
  return {
    name: 'LinearLR',
    subtitle: `a timetable: a straight ramp, ${warmUp ? 'usually a warm-up before full speed' : 'here a decay'}`,
    rows: [
      row(
        'Rule',
        `factor ${s.start_factor} \u2192 ${s.end_factor} in ${total} epochs`,
        'The rate is lr\u2080 times a factor that moves in equal steps, then stays at end_factor.',
      ),
      row(
        'Epoch 1 trains at',
        formatLr(Number(s.lr) * Number(s.start_factor)),
        'lr\u2080 \u00d7 start_factor: the ramp starts before the first update, not after it.',
      ),
      barRow(
        'Ramp',
        `${along} / ${total} epochs`,
        { filled: along, total },
        `ramp: ${along} of ${total}`,
      ),
      row(
        'Ramp ends',
        total > Number(s.epochs)
          ? 'not in this run'
          : `after epoch ${total}, at ${formatLr(Number(s.lr) * Number(s.end_factor))}`,
      ),
    ],
  };
}

/** { name, subtitle, rows } for a timetable scheduler, or null for ReduceLROnPlateau. */
export function timetablePanel(settings, epoch) {
  const panel = { step: stepLR, exp: exponential, cosine, linear }[settings.scheduler];
  if (!panel) return null;
  const warmup = Number(settings.warmup) || 0;
  if (warmup === 0) return panel(settings, epoch);
  // SequentialLR: the warm-up's LinearLR until epoch `warmup`, then the scheduler from epoch 0.
  const after = panel(settings, Math.max(0, epoch - warmup), warmup);
  if (epoch >= warmup) return { ...after, name: `${after.name} (after a ${warmup}-epoch warm-up)` };
  const ramp = linear({ ...settings, end_factor: '1', total_iters: String(warmup) }, epoch);
  return { ...ramp, name: `SequentialLR: LinearLR warm-up, then ${after.name}` };
}
