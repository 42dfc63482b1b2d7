// @ts-check
// The settings in a link: a run's settings as a URL hash (toHash) and a hash read back as settings
// (parseHash), each value checked for form by the core's kind, choices and maxLength (hashProblem);
// the core checks the values themselves when the run starts. links.js reads a whole link with it.
// No DOM here.
import { formatCount } from './format.js';
import { SETTING, SETTINGS, UPLOADED_DATA, choose, defaultFor, defaults } from './settings.js';

/**
 * Settings that differ from their defaults under the chosen scheduler and optimizer (what parseHash
 * fills in), as a URL hash ("#scheduler=step&step_size=20").
 */
export function toHash(values) {
  const params = new URLSearchParams();
  for (const s of SETTINGS)
    if (String(values[s.key]) !== String(defaultFor(s.key, values)))
      params.set(s.key, values[s.key]);
  const text = params.toString();
  return text ? `#${text}` : '';
}

// A link's settings part is a few hundred characters at most; longer text is not a link this page
// made, and no number or list needs more than MAX_VALUE characters (a text setting: its maxLength).
export const MAX_HASH = 2000;
export const MAX_VALUE = 40;
export const NUMBER_TEXT = /^[0-9eE+\-.,]+$/; // numbers and comma lists; the core checks the rest
/** Compare mode's keys (read by compare-runs.js parseCompareHash), passed over by parseHash. */
export const COMPARE_KEYS = ['compare', 'runA', 'runB', 'runC'];

/**
 * Why `value` cannot be setting `s`, judged by the core's kind, choices and maxLength alone ('' when
 * it may be; the core decides the rest).
 */
export function hashProblem(s, value) {
  const { kind, maxLength } = s.core;
  const longest = kind === 'text' ? maxLength : MAX_VALUE;
  if (value.length > longest) return `longer than ${formatCount(longest)} characters`;
  if (kind === 'choice') {
    if (s.options.some(([v]) => v === value)) return '';
    return `not offered here; the choices are ${s.options.map(([v]) => v).join(', ')}`;
  }
  if (kind === 'bool') return value === 'true' || value === 'false' ? '' : 'not true or false';
  if (kind === 'text') return '';
  return NUMBER_TEXT.test(value)
    ? ''
    : kind.endsWith('list')
      ? 'not a list of numbers'
      : 'not a number';
}

/**
 * A URL hash read as settings: { values, ignored }. values: the defaults overridden by every usable
 * entry; ignored: [{ key, value, why }] for the rest (unknown keys, repeated keys, values of the
 * wrong form, an overlong hash). Keys and values are untrusted text, never markup. `otherKeys` are
 * read elsewhere (the range test's, links.js) and passed over, as compare mode's are.
 */
export function parseHash(hash, otherKeys = []) {
  let values = defaults();
  const given = {};
  const ignored = [];
  if (!hash.includes('=')) return { values, ignored }; // an anchor such as #playground
  if (hash.length > MAX_HASH) {
    const why = `${formatCount(hash.length)} characters, more than any link this page makes`;
    return { values, ignored: [{ key: 'the whole link', value: '', why }] };
  }
  const seen = new Set();
  for (const [key, value] of new URLSearchParams(hash.replace(/^#/, ''))) {
    if (COMPARE_KEYS.includes(key) || otherKeys.includes(key)) continue;
    const s = Object.hasOwn(SETTING, key) ? SETTING[key] : null;
    const why = !s
      ? 'not a setting'
      : seen.has(key)
        ? 'given twice'
        : key === 'dataset' && value === UPLOADED_DATA
          ? 'the run was on an uploaded file, which a link cannot carry: this opens on the default data set'
          : hashProblem(s, value);
    if (why) {
      ignored.push({ key, value, why });
      continue;
    }
    seen.add(key);
    given[key] = s.kind === 'checkbox' ? value === 'true' : value;
  }
  // A selector from the link (scheduler, optimizer) brings its own defaults first (onecycle's
  // base_momentum 0.85, cyclic's mode "triangular"), as choosing it in the form does; the link's
  // other entries then override them.
  for (const [key, value] of Object.entries(given))
    if (SETTINGS.some((s) => s.core.defaultsBy[key])) values = choose(values, key, value).next;
  return { values: { ...values, ...given }, ignored };
}
