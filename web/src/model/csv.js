// @ts-check
// The export's file names. The CSV text itself is the core's (Engine.csv: cpp/format.cpp, the same
// formatter as `lrplay train`). No DOM.

/** "lrplay-plateau-seed5" from the engine's normalized settings. */
export function fileStem(settings) {
  return `lrplay-${settings.scheduler}-seed${settings.seed}`;
}
