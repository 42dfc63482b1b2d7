// The page's layout as a contract (no browser): model/ modules are pure, and the single-run and
// compare sessions answer the same interface, driven here with a fake engine and fake views.
// `node --test tests/web/sessions-units.test.mjs`.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { SingleSession } from '../../web/src/session/single.js';
import { CompareSession } from '../../web/src/session/compare.js';
import { defaults } from '../../web/src/model/settings.js';
import { installCoreSchema } from './schema.mjs';

const MODEL = new URL('../../web/src/model/', import.meta.url);

// The page's settings come from the core's table (installed as main.js does once the worker is ready).
before(installCoreSchema);

test('model/ modules are pure and type-checked: no DOM, no Chart.js, // @ts-check first', () => {
  const files = readdirSync(MODEL).filter((f) => f.endsWith('.js'));
  assert.ok(files.includes('records.js') && files.includes('settings.js'));
  for (const file of files) {
    const text = readFileSync(new URL(file, MODEL), 'utf8');
    assert.ok(text.startsWith('// @ts-check\n'), `${file} starts with // @ts-check`);
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\b(document|window|localStorage)\b|chart\.js/, file);
  }
});

/** A stand-in for engine/client.js: runs that train `epochs` epochs, each record { epoch, lr }. */
function fakeEngine() {
  const engine = {
    disposed: [],
    async create(settings) {
      if (settings.lr === 'bad') throw new Error('lr = bad is not a number');
      return {
        settings: { ...settings },
        epoch: 0,
        epochs: 3,
        lr: Number(settings.lr),
        finished: false,
        divergedAt: 0,
        get over() {
          return this.finished;
        },
        async reset() {
          this.epoch = 0;
          this.finished = false;
        },
      };
    },
    step(runs, n) {
      const records = runs.map((run) => {
        const out = [];
        while (out.length < n && run.epoch < run.epochs) {
          run.epoch += 1;
          out.push({ epoch: run.epoch, lr: run.lr, diverged: false });
        }
        run.finished = run.epoch >= run.epochs;
        return out;
      });
      return { records, ms: 1 };
    },
    async reset(runs) {
      for (const run of runs) await run.reset();
    },
    dispose(runs) {
      engine.disposed.push(...runs);
    },
  };
  return engine;
}

const INTERFACE = ['record', 'reset', 'controls'];

test('SingleSession: records reach every epoch view in order; reset and a bad value', async () => {
  const engine = fakeEngine();
  const seen = [];
  const view = {
    reset: (run) => seen.push(`reset ${run.epoch}`),
    record: (r) => seen.push(`record ${r.epoch}`),
    render: () => seen.push('render'),
  };
  const started = [];
  const session = new SingleSession({
    engine,
    views: [view, {}],
    onStart: (s, message) => started.push(message),
    onReplace: () => started.push('replace'),
  });
  for (const name of INTERFACE) assert.equal(typeof session[name], 'function', name);
  await session.start(defaults(), 'first');
  assert.deepEqual(started, ['replace', 'first']);
  assert.deepEqual(session.runs.length, 1);
  const first = session.run;

  const { records } = engine.step(session.runs, 2);
  session.record(session.runs, records);
  assert.equal(session.epoch, 2);
  assert.deepEqual(session.controls(), { run: first, last: records[0][1] });
  assert.equal(session.parts.length, 1);
  session.parts[0]();
  assert.deepEqual(seen, ['reset 0', 'record 1', 'record 2', 'render']);

  assert.match(await session.reset(), /^Reset to epoch 0/);
  assert.equal(session.epoch, 0);
  assert.equal(session.controls().last, null);

  await assert.rejects(session.change('lr', 'bad'), /lr = bad/);
  assert.equal(session.run, first, 'a refused value leaves the run on screen');
  assert.equal(await session.change('lr', '0.1'), `lr = 0.1 (was ${defaults().lr})`);
  assert.notEqual(session.run, first);
  assert.deepEqual(engine.disposed, [first]);
  // Settings the change resets to the new scheduler's defaults are said in a sentence.
  await session.change('scheduler', 'cyclic');
  assert.match(
    started.at(-1),
    /^New run with scheduler = cyclic \(was plateau\)\. It also sets mode to triangular and gamma to 1, CyclicLR\u2019s defaults\. Charts cleared/,
  );
});

test('CompareSession: same interface; records go to their run, the toolbar shows the common epoch', async () => {
  const engine = fakeEngine();
  const added = [];
  const drawn = [];
  const view = {
    renderers: [
      { chart: true, render: () => drawn.push('chart') },
      { render: () => drawn.push('table') },
    ],
    editors: { clear() {}, refuse() {}, clearError() {}, retryRefusedAt() {} },
    reset: (runs) => added.push(`reset ${runs.length}`),
    addRecord: (i, r) => added.push(`${i}:${r.epoch}`),
    summary: () => ({ text: 'summary', tone: '' }),
  };
  const statuses = [];
  const status = { set: (text) => statuses.push(text), reset: (text) => statuses.push(text) };
  const session = new CompareSession({
    engine,
    view,
    shared: () => defaults(),
    status,
    onReplace() {},
    onStart() {},
  });
  for (const name of INTERFACE) assert.equal(typeof session[name], 'function', name);
  await session.enter();
  assert.equal(session.runs.length, 3);
  // The view says which renderers draw only on a canvas; the session's parts carry the drawing
  // queue's tag for those (session/drawing.js), and call them.
  assert.deepEqual(
    session.parts.map((p) => Boolean(p.chart)),
    [true, false],
  );
  session.parts.forEach((p) => p());
  assert.deepEqual(drawn, ['chart', 'table']);

  // Run B alone trains two epochs: only its records arrive, under its index.
  const live = [session.runs[1]];
  session.record(live, engine.step(live, 2).records);
  assert.deepEqual(added, ['reset 3', '1:1', '1:2']);
  assert.equal(statuses.at(-1), 'summary');
  assert.equal(session.epoch, 2);
  const { run, last } = session.controls();
  assert.equal(run.epoch, 2);
  assert.ok(Number.isNaN(run.lr), 'no single rate for several runs');
  assert.equal(run.finished, false);
  assert.equal(last, null);

  assert.match(await session.reset(), /every run back to epoch 0/);
  assert.equal(session.epoch, 0);
  await session.remove(2);
  assert.equal(session.runs.length, 2);
  await session.add();
  assert.deepEqual(session.slots, [0, 1, 2]);
  assert.match(session.hash(), /^compare=1&runA=/);
});
