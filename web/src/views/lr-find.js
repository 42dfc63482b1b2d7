// "Find a learning rate": the core's LR range test (`lrplay lr-find`) for the settings on screen,
// run by the worker as a request of its own, so the run on screen and its charts stay as they are.
// The card holds the action and the range test's settings; the chart, the suggestion and the Use
// buttons are made the first time a result arrives. The settings the core accepted belong to the
// page (they go in its link: model/links.js's rangeToHash); the card shows them and reports changes.
import { make } from './dom.js';
import { LrFindChart } from './lr-find-chart.js';
import { loadChartJs } from './chartjs-loader.js';
import { suggestionText } from '../model/lr-find.js';

const LABELS = {
  start_lr: 'First rate',
  end_lr: 'Last rate',
  num_iter: 'Batches',
  step_mode: 'Growth',
  smooth_f: 'Smoothing',
  diverge_th: 'Stop at',
};

const HOW_TO_READ =
  'Read the smoothed line from left to right: flat while the rate is too small to matter, falling ' +
  'once it starts to work, turning up when it is too large. The triangle marks where it falls ' +
  'fastest: a starting point for your own runs, not a final answer.';

export class LrFindView {
  /**
   * before: the element the card goes in front of; settings: the core's lrFindSettings() ({ key,
   * default, help, choices }); queue(task): runs a task in the page's engine queue; find(range):
   * resolves to the core's result for the settings on screen; use(kind, rate): kind 'lr' or
   * 'max_lr'; picture(): { title, subtitle } of the PNG; save(name, blob): downloads it;
   * check(range): resolves when the core accepts the range test's settings, rejects with its
   * message; applied(): the range test's settings the core last accepted (every setting, as text),
   * which the card shows when it is made; onApplied(range): a field was committed with settings the
   * core accepts that differ from applied().
   */
  constructor(before, { settings, queue, find, use, picture, save, check, applied, onApplied }) {
    Object.assign(this, { settings, queue, find, use, picture, save, check, applied, onApplied });
    this.fields = {};
    const shown = applied();
    const fields = make(
      'div',
      { className: 'fields' },
      settings.map((s) => this.#field(s, shown[s.key])),
    );
    this.button = make('button', {
      type: 'button',
      className: 'btn',
      textContent: 'Find a learning rate',
    });
    this.button.dataset.testid = 'lr-find';
    this.button.addEventListener('click', () => this.run());
    this.error = make('p', { className: 'field-error', hidden: true });
    this.error.setAttribute('role', 'alert');
    this.error.dataset.testid = 'lr-find-error';
    this.card = make('section', { className: 'card lr-find-card', id: 'lr-find' }, [
      make('h2', {
        className: 'card-title',
        id: 'lr-find-title',
        textContent: 'Find a learning rate',
      }),
      make('p', {
        className: 'help',
        textContent:
          'The range test trains a fresh copy of the model with the settings above, one batch per ' +
          'rate, the rate growing from the first to the last. Your run stays as it is.',
      }),
      make('div', { className: 'share-row' }, [this.button]),
      make('details', { className: 'lr-find-more' }, [
        make('summary', { textContent: 'Range-test settings' }),
        fields,
      ]),
      this.error,
    ]);
    this.card.setAttribute('aria-labelledby', 'lr-find-title');
    before.before(this.card);
    this.result = null; // the last answer
    this.chart = null; // made with the first answer
  }

  #field(s, value) {
    const id = `lr-find-param-${s.key}`;
    const control = s.choices.length
      ? make(
          'select',
          { id },
          s.choices.map((c) => make('option', { value: c, textContent: c })),
        )
      : make('input', { id, type: 'text', inputMode: 'decimal', autocomplete: 'off' });
    control.value = value;
    control.addEventListener('change', () => this.#commit());
    control.dataset.testid = id;
    control.setAttribute('aria-describedby', `${id}-help ${id}-error`);
    const error = make('p', { className: 'field-error', id: `${id}-error`, hidden: true });
    this.fields[s.key] = { control, error };
    return make('div', { className: 'field' }, [
      make('label', { htmlFor: id }, [
        make('span', { className: 'label-text', textContent: LABELS[s.key] ?? s.key }),
        ' ',
        make('code', { textContent: s.key }),
      ]),
      make('div', { className: 'field-body' }, [
        control,
        make('p', { className: 'help', id: `${id}-help`, textContent: s.help }),
        error,
      ]),
    ]);
  }

  /** The range test's settings as typed (the core checks them). */
  range() {
    return Object.fromEntries(
      Object.entries(this.fields).map(([key, f]) => [key, f.control.value.trim()]),
    );
  }

  /** A field changed: the core checks the settings; accepted and new, they go to onApplied. */
  #commit() {
    const range = this.range();
    this.queue(async () => {
      try {
        await this.check(range);
      } catch (error) {
        this.#showError(error);
        return;
      }
      this.#showError(null);
      const applied = this.applied();
      if (Object.entries(range).every(([key, value]) => applied[key] === value)) return;
      this.onApplied(range);
    });
  }

