// The practice section after the lesson: one card per exercise (statement, optional answer field,
// Check, hint, done mark), the "k of n done" count and a reset. Checks read the run on screen through
// the RunLog; progress is kept in localStorage (exercises/progress.js).
import { EXERCISES } from '../exercises/exercises.js';
import { loadProgress, saveProgress } from '../exercises/progress.js';
import { verdictText } from '../exercises/checks.js';
import { PreviewCover } from './preview-cover.js';
import { PRESETS } from '../model/presets.js';
import { make as el } from './dom.js';
import { lessonSectionIds } from './lesson.js';

/** Our own text with `code` spans, built as nodes (never parsed as HTML). */
function rich(text) {
  return text.split('`').map((part, i) => (i % 2 ? el('code', { textContent: part }) : part));
}

function storageOrMemory() {
  try {
    return window.localStorage; // the getter itself throws where storage is blocked
  } catch {
    const memory = new Map();
    return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => memory.set(k, v) };
  }
}

export class PracticeView {
  #session = { divergence: null, resetAfter: false, predictions: {}, rangeTest: null };
  #covering = null; // the exercise whose prediction the covered preview would give away

  /** column: where the section goes (the lesson); log: the RunLog of the run on screen. */
  constructor(column, log) {
    this.log = log;
    this.cover = new PreviewCover(document.getElementById('preview'));
    this.storage = storageOrMemory();
    this.progress = loadProgress(
      this.storage,
      EXERCISES.map((e) => e.id),
    );
    this.cards = new Map();
    this.count = el('p', { className: 'practice-count' });
    this.count.setAttribute('aria-live', 'polite');
    this.count.dataset.testid = 'practice-progress';
    const resetButton = el('button', {
      type: 'button',
      className: 'btn btn-small',
      textContent: 'Reset progress',
    });
    resetButton.dataset.testid = 'practice-reset';
    resetButton.addEventListener('click', () => this.#resetProgress());
    const section = el('section', { id: 'practice', className: 'lesson-section practice' }, [
      // numbered after the lesson's sections (views/lesson.js numbers those by file order)
      el('h2', {
        textContent: `${lessonSectionIds(column).length + 1}. Practice`,
      }),
      el('p', {
        textContent:
          'Each exercise is checked against the run in the playground as it is now: set it up, train, then press Check. Your ticks and answers stay in this browser only.',
      }),
      el('div', { className: 'practice-bar' }, [this.count, resetButton]),
      el(
        'ol',
        { className: 'exercises' },
        EXERCISES.map((e) => this.#card(e)),
      ),
    ]);
    section.tabIndex = -1;
    column.append(section);
    this.section = section;
    log.subscribe((kind, _, record) => this.#observe(kind, record));
    // Made once Step is usable (main.js), possibly after epochs: those count as if observed. The
    // cards did not exist then, so the answers at epoch 1 were the stored ones.
    if (log.records.length || log.divergence) this.#firstEpoch();
    if (log.divergence) this.#diverged(log.divergence);
    // "#practice" links scroll here without touching the hash, which holds the settings.
    document.addEventListener('click', (e) => {
      if (!e.target.closest?.('a[href="#practice"]')) return;
      e.preventDefault();
      section.scrollIntoView({ block: 'start' });
      section.focus({ preventScroll: true });
    });
    this.#renderProgress();
  }

  #card(exercise) {
    const { id } = exercise;
    const result = el('p', { className: 'exercise-result' });
    result.setAttribute('role', 'status');
    result.dataset.testid = `result-${id}`;
    const mark = el('span', { className: 'done-mark', textContent: '\u2713 done' });
    const check = el('button', { type: 'button', className: 'btn btn-small btn-primary' }, [
      'Check',
      el('span', { className: 'visually-hidden', textContent: `: ${exercise.title}` }),
    ]);
    check.dataset.testid = `check-${id}`;
    check.addEventListener('click', () => this.#check(exercise));
    const actions = [check];
    if (exercise.preset) {
      const load = el('button', { type: 'button', className: 'btn btn-small' }, [
        'Load ',
        el('code', { textContent: exercise.preset }),
      ]);
      load.dataset.preset = exercise.preset; // the lesson column's preset handler loads it
      if (exercise.predictionEpoch) load.addEventListener('click', () => this.#cover(exercise));
      actions.unshift(load);
    }
    actions.push(
      el('a', { className: 'jump-link', href: '#playground', textContent: 'Playground \u2193' }),
    );
    const parts = [
      el('h3', {}, [exercise.title, ' ', mark]),
      el('p', {}, rich(exercise.statement)),
    ];
    if (exercise.answer) {
      const input = el('input', {
        type: 'text',
        id: `answer-${id}`,
        inputMode: 'decimal',
        autocomplete: 'off',
        spellcheck: false,
        placeholder: exercise.answer.placeholder,
        value: this.progress.answers[id] ?? '',
        maxLength: 100,
      });
      input.dataset.testid = `answer-${id}`;
      input.addEventListener('input', () => {
        this.progress.answers[id] = input.value;
        saveProgress(this.storage, this.progress);
      });
      parts.push(
        el('div', { className: 'exercise-answer' }, [
          el('label', { htmlFor: input.id, textContent: exercise.answer.label }),
          input,
        ]),
      );
    }
    parts.push(
      el('div', { className: 'exercise-actions' }, actions),
      result,
      el('details', { className: 'exercise-hint' }, [
        el('summary', { textContent: 'Hint' }),
        el('p', {}, rich(exercise.hint)),
      ]),
    );
    const card = el('li', { className: 'exercise' }, parts);
    card.dataset.testid = `exercise-${id}`;
    this.cards.set(id, { card, result, input: card.querySelector('input') });
    return card;
  }

  /** The latest range test of this visit ({ settings, suggestion }), for the find-lr check. */
  rangeTest(settings, suggestion) {
    this.#session.rangeTest = { settings: { ...settings }, suggestion };
  }

  #observe(kind, record) {
    if (kind === 'record' && record.epoch === 1) this.#firstEpoch();
    if (kind !== 'record') this.#session.predictions = {};
    if (kind === 'new' && this.#covering && !this.#onPreset(this.#covering)) this.#uncover();
    if (kind === 'record' && record.diverged) this.#diverged(record);
    else if (kind === 'reset' && this.#session.divergence) this.#session.resetAfter = true;
  }

  /** A prediction counts only as it stood before the run's first epoch. */
  #firstEpoch() {
    this.#session.predictions = { ...this.progress.answers };
  }

  /** The run diverged at record.epoch (a divergence record). */
  #diverged(record) {
    this.#session.divergence = { epoch: record.epoch, lr: this.log.settings.lr };
    this.#session.resetAfter = false;
  }

  #cover(exercise) {
    this.#covering = exercise;
    this.cover.cover(exercise.title);
  }

  #uncover() {
    this.#covering = null;
    this.cover.uncover();
  }

  /** Whether the run on screen still has the settings `exercise`'s preset sets. */
  #onPreset(exercise) {
    const wanted = PRESETS[exercise.preset].settings;
    return Object.entries(wanted).every(([key, value]) => this.log.settings[key] === value);
  }

