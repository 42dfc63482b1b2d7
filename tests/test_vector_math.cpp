// exp_floats and log_floats (cpp/vector_math.*) against the C library's expf and logf and the
// correctly rounded values, over dense sweeps of floats and the special cases. On an AVX2 machine
// this tests the AVX2 clones.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "exp_lanes.hpp"
#include "float_bits.hpp"
#include "vector_math.hpp"

namespace lrplay {
namespace {

using testing::bits;
using testing::from_bits;

// Distance in representable floats between two finite, non-negative floats.
std::int64_t ulps(float a, float b) {
  return std::abs(static_cast<std::int64_t>(bits(a)) - static_cast<std::int64_t>(bits(b)));
}

// Every 241st float from -104 to 89 (the whole range where e^x is neither 0 nor inf in float, and
// a little beyond): about 9 million values, every exponent hit many times.
TEST(ExpFloats, DenseSweepHasExpfsBits) {
  std::vector<float> x;
  for (std::uint32_t b = bits(-104.0f); b > bits(-0.0f); b -= 241) x.push_back(from_bits(b));
  for (std::uint32_t b = 0; b < bits(89.0f); b += 241) x.push_back(from_bits(b));
  std::vector<float> y = x;
  exp_floats(y.data(), static_cast<std::ptrdiff_t>(y.size()));
  std::int64_t max_ulps_libc = 0, max_ulps_true = 0, differ_from_libc = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const float libc = std::exp(x[i]);
    const float truth = static_cast<float>(std::exp(static_cast<double>(x[i])));
    max_ulps_libc = std::max(max_ulps_libc, ulps(y[i], libc));
    max_ulps_true = std::max(max_ulps_true, ulps(y[i], truth));
    differ_from_libc += bits(y[i]) != bits(libc);
  }
  // musl (the wasm build) and glibc without FMA run exactly these double operations. glibc's FMA
  // build (x86-64 with FMA) rounds 2 of all 2^32 floats differently, by 1 ulp: (a full sweep of
  // every float, 2026-12-02), so allow a handful, never a pattern.
  EXPECT_LE(differ_from_libc, 2) << "of " << x.size();
  EXPECT_LE(max_ulps_libc, 1);
  // expf is within 0.502 ulp of e^x: never more than 1 ulp from the correctly rounded float.
  EXPECT_LE(max_ulps_true, 1);
  EXPECT_GT(x.size(), 8000000u);  // the sweep ran over the whole range
}

TEST(ExpFloats, SpecialCasesAsExpf) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  // Subnormal results (x below about -87.3), the overflow at log(2^128) ~ 88.72, the underflow
  // below log(2^-150) ~ -103.97, and the rest of expf's special path, mixed with ordinary lanes.
  std::vector<float> x = {0.0f,    -0.0f,   1.0f,    -inf,          inf,           nan,
                          88.0f,   -88.0f,  88.7f,   88.73f,        -87.5f,        -100.0f,
                          -103.9f, -104.0f, 1e30f,   -1e30f,        -0.5f,         2.0f,
                          -1e-30f, 1e-30f,  -1e-45f, 0x1.62e42ep6f, -0x1.9fe368p6f};
  std::vector<float> y = x;
  exp_floats(y.data(), static_cast<std::ptrdiff_t>(y.size()));
  for (std::size_t i = 0; i < x.size(); ++i) {
    const float want = std::exp(x[i]);
    if (std::isnan(want)) {
      EXPECT_TRUE(std::isnan(y[i])) << "x = " << x[i];
    } else {
      EXPECT_EQ(bits(y[i]), bits(want)) << "x = " << x[i] << ": " << y[i] << " against " << want;
    }
  }
  EXPECT_EQ(y[0], 1.0f);
  EXPECT_EQ(y[3], 0.0f);
  EXPECT_EQ(y[4], inf);
  EXPECT_EQ(y[9], inf);
  EXPECT_GT(y[10], 0.0f);  // subnormal, not flushed
  EXPECT_LT(y[10], std::numeric_limits<float>::min());
  EXPECT_EQ(y[13], 0.0f);
}

TEST(ExpFloats, EveryLengthTouchesOnlyItsValues) {
  // Lengths around the 8-lane step; the floats after n stay as they were.
  for (std::ptrdiff_t n = 0; n <= 19; ++n) {
    std::vector<float> y(static_cast<std::size_t>(n) + 3, -7.0f);
    for (std::ptrdiff_t i = 0; i < n; ++i) y[static_cast<std::size_t>(i)] = 0.25f * (i - 9);
    exp_floats(y.data(), n);
    for (std::ptrdiff_t i = 0; i < n; ++i)
      EXPECT_EQ(y[static_cast<std::size_t>(i)], std::exp(0.25f * (i - 9))) << n << " " << i;
    for (std::size_t i = static_cast<std::size_t>(n); i < y.size(); ++i)
      EXPECT_EQ(y[i], -7.0f) << "n " << n << ", past the end at " << i;
  }
}

