#include "loss.hpp"

#include <cmath>

namespace lrplay {

float cross_entropy(const Matrix& logits, const std::vector<int>& y,
                    Matrix* grad) {
  const Eigen::Index n = logits.cols();
  const float inv_n = 1.0f / static_cast<float>(n);
  if (grad) grad->resize(logits.rows(), n);
  double total = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto z = logits.col(i);
    // log_softmax as torch computes it: z - max - log(sum(exp(z - max))).
    const float max = z.maxCoeff();
    const float log_sum = std::log((z.array() - max).exp().sum());
    total -= static_cast<double>((z(y[i]) - max) - log_sum);
    if (grad) {
      // log_softmax_backward of nll_loss's gradient (-1/N at the label):
      // g = exp(log_softmax) / N - onehot / N.
      auto g = grad->col(i);
      g = ((z.array() - max) - log_sum).exp() * inv_n;
      g(y[i]) -= inv_n;
    }
  }
  return static_cast<float>(total / static_cast<double>(n));
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
