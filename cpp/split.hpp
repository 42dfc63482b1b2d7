// The train/validation split of scikit-learn's train_test_split(X, y, test_size, random_state),
// index for index. Not a general RNG library: only the draws that split needs.
#pragma once

#include <cstdint>
#include <vector>

namespace lrplay {

struct SplitIndices {
  std::vector<int> test;   // the first ceil(test_size * n) entries of the permutation
  std::vector<int> train;  // the remaining n - n_test, in permutation order
};

// numpy.random.RandomState(seed).permutation(n): legacy Fisher-Yates shuffle of range(n).
std::vector<int> numpy_legacy_permutation(int n, std::uint32_t seed);

// train_test_split(..., test_size, shuffle=True, random_state=seed) for a float test_size in (0,
// 1). Throws std::invalid_argument when either side would be empty.
SplitIndices train_test_split(int n, double test_size, std::uint32_t seed);

// The fewest samples train_test_split(n, test_size) accepts: both sides hold at least one.
int min_samples_for_split(double test_size);

}  // namespace lrplay
