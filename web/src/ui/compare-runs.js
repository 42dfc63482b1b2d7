// Compare mode's runs: what each compared configuration is (a scheduler and its settings, read from
// the table in settings.js), how it is named and drawn, and the small editor of each one.
import {
  COMPARE_KEYS,
  MAX_HASH,
  SCHEDULERS,
  SETTINGS,
  defaultFor,
  hashProblem,
} from './settings.js';

export const MIN_RUNS = 2;
export const STYLES = [
  { letter: 'A', color: '#2563eb', dash: [] },
  { letter: 'B', color: '#ea580c', dash: [7, 4] },
  { letter: 'C', color: '#059669', dash: [2, 3] },
];
export const MAX_RUNS = STYLES.length;

// The settings shown first in a run's editor (and in its name); the scheduler's others go under "More".
const MAIN = { plateau: ['factor', 'patience'], step: ['step_size', 'gamma'], exp: ['gamma'] };
const schedulerSettings = (scheduler) =>
  SETTINGS.filter((s) => s.group === 'scheduler' && s.for?.includes(scheduler));
const mainKeys = (scheduler) =>
  MAIN[scheduler] ??
  schedulerSettings(scheduler)
    .filter((s) => s.kind === 'number')
    .map((s) => s.key);

/** A run's configuration: the scheduler and every one of its settings (defaults unless overridden). */
export function schedulerConfig(scheduler, overrides = {}) {
  const config = { scheduler };
  for (const s of schedulerSettings(scheduler)) config[s.key] = defaultFor(s.key, scheduler);
  return { ...config, ...overrides };
}

/** The lesson's three schedulers, each with the lesson's settings. */
export const defaultConfigs = () => [
  schedulerConfig('plateau'),
  schedulerConfig('step', { step_size: '30', gamma: '0.1' }),
  schedulerConfig('exp', { gamma: '0.95' }),
];

/** A run's full settings: the shared ones (training, network, data) with its own scheduler. */
export function runSettings(shared, config) {
  const settings = Object.fromEntries(
    SETTINGS.filter((s) => s.group !== 'scheduler').map((s) => [s.key, shared[s.key]]),
  );
  return { ...settings, ...config };
}

const RUN_KEYS = COMPARE_KEYS.slice(1); // runA, runB, runC

/**
 * Compare mode as hash entries ("compare=1&runA=scheduler:plateau&runB=scheduler:step,step_size:20"):
 * each run's scheduler and the settings that differ from that scheduler's defaults.
 */
export function compareHash(configs) {
  const params = new URLSearchParams({ compare: '1' });
  configs.forEach((config, i) => {
    const { scheduler } = config;
    const parts = [`scheduler:${scheduler}`];
    for (const s of schedulerSettings(scheduler))
      if (String(config[s.key]) !== String(defaultFor(s.key, scheduler)))
        parts.push(`${s.key}:${config[s.key]}`);
    params.set(RUN_KEYS[i], parts.join(','));
  });
  return params.toString();
}

/** One run entry ("scheduler:step,step_size:20") as a config, or the reason it is unusable. */
function parseRun(text) {
  const pairs = text.split(',').map((p) => p.split(':'));
  if (pairs.some((p) => p.length !== 2)) return { why: 'not key:value pairs separated by commas' };
  const entries = new Map();
  for (const [key, value] of pairs) {
    if (entries.has(key)) return { why: `${key} given twice` };
    entries.set(key, value);
  }
  const scheduler = entries.get('scheduler');
  if (!scheduler || !Object.hasOwn(SCHEDULERS, scheduler))
    return { why: `no scheduler among ${Object.keys(SCHEDULERS).join(', ')}` };
  entries.delete('scheduler');
  const allowed = schedulerSettings(scheduler);
  const overrides = {};
  for (const [key, value] of entries) {
    const s = allowed.find((a) => a.key === key);
    if (!s) return { why: `${key} is not a setting of ${SCHEDULERS[scheduler].name}` };
    const problem = hashProblem(s, value);
    if (problem) return { why: `${key}: ${problem}` };
    overrides[key] = value;
  }
  return { config: schedulerConfig(scheduler, overrides) };
}

