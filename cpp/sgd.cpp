#include "sgd.hpp"

namespace lrplay {

Sgd::Sgd(const SgdOptions& options, Eigen::Index num_params)
    : Optimizer(options.lr), options_(options), buffer_(num_params) {}

void Sgd::step(Eigen::VectorXf& params, const Eigen::VectorXf& grads) {
  // The group's values are read at each step, so a scheduler that cycles the momentum (even from
  // 0) changes the very next update, as in PyTorch. One pass over the parameters: each element
  // goes through torch's operations in torch's order, one rounding each (no FMA contraction).
  const float momentum = static_cast<float>(options_.momentum);
  const bool use_momentum = options_.momentum != 0.0;
  const float weight_decay = static_cast<float>(options_.weight_decay);
  const bool decay = options_.weight_decay != 0.0;
  const float keep = static_cast<float>(1.0 - options_.dampening);
  const float minus_lr = static_cast<float>(-lr());
  const bool first = use_momentum && !has_buffer_;
  const bool nesterov = options_.nesterov;
  float* p = params.data();
  const float* dp = grads.data();
  float* buf = buffer_.data();
  const Eigen::Index n = params.size();
  for (Eigen::Index i = 0; i < n; ++i) {
    float g = dp[i];
    if (decay) g = g + weight_decay * p[i];  // grad.add(p, alpha=wd)
    if (use_momentum) {
      if (first) {
        buf[i] = g;  // buf = torch.clone(grad).detach()
      } else {
        buf[i] = buf[i] * momentum + keep * g;  // buf.mul_(momentum).add_(grad, alpha=1 - dampening)
      }
      g = nesterov ? g + momentum * buf[i] : buf[i];  // grad.add(buf, alpha=momentum) or buf
    }
    p[i] = p[i] + minus_lr * g;  // param.add_(grad, alpha=-lr)
  }
  if (first) has_buffer_ = true;
}

}  // namespace lrplay
