// The editor of compared runs: one card per run (its scheduler, then its settings from the table,
// the first ones shown and the rest under More options), plus Add a run.
import { SCHEDULERS, SETTING, plainHelp, shownAs } from '../model/settings.js';
import { MAX_RUNS, MIN_RUNS, STYLES, mainKeys, schedulerSettings } from '../model/compare-runs.js';
import { make } from './dom.js';
import { causedText, explainedAt, pointerParts } from './refusal.js';

/**
 * A label + control for setting s of run i, whose scheduler is `scheduler`, stepped per
 * `schedulerStep`; select options and help come from the table, as that scheduler reads the setting
 * (CyclicLR's `mode` is its cycle shape), counted in its steps (epochs or optimizer steps).
 */
function field(i, s, scheduler, schedulerStep) {
  const id = `compare-${i}-${s.key}`;
  const shown = shownAs(s, scheduler, schedulerStep);
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
  control.setAttribute('aria-describedby', `${id}-err`); // and the error it points to, if refused
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
      return card?.scheduler === c.scheduler &&
        card.schedulerStep === c.scheduler_step &&
        card.slot === slots[i]
        ? card
        : this.#card(i, c.scheduler, slots[i], c.scheduler_step);
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

  /**
   * The core refused `value` typed in run i's field `key` with `error`: its message goes beside the
   * card's field the Error's `setting` names, if the card has it (the changed field then points
   * there), else beside `key`.
   */
  refuse(i, key, value, error) {
    const card = this.#cards[i];
    if (!card?.controls[key]) return;
    this.clearError(i, key);
    const at = explainedAt(key, error, (k) => Boolean(card.controls[k]));
    card.refused.set(key, at);
    const text = at === key ? error.message : causedText(key, value, error.message);
    this.#show(card, at, [text]);
    if (at === key) return;
    const label = card.controls[at].labels?.[0]?.textContent ?? at;
    this.#show(card, key, pointerParts(label, card.controls[at]));
    card.controls[key].setAttribute(
      'aria-describedby',
      `${card.errors[key].id} ${card.errors[at].id}`,
    );
  }

  /**
   * Clears the refusal of the value typed in run i's `key`, beside its field and the field it named
   * (a refusal of another field explained beside `key` stays).
   */
  clearError(i, key) {
    const card = this.#cards[i];
    const at = card?.refused.get(key);
    if (!at) return;
    card.refused.delete(key);
    for (const k of new Set([key, at])) {
      card.errors[k].replaceChildren();
      card.errors[k].hidden = true;
      card.controls[k].removeAttribute('aria-invalid');
    }
    card.controls[key].setAttribute('aria-describedby', card.errors[key].id);
  }

  /**
   * Run i's field `key` took a new value: the values refused because of it (explained beside it) are
   * tried again, each committed as if typed now.
   */
  retryRefusedAt(i, key) {
    const card = this.#cards[i];
    for (const [k, at] of [...(card?.refused ?? [])])
      if (at === key && k !== key) this.#commit(i, k);
  }

  /** Shows `parts` as field `key`'s error, the field marked invalid and in view. */
  #show(card, key, parts) {
    card.errors[key].replaceChildren(...parts);
    card.errors[key].hidden = false;
    card.controls[key].setAttribute('aria-invalid', 'true');
    if (card.more.contains(card.controls[key])) card.more.open = true;
  }

  #commit(i, key) {
    const control = this.#cards[i]?.controls[key];
    const value = control?.value.trim();
    if (value === undefined) return;
    if (value === String(this.#configs[i][key])) this.clearError(i, key);
    else this.on.change(i, key, value);
  }

  #card(i, scheduler, slot, schedulerStep) {
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
    const fields = schedulerSettings(scheduler).map((s) => [
      s,
      field(i, s, scheduler, schedulerStep),
    ]);
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
    // key -> the field explaining the core's refusal of the value typed in `key` (refuse()).
    const refused = new Map();
    return { scheduler, schedulerStep, slot, node, controls, errors, refused, more, removeButton };
  }
}
