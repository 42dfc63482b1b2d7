// The DataLoader shuffle (cpp/data_loader.*) and the generator draws under it (cpp/torch_random.*)
// against PyTorch: tests/golden/units/loader_orders.txt, made by units.py with PyTorch 1.13.
#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <set>

#include "data_loader.hpp"
#include "mlp.hpp"
#include "units_reference.hpp"

namespace lrplay {
namespace {

using testing::read_units_reference;
using testing::split_words;

std::vector<int> to_ints(const std::vector<std::string>& words) {
  std::vector<int> out;
  for (const auto& w : words) out.push_back(std::stoi(w));
  return out;
}

std::vector<int> layer_sizes(const std::string& text) {
  std::vector<int> sizes;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto comma = text.find(',', pos);
    const auto end = comma == std::string::npos ? text.size() : comma;
    sizes.push_back(std::stoi(text.substr(pos, end - pos)));
    pos = end + 1;
  }
  return sizes;
}

int count_lines(const std::string& kind) {
  int count = 0;
  for (const auto& line : read_units_reference("loader_orders.txt"))
    count += split_words(line.key)[0] == kind;
  return count;
}

TEST(TorchGenerator, Random64TakesTheFirstDrawAsTheHighHalf) {
  TorchGenerator a(7), b(7);
  const std::uint64_t hi = a.random(), lo = a.random();
  EXPECT_EQ(b.random64(), (hi << 32) | lo);
}

TEST(TorchGenerator, Int64RandomDropsTheTopBit) {
  // torch's uniform_int<int64_t> takes random64() % 2^63: never negative.
  TorchGenerator a(11), b(11);
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t raw = a.random64();
    const std::int64_t value = b.random_int64();
    ASSERT_GE(value, 0);
    ASSERT_EQ(static_cast<std::uint64_t>(value), raw & ~(std::uint64_t{1} << 63));
  }
}

TEST(TorchGenerator, Int64RandomMatchesPyTorch) {
  ASSERT_EQ(count_lines("random_int64"), 3);
  for (const auto& line : read_units_reference("loader_orders.txt")) {
    const auto key = split_words(line.key);
    if (key[0] != "random_int64") continue;
    TorchGenerator gen(std::stoull(key[1]));  // torch.manual_seed(seed)
    for (const auto& expected : line.values)
      EXPECT_EQ(gen.random_int64(), std::stoll(expected)) << line.key;
  }
}

// randperm(n, gen) as a value (the core redraws into the vector it keeps).
std::vector<int> perm_of(int n, TorchGenerator& gen) {
  std::vector<int> perm;
  randperm(n, gen, perm);
  return perm;
}

TEST(Randperm, MatchesPyTorch) {
  ASSERT_EQ(count_lines("randperm"), 24);
  for (const auto& line : read_units_reference("loader_orders.txt")) {
    const auto key = split_words(line.key);
    if (key[0] != "randperm") continue;
    TorchGenerator gen(std::stoull(key[1]));  // torch.Generator().manual_seed(seed)
    EXPECT_EQ(perm_of(std::stoi(key[2]), gen), to_ints(line.values)) << line.key;
  }
}

TEST(Randperm, IsAPermutation) {
  TorchGenerator gen(3);
  std::vector<int> perm = perm_of(1000, gen);
  std::vector<int> sorted = perm;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int> identity(1000);
  std::iota(identity.begin(), identity.end(), 0);
  EXPECT_EQ(sorted, identity);
  EXPECT_NE(perm, identity);
  randperm(0, gen, perm);  // into a vector that held 1,000: resized, not appended to
  EXPECT_TRUE(perm.empty());
}

TEST(ShuffledBatches, EpochOrdersMatchPyTorchAfterTheModelsInit) {
  // torch.manual_seed(seed); model = nn.Sequential(...); then each `for xb, yb in loader:`.
  ASSERT_EQ(count_lines("loader"), 16);
  for (const auto& line : read_units_reference("loader_orders.txt")) {
    const auto key = split_words(line.key);
    if (key[0] != "loader") continue;
    TorchGenerator global(std::stoull(key[1]));
    MLP model(layer_sizes(key[2]));
    model.init_like_torch(global);
    ShuffledBatches loader(std::stoi(key[3]), std::stoi(key[4]));
    const int epoch = std::stoi(key[5]);
    for (int e = 1; e <= epoch; ++e) loader.start_epoch(global);
    EXPECT_EQ(loader.order(), to_ints(line.values)) << line.key;
  }
}

TEST(ShuffledBatches, KeepsThePartialLastBatch) {
  ShuffledBatches loader(142, 16);
  EXPECT_EQ(loader.num_batches(), 9);
  EXPECT_EQ(loader.batch_size(0), 16);
  EXPECT_EQ(loader.batch_size(8), 142 - 8 * 16);
  ShuffledBatches exact(64, 32);
  EXPECT_EQ(exact.num_batches(), 2);
  EXPECT_EQ(exact.batch_size(1), 32);
  ShuffledBatches one(5, 100);
  EXPECT_EQ(one.num_batches(), 1);
  EXPECT_EQ(one.batch_size(0), 5);
}

TEST(ShuffledBatches, GatherCopiesTheBatchSamplesInOrder) {
  Dataset data;
  data.x.resize(2, 5);
  data.x << 0, 1, 2, 3, 4,  //
      10, 11, 12, 13, 14;
  data.y = {0, 1, 2, 0, 1};
  data.num_classes = 3;
  TorchGenerator global(1);
  ShuffledBatches loader(5, 2);
  loader.start_epoch(global);
  std::set<int> seen;
  for (int b = 0; b < loader.num_batches(); ++b) {
    Matrix x;
    std::vector<int> y;
    loader.gather(b, data, x, y);
    ASSERT_EQ(x.cols(), loader.batch_size(b));
    for (int j = 0; j < x.cols(); ++j) {
      const int sample = loader.order()[static_cast<std::size_t>(b * 2 + j)];
      EXPECT_EQ(x(0, j), static_cast<float>(sample));
      EXPECT_EQ(x(1, j), static_cast<float>(10 + sample));
      EXPECT_EQ(y[static_cast<std::size_t>(j)], data.y[static_cast<std::size_t>(sample)]);
      seen.insert(sample);
    }
  }
  EXPECT_EQ(seen.size(), 5u);
}

TEST(ShuffledBatches, EachEpochDrawsFourWordsFromTheGlobalGenerator) {
  // _base_seed and the sampler's seed: two int64 random_() calls, two 32-bit draws each.
  TorchGenerator global(9), skipped(9);
  ShuffledBatches loader(10, 3);
  loader.start_epoch(global);
  for (int i = 0; i < 4; ++i) skipped.random();
  EXPECT_EQ(global.random(), skipped.random());
}

TEST(ShuffledBatches, RejectsAnEmptyBatch) {
  EXPECT_THROW(ShuffledBatches(10, 0), std::invalid_argument);
  EXPECT_THROW(ShuffledBatches(-1, 4), std::invalid_argument);
}

}  // namespace
}  // namespace lrplay
