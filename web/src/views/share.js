// Links: opening one (its settings, with anything unusable left at the default and named in a notice)
// and copying the current one. The URL hash is untrusted text: it reaches the page through
// textContent only.
import { SETTINGS, defaults, parseHash } from '../model/settings.js';

const SHOWN = 40; // characters of an ignored key or value quoted in the notice

const quote = (text) => (text.length > SHOWN ? `${text.slice(0, SHOWN)}\u2026` : text);

/** The setting a core error message is about ("factor = 1 is not accepted: …", "beta1 = …"). */
function rejectedKey(message) {
  const word = /^([a-z_0-9]+)/.exec(message)?.[1];
  if (word === 'beta1' || word === 'beta2') return 'betas';
  return SETTINGS.some((s) => s.key === word) ? word : null;
}

/**
 * Starts the run a link describes. start(values) throws (or rejects) when the core refuses a value;
 * that setting falls back to its default and the rest is tried again (all defaults as a last
 * resort). Resolves to what was ignored: [{ key, value, why }].
 */
export async function startFromLink(hash, start) {
  const { values, ignored } = parseHash(hash);
  const base = defaults();
  for (;;) {
    try {
      await start(values);
      return ignored;
    } catch (error) {
      const key = rejectedKey(error.message);
      if (!key || String(values[key]) === String(base[key])) {
        await start(base);
        return [...ignored, { key: 'every setting', value: '', why: error.message }];
      }
      ignored.push({ key, value: String(values[key]), why: error.message });
      values[key] = base[key];
    }
  }
}

/** "lr = "abc" (not a number)" */
export function describeIgnored({ key, value, why }) {
  return value ? `${quote(key)} = \u201c${quote(value)}\u201d (${why})` : `${quote(key)} (${why})`;
}

export class ShareView {
  /** notice: the box for ignored link entries; button + note: Copy link and its confirmation. */
  constructor({ notice, button, note }) {
    Object.assign(this, { notice, button, note });
    this.noticeText = notice.querySelector('p');
    notice.querySelector('button').addEventListener('click', () => (notice.hidden = true));
    button.addEventListener('click', () => this.#copy());
  }

  /** ignored: startFromLink's list; an empty list hides the notice. */
  showIgnored(ignored) {
    this.notice.hidden = ignored.length === 0;
    this.noticeText.textContent = ignored.length
      ? `The link held settings this page cannot use, so they were left at the lesson\u2019s defaults: ${ignored.map(describeIgnored).join('; ')}. Everything else came from the link.`
      : '';
  }

  async #copy() {
    clearTimeout(this.timer);
    try {
      await navigator.clipboard.writeText(location.href);
      this.note.textContent = 'Copied';
      this.timer = setTimeout(() => (this.note.textContent = ''), 4000);
    } catch {
      // No clipboard permission: show the address selected, ready for Ctrl+C.
      const address = document.createElement('code');
      address.textContent = location.href;
      this.note.replaceChildren('Press Ctrl+C (\u2318C on a Mac) to copy ', address);
      window.getSelection().selectAllChildren(address);
    }
  }
}
