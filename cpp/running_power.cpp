// Why the rounding is pow_rounded's: x^t is kept in double-double arithmetic with a relative error
// below t 2^-103 (binary_power_scaled's bound for a fresh start at t0, then 1.5 2^-105 for each
// multiplication by x, double_double.hpp), and pow_rounded's own value before its one rounding
// errs by below 2^-89 (its binary powering up to t = 2^14; exp(y log x), beyond, about 2^-94).
// When every value within a margin of 2^-80 + t 2^-100 of the kept power rounds to one double
// (the margin's two ends round to it, and rounding is monotonic), the exact power and
// pow_rounded's value both lie in that interval and round to that double; otherwise, and for a
// subnormal or overflowing power, pow_rounded answers. Near a midpoint that is about one step in
// 2^26 for t up to 10^5 (the margin's width against a double's spacing).
#include "running_power.hpp"

#include <cmath>
#include <cstring>

#include "binary_power.hpp"
#include "pow_rounded.hpp"

namespace lrplay {
namespace {

// Beyond this t the margin nears a double's spacing (and the exponents stay far from overflow).
constexpr long kMaxRunningT = 1L << 30;

// 2^e for a normal exponent e, from its bits (std::ldexp is a library call, in the wasm too).
double power_of_two(std::int64_t e) {
  const std::uint64_t bits = static_cast<std::uint64_t>(e + 1023) << 52;
  double value = 0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

}  // namespace

double RunningPower::power(double x, long t) {
  if (!(x > 0 && x < HUGE_VAL) || t < 1 || t > kMaxRunningT) {
    t_ = 0;
    ++fallbacks_;
    return pow_rounded(x, static_cast<double>(t));
  }
  if (t_ != 0 && t == t_ + 1 && x == base_) {
    mantissa_ = multiply(mantissa_, base_mantissa_);  // in [1, 4)
    exponent_ += base_exponent_;
    if (mantissa_.hi >= 2) {
      mantissa_ = {mantissa_.hi * 0.5, mantissa_.lo * 0.5};
      ++exponent_;
    }
  } else {
    int frexp_exponent = 0;
    base_mantissa_ = 2 * std::frexp(x, &frexp_exponent);
    base_exponent_ = frexp_exponent - 1;
    const ScaledDoubleDouble scaled = binary_power_scaled(x, t);
    mantissa_ = scaled.mantissa;
    exponent_ = scaled.exponent;
  }
  base_ = x;
  t_ = t;
  // Below 2^-1076, so below 2^-1075 with every error here and pow_rounded's: +0, as the power of
  // any x < 1 for long runs (0.9 ** t from t = 7,100 on).
  if (exponent_ < -1076) return 0;
  const double margin = mantissa_.hi * (static_cast<double>(t) * 0x1p-100 + 0x1p-80);
  const double low = mantissa_.hi + (mantissa_.lo - margin);
  const double high = mantissa_.hi + (mantissa_.lo + margin);
  // A normal result (the scaling exact) or one that overflows to inf (rounded as the doubles'
  // range would: 2 2^1023 is beyond it).
  if (low == high && exponent_ >= -1022 && exponent_ <= 1023) return low * power_of_two(exponent_);
  ++fallbacks_;
  return pow_rounded(x, static_cast<double>(t));
}

}  // namespace lrplay
