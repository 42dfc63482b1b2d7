// @ts-check
// How numbers are written on the page. One place, so the charts, the readouts and the tests agree.

const DASH = '\u2013'; // no value yet

/**
 * A rate that is not a finite number. PyTorch's arithmetic can take the rate past a double's range
 * (ExponentialLR's gamma 10 after some 300 epochs, gamma 1e308, eta_min 1e308): inf, then NaN
 * (inf - inf). It is said as what happened, never shown as Infinity or NaN as if it were a rate.
 */
export const RATE_PAST_RANGE = 'past a double\u2019s range';

/** A loss that is not a finite number: the epoch diverged (the core's words for it). */
export const LOSS_NOT_FINITE = 'not a finite number';

/**
 * A learning rate, rounded to 4 significant digits: plain decimals down to 1e-4 ("0.1", "0.001",
 * "0.0001"), scientific notation below ("1e-5", "2.5e-7"). The engine's 0.010000000000000002 reads "0.01".
 * No rate (null, undefined) is a dash; an infinite or NaN one is RATE_PAST_RANGE.
 */
export function formatLr(lr) {
  if (lr === null || lr === undefined) return DASH;
  if (!Number.isFinite(lr)) return RATE_PAST_RANGE;
  if (lr === 0) return '0';
  const rounded = Number(lr.toPrecision(4));
  if (Math.abs(rounded) >= 1e-4 && Math.abs(rounded) < 1e6) return String(rounded);
  return rounded.toExponential().replace('e+', 'e');
}

/**
 * A loss to 4 significant digits (1.084, 0.01234, 17.59); scientific outside [0.001, 1e5) (3.62e-6).
 * No loss (null, undefined) is a dash; an infinite or NaN one is LOSS_NOT_FINITE.
 */
export function formatLoss(loss) {
  if (loss === null || loss === undefined) return DASH;
  if (!Number.isFinite(loss)) return LOSS_NOT_FINITE;
  if (loss !== 0 && (Math.abs(loss) >= 1e5 || Math.abs(loss) < 1e-3)) {
    return loss.toExponential(2).replace('e+', 'e');
  }
  return String(Number(loss.toPrecision(4)));
}

/** An accuracy in [0, 1] as a percentage with one decimal ("38.9%"). */
export function formatPct(acc) {
  return `${(acc * 100).toFixed(1)}%`;
}

/**
 * A count the page writes ("1,500 epochs", "213,000"): the core's rule for counts (cpp/text.hpp,
 * count_text): a comma between groups of three digits from 1,000 up. Positions (epoch 1500) and
 * settings echoed as name = value are written as digits alone. wasm.test holds this to the core's text.
 */
export function formatCount(n) {
  if (!Number.isInteger(n) || Math.abs(n) >= 1e15) return String(n);
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * `text` cut to `max` characters around an ellipsis when longer: its start, and its last `end`
 * characters (a file name's extension). Characters are code points, so an emoji is never halved.
 */
export function shortened(text, max, end = 0) {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - end - 1).join('')}\u2026${chars.slice(chars.length - end).join('')}`;
}

// A class name (a learner's file's, or scikit-learn's header's) longer than this is cut (the core
// takes any length).
const CLASS_NAME_CHARS = 24;

/** A class name (the core's classNames) as the page shows it: cut with an ellipsis if long. */
export const shownClassName = (name) => shortened(name, CLASS_NAME_CHARS);

/** "14 of 36" from an accuracy and the validation-set size. */
export function correctOf(acc, size) {
  return `${formatCount(Math.round(acc * size))} of ${formatCount(size)}`;
}

const NUMBER_WORDS = [
  '',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
];

/**
 * The loss of a model that gives each of `classes` classes the same probability, ln(classes): where a
 * run that has learnt nothing sits. { value, label, short } for the loss chart's dashed reference
 * line, e.g. "ln 3 ≈ 1.099: a one-in-three guess" for the wines, "ln 10 ≈ 2.303: a one-in-ten
 * guess" for digits; `short` ("ln 3 ≈ 1.099") where a chart is too narrow for the label.
 */
export function chanceLoss(classes) {
  const value = Math.log(classes);
  const k = NUMBER_WORDS[classes] ?? String(classes);
  const short = `ln ${classes} \u2248 ${value.toFixed(3)}`;
  return { value, label: `${short}: a one-in-${k} guess`, short };
}

// The floor's label names its class in at most this many characters, so that a long name does not
// push the score out of the label (the caption gives the name in full): "always " + 16 + ": 100.0%"
// is no longer than "always the most common class: 38.9%".
const FLOOR_NAME_CHARS = 16;

/**
 * The score of a model that always names the class most common in training: `correct` (the core's
 * majorityCorrect) of `size` validation samples, the floor a run must beat. { value (%), label,
 * short } for the accuracy chart's dashed reference line, e.g. "always the most common class:
 * 38.9%" for the wines, or by the class's name when the data names its classes (`name`, the core's
 * class name): "always versicolor: 30.0%"; `short` ("most common: 38.9%") where a chart is too
 * narrow for the label. No line ({ value: NaN }) before a run gives the counts.
 */
export function majorityFloor(correct, size, name) {
  if (!(size > 0)) return { value: NaN, label: '', short: '' };
  const always = name === undefined ? 'the most common class' : shortened(name, FLOOR_NAME_CHARS);
  const score = formatPct(correct / size);
  return {
    value: (100 * correct) / size,
    label: `always ${always}: ${score}`,
    short: `most common: ${score}`,
  };
}

/** Splits a sentence into lines of at most `width` characters, for chart tooltips. */
export function wrap(text, width = 48) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Text from the core (printf %g) with exponents written as the page writes them: 1e+18 -> 1e18. */
export function tidyExponents(text) {
  return String(text).replace(/(\d)e\+(\d)/g, '$1e$2');
}

/** A number to `digits` significant digits, shortest form, exponents without "+" (2.7776e36). */
export function formatNumber(value, digits = 6) {
  return tidyExponents(String(Number(value.toPrecision(digits))));
}

/** SGD's momentum or Adam's beta1, to 4 significant digits (0.9, 0.8512). */
export function formatMomentum(value) {
  if (!Number.isFinite(value)) return DASH;
  return String(Number(value.toPrecision(4)));
}
