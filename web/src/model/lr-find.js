// @ts-check
// The LR range test's words and numbers on the page: which field a refusal names, the suggestion's
// text, and the chart's points. The test itself is the core's (cpp/lr_find.cpp, `lrplay lr-find`).
import { formatLr } from './format.js';

/**
 * @typedef {{ lr: ArrayLike<number>, loss: ArrayLike<number>, smoothedLoss: ArrayLike<number>,
 *   suggestion: number | null, noSuggestion: string | null }} LrFindResult the core's answer
 *   (engine/lrplay.js's lrFind; noSuggestion: why there is no suggestion, in the core's words)
 */

/**
 * The range-test setting a core message is about ("num_iter = \"1\" is not accepted: …" -> num_iter),
 * or null when it names none of `keys` (then it is about the run's own settings or the data).
 * @param {string} message
 * @param {string[]} keys
 */
export function settingOfMessage(message, keys) {
  const first = keys.find((key) => message.startsWith(`${key} `));
  if (first) return first;
  // validate()'s "start_lr = 2 is not accepted: it must be below end_lr (1)" names start_lr first.
  const named = keys
    .map((key) => ({ key, at: message.search(new RegExp(`\\b${key}\\b`)) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at);
  return named[0]?.key ?? null;
}

/**
 * The sentence under the chart: the suggestion, or why there is none (the core's sentence: the
 * rows torch-lr-finder's suggest() leaves out are the core's to count).
 * @param {LrFindResult} result
 */
export function suggestionText(result) {
  const rows = result.lr.length;
  if (result.suggestion === null) return result.noSuggestion ?? '';
  return `Suggested learning rate: ${formatLr(result.suggestion)} (steepest fall of the smoothed loss, batch ${
    suggestedRow(result) + 1
  } of ${rows}).`;
}

/**
 * The row of the suggestion (its rate is one of the rows' rates), or -1.
 * @param {LrFindResult} result
 */
export function suggestedRow(result) {
  if (result.suggestion === null) return -1;
  return Array.prototype.indexOf.call(result.lr, result.suggestion);
}

/**
 * The chart's series as {x: rate, y: loss} points: the raw batch losses, the smoothed curve and the
 * suggestion's point on it (empty without one).
 * @param {LrFindResult} result
 */
export function chartSeries(result) {
  const points = (/** @type {ArrayLike<number>} */ y) =>
    Array.from(result.lr, (x, i) => ({ x, y: y[i] }));
  const smoothed = points(result.smoothedLoss);
  const row = suggestedRow(result);
  return { raw: points(result.loss), smoothed, suggestion: row >= 0 ? [smoothed[row]] : [] };
}