/**
 * A URL hash's compare part: { on, configs, ignored }. on: the link asks for compare mode; configs:
 * its runs, or the default three when any entry is unusable (then named in ignored as
 * [{ key, value, why }]). Untrusted text, never markup.
 */
export function parseCompareHash(hash) {
  // An overlong hash is ignored as a whole by parseHash (and named there).
  if (hash.length > MAX_HASH) return { on: false, configs: defaultConfigs(), ignored: [] };
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const ignored = [];
  const flag = params.getAll('compare');
  const runs = RUN_KEYS.map((key) => params.getAll(key));
  const present = runs.some((r) => r.length);
  if (!flag.length) {
    if (present) ignored.push({ key: 'compared runs', value: '', why: 'no compare=1' });
    return { on: false, configs: defaultConfigs(), ignored };
  }
  if (flag.length > 1 || flag[0] !== '1') {
    ignored.push({ key: 'compare', value: flag.join(','), why: 'not 1' });
    return { on: false, configs: defaultConfigs(), ignored };
  }
  if (!present) return { on: true, configs: defaultConfigs(), ignored };
  const configs = [];
  runs.forEach((values, i) => {
    const key = RUN_KEYS[i];
    if (values.length > 1) ignored.push({ key, value: values[0], why: 'given twice' });
    else if (values.length === 1) {
      const { config, why } = parseRun(values[0]);
      if (why) ignored.push({ key, value: values[0], why });
      else configs.push(config);
    }
  });
  const count = runs.filter((r) => r.length).length;
  const gap = runs.findIndex((r) => !r.length);
  if (!ignored.length && (count < MIN_RUNS || (gap >= 0 && gap < count))) {
    const why = `runs must be ${RUN_KEYS.slice(0, MIN_RUNS).join(' and ')}${MAX_RUNS > MIN_RUNS ? ` (and ${RUN_KEYS.slice(MIN_RUNS).join(', ')})` : ''}`;
    ignored.push({ key: 'compared runs', value: '', why });
  }
  if (ignored.length) {
    ignored.push({
      key: 'compared runs',
      value: '',
      why: 'the default three runs are used instead',
    });
    return { on: true, configs: defaultConfigs(), ignored };
  }
  return { on: true, configs, ignored };
}

/** "StepLR(step_size=30, gamma=0.1)": the main settings and any other that left its default. */
export function describe(config) {
  const { scheduler } = config;
  const main = mainKeys(scheduler);
  const args = schedulerSettings(scheduler)
    .filter((s) => main.includes(s.key) || config[s.key] !== defaultFor(s.key, scheduler))
    .map((s) => `${s.code ?? s.key}=${config[s.key]}`);
  return `${SCHEDULERS[scheduler]?.name ?? scheduler}(${args.join(', ')})`;
}

function make(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** A label + control for setting s of run i; select options and help come from the table. */
function field(i, s) {
  const id = `compare-${i}-${s.key}`;
  const control =
    s.kind === 'select'
      ? make(
          'select',
          { id, name: s.key },
          s.options.map(([value, text]) => make('option', { value, textContent: text })),
        )
      : make('input', { id, name: s.key, type: 'text', inputMode: 'decimal', autocomplete: 'off' });
  control.dataset.testid = `compare-${i}-param-${s.key}`;
  control.title = s.help;
  control.setAttribute('aria-describedby', `${id}-err`);
  const label = make('label', { htmlFor: id }, [make('code', { textContent: s.code ?? s.key })]);
  label.title = `${s.label}: ${s.help}`;
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

  /** Shows the applied configurations; a field being edited or holding an error keeps its text. */
  setConfigs(configs) {
    this.#configs = configs.map((c) => ({ ...c }));
    this.#cards = configs.map((c, i) =>
      this.#cards[i]?.scheduler === c.scheduler ? this.#cards[i] : this.#card(i, c.scheduler),
    );
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

  #card(i, scheduler) {
    const style = STYLES[i];
    const pick = field(i, {
      key: 'scheduler',
      kind: 'select',
      code: 'scheduler',
      label: 'Scheduler',
      help: 'The scheduler this run uses.',
      options: Object.entries(SCHEDULERS).map(([value, s]) => [value, s.name]),
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
    const fields = schedulerSettings(scheduler).map((s) => [s, field(i, s)]);
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
    return { scheduler, node, controls, errors, more, removeButton };
  }
}
