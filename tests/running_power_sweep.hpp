// RunningPower against pow_rounded, bit for bit, over the sequences Adam asks for: the common betas
// and random ones for steps 1 to 100,000, betas near 1 to 10^7 steps, and the calls that break the
// sequence (a reset, a beta cycled every step, jumps in t, two betas in turn). Shared by the native
// test (tests/test_running_power.cpp) and the same sweep compiled to wasm
// (tests/wasm/running_power_sweep.cpp, run by tests/web/wasm-running-power.test.mjs).
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "pow_rounded.hpp"
#include "running_power.hpp"
#include "splitmix64.hpp"

namespace lrplay::testing {

struct PowerMismatch {
  double x;
  long t;
  double running, reference;
};

struct PowerSweep {
  long compared = 0;
  std::vector<PowerMismatch> mismatches;  // the first few

  // One call of power, checked against pow_rounded when check is true.
  double call(RunningPower& power, double x, long t, bool check = true) {
    const double running = power.power(x, t);
    if (!check) return running;
    const double reference = pow_rounded(x, static_cast<double>(t));
    ++compared;
    if (std::memcmp(&running, &reference, sizeof running) != 0 && mismatches.size() < 10)
      mismatches.push_back({x, t, running, reference});
    return running;
  }

  // x^t for t = 1 to last in one sequence, every stride-th t checked; returns the fallbacks.
  long steps(double x, long last, long stride) {
    RunningPower power;
    for (long t = 1; t <= last; ++t) call(power, x, t, t % stride == 0 || t == last);
    return power.fallbacks();
  }
};

// Adam's common betas, then 20 random ones in (0, 1) (splitmix64, seed 11).
inline std::vector<double> common_and_random_betas() {
  std::vector<double> betas = {0.9, 0.999, 0.95, 0.99, 0.98};
  SplitMix64 random{11};
  for (int i = 0; i < 20; ++i) betas.push_back(1 - random.unit());
  return betas;
}

// Betas whose powers stay normal doubles (or reach the subnormals) within 10^7 steps.
inline std::vector<double> betas_near_one() { return {0.9999, 0.99999, 0.999999, 0.9999999}; }

// The sequences that are not one beta's steps 1, 2, 3, ...
inline void broken_sequences(PowerSweep& sweep) {
  RunningPower power;
  for (int run = 0; run < 2; ++run)  // a reset: steps 1..300 twice
    for (long t = 1; t <= 300; ++t) sweep.call(power, 0.9, t);
  SplitMix64 random{12};
  for (long t = 1; t <= 2000; ++t)  // beta1 cycled every step (OneCycleLR's 0.85 to 0.95)
    sweep.call(power, 0.85 + 0.1 * random.unit(), t);
  for (long t = 1; t <= 2000; ++t)  // a cycle that holds beta1 for 10 steps at a time
    sweep.call(power, 0.85 + 0.01 * static_cast<double>(t / 10 % 10), t);
  for (long t = 1; t <= 2000; ++t) sweep.call(power, t % 2 ? 0.9 : 0.999, t);  // two in turn
  const long jumps[] = {5, 6, 7, 3, 4, 100, 101, 99, 99, 100000, 100001, 1, 2, 10000000, 10000001};
  for (long t : jumps) sweep.call(power, 0.999, t);
  for (long t : jumps) sweep.call(power, 0.9999999, t);
  for (long i = 0; i < 2000; ++i) {  // anything: random x in (0, 4) and t up to 2^20
    const double x = 4 * random.unit();
    const long t = 1 + static_cast<long>(random.next() >> 44);
    sweep.call(power, x, t);
    sweep.call(power, x, t + 1);
  }
  for (double x : {0.0, -0.5, 1.0, 2.0, 0.5})  // C's cases, powers of two, exact powers
    for (long t = 1; t <= 1100; ++t) sweep.call(power, x, t);
}

}  // namespace lrplay::testing
