// RunningPower (cpp/running_power.*), Adam's beta ** step: the bits of pow_rounded on every call,
// its fast path taken on Adam's ordinary steps, pow_rounded's answer where the power is a midpoint.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "running_power_sweep.hpp"

namespace lrplay {
namespace {

using testing::PowerSweep;

// An unoptimized build (the sanitizers' Debug build, tens of times slower) checks every 97th step
// of the first 100,000 (each step still goes through RunningPower) and runs to 10^6, not 10^7.
#if defined(__OPTIMIZE__)
constexpr long kStride = 1, kLongRun = 10000000;
#else
constexpr long kStride = 97, kLongRun = 1000000;
#endif

void expect_no_mismatch(const PowerSweep& sweep) {
  for (const auto& m : sweep.mismatches) {
    ADD_FAILURE() << "x = " << std::hexfloat << m.x << ", t = " << std::dec << m.t << ": "
                  << std::hexfloat << m.running << " against pow_rounded's " << m.reference;
  }
}

TEST(RunningPower, HasPowRoundedsBitsForCommonAndRandomBetasOverTheFirst100000Steps) {
  PowerSweep sweep;
  for (double beta : testing::common_and_random_betas()) sweep.steps(beta, 100000, kStride);
  expect_no_mismatch(sweep);
  EXPECT_GE(sweep.compared, 25 * 100000 / kStride);
}

TEST(RunningPower, HasPowRoundedsBitsForBetasNearOneTo10MillionSteps) {
  PowerSweep sweep;
  for (double beta : testing::betas_near_one()) sweep.steps(beta, kLongRun, kLongRun / 1000 - 27);
  sweep.steps(0.999, 1000000, 101);  // through the subnormals (t from 708,000) to zero
  expect_no_mismatch(sweep);
  EXPECT_GE(sweep.compared, 4 * 1000 + 9900);
}

TEST(RunningPower, HasPowRoundedsBitsWhenTheSequenceBreaks) {
  PowerSweep sweep;
  testing::broken_sequences(sweep);
  expect_no_mismatch(sweep);
  EXPECT_GE(sweep.compared, 16000);
}

// Adam's ordinary runs never need pow_rounded: with a margin or error bound too wide, or the
// multiplication not taken, this fails (the sweeps above would still pass, only slower).
TEST(RunningPower, TakesTheFastPathOnAdamsSteps) {
  PowerSweep sweep;
  for (double beta : testing::common_and_random_betas()) {
    RunningPower power;
    for (long t = 1; t <= 5000; ++t) sweep.call(power, beta, t, t % 50 == 0);
    if (beta >= 0.9) {
      EXPECT_EQ(power.fallbacks(), 0) << std::hexfloat << beta;
    }
  }
  expect_no_mismatch(sweep);
}

// a^2 2^-54 for an odd a with a^2 of 54 bits is exactly a midpoint between two doubles: the kept
// power is that midpoint, so pow_rounded must answer (it rounds to even).
TEST(RunningPower, LeavesAMidpointToPowRounded) {
  const std::int64_t a = 100000001;  // odd, a^2 in [2^53, 2^54)
  ASSERT_GE(a * a, std::int64_t{1} << 53);
  ASSERT_LT(a * a, std::int64_t{1} << 54);
  const double x = std::ldexp(static_cast<double>(a), -27);
  RunningPower power;
  EXPECT_EQ(power.power(x, 1), x);
  EXPECT_EQ(power.fallbacks(), 0);
  EXPECT_EQ(power.power(x, 2), pow_rounded(x, 2));
  EXPECT_EQ(power.fallbacks(), 1);
  EXPECT_EQ(power.power(x, 3), pow_rounded(x, 3));  // and goes on from the kept power
  EXPECT_EQ(power.fallbacks(), 1);
}

}  // namespace
}  // namespace lrplay
