// @ts-check
// The made-up metric the schedule preview feeds a scheduler that reads one (ReduceLROnPlateau): it
// improves until LAST_IMPROVEMENT, then never again. No DOM here.

/**
 * The epoch of the lesson's run's last improvement (its ReduceLROnPlateau's last new best; the
 * lesson-claims test holds it to the core's run).
 */
export const LAST_IMPROVEMENT = 16;

/**
 * One value an epoch for `epochs` epochs, rising (mode 'max') or falling ('min') until
 * LAST_IMPROVEMENT and flat after.
 * @param {string} mode
 * @param {number} epochs
 */
export function illustrativeMetric(mode, epochs) {
  return Array.from({ length: epochs }, (_, i) => {
    const gain = 0.05 * Math.min(i + 1, LAST_IMPROVEMENT);
    return mode === 'max' ? 0.2 + gain : 2 - gain;
  });
}
