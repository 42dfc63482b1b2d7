// @ts-check
// Opening a link: its settings, with anything unusable left at the default and named in the notice.
// The URL hash is untrusted text (parseHash in settings.js checks each entry's form; the core checks
// the values). No DOM here.
import { SETTINGS, defaultFor, defaults, parseHash } from './settings.js';

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
      // The fallback is the default under the link's scheduler and optimizer (OneCycleLR's 0.85).
      const fallback = key && defaultFor(key, values);
      if (!key || String(values[key]) === String(fallback)) {
        await start(base);
        return [...ignored, { key: 'every setting', value: '', why: error.message }];
      }
      ignored.push({ key, value: String(values[key]), why: error.message });
      values[key] = fallback;
    }
  }
}

/** "lr = "abc" (not a number)" */
export function describeIgnored({ key, value, why }) {
  return value ? `${quote(key)} = \u201c${quote(value)}\u201d (${why})` : `${quote(key)} (${why})`;
}
