// cos x in double-double arithmetic (about 104 bits), rounded to a double once at the end: the
// argument reduced by pi/2 held in three doubles, then the Taylor series of cos or sin. Every step
// is an ordinary double operation rounded once (no fma: the wasm has none, and the core builds
// with -ffp-contract=off), so both builds compute the same bits. The constants come from
// tests/golden/units/cos_reference.py, the exact-integer reference the tests check against.
#include "cos_rounded.hpp"

#include <cmath>
#include <limits>

#include "double_double.hpp"

namespace lrplay {
namespace {

// pi/2 == kPiOver2[0] + kPiOver2[1] + kPiOver2[2] to about 2^-163.
constexpr double kPiOver2[] = {0x1.921fb54442d18p+0, 0x1.1a62633145c07p-54,
                               -0x1.f1976b7ed8fbcp-110};
constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;

// (-1)^k / (2k)! and (-1)^k / (2k+1)!: cos r == sum of kCos[k] z^k and sin r == r times the sum
// of kSin[k] z^k, z = r^2. With |r| <= pi/4 (so z < 0.62) the terms from k = 9 on are below
// 2^-58 of the sum: added in plain doubles, they err by under 2^-110; k = 15 on would add under
// 2^-115.
constexpr int kTerms = 15, kFirstPlainTerm = 9;
constexpr DoubleDouble kCos[kTerms] = {
    {0x1.0000000000000p+0, 0x0.0p+0},                   // +1/0!
    {-0x1.0000000000000p-1, 0x0.0p+0},                  // -1/2!
    {0x1.5555555555555p-5, 0x1.5555555555555p-59},      // +1/4!
    {-0x1.6c16c16c16c17p-10, 0x1.f49f49f49f49fp-65},    // -1/6!
    {0x1.a01a01a01a01ap-16, 0x1.a01a01a01a01ap-76},     // +1/8!
    {-0x1.27e4fb7789f5cp-22, -0x1.cbbc05b4fa99ap-76},   // -1/10!
    {0x1.1eed8eff8d898p-29, -0x1.2aec959e14c06p-83},    // +1/12!
    {-0x1.93974a8c07c9dp-37, -0x1.05d6f8a2efd1fp-92},   // -1/14!
    {0x1.ae7f3e733b81fp-45, 0x1.1d8656b0ee8cbp-101},    // +1/16!
    {-0x1.6827863b97d97p-53, -0x1.eec01221a8b0bp-107},  // -1/18!
    {0x1.e542ba4020225p-62, 0x1.ea72b4afe3c2fp-120},    // +1/20!
    {-0x1.0ce396db7f853p-70, 0x1.aebcdbd20331cp-124},   // -1/22!
    {0x1.f2cf01972f578p-80, -0x1.9ada5fcc1ab14p-135},   // +1/24!
    {-0x1.88e85fc6a4e5ap-89, 0x1.71c37ebd16540p-143},   // -1/26!
    {0x1.0a18a2635085dp-98, 0x1.b9e2e28e1aa54p-153},    // +1/28!
};
constexpr DoubleDouble kSin[kTerms] = {
    {0x1.0000000000000p+0, 0x0.0p+0},                   // +1/1!
    {-0x1.5555555555555p-3, -0x1.5555555555555p-57},    // -1/3!
    {0x1.1111111111111p-7, 0x1.1111111111111p-63},      // +1/5!
    {-0x1.a01a01a01a01ap-13, -0x1.a01a01a01a01ap-73},   // -1/7!
    {0x1.71de3a556c734p-19, -0x1.c154f8ddc6c00p-73},    // +1/9!
    {-0x1.ae64567f544e4p-26, 0x1.c062e06d1f209p-80},    // -1/11!
    {0x1.6124613a86d09p-33, 0x1.f28e0cc748ebep-87},     // +1/13!
    {-0x1.ae7f3e733b81fp-41, -0x1.1d8656b0ee8cbp-97},   // -1/15!
    {0x1.952c77030ad4ap-49, 0x1.ac981465ddc6cp-103},    // +1/17!
    {-0x1.2f49b46814157p-57, -0x1.2650f61dbdcb4p-112},  // -1/19!
    {0x1.71b8ef6dcf572p-66, -0x1.d043ae40c4647p-120},   // +1/21!
    {-0x1.761b41316381ap-75, 0x1.3423c7d91404fp-130},   // -1/23!
    {0x1.3f3ccdd165fa9p-84, -0x1.58ddadf344487p-139},   // +1/25!
    {-0x1.d1ab1c2dccea3p-94, -0x1.054d0c78aea14p-149},  // -1/27!
    {0x1.259f98b4358adp-103, 0x1.eaf8c39dd9bc5p-157},   // +1/29!
};

}  // namespace

double cos_rounded(double x) {
  const double y = std::fabs(x);                                       // cos is even
  if (!(y < 0x1p34)) return std::numeric_limits<double>::quiet_NaN();  // inf and NaN too
  // y == n pi/2 + r with |r| <= pi/4 (a hair more where n's rounding errs by one, which the
  // series covers). n pi/2 is formed exactly from the first two parts (n < 2^34), and the dd
  // additions keep r to about 2^-104 of the largest partial difference, which is |r| plus at most
  // n 2^-53: far below half an ulp's distance to a midpoint for the schedulers' arguments.
  const double n = std::floor(y * kTwoOverPi + 0.5);
  const DoubleDouble first = two_product(n, kPiOver2[0]), second = two_product(n, kPiOver2[1]);
  DoubleDouble r = add({y, 0}, {-first.hi, -first.lo});
  r = add(r, {-second.hi, -second.lo});
  r = add(r, {-(n * kPiOver2[2]), 0});
  const DoubleDouble z = multiply(r, r);
  // cos(n pi/2 + r) is cos r, -sin r, -cos r, sin r as n mod 4 is 0, 1, 2, 3.
  const int quadrant = static_cast<int>(std::fmod(n, 4.0));
  const DoubleDouble value = quadrant % 2 == 0 ? horner(kCos, kFirstPlainTerm, z)
                                               : multiply(r, horner(kSin, kFirstPlainTerm, z));
  const double rounded = value.hi + value.lo;  // hi + lo rounded once (hi itself, normalized)
  return quadrant == 1 || quadrant == 2 ? -rounded : rounded;
}

}  // namespace lrplay
