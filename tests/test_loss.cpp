// cross_entropy and accuracy (cpp/loss.*) against hand-computed values.
#include <gtest/gtest.h>

#include <cmath>

#include "loss.hpp"

namespace lrplay {
namespace {

Matrix column(std::initializer_list<float> values) {
  Matrix m(static_cast<Eigen::Index>(values.size()), 1);
  Eigen::Index i = 0;
  for (float v : values) m(i++, 0) = v;
  return m;
}

TEST(CrossEntropy, HandComputedValue) {
  // -log softmax([1,2,3])[2] = log(e^1 + e^2 + e^3) - 3 = 0.40760596444...
  const double expected = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0)) - 3.0;
  EXPECT_NEAR(cross_entropy(column({1, 2, 3}), {2}), expected, 1e-6 * expected);
  // Label 0: log(e^1 + e^2 + e^3) - 1 = 2.40760596...
  EXPECT_NEAR(cross_entropy(column({1, 2, 3}), {0}), expected + 2.0, 1e-6 * (expected + 2.0));
}

TEST(CrossEntropy, MeanOverSamples) {
  Matrix logits(3, 2);
  logits << 1, 0, 2, 0, 3, 0;
  // Column 0 as above; column 1 is uniform: -log(1/3) = log 3 whatever the label.
  const double first = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0)) - 3.0;
  const double expected = (first + std::log(3.0)) / 2.0;
  EXPECT_NEAR(cross_entropy(logits, {2, 1}), expected, 1e-6 * expected);
}

TEST(CrossEntropy, GradientIsSoftmaxMinusOneHotOverN) {
  Matrix logits(3, 2);
  logits << 1, 0, 2, 0, 3, 0;
  Matrix grad;
  cross_entropy(logits, {2, 1}, &grad);
  ASSERT_EQ(grad.rows(), 3);
  ASSERT_EQ(grad.cols(), 2);
  const double sum = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
  const double n = 2.0;
  EXPECT_NEAR(grad(0, 0), std::exp(1.0) / sum / n, 1e-7);
  EXPECT_NEAR(grad(1, 0), std::exp(2.0) / sum / n, 1e-7);
  EXPECT_NEAR(grad(2, 0), (std::exp(3.0) / sum - 1.0) / n, 1e-7);
  EXPECT_NEAR(grad(0, 1), (1.0 / 3.0) / n, 1e-7);
  EXPECT_NEAR(grad(1, 1), (1.0 / 3.0 - 1.0) / n, 1e-7);
  EXPECT_NEAR(grad(2, 1), (1.0 / 3.0) / n, 1e-7);
}

TEST(CrossEntropy, GradientColumnsSumToZero) {
  // sum_k (softmax_k - onehot_k) / N = (1 - 1) / N = 0 for every sample.
  Matrix logits(4, 5);
  logits << 0.3f, -2, 7, 1, 0, 1.5f, 4, -1, 1, 0, -0.2f, 0, 2, 1, 0, 9, 1, 0.5f, 1, 0;
  Matrix grad;
  cross_entropy(logits, {0, 1, 2, 3, 0}, &grad);
  for (Eigen::Index i = 0; i < grad.cols(); ++i) {
    EXPECT_NEAR(grad.col(i).sum(), 0.0f, 1e-7f) << "column " << i;
    EXPECT_GT(grad.col(i).maxCoeff(), 0.0f);  // not trivially zero
  }
}

TEST(CrossEntropy, StableWithHugeLogits) {
  // exp(1e30) overflows; subtracting the column's max first keeps every term finite.
  const Matrix big = column({1e30f, 0, -1e30f});
  EXPECT_EQ(cross_entropy(big, {0}), 0.0f);   // softmax is exactly (1, 0, 0)
  EXPECT_EQ(cross_entropy(big, {1}), 1e30f);  // -(0 - 1e30) - log(1)
  EXPECT_EQ(cross_entropy(big, {2}), 2e30f);
  // Two equal huge logits: a naive log(sum(exp)) gives inf - inf = NaN; the answer is log 2.
  EXPECT_NEAR(cross_entropy(column({1e30f, 1e30f}), {1}), std::log(2.0), 1e-6);
  Matrix grad;
  cross_entropy(big, {1}, &grad);
  EXPECT_FALSE(grad.hasNaN());
  EXPECT_EQ(grad(0, 0), 1.0f);
  EXPECT_EQ(grad(1, 0), -1.0f);
  EXPECT_EQ(grad(2, 0), 0.0f);
}

TEST(CrossEntropy, InvariantToShiftingAColumn) {
  const float base = cross_entropy(column({0.5f, -1, 2}), {1});
  EXPECT_NEAR(cross_entropy(column({1000.5f, 999, 1002}), {1}), base, 1e-4);
}

TEST(Accuracy, TiesChooseTheFirstMax) {
  // As torch.argmax: of several largest logits, the first index is the prediction.
  EXPECT_EQ(accuracy(column({5, 5, 1}), {0}), 1.0f);
  EXPECT_EQ(accuracy(column({5, 5, 1}), {1}), 0.0f);
  EXPECT_EQ(accuracy(column({1, 7, 7}), {1}), 1.0f);
  EXPECT_EQ(accuracy(column({1, 7, 7}), {2}), 0.0f);
  EXPECT_EQ(accuracy(column({-3, -3, -3}), {0}), 1.0f);
}

TEST(Accuracy, FractionAsFloat32) {
  Matrix logits(2, 3);
  logits << 1, 0, 0, 0, 1, 1;
  // Predictions (0, 1, 1) against labels (0, 0, 0): one right of three. torch's
  // (pred == y).float().mean() gives float32 1/3 = 0.333333343.
  EXPECT_EQ(accuracy(logits, {0, 0, 0}), 1.0f / 3.0f);
  EXPECT_EQ(accuracy(logits, {0, 1, 1}), 1.0f);
  EXPECT_EQ(accuracy(logits, {1, 0, 0}), 0.0f);
}

}  // namespace
}  // namespace lrplay
