// x^y and log x rounded once to the nearest double, by algorithms of our own, so that the native
// CLI (glibc) and the page's wasm (musl) compute the schedulers' powers and logarithms to the same
// bits, as cos_rounded does for their cosines.
#pragma once

namespace lrplay {

// x^y, with C's pow's special cases (pow(x, 0) == 1 and pow(1, y) == 1 even for NaN, NaN for a
// negative x and a non-integer y, signed zeros and infinities). The same bits in both builds
// throughout, and correctly rounded (to nearest, ties to even) on every argument checked against
// the exact reference (tests/golden/units/pow_reference.py: the schedulers' gamma ** k,
// PolynomialLR's powers, the LR range test's and uniform draws): exact powers exactly, midpoints
// to even; otherwise x^y carries a relative error below about 2^-90 before its one rounding, so
// only a value that close to a midpoint between two doubles could round the wrong way. PyTorch's
// schedulers use Python's `**`, glibc's pow on Linux, which is not always correctly rounded
// (tests/golden/units/pow_rounded.txt lists where it differs on the reference's sweep).
double pow_rounded(double x, double y);

// log x (natural), likewise: -inf at 0, NaN below; log x is correctly rounded wherever checked,
// and within about 2^-100 relative elsewhere. Python's math.log calls glibc's log.
double log_rounded(double x);

}  // namespace lrplay
