// The optimizer's param_groups[0] as the schedulers see it: PyTorch's schedulers talk to each other
// only through this dict (ChainedScheduler and SequentialLR results depend on it), so they share
// one.
#pragma once

#include <optional>

namespace lrplay {

// What momentum cycling (CyclicLR, OneCycleLR with cycle_momentum) writes, chosen as PyTorch 2.x
// does: beta1 when "betas" is in optimizer.defaults (Adam, AdamW), else "momentum" (SGD).
enum class MomentumSlot { kNone, kMomentum, kBeta1 };

struct ParamGroup {
  double lr = 0.0;
  // group.setdefault("initial_lr", lr) by the first scheduler built; OneCycleLR overwrites it.
  std::optional<double> initial_lr;
  MomentumSlot slot = MomentumSlot::kNone;
  double momentum = 0.0;  // SGD's momentum or Adam's betas[0]
  // Keys CyclicLR and OneCycleLR add to the group; OneCycleLR's get_lr reads them back.
  double max_lr = 0.0;
  double min_lr = 0.0;
  double max_momentum = 0.0;
  double base_momentum = 0.0;
};

}  // namespace lrplay
