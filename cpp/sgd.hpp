// torch.optim.SGD, single-tensor path (PyTorch 2.6, torch/optim/sgd.py: _single_tensor_sgd), in
// float32: every Python float met by a tensor op is rounded to float32 inside the kernel.
#pragma once

#include "optimizer.hpp"

namespace lrplay {

struct SgdOptions {
  double lr = 1e-3;  // torch 2.6's default
  double momentum = 0.0;
  double dampening = 0.0;
  double weight_decay = 0.0;
  bool nesterov = false;
};

class Sgd : public Optimizer {
 public:
  // https://pytorch.org/docs/2.6/generated/torch.optim.SGD.html. The options are taken as given:
  // validation (what SGD.__init__ rejects) belongs to the settings (config.*).
  Sgd(const SgdOptions& options, Eigen::Index num_params);

  void step(Eigen::VectorXf& params, const Eigen::VectorXf& grads) override;
  void reset() override { has_buffer_ = false; }
  double momentum() const override { return options_.momentum; }
  void set_momentum(double momentum) override { options_.momentum = momentum; }

 private:
  SgdOptions options_;
  bool has_buffer_ = false;  // state["momentum_buffer"] exists after the first step with momentum
  Eigen::ArrayXf buffer_;
};

}  // namespace lrplay
