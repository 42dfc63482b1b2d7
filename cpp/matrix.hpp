// The core's one matrix type: float32 (PyTorch's default dtype), row-major.
#pragma once

#include <Eigen/Core>

namespace lrplay {

// Weights are (out x in), row-major as torch stores them, so model.parameters() order is memory
// order. Data and activations are (features x samples), one sample per column, also row-major: each
// feature's values over the batch are contiguous, so every product in the MLP is a vectorized axpy
// or dot over the batch (for 10-wide layers that beats a general GEMM, whose packing dominates).
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

}  // namespace lrplay
