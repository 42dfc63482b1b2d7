#include "loss.hpp"

#include <cmath>

namespace lrplay {

namespace {

// nll_loss's mean reduction sums the per-sample losses in float32 with a cascade of 8 partial sums,
// each level folded into the next every 16 samples (aten/src/ATen/native/LossNLL.cpp,
// nll_loss_out_frame). Summing the same way gives the same rounding and the same overflow to inf.
class CascadeSum {
 public:
  void add(Eigen::Index index, float value) {
    partial_[0] += value;
    for (int level = 0; level + 1 < kLevels; ++level) {
      if ((index & (kMask << (level * kLevelBits))) != 0) break;
      partial_[level + 1] += partial_[level];
      partial_[level] = 0.0f;
    }
  }
  float total() const {
    float sum = 0.0f;
    for (float p : partial_) sum += p;
    return sum;
  }

 private:
  static constexpr int kLevels = 8;
  static constexpr int kLevelBits = 4;  // max(4, ceil(log2(N)) / 8) for any N below 2^32
  static constexpr Eigen::Index kMask = (1 << kLevelBits) - 1;
  float partial_[kLevels] = {};
};

}  // namespace

float cross_entropy(const Matrix& logits, const std::vector<int>& y, Matrix* grad) {
  const Eigen::Index classes = logits.rows(), n = logits.cols();
  const float inv_n = 1.0f / static_cast<float>(n);
  if (grad) grad->resize(classes, n);
  CascadeSum total;
  // Sample i's logits are column i: z[k * n] for class k (plain loops; an Eigen expression per
  // column of a few classes costs more than its arithmetic). Every reduction runs over the classes
  // in order, as Eigen's did on a column, so the bits are unchanged.
  for (Eigen::Index i = 0; i < n; ++i) {
    const float* z = logits.data() + i;
    // log_softmax as torch computes it: z - max - log(sum(exp(z - max))). The max as maxCoeff():
    // std::max(max, z[k]), which keeps a NaN found first.
    float max = z[0];
    for (Eigen::Index k = 1; k < classes; ++k) max = max < z[k * n] ? z[k * n] : max;
    float sum = std::exp(z[0] - max);
    for (Eigen::Index k = 1; k < classes; ++k) sum += std::exp(z[k * n] - max);
    const float log_sum = std::log(sum);
    total.add(i, -((z[y[i] * n] - max) - log_sum));
    if (grad) {
      // log_softmax_backward of nll_loss's gradient (-1/N at the label):
      // g = exp(log_softmax) / N - onehot / N.
      float* g = grad->data() + i;
      for (Eigen::Index k = 0; k < classes; ++k)
        g[k * n] = std::exp((z[k * n] - max) - log_sum) * inv_n;
      g[y[i] * n] -= inv_n;
    }
  }
  return total.total() / static_cast<float>(n);
}

float accuracy(const Matrix& logits, const std::vector<int>& y) {
  int correct = 0;
  for (Eigen::Index i = 0; i < logits.cols(); ++i) {
    Eigen::Index best = 0;
    for (Eigen::Index k = 1; k < logits.rows(); ++k) {
      if (logits(k, i) > logits(best, i)) best = k;
    }
    correct += (best == y[i]);
  }
  return static_cast<float>(correct) / static_cast<float>(logits.cols());
}

}  // namespace lrplay
