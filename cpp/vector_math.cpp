// expf and logf vectorized: the algorithms of glibc's and musl's expf and logf (Arm's
// optimized-routines, Szabolcs Nagy 2017: e^x as 2^(k/32) from a table times a cubic in double,
// 0.502 ulp; log x as log c from a table plus a polynomial of x/c - 1, 0.82 ulp), lane for lane.
// PyTorch's CPU log_softmax also takes a vectorized exp (Vectorized<float>::exp, Sleef's 1-ulp
// expf, aten/src/ATen/native/cpu/SoftMaxKernel.cpp); this one keeps the bits the scalar loop
// had, so every trace and pinned bit is unchanged.
#include "vector_math.hpp"

#include <cmath>
#include <limits>

#include "lanes.hpp"

namespace lrplay {

namespace {

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

// expf's main path for four lanes: x 32/ln2 = k + r, e^x = 2^(k/32) 2^(r/32), in double.
LRPLAY_INLINE Float4 exp_main_path(Float4 x) {
  const Double4 z = kInvLn2N * __builtin_convertvector(x, Double4);
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
LRPLAY_INLINE void exp_eight(float* p) {
  typedef std::int32_t Mask8 __attribute__((vector_size(32)));
  const Float8 x = load<Float8>(p);
  store(p, exp_main_path(load<Float4>(p)));
  store(p + 4, exp_main_path(load<Float4>(p + 4)));
  const Mask8 overflow = x > kOverflowAbove, in_range = ~(x < kUnderflowBelow);
  const Mask8 inf_bits = bit_cast<Mask8>(Float8{} + std::numeric_limits<float>::infinity());
  const Mask8 y = (bit_cast<Mask8>(load<Float8>(p)) & ~overflow) | (inf_bits & overflow);
  store(p, bit_cast<Float8>(y & in_range));
}

// musl/src/math/logf_data.c (glibc's sysdeps/ieee754/flt-32/e_logf_data.c): for the 16
// subintervals of [0x3f330000, 2 * 0x3f330000) as floats, 1/c and log c of a c near the middle.
struct LogEntry {
  double invc, logc;
};
constexpr int kLogTableBits = 4;
constexpr LogEntry kLogTable[1 << kLogTableBits] = {
    {0x1.661ec79f8f3bep+0, -0x1.57bf7808caadep-2}, {0x1.571ed4aaf883dp+0, -0x1.2bef0a7c06ddbp-2},
    {0x1.49539f0f010bp+0, -0x1.01eae7f513a67p-2},  {0x1.3c995b0b80385p+0, -0x1.b31d8a68224e9p-3},
    {0x1.30d190c8864a5p+0, -0x1.6574f0ac07758p-3}, {0x1.25e227b0b8eap+0, -0x1.1aa2bc79c81p-3},
    {0x1.1bb4a4a1a343fp+0, -0x1.a4e76ce8c0e5ep-4}, {0x1.12358f08ae5bap+0, -0x1.1973c5a611cccp-4},
    {0x1.0953f419900a7p+0, -0x1.252f438e10c1ep-5}, {0x1p+0, 0x0p+0},
    {0x1.e608cfd9a47acp-1, 0x1.aa5aa5df25984p-5},  {0x1.ca4b31f026aap-1, 0x1.c5e53aa362eb4p-4},
    {0x1.b2036576afce6p-1, 0x1.526e57720db08p-3},  {0x1.9c2d163a1aa2dp-1, 0x1.bc2860d22477p-3},
    {0x1.886e6037841edp-1, 0x1.1058bc8a07ee1p-2},  {0x1.767dcf5534862p-1, 0x1.4043057b6ee09p-2},
};
constexpr double kLn2 = 0x1.62e42fefa39efp-1;
// log1p(r) ~ r + A2 r^2 + A1 r^3 + A0 r^4 for the r below.
constexpr double kA0 = -0x1.00ea348b88334p-2, kA1 = 0x1.5575b0be00b6ap-2,
                 kA2 = -0x1.ffffef20a4123p-2;
constexpr std::uint32_t kLogOffset = 0x3f330000;
// logf's main path takes the positive normal floats: bits - kSmallestNormal below this.
constexpr std::uint32_t kSmallestNormal = 0x00800000, kNormalRange = 0x7f800000 - 0x00800000;

typedef std::uint32_t Bits4x32 __attribute__((vector_size(16)));
typedef std::int32_t Int4 __attribute__((vector_size(16)));

// logf's main path for four lanes: x = 2^k z with z in [kLogOffset, 2 kLogOffset) as floats,
// log x = log1p(z/c - 1) + log c + k log 2, in double.
LRPLAY_INLINE Float4 log_main_path(Float4 x) {
  const Bits4x32 ix = bit_cast<Bits4x32>(x);
  const Bits4x32 tmp = ix - kLogOffset;
  const Bits4x32 i = (tmp >> (23 - kLogTableBits)) % (1u << kLogTableBits);
  const Int4 k = bit_cast<Int4>(tmp) >> 23;  // arithmetic shift, as logf's (int32_t)tmp >> 23
  const Bits4x32 iz = ix - (tmp & (0x1ffu << 23));
  const Double4 invc = {kLogTable[i[0]].invc, kLogTable[i[1]].invc, kLogTable[i[2]].invc,
                        kLogTable[i[3]].invc};
  const Double4 logc = {kLogTable[i[0]].logc, kLogTable[i[1]].logc, kLogTable[i[2]].logc,
                        kLogTable[i[3]].logc};
  const Double4 z = __builtin_convertvector(bit_cast<Float4>(iz), Double4);
  const Double4 r = z * invc - 1.0;
  const Double4 y0 = logc + __builtin_convertvector(k, Double4) * kLn2;
  const Double4 r2 = r * r;
  Double4 y = kA1 * r + kA2;
  y = kA0 * r2 + y;
  y = y * r2 + (y0 + r);
  return to_floats(y);
}

// Eight values in place: the main path, then std::log for the lanes it does not take (zero,
// subnormal, negative, inf, NaN; never in a cross-entropy that stays finite).
LRPLAY_INLINE void log_eight(float* p) {
  typedef std::uint32_t Bits8x32 __attribute__((vector_size(32)));
  const Float8 x = load<Float8>(p);
  store(p, log_main_path(load<Float4>(p)));
  store(p + 4, log_main_path(load<Float4>(p + 4)));
  const Bits8x32 special = (bit_cast<Bits8x32>(x) - kSmallestNormal) >= kNormalRange;
  std::uint32_t any = 0;
  for (int l = 0; l < 8; ++l) any |= special[l];
  if (any) {
    for (int l = 0; l < 8; ++l) {
      if (special[l]) p[l] = std::log(x[l]);
    }
  }
}

// The two, as what for_eights takes (a lambda would not be inlined into the kernels' clones).
struct ExpEight {
  LRPLAY_INLINE void operator()(float* p) const { exp_eight(p); }
};
struct LogEight {
  LRPLAY_INLINE void operator()(float* p) const { log_eight(p); }
};

// f(values + i) for every 8 values, then for the last n % 8 through a padded copy.
template <class EightInPlace>
LRPLAY_INLINE void for_eights(float* values, std::ptrdiff_t n, EightInPlace f) {
  std::ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) f(values + i);
  if (i < n) {
    float rest[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    std::memcpy(rest, values + i, sizeof(float) * static_cast<std::size_t>(n - i));
    f(rest);
    std::memcpy(values + i, rest, sizeof(float) * static_cast<std::size_t>(n - i));
  }
}

}  // namespace

LRPLAY_KERNEL void exp_floats(float* values, std::ptrdiff_t n) {
  for_eights(values, n, ExpEight{});
}

LRPLAY_KERNEL void log_floats(float* values, std::ptrdiff_t n) {
  for_eights(values, n, LogEight{});
}

}  // namespace lrplay
