// MLP::forward/predict/backward and Sgd::step bit for bit against a plain copy of their arithmetic
// as of commit 7b22aff (before the speed work): every float operation in the same order. A faster
// kernel must reproduce these bits exactly, not merely stay within the golden traces' tolerances.
// One change on purpose since: the bias gradient's sum is the core's own order (lane_sum, below),
// no longer Eigen's packet order, so that the wasm (which had no Eigen packets) computes the same
// bits as the native build (tests/web/wasm-bits.test.mjs holds the two together).
// On an AVX2 machine this tests the kernels' AVX2 clone (cpp/mlp_kernels.hpp); a build configured
// with -DCMAKE_CXX_FLAGS=-DLRPLAY_KERNEL= tests the default one.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <cstring>
#include <random>
#include <vector>

#include "mlp.hpp"
#include "sgd.hpp"

namespace lrplay {
namespace {

struct Reference {
  std::vector<Matrix> inputs;  // what each layer saw
  Matrix logits;
  Eigen::VectorXf grads;
};

// z[o] = ((W[o,0] a[0] + W[o,1] a[1]) + ...) + b[o]; ReLU by cwiseMax(0) on hidden layers.
void reference_forward(MLP& model, const Matrix& x, Reference& ref) {
  const int layers = model.num_layers();
  ref.inputs.assign(layers, Matrix());
  ref.inputs[0] = x;
  for (int l = 0; l < layers; ++l) {
    const Matrix& a = ref.inputs[l];
    const auto w = model.weight(l);
    const auto b = model.bias(l);
    Matrix z(w.rows(), a.cols());
    for (Eigen::Index o = 0; o < w.rows(); ++o) {
      for (Eigen::Index i = 0; i < a.cols(); ++i) {
        float sum = w(o, 0) * a(0, i);
        for (Eigen::Index k = 1; k < w.cols(); ++k) sum += w(o, k) * a(k, i);
        z(o, i) = sum + b(o);
      }
    }
    if (l + 1 < layers) {
      ref.inputs[l + 1] = z.cwiseMax(0.0f);
    } else {
      ref.logits = z;
    }
  }
}

// The bias gradient's sum of a row v of n values in the core's own order (cpp/mlp_kernels.hpp,
// lane_row_sums), one float at a time: lane k sums v[i] for i = k (mod 8) below n - n % 8 in order,
// h[k] = lane[k] + lane[k + 4], (h[0] + h[2]) + (h[1] + h[3]), then the last n % 8 in order; fewer
// than 8 values in order.
float lane_sum(const float* v, Eigen::Index n) {
  const Eigen::Index end = n / 8 * 8;
  if (end == 0) {
    float sum = v[0];
    for (Eigen::Index i = 1; i < n; ++i) sum += v[i];
    return sum;
  }
  float lane[8];
  for (int k = 0; k < 8; ++k) {
    lane[k] = v[k];
    for (Eigen::Index i = 8 + k; i < end; i += 8) lane[k] += v[i];
  }
  float h[4];
  for (int k = 0; k < 4; ++k) h[k] = lane[k] + lane[k + 4];
  float sum = (h[0] + h[2]) + (h[1] + h[3]);
  for (Eigen::Index i = end; i < n; ++i) sum += v[i];
  return sum;
}

// dW[o,k] = Eigen's dot of dz[o] and a[k]; db[o] = lane_sum of dz[o]; da[k] = ((W[0,k] dz[0] +
// W[1,k] dz[1]) + ...), then zero where the ReLU's output was not positive.
void reference_backward(MLP& model, const Matrix& grad_logits, Reference& ref) {
  ref.grads = Eigen::VectorXf::Zero(model.parameters().size());
  const auto& sizes = model.layer_sizes();
  std::vector<Eigen::Index> offsets;
  Eigen::Index total = 0;
  for (int l = 0; l < model.num_layers(); ++l) {
    offsets.push_back(total);
    total += static_cast<Eigen::Index>(sizes[l + 1]) * (sizes[l] + 1);
  }
  Matrix grad = grad_logits;
  for (int l = model.num_layers() - 1; l >= 0; --l) {
    const Matrix& a = ref.inputs[l];
    const Eigen::Index out = sizes[l + 1], in = sizes[l];
    Eigen::Map<Matrix> grad_w(ref.grads.data() + offsets[l], out, in);
    Eigen::Map<Eigen::VectorXf> grad_b(ref.grads.data() + offsets[l] + out * in, out);
    for (Eigen::Index o = 0; o < out; ++o) {
      for (Eigen::Index k = 0; k < in; ++k) grad_w(o, k) = grad.row(o).dot(a.row(k));
      grad_b(o) = lane_sum(grad.row(o).data(), grad.cols());
    }
    if (l == 0) break;
    const auto w = model.weight(l);
    Matrix grad_input(in, grad.cols());
    for (Eigen::Index k = 0; k < in; ++k) {
      for (Eigen::Index i = 0; i < grad.cols(); ++i) {
        float sum = w(0, k) * grad(0, i);
        for (Eigen::Index o = 1; o < out; ++o) sum += w(o, k) * grad(o, i);
        grad_input(k, i) = sum;
      }
    }
    grad = (a.array() > 0.0f).select(grad_input, 0.0f);
  }
}

bool same_bits(const float* a, const float* b, Eigen::Index n) {
  return std::memcmp(a, b, sizeof(float) * static_cast<std::size_t>(n)) == 0;
}

Matrix random_matrix(Eigen::Index rows, Eigen::Index cols, std::mt19937& rng) {
  std::normal_distribution<float> normal(0.0f, 1.5f);
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
  return m;
}

// The lesson's model on its 142 training samples and a small batch; the digits model on a full
// batch of 32, the last batch of 29 and the 360 validation samples; sizes that are no multiple
// of 4.
TEST(MlpBits, ForwardAndBackwardMatchTheReferenceBitForBit) {
  struct Case {
    std::vector<int> sizes;
    std::vector<Eigen::Index> batches;
  };
  const std::vector<Case> cases = {
      {{13, 10, 10, 3}, {142, 36, 1}}, {{64, 32, 10}, {32, 29, 360}}, {{7, 5, 6, 3, 2}, {3, 17}}};
  std::mt19937 rng(11);
  for (const Case& c : cases) {
    MLP model(c.sizes);
    model.init_like_torch(3);
    Reference ref;
    for (Eigen::Index n : c.batches) {
      SCOPED_TRACE("layers " + std::to_string(c.sizes.size()) + ", batch " + std::to_string(n));
      const Matrix x = random_matrix(c.sizes.front(), n, rng);
      const Matrix grad_logits = random_matrix(c.sizes.back(), n, rng);
      const Matrix logits = model.forward(x);
      reference_forward(model, x, ref);
      ASSERT_EQ(logits.rows(), ref.logits.rows());
      ASSERT_EQ(logits.cols(), ref.logits.cols());
      EXPECT_TRUE(same_bits(logits.data(), ref.logits.data(), logits.size()));
      const Matrix& predicted = model.predict(x);  // the evaluation's forward, its own buffers
      ASSERT_EQ(predicted.cols(), n);
      EXPECT_TRUE(same_bits(predicted.data(), ref.logits.data(), logits.size()));
      model.backward(grad_logits);
      reference_backward(model, grad_logits, ref);
      EXPECT_TRUE(same_bits(model.gradients().data(), ref.grads.data(), ref.grads.size()));
      // Some hidden units must be cut by the ReLU, or its backward would go untested.
      EXPECT_GT((ref.inputs[1].array() == 0.0f).count(), 0);
    }
  }
}

// torch's _single_tensor_sgd as Sgd computed it: grad (+ wd p), buf = buf m + (1 - d) grad,
// nesterov or not, p += -lr grad; each step one rounding per operation.
TEST(MlpBits, SgdStepMatchesTheReferenceBitForBit) {
  for (const bool nesterov : {false, true}) {
    SgdOptions options;
    options.lr = 0.07;
    options.momentum = 0.9;
    options.dampening = nesterov ? 0.0 : 0.1;
    options.weight_decay = 0.01;
    options.nesterov = nesterov;
    const Eigen::Index n = 103;
    Sgd sgd(options, n);
    std::mt19937 rng(5);
    Eigen::VectorXf params = random_matrix(n, 1, rng).col(0);
    Eigen::VectorXf expected = params;
    Eigen::ArrayXf buffer(n);
    for (int step = 0; step < 4; ++step) {
      const Eigen::VectorXf grads = random_matrix(n, 1, rng).col(0);
      if (step == 3) sgd.set_momentum(0.5);
      const auto m = static_cast<float>(sgd.momentum());
      for (Eigen::Index i = 0; i < n; ++i) {
        float g = grads(i) + static_cast<float>(options.weight_decay) * expected(i);
        buffer(i) = step == 0 ? g : buffer(i) * m + static_cast<float>(1.0 - options.dampening) * g;
        g = nesterov ? g + m * buffer(i) : buffer(i);
        expected(i) += static_cast<float>(-options.lr) * g;
      }
      sgd.step(params, grads);
      EXPECT_TRUE(same_bits(params.data(), expected.data(), n)) << "step " << step;
    }
  }
}

}  // namespace
}  // namespace lrplay
