// The lesson's model: nn.Sequential(Linear, ReLU, ..., Linear) in float32, full batch. All
// parameters live in one flat buffer in model.parameters() order, so an optimizer sees one vector.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "matrix.hpp"
#include "torch_random.hpp"

namespace lrplay {

class MLP {
 public:
  // layer_sizes: {in, hidden..., out}, e.g. {13, 10, 10, 3}.
  explicit MLP(std::vector<int> layer_sizes);

  // torch.manual_seed(seed), then each nn.Linear's reset_parameters() in order:
  // kaiming_uniform_(weight, a=sqrt(5)), then uniform_(bias, -1/sqrt(fan_in), 1/sqrt(fan_in)).
  void init_like_torch(std::uint64_t seed);
  // The same draws from a generator the caller keeps: after torch.manual_seed(seed) and building
  // the model, a DataLoader's shuffle continues from the global generator's state.
  void init_like_torch(TorchGenerator& gen);

  // x (in x N) -> logits (out x N). Keeps the activations that backward() needs, and a reference
  // to x, not a copy (as autograd saves its input): x must stay alive and unchanged until then.
  const Matrix& forward(const Matrix& x);

  // The same logits without keeping activations for backward(), as model.eval() under
  // torch.no_grad(): its own buffers, so evaluating another batch size between training steps
  // reallocates nothing. The result is valid until the next predict().
  const Matrix& predict(const Matrix& x);

  // From grad_logits (out x N) = dLoss/dlogits of the last forward(), fills gradients().
  void backward(const Matrix& grad_logits);

  Eigen::VectorXf& parameters() { return params_; }
  const Eigen::VectorXf& parameters() const { return params_; }
  const Eigen::VectorXf& gradients() const { return grads_; }

  int num_layers() const { return static_cast<int>(sizes_.size()) - 1; }
  const std::vector<int>& layer_sizes() const { return sizes_; }

  // Views into the flat buffers. weight (out x in), row-major as torch stores it; bias (out).
  Eigen::Map<Matrix> weight(int layer) { return weight_in(params_, layer); }
  Eigen::Map<Eigen::VectorXf> bias(int layer) { return bias_in(params_, layer); }

 private:
  Eigen::Map<Matrix> weight_in(Eigen::VectorXf& buffer, int layer);
  Eigen::Map<Eigen::VectorXf> bias_in(Eigen::VectorXf& buffer, int layer);
  void check_input(const Matrix& x) const;        // throws unless x has the model's input width
  void layer(int l, const Matrix& a, Matrix& z);  // z = layer l of a (ReLU'd if hidden)

  std::vector<int> sizes_;
  std::vector<Eigen::Index> offsets_;  // start of layer l's weight in the flat buffers
  Eigen::VectorXf params_;
  Eigen::VectorXf grads_;
  const Matrix* input_ = nullptr;  // the last forward()'s x (sizes_[0] x N)
  std::vector<Matrix> inputs_;     // inputs_[l] (sizes_[l] x N): what layer l >= 1 saw
  Matrix logits_;                  // (out x N)
  Matrix grad_, grad_input_;  // backward scratch: dLoss/dz of a layer and of its input (width x N)
  Matrix eval_hidden_[2], eval_logits_;  // predict(): hidden layers alternate, then the logits
};

}  // namespace lrplay
