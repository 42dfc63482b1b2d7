// torch.optim.Adam, single-tensor path (torch/optim/adam.py: _single_tensor_adam), on one flat
// float32 parameter vector. Elementwise, so one flat vector gives the same numbers as per-tensor
// state.
#pragma once

#include <Eigen/Core>

namespace lrplay {

struct AdamOptions {
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 0.0;
  bool amsgrad = false;
};

class Adam {
 public:
  // https://pytorch.org/docs/1.13/generated/torch.optim.Adam.html
  Adam(const AdamOptions& options, Eigen::Index num_params);

  // One optimizer.step() with the current learning rate (param_groups[0]["lr"]).
  void step(Eigen::VectorXf& params, const Eigen::VectorXf& grads);

  double lr() const { return lr_; }
  void set_lr(double lr) { lr_ = lr; }
  // betas[0], which CyclicLR and OneCycleLR cycle (PyTorch 2.x); the next step() uses it.
  double momentum() const { return options_.beta1; }
  void set_momentum(double beta1) { options_.beta1 = beta1; }
  long steps() const { return step_; }

 private:
  AdamOptions options_;
  double lr_;
  long step_ = 0;
  Eigen::ArrayXf exp_avg_, exp_avg_sq_, max_exp_avg_sq_, grad_, denom_;
};

}  // namespace lrplay
