// Adam's beta ** step in the wasm (cpp/running_power.*) has pow_rounded's bits there too:
// tests/wasm/running_power_sweep.cpp, which `npm run wasm` builds into build-wasm and which exits 1
// and prints the first values if one differs (the sweep of tests/test_running_power.cpp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { ROOT } from './golden.mjs';

const SWEEP = join(ROOT, 'build-wasm/lrplay_running_power_sweep.cjs');

test('the wasm’s running powers have pow_rounded’s bits', () => {
  const run = spawnSync(process.execPath, ['--no-experimental-fetch', SWEEP], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  const m = /^(\d+) powers compared with pow_rounded, (\d+) differ$/m.exec(run.stdout);
  assert.ok(m, run.stdout);
  assert.ok(Number(m[1]) > 2.5e6, `a full sweep (${m[1]} powers)`);
  assert.equal(Number(m[2]), 0);
});
