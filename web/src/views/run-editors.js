// The editor of compared runs: one card per run (its scheduler, then its settings from the table,
// the first ones shown and the rest under More options), plus Add a run.
import { SCHEDULERS, SETTING, plainHelp, shownAs } from '../model/settings.js';
import { MAX_RUNS, MIN_RUNS, STYLES, mainKeys, schedulerSettings } from '../model/compare-runs.js';
import { make } from './dom.js';

/**
 * A label + control for setting s of run i, whose scheduler is `scheduler`; select options and help
 * come from the table, as that scheduler reads the setting (CyclicLR's `mode` is its cycle shape).
 */
function field(i, s, scheduler) {
  const id = `compare-${i}-${s.key}`;
  const shown = shownAs(s, scheduler);
  const help = plainHelp({ ...s, help: shown.help });
  const control =
    s.kind === 'select'
      ? make(
          'select',
          { id, name: s.key },
          s.options
            .filter(([value]) => !shown.choices || shown.choices.includes(value))
            .map(([value, text]) => make('option', { value, textContent: text })),
        )
      : make('input', {
          id,
          name: s.key,
          type: 'text',
          inputMode: s.core.kind === 'text' ? 'text' : 'decimal',
          autocomplete: 'off',
        });
  control.dataset.testid = `compare-${i}-param-${s.key}`;
  control.title = help;
  control.setAttribute('aria-describedby', `${id}-err`);
  const label = make('label', { htmlFor: id }, [make('code', { textContent: s.code ?? s.key })]);
  label.title = `${shown.label}: ${help}`;
  const error = make('p', { className: 'field-error', id: `${id}-err`, hidden: true });
  return make('div', { className: `run-field run-field-${s.kind}` }, [label, control, error]);
}

/** The editor of compared runs: one card per run, plus Add. Values are committed on change. */
export class RunEditors {
  #configs = [];
  #cards = [];

  /** on: { change(i, key, value), add(), remove(i) }. */
  constructor(root, on) {
    this.root = root;
    this.on = on;
    this.list = make('div', { className: 'run-list' });
    this.addButton = make('button', {
      type: 'button',
      className: 'btn btn-small run-add',
      textContent: '+ Add a run',
    });
    this.addButton.dataset.testid = 'compare-add';
    this.addButton.addEventListener('click', () => on.add());
    root.append(this.list, this.addButton);
    root.addEventListener('change', (e) => {
      const card = e.target.closest('[data-run]');
      if (card && e.target.name) this.#commit(Number(card.dataset.run), e.target.name);
    });
    // Enter fires `change` (committed above) and `submit`, which must not commit a second time.
    root.addEventListener('submit', (e) => e.preventDefault());
  }

  /**
   * Shows the applied configurations; a field being edited or holding an error keeps its text.
   * slots[i]: which of STYLES run i wears (its letter and colour stay when another run is removed).
   */
  setConfigs(configs, slots = configs.map((_, i) => i)) {
    this.#configs = configs.map((c) => ({ ...c }));
    this.#cards = configs.map((c, i) => {
      const card = this.#cards[i];
      return card?.scheduler === c.scheduler && card.slot === slots[i]
        ? card
        : this.#card(i, c.scheduler, slots[i]);
    });
    this.list.replaceChildren(...this.#cards.map((c) => c.node));
    this.#cards.forEach((card, i) => {
      for (const [key, control] of Object.entries(card.controls)) {
        if (control === document.activeElement || card.errors[key].textContent) continue;
        control.value = configs[i][key];
      }
      card.removeButton.hidden = configs.length <= MIN_RUNS;
    });
    this.addButton.hidden = configs.length >= MAX_RUNS;
  }

  /** Forgets the cards (and their errors): the next setConfigs builds them afresh. */
  clear() {
    this.#cards = [];
  }

  /** Commits every field whose text differs from the applied value (before Step and friends). */
  flush() {
    this.#cards.forEach((card, i) => {
      for (const key of Object.keys(card.controls)) this.#commit(i, key);
    });
  }

  setError(i, key, message) {
    const card = this.#cards[i];
    const control = card?.controls[key];
    if (!control) return;
    card.errors[key].textContent = message;
    card.errors[key].hidden = false;
    control.setAttribute('aria-invalid', 'true');
    if (card.more.contains(control)) card.more.open = true;
  }

  clearError(i, key) {
    const card = this.#cards[i];
    if (!card?.controls[key]) return;
    card.errors[key].textContent = '';
    card.errors[key].hidden = true;
    card.controls[key].removeAttribute('aria-invalid');
  }

  #commit(i, key) {
    const control = this.#cards[i]?.controls[key];
    const value = control?.value.trim();
    if (value === undefined) return;
    if (value === String(this.#configs[i][key])) this.clearError(i, key);
    else this.on.change(i, key, value);
  }

  #card(i, scheduler, slot) {
    const style = STYLES[slot];
    const pick = field(i, {
      ...SETTING.scheduler,
      code: 'scheduler',
      label: 'Scheduler',
      help: 'The scheduler this run uses.',
      options: SETTING.scheduler.options.map(([value]) => [value, SCHEDULERS[value].name]),
    });
    pick.querySelector('select').dataset.testid = `compare-${i}-scheduler`;
    pick.classList.add('run-pick');
    const removeButton = make('button', {
      type: 'button',
      className: 'run-remove',
      textContent: '\u00d7',
      title: `Remove run ${style.letter}`,
    });
    removeButton.setAttribute('aria-label', `Remove run ${style.letter}`);
    removeButton.dataset.testid = `compare-${i}-remove`;
    removeButton.addEventListener('click', () => this.on.remove(i));
    const key = make('span', { className: 'run-key', textContent: style.letter });
    const title = make('span', { className: 'run-title', textContent: `Run ${style.letter}` });
    const head = make('div', { className: 'run-head' }, [key, title, removeButton]);
    const main = mainKeys(scheduler);
    const fields = schedulerSettings(scheduler).map((s) => [s, field(i, s, scheduler)]);
    const more = make('details', { className: 'run-more' }, [
      make('summary', { textContent: 'More options' }),
      make(
        'div',
        { className: 'run-fields' },
        fields.filter(([s]) => !main.includes(s.key)).map(([, f]) => f),
      ),
    ]);
    const mainFields = make(
      'div',
      { className: 'run-fields' },
      fields.filter(([s]) => main.includes(s.key)).map(([, f]) => f),
    );
    const node = make('div', { className: 'run-config' }, [head, pick, mainFields]);
    if (fields.length > main.length) node.append(more);
    node.dataset.run = String(i);
    node.dataset.testid = `compare-run-${i}`;
    node.style.setProperty('--run-color', style.color);
    const controls = Object.fromEntries(
      [pick, ...fields.map(([, f]) => f)].map((f) => {
        const control = f.querySelector('input, select');
        return [control.name, control];
      }),
    );
    const errors = Object.fromEntries(
      Object.entries(controls).map(([k, c]) => [k, c.parentNode.querySelector('.field-error')]),
    );
    return { scheduler, slot, node, controls, errors, more, removeButton };
  }
}
