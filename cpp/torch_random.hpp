// PyTorch's CPU generator (aten/src/ATen/CPUGeneratorImpl.cpp), bit for bit, for the draws this
// project needs: nn.Linear's uniform_ initialization, int64 random_() and randperm.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace lrplay {

class TorchGenerator {
 public:
  // torch.manual_seed(seed) or torch.Generator().manual_seed(seed): an mt19937 seeded with the
  // low 32 bits of the seed (at::mt19937's init_with_uint32).
  explicit TorchGenerator(std::uint64_t seed) : mt_(static_cast<std::uint32_t>(seed)) {}

  // One float32 sample of tensor.uniform_(from, to); see uniform_real in
  // aten/src/ATen/core/TransformationHelper.h (24 random bits, computed in double).
  float uniform(double from, double to);

  // CPUGeneratorImpl::random(): one 32-bit draw.
  std::uint32_t random() { return static_cast<std::uint32_t>(mt_()); }

  // CPUGeneratorImpl::random64(): two 32-bit draws, the first one the high half.
  std::uint64_t random64();

  // torch.empty((), dtype=torch.int64).random_(): random64() modulo 2^63 (uniform_int in
  // TransformationHelper.h), so always in [0, 2^63).
  std::int64_t random_int64();

 private:
  std::mt19937 mt_;
};

// torch.randperm(n, generator=generator) on the CPU for n < 2^32 / 20 (randperm_cpu in
// aten/src/ATen/native/TensorFactories.cpp): a Fisher-Yates shuffle that swaps position i with
// i + random() % (n - i). Drawn into `perm`, reusing its storage (the DataLoader's order, drawn
// again every epoch).
void randperm(int n, TorchGenerator& generator, std::vector<int>& perm);

}  // namespace lrplay
