#include "adam.hpp"

#include <cmath>

namespace lrplay {

Adam::Adam(const AdamOptions& options, Eigen::Index num_params)
    : Optimizer(options.lr), options_(options) {
  exp_avg_.resize(num_params);
  exp_avg_sq_.resize(num_params);
  max_exp_avg_sq_.resize(num_params);
  reset();
}

void Adam::reset() {
  step_ = 0;
  exp_avg_.setZero();
  exp_avg_sq_.setZero();
  max_exp_avg_sq_.setZero();
}

void Adam::step(Eigen::VectorXf& params, const Eigen::VectorXf& grads) {
  ++step_;
  // The group's betas are read at each step: momentum cycling writes beta1, and both the moment
  // update and the bias correction then use the value written, as PyTorch's do.
  const double beta1 = options_.beta1;
  const double beta2 = options_.beta2;
  const double lr = this->lr();
  const double weight_decay = options_.weight_decay;

  // The gradient as the updates read it: grads itself unless L2 weight decay makes a new one (no
  // copy otherwise: in the wasm each pass over the parameters is a loop of its own).
  const float* grad = grads.data();
  if (weight_decay != 0.0) {
    if (options_.decoupled_weight_decay) {
      params.array() *= static_cast<float>(1.0 - lr * weight_decay);  // param.mul_(1 - lr * wd)
    } else {
      grad_ = grads.array() +
              static_cast<float>(weight_decay) * params.array();  // grad.add(param, alpha=wd)
      grad = grad_.data();
    }
  }
  const Eigen::Map<const Eigen::ArrayXf> gradient(grad, grads.size());

  // exp_avg.lerp_(grad, 1 - beta1): lerp's CPU kernel (aten/src/ATen/native/cpu/LerpKernel.cpp)
  // rounds the weight to float32 and picks its formula by the weight's size, for accuracy.
  const float weight = static_cast<float>(1.0 - beta1);
  if (std::abs(weight) < 0.5f) {
    exp_avg_ += weight * (gradient - exp_avg_);
  } else {
    exp_avg_ = gradient - (gradient - exp_avg_) * (1.0f - weight);
  }
  // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2): (value * g) * g.
  exp_avg_sq_ = exp_avg_sq_ * static_cast<float>(beta2) +
                static_cast<float>(1.0 - beta2) * gradient * gradient;

  // Bias corrections and step size are Python floats (double). beta ** step is C's pow: here
  // pow_rounded's bits (correctly rounded, the same in both builds, where glibc's and musl's pow
  // may differ in the last bit), through RunningPower, which gives them for one multiplication a
  // step. 2.6 writes the square root as bias_correction2 ** 0.5, C's pow too, which for an x in
  // [0, 1] is sqrt(x), correctly rounded (pow_rounded returns std::sqrt there).
  const double bias_correction1 = 1.0 - beta1_power_.power(beta1, step_);
  const double bias_correction2 = 1.0 - beta2_power_.power(beta2, step_);
  const double step_size = lr / bias_correction1;
  const float bias_correction2_sqrt = static_cast<float>(std::sqrt(bias_correction2));

  const Eigen::ArrayXf* second_moment = &exp_avg_sq_;
  if (options_.amsgrad) {
    max_exp_avg_sq_ = max_exp_avg_sq_.max(exp_avg_sq_);
    second_moment = &max_exp_avg_sq_;
  }
  // denom = sqrt / bias_correction2_sqrt + eps, then addcdiv_(exp_avg, denom, value=-step_size),
  // which computes param + (value * exp_avg) / denom: the product first, which decides both the
  // rounding and when a huge rate overflows to inf. One expression, one pass: each element's
  // operations are the same, in the same order, as with denom stored first.
  params.array() +=
      (static_cast<float>(-step_size) * exp_avg_) /
      (second_moment->sqrt() / bias_correction2_sqrt + static_cast<float>(options_.eps));
}

}  // namespace lrplay
