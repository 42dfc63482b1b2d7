// The output tabs: the "printed output" console (the lesson's print every 10 epochs), the list of
// rate changes with their reasons, and the PyTorch script with its copy button. Text goes in through
// textContent only.
import { formatCount, formatLr, tidyExponents } from '../model/format.js';
import { eventKind } from '../model/events.js';

const MAX_CHANGES = 500; // ExponentialLR changes the rate every epoch; keep the list readable

function li(className, text) {
  const item = document.createElement('li');
  item.className = className;
  if (text) item.textContent = text;
  return item;
}

function span(className, text) {
  const node = document.createElement('span');
  node.className = className;
  node.textContent = text;
  return node;
}

export class ConsoleView {
  #unshown = []; // lines printed since the last render()
  #newItems = []; // rate changes listed since the last render()
  #countOwed = false; // the change count moved since the last render()
  #onScreen = false; // some of the console is in the viewport (an IntersectionObserver says)
  #scrollOwed = false; // lines came while it was off screen: scroll to them once it shows

  /** root: the element holding [role=tab] buttons, [role=tabpanel] panels, the console and the script. */
  constructor(root) {
    this.output = root.querySelector('[data-testid="console"]');
    this.changes = root.querySelector('#changes-list');
    this.changeCount = root.querySelector('#changes-count');
    this.script = root.querySelector('#script-code');
    this.copyButton = root.querySelector('#copy-script');
    this.copyNote = root.querySelector('#copy-note');
    this.tabs = [...root.querySelectorAll('[role="tab"]')];
    for (const tab of this.tabs) {
      tab.addEventListener('click', () => this.select(tab));
      tab.addEventListener('keydown', (e) => this.#arrowKeys(e, tab));
    }
    this.copyButton.addEventListener('click', () => this.#copy());
    // Scrolling to the last line forces a layout of the page in the middle of the frame's work;
    // while the console is off screen (below the charts, or another tab shown) that waits until
    // it shows.
    new IntersectionObserver(([entry]) => {
      this.#onScreen = entry.isIntersecting;
      if (this.#onScreen && this.#scrollOwed) this.#scrollToEnd();
    }).observe(this.output);
  }

  reset() {
    this.#unshown = [];
    this.#scrollOwed = false;
    this.output.textContent = '';
    this.changes.replaceChildren();
    this.#newItems = [];
    this.#countOwed = false;
    this.count = 0;
    this.changeCount.textContent = '0';
    [this.changed, this.skipped, this.continuous] = [0, 0, false];
  }

  /**
   * One scheduler decision: r is an epoch record whose rate changed or whose reason is not empty.
   * The count is of discrete changes; skipped cuts are counted apart, and a continuous schedule
   * (ExponentialLR, a cosine, a linear ramp) is listed once, at its first step.
   * @param {import('../model/records.js').EpochRecord} r
   */
  logChange(r) {
    const kind = eventKind(r);
    if (kind === 'continuous' && this.continuous) return;
    this.continuous ||= kind === 'continuous';
    if (kind === 'change') this.changed += 1;
    if (kind === 'skip') this.skipped += 1;
    this.#countOwed = true;
    this.count += 1;
    if (this.count > MAX_CHANGES) {
      if (this.count === MAX_CHANGES + 1)
        this.#newItems.push(li('more', '\u2026 later changes are on the charts.'));
      return;
    }
    const item = li(r.lrChanged ? 'cut' : 'skip');
    // The pair 'a → b' stays on one line (.pair); the words after it wrap in their column.
    const what = span('what', '');
    const pair = () => span('pair', `${formatLr(r.lrUsed)} \u2192 ${formatLr(r.lr)}`);
    if (kind === 'continuous') what.append(pair(), ', then a little every epoch (not counted)');
    else if (r.lrChanged) what.append(pair());
    else what.append(`stays ${formatLr(r.lr)} (skipped, not a change)`);
    item.append(span('epoch', `epoch ${r.epoch}`), what, span('why', tidyExponents(r.reason)));
    this.#newItems.push(item);
  }

  /** Queues a printed line; render() shows it (once per frame however many epochs arrived). */
  print(line) {
    this.#unshown.push(line);
  }

  /**
   * Appends the lines printed since the last call, as one text node after the ones already shown
   * (the console's text stays every line joined by newlines; what is there is not set again).
   */
  render() {
    // The changes' list and count, once per frame however many epochs arrived.
    if (this.#newItems.length) this.changes.append(...this.#newItems);
    this.#newItems = [];
    if (this.#countOwed)
      this.changeCount.textContent =
        formatCount(this.changed) + (this.skipped ? ` + ${formatCount(this.skipped)} skipped` : '');
    this.#countOwed = false;
    if (!this.#unshown.length) return;
    const text = this.#unshown.join('\n');
    this.output.append(this.output.hasChildNodes() ? `\n${text}` : text);
    this.#unshown = [];
    if (this.#onScreen) this.#scrollToEnd();
    else this.#scrollOwed = true;
  }

  #scrollToEnd() {
    this.#scrollOwed = false;
    this.output.scrollTop = this.output.scrollHeight; // a layout: once per frame, not per line
  }

  showScript(text) {
    this.script.textContent = text;
  }

  select(tab) {
    for (const t of this.tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
    }
  }

  #arrowKeys(event, tab) {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = this.tabs[(this.tabs.indexOf(tab) + step + this.tabs.length) % this.tabs.length];
    this.select(next);
    next.focus();
  }

  async #copy() {
    try {
      await navigator.clipboard.writeText(this.script.textContent);
      this.copyNote.textContent = 'Copied to the clipboard.';
    } catch {
      // No clipboard permission (e.g. an insecure origin): select the text for Ctrl+C instead.
      window.getSelection().selectAllChildren(this.script);
      this.copyNote.textContent = 'Selected: press Ctrl+C (\u2318C on a Mac) to copy.';
    }
  }
}
