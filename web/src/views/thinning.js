// @ts-check
// What a chart draws of a long run: the x range is cut into columns a few pixels wide, and each
// column keeps its first and last point and, for every line, the points where that line is lowest
// and highest (the same indices for every line, so a tooltip reads one x across the lines). A
// stepped or jagged line then looks as it would with every point, at a cost that grows with the
// chart's width, not the run's length. The work is incremental: a new point only touches the last
// column; the columns are cut again only when the x axis or the width changes.

/** @typedef {{ x: number, y: number }} Point */

export class ColumnThinning {
  #key = ''; // the cut the columns were made for: x max, column count, line count
  #done = 0; // points (of the longest line) already placed in a column
  #lengths = /** @type {number[]} */ ([]); // each line's length when last placed
  #open =
    /** @type {{ k: number, first: number, last: number, lo: number[], hi: number[] } | null} */ (
      null
    );
  #tails = /** @type {number[]} */ ([]); // per line: drawn points that belong to the open column
  /** @type {Point[][]} */
  drawn = [];

  /** Forget everything (a new run): the next update() starts again from the first point. */
  clear() {
    this.#key = '';
  }

  /**
   * lines: every point of each line (the same x at the same index; a line may be shorter). Returns
   * each line's points to draw for `columns` columns over [0, xMax].
   * @param {Point[][]} lines
   * @param {number} xMax
   * @param {number} columns
   */
  update(lines, xMax, columns) {
    const n = Math.max(0, ...lines.map((l) => l.length));
    const key = `${xMax}/${columns}/${lines.length}`;
    // A line that was shorter than the placed points and grew has points no column has seen.
    const late = lines.some((l, i) => l.length > this.#lengths[i] && this.#lengths[i] < this.#done);
    if (key !== this.#key || n < this.#done || late) this.#restart(lines, key);
    const longest = lines.reduce((a, l) => (l.length > a.length ? l : a), lines[0] ?? []);
    const width = xMax / columns;
    for (let j = this.#done; j < n; j++) {
      const k = Math.min(columns - 1, Math.floor(longest[j].x / width));
      const open = this.#open;
      if (!open || k !== open.k) {
        // The open column is closed: its final picks stay drawn.
        this.#redrawOpen(lines);
        this.#tails = lines.map(() => 0);
        this.#open = { k, first: j, last: j, lo: lines.map(() => j), hi: lines.map(() => j) };
        continue;
      }
      open.last = j;
      // A plain loop: this runs for every point of every line (a closure per point cost more).
      for (let m = 0; m < lines.length; m++) {
        const line = lines[m];
        if (j >= line.length) continue;
        const y = line[j].y;
        if (y < line[open.lo[m]].y) open.lo[m] = j;
        if (y > line[open.hi[m]].y) open.hi[m] = j;
      }
    }
    this.#done = n;
    this.#lengths = lines.map((l) => l.length);
    this.#redrawOpen(lines);
    return this.drawn;
  }

  #restart(lines, key) {
    this.#key = key;
    this.#done = 0;
    this.#open = null;
    this.#tails = lines.map(() => 0);
    this.drawn = lines.map(() => []);
  }

  /** Replaces each line's drawn points of the open column by its current picks. */
  #redrawOpen(lines) {
    const open = this.#open;
    if (!open) return;
    const picks = [...new Set([open.first, ...open.lo, ...open.hi, open.last])].sort(
      (a, b) => a - b,
    );
    lines.forEach((line, m) => {
      const drawn = this.drawn[m];
      drawn.length -= this.#tails[m];
      let added = 0;
      for (const j of picks) {
        if (j < line.length) {
          drawn.push(line[j]);
          added++;
        }
      }
      this.#tails[m] = added;
    });
  }
}
