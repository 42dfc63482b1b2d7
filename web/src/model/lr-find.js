// @ts-check
// The LR range test's words and numbers on the page: the suggestion's text and the chart's points.
// The test itself is the core's (cpp/lr_find.cpp, `lrplay lr-find`).
import { formatLr } from './format.js';

/**
 * @typedef {{ lr: ArrayLike<number>, loss: ArrayLike<number>, smoothedLoss: ArrayLike<number>,
 *   suggestion: number | null, noSuggestion: string | null }} LrFindResult the core's answer
 *   (engine/lrplay.js's lrFind; noSuggestion: why there is no suggestion, in the core's words)
 */

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
