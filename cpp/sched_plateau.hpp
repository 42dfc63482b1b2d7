// ReduceLROnPlateau (PyTorch 2.6): the one scheduler that reads a metric; it cuts the group's rate
// and never sets initial_lr or steps at construction.
#pragma once

#include "scheduler.hpp"

namespace lrplay {

struct PlateauOptions {
  bool mode_max = false;  // mode='min' (false) or 'max' (true)
  double factor = 0.1;
  int patience = 10;
  double threshold = 1e-4;
  bool threshold_abs = false;  // threshold_mode='rel' (false) or 'abs' (true)
  int cooldown = 0;
  double min_lr = 0.0;
  double eps = 1e-8;
};

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html
class ReduceLROnPlateau final : public Scheduler {
 public:
  ReduceLROnPlateau(ParamGroup& group, const PlateauOptions& options);
  SchedulerState state() const override;
  std::string_view name() const override { return "ReduceLROnPlateau"; }

 protected:
  EventKind change_kind() const override { return EventKind::kDiscrete; }
  EventKind unchanged_kind() const override;
  void advance(double metric) override;
  std::string reason(const SchedulerEvent&, StepSaid&) const override { return reason_; }

 private:
  bool is_better(double a, double best) const;

  PlateauOptions options_;
  double best_;
  int num_bad_epochs_ = 0;
  int cooldown_counter_ = 0;
  std::string reason_;    // of the last step
  bool skipped_ = false;  // the last step would have cut, but eps (or min_lr) kept the rate
};

}  // namespace lrplay
