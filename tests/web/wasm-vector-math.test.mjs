// exp_floats and log_floats as the wasm computes them (cpp/exp_lanes.hpp: a formulation of expf for
// wasm SIMD alone) give the bits of the native build's formulation and of musl's expf and logf,
// over a dense sample of floats: tests/wasm/vector_math_sweep.cpp, which `npm run wasm` builds
// into build-wasm and which exits 1 and prints the first values if one differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { ROOT } from './golden.mjs';

const SWEEP = join(ROOT, 'build-wasm/lrplay_vector_math_sweep.cjs');

test('the wasm exp and log have the native formulation’s and the C library’s bits', () => {
  const run = spawnSync(process.execPath, ['--no-experimental-fetch', SWEEP], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  const m =
    /^(\d+) values: exp_floats differs from the native formulation in (\d+), from expf in (\d+); log_floats from logf in (\d+)$/m.exec(
      run.stdout,
    );
  assert.ok(m, run.stdout);
  const [values, native, expf, logf] = m.slice(1).map(Number);
  assert.ok(values > 130e6, `a dense sample (${values} values)`);
  assert.deepEqual({ native, expf, logf }, { native: 0, expf: 0, logf: 0 });
});
