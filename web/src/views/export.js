// Downloads: the run's history as CSV (the core's text: the columns and number format of `lrplay
// train`, cpp/format.cpp) and each chart as a PNG. Files are made in the page and saved through an
// <a download>; nothing is uploaded.
import { fileStem } from '../model/csv.js';

function save(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** The chart as PNG bytes, on white: Chart.js leaves the canvas background transparent. */
function pngOf(canvas) {
  const copy = Object.assign(document.createElement('canvas'), {
    width: canvas.width,
    height: canvas.height,
  });
  const context = copy.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, copy.width, copy.height);
  context.drawImage(canvas, 0, 0);
  return new Promise((resolve) => copy.toBlob(resolve, 'image/png'));
}

export class ExportView {
  /**
   * log: the RunLog; csv(run): resolves to the core's CSV of a run (Engine.csv); csvButton; charts:
   * { name: [button, canvas] } (name goes into the file name); note: where the last download is
   * confirmed.
   */
  constructor(log, { csv, csvButton, charts, note }) {
    Object.assign(this, { log, csv, note });
    csvButton.addEventListener('click', () => this.#csv());
    for (const [name, [button, canvas]] of Object.entries(charts)) {
      button.addEventListener('click', () => this.#png(name, canvas));
    }
  }

  async #csv() {
    const name = `${fileStem(this.log.settings)}.csv`;
    const text = await this.csv(this.log.run);
    save(name, new Blob([text], { type: 'text/csv' }));
    const n = text.trim().split('\n').length - 1;
    this.note.textContent = `Saved ${name}: ${n} epoch${n === 1 ? '' : 's'}.`;
  }

  async #png(name, canvas) {
    const file = `${fileStem(this.log.settings)}-${name}.png`;
    save(file, await pngOf(canvas));
    this.note.textContent = `Saved ${file}.`;
  }
}
