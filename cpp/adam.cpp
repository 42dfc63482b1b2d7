#include "adam.hpp"

#include <cmath>

namespace lrplay {

Adam::Adam(const AdamOptions& options, Eigen::Index num_params)
    : options_(options),
      lr_(options.lr),
      exp_avg_(Eigen::ArrayXf::Zero(num_params)),
      exp_avg_sq_(Eigen::ArrayXf::Zero(num_params)),
      max_exp_avg_sq_(Eigen::ArrayXf::Zero(num_params)) {}

void Adam::step(Eigen::VectorXf& params, const Eigen::VectorXf& grads) {
  ++step_;
  // Python floats meet float32 tensors: each scalar is rounded to float32 inside the kernel.
  const float beta1 = static_cast<float>(options_.beta1);
  const float beta2 = static_cast<float>(options_.beta2);
  const float one_minus_beta1 = static_cast<float>(1.0 - options_.beta1);
  const float one_minus_beta2 = static_cast<float>(1.0 - options_.beta2);

  grad_ = grads.array();
  if (options_.weight_decay != 0.0) {
    grad_ +=
        static_cast<float>(options_.weight_decay) * params.array();  // grad.add(param, alpha=wd)
  }
  exp_avg_ = exp_avg_ * beta1 + one_minus_beta1 * grad_;  // mul_(b1).add_(g, alpha=1-b1)
  exp_avg_sq_ =
      exp_avg_sq_ * beta2 + one_minus_beta2 * grad_ * grad_;  // mul_(b2).addcmul_(g, g, 1-b2)

  // Bias corrections and step size are Python floats (double).
  const double step = static_cast<double>(step_);
  const double bias_correction1 = 1.0 - std::pow(options_.beta1, step);
  const double bias_correction2 = 1.0 - std::pow(options_.beta2, step);
  const double step_size = lr_ / bias_correction1;
  const float bias_correction2_sqrt = static_cast<float>(std::sqrt(bias_correction2));

  const Eigen::ArrayXf* second_moment = &exp_avg_sq_;
  if (options_.amsgrad) {
    max_exp_avg_sq_ = max_exp_avg_sq_.max(exp_avg_sq_);
    second_moment = &max_exp_avg_sq_;
  }
  denom_ = second_moment->sqrt() / bias_correction2_sqrt + static_cast<float>(options_.eps);
  // addcdiv_(exp_avg, denom, value=-step_size) computes param + (value * exp_avg) / denom: the
  // product first, which decides both the rounding and when a huge rate overflows to inf.
  params.array() += (static_cast<float>(-step_size) * exp_avg_) / denom_;
}

}  // namespace lrplay
