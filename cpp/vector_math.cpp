// expf and logf vectorized: the algorithms of glibc's and musl's expf and logf (Arm's
// optimized-routines, Szabolcs Nagy 2017: e^x as 2^(k/32) from a table times a cubic in double,
// 0.502 ulp; log x as log c from a table plus a polynomial of x/c - 1, 0.82 ulp), lane for lane.
// PyTorch's CPU log_softmax also takes a vectorized exp (Vectorized<float>::exp, Sleef's 1-ulp
// expf, aten/src/ATen/native/cpu/SoftMaxKernel.cpp); this one keeps the bits the scalar loop
// had, so every trace and pinned bit is unchanged.
#include "vector_math.hpp"

#include <cmath>
#include <limits>

#include "exp_lanes.hpp"
#include "lanes.hpp"

namespace lrplay {

namespace {

using namespace exp_lanes;

typedef std::uint32_t Bits4x32 __attribute__((vector_size(16)));
typedef std::int32_t Int4 __attribute__((vector_size(16)));

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
  const Double4 z = to_doubles(bit_cast<Float4>(iz));
  const Double4 r = z * invc - 1.0;
  const Double4 y0 = logc + to_doubles(k) * kLn2;
  const Double4 r2 = r * r;
  Double4 y = kA1 * r + kA2;
  y = kA0 * r2 + y;
  y = y * r2 + (y0 + r);
  return to_floats(y);
}

// Whether any lane of a comparison's mask is set. Clang 14 makes the plain loop over the lanes a
// loop through the stack in the wasm (two stores, then eight loads and ors: ~60 of V8's
// instructions per eight logs); the two halves or-ed and wasm's v128.any_true are three.
template <class Mask8>
LRPLAY_INLINE bool any_set(Mask8 mask) {
#if defined(__wasm_simd128__)
  typedef signed char Bytes16 __attribute__((vector_size(16)));
  const Bits4x32 either = __builtin_shufflevector(mask, mask, 0, 1, 2, 3) |
                          __builtin_shufflevector(mask, mask, 4, 5, 6, 7);
  return __builtin_wasm_any_true_v128(bit_cast<Bytes16>(either));
#else
  std::uint32_t any = 0;
  for (int l = 0; l < 8; ++l) any |= mask[l];
  return any != 0;
#endif
}

// Eight values in place: the main path, then std::log for the lanes it does not take (zero,
// subnormal, negative, inf, NaN; never in a cross-entropy that stays finite).
LRPLAY_INLINE void log_eight(float* p) {
  typedef std::uint32_t Bits8x32 __attribute__((vector_size(32)));
  const Float8 x = load<Float8>(p);
  store(p, log_main_path(load<Float4>(p)));
  store(p + 4, log_main_path(load<Float4>(p + 4)));
  const Bits8x32 special = (bit_cast<Bits8x32>(x) - kSmallestNormal) >= kNormalRange;
  if (any_set(special)) {
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
