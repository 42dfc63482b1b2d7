// tests/running_power_sweep.hpp compiled to wasm: RunningPower against pow_rounded, both as the
// page's wasm computes them (tests/test_running_power.cpp runs the same sweep natively). Prints
// the counts; exits 1 and prints the first values if one differs. Run by
// tests/web/wasm-running-power.test.mjs (build-wasm/lrplay_running_power_sweep.cjs, built by
// `npm run wasm`):
//   node --no-experimental-fetch build-wasm/lrplay_running_power_sweep.cjs
#include "../running_power_sweep.hpp"

#include <cstdio>

int main() {
  lrplay::testing::PowerSweep sweep;
  for (double beta : lrplay::testing::common_and_random_betas()) sweep.steps(beta, 100000, 1);
  for (double beta : lrplay::testing::betas_near_one()) sweep.steps(beta, 10000000, 9973);
  sweep.steps(0.999, 1000000, 101);
  lrplay::testing::broken_sequences(sweep);
  for (const auto& m : sweep.mismatches)
    std::printf("x = %a, t = %ld: %a against pow_rounded's %a\n", m.x, m.t, m.running, m.reference);
  std::printf("%ld powers compared with pow_rounded, %zu differ\n", sweep.compared,
              sweep.mismatches.size());
  return sweep.mismatches.empty() ? 0 : 1;
}
