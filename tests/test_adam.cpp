// Adam (cpp/adam.*) against the published algorithm, evaluated in double in the test.
//
// torch.optim.Adam (PyTorch 1.13 docs and torch/optim/adam.py), per element, at step t:
//   g   <- g + weight_decay * p                      (if weight_decay != 0)
//   m   <- beta1 * m + (1 - beta1) * g
//   v   <- beta2 * v + (1 - beta2) * g^2
//   vmax <- max(vmax, v)                              (amsgrad; torch keeps the max of the raw v)
//   p   <- p - lr / (1 - beta1^t) * m / (sqrt(v or vmax) / sqrt(1 - beta2^t) + eps)
// The C++ code runs this in float32 as torch does; the reference below runs it in double, so the
// two agree to float precision, not bit for bit (the golden traces check the bits).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "adam.hpp"

namespace lrplay {
namespace {

struct ReferenceAdam {
  AdamOptions o;
  std::vector<double> m, v, vmax;
  int t = 0;

  ReferenceAdam(const AdamOptions& options, std::size_t n)
      : o(options), m(n, 0.0), v(n, 0.0), vmax(n, 0.0) {}

  void step(std::vector<double>& p, const std::vector<double>& grad) {
    ++t;
    for (std::size_t i = 0; i < p.size(); ++i) {
      const double g = grad[i] + o.weight_decay * p[i];
      m[i] = o.beta1 * m[i] + (1 - o.beta1) * g;
      v[i] = o.beta2 * v[i] + (1 - o.beta2) * g * g;
      vmax[i] = std::max(vmax[i], v[i]);
      const double second = o.amsgrad ? vmax[i] : v[i];
      const double m_hat = m[i] / (1 - std::pow(o.beta1, t));
      const double denom = std::sqrt(second) / std::sqrt(1 - std::pow(o.beta2, t)) + o.eps;
      p[i] -= o.lr * m_hat / denom;
    }
  }
};

Eigen::VectorXf to_float(const std::vector<double>& v) {
  Eigen::VectorXf out(static_cast<Eigen::Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i)
    out(static_cast<Eigen::Index>(i)) = static_cast<float>(v[i]);
  return out;
}

// Parameters of magnitude <= 2 are held to 1e-6: float32 rounding of p alone is ~1.2e-7, while a
// wrong moment, bias correction or eps placement moves p by 1e-4 or (much) more.
void expect_params(const Eigen::VectorXf& actual, const std::vector<double>& expected, int step) {
  ASSERT_EQ(actual.size(), static_cast<Eigen::Index>(expected.size()));
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(actual(static_cast<Eigen::Index>(i)), expected[i], 1e-6)
        << "parameter " << i << " after step " << step;
  }
}

const std::vector<double> kStart = {1.0, -2.0, 0.5, 0.0, 1.25};
const std::vector<double> kGrad1 = {0.1, -3.0, 1e-4, 0.0, 2.0};
const std::vector<double> kGrad2 = {-0.2, -1.0, 1e-4, 0.5, 2.0};

TEST(Adam, DefaultsAreTorchs) {
  const AdamOptions o;
  EXPECT_EQ(o.lr, 1e-3);
  EXPECT_EQ(o.beta1, 0.9);
  EXPECT_EQ(o.beta2, 0.999);
  EXPECT_EQ(o.eps, 1e-8);
  EXPECT_EQ(o.weight_decay, 0.0);
  EXPECT_FALSE(o.amsgrad);
}

TEST(Adam, FirstStepByHand) {
  // At t = 1 the bias corrections undo the (1 - beta) factors: m_hat = g, v_hat = g^2, so
  // p <- p - lr * g / (|g| + eps): a step of almost exactly lr against the gradient's sign.
  AdamOptions o;
  o.lr = 0.1;
  Adam adam(o, 5);
  Eigen::VectorXf p = to_float(kStart);
  adam.step(p, to_float(kGrad1));
  EXPECT_EQ(adam.steps(), 1);
  EXPECT_NEAR(p(0), 1.0 - 0.1 * 0.1 / (0.1 + 1e-8), 1e-7);
  EXPECT_NEAR(p(1), -2.0 + 0.1 * 3.0 / (3.0 + 1e-8), 2e-7);
  // A small gradient shows where eps enters: 1e-4 / (1e-4 + 1e-8) = 0.99990001.
  EXPECT_NEAR(p(2), 0.5 - 0.1 * 1e-4 / (1e-4 + 1e-8), 1e-7);
  EXPECT_NE(p(2), 0.5f - 0.1f);  // eps shortened the step by 1e-5: visible in float
  EXPECT_EQ(p(3), 0.0f);         // a zero gradient leaves m = 0: no move
  EXPECT_NEAR(p(4), 1.25 - 0.1 * 2.0 / (2.0 + 1e-8), 1e-7);
}

TEST(Adam, TwoStepsMatchTheReference) {
  AdamOptions o;
  o.lr = 0.1;
  Adam adam(o, 5);
  ReferenceAdam ref(o, 5);
  Eigen::VectorXf p = to_float(kStart);
  std::vector<double> expected = kStart;
  adam.step(p, to_float(kGrad1));
  ref.step(expected, kGrad1);
  expect_params(p, expected, 1);
  adam.step(p, to_float(kGrad2));
  ref.step(expected, kGrad2);
  expect_params(p, expected, 2);
  EXPECT_EQ(adam.steps(), 2);
  // Step 2 by hand for parameter 3 (g = 0 then 0.5): m = 0.05, v = 0.001 * 0.25 = 2.5e-4,
  // m_hat = 0.05 / 0.19, sqrt(v_hat) = sqrt(2.5e-4 / 0.001999) => p = -0.1 * 0.2631579 / 0.3536418.
  const double m_hat = 0.05 / (1 - 0.81);
  const double v_hat = 2.5e-4 / (1 - 0.999 * 0.999);
  EXPECT_NEAR(p(3), -0.1 * m_hat / (std::sqrt(v_hat) + 1e-8), 1e-7);
}

TEST(Adam, OtherBetasAndEps) {
  AdamOptions o;
  o.lr = 0.05;
  o.beta1 = 0.5;
  o.beta2 = 0.75;
  o.eps = 0.1;  // large enough to matter everywhere
  Adam adam(o, 5);
  ReferenceAdam ref(o, 5);
  Eigen::VectorXf p = to_float(kStart);
  std::vector<double> expected = kStart;
  for (int t = 1; t <= 3; ++t) {
    const auto& g = (t % 2) ? kGrad1 : kGrad2;
    adam.step(p, to_float(g));
    ref.step(expected, g);
    expect_params(p, expected, t);
  }
}

TEST(Adam, WeightDecayAddsToTheGradient) {
  AdamOptions o;
  o.lr = 0.1;
  o.weight_decay = 0.5;
  Adam adam(o, 5);
  ReferenceAdam ref(o, 5);
  Eigen::VectorXf p = to_float(kStart);
  std::vector<double> expected = kStart;
  adam.step(p, to_float(kGrad2));
  ref.step(expected, kGrad2);
  expect_params(p, expected, 1);
  // Parameter 0: g = -0.2 alone would raise p; with decay g = -0.2 + 0.5 * 1 = 0.3 lowers it.
  EXPECT_LT(p(0), 1.0f);
  adam.step(p, to_float(kGrad1));
  ref.step(expected, kGrad1);
  expect_params(p, expected, 2);
}

TEST(Adam, AmsgradKeepsTheLargestSecondMoment) {
  // beta2 = 0.5 so that v forgets fast: |g| = 2 then 0.01 gives v = 2, then 1.00005, then 0.500075,
  // while vmax stays at 2.
  AdamOptions o;
  o.lr = 0.1;
  o.beta2 = 0.5;
  o.amsgrad = true;
  AdamOptions plain = o;
  plain.amsgrad = false;
  const std::vector<double> start = {1.0};
  const std::vector<std::vector<double>> grads = {{2.0}, {0.01}, {0.01}};

  Adam adam(o, 1), adam_plain(plain, 1);
  ReferenceAdam ref(o, 1);
  Eigen::VectorXf p = to_float(start), q = to_float(start);
  std::vector<double> expected = start;
  for (std::size_t t = 0; t < grads.size(); ++t) {
    const float before_p = p(0), before_q = q(0);
    adam.step(p, to_float(grads[t]));
    adam_plain.step(q, to_float(grads[t]));
    ref.step(expected, grads[t]);
    expect_params(p, expected, static_cast<int>(t) + 1);
    if (t == 0) {
      EXPECT_EQ(p(0), q(0));  // vmax = v at the first step
    } else {
      // Same m for both; the denominators differ by sqrt(vmax / v) = sqrt(2 / 1.00005) at step 2
      // and sqrt(2 / 0.500075) at step 3: amsgrad moves at most ~0.71 times as far.
      EXPECT_LT(std::abs(p(0) - before_p), 0.72f * std::abs(q(0) - before_q)) << "step " << t + 1;
    }
  }
  // By hand at step 2: m = 0.9*0.2 + 0.1*0.01 = 0.181, vmax = 2 (not 1.00005),
  // p2 = p1 - 0.1 * (0.181 / (1 - 0.9^2)) / (sqrt(2) / sqrt(1 - 0.5^2) + 1e-8).
  Adam two(o, 1);
  Eigen::VectorXf r = to_float(start);
  two.step(r, to_float(grads[0]));
  const double p1 = 1.0 - 0.1 * 2.0 / (2.0 + 1e-8);
  two.step(r, to_float(grads[1]));
  const double p2 = p1 - 0.1 * (0.181 / 0.19) / (std::sqrt(2.0) / std::sqrt(0.75) + 1e-8);
  EXPECT_NEAR(r(0), p2, 1e-6);
}

TEST(Adam, SetLrTakesEffectAtTheNextStep) {
  AdamOptions o;
  o.lr = 0.1;
  Adam adam(o, 5);
  EXPECT_EQ(adam.lr(), 0.1);
  ReferenceAdam ref(o, 5);
  Eigen::VectorXf p = to_float(kStart);
  std::vector<double> expected = kStart;
  adam.step(p, to_float(kGrad1));
  ref.step(expected, kGrad1);
  adam.set_lr(0.001);  // what a scheduler does between epochs; the moments are kept
  ref.o.lr = 0.001;
  EXPECT_EQ(adam.lr(), 0.001);
  adam.step(p, to_float(kGrad2));
  ref.step(expected, kGrad2);
  expect_params(p, expected, 2);
  // The second step is about 100 times shorter than the first for parameter 4 (same gradient).
  const double first = 0.1 * 2.0 / (2.0 + 1e-8);
  EXPECT_NEAR(1.25 - first - p(4), first / 100, 1e-6);
}

}  // namespace
}  // namespace lrplay
