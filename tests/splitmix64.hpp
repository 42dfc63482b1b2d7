// The pseudo-random sweeps of tests/test_cos_rounded.cpp and tests/test_pow_rounded.cpp draw from
// this generator; their references (tests/golden/units/cos_reference.py, pow_reference.py) repeat
// it in Python (splitmix64.py beside them), so both sides sweep the same arguments.
#pragma once

#include <cstdint>

namespace lrplay::testing {

// Sebastiano Vigna's splitmix64.
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1p-53; }  // [0, 1)
};

}  // namespace lrplay::testing
