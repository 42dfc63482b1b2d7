// window.__lrplay, the tests' view of the page (web/README.md lists its members): what the page
// shows and holds, read without reaching into its modules. main.js installs it once the page has
// started (start-up.js's last stage), when every part below exists.
import { byId } from './views/dom.js';

/**
 * @param {object} parts main.js's: the engine, the single run's charts, last run and RunLog,
 *   the player, task and draw queues, compare mode's parts, the RunSettings, and `session()`, the
 *   session on screen (single or compare mode's), which changes with the mode.
 */
export function installTestHook({
  engine,
  charts,
  lastRun,
  runLog,
  player,
  tasks,
  drawing,
  compare,
  settings,
  session,
}) {
  window.__lrplay = {
    ready: true,
    memory: () => engine.memory(),
    alarm: () => charts.alarm,
    /** The alarm's label as each chart last drew it (null when none). */
    alarmLabels: () => ({
      loss: charts.loss.drawnAlarmLabel,
      lr: charts.lr.drawnAlarmLabel,
      acc: charts.acc.drawnAlarmLabel,
    }),
    chartPointCounts: () => charts.pointCounts(),
    /** Points drawn on each chart's first line now (long runs are thinned per pixel column). */
    chartDrawnCounts: () => charts.drawnCounts(),
    /** Every point of the rate line, and of the momentum line ({ name, shown, points }). */
    lrPoints: () => charts.lr.points(0).map(({ x, y }) => ({ x, y })),
    momentumChart: () => ({
      shown: !byId('momentum-chart').closest('figure').hidden,
      name: charts.momentumName,
      points: charts.momentum.points(0).map(({ x, y }) => ({ x, y })),
    }),
    /** The loss chart's chance line's label (it follows the data's class count). */
    chanceLine: () => charts.chanceLine,
    /** The rate chart's colours as Chart.js last resolved them (theme tests). */
    chartColors: () => charts.lr.colors(),
    /** The rate chart's stair labels as drawn, and its marker counts (tests). */
    lrLabels: () => charts.lr.drawnLabels,
    lrMarkers: () => charts.lr.markerCounts,
    get epoch() {
      return session().epoch;
    },
    get mode() {
      return session() === compare.session ? 'compare' : 'single';
    },
    /** True when nothing is training, queued or waiting to be drawn. */
    get idle() {
      return !player.playing && tasks.pending === 0 && drawing.pending === 0;
    },
    compareCharts: () => compare.view.charts.describe(),
    /** The single run's settings and every record the page got for it, a divergence last. */
    records: () => ({
      settings: runLog.settings,
      records: [...runLog.records, ...(runLog.divergence ? [runLog.divergence] : [])],
    }),
    /** The range test's chart: { raw, smoothed, suggestion, xScale, rawColor }, or null before one. */
    lrFindChart: () => settings.lrFind.describe(),
    /** The last run's faint lines: { label, hidden, drawn: points per chart }, or null. */
    lastRun: () => lastRun.describe(),
    /** Engine requests issued and completed so far (session/tasks.js). */
    get requests() {
      return { ...tasks.requests };
    },
  };
}
