// ColumnThinning (web/src/views/thinning.js), no browser: what a long run's chart draws per pixel
// column, built incrementally, is what a fresh cut of the whole run gives, keeps every column's
// extremes, and stays bounded by the column count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnThinning } from '../../web/src/views/thinning.js';

/** A jagged line: n steps of `per` points an epoch, x fractional as the rate chart's. */
function line(n, per, phase = 0) {
  return Array.from({ length: n }, (_, k) => ({
    x: Math.floor(k / per) + ((k % per) + 1) / per,
    y: Math.sin(k * 0.37 + phase) + (k % 7) * 0.1,
  }));
}

test('each column keeps its first, last, lowest and highest point of every line', () => {
  const lines = [line(4500, 45), line(4500, 45, 1)];
  const columns = 50;
  const drawn = new ColumnThinning().update(lines, 100, columns);
  assert.ok(drawn[0].length <= columns * 6, `${drawn[0].length} points for ${columns} columns`);
  for (let k = 0; k < columns; k++) {
    const inColumn = (p) => Math.min(columns - 1, Math.floor(p.x / 2)) === k;
    for (const m of [0, 1]) {
      const all = lines[m].filter(inColumn);
      const kept = drawn[m].filter(inColumn);
      if (!all.length) continue;
      const ys = (ps) => ps.map((p) => p.y);
      assert.equal(Math.min(...ys(kept)), Math.min(...ys(all)), `line ${m} column ${k} min`);
      assert.equal(Math.max(...ys(kept)), Math.max(...ys(all)), `line ${m} column ${k} max`);
      assert.equal(kept[0], all[0]);
      assert.equal(kept.at(-1), all.at(-1));
    }
  }
  // The same indices on every line: a tooltip reads one x across them.
  assert.deepEqual(
    drawn[0].map((p) => p.x),
    drawn[1].map((p) => p.x),
  );
});

test('adding points a batch at a time draws what one cut of the whole run draws', () => {
  const whole = line(9000, 9);
  const growing = [];
  const thinning = new ColumnThinning();
  let drawn;
  for (let k = 0; k < whole.length; k += 137) {
    growing.push(...whole.slice(k, k + 137));
    drawn = thinning.update([growing], 1000, 80);
  }
  assert.deepEqual(drawn, new ColumnThinning().update([whole], 1000, 80));
  // A new cut (the x axis grew) starts again from the first point.
  assert.deepEqual(
    thinning.update([whole], 2000, 80),
    new ColumnThinning().update([whole], 2000, 80),
  );
});

test('a shorter line (a run that diverged) draws only its own points', () => {
  const long = line(3000, 1);
  const short = long.slice(0, 1234).map((p) => ({ x: p.x, y: -p.y }));
  const drawn = new ColumnThinning().update([long, short], 3000, 100);
  assert.ok(drawn[1].every((p) => p.x <= 1234));
  assert.equal(drawn[1].at(-1), short.at(-1));
  assert.equal(drawn[0].at(-1), long.at(-1));
});
