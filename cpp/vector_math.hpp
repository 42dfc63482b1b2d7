// e^x and log x of many floats at once, with the bits of the C library's expf and logf (the
// cross-entropy's exp and log).
#pragma once

#include <cstddef>

namespace lrplay {

// values[i] = expf(values[i]) for i < n: the bits of glibc's and musl's expf (their shared
// algorithm, computed four or eight lanes at a time), which the scalar loop had.
void exp_floats(float* values, std::ptrdiff_t n);

// values[i] = logf(values[i]) for i < n, the same way: glibc's and musl's logf, lane for lane.
void log_floats(float* values, std::ptrdiff_t n);

}  // namespace lrplay
