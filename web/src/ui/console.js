// The output tabs: the "printed output" console (the lesson's print every 10 epochs), the list of
// rate changes with their reasons, and the PyTorch script with its copy button. Text goes in through
// textContent only.
import { formatLr } from './format.js';

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
  #lines = [];

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
  }

  reset() {
    this.#lines = [];
    this.output.textContent = '';
    this.changes.replaceChildren();
    this.count = 0;
    this.changeCount.textContent = '0';
  }

  /** One scheduler decision: r is an epoch record whose rate changed or whose reason is not empty. */
  logChange(r) {
    this.count += 1;
    this.changeCount.textContent = String(this.count);
    if (this.count > MAX_CHANGES) {
      if (this.count === MAX_CHANGES + 1)
        this.changes.append(li('more', '\u2026 later changes are on the charts.'));
      return;
    }
    const item = li(r.lrChanged ? 'cut' : 'skip');
    const what = r.lrChanged
      ? `${formatLr(r.lrUsed)} \u2192 ${formatLr(r.lr)}`
      : `stays ${formatLr(r.lr)}`;
    item.append(span('epoch', `epoch ${r.epoch}`), span('what', what), span('why', r.reason));
    this.changes.append(item);
  }

  print(line) {
    this.#lines.push(line);
    this.output.textContent = this.#lines.join('\n');
    this.output.scrollTop = this.output.scrollHeight;
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