// The wasm's formulation of expf (cpp/exp_lanes.hpp: the input clamped to [-128, 128], then the
// main path) against the native one (the main path, then inf and 0 by masks beyond expf's
// limits): the same bits for every one of the 2^32 floats, NaNs included (about 20 s). An
// unoptimized build (the sanitizers' Debug build, tens of times slower) takes every 4099th float,
// every exponent still. (Natively both compile from the same vector code;
// tests/wasm/vector_math_sweep.cpp runs the wasm's own instructions.)
TEST(ExpFloats, ClampedFormulationHasTheMaskedBitsForEveryFloat) {
#if defined(__OPTIMIZE__)
  constexpr std::uint64_t kStride = 1;
#else
  constexpr std::uint64_t kStride = 4099;
#endif
  constexpr std::size_t kChunk = std::size_t{1} << 16;
  std::vector<float> x, masked, clamped;
  std::uint64_t differ = 0, checked = 0;
  std::uint32_t first_differing = 0;
  const auto compare = [&] {
    while (x.size() % 8) x.push_back(1.0f);
    masked = clamped = x;
    for (std::size_t i = 0; i < x.size(); i += 8) {
      exp_lanes::exp_eight_masked(&masked[i]);
      exp_lanes::exp_eight_clamped(&clamped[i]);
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (bits(masked[i]) != bits(clamped[i]) && differ++ == 0) first_differing = bits(x[i]);
    }
    checked += x.size();
    x.clear();
  };
  for (std::uint64_t b = 0; b < (std::uint64_t{1} << 32); b += kStride) {
    x.push_back(from_bits(static_cast<std::uint32_t>(b)));
    if (x.size() == kChunk) compare();
  }
  compare();
  EXPECT_EQ(differ, 0u) << "first at x = " << from_bits(first_differing) << " (bits "
                        << first_differing << ")";
  EXPECT_GE(checked, (std::uint64_t{1} << 32) / kStride);
}

// Every 509th positive finite float (about 4 million, every exponent), subnormals included.
TEST(LogFloats, DenseSweepHasLogfsBits) {
  std::vector<float> x;
  for (std::uint32_t b = 1; b < bits(std::numeric_limits<float>::infinity()); b += 509)
    x.push_back(from_bits(b));
  std::vector<float> y = x;
  log_floats(y.data(), static_cast<std::ptrdiff_t>(y.size()));
  std::int64_t max_ulps_true = 0, differ_from_libc = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const float truth = static_cast<float>(std::log(static_cast<double>(x[i])));
    // log x changes sign at 1: count ulps on one side only.
    if ((y[i] < 0) == (truth < 0))
      max_ulps_true = std::max(max_ulps_true, ulps(std::fabs(y[i]), std::fabs(truth)));
    differ_from_libc += bits(y[i]) != bits(std::log(x[i]));
  }
  // musl's and glibc's logf (FMA or not) gave these bits for all 2^32 floats (a full sweep,
  // 2026-12-02).
  EXPECT_EQ(differ_from_libc, 0) << "of " << x.size();
  EXPECT_LE(max_ulps_true, 1);  // logf: 0.82 ulp
  EXPECT_GT(x.size(), 4000000u);
}

TEST(LogFloats, SpecialCasesAsLogf) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> x = {1.0f,  0.0f,       -0.0f,      inf,  -inf, nan,
                          -1.0f, 1e-45f,     1e-40f,     2.0f, 3.0f, 0x1.fffffep127f,
                          0.5f,  1.0000001f, 0.99999994f};
  std::vector<float> y = x;
  log_floats(y.data(), static_cast<std::ptrdiff_t>(y.size()));
  for (std::size_t i = 0; i < x.size(); ++i) {
    const float want = std::log(x[i]);
    if (std::isnan(want)) {
      EXPECT_TRUE(std::isnan(y[i])) << "x = " << x[i];
    } else {
      EXPECT_EQ(bits(y[i]), bits(want)) << "x = " << x[i] << ": " << y[i] << " against " << want;
    }
  }
  EXPECT_EQ(bits(y[0]), bits(0.0f));  // log 1 = +0
  EXPECT_EQ(y[1], -inf);
  EXPECT_EQ(y[3], inf);
  EXPECT_TRUE(std::isnan(y[6]));
}

TEST(LogFloats, EveryLengthTouchesOnlyItsValues) {
  for (std::ptrdiff_t n = 0; n <= 19; ++n) {
    std::vector<float> y(static_cast<std::size_t>(n) + 3, -7.0f);
    for (std::ptrdiff_t i = 0; i < n; ++i) y[static_cast<std::size_t>(i)] = 0.75f * (i + 1);
    log_floats(y.data(), n);
    for (std::ptrdiff_t i = 0; i < n; ++i)
      EXPECT_EQ(y[static_cast<std::size_t>(i)], std::log(0.75f * (i + 1))) << n << " " << i;
    for (std::size_t i = static_cast<std::size_t>(n); i < y.size(); ++i)
      EXPECT_EQ(y[i], -7.0f) << "n " << n << ", past the end at " << i;
  }
}

}  // namespace
}  // namespace lrplay
