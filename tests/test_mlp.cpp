// MLP (cpp/mlp.*): forward shapes, torch's initialisation, and backward checked by central finite
// differences on an independent double-precision copy of the network.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <cmath>
#include <random>
#include <stdexcept>

#include "loss.hpp"
#include "mlp.hpp"

namespace lrplay {
namespace {

// ---------------------------------------------------------------------------------------------
// A double-precision reference of the same network, written from the definitions:
// z_l = W_l a_l + b_l, a_{l+1} = max(z_l, 0) for hidden layers; loss = mean_i(logsumexp(z_i) -
// z_i[y_i]).

struct DoubleNet {
  std::vector<Eigen::MatrixXd> w;  // (out x in)
  std::vector<Eigen::VectorXd> b;  // (out)
};

// torch's model.parameters() order, flattened: layer 0 weight (row-major, as torch stores it),
// layer 0 bias, layer 1 weight, ... The gradient check below would fail if MLP used any other
// layout.
DoubleNet unpack(const Eigen::VectorXd& flat, const std::vector<int>& sizes) {
  DoubleNet net;
  Eigen::Index k = 0;
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
    Eigen::MatrixXd w(sizes[l + 1], sizes[l]);
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      for (Eigen::Index j = 0; j < w.cols(); ++j) w(i, j) = flat(k++);
    }
    Eigen::VectorXd b(sizes[l + 1]);
    for (Eigen::Index i = 0; i < b.size(); ++i) b(i) = flat(k++);
    net.w.push_back(w);
    net.b.push_back(b);
  }
  EXPECT_EQ(k, flat.size());
  return net;
}

// Logits of the double network; `min_abs_preactivation` receives the smallest |z| fed to a ReLU.
Eigen::MatrixXd forward(const DoubleNet& net, const Eigen::MatrixXd& x,
                        double* min_abs_preactivation = nullptr) {
  Eigen::MatrixXd a = x;
  double margin = INFINITY;
  for (std::size_t l = 0; l < net.w.size(); ++l) {
    Eigen::MatrixXd z = (net.w[l] * a).colwise() + net.b[l];
    if (l + 1 == net.w.size()) return z;
    margin = std::min(margin, z.cwiseAbs().minCoeff());
    if (min_abs_preactivation) *min_abs_preactivation = margin;
    a = z.cwiseMax(0.0);
  }
  return a;
}

double mean_cross_entropy(const Eigen::MatrixXd& logits, const std::vector<int>& y) {
  double total = 0;
  for (Eigen::Index i = 0; i < logits.cols(); ++i) {
    const double m = logits.col(i).maxCoeff();
    const double lse = m + std::log((logits.col(i).array() - m).exp().sum());
    total += lse - logits(y[i], i);
  }
  return total / static_cast<double>(logits.cols());
}

double loss_at(const Eigen::VectorXd& flat, const std::vector<int>& sizes, const Eigen::MatrixXd& x,
               const std::vector<int>& y) {
  return mean_cross_entropy(forward(unpack(flat, sizes), x), y);
}

TEST(MlpGradient, MatchesCentralDifferencesInDouble) {
  const std::vector<int> sizes = {4, 6, 5, 3};
  const int n = 7;
  std::mt19937 gen(11);
  std::uniform_real_distribution<float> uniform(-2.0f, 2.0f);
  Matrix x(sizes[0], n);
  for (Eigen::Index i = 0; i < x.size(); ++i) x(i) = uniform(gen);
  const std::vector<int> y = {0, 2, 1, 1, 0, 2, 2};

  // Pick the first seed whose ReLUs all sit well away from their kink (|z| > 0.02), so that the
  // +-h perturbations below never flip one (they move z by ~1e-6).
  MLP model(sizes);
  double margin = 0;
  std::uint64_t seed = 0;
  for (; seed < 1000; ++seed) {
    model.init_like_torch(seed);
    forward(unpack(model.parameters().cast<double>(), sizes), x.cast<double>(), &margin);
    if (margin > 0.02) break;
  }
  ASSERT_GT(margin, 0.02) << "no seed below 1000 keeps the ReLUs away from 0";

  // Analytic gradient in float32: cross_entropy's dLoss/dlogits, then MLP::backward.
  Matrix grad_logits;
  const float loss = cross_entropy(model.forward(x), y, &grad_logits);
  model.backward(grad_logits);
  const Eigen::VectorXf analytic = model.gradients();

  const Eigen::VectorXd p = model.parameters().cast<double>();
  const Eigen::MatrixXd xd = x.cast<double>();
  EXPECT_NEAR(loss, loss_at(p, sizes, xd, y), 1e-5 * std::abs(loss_at(p, sizes, xd, y)));

  // Numerical gradient of the double network: (L(p + h e_k) - L(p - h e_k)) / 2h.
  const double h = 1e-6;
  ASSERT_EQ(analytic.size(), p.size());
  double largest = 0;
  Eigen::VectorXd numeric(p.size());
  for (Eigen::Index k = 0; k < p.size(); ++k) {
    Eigen::VectorXd plus = p, minus = p;
    plus(k) += h;
    minus(k) -= h;
    numeric(k) = (loss_at(plus, sizes, xd, y) - loss_at(minus, sizes, xd, y)) / (2 * h);
    largest = std::max(largest, std::abs(numeric(k)));
  }
  ASSERT_GT(largest, 1e-2);  // the check below is not vacuous
  int nonzero = 0;
  for (Eigen::Index k = 0; k < p.size(); ++k) {
    // float32 accumulates ~1e-7 relative error per term; 1e-3 relative, with a floor at 1e-6 of the
    // largest gradient for entries that are nearly zero, leaves a wide margin.
    const double tolerance = 1e-3 * std::abs(numeric(k)) + 1e-6 * largest;
    EXPECT_NEAR(analytic(k), numeric(k), tolerance) << "parameter " << k;
    nonzero += std::abs(numeric(k)) > 1e-6;
  }
  EXPECT_GT(nonzero, p.size() / 2);  // most parameters receive a gradient on this data
}

