// cos x rounded once to the nearest double, by one algorithm of our own, so that the native CLI
// (glibc) and the page's wasm (musl) compute the schedulers' cosines to the same bits.
#pragma once

namespace lrplay {

// cos x for |x| < 2^34, which holds every argument the schedulers can pass (pi * t / T_max with
// int t and T_max, under pi 2^31): the same bits in both builds throughout, and correctly rounded
// (to nearest, ties to even) on every argument checked against the exact reference (the
// schedulers' pi t / T for T <= 300 and draws up to 2^34); where cos x is very near 0 beyond about
// 2^30 the reduction's error is not proven small enough for that. NaN beyond 2^34 (its
// argument reduction, pi/2 in three doubles, is too short there: the C library's cos would serve,
// but linking musl's costs the wasm 4.6 KB gzip), and for inf and NaN. PyTorch's schedulers call
// Python's math.cos, glibc's cos on Linux, which is not correctly rounded: glibc 2.36's differs
// from this one on about 0.1% of arguments, by one ulp, those whose cosine lies within 0.061 ulp of
// a midpoint between two doubles (tests/golden/units/cos_rounded.txt lists them).
double cos_rounded(double x);

}  // namespace lrplay
