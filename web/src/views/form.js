// The settings form, built from settings.js's SETTINGS (the core's table with the page's labels): one
// labelled input per setting with its explanation, only the fields that apply to the chosen scheduler
// (and optimizer), and an error message beside any rejected value (or beside the setting the core's
// refusal names, views/refusal.js).
import {
  SETTINGS,
  appliesTo,
  countsSteps,
  inSteps,
  shownAs,
  withLimits,
} from '../model/settings.js';
import { make } from './dom.js';
import { causedText, explainedAt, pointerParts } from './refusal.js';

// A field's help and error; a refused field's also the error it points to (views/refusal.js).
const describedBy = (key, at = key) => `help-${key} err-${key}${at === key ? '' : ` err-${at}`}`;

function input(s) {
  const common = { id: `param-${s.key}`, name: s.key };
  let node;
  if (s.kind === 'select') {
    node = make(
      'select',
      common,
      s.options.map(([value, text]) => make('option', { value, textContent: text })),
    );
  } else if (s.kind === 'checkbox') {
    node = make('input', { ...common, type: 'checkbox' });
  } else {
    // Free text, not type=number: the core validates and explains, and "abc" must reach it.
    node = make('input', {
      ...common,
      type: 'text',
      // Numbers and number lists get a number keypad; a text setting (a schedule) a full one.
      inputMode: s.core.kind === 'text' ? 'text' : 'decimal',
      autocomplete: 'off',
      spellcheck: false,
    });
  }
  node.dataset.testid = s.key === 'scheduler' ? 'scheduler' : `param-${s.key}`;
  node.setAttribute('aria-describedby', describedBy(s.key));
  return node;
}

// {trainSize} / {valSize} / {samples} become spans that views/mode.js's showSizes() fills with the
// run's split sizes and its data set's noun; {maxEpochs} and the other limits are the core's limits().
const SIZE_CLASS = { trainSize: 'train-size', valSize: 'val-size', samples: 'samples' };
function helpParts(text) {
  return withLimits(text)
    .split(/\{(trainSize|valSize|samples)\}/)
    .map((part, i) => (i % 2 ? make('span', { className: SIZE_CLASS[part] }) : part));
}

function field(s) {
  const control = input(s);
  const name = make('span', { className: 'label-text', textContent: inSteps(s.label) });
  const code = s.code ? [' ', make('code', { textContent: s.code })] : [];
  const label =
    s.kind === 'checkbox'
      ? make('label', { className: 'check', htmlFor: control.id }, [control, name, ...code])
      : make('label', { htmlFor: control.id }, [name, ...code]);
  const help = make('p', { className: 'help', id: `help-${s.key}` }, helpParts(inSteps(s.help)));
  // The chosen option's meaning (settings.js `about`): the option itself shows only its name.
  if (s.about) help.append(' ', make('span', { className: 'choice-about' }));
  const error = make('p', { className: 'field-error', id: `err-${s.key}`, hidden: true });
  // The label, then the rest in one box: the grid lines the boxes of a row up (settings.css).
  const body = s.kind === 'checkbox' ? [help, error] : [control, help, error];
  return make('div', { className: `field field-${s.kind}` }, [
    label,
    make('div', { className: 'field-body' }, body),
  ]);
}

// Scheduler fields that stay while the PyTorch line sets the scheduler: the choice itself (to go
// back to the fields), the metric passed to scheduler.step(), and the line; the others are the
// line's arguments. Of these, a field some scheduler owns (the metric: ReduceLROnPlateau's, says the
// core's appliesTo) shows only when the line calls that scheduler.
const KEPT_BY_LINE = new Set(['scheduler', 'monitor', 'schedule']);
const BY_LINE = 'by-line'; // the scheduler select's value while the line sets the scheduler

export class SettingsForm {
  #applied = {};
  // key -> { value, message, at }: the core refused `value` typed in field `key`; its message shows
  // beside field `at`, the setting the refusal names when that one is on screen, else `key`.
  #errors = new Map();
  #lineSchedulers = null; // the line's scheduler choices while it sets the scheduler, else null

