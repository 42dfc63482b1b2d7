// The core's settings table installed into web/src/model/settings.js, as the page does when the
// worker is ready: node tests of modules that read SETTINGS call this first (in `before`).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { loadCore, limits, settingsSchema } from '../../web/src/engine/lrplay.js';
import { installSchema } from '../../web/src/model/settings.js';
import { ROOT } from './golden.mjs';

let core = null;

/** Loads the wasm core once and installs its settings table; resolves to the core. */
export async function installCoreSchema() {
  core ??= await loadCore({ wasmBinary: await readFile(join(ROOT, 'web/src/wasm/lrplay.wasm')) });
  installSchema(settingsSchema(core), limits(core));
  return core;
}