  run() {
    const range = this.range();
    this.button.disabled = true;
    this.queue(async () => {
      try {
        const result = await this.find(range);
        await loadChartJs(); // in long before, unless a click came first
        this.#show(result);
        this.#showError(null);
      } catch (error) {
        this.#showError(error);
      } finally {
        this.button.disabled = false;
      }
    });
  }

  /** The core's Error beside the field its `setting` names, or under the card (null: none). */
  #showError(error) {
    const message = error?.message ?? '';
    const key = error && Object.hasOwn(this.fields, error.setting ?? '') ? error.setting : null;
    for (const [k, f] of Object.entries(this.fields)) {
      f.error.hidden = k !== key;
      f.error.textContent = k === key ? message : '';
      if (k === key) f.control.setAttribute('aria-invalid', 'true');
      else f.control.removeAttribute('aria-invalid');
    }
    if (key) this.card.querySelector('details').open = true;
    this.error.hidden = !message || Boolean(key);
    this.error.textContent = message && !key ? message : '';
  }

  /** The chart, sentence and buttons: made once, with the first result. */
  #makeResult() {
    const canvas = make('canvas');
    canvas.setAttribute('role', 'img');
    canvas.dataset.testid = 'lr-find-chart';
    canvas.setAttribute('aria-label', 'Loss against the learning rate in the range test');
    this.suggestion = make('p', { className: 'lr-find-suggestion' });
    this.suggestion.setAttribute('role', 'status');
    this.suggestion.dataset.testid = 'lr-find-suggestion';
    const button = (testid, text, onClick) => {
      const b = make('button', { type: 'button', className: 'btn btn-small', textContent: text });
      b.dataset.testid = testid;
      b.addEventListener('click', onClick);
      return b;
    };
    this.useButtons = make('div', { className: 'share-row' }, [
      button('lr-find-use-lr', 'Use as the learning rate', () =>
        this.use('lr', this.result.suggestion),
      ),
      button('lr-find-use-max-lr', 'Use as OneCycleLR\u2019s max_lr', () =>
        this.use('max_lr', this.result.suggestion),
      ),
    ]);
    const png = button('lr-find-png', 'Chart as PNG', async () =>
      this.save('lrplay-lr-find.png', await this.chart.png(this.picture())),
    );
    // The chart's key, as the epoch charts show theirs in their card heads (Chart.js's legend
    // draws only in the PNG).
    const cut = make('span', { className: 'mark-cut', textContent: '\u25b2' });
    cut.setAttribute('aria-hidden', 'true');
    const entry = (mark, text) => make('span', {}, [mark, text]);
    const legend = make('p', { className: 'lr-find-key' }, [
      entry(make('span', { className: 'key key-train' }), 'smoothed loss'),
      ', ',
      entry(make('span', { className: 'key key-raw' }), 'loss of each batch'),
      ', ',
      entry(cut, ' suggested rate'),
    ]);
    legend.dataset.testid = 'lr-find-key';
    this.card.append(
      legend,
      make('div', { className: 'canvas-box lr-find-box' }, [canvas]),
      this.suggestion,
      make('p', { className: 'help', textContent: HOW_TO_READ }),
      this.useButtons,
      make('div', { className: 'share-row' }, [png]),
    );
    this.chart = new LrFindChart(canvas);
  }

  #show(result) {
    if (!this.chart) this.#makeResult();
    this.result = result;
    this.chart.show(result);
    this.suggestion.textContent = suggestionText(result);
    if (result.suggestion === null) delete this.suggestion.dataset.value;
    else this.suggestion.dataset.value = String(result.suggestion);
    this.useButtons.hidden = result.suggestion === null;
  }

  /** For tests: what the chart draws, or null before the first result. */
  describe() {
    return this.chart?.describe() ?? null;
  }
}
