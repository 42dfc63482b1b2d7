#include "torch_random.hpp"

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

}  // namespace lrplay
