// numpy's legacy RandomState is MT19937 seeded by init_genrand (as std::mt19937 is); its shuffle
// draws each bound with masked rejection sampling (numpy/random/src/distributions:
// random_interval).
#include "split.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

#include "text.hpp"

namespace lrplay {
namespace {

// A uniform integer in [0, max]: mask to the smallest all-ones value >= max, redraw while above.
std::uint32_t random_interval(std::mt19937& gen, std::uint32_t max) {
  if (max == 0) return 0;
  std::uint32_t mask = max;
  mask |= mask >> 1;
  mask |= mask >> 2;
  mask |= mask >> 4;
  mask |= mask >> 8;
  mask |= mask >> 16;
  std::uint32_t value;
  while ((value = static_cast<std::uint32_t>(gen()) & mask) > max) {
  }
  return value;
}

}  // namespace

std::vector<int> numpy_legacy_permutation(int n, std::uint32_t seed) {
  std::vector<int> perm(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) perm[i] = i;
  std::mt19937 gen(seed);
  for (int i = n - 1; i >= 1; --i) {
    std::swap(perm[i], perm[random_interval(gen, static_cast<std::uint32_t>(i))]);
  }
  return perm;
}

SplitIndices train_test_split(int n, double test_size, std::uint32_t seed) {
  if (!(test_size > 0.0 && test_size < 1.0)) {
    throw std::invalid_argument("test_size must be between 0 and 1 (exclusive)");
  }
  // sklearn.model_selection._split._validate_shuffle_split: n_test = ceil(test_size * n).
  const int n_test = static_cast<int>(std::ceil(test_size * n));
  const int n_train = n - n_test;
  if (n_test < 1 || n_train < 1) {
    // The exact value: std::to_string's 6 decimals showed 0.9999999999999999 as 1.000000.
    throw std::invalid_argument("test_size = " + shortest_text(test_size) + " with " +
                                count_of(n, "sample") + " leaves an empty train or validation set");
  }
  const std::vector<int> perm = numpy_legacy_permutation(n, seed);
  return {std::vector<int>(perm.begin(), perm.begin() + n_test),
          std::vector<int>(perm.begin() + n_test, perm.end())};
}

int min_samples_for_split(double test_size) {
  if (!(test_size > 0.0 && test_size < 1.0)) {
    throw std::invalid_argument("test_size must be between 0 and 1 (exclusive)");
  }
  // n - ceil(test_size * n) >= 1 first holds near n = 1 / (1 - test_size); start just below that
  // and walk up with the same ceil rule as above (a test_size a hair under 1 needs huge counts).
  const double estimate = std::floor(1.0 / (1.0 - test_size)) - 1.0;
  if (estimate > std::numeric_limits<int>::max() / 2) return std::numeric_limits<int>::max();
  long long n = std::max(2LL, static_cast<long long>(estimate));
  while (n - static_cast<long long>(std::ceil(test_size * static_cast<double>(n))) < 1) ++n;
  return static_cast<int>(n);
}

}  // namespace lrplay
