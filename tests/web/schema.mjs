// The core's settings table installed into web/src/model/settings.js, as the page does when the
// worker is ready: node tests of modules that read SETTINGS call this first (in `before`).
import { limits, schedulerClasses, settingsSchema } from '../../web/src/engine/lrplay.js';
import { installSchema } from '../../web/src/model/settings.js';
import { nodeCore } from './node-core.mjs';

/** Loads the wasm core once and installs its settings table; resolves to the core. */
export async function installCoreSchema() {
  const core = await nodeCore();
  installSchema(settingsSchema(core), limits(core), schedulerClasses(core));
  return core;
}
