// Compare mode's parts, wired to the page: its section (placed before the settings form), its view
// (views/compare.js) and its session (session/compare.js), whose edits pause Play and queue behind
// the engine requests in flight as every other click does. In later.js's chunk: main.js makes them
// once, when Step is usable, or before for a link that opens in compare mode, or at the mode switch.
import { CompareSession } from './session/compare.js';
import { CompareView } from './views/compare.js';
import { makeCompareSection, showSizes } from './views/mode.js';

/**
 * engine: the started Engine; single: the single run's session (compare mode shares its settings);
 * status: the status line; pause(): stops Play; act(task): queues a task (session/tasks.js);
 * onReplace(): a run is about to be replaced; onStart(): the compared runs started (again).
 * Returns { section, view, session }.
 */
export function makeCompareMode({ engine, single, status, pause, act, onReplace, onStart }) {
  const section = makeCompareSection();
  // The view's edits reach the session made just below, which they need before any click.
  let session = null;
  const view = new CompareView(section, {
    change: (i, key, value) => (pause(), act(() => session.change(i, key, value))),
    add: () => (pause(), act(() => session.add())),
    remove: (i) => (pause(), act(() => session.remove(i))),
  });
  session = new CompareSession({
    engine,
    view,
    shared: () => single.values,
    status,
    onReplace,
    onStart,
  });
  // Its captions name the data's sizes, which the page fills at each new run: fill them now.
  if (single.run) showSizes(single.run);
  return { section, view, session };
}
