// e^x of many floats at once, with the bits of the C library's expf (the cross-entropy's exp).
#pragma once

#include <cstddef>

namespace lrplay {

// values[i] = expf(values[i]) for i < n: the bits of glibc's and musl's expf (their shared
// algorithm, computed four or eight lanes at a time), which the scalar loop had.
void exp_floats(float* values, std::ptrdiff_t n);

}  // namespace lrplay
