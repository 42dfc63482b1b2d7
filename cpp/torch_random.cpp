#include "torch_random.hpp"

#include <utility>

namespace lrplay {

float TorchGenerator::uniform(double from, double to) {
  // uniform_kernel casts the bounds to the tensor's type first; the range is a float subtraction.
  const float from_f = static_cast<float>(from);
  const float to_f = static_cast<float>(to);
  const float range = to_f - from_f;
  const std::uint32_t bits = static_cast<std::uint32_t>(mt_()) & ((1u << 24) - 1);
  const double x = bits * (1.0 / (1u << 24));
  return static_cast<float>(x * static_cast<double>(range) + static_cast<double>(from_f));
}

std::uint64_t TorchGenerator::random64() {
  const std::uint64_t hi = random();
  const std::uint64_t lo = random();
  return (hi << 32) | lo;
}

std::int64_t TorchGenerator::random_int64() {
  constexpr std::uint64_t kInt64Range = std::uint64_t{1} << 63;  // int64 max + 1
  return static_cast<std::int64_t>(random64() % kInt64Range);
}

void randperm(int n, TorchGenerator& generator, std::vector<int>& perm) {
  perm.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  for (int i = 0; i < n; ++i) perm[static_cast<std::size_t>(i)] = i;
  for (int i = 0; i < n - 1; ++i) {
    const auto z = static_cast<int>(generator.random() % static_cast<std::uint32_t>(n - i));
    std::swap(perm[static_cast<std::size_t>(i)], perm[static_cast<std::size_t>(i + z)]);
  }
}

}  // namespace lrplay
