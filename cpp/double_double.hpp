// Double-double arithmetic (a value held as hi + lo, about 106 bits) from ordinary double
// operations, each rounded once: no fma (the wasm has none, and the core builds with
// -ffp-contract=off), so the native and wasm builds compute the same bits. cos_rounded and
// pow_rounded evaluate in it and round to a double once at the end.
#pragma once

namespace lrplay {

struct DoubleDouble {
  double hi, lo;  // the value hi + lo, |lo| <= ulp(hi) / 2
};

// a + b == s + e exactly (Knuth's TwoSum, any a and b).
inline DoubleDouble two_sum(double a, double b) {
  const double s = a + b, b_part = s - a;
  return {s, (a - (s - b_part)) + (b - b_part)};
}

// a + b == s + e exactly when |a| >= |b| (Dekker's FastTwoSum).
inline DoubleDouble fast_two_sum(double a, double b) {
  const double s = a + b;
  return {s, b - (s - a)};
}

// a == hi + lo with 26-bit halves, whose products are exact (Veltkamp's split, 2^27 + 1).
inline DoubleDouble split(double a) {
  const double t = 134217729.0 * a, hi = t - (t - a);
  return {hi, a - hi};
}

// a * b == p + e exactly (Dekker's TwoProduct), barring overflow and underflow.
inline DoubleDouble two_product(double a, double b) {
  const double p = a * b;
  const DoubleDouble x = split(a), y = split(b);
  return {p, ((x.hi * y.hi - p) + x.hi * y.lo + x.lo * y.hi) + x.lo * y.lo};
}

inline DoubleDouble negate(DoubleDouble a) { return {-a.hi, -a.lo}; }

// Relative error about 2^-104 of the sum even when a and b nearly cancel (the "accurate"
// double-double addition of Li et al., XBLAS, 2002), which the argument reductions need.
inline DoubleDouble add(DoubleDouble a, DoubleDouble b) {
  DoubleDouble s = two_sum(a.hi, b.hi);
  const DoubleDouble t = two_sum(a.lo, b.lo);
  s = fast_two_sum(s.hi, s.lo + t.hi);
  return fast_two_sum(s.hi, s.lo + t.lo);
}

// a * b to 2^-103 relative (barring underflow): the product of the lows (2^-106) is left out, the
// cross terms' three roundings add 2^-104 and the last addition's 1.5 2^-105.
inline DoubleDouble multiply(DoubleDouble a, DoubleDouble b) {
  DoubleDouble p = two_product(a.hi, b.hi);
  return fast_two_sum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

// a * b for a double b, to 1.5 2^-105 relative (a.lo * b's rounding 2^-106, the addition's 2^-105).
inline DoubleDouble multiply(DoubleDouble a, double b) {
  const DoubleDouble p = two_product(a.hi, b);
  return fast_two_sum(p.hi, p.lo + a.lo * b);
}

// a / b to about 2^-104: three quotient digits, each from the remainder the last one leaves.
inline DoubleDouble divide(DoubleDouble a, DoubleDouble b) {
  const double q1 = a.hi / b.hi;
  DoubleDouble r = add(a, negate(multiply(b, {q1, 0})));
  const double q2 = r.hi / b.hi;
  r = add(r, negate(multiply(b, {q2, 0})));
  const double q3 = r.hi / b.hi;
  return add(fast_two_sum(q1, q2), {q3, 0});
}

// The sum of terms[k] z^k by Horner's rule: the terms from first_plain on (small enough that
// double precision suffices for them) in doubles, the rest in double-doubles.
template <int N>
DoubleDouble horner(const DoubleDouble (&terms)[N], int first_plain, DoubleDouble z) {
  double tail = terms[N - 1].hi;
  for (int k = N - 2; k >= first_plain; --k) tail = tail * z.hi + terms[k].hi;
  DoubleDouble sum = {tail, 0};
  for (int k = first_plain - 1; k >= 0; --k) sum = add(multiply(sum, z), terms[k]);
  return sum;
}

}  // namespace lrplay
