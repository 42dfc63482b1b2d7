// x^y as exp(y log x) in double-double arithmetic (about 104 bits), rounded to a double once at
// the end; exact powers (x's significand to an integer power that fits in 63 bits, after exact
// square roots for a y of 1/2, 1/4, ...) are computed in integers instead, so that a power that
// is exactly a midpoint between two doubles rounds to even; other integer powers up to 2^14 by
// binary powering in double-double arithmetic, which is cheaper. log x: its exponent times ln 2,
// plus 2 atanh((m - 1) / (m + 1)) for its significand m in [sqrt(1/2), sqrt(2)]; exp z: k ln 2
// taken out, then the Taylor series. Only ordinary double operations, each rounded once, so both
// builds compute the same bits. The constants come from tests/golden/units/pow_reference.py.
#include "pow_rounded.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

#include "binary_power.hpp"
#include "double_double.hpp"

namespace lrplay {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ln 2 == kLn2[0] + kLn2[1] + kLn2[2] to about 2^-163.
constexpr double kLn2[] = {0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56, 0x1.7b57a079a1934p-111};
constexpr double kInvLn2 = 0x1.71547652b82fep+0;
constexpr double kSqrt2 = 0x1.6a09e667f3bcdp+0;

// 1/(2k+1): atanh s == s times the sum of kInvOdd[k] z^k, z = s^2. With |s| <= 0.1716 (so
// z < 0.0295) the terms from k = 11 on are below 2^-60 of the sum: added in plain doubles they
// err by under 2^-110; k = 21 on would add under 2^-112.
constexpr int kLogTerms = 21, kFirstPlainLogTerm = 11;
constexpr DoubleDouble kInvOdd[kLogTerms] = {
    {0x1.0000000000000p+0, 0x0.0p+0},                // 1/1
    {0x1.5555555555555p-2, 0x1.5555555555555p-56},   // 1/3
    {0x1.999999999999ap-3, -0x1.999999999999ap-57},  // 1/5
    {0x1.2492492492492p-3, 0x1.2492492492492p-57},   // 1/7
    {0x1.c71c71c71c71cp-4, 0x1.c71c71c71c71cp-58},   // 1/9
    {0x1.745d1745d1746p-4, -0x1.745d1745d1746p-59},  // 1/11
    {0x1.3b13b13b13b14p-4, -0x1.3b13b13b13b14p-58},  // 1/13
    {0x1.1111111111111p-4, 0x1.1111111111111p-60},   // 1/15
    {0x1.e1e1e1e1e1e1ep-5, 0x1.e1e1e1e1e1e1ep-61},   // 1/17
    {0x1.af286bca1af28p-5, 0x1.af286bca1af28p-59},   // 1/19
    {0x1.8618618618618p-5, 0x1.8618618618618p-59},   // 1/21
    {0x1.642c8590b2164p-5, 0x1.642c8590b2164p-60},   // 1/23
    {0x1.47ae147ae147bp-5, -0x1.eb851eb851eb8p-61},  // 1/25
    {0x1.2f684bda12f68p-5, 0x1.2f684bda12f68p-59},   // 1/27
    {0x1.1a7b9611a7b96p-5, 0x1.1a7b9611a7b96p-61},   // 1/29
    {0x1.0842108421084p-5, 0x1.0842108421084p-60},   // 1/31
    {0x1.f07c1f07c1f08p-6, -0x1.f07c1f07c1f08p-61},  // 1/33
    {0x1.d41d41d41d41dp-6, 0x1.0750750750750p-60},   // 1/35
    {0x1.bacf914c1bad0p-6, -0x1.bacf914c1bad0p-60},  // 1/37
    {0x1.a41a41a41a41ap-6, 0x1.0690690690690p-60},   // 1/39
    {0x1.8f9c18f9c18fap-6, -0x1.f3831f3831f38p-61},  // 1/41
};

// 1/k!: exp r == the sum of kInvFactorial[k] r^k. With |r| <= ln(2)/2 (a hair more) the terms
// from k = 15 on are below 2^-62 of the sum: added in plain doubles they err by under 2^-112;
// k = 24 on would add under 2^-115.
constexpr int kExpTerms = 24, kFirstPlainExpTerm = 15;
constexpr DoubleDouble kInvFactorial[kExpTerms] = {
    {0x1.0000000000000p+0, 0x0.0p+0},                  // 1/0!
    {0x1.0000000000000p+0, 0x0.0p+0},                  // 1/1!
    {0x1.0000000000000p-1, 0x0.0p+0},                  // 1/2!
    {0x1.5555555555555p-3, 0x1.5555555555555p-57},     // 1/3!
    {0x1.5555555555555p-5, 0x1.5555555555555p-59},     // 1/4!
    {0x1.1111111111111p-7, 0x1.1111111111111p-63},     // 1/5!
    {0x1.6c16c16c16c17p-10, -0x1.f49f49f49f49fp-65},   // 1/6!
    {0x1.a01a01a01a01ap-13, 0x1.a01a01a01a01ap-73},    // 1/7!
    {0x1.a01a01a01a01ap-16, 0x1.a01a01a01a01ap-76},    // 1/8!
    {0x1.71de3a556c734p-19, -0x1.c154f8ddc6c00p-73},   // 1/9!
    {0x1.27e4fb7789f5cp-22, 0x1.cbbc05b4fa99ap-76},    // 1/10!
    {0x1.ae64567f544e4p-26, -0x1.c062e06d1f209p-80},   // 1/11!
    {0x1.1eed8eff8d898p-29, -0x1.2aec959e14c06p-83},   // 1/12!
    {0x1.6124613a86d09p-33, 0x1.f28e0cc748ebep-87},    // 1/13!
    {0x1.93974a8c07c9dp-37, 0x1.05d6f8a2efd1fp-92},    // 1/14!
    {0x1.ae7f3e733b81fp-41, 0x1.1d8656b0ee8cbp-97},    // 1/15!
    {0x1.ae7f3e733b81fp-45, 0x1.1d8656b0ee8cbp-101},   // 1/16!
    {0x1.952c77030ad4ap-49, 0x1.ac981465ddc6cp-103},   // 1/17!
    {0x1.6827863b97d97p-53, 0x1.eec01221a8b0bp-107},   // 1/18!
    {0x1.2f49b46814157p-57, 0x1.2650f61dbdcb4p-112},   // 1/19!
    {0x1.e542ba4020225p-62, 0x1.ea72b4afe3c2fp-120},   // 1/20!
    {0x1.71b8ef6dcf572p-66, -0x1.d043ae40c4647p-120},  // 1/21!
    {0x1.0ce396db7f853p-70, -0x1.aebcdbd20331cp-124},  // 1/22!
    {0x1.761b41316381ap-75, -0x1.3423c7d91404fp-130},  // 1/23!
};

bool is_integer(double y) { return std::floor(y) == y; }
bool is_odd_integer(double y) {
  return std::isfinite(y) && is_integer(y) && std::fmod(y, 2.0) != 0;
}

// n ln 2 for an integer |n| < 2^20, to about 2^-104 relative: the first two parts' products exact.
DoubleDouble times_ln2(double n) {
  const DoubleDouble sum = add(two_product(n, kLn2[0]), two_product(n, kLn2[1]));
  return add(sum, {n * kLn2[2], 0});
}

// log x for a finite x > 0, to about 2^-102 relative.
DoubleDouble log_dd(double x) {
  int e = 0;
  double m = 2 * std::frexp(x, &e);  // x == m 2^(e - 1), m in [1, 2), subnormals too
  e -= 1;
  if (m > kSqrt2) {
    m *= 0.5;
    e += 1;
  }
  // log m == 2 atanh s, s = (m - 1) / (m + 1), |s| <= 0.1716; m - 1 is exact (Sterbenz).
  const DoubleDouble s = divide({m - 1, 0}, two_sum(m, 1));
  const DoubleDouble log_m = multiply(s, horner(kInvOdd, kFirstPlainLogTerm, multiply(s, s)));
  return add(times_ln2(e), {2 * log_m.hi, 2 * log_m.lo});
}

// value 2^k rounded once to a double, value a double-double in [0.7, 1.42] and k >= -1076.
double scale_rounded(DoubleDouble value, int k) {
  const bool normal =
      k > -1022 || (k == -1022 && (value.hi > 1 || (value.hi == 1 && value.lo >= 0)));
  if (normal) return std::ldexp(value.hi + value.lo, k);  // or inf: the scaling is exact
  // Subnormal: round value 2^(k + 1074), in units of the least subnormal, to an integer (ties to
  // even; the addition of 2^52 rounds hi to one), then let lo decide a tie in hi.
  const double hi = std::ldexp(value.hi, k + 1074), lo = std::ldexp(value.lo, k + 1074);
  double units = (hi + 0x1p52) - 0x1p52;
  const double past = hi - units;  // exact, in [-1/2, 1/2]
  if (past == 0.5 && lo > 0) units += 1;
  if (past == -0.5 && lo < 0) units -= 1;
  return std::ldexp(units, -1074);
}

// exp z rounded once, z a double-double.
double exp_rounded(DoubleDouble z) {
  if (z.hi > 710) return kInf;  // beyond log(DBL_MAX + ulp/2) = 709.78
  if (z.hi < -746) return 0;    // below log(2^-1075) = -745.13
  const double k = std::floor(z.hi * kInvLn2 + 0.5);
  const DoubleDouble r = add(z, negate(times_ln2(k)));  // |r| <= ln(2)/2 and a hair
  return scale_rounded(horner(kInvFactorial, kFirstPlainExpTerm, r), static_cast<int>(k));
}

// x^n for x > 0 and an integer n, when it is exact to compute: x == a 2^e with a odd, and either
// a == 1 (a power of two) or a^n, n > 0, fits in 63 bits and x^n is a normal double or overflows;
// the conversion of a^n to double then rounds once, to even. False otherwise (*result untouched).
bool exact_integer_power(double x, double n, double* result) {
  int e = 0;
  std::uint64_t a = static_cast<std::uint64_t>(std::ldexp(std::frexp(x, &e), 53));
  e -= 53;
  while (a % 2 == 0) {
    a /= 2;
    ++e;
  }
  if (a == 1) {
    const double exponent = e * n;  // 2^exponent, exact for the range tested
    if (exponent > 1024)
      *result = kInf;
    else if (exponent < -1074)
      *result = 0;  // 2^-1075 is a tie, to even: 0
    else
      *result = std::ldexp(1.0, static_cast<int>(exponent));
    return true;
  }
  if (!(n > 0 && n < 64)) return false;
  std::uint64_t power = a;
  int bits = 0;  // of power, less one
  for (int i = 1; i < static_cast<int>(n); ++i) {
    if (power > (std::uint64_t{1} << 63) / a) return false;
    power *= a;
  }
  for (std::uint64_t p = power; p > 1; p /= 2) ++bits;
  const double exponent = e * n;
  if (bits + exponent < -1022)
    return false;  // subnormal: the conversion and scaling would round twice
  *result =
      exponent > 1100 ? kInf : std::ldexp(static_cast<double>(power), static_cast<int>(exponent));
  return true;
}

// Largest |n| that binary_power takes: its relative error is below |n| 2^-103 (binary_power.hpp),
// 2^-89 here (exp(y log x) errs by up to about 2^-94 where |y log x| nears 745).
constexpr int kMaxBinaryPower = 1 << 14;

// x^n for a finite x > 0 and an integer 2 <= |n| <= kMaxBinaryPower, rounded once: binary powering
// in double-double arithmetic (binary_power_scaled), about 20 multiplications instead of a
// logarithm and an exponential: the decays' gamma ** k come here (Adam's beta ** step through
// RunningPower, which rounds to the same bits).
double binary_power(double x, int n) {
  const ScaledDoubleDouble scaled = binary_power_scaled(x, n < 0 ? -n : n);
  DoubleDouble power = scaled.mantissa;
  std::int64_t exponent = scaled.exponent;
  if (n < 0) {  // 1 / power, in (1/2, 1]
    power = divide({1, 0}, power);
    exponent = -exponent;
  }
  // Into scale_rounded's [0.7, 1.42].
  if (power.hi > kSqrt2) {
    power = {power.hi * 0.5, power.lo * 0.5};
    ++exponent;
  } else if (power.hi < kSqrt2 / 2) {
    power = {power.hi * 2, power.lo * 2};
    --exponent;
  }
  if (exponent > 1100) return kInf;
  if (exponent < -1076) return 0;
  return scale_rounded(power, static_cast<int>(exponent));
}

// x^y for a finite x > 0 and a finite y other than 0.
double positive_pow(double x, double y) {
  if (x == 1) return 1;  // pow(-1, y) for an even y; exp(y log 1) would be NaN for a huge y
  if (y == 1) return x;
  if (y == 2) return x * x;  // both rounded once: correctly rounded
  if (y == -1) return 1 / x;
  if (y == 0.5) return std::sqrt(x);
  // x^(p / 2^j) for a small j: take exact square roots while they are exact; where one is not,
  // x^y is irrational (never a midpoint), and exp(y log x) rounds it right.
  double base = x, exponent = y;
  for (int j = 0; j < 6 && !is_integer(exponent); ++j) {
    if (!(base > 0x1p-960 && base < 0x1p960)) break;  // two_product's range
    const double root = std::sqrt(base);
    const DoubleDouble square = two_product(root, root);
    if (square.hi != base || square.lo != 0) break;
    base = root;
    exponent *= 2;
  }
  double result = 0;
  if (is_integer(exponent) && std::fabs(exponent) < 0x1p52 &&
      exact_integer_power(base, exponent, &result)) {
    return result;
  }
  if (is_integer(exponent) && std::fabs(exponent) <= kMaxBinaryPower) {
    return binary_power(base, static_cast<int>(exponent));
  }
  const DoubleDouble log_x = log_dd(x);
  // Far beyond the range of exp (and of two_product's split, for a huge y): inf or 0.
  const double estimate = y * log_x.hi;
  if (!(std::fabs(estimate) < 1000)) return estimate > 0 ? kInf : 0.0;
  return exp_rounded(multiply(log_x, {y, 0}));
}

}  // namespace

double pow_rounded(double x, double y) {
  if (y == 0 || x == 1) return 1;
  if (std::isnan(x) || std::isnan(y)) return kNaN;
  const bool odd = is_odd_integer(y);
  if (x == 0) {
    if (y < 0) return odd ? std::copysign(kInf, x) : kInf;
    return odd ? x : 0.0;
  }
  if (std::isinf(y)) {
    const double size = std::fabs(x);
    if (size == 1) return 1;
    return (size < 1) == (y < 0) ? kInf : 0.0;
  }
  if (std::isinf(x)) {
    const double magnitude = y < 0 ? 0.0 : kInf;
    return x < 0 && odd ? -magnitude : magnitude;
  }
  if (x < 0) {
    if (!is_integer(y)) return kNaN;
    const double magnitude = positive_pow(-x, y);
    return odd ? -magnitude : magnitude;
  }
  return positive_pow(x, y);
}

double log_rounded(double x) {
  if (std::isnan(x) || x < 0) return kNaN;
  if (x == 0) return -kInf;
  if (std::isinf(x)) return kInf;
  if (x == 1) return 0;
  const DoubleDouble value = log_dd(x);
  return value.hi + value.lo;
}

}  // namespace lrplay
