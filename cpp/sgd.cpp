#include "sgd.hpp"

namespace lrplay {

Sgd::Sgd(const SgdOptions& options, Eigen::Index num_params)
    : Optimizer(options.lr), options_(options), buffer_(num_params) {}

namespace {

// One pass over the parameters: each element goes through torch's operations in torch's order,
// one rounding each (no FMA contraction). The cases are template parameters so that every loop is
// branch-free and vectorizes.
struct SgdConstants {
  float momentum, weight_decay, keep, minus_lr;
};

template <bool kDecay, bool kMomentum, bool kFirst, bool kNesterov>
void sgd_update(float* p, const float* dp, float* buf, Eigen::Index n, const SgdConstants& c) {
  for (Eigen::Index i = 0; i < n; ++i) {
    float g = dp[i];
    if (kDecay) g = g + c.weight_decay * p[i];  // grad.add(p, alpha=wd)
    if (kMomentum) {
      if (kFirst) {
        buf[i] = g;  // buf = torch.clone(grad).detach()
      } else {
        buf[i] = buf[i] * c.momentum + c.keep * g;  // buf.mul_(momentum).add_(grad, alpha=1 - d)
      }
      g = kNesterov ? g + c.momentum * buf[i] : buf[i];  // grad.add(buf, alpha=momentum) or buf
    }
    p[i] = p[i] + c.minus_lr * g;  // param.add_(grad, alpha=-lr)
  }
}

template <bool kDecay>
void sgd_update(bool momentum, bool first, bool nesterov, float* p, const float* dp, float* buf,
                Eigen::Index n, const SgdConstants& c) {
  if (!momentum) return sgd_update<kDecay, false, false, false>(p, dp, buf, n, c);
  if (first) {
    if (nesterov) return sgd_update<kDecay, true, true, true>(p, dp, buf, n, c);
    return sgd_update<kDecay, true, true, false>(p, dp, buf, n, c);
  }
  if (nesterov) return sgd_update<kDecay, true, false, true>(p, dp, buf, n, c);
  sgd_update<kDecay, true, false, false>(p, dp, buf, n, c);
}

}  // namespace

void Sgd::step(Eigen::VectorXf& params, const Eigen::VectorXf& grads) {
  // The group's values are read at each step, so a scheduler that cycles the momentum (even from
  // 0) changes the very next update, as in PyTorch.
  const SgdConstants c{static_cast<float>(options_.momentum),
                       static_cast<float>(options_.weight_decay),
                       static_cast<float>(1.0 - options_.dampening), static_cast<float>(-lr())};
  const bool momentum = options_.momentum != 0.0;
  const bool first = momentum && !has_buffer_;
  float* p = params.data();
  if (options_.weight_decay != 0.0) {
    sgd_update<true>(momentum, first, options_.nesterov, p, grads.data(), buffer_.data(),
                     params.size(), c);
  } else {
    sgd_update<false>(momentum, first, options_.nesterov, p, grads.data(), buffer_.data(),
                      params.size(), c);
  }
  if (first) has_buffer_ = true;
}

}  // namespace lrplay