  /** onChange(key, value): a field was committed with a value that differs from the applied one. */
  constructor(form, errorBox, { onChange }) {
    Object.assign(this, { form, errorBox, onChange });
    this.fields = {};
    for (const s of SETTINGS) {
      const node = field(s);
      this.fields[s.key] = {
        setting: s,
        node,
        control: node.querySelector(`#param-${s.key}`),
        error: node.querySelector('.field-error'),
      };
      form.querySelector(`[data-fields="${s.group}"]`).append(node);
    }
    // Says when the PyTorch line, not the fields, sets the run's scheduler (showScheduleSource).
    this.scheduleNote = make('p', {
      className: 'field-note',
      hidden: true,
      textContent:
        'The scheduler is set by the PyTorch line below: it is not one of these fields\u2019 ' +
        'schedulers. Choosing a scheduler here goes back to the fields.',
    });
    this.scheduleNote.dataset.testid = 'schedule-note';
    this.fields.scheduler.node.after(this.scheduleNote);
    // While the line sets the scheduler the select says so, rather than showing the fields' old one.
    this.lineOption = make('option', {
      value: BY_LINE,
      textContent: 'set by the PyTorch line',
      disabled: true,
      hidden: true,
    });
    this.fields.scheduler.control.prepend(this.lineOption);
    this.fields.schedule.control.placeholder = 'no scheduler: a constant rate';
    // The 'other' group (core settings the page has no line for) shows only when it has fields.
    const other = form.querySelector('[data-group="other"]');
    if (other) other.hidden = !SETTINGS.some((s) => s.group === 'other');
    form.addEventListener('change', (e) => e.target.name && this.#commit(e.target.name));
    // Enter in a field fires `change` (committed above) and `submit`: applying it again on submit
    // started a second run ("warmup = 5 (was 5)").
    form.addEventListener('submit', (e) => e.preventDefault());
  }

  /** Show `values` as the applied settings. A field with an error keeps the rejected text. */
  setValues(values) {
    this.#applied = { ...values };
    for (const [key, f] of Object.entries(this.fields)) {
      if (this.#errors.has(key)) continue;
      if (f.setting.kind === 'checkbox')
        f.control.checked = values[key] === true || values[key] === 'true';
      else f.control.value = String(values[key]);
    }
    if (this.#byLine) this.fields.scheduler.control.value = BY_LINE;
    this.#showFields(values);
  }

  /**
   * Where the run's scheduler comes from: null for the fields, or, when the PyTorch line (the
   * `schedule` setting) sets it, the scheduler choices the line calls (RunHandle.lineSchedulers,
   * e.g. ['step', 'exp']). Then the select says so and the fields' own scheduler settings, which the
   * run does not use, are hidden.
   */
  showScheduleSource(lineSchedulers) {
    this.#lineSchedulers = lineSchedulers;
    const byLine = this.#byLine;
    this.scheduleNote.hidden = !byLine;
    this.lineOption.hidden = !byLine;
    const select = this.fields.scheduler.control;
    if (byLine) select.value = BY_LINE;
    else if (select.value === BY_LINE) select.value = String(this.#applied.scheduler);
    this.#showFields(this.#applied);
  }

  get #byLine() {
    return this.#lineSchedulers !== null;
  }

  value(key) {
    const f = this.fields[key];
    if (f.control.value === BY_LINE) return this.#applied[key]; // not a choice: nothing to commit
    return f.setting.kind === 'checkbox' ? f.control.checked : f.control.value.trim();
  }

  /**
   * The fields that apply to the chosen scheduler and optimizer (the core's appliesTo).
   * start_factor is LinearLR's own (before end_factor) or the warm-up's: then it follows the
   * warm-up field and shows only when there is a warm-up.
   */
  #showFields(values) {
    for (const f of Object.values(this.fields)) {
      const s = f.setting;
      f.node.hidden =
        this.#byLine && s.group === 'scheduler'
          ? !(KEPT_BY_LINE.has(s.key) && this.#usedByLine(s, values))
          : !appliesTo(s, values);
      // A count of scheduler steps reads as epochs or optimizer steps, as the run steps it.
      if (s.by || countsSteps(s))
        this.#showAs(f, shownAs(s, values.scheduler, values.scheduler_step));
      if (s.about) this.#showAbout(f, values.scheduler_step);
    }
    const { start_factor: start, end_factor: end, warmup } = this.fields;
    if (values.scheduler === 'linear') end.node.before(start.node);
    else {
      warmup.node.after(start.node);
      start.node.hidden ||= Number(values.warmup) === 0 || this.#byLine;
    }
  }

  /**
   * A setting two schedulers share shown as the chosen one's: CyclicLR's `mode` was "Better is",
   * explained as min or max for a loss, beside its triangular choices.
   */
  #showAs(f, { label, help, choices }) {
    f.node.querySelector('.label-text').textContent = label;
    const about = f.node.querySelector('.choice-about');
    f.node
      .querySelector('.help')
      .replaceChildren(...helpParts(help), ...(about ? [' ', about] : []));
    for (const option of f.control.options ?? [])
      option.hidden = Boolean(choices) && !choices.includes(option.value);
  }

  /**
   * "<code>AdamW</code>: Adam with decoupled weight decay." for the chosen option, if it has one
   * ("<code>StepLR</code>: cut every step_size optimizer steps." when the scheduler steps per batch).
   */
  #showAbout(f, schedulerStep) {
    const option = f.control.selectedOptions[0];
    const about = inSteps(f.setting.about[f.control.value], schedulerStep);
    f.node
      .querySelector('.choice-about')
      .replaceChildren(
        ...(option && about
          ? [make('code', { textContent: option.textContent }), `: ${about}.`]
          : []),
      );
  }

  /** Whether one of the line's schedulers uses setting `s` (the core's appliesTo). */
  #usedByLine(s, values) {
    if (!s.core.appliesTo.scheduler) return appliesTo(s, values);
    return this.#lineSchedulers.some((scheduler) => appliesTo(s, { ...values, scheduler }));
  }

