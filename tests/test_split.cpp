// numpy_legacy_permutation and train_test_split (cpp/split.*) against numpy 1.24 and
// scikit-learn 1.2. Expected values come from Debian's numpy/sklearn; the producing command is
// above each literal.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "split.hpp"

namespace lrplay {
namespace {

bool is_permutation_of_range(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != static_cast<int>(i)) return false;
  }
  return true;
}

TEST(NumpyPermutation, IsAPermutation) {
  for (int n : {0, 1, 2, 3, 17, 64, 65, 1000}) {
    for (std::uint32_t seed : {0u, 1u, 42u, 4294967295u}) {
      const std::vector<int> p = numpy_legacy_permutation(n, seed);
      ASSERT_EQ(p.size(), static_cast<std::size_t>(n));
      EXPECT_TRUE(is_permutation_of_range(p)) << "n=" << n << " seed=" << seed;
    }
  }
}

TEST(NumpyPermutation, MatchesNumpy) {
  // /usr/bin/python3 -c "import numpy as np; print(np.random.RandomState(0).permutation(10))"
  //   [2 8 4 9 1 6 7 3 0 5]
  EXPECT_EQ(numpy_legacy_permutation(10, 0), (std::vector<int>{2, 8, 4, 9, 1, 6, 7, 3, 0, 5}));
  // /usr/bin/python3 -c "import numpy as np; print(np.random.RandomState(42).permutation(10))"
  //   [8 1 5 0 7 2 9 4 3 6]
  EXPECT_EQ(numpy_legacy_permutation(10, 42), (std::vector<int>{8, 1, 5, 0, 7, 2, 9, 4, 3, 6}));
  // /usr/bin/python3 -c "import numpy as np;
  // print(list(np.random.RandomState(4294967295).permutation(7)))"
  //   [1, 5, 0, 6, 4, 2, 3]        (the largest seed numpy accepts)
  EXPECT_EQ(numpy_legacy_permutation(7, 4294967295u), (std::vector<int>{1, 5, 0, 6, 4, 2, 3}));
  // /usr/bin/python3 -c "import numpy as np;
  // print(list(np.random.RandomState(123).permutation(33)))"
  //   33 elements: the bound crosses the power of two 32, so the rejection loop runs with mask 63.
  EXPECT_EQ(numpy_legacy_permutation(33, 123),
            (std::vector<int>{8,  26, 5, 29, 21, 30, 13, 7,  23, 12, 11, 16, 4, 3,  27, 20, 18,
                              14, 24, 9, 15, 31, 0,  1,  22, 25, 10, 19, 17, 6, 32, 28, 2}));
  // /usr/bin/python3 -c "import numpy as np;
  // print(list(np.random.RandomState(7).permutation(1000)[:8]))"
  //   [778, 334, 271, 802, 216, 408, 812, 94]
  const std::vector<int> big = numpy_legacy_permutation(1000, 7);
  EXPECT_EQ(std::vector<int>(big.begin(), big.begin() + 8),
            (std::vector<int>{778, 334, 271, 802, 216, 408, 812, 94}));
  // Trivial sizes draw nothing.
  EXPECT_EQ(numpy_legacy_permutation(1, 0), std::vector<int>{0});
  EXPECT_TRUE(numpy_legacy_permutation(0, 0).empty());
}

TEST(TrainTestSplit, MatchesScikitLearn) {
  // /usr/bin/python3 -c "import numpy as np; from sklearn.model_selection import train_test_split
  // as t;
  //   print(t(np.arange(10), test_size=0.25, random_state=0))"
  //   [array([9, 1, 6, 7, 3, 0, 5]), array([2, 8, 4])]
  const SplitIndices s = train_test_split(10, 0.25, 0);
  EXPECT_EQ(s.test, (std::vector<int>{2, 8, 4}));
  EXPECT_EQ(s.train, (std::vector<int>{9, 1, 6, 7, 3, 0, 5}));
  // The test side is the head of the permutation, the train side its tail.
  std::vector<int> joined = s.test;
  joined.insert(joined.end(), s.train.begin(), s.train.end());
  EXPECT_EQ(joined, numpy_legacy_permutation(10, 0));
  // ... t(np.arange(7), test_size=0.3, random_state=3) -> [array([3, 1, 0, 2]), array([4, 6, 5])]
  const SplitIndices s7 = train_test_split(7, 0.3, 3);
  EXPECT_EQ(s7.train, (std::vector<int>{3, 1, 0, 2}));
  EXPECT_EQ(s7.test, (std::vector<int>{4, 6, 5}));
}

TEST(TrainTestSplit, SizesFollowTheCeilRule) {
  // n_test = ceil(test_size * n), n_train = n - n_test (sklearn's _validate_shuffle_split).
  struct Case {
    int n;
    double test_size;
    std::size_t n_test;
  };
  const Case cases[] = {
      {178, 0.2, 36},  // 35.6 -> 36: the lesson's 142 / 36
      {10, 0.21, 3},   // 2.1 -> 3
      {10, 0.01, 1},   // 0.1 -> 1
      {3, 0.5, 2},     // 1.5 -> 2
      {2, 0.5, 1},
      // 0.28 * 25 is 7.000000000000001 in double, so the ceiling is 8, and sklearn says 8 too:
      // len(t(np.arange(25), test_size=0.28, random_state=0)[1]) == 8
      {25, 0.28, 8},
      {50, 0.14, 8},  // 7.000000000000001 -> 8, sklearn agrees
  };
  for (const Case& c : cases) {
    const SplitIndices s = train_test_split(c.n, c.test_size, 0);
    EXPECT_EQ(s.test.size(), c.n_test) << c.n << " x " << c.test_size;
    EXPECT_EQ(s.train.size(), c.n - c.n_test) << c.n << " x " << c.test_size;
  }
}

TEST(TrainTestSplit, RejectsTestSizeOutsideTheOpenInterval) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (double t : {0.0, -0.0, 1.0, -0.1, 1.5, nan, inf, -inf}) {
    EXPECT_THROW(train_test_split(10, t, 0), std::invalid_argument) << t;
  }
}

TEST(TrainTestSplit, RejectsSplitsThatLeaveASideEmpty) {
  // sklearn raises "the resulting train set will be empty" for both of these.
  EXPECT_THROW(train_test_split(1, 0.5, 0), std::invalid_argument);    // 1 test, 0 train
  EXPECT_THROW(train_test_split(10, 0.95, 0), std::invalid_argument);  // 10 test, 0 train
  EXPECT_THROW(train_test_split(0, 0.5, 0), std::invalid_argument);    // nothing to split
  try {
    train_test_split(10, 0.95, 0);
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("empty"), std::string::npos) << e.what();
  }
}

TEST(TrainTestSplit, MinSamplesIsTheFewestTheSplitAccepts) {
  for (double test_size : {0.2, 0.5, 0.9, 0.25, 0.01, 0.999, 1.0 / 3}) {
    const int n = min_samples_for_split(test_size);
    EXPECT_NO_THROW(train_test_split(n, test_size, 42)) << test_size;
    EXPECT_THROW(train_test_split(n - 1, test_size, 42), std::invalid_argument) << test_size;
  }
  EXPECT_EQ(min_samples_for_split(0.2), 2);
  EXPECT_EQ(min_samples_for_split(0.9), 10);
  EXPECT_EQ(min_samples_for_split(0.5), 2);
}

}  // namespace
}  // namespace lrplay
