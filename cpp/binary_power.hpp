// x^n by binary powering in double-double arithmetic, kept as a mantissa in [1, 2) and a power of
// two apart (so nothing underflows or overflows on the way): pow_rounded's integer powers up to
// 2^14 and RunningPower's fresh starts share it. Not rounded: each caller rounds once.
#pragma once

#include <cmath>
#include <cstdint>

#include "double_double.hpp"

namespace lrplay {

struct ScaledDoubleDouble {
  DoubleDouble mantissa;  // hi in [1, 2)
  std::int64_t exponent;  // the value is mantissa 2^exponent
};

// value (a double-double in [1, 4)) halved into [1, 2) exactly, its exponent counted in *exponent.
inline DoubleDouble halve_into_one_two(DoubleDouble value, std::int64_t* exponent) {
  if (value.hi < 2) return value;
  ++*exponent;
  return {value.hi * 0.5, value.lo * 0.5};
}

// x^n for a finite x > 0 and 1 <= n <= 2^40. Each double-double multiplication errs by at most
// 2^-103 relative (double_double.hpp), and squaring doubles a factor's error, so the result's
// relative error is below n 2^-103 (first order; the second is below 2^-140 for these n).
inline ScaledDoubleDouble binary_power_scaled(double x, std::int64_t n) {
  int frexp_exponent = 0;
  DoubleDouble base = {2 * std::frexp(x, &frexp_exponent), 0};  // x == base 2^base_exponent
  std::int64_t base_exponent = frexp_exponent - 1;
  ScaledDoubleDouble power = {{1, 0}, 0};
  for (std::int64_t k = n;; base = halve_into_one_two(multiply(base, base), &base_exponent)) {
    if (k % 2 == 1) {
      power.mantissa = halve_into_one_two(multiply(power.mantissa, base), &power.exponent);
      power.exponent += base_exponent;
    }
    k /= 2;
    if (k == 0) break;
    base_exponent *= 2;
  }
  return power;
}

}  // namespace lrplay
