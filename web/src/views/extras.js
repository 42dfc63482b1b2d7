// The views around the run that read it whole through the RunLog: Copy link and the link notice,
// CSV/PNG export, keyboard shortcuts and the charts' text summaries (the practice exercises, which
// read it too, come with the parts that load once Step is usable: later.js). main.js makes one
// call; everything here finds its elements by id.
import { byId } from './dom.js';
import { ExportView } from './export.js';
import { installShortcuts } from './keyboard.js';
import { ShareView } from './share.js';
import { labelCharts } from './summaries.js';

const $ = byId;

const TITLES = {
  loss: 'Loss',
  lr: 'Learning rate',
  acc: 'Validation accuracy',
  // SGD's momentum, or Adam's beta1: what the run's scheduler cycles.
  momentum: (log) => (log.run?.momentumName === 'beta1' ? 'Beta1' : 'Momentum'),
};

/**
 * log: the RunLog; charts: the ChartSet (views/charts.js), whose charts the PNG export redraws;
 * csv(run): resolves to the core's CSV text of a run.
 */
export function mountExtras(log, { charts, csv }) {
  const canvases = {
    loss: $('loss-chart'),
    lr: $('lr-chart'),
    acc: $('acc-chart'),
    momentum: $('momentum-chart'),
  };
  const share = new ShareView({
    notice: $('link-notice'),
    button: $('copy-link'),
    note: $('copy-link-note'),
  });
  const exports = new ExportView(log, {
    csv,
    csvButton: $('export-csv'),
    charts: Object.fromEntries(
      Object.keys(canvases).map((name) => [
        name,
        [$(`export-png-${name}`), charts[name], TITLES[name]],
      ]),
    ),
    note: $('export-note'),
  });
  installShortcuts(document);
  labelCharts(log, canvases);
  return { share, exports };
}
