// The per-batch cycles of PyTorch 2.6: CyclicLR and OneCycleLR. Both set the group's rate (and,
// with cycle_momentum, SGD's momentum or Adam's beta1) at construction and compute every step from
// the step count alone.
#pragma once

#include <string>
#include <vector>

#include "scheduler.hpp"

namespace lrplay {

struct CyclicOptions {
  double base_lr = 0.01;  // required in PyTorch: the playground's default
  double max_lr = 0.1;    // required in PyTorch: the playground's default
  int step_size_up = 2000;
  std::optional<int> step_size_down;  // None: step_size_up
  std::string mode = "triangular";    // triangular | triangular2 | exp_range
  double gamma = 1.0;
  std::string scale_mode = "cycle";  // cycle | iterations; the mode overrides it, as in PyTorch
  bool cycle_momentum = true;
  double base_momentum = 0.8;
  double max_momentum = 0.9;
};

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.CyclicLR.html
class CyclicLR final : public Scheduler {
 public:
  CyclicLR(ParamGroup& group, const CyclicOptions& options);
  std::string_view name() const override { return "CyclicLR"; }
  bool cycles_momentum() const override { return o_.cycle_momentum; }

 protected:
  EventKind change_kind() const override { return EventKind::kContinuous; }
  double get_lr() override;
  std::string reason(const SchedulerEvent& event, StepSaid& said) const override;

 private:
  double scale_fn(double x) const;

  CyclicOptions o_;
  double total_size_;
  double step_ratio_;
};

// OneCycleLR's total_steps while a run's step count is not known yet (settings are checked before
// the data, and so the batches per epoch, are), with total_steps_known false: every other argument
// is still checked, the phases' lengths are not (2^-20 of it is a whole step, of the real count
// not); the trainer builds it again with the real count.
inline constexpr int kOneCycleStepsWhileUnknown = 1 << 20;

struct OneCycleOptions {
  double max_lr = 0.1;  // required in PyTorch: the playground's default
  int total_steps = 0;  // PyTorch's total_steps, or epochs * steps_per_epoch
  // False while total_steps is kOneCycleStepsWhileUnknown: the phases are then not checked for a
  // zero length (whether one is empty depends on the real count; the trainer checks with it).
  bool total_steps_known = true;
  double pct_start = 0.3;
  std::string anneal_strategy = "cos";  // cos | linear
  bool cycle_momentum = true;
  double base_momentum = 0.85;
  double max_momentum = 0.95;
  double div_factor = 25.0;
  double final_div_factor = 1e4;
  bool three_phase = false;
};

// total_steps from the run's steps, or the placeholder (not known) while they are not known yet.
inline void use_run_steps(OneCycleOptions& o, int run_steps) {
  o.total_steps = run_steps > 0 ? run_steps : kOneCycleStepsWhileUnknown;
  o.total_steps_known = run_steps > 0;
}

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.OneCycleLR.html
// Stepping past total_steps throws, as PyTorch raises; callers refuse such runs beforehand.
class OneCycleLR final : public Scheduler {
 public:
  OneCycleLR(ParamGroup& group, const OneCycleOptions& options);
  std::string_view name() const override { return "OneCycleLR"; }
  bool cycles_momentum() const override { return o_.cycle_momentum; }
  int total_steps() const { return o_.total_steps; }

 protected:
  EventKind change_kind() const override { return EventKind::kContinuous; }
  double get_lr() override;
  std::string reason(const SchedulerEvent& event, StepSaid& said) const override;

 private:
  enum class Key { kInitialLr, kMaxLr, kMinLr, kMaxMomentum, kBaseMomentum };
  struct Phase {
    double end_step;
    Key start_lr, end_lr, start_momentum, end_momentum;
  };
  double value(Key key) const;
  double anneal(double start, double end, double pct) const;

  OneCycleOptions o_;
  std::vector<Phase> phases_;
  int phase_ = 0;  // the phase of the last step, for the reason
};

}  // namespace lrplay
