// The mini-batches of DataLoader(TensorDataset(X, y), batch_size=B, shuffle=True) with no workers
// and no generator of its own (PyTorch 2.6, torch/utils/data/dataloader.py and sampler.py), in
// PyTorch's order, bit for bit.
#pragma once

#include <vector>

#include "dataset.hpp"
#include "torch_random.hpp"

namespace lrplay {

class ShuffledBatches {
 public:
  // batch_size >= 1; the last batch of an epoch may be smaller (drop_last=False).
  ShuffledBatches(int num_samples, int batch_size);

  // `for xb, yb in loader:` starts an epoch. _BaseDataLoaderIter.__init__ draws _base_seed (used
  // only by workers) from the global generator, then RandomSampler.__iter__ draws its seed the
  // same way and shuffles with torch.randperm(n, generator=torch.Generator().manual_seed(seed)).
  void start_epoch(TorchGenerator& global);

  int num_batches() const { return (num_samples_ + batch_size_ - 1) / batch_size_; }
  int batch_size(int batch) const;

  // The sample order of the current epoch: batch b holds order()[b * B, b * B + batch_size(b)).
  const std::vector<int>& order() const { return order_; }

  // Copies batch b of the current epoch into x (features x batch) and y, as TensorDataset's
  // indexing and default_collate's torch.stack do.
  void gather(int batch, const Dataset& data, Matrix& x, std::vector<int>& y) const;

 private:
  int num_samples_;
  int batch_size_;
  std::vector<int> order_;
};

}  // namespace lrplay
