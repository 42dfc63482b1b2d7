// torch.optim.Adam and torch.optim.AdamW, single-tensor path (PyTorch 2.6, torch/optim/adam.py:
// _single_tensor_adam, torch/optim/adamw.py: _single_tensor_adamw), in float32.
#pragma once

#include "optimizer.hpp"
#include "running_power.hpp"

namespace lrplay {

struct AdamOptions {
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 0.0;
  bool amsgrad = false;
  // AdamW: param.mul_(1 - lr * weight_decay) before the update, instead of adding
  // weight_decay * param to the gradient.
  bool decoupled_weight_decay = false;
};

class Adam : public Optimizer {
 public:
  // https://pytorch.org/docs/2.6/generated/torch.optim.Adam.html (and .AdamW.html). The options
  // are taken as given: validation belongs to the settings (config.*).
  Adam(const AdamOptions& options, Eigen::Index num_params);

  void step(Eigen::VectorXf& params, const Eigen::VectorXf& grads) override;
  void reset() override;
  double momentum() const override { return options_.beta1; }
  void set_momentum(double beta1) override { options_.beta1 = beta1; }
  long steps() const { return step_; }

 private:
  AdamOptions options_;
  long step_ = 0;
  Eigen::ArrayXf exp_avg_, exp_avg_sq_, max_exp_avg_sq_, grad_;
  RunningPower beta1_power_, beta2_power_;  // beta1 ** step, beta2 ** step
};

}  // namespace lrplay