  /** Commits every field whose text differs from the applied value (before Step and friends). */
  flush() {
    for (const key of Object.keys(this.fields)) this.#commit(key);
  }

  /**
   * The core refused `value` typed in field `key` with `error`: its message goes beside the field the
   * Error's `setting` names when that one is on screen (its folded section opened), and the changed
   * field points there; else beside `key`.
   */
  refuse(key, value, error) {
    const at = explainedAt(key, error, (k) => this.#shown(k));
    this.#errors.set(key, { value, message: error.message, at });
    if (at !== key) this.fields[at].node.closest('details')?.setAttribute('open', '');
    this.#renderErrors();
  }

  /**
   * Field `key` took a new value: the values refused because of it (explained beside it) are tried
   * again, each committed as if typed now (the epochs a too small total_steps refused, once
   * total_steps is raised); so are those explained beside a field the change hid (total_steps once
   * the scheduler is no longer OneCycleLR).
   */
  retryRefusedAt(key) {
    for (const [k, { at }] of [...this.#errors])
      if (at !== k && (at === key || !this.#shown(at))) this.#commit(k);
  }

  /** Whether field `key` is on screen (it applies to the chosen scheduler and optimizer). */
  #shown(key) {
    return key in this.fields && !this.fields[key].node.hidden;
  }

  clearErrors() {
    this.#errors.clear();
    this.#renderErrors();
  }

  clearError(key) {
    this.#errors.delete(key);
    this.#renderErrors();
  }

  #commit(key) {
    if (!(key in this.fields)) return;
    const value = this.value(key);
    if (String(value) === String(this.#applied[key])) {
      // flush() commits every field: redrawing every error for each would be fields² DOM writes.
      if (this.#errors.has(key)) this.clearError(key);
      return;
    }
    this.onChange(key, value);
  }

  #renderErrors() {
    const errors = [...this.#errors];
    for (const [key, f] of Object.entries(this.fields)) {
      const own = this.#errors.get(key);
      const at = own?.at ?? key;
      const parts = at === key ? [] : pointerParts(this.#label(at), this.fields[at].control);
      const here = errors.filter(([, e]) => e.at === key).map(([k, e]) => this.#text(k, e));
      if (here.length) parts.push(parts.length ? ' ' : '', here.join('. '));
      f.error.replaceChildren(...parts);
      f.error.hidden = parts.length === 0;
      if (parts.length) f.control.setAttribute('aria-invalid', 'true');
      else f.control.removeAttribute('aria-invalid');
      f.control.setAttribute('aria-describedby', describedBy(key, at));
    }
    const messages = errors.map(([k, e]) => this.#text(k, e));
    this.errorBox.hidden = messages.length === 0;
    this.errorBox.textContent = messages.length
      ? `${messages.join('. ')}. The charts keep the last valid run; fix the value to start a new one.`
      : '';
  }

  /** A refusal's words: the core's message, saying which change it refused when shown elsewhere. */
  #text(key, { value, message, at }) {
    return at === key ? message : causedText(key, value, message);
  }

  /** Field `key`'s label as shown (a setting two schedulers share is shown as the chosen one's). */
  #label(key) {
    return this.fields[key].node.querySelector('.label-text').textContent;
  }
}
