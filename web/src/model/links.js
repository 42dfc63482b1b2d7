// @ts-check
// Opening a link: its settings and the range test's, with anything unusable left at the default and
// named in the notice; and the range test's part of the link. The URL hash is untrusted text
// (parseHash in settings-hash.js and rangeFromLink check each entry's form; the core checks the values).
// No DOM here.
import { formatCount } from './format.js';
import { SETTINGS, defaultFor, defaults } from './settings.js';
import { MAX_HASH, MAX_VALUE, NUMBER_TEXT, parseHash } from './settings-hash.js';

// startFromLink's entry when the core refused the run's settings together: all are the defaults.
const EVERY_SETTING = 'every setting';
const SHOWN = 40; // characters of an ignored key or value quoted in the notice

const quote = (text) => (text.length > SHOWN ? `${text.slice(0, SHOWN)}\u2026` : text);

/** The run setting the core's Error refuses: its `setting` (bindings.cpp), or null for none. */
const refusedKey = (error) =>
  SETTINGS.some((s) => s.key === error?.setting) ? error.setting : null;

/**
 * Starts the run a link describes. start(values) throws (or rejects) with the core's Error when it
 * refuses a value; the setting the Error names in `setting` falls back to its default and the rest
 * is tried again (all defaults as a last resort, and when the Error names no setting of the run).
 * Resolves to the link as read, { keys, ignored }: keys, every key it holds (the run's, the range
 * test's, compare mode's); ignored, [{ key, value, why }] for what was not used, to which
 * the page adds what rangeFromLink and parseCompareHash ignore before linkUse reads it.
 * `otherKeys`: keys read elsewhere (the range test's, rangeFromLink), not named as unknown.
 * @param {string} hash
 * @param {(values: Record<string, unknown>) => unknown} start
 * @param {string[]} [otherKeys]
 * @returns {Promise<{ keys: string[], ignored: { key: string, value: string, why: string }[] }>}
 */
export async function startFromLink(hash, start, otherKeys = []) {
  const keys = [...new URLSearchParams(hash.replace(/^#/, '')).keys()];
  const { values, ignored } = parseHash(hash, otherKeys);
  const base = defaults();
  for (;;) {
    try {
      await start(values);
      return { keys, ignored };
    } catch (error) {
      const key = refusedKey(error);
      // The fallback is the default under the link's scheduler and optimizer (OneCycleLR's 0.85).
      const fallback = key && defaultFor(key, values);
      if (!key || String(values[key]) === String(fallback)) {
        await start(base);
        ignored.push({ key: EVERY_SETTING, value: '', why: error.message });
        return { keys, ignored };
      }
      ignored.push({ key, value: String(values[key]), why: error.message });
      values[key] = fallback;
    }
  }
}

/**
 * The notice's last sentence, and whether the link gave the page nothing (the status then says the
 * run is the lesson's). `link`: startFromLink's { keys, ignored }, ignored holding by now every
 * entry the notice names (a whole link's refusal is 'the whole link'). When startFromLink gave up
 * on `every setting`, all the run's settings went back to their defaults, though the link named
 * only some.
 * @param {{ keys: string[], ignored: { key: string }[] }} link
 */
export function linkUse({ keys, ignored }) {
  const named = (key) => ignored.some((i) => i.key === key);
  const runRefused = named(EVERY_SETTING);
  const isRunKey = (key) => SETTINGS.some((s) => s.key === key);
  // A key the link repeats is used when one of its entries was: "lr=abc&lr=0.5" trains at 0.5,
  // though lr = "abc" is named.
  const count = (list, key) => list.filter((k) => k === key).length;
  const refusedKeys = ignored.map((i) => i.key);
  const used = keys.filter(
    (key) => count(keys, key) > count(refusedKeys, key) && !(runRefused && isRunKey(key)),
  );
  const none = keys.length > 0 && (named('the whole link') || used.length === 0);
  if (runRefused)
    return {
      none,
      ending: none
        ? 'Nothing in the link was used.'
        : 'Only its entries outside the run\u2019s settings were used.',
    };
  return {
    none,
    ending: none ? 'Nothing else was in it.' : 'Everything else came from the link.',
  };
}

/** "lr = "abc" (not a number)" */
export function describeIgnored({ key, value, why }) {
  return value ? `${quote(key)} = \u201c${quote(value)}\u201d (${why})` : `${quote(key)} (${why})`;
}

/**
 * The range test's settings (the core's lrFindSettings(): [{ key, default, choices }]) that differ
 * from their defaults, as link entries ("start_lr=1e-5&num_iter=50"); '' when none, so a link
 * without them stays as it was. A number equal to its default in other words ("1e-07") counts as
 * the default.
 * @param {Record<string, string>} range
 * @param {{ key: string, default: string, choices: string[] }[]} rangeSettings
 */
export function rangeToHash(range, rangeSettings) {
  const params = new URLSearchParams();
  for (const s of rangeSettings) {
    const value = String(range[s.key] ?? s.default);
    const same = s.choices.length ? value === s.default : Number(value) === Number(s.default);
    if (!same) params.set(s.key, value);
  }
  return params.toString();
}

/** Why `value` cannot be range-test setting `s`, by its form alone ('' when it may be). */
function rangeProblem(s, value) {
  if (value.length > MAX_VALUE) return `longer than ${formatCount(MAX_VALUE)} characters`;
  if (s.choices.length)
    return s.choices.includes(value)
      ? ''
      : `not offered here; the choices are ${s.choices.join(', ')}`;
  return NUMBER_TEXT.test(value) && !value.includes(',') ? '' : 'not a number';
}

/**
 * The range test's settings a link holds: resolves to { range, ignored }. range: every setting, as
 * text, the link's usable entries over the defaults; ignored: [{ key, value, why }] for entries of
 * the wrong form or given twice, and for those the core refuses: check(range) rejects with the
 * core's Error, whose `setting` goes back to its default before the rest is checked again (all
 * defaults as a last resort). A link without range-test entries asks nothing of the core.
 * @param {string} hash
 * @param {{ key: string, default: string, choices: string[] }[]} rangeSettings
 * @param {(range: Record<string, string>) => Promise<unknown>} check
 */
export async function rangeFromLink(hash, rangeSettings, check) {
  const range = Object.fromEntries(rangeSettings.map((s) => [s.key, s.default]));
  /** @type {{ key: string, value: string, why: string }[]} */
  const ignored = [];
  if (hash.length > MAX_HASH) return { range, ignored }; // parseHash names the whole link
  /** @type {Record<string, string>} */
  const given = {};
  for (const [key, value] of new URLSearchParams(hash.replace(/^#/, ''))) {
    const s = rangeSettings.find((r) => r.key === key);
    if (!s) continue; // the run's settings and compare mode's: read by parseHash and parseCompareHash
    const why = Object.hasOwn(given, key) ? 'given twice' : rangeProblem(s, value);
    if (why) ignored.push({ key, value, why });
    else given[key] = value;
  }
  while (Object.keys(given).length) {
    try {
      await check({ ...range, ...given });
      return { range: { ...range, ...given }, ignored };
    } catch (error) {
      // The core's Error names the setting it refuses (`setting`); one of the run's is not ours.
      const key = Object.hasOwn(given, error.setting ?? '') ? error.setting : null;
      if (!key) {
        ignored.push({ key: 'range-test settings', value: '', why: error.message });
        break;
      }
      ignored.push({ key, value: given[key], why: error.message });
      delete given[key];
    }
  }
  return { range, ignored };
}
