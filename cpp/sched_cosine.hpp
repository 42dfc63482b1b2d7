// Cosine annealing (PyTorch 2.6): CosineAnnealingLR, which goes on along the cosine past T_max, and
// CosineAnnealingWarmRestarts, which jumps back to the base rate every T_i steps.
#pragma once

#include "scheduler.hpp"

namespace lrplay {

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.CosineAnnealingLR.html
// Not restarted at T_max: the cosine goes on, so the rate rises back to base_lr by 2 * T_max.
class CosineAnnealingLR final : public Scheduler {
 public:
  CosineAnnealingLR(ParamGroup& group, int t_max, double eta_min = 0.0);
  std::string_view name() const override { return "CosineAnnealingLR"; }
  std::optional<double> closed_form(int epoch) const override;

 protected:
  EventKind change_kind() const override { return EventKind::kContinuous; }
  double get_lr() override;
  std::string reason(const SchedulerEvent& event, StepSaid& said) const override;

 private:
  int t_max_;
  double eta_min_;
};

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.html
// Not chainable: every rate comes from the base rate and (T_cur, T_i). PyTorch has no closed form
// method; its step(epoch) recomputes T_cur and T_i, which SequentialLR's step(0) uses.
class CosineAnnealingWarmRestarts final : public Scheduler {
 public:
  CosineAnnealingWarmRestarts(ParamGroup& group, int t_0, int t_mult = 1, double eta_min = 0.0);
  std::string_view name() const override { return "CosineAnnealingWarmRestarts"; }

 protected:
  EventKind change_kind() const override;  // a restart at T_cur = 0, else the cosine
  void step_epoch(std::optional<int> epoch) override;
  double get_lr() override;
  std::string reason(const SchedulerEvent& event, StepSaid& said) const override;

 private:
  int t_0_;
  int t_mult_;
  double eta_min_;
  long long t_i_;
  long long t_cur_;
};

}  // namespace lrplay
