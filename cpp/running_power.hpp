// x^t for t = 1, 2, 3, ... (Adam's beta ** step, torch/optim/adam.py's _single_tensor_adam:
// bias_correction1 = 1 - beta1 ** step, Python's float pow) with exactly the bits of
// pow_rounded(x, t), for one double-double multiplication a step instead of pow_rounded's binary
// powering (about 1,200 instructions a call).
#pragma once

#include <cstdint>

#include "double_double.hpp"

namespace lrplay {

class RunningPower {
 public:
  // pow_rounded(x, t), the same double, for any x and any t >= 1. It multiplies the last power
  // by x only when called with the same x and the last t plus one (Adam's steps, with the betas
  // unchanged); any other call (the first, after a reset, a beta cycled by a scheduler, another
  // t) computes x^t afresh. Where the power might lie too near a midpoint between two doubles to
  // be sure of its rounding, pow_rounded answers.
  double power(double x, long t);

  // How many calls pow_rounded answered (near a midpoint, a subnormal or overflowing power, an x
  // not positive and finite, a t beyond 2^30).
  long fallbacks() const { return fallbacks_; }

 private:
  double base_ = 0;  // x and t of the last call, t_ 0 when there is no power to go on from
  long t_ = 0;
  double base_mantissa_ = 1;  // x == base_mantissa_ 2^base_exponent_, base_mantissa_ in [1, 2)
  std::int64_t base_exponent_ = 0;
  DoubleDouble mantissa_ = {1, 0};  // x^t == mantissa_ 2^exponent_, mantissa_.hi in [1, 2)
  std::int64_t exponent_ = 0;
  long fallbacks_ = 0;
};

}  // namespace lrplay
