// Downloads: the run's history as CSV (the core's text: the columns and number format of `lrplay
// train`, cpp/format.cpp) and each chart as a PNG, redrawn at twice its displayed size with a title
// naming the chart and the run, its axes and a legend. Files are made in the page and saved through
// an <a download>; nothing is uploaded.
import { fileStem } from '../model/csv.js';
import { schedulerName } from '../model/settings.js';
import { formatCount } from '../model/format.js';

/** Downloads `blob` as file `name` (an <a download>; nothing leaves the page). */
export function save(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/**
 * The picture's title ("Loss: ReduceLROnPlateau") and subtitle ("lr = 0.1, seed 5, 20 of 100
 * epochs") for the run in `log`.
 */
export function pictureTitle(chartName, log) {
  const s = log.settings;
  const warmup = Number(s.warmup) > 0 ? `${formatCount(Number(s.warmup))}-epoch warm-up, ` : '';
  return {
    title: `${chartName}: ${schedulerName(s, log.run?.timetable)}`,
    subtitle: `${warmup}lr = ${s.lr}, seed ${s.seed}, ${formatCount(log.records.length)} of ${formatCount(Number(s.epochs))} epochs`,
  };
}

export class ExportView {
  /**
   * log: the RunLog; csv(run): resolves to the core's CSV of a run (Engine.csv); csvButton;
   * charts: { name: [button, EpochChart, title] } (name goes into the file name, title, or
   * title(log), into the picture); note: where the last download is confirmed, until the run changes (a new run, Reset,
   * another epoch).
   */
  constructor(log, { csv, csvButton, charts, note }) {
    Object.assign(this, { log, csv, note });
    csvButton.addEventListener('click', () => this.#csv());
    for (const [name, [button, chart, title]] of Object.entries(charts)) {
      button.addEventListener('click', () => this.#png(name, chart, title));
    }
    log.subscribe(() => {
      if (note.textContent) note.textContent = '';
    });
  }

  async #csv() {
    const name = `${fileStem(this.log.settings)}.csv`;
    const text = await this.csv(this.log.run);
    save(name, new Blob([text], { type: 'text/csv' }));
    const n = text.trim().split('\n').length - 1;
    this.note.textContent = `Saved ${name}: ${formatCount(n)} epoch${n === 1 ? '' : 's'}.`;
  }

  async #png(name, chart, chartTitle) {
    const file = `${fileStem(this.log.settings)}-${name}.png`;
    const chartName = typeof chartTitle === 'function' ? chartTitle(this.log) : chartTitle;
    const { title, subtitle } = pictureTitle(chartName, this.log);
    save(file, await chart.png({ title, subtitle }, 2));
    this.note.textContent = `Saved ${file}: ${title}, ${subtitle}.`;
  }
}
