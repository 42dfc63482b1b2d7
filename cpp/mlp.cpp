#include "mlp.hpp"

#include <cmath>
#include <stdexcept>

#include "torch_random.hpp"

namespace lrplay {

MLP::MLP(std::vector<int> layer_sizes) : sizes_(std::move(layer_sizes)) {
  if (sizes_.size() < 2) throw std::invalid_argument("MLP needs at least an input and an output size");
  Eigen::Index total = 0;
  for (int l = 0; l < num_layers(); ++l) {
    offsets_.push_back(total);
    total += static_cast<Eigen::Index>(sizes_[l + 1]) * (sizes_[l] + 1);
  }
  params_ = Eigen::VectorXf::Zero(total);
  grads_ = Eigen::VectorXf::Zero(total);
  inputs_.resize(num_layers());
}

Eigen::Map<RowMajorMatrixXf> MLP::weight_in(Eigen::VectorXf& buffer, int layer) {
  return {buffer.data() + offsets_[layer], sizes_[layer + 1], sizes_[layer]};
}

Eigen::Map<Eigen::VectorXf> MLP::bias_in(Eigen::VectorXf& buffer, int layer) {
  const Eigen::Index out = sizes_[layer + 1], in = sizes_[layer];
  return {buffer.data() + offsets_[layer] + out * in, out};
}

void MLP::init_like_torch(std::uint64_t seed) {
  TorchGenerator gen(seed);
  for (int l = 0; l < num_layers(); ++l) {
    const double fan_in = sizes_[l];
    // torch.nn.init.kaiming_uniform_ with a = sqrt(5): gain = sqrt(2 / (1 + a^2)),
    // bound = sqrt(3) * gain / sqrt(fan_in).
    const double gain = std::sqrt(2.0 / (1.0 + 5.0));
    const double weight_bound = std::sqrt(3.0) * (gain / std::sqrt(fan_in));
    auto w = weight(l);
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      for (Eigen::Index j = 0; j < w.cols(); ++j) w(i, j) = gen.uniform(-weight_bound, weight_bound);
    }
    const double bias_bound = 1.0 / std::sqrt(fan_in);
    auto b = bias(l);
    for (Eigen::Index i = 0; i < b.size(); ++i) b(i) = gen.uniform(-bias_bound, bias_bound);
  }
}

const Eigen::MatrixXf& MLP::forward(const Eigen::MatrixXf& x) {
  if (x.rows() != sizes_[0]) {
    throw std::invalid_argument("MLP::forward: input has " + std::to_string(x.rows()) +
                                " features, the model expects " + std::to_string(sizes_[0]));
  }
  inputs_[0] = x;
  for (int l = 0; l < num_layers(); ++l) {
    Eigen::MatrixXf& z = (l + 1 < num_layers()) ? inputs_[l + 1] : logits_;
    z.noalias() = weight(l) * inputs_[l];  // (out x in) * (in x N)
    z.colwise() += bias(l);                // addmm(bias, x, W^T): product first, then the bias
    if (l + 1 < num_layers()) z = z.cwiseMax(0.0f);  // ReLU
  }
  return logits_;
}

void MLP::backward(const Eigen::MatrixXf& grad_logits) {
  grad_ = grad_logits;  // dLoss/dz of the current layer (out x N)
  for (int l = num_layers() - 1; l >= 0; --l) {
    // z = W a + b  =>  dW = dz a^T, db = sum over samples of dz, da = W^T dz.
    weight_in(grads_, l).noalias() = grad_ * inputs_[l].transpose();
    bias_in(grads_, l) = grad_.rowwise().sum();
    if (l == 0) break;
    Eigen::MatrixXf grad_input = weight(l).transpose() * grad_;
    // ReLU backward (threshold_backward): pass the gradient where the ReLU's output is positive.
    grad_ = (inputs_[l].array() > 0.0f).select(grad_input, 0.0f);
  }
}

}  // namespace lrplay