TEST(MlpForward, MatchesTheDoubleReference) {
  const std::vector<int> sizes = {13, 10, 10, 3};
  MLP model(sizes);
  model.init_like_torch(5);
  std::mt19937 gen(3);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  Matrix x(13, 9);
  for (Eigen::Index i = 0; i < x.size(); ++i) x(i) = uniform(gen);
  const Matrix logits = model.forward(x);
  const Eigen::MatrixXd expected =
      forward(unpack(model.parameters().cast<double>(), sizes), x.cast<double>());
  ASSERT_EQ(logits.rows(), 3);
  ASSERT_EQ(logits.cols(), 9);
  EXPECT_LT((logits.cast<double>() - expected).cwiseAbs().maxCoeff(), 1e-5);
}

TEST(MlpForward, Shapes) {
  MLP model({13, 10, 10, 3});
  EXPECT_EQ(model.num_layers(), 3);
  // 13*10 + 10 + 10*10 + 10 + 10*3 + 3 parameters, as sum(p.numel() for p in model.parameters()).
  EXPECT_EQ(model.parameters().size(), 283);
  EXPECT_EQ(model.gradients().size(), 283);
  EXPECT_EQ(model.weight(1).rows(), 10);
  EXPECT_EQ(model.weight(2).rows(), 3);
  EXPECT_EQ(model.weight(2).cols(), 10);
  EXPECT_EQ(model.bias(2).size(), 3);
  for (int n : {1, 5, 142}) {
    const Matrix& logits = model.forward(Matrix::Ones(13, n));
    EXPECT_EQ(logits.rows(), 3);
    EXPECT_EQ(logits.cols(), n);
  }
  // No hidden layer: a linear model. Zero parameters give zero logits.
  MLP linear({4, 2});
  EXPECT_EQ(linear.parameters().size(), 10);
  EXPECT_TRUE(linear.forward(Matrix::Ones(4, 3)).isZero());
}

TEST(MlpForward, RejectsAnInputOfTheWrongWidth) {
  MLP model({13, 10, 3});
  try {
    model.forward(Matrix::Ones(12, 4));
    FAIL() << "forward accepted 12 features";
  } catch (const std::invalid_argument& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("12"), std::string::npos) << msg;
    EXPECT_NE(msg.find("13"), std::string::npos) << msg;
  }
  EXPECT_THROW(MLP(std::vector<int>{5}), std::invalid_argument);
  EXPECT_THROW(MLP(std::vector<int>{}), std::invalid_argument);
}

TEST(MlpBackward, ReluBlocksTheGradientOfInactiveUnits) {
  // One hidden unit whose pre-activation is negative for every sample: its incoming weights and
  // bias get no gradient; the output bias still does.
  MLP model({2, 1, 2});
  model.weight(0) << 1.0f, 1.0f;
  model.bias(0) << -10.0f;  // z = x1 + x2 - 10 < 0 for the inputs below
  model.weight(1) << 0.5f, -0.5f;
  model.bias(1) << 0.0f, 0.0f;
  Matrix x(2, 2);
  x << 1, 2, 3, 4;
  Matrix g;
  cross_entropy(model.forward(x), {0, 0}, &g);
  model.backward(g);
  const Eigen::VectorXf& grad = model.gradients();  // w0 (2), b0 (1), w1 (2), b1 (2)
  EXPECT_EQ(grad(0), 0.0f);
  EXPECT_EQ(grad(1), 0.0f);
  EXPECT_EQ(grad(2), 0.0f);
  EXPECT_EQ(grad(3), 0.0f);  // the hidden activation is 0, so dL/dW1 = g a^T = 0
  EXPECT_EQ(grad(4), 0.0f);
  // The logits are all 0, so softmax = (1/2, 1/2) for both samples (label 0):
  // db1 = sum_i (softmax - onehot) / N = 2 * ((0.5 - 1) / 2, 0.5 / 2) = (-0.5, 0.5).
  EXPECT_EQ(grad(5), -0.5f);
  EXPECT_EQ(grad(6), 0.5f);
}

