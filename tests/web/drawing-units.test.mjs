// DrawQueue (web/src/session/drawing.js), no browser: which parts each animation frame draws. A
// frame draws the page's text parts all together or charts, never both; every part queued is drawn
// once, in the end. `node --test tests/web/drawing-units.test.mjs`.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { DrawQueue, chartPart, partsOf } from '../../web/src/session/drawing.js';

// A hand-driven requestAnimationFrame: frame(t) runs the callbacks asked for so far at time t.
let callbacks = [];
globalThis.requestAnimationFrame = (fn) => callbacks.push(fn);
function frame(t) {
  const due = callbacks;
  callbacks = [];
  for (const fn of due) fn(t);
}

let drawn; // the names drawn, one array per frame
beforeEach(() => {
  callbacks = [];
  drawn = [];
});

/** A part named `name` that takes `ms` (a clock that only its parts advance). */
let now = 0;
performance.now = () => now;
const part =
  (name, ms = 0.5) =>
  () => {
    now += ms;
    drawn.at(-1).push(name);
  };
const chart = (name, ms) => chartPart(part(name, ms));

/** Runs frames (16.7 ms apart) until nothing is queued; returns what each drew. */
function drawAll(queue, t0 = 1000) {
  for (let t = t0; queue.pending; t += 16.7) {
    drawn.push([]);
    frame(t);
  }
  return drawn.filter((names) => names.length);
}

test('text parts are drawn together in a frame without charts; charts up to the budget', () => {
  const queue = new DrawQueue(() => false);
  const toolbar = part('toolbar');
  const parts = [
    toolbar,
    chart('loss', 2),
    chart('lr', 2),
    chart('acc', 2),
    part('console'),
    part('status'),
  ];
  queue.invalidate(parts);
  assert.deepEqual(drawAll(queue), [['toolbar', 'console', 'status'], ['loss', 'lr'], ['acc']]);
});

test('a chart first in the queue gives a frame of charts; the text waits for the next', () => {
  const queue = new DrawQueue(() => false);
  const loss = chart('loss', 1);
  const text = part('status');
  queue.invalidate([loss, text, chart('lr', 1)]);
  assert.deepEqual(drawAll(queue), [['loss', 'lr'], ['status']]);
  // A part queued again while waiting is drawn once.
  queue.invalidate([text, loss]);
  queue.invalidate([loss, text]);
  assert.deepEqual(drawAll(queue).slice(2), [['status'], ['loss']]);
});

test('flush() draws every part at once, text and charts', () => {
  const queue = new DrawQueue(() => false);
  queue.invalidate([part('toolbar'), chart('loss', 5), chart('lr', 5), part('status')]);
  drawn.push([]);
  queue.flush();
  assert.deepEqual(drawn, [['toolbar', 'loss', 'lr', 'status']]);
  assert.equal(queue.pending, 0);
  frame(1000); // the frame asked for by invalidate() finds nothing left
  assert.deepEqual(drawn, [['toolbar', 'loss', 'lr', 'status']]);
});

test('at full speed a frame within 30 ms of the last drawn one draws nothing', () => {
  const queue = new DrawQueue(() => true);
  queue.invalidate([part('toolbar'), chart('loss', 1)]);
  drawn.push([]);
  frame(1000);
  drawn.push([]);
  frame(1016.7);
  drawn.push([]);
  frame(1033.4);
  assert.deepEqual(drawn, [['toolbar'], [], ['loss']]);
});

test("partsOf: a part per view that renders, a chart's part where the view says chart", () => {
  const seen = [];
  const views = [
    { chart: true, render: () => seen.push('loss') },
    { record: () => {} }, // draws nothing: no part
    { render: () => seen.push('status') },
  ];
  const parts = partsOf(views, (v) => v.render());
  assert.deepEqual(
    parts.map((p) => Boolean(p.chart)),
    [true, false],
  );
  parts.forEach((p) => p());
  assert.deepEqual(seen, ['loss', 'status']);
});
