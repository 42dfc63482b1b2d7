// The planned schedule, drawn before training: the rate after each epoch for the chosen scheduler.
// Timetable schedulers are exact; ReduceLROnPlateau is fed a made-up metric, and the caption says so.
import { schedulePreview } from '../engine/lrplay.js';
import { PreviewChart } from './charts.js';
import { formatLr } from './format.js';

// Like the lesson's run: the metric improves until epoch 16, then never again.
const LAST_IMPROVEMENT = 16;

function illustrativeMetric(mode, epochs) {
  return Array.from({ length: epochs }, (_, i) => {
    const gain = 0.05 * Math.min(i + 1, LAST_IMPROVEMENT);
    return mode === 'max' ? 0.2 + gain : 2 - gain;
  });
}

export class SchedulePreview {
  constructor(core, figure) {
    this.core = core;
    this.chart = new PreviewChart(figure.querySelector('canvas'));
    this.caption = figure.querySelector('figcaption');
  }

  /** settings: the engine's normalized settings. */
  show(settings) {
    const epochs = Number(settings.epochs);
    const lrs = schedulePreview(this.core, settings, illustrativeMetric(settings.mode, epochs));
    this.chart.show(lrs, Number(settings.lr));
    const end = `ends at ${formatLr(lrs[lrs.length - 1])} after epoch ${epochs}`;
    this.caption.textContent =
      settings.scheduler === 'plateau'
        ? `Illustrative: if the watched metric improved until epoch ${LAST_IMPROVEMENT} and then stalled for good (as in the lesson\u2019s run), the rate would follow this line and ${end}. The real cuts depend on your model.`
        : `Exact: this scheduler follows a timetable, so the run will trace this line. It ${end}.`;
  }
}
