// The wasm core as the node tests load it: the build's web/src/wasm/lrplay.wasm (`npm run wasm`),
// once per test file, and the data sets' CSV text as the page fetches it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before } from 'node:test';

import { Run, loadCore } from '../../web/src/engine/lrplay.js';
import { ROOT } from './golden.mjs';

let loading = null;

/** Resolves to the core, loaded on the first call. */
export function nodeCore() {
  loading ??= readFile(join(ROOT, 'web/src/wasm/lrplay.wasm')).then((wasmBinary) =>
    loadCore({ wasmBinary }),
  );
  return loading;
}

/** The CSV text of data set `name` (data/<name>.csv). */
export const readDataCsv = (name) => readFile(join(ROOT, `data/${name}.csv`), 'utf8');

/**
 * For a test file that checks the page against the core: loads the core and a data set's CSV
 * before its tests (node:test's before) and returns (settings) => a new Run of those settings on
 * that data, in node (dispose it when done).
 */
export function useNodeRuns(dataset = 'wine') {
  let core;
  let csv;
  before(async () => {
    [core, csv] = await Promise.all([nodeCore(), readDataCsv(dataset)]);
  });
  return (settings) => new Run(core, settings, csv);
}