TEST(MlpBackward, NeedsAForwardAndReadsItsInput) {
  MLP model({2, 3, 2});
  model.init_like_torch(1);
  const Matrix g = Matrix::Ones(2, 4);
  EXPECT_THROW(model.backward(g), std::logic_error);
  // forward() keeps a reference to x, not a copy: layer 0's weight gradient is g1 x^T of the x
  // passed, and a second forward with another x gives another gradient.
  Matrix x(2, 4);
  x << 1, 2, 3, 4, 5, 6, 7, 8;
  model.forward(x);
  model.backward(g);
  const Eigen::VectorXf first = model.gradients();
  const Matrix doubled = 2.0f * x;
  model.forward(doubled);
  model.backward(g);
  EXPECT_NE(model.gradients().head(6), first.head(6));
  model.forward(x);
  model.backward(g);
  EXPECT_EQ(model.gradients(), first);
}

// ---------------------------------------------------------------------------------------------
// init_like_torch

TEST(MlpInit, BoundsOfKaimingUniformWithASqrt5) {
  // kaiming_uniform_(a=sqrt(5)): gain = sqrt(2 / (1 + 5)), bound = sqrt(3) * gain / sqrt(fan_in)
  // = sqrt(1 / fan_in); the bias is uniform in +-1/sqrt(fan_in). Same bound, drawn separately.
  const std::vector<int> sizes = {400, 300, 7};
  MLP model(sizes);
  model.init_like_torch(0);
  for (int l = 0; l < model.num_layers(); ++l) {
    const double fan_in = sizes[l];
    const float w_bound = static_cast<float>(std::sqrt(1.0 / fan_in));
    const float b_bound = static_cast<float>(1.0 / std::sqrt(fan_in));
    const auto w = model.weight(l);
    const auto b = model.bias(l);
    EXPECT_LE(w.cwiseAbs().maxCoeff(), w_bound) << "layer " << l;
    EXPECT_LE(b.cwiseAbs().maxCoeff(), b_bound) << "layer " << l;
    // The draws fill the range: with 120000 (or 2100) uniform samples the largest is within 1% of
    // the bound; a wrong gain (e.g. sqrt(2), He's default) would break one side or the other.
    EXPECT_GT(w.cwiseAbs().maxCoeff(), 0.99f * w_bound) << "layer " << l;
    EXPECT_LT(std::abs(w.mean()), 0.05f * w_bound) << "layer " << l;
  }
  EXPECT_GT(model.bias(0).cwiseAbs().maxCoeff(), 0.9f / std::sqrt(400.0f));  // 300 draws
}

TEST(MlpInit, DeterministicBySeed) {
  MLP a({13, 10, 10, 3}), b({13, 10, 10, 3});
  a.init_like_torch(42);
  b.init_like_torch(42);
  EXPECT_EQ(a.parameters(), b.parameters());
  b.init_like_torch(43);
  EXPECT_NE(a.parameters(), b.parameters());
  b.init_like_torch(42);  // re-seeds: the same draws again
  EXPECT_EQ(a.parameters(), b.parameters());
  // torch.manual_seed keeps the low 32 bits for the CPU mt19937.
  b.init_like_torch(42 + (std::uint64_t{1} << 32));
  EXPECT_EQ(a.parameters(), b.parameters());
}

TEST(MlpInit, MatchesTorch) {
  // /usr/bin/python3 -c "import torch, torch.nn as nn; torch.manual_seed(0);
  //   m = nn.Sequential(nn.Linear(4,5), nn.ReLU(), nn.Linear(5,3));
  //   f = torch.cat([p.detach().reshape(-1) for p in m.parameters()]);
  //   print(len(f), ['%.9g' % v for v in f[:3].tolist()], '%.9g' % f[24], '%.9g' % f[-1])"
  //   43 ['-0.00374341011', '0.268221796', '-0.411522567'] -0.0805916786 0.075661689
  MLP model({4, 5, 3});
  model.init_like_torch(0);
  const Eigen::VectorXf& p = model.parameters();
  ASSERT_EQ(p.size(), 43);
  EXPECT_EQ(p(0), -0.00374341011f);
  EXPECT_EQ(p(1), 0.268221796f);
  EXPECT_EQ(p(2), -0.411522567f);
  EXPECT_EQ(p(24), -0.0805916786f);  // the first layer's last bias
  EXPECT_EQ(model.bias(0)(4), -0.0805916786f);
  EXPECT_EQ(p(42), 0.075661689f);
  EXPECT_EQ(model.bias(1)(2), 0.075661689f);
}

}  // namespace
}  // namespace lrplay
