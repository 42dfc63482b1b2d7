// Light or dark: follows prefers-color-scheme until the learner presses the toggle; the choice is
// kept in localStorage["lrplay.theme"] (removed again when it matches the system, which is then
// followed). The theme is html[data-theme] (theme.css); listeners (the charts) redraw on a change.

const KEY = 'lrplay.theme';
const system = matchMedia('(prefers-color-scheme: dark)');

function stored() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function store(theme) {
  try {
    if (theme === (system.matches ? 'dark' : 'light')) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  } catch {
    // storage blocked: the choice lasts for this visit
  }
}

export class ThemeToggle {
  #listeners = [];

  /** button: the toggle (aria-pressed = dark). */
  constructor(button) {
    this.button = button;
    this.#set(stored() ?? (system.matches ? 'dark' : 'light'));
    button.addEventListener('click', () => {
      const next = this.dark ? 'light' : 'dark';
      store(next);
      this.#set(next);
    });
    system.addEventListener(
      'change',
      () => stored() || this.#set(system.matches ? 'dark' : 'light'),
    );
  }

  get dark() {
    return document.documentElement.dataset.theme === 'dark';
  }

  /** Calls fn(dark) now and on every change. */
  subscribe(fn) {
    this.#listeners.push(fn);
    fn(this.dark);
  }

  #set(theme) {
    document.documentElement.dataset.theme = theme;
    this.button.setAttribute('aria-pressed', String(theme === 'dark'));
    for (const fn of this.#listeners) fn(theme === 'dark');
  }
}
