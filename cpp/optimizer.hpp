// What the trainer and the schedulers see of an optimizer: one param_group over one flat float32
// parameter vector. Elementwise updates, so one flat vector gives PyTorch's per-tensor numbers.
#pragma once

#include <Eigen/Core>

namespace lrplay {

class Optimizer {
 public:
  virtual ~Optimizer() = default;

  // One optimizer.step() with the group's current lr (and momentum or beta1).
  virtual void step(Eigen::VectorXf& params, const Eigen::VectorXf& grads) = 0;

  // Forgets every step and buffer: the state of a freshly built optimizer. The group's lr and
  // momentum keep their current values; the caller sets them again.
  virtual void reset() = 0;

  // param_groups[0]["lr"]
  double lr() const { return lr_; }
  void set_lr(double lr) { lr_ = lr; }

  // What momentum cycling (CyclicLR, OneCycleLR) reads and writes: SGD's group["momentum"], or
  // Adam/AdamW's group["betas"][0]. The next step() uses the value written, as PyTorch's does.
  virtual double momentum() const = 0;
  virtual void set_momentum(double momentum) = 0;

 protected:
  explicit Optimizer(double lr) : lr_(lr) {}

 private:
  double lr_;
};

}  // namespace lrplay
