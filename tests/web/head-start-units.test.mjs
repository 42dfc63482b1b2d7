// The built <head>'s script (web/src/engine/head-start.js, as vite-plugins/start-hints.mjs inlines
// it) against a fake document, window and worker: Step is enabled when the worker's lesson run
// (LESSON_RUN_MADE) arrives, or, when the run comes before the parser has reached the button, at
// the parse's end (readystatechange to 'interactive'); never for a link with settings, nor once
// main.js has drawn its toolbar. No browser: `node --test tests/web/head-start-units.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headStartSource } from '../../web/vite-plugins/start-hints.mjs';
import { FIRST_RUN, LESSON_RUN_MADE } from '../../web/src/engine/messages.js';

/** addEventListener and friends, with `once`, enough for the script. */
class Target {
  #listeners = new Map();
  addEventListener(type, fn, options) {
    const list = this.#listeners.get(type) ?? [];
    list.push({ fn, once: typeof options === 'object' && options.once === true });
    this.#listeners.set(type, list);
  }
  removeEventListener(type, fn) {
    const list = this.#listeners.get(type) ?? [];
    this.#listeners.set(
      type,
      list.filter((l) => l.fn !== fn),
    );
  }
  dispatch(type, event) {
    for (const l of [...(this.#listeners.get(type) ?? [])]) {
      if (l.once) this.removeEventListener(type, l.fn);
      l.fn(event);
    }
  }
}

/** The script run in a page whose toolbar is not parsed yet; `parse()` adds the button. */
function headStartIn({ hash = '' } = {}) {
  const document = new Target();
  document.readyState = 'loading';
  let step = null;
  document.getElementById = (id) => (id === 'step' ? step : null);
  const window = new Target();
  const marks = [];
  const performance = { mark: (name) => marks.push(name) };
  const worker = new Target();
  function Worker() {
    return worker;
  }
  new Function('window', 'document', 'location', 'performance', 'Worker', headStartSource('w.js'))(
    window,
    document,
    { hash },
    performance,
    Worker,
  );
  return {
    window,
    marks,
    get step() {
      return step;
    },
    /** The worker's message `id`, as the browser dispatches it: onmessage, then the listeners. */
    send(id) {
      const event = { type: 'message', data: { id } };
      worker.onmessage(event);
      worker.dispatch('message', event);
    },
    /** The parser reaches the toolbar (main.js has not run: Step is disabled as in index.html). */
    addButton() {
      step = { disabled: true, contains: (target) => target === step };
    },
    /** The parse ends: the document becomes interactive, before any deferred module script. */
    endParse() {
      document.readyState = 'interactive';
      document.dispatch('readystatechange', { type: 'readystatechange' });
    },
    /** A click on the button, as the window's capturing listeners see it first. */
    click() {
      let stopped = false;
      window.dispatch('click', { target: step, stopImmediatePropagation: () => (stopped = true) });
      return stopped;
    },
  };
}

test('the lesson run arriving after the button is parsed enables Step at once and counts its clicks', () => {
  const page = headStartIn();
  page.addButton();
  page.send(LESSON_RUN_MADE);
  assert.equal(page.step.disabled, false);
  assert.deepEqual(page.marks, ['lrplay:worker-start', 'lrplay:step-early']);
  assert.equal(page.click(), true, "kept from main.js's handler");
  assert.equal(page.click(), true);
  assert.equal(page.window.lrplayEarlySteps(), 2);
  assert.equal(page.click(), false, 'main.js has taken the clicks over');
  // Every message is kept for the page's engine, the lesson run's included.
  page.send(FIRST_RUN);
  assert.deepEqual(
    page.window.lrplayStartedWorker.early.map((e) => e.data.id),
    [LESSON_RUN_MADE, FIRST_RUN],
  );
});

test('the lesson run arriving before the parser reaches the button enables Step when the parse ends', () => {
  const page = headStartIn();
  page.send(LESSON_RUN_MADE);
  page.send(FIRST_RUN);
  assert.equal(page.marks.includes('lrplay:step-early'), false);
  page.addButton();
  assert.equal(page.step.disabled, true, 'waits for the parse to end');
  page.endParse();
  assert.equal(page.step.disabled, false);
  assert.deepEqual(page.marks, ['lrplay:worker-start', 'lrplay:step-early']);
  assert.equal(page.click(), true);
  assert.equal(page.window.lrplayEarlySteps(), 1);
});

test('no Step early for a link with settings, a page without the button, or once main.js has drawn it', () => {
  for (const beforeParse of [false, true]) {
    const page = headStartIn({ hash: '#lr=0.05' });
    if (!beforeParse) page.addButton();
    page.send(LESSON_RUN_MADE);
    if (beforeParse) page.addButton();
    page.endParse();
    assert.equal(page.step.disabled, true, `run before the parse: ${beforeParse}`);
    assert.equal(page.window.lrplayEarlySteps, undefined);
  }
  const noButton = headStartIn();
  noButton.send(LESSON_RUN_MADE);
  noButton.endParse();
  assert.deepEqual(noButton.marks, ['lrplay:worker-start']);
  assert.equal(noButton.window.lrplayEarlySteps, undefined);
  const drawn = headStartIn();
  drawn.addButton();
  drawn.step.disabled = false; // main.js's toolbar
  drawn.send(LESSON_RUN_MADE);
  assert.deepEqual(drawn.marks, ['lrplay:worker-start']);
  assert.equal(drawn.window.lrplayEarlySteps, undefined);
});
