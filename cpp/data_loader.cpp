#include "data_loader.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace lrplay {

ShuffledBatches::ShuffledBatches(int num_samples, int batch_size)
    : num_samples_(num_samples), batch_size_(batch_size) {
  if (num_samples < 0 || batch_size < 1) {
    throw std::invalid_argument("ShuffledBatches: " + std::to_string(num_samples) +
                                " samples in batches of " + std::to_string(batch_size));
  }
}

void ShuffledBatches::start_epoch(TorchGenerator& global) {
  global.random_int64();  // _base_seed
  TorchGenerator sampler(static_cast<std::uint64_t>(global.random_int64()));
  randperm(num_samples_, sampler, order_);
}

int ShuffledBatches::batch_size(int batch) const {
  return std::min(batch_size_, num_samples_ - batch * batch_size_);
}

void ShuffledBatches::gather(int batch, const Dataset& data, Matrix& x, std::vector<int>& y) const {
  const int first = batch * batch_size_;
  const int size = batch_size(batch);
  x.resize(data.x.rows(), size);
  y.resize(static_cast<std::size_t>(size));
  const int* samples = order_.data() + first;
  // Row by row: x is row-major (features x samples), so each feature's values are contiguous.
  for (Eigen::Index f = 0; f < data.x.rows(); ++f) {
    const float* from = data.x.row(f).data();
    float* to = x.row(f).data();
    for (int j = 0; j < size; ++j) to[j] = from[samples[j]];
  }
  for (int j = 0; j < size; ++j) {
    y[static_cast<std::size_t>(j)] = data.y[static_cast<std::size_t>(samples[j])];
  }
}

}  // namespace lrplay
