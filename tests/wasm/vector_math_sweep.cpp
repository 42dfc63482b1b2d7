// exp_floats and log_floats as the wasm runs them (wasm SIMD, V8's or another engine's code),
// against the formulation the native build runs (cpp/exp_lanes.hpp's exp_eight_masked, compiled
// here to wasm as well) and the C library's expf and logf (musl's: the same algorithms, scalar),
// over a dense sample of floats: every 31st bit pattern (about 139 million) and every float near
// expf's limits and the clamp's bounds. Prints the counts; exits 1 if one value's bits differ.
// tests/web/wasm-vector-math.test.mjs runs it (build-wasm/lrplay_vector_math_sweep.cjs, built by
// `npm run wasm`):
//   node --no-experimental-fetch build-wasm/lrplay_vector_math_sweep.cjs [step]
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "../float_bits.hpp"
#include "exp_lanes.hpp"
#include "vector_math.hpp"

namespace {

using lrplay::testing::bits;
using lrplay::testing::from_bits;

// Equal bits, or both NaN where the C library is the reference (its special path makes a NaN by
// other operations, and wasm leaves a NaN's payload to the engine).
bool same(float a, float b, bool any_nan) {
  return bits(a) == bits(b) || (any_nan && std::isnan(a) && std::isnan(b));
}

struct Counts {
  std::uint64_t values = 0, exp_vs_native = 0, exp_vs_libc = 0, log_vs_libc = 0;
};

// The checks on a batch of inputs (a multiple of 8 long).
void check(const std::vector<float>& x, Counts& counts) {
  std::vector<float> shipped = x, native = x, logs = x;
  lrplay::exp_floats(shipped.data(), static_cast<std::ptrdiff_t>(shipped.size()));
  for (std::size_t i = 0; i < native.size(); i += 8)
    lrplay::exp_lanes::exp_eight_masked(&native[i]);
  lrplay::log_floats(logs.data(), static_cast<std::ptrdiff_t>(logs.size()));
  for (std::size_t i = 0; i < x.size(); ++i) {
    const bool differs_native = !same(shipped[i], native[i], false);
    const bool differs_libc = !same(shipped[i], std::exp(x[i]), true);
    const bool log_differs = !same(logs[i], std::log(x[i]), true);
    if ((differs_native || differs_libc || log_differs) &&
        counts.exp_vs_native + counts.exp_vs_libc + counts.log_vs_libc < 10) {
      std::printf("x = %a (bits %08x): exp %a, native formulation %a, expf %a; log %a, logf %a\n",
                  x[i], bits(x[i]), shipped[i], native[i], std::exp(x[i]), logs[i], std::log(x[i]));
    }
    counts.exp_vs_native += differs_native;
    counts.exp_vs_libc += differs_libc;
    counts.log_vs_libc += log_differs;
  }
  counts.values += x.size();
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t step = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 31;
  Counts counts;
  std::vector<float> x;
  const auto flush = [&] {
    while (x.size() % 8) x.push_back(1.0f);
    check(x, counts);
    x.clear();
  };
  for (std::uint64_t b = 0; b < (std::uint64_t{1} << 32); b += step) {
    x.push_back(from_bits(static_cast<std::uint32_t>(b)));
    if (x.size() == 1 << 16) flush();
  }
  // Every float within 2^16 representable values of expf's limits and the clamp's bounds.
  for (const float edge : {lrplay::exp_lanes::kOverflowAbove, lrplay::exp_lanes::kUnderflowBelow,
                           lrplay::exp_lanes::kClampAbove, lrplay::exp_lanes::kClampBelow}) {
    for (std::uint32_t d = 0; d < (1u << 17); ++d)
      x.push_back(from_bits(bits(edge) - (1u << 16) + d));
    flush();
  }
  flush();
  std::printf(
      "%llu values: exp_floats differs from the native formulation in %llu, from expf in %llu; "
      "log_floats from logf in %llu\n",
      static_cast<unsigned long long>(counts.values),
      static_cast<unsigned long long>(counts.exp_vs_native),
      static_cast<unsigned long long>(counts.exp_vs_libc),
      static_cast<unsigned long long>(counts.log_vs_libc));
  return counts.exp_vs_native + counts.exp_vs_libc + counts.log_vs_libc == 0 ? 0 : 1;
}
