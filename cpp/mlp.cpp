#include "mlp.hpp"

#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "cold.hpp"
#include "mlp_kernels.hpp"
#include "torch_random.hpp"

namespace lrplay {

LRPLAY_COLD MLP::MLP(std::vector<int> layer_sizes) : sizes_(std::move(layer_sizes)) {
  if (sizes_.size() < 2)
    throw std::invalid_argument("MLP needs at least an input and an output size");
  Eigen::Index total = 0;
  for (int l = 0; l < num_layers(); ++l) {
    offsets_.push_back(total);
    total += static_cast<Eigen::Index>(sizes_[l + 1]) * (sizes_[l] + 1);
  }
  params_ = Eigen::VectorXf::Zero(total);
  grads_ = Eigen::VectorXf::Zero(total);
  inputs_.resize(num_layers());
}

Eigen::Map<Matrix> MLP::weight_in(Eigen::VectorXf& buffer, int layer) {
  return {buffer.data() + offsets_[layer], sizes_[layer + 1], sizes_[layer]};
}

Eigen::Map<Eigen::VectorXf> MLP::bias_in(Eigen::VectorXf& buffer, int layer) {
  const Eigen::Index out = sizes_[layer + 1], in = sizes_[layer];
  return {buffer.data() + offsets_[layer] + out * in, out};
}

void MLP::init_like_torch(std::uint64_t seed) {
  TorchGenerator gen(seed);
  init_like_torch(gen);
}

void MLP::init_like_torch(TorchGenerator& gen) {
  for (int l = 0; l < num_layers(); ++l) {
    const double fan_in = sizes_[l];
    // torch.nn.init.kaiming_uniform_ with a = sqrt(5): gain = sqrt(2 / (1 + a^2)),
    // bound = sqrt(3) * gain / sqrt(fan_in).
    const double gain = std::sqrt(2.0 / (1.0 + 5.0));
    const double weight_bound = std::sqrt(3.0) * (gain / std::sqrt(fan_in));
    auto w = weight(l);
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      for (Eigen::Index j = 0; j < w.cols(); ++j)
        w(i, j) = gen.uniform(-weight_bound, weight_bound);
    }
    const double bias_bound = 1.0 / std::sqrt(fan_in);
    auto b = bias(l);
    for (Eigen::Index i = 0; i < b.size(); ++i) b(i) = gen.uniform(-bias_bound, bias_bound);
  }
}

void MLP::check_input(const Matrix& x) const {
  if (x.rows() != sizes_[0]) {
    throw std::invalid_argument("MLP::forward: input has " + std::to_string(x.rows()) +
                                " features, the model expects " + std::to_string(sizes_[0]));
  }
}

void MLP::layer(int l, const Matrix& a, Matrix& z) {
  // z[o] = sum_k W[o,k] a[k], summed over k in order, then + b[o]; ReLU after every layer but
  // the last.
  const auto w = weight(l);
  z.resize(w.rows(), a.cols());
  const Weights W{w.data(), w.cols(), 1};
  const float* b = bias(l).data();
  if (l + 1 < num_layers()) {
    hidden_layer(W, w.rows(), a, z, b);
  } else {
    output_layer(W, w.rows(), a, z, b);
  }
}

const Matrix& MLP::forward(const Matrix& x) {
  check_input(x);
  input_ = &x;
  for (int l = 0; l < num_layers(); ++l)
    layer(l, l == 0 ? x : inputs_[l], l + 1 < num_layers() ? inputs_[l + 1] : logits_);
  return logits_;
}

const Matrix& MLP::predict(const Matrix& x) {
  check_input(x);
  const Matrix* a = &x;
  for (int l = 0; l < num_layers(); ++l) {
    Matrix& z = l + 1 < num_layers() ? eval_hidden_[l % 2] : eval_logits_;
    layer(l, *a, z);
    a = &z;
  }
  return eval_logits_;
}

void MLP::backward(const Matrix& grad_logits) {
  if (!input_) throw std::logic_error("MLP::backward: no forward() to differentiate");
  const Matrix* grad = &grad_logits;  // dLoss/dz of the current layer (out x N); no copy
  for (int l = num_layers() - 1; l >= 0; --l) {
    // z = W a + b  =>  dW = dz a^T, db = sum over samples of dz, da = W^T dz.
    const Matrix& a = l == 0 ? *input_ : inputs_[l];
    const Matrix& g = *grad;
    auto grad_w = weight_in(grads_, l);
    auto grad_b = bias_in(grads_, l);
    const Index in = grad_w.cols();
    weight_gradient(g, a, grad_w.data());
    bias_gradient(g, grad_b.data());
    if (l == 0) break;
    // grad_input[k] = sum_o W[o,k] grad[o], summed over o in order (W^T read in place), then ReLU
    // backward.
    const auto w = weight(l);
    grad_input_.resize(in, g.cols());
    input_gradient(Weights{w.data(), 1, in}, in, g, grad_input_, a);
    grad_.swap(grad_input_);  // O(1): the next layer reads grad_, this layer's scratch is reused
    grad = &grad_;
  }
}

}  // namespace lrplay
