#include "sgd.hpp"

namespace lrplay {

Sgd::Sgd(const SgdOptions& options, Eigen::Index num_params)
    : Optimizer(options.lr), options_(options), buffer_(num_params), grad_(num_params) {}

void Sgd::step(Eigen::VectorXf& params, const Eigen::VectorXf& grads) {
  // The group's values are read at each step, so a scheduler that cycles the momentum (even from
  // 0) changes the very next update, as in PyTorch.
  const double momentum = options_.momentum;
  grad_ = grads.array();
  if (options_.weight_decay != 0.0) {
    grad_ += static_cast<float>(options_.weight_decay) * params.array();  // grad.add(p, alpha=wd)
  }
  if (momentum != 0.0) {
    if (!has_buffer_) {
      buffer_ = grad_;  // buf = torch.clone(grad).detach()
      has_buffer_ = true;
    } else {
      // buf.mul_(momentum).add_(grad, alpha=1 - dampening)
      buffer_ = buffer_ * static_cast<float>(momentum) +
                static_cast<float>(1.0 - options_.dampening) * grad_;
    }
    if (options_.nesterov) {
      grad_ += static_cast<float>(momentum) * buffer_;  // grad = grad.add(buf, alpha=momentum)
    } else {
      grad_ = buffer_;
    }
  }
  params.array() += static_cast<float>(-lr()) * grad_;  // param.add_(grad, alpha=-lr)
}

}  // namespace lrplay
