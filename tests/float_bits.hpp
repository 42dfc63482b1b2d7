// A float's bit pattern and back, for the tests that hold two builds or two formulations to the
// same bits (tests/test_vector_math.cpp natively, tests/wasm/vector_math_sweep.cpp in the wasm).
#pragma once

#include <cstdint>
#include <cstring>

namespace lrplay::testing {

inline std::uint32_t bits(float x) {
  std::uint32_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

inline float from_bits(std::uint32_t b) {
  float x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

}  // namespace lrplay::testing
