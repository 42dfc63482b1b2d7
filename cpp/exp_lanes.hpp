// expf's algorithm (glibc's and musl's, Arm's optimized-routines: cpp/vector_math.cpp) on four
// lanes at a time, in the two formulations exp_floats runs: one for SSE/AVX2, one for wasm SIMD,
// with the same bits (tests/test_vector_math.cpp holds the two to each other over all 2^32 floats
// natively, tests/wasm/vector_math_sweep.cpp over a dense sample in the wasm). Included by
// cpp/vector_math.cpp and that test alone.
#pragma once

#include <cstdint>
#include <limits>

#include "lanes.hpp"

namespace lrplay {
namespace exp_lanes {

// musl/src/math/exp2f_data.c (the same table and constants as glibc's sysdeps/ieee754/flt-32):
// kTable[i] = bits of 2^(i/32) - (i << 47), so that kTable[k % 32] + (k << 47) are the bits of
// 2^(k/32) for any integer k the range below allows.
constexpr int kTableBits = 5;
constexpr int kTableSize = 1 << kTableBits;
constexpr std::uint64_t kTable[kTableSize] = {
    0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51,
    0x3fef72b83c7d517b, 0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1,
    0x3fef06fe0a31b715, 0x3feef1a7373aa9cb, 0x3feedea64c123422, 0x3feece086061892d,
    0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429, 0x3feea47eb03a5585,
    0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
    0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d,
    0x3feee89f995ad3ad, 0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069,
    0x3fef5818dcfba487, 0x3fef7c97337b9b5f, 0x3fefa4afa2a490da, 0x3fefd0765b6e4540,
};
constexpr double kInvLn2N = 0x1.71547652b82fep+0 * kTableSize;  // 32 / ln 2
constexpr double kShift = 0x1.8p+52;  // adding it rounds to an integer, held in the low bits
// 2^(r/32) ~ C0 r^3 + C1 r^2 + C2 r + 1 for |r| <= 1/2.
constexpr double kC0 = 0x1.c6af84b912394p-5 / kTableSize / kTableSize / kTableSize;
constexpr double kC1 = 0x1.ebfce50fac4f3p-3 / kTableSize / kTableSize;
constexpr double kC2 = 0x1.62e42ff0c52d6p-1 / kTableSize;
// expf's limits: above log(2^128) it overflows to inf, below log(2^-150) it underflows to 0 (-inf
// included); between them (NaN too) its main path (below) gives the value.
constexpr float kOverflowAbove = 0x1.62e42ep6f;
constexpr float kUnderflowBelow = -0x1.9fe368p6f;

// Four doubles rounded to floats, as (float) rounds each. Clang 14 makes four scalar demotions of
// a plain conversion to wasm; each half widened with zeros, as wasm_simd128.h's
// wasm_f32x4_demote_f64x2_zero writes it, is one f32x4.demote_f64x2_zero, and the halves are then
// joined by wasm's byte shuffle (by a generic shuffle, the two conversions would be folded back
// into the scalar one).
LRPLAY_INLINE Float4 to_floats(Double4 y) {
#if defined(__wasm_simd128__)
  typedef double Double2 __attribute__((vector_size(16)));
  typedef signed char Bytes16 __attribute__((vector_size(16)));
  const Double2 zero = {}, low = __builtin_shufflevector(y, y, 0, 1),
                high = __builtin_shufflevector(y, y, 2, 3);
  const Float4 low_floats =
      __builtin_convertvector(__builtin_shufflevector(low, zero, 0, 1, 2, 3), Float4);
  const Float4 high_floats =
      __builtin_convertvector(__builtin_shufflevector(high, zero, 0, 1, 2, 3), Float4);
  return bit_cast<Float4>(__builtin_wasm_shuffle_i8x16(bit_cast<Bytes16>(low_floats),
                                                       bit_cast<Bytes16>(high_floats), 0, 1, 2, 3,
                                                       4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23));
#else
  return __builtin_convertvector(y, Float4);
#endif
}

// Four floats or int32s widened to doubles. Clang 14 takes the upper two for wasm's
// f64x2.promote_low_f32x4 (convert_low_i32x4_s) with a byte shuffle whose unused half is zeros
// (8..15, 0 x 8), which V8 makes a pshufb with a constant built anew each iteration (four
// instructions); the upper half repeated (8..15, 8..15) is a 32x4 shuffle, one pshufd. The same
// conversions: the same doubles.
template <class V>
LRPLAY_INLINE Double4 to_doubles(V x) {
#if defined(__wasm_simd128__)
  typedef double Double2 __attribute__((vector_size(16)));
  typedef signed char Bytes16 __attribute__((vector_size(16)));
  const V high =
      bit_cast<V>(__builtin_wasm_shuffle_i8x16(bit_cast<Bytes16>(x), bit_cast<Bytes16>(x), 8, 9, 10,
                                               11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15));
  const Double2 low_doubles = __builtin_convertvector(__builtin_shufflevector(x, x, 0, 1), Double2);
  const Double2 high_doubles =
      __builtin_convertvector(__builtin_shufflevector(high, high, 0, 1), Double2);
  return __builtin_shufflevector(low_doubles, high_doubles, 0, 1, 2, 3);
#else
  return __builtin_convertvector(x, Double4);
#endif
}

// expf's main path for four lanes: x 32/ln2 = k + r, e^x = 2^(k/32) 2^(r/32), in double.
LRPLAY_INLINE Float4 exp_main_path(Float4 x) {
  const Double4 z = kInvLn2N * to_doubles(x);
  Double4 kd = z + kShift;
  const Bits4x64 ki = bit_cast<Bits4x64>(kd);
  kd -= kShift;
  const Double4 r = z - kd;
  // A gather, lane by lane (written out: clang leaves a loop here as a loop through memory).
  Bits4x64 t = {kTable[ki[0] % kTableSize], kTable[ki[1] % kTableSize], kTable[ki[2] % kTableSize],
                kTable[ki[3] % kTableSize]};
  t += ki << (52 - kTableBits);
  const Double4 s = bit_cast<Double4>(t);
  const Double4 p = kC0 * r + kC1;
  const Double4 r2 = r * r;
  Double4 y = kC2 * r + 1.0;
  y = p * r2 + y;
  y = y * s;
  return to_floats(y);
}

// Eight values in place: the main path in every lane, then inf and 0 where expf's limits are
// passed (whatever the main path made of those lanes: no branch, no scalar call).
LRPLAY_INLINE void exp_eight_masked(float* p) {
  typedef std::int32_t Mask8 __attribute__((vector_size(32)));
  const Float8 x = load<Float8>(p);
  store(p, exp_main_path(load<Float4>(p)));
  store(p + 4, exp_main_path(load<Float4>(p + 4)));
  const Mask8 overflow = x > kOverflowAbove, in_range = ~(x < kUnderflowBelow);
  const Mask8 inf_bits = bit_cast<Mask8>(Float8{} + std::numeric_limits<float>::infinity());
  const Mask8 y = (bit_cast<Mask8>(load<Float8>(p)) & ~overflow) | (inf_bits & overflow);
  store(p, bit_cast<Float8>(y & in_range));
}

// The same bits another way: x clamped to [-128, 128] before the main path, whose e^-128 (about
// 2^-184.7, a normal double) rounds to +0 as a float and whose e^128 (2^184.7) to inf, as expf
// gives beyond its limits; x within them (and NaN) reaches the main path unchanged. Two
// instructions a lane group (wasm's pmax and pmin: a < b ? b : a, and b < a ? b : a, which pass a
// NaN in a through) instead of the masks' two comparisons, two selects and a store and reload;
// tests/test_vector_math.cpp compares the two over all 2^32 floats.
constexpr float kClampBelow = -128.0f, kClampAbove = 128.0f;
static_assert(kClampBelow < kUnderflowBelow && kClampAbove > kOverflowAbove,
              "the clamp moves only lanes beyond expf's limits");

LRPLAY_INLINE Float4 clamp_to_limits(Float4 x) {
  const Float4 below = Float4{} + kClampBelow, above = Float4{} + kClampAbove;
#if defined(__wasm_simd128__)
  return __builtin_wasm_pmin_f32x4(__builtin_wasm_pmax_f32x4(x, below), above);
#else
  x = x < below ? below : x;
  return above < x ? above : x;
#endif
}

LRPLAY_INLINE void exp_eight_clamped(float* p) {
  store(p, exp_main_path(clamp_to_limits(load<Float4>(p))));
  store(p + 4, exp_main_path(clamp_to_limits(load<Float4>(p + 4))));
}

// What exp_floats runs: the clamp in the wasm, where V8's x64 code for the masks' comparisons,
// selects (three instructions each), store and reload and the constants they keep live took
// ~17 of the loop's instructions per eight values (144 -> 127; with to_doubles' shuffle, 154 ->
// 127); natively the masks as before (the native build's code, and so its times, unchanged).
LRPLAY_INLINE void exp_eight(float* p) {
#if defined(__wasm_simd128__)
  exp_eight_clamped(p);
#else
  exp_eight_masked(p);
#endif
}

}  // namespace exp_lanes
}  // namespace lrplay
