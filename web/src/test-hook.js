// window.__lrplay, the tests' view of the page (web/README.md lists its members): what the page
// shows and holds, read without reaching into its modules. main.js installs it once the page has
// started (start-up.js's last stage), when every part below exists.
import { byId } from './views/dom.js';

/**
 * @param {object} page main.js's parts: engine, charts (the single run's), preview, lastRun, runLog, player,
 *   tasks, drawing (the queues), compare (compare mode's parts), settings (the RunSettings), and
 *   session(), the session on screen (single or compare mode's), which changes with the mode.
 */
export function installTestHook(page) {
  window.__lrplay = {
    ready: true,
    memory: () => page.engine.memory(),
    alarm: () => page.charts.alarm,
    /** The alarm's label as each chart last drew it (null when none). */
    alarmLabels: () => ({
      loss: page.charts.loss.drawnAlarmLabel,
      lr: page.charts.lr.drawnAlarmLabel,
      acc: page.charts.acc.drawnAlarmLabel,
    }),
    chartPointCounts: () => page.charts.pointCounts(),
    /** Points drawn on each chart's first line now (long runs are thinned per pixel column). */
    chartDrawnCounts: () => page.charts.drawnCounts(),
    /** The radius of the first point drawn on each chart's first line (a lone point must show). */
    firstPointRadii: () =>
      [page.charts.loss, page.charts.lr, page.charts.acc].map(
        (c) => c.chart.getDatasetMeta(0).data[0]?.options.radius ?? null,
      ),
    /** Every point of the rate line, and of the momentum line ({ name, shown, points }). */
    lrPoints: () => page.charts.lr.points(0).map(({ x, y }) => ({ x, y })),
    /** The rate chart's tooltip title at its line's drawn point k, as Chart.js shows it. */
    lrTooltipTitle: (k) => {
      const { chart } = page.charts.lr;
      chart.tooltip.setActiveElements([{ datasetIndex: 0, index: k }], { x: 0, y: 0 });
      chart.update();
      return chart.tooltip.title;
    },
    /** Where epoch x is on the rate chart's canvas (px from its left edge). */
    lrPixelX: (x) => page.charts.lr.chart.scales.x.getPixelForValue(x),
    /** The rate chart's tooltip title as shown now (after the pointer moved), or null when none. */
    lrTooltipShown: () => {
      const { tooltip } = page.charts.lr.chart;
      return tooltip.getActiveElements().length ? tooltip.title : null;
    },
    momentumChart: () => ({
      shown: !byId('momentum-chart').closest('figure').hidden,
      name: page.charts.momentumName,
      points: page.charts.momentum.points(0).map(({ x, y }) => ({ x, y })),
    }),
    /** The loss chart's chance line's label (it follows the data's class count). */
    chanceLine: () => page.charts.chanceLine,
    /** Where the loss chart drew the chance line's label, and its chart area ({ box, area }). */
    chanceLabelBox: () => page.charts.loss.drawnReferenceBox,
    /** The accuracy chart's majority-class line's label (it follows the data's split). */
    floorLine: () => page.charts.floorLine,
    /** Where the accuracy chart drew that label, and its chart area ({ box, area }). */
    floorLabelBox: () => page.charts.acc.drawnReferenceBox,
    /** Where the rate chart's alarm label was drawn (the stair labels must keep off it). */
    lrAlarmBox: () => page.charts.lr.drawnAlarmBox,
    /** The rate chart's colours as Chart.js last resolved them (theme tests). */
    chartColors: () => page.charts.lr.colors(),
    /** The y tick labels of the rate chart and of the planned-rate preview, top to bottom. */
    lrTicks: () => page.charts.lr.yTickLabels,
    previewTicks: () => page.preview.yTickLabels,
    /** The rate chart's stair labels as drawn, and its marker counts (tests). */
    lrLabels: () => page.charts.lr.drawnLabels,
    lrMarkers: () => page.charts.lr.markerCounts,
    get epoch() {
      return page.session().epoch;
    },
    get mode() {
      return page.session() === page.compare.session ? 'compare' : 'single';
    },
    /** True when nothing is training, queued or waiting to be drawn. */
    get idle() {
      return !page.player.playing && page.tasks.pending === 0 && page.drawing.pending === 0;
    },
    compareCharts: () => page.compare.view.charts.describe(),
    /** The single run's settings and every record the page got for it, a divergence last. */
    records: () => ({
      settings: page.runLog.settings,
      records: [
        ...page.runLog.records,
        ...(page.runLog.divergence ? [page.runLog.divergence] : []),
      ],
    }),
    /** The range test's chart: { raw, smoothed, suggestion, xScale, rawColor }, or null before one. */
    lrFindChart: () => page.settings.lrFind.describe(),
    /** The last run's faint lines: { label, hidden, drawn: points per chart }, or null. */
    lastRun: () => page.lastRun.describe(),
    /** Engine requests issued and completed so far (session/tasks.js). */
    get requests() {
      return { ...page.tasks.requests };
    },
  };
}
