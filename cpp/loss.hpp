// nn.CrossEntropyLoss() (mean reduction) on logits, fused with its gradient, and accuracy.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "matrix.hpp"

namespace lrplay {

// Mean over samples of -log softmax(logits)[y]; logits (classes x N). If grad is not null, it
// receives dLoss/dlogits (classes x N) = (softmax - onehot(y)) / N.
float cross_entropy(const Matrix& logits, const std::vector<int>& y, Matrix* grad = nullptr);

// Fraction of columns whose first largest logit is the label, as float32 like torch's mean().
float accuracy(const Matrix& logits, const std::vector<int>& y);

}  // namespace lrplay
