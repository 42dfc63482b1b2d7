// The draws torch.manual_seed(seed) + nn.Linear's reset_parameters() make on the CPU generator,
// bit for bit. Only uniform_ on float32 is needed.
#pragma once

#include <cstdint>
#include <random>

namespace lrplay {

class TorchGenerator {
 public:
  // torch.manual_seed(seed): the CPU generator is an mt19937 seeded with the low 32 bits.
  explicit TorchGenerator(std::uint64_t seed) : mt_(static_cast<std::uint32_t>(seed)) {}

  // One float32 sample of tensor.uniform_(from, to); see uniform_real in
  // aten/src/ATen/core/TransformationHelper.h (24 random bits, computed in double).
  float uniform(double from, double to);

 private:
  std::mt19937 mt_;
};

}  // namespace lrplay
