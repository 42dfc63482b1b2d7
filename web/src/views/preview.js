// The planned schedule, drawn before training: the rate after each epoch for the chosen scheduler.
// Timetable schedulers are exact; ReduceLROnPlateau is fed a made-up metric, and the caption says so.
import { PreviewChart } from './charts.js';
import { formatLr } from '../model/format.js';
import { firstRateNote } from '../model/first-rate.js';
import { LAST_IMPROVEMENT, illustrativeMetric } from '../model/illustrative-metric.js';

export class SchedulePreview {
  #shown = 0;
  #chart = null;
  #line = null; // [lrs, lr0] of the latest run, drawn once the chart exists

  /**
   * plan(settings, metrics): resolves to the rate after each step (the engine's schedulePreview).
   * The chart (in the settings, below the fold) is made when the figure first comes near the
   * viewport, not at the page's start; the caption is written at once.
   */
  constructor(plan, figure) {
    this.plan = plan;
    this.figure = figure;
    this.caption = figure.querySelector('figcaption');
    const make = () => {
      this.#chart = new PreviewChart(figure.querySelector('canvas'));
      if (this.#line) this.#chart.show(...this.#line);
    };
    if (!('IntersectionObserver' in window)) return make();
    const observer = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && (observer.disconnect(), make()),
      { rootMargin: '400px' },
    );
    observer.observe(figure);
  }

  /** The chart's y tick labels as drawn (tests), [] before it is made. */
  get yTickLabels() {
    return this.#chart?.yTickLabels ?? [];
  }

  /**
   * run: a new RunHandle (its normalized settings, the core's timetable, its rate at epoch 0). A
   * timetable scheduler's line is the core's timetable; ReduceLROnPlateau's is planned on a made-up
   * metric. A later call wins over one still being planned.
   */
  async show(run) {
    const { settings } = run;
    const ticket = ++this.#shown;
    const epochs = Number(settings.epochs);
    const { unplanned } = run.timetable;
    // Too long a run for the core to work its rates out ahead: no line, the core's reason.
    const lrs =
      run.timetable.rates.length || unplanned
        ? run.timetable.rates
        : await this.plan(settings, illustrativeMetric(settings.mode, epochs));
    if (ticket !== this.#shown) return;
    // An empty chart (a lone '0.1' tick over no line) above 'Not drawn: …' read as a broken one.
    this.figure.classList.toggle('unplanned', Boolean(unplanned));
    this.#line = [lrs, Number(settings.lr)];
    this.#chart?.show(...this.#line);
    // PyTorch's arithmetic can take the rate past a double's range (gamma 1e308, eta_min 1e308):
    // from there the line has no points and a run diverges. The caption names the epoch where it
    // happens, which says more than formatLr's words for the last rate.
    const lost = lrs.findIndex((lr) => !Number.isFinite(lr));
    const end =
      lost < 0
        ? `ends at ${formatLr(lrs[lrs.length - 1])} after epoch ${epochs}`
        : `is no longer a finite number after epoch ${lost + 1} (these settings take it past a double\u2019s range), where a run diverges`;
    // Stepped after every optimizer step, the rate also moves inside epochs: the line has the
    // rates the run will have at epoch ends (the core's timetable counts the run's batches).
    const steps = run.timetable.stepsPerEpoch;
    // The chart shows the rate after each step: a rate the scheduler set when it was built, which
    // the first epoch (or batch) trains at, is said apart. run.lr is the new run's, the core's.
    const note = firstRateNote({
      lr: settings.lr,
      firstLr: run.lr,
      scheduler: run.timetable.name,
      stepsPerEpoch: steps,
    });
    const exact =
      steps > 1
        ? `Exact at every epoch\u2019s end: this scheduler follows a timetable and steps after every optimizer step (${steps} an epoch), so its lengths count batches and the run\u2019s rate also moves inside epochs. It ${end}.`
        : `Exact: this scheduler follows a timetable, so the run will trace this line. It ${end}.`;
    const caption = unplanned
      ? `Not drawn: ${unplanned}`
      : !run.timetable.rates.length
        ? `Illustrative: if the watched metric improved until epoch ${LAST_IMPROVEMENT} and then stalled for good (as in the lesson\u2019s run), the rate would follow this line and ${end}. The real cuts depend on your model.`
        : exact;
    this.caption.textContent = note ? `${caption} ${note}` : caption;
  }
}