  #check(exercise) {
    const log = this.log;
    const verdict = exercise.check({
      settings: log.settings,
      records: log.records,
      divergence: log.divergence,
      over: log.over,
      answer: this.progress.answers[exercise.id] ?? '',
      session: this.#session,
    });
    // From this epoch on the check compares the prediction with the run: nothing left to give away.
    if (exercise.predictionEpoch && log.records.length >= exercise.predictionEpoch) this.#uncover();
    const { result } = this.cards.get(exercise.id);
    result.dataset.verdict = verdict.pass ? 'pass' : 'fail';
    result.textContent = verdictText(verdict);
    if (verdict.pass && !this.progress.done.has(exercise.id)) {
      this.progress.done.add(exercise.id);
      saveProgress(this.storage, this.progress);
      this.#renderProgress();
    }
  }

  #resetProgress() {
    this.progress = { done: new Set(), answers: {} };
    saveProgress(this.storage, this.progress);
    for (const { result, input } of this.cards.values()) {
      result.textContent = '';
      delete result.dataset.verdict;
      if (input) input.value = '';
    }
    this.#renderProgress();
  }

  #renderProgress() {
    for (const [id, { card }] of this.cards) card.dataset.done = String(this.progress.done.has(id));
    this.count.textContent = `${this.progress.done.size} of ${EXERCISES.length} done`;
  }
}
