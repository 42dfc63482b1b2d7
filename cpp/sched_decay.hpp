// The epoch-based decays of torch.optim.lr_scheduler (PyTorch 2.6): StepLR, MultiStepLR,
// ConstantLR, LinearLR, ExponentialLR, PolynomialLR, each with its chainable get_lr() and closed
// form, plus NoScheduler for a run without one.
#pragma once

#include <vector>

#include "scheduler.hpp"

namespace lrplay {

// Keeps the rate; lets the trainer treat "no scheduler" like the others. Not PyTorch's ConstantLR.
class NoScheduler final : public Scheduler {
 public:
  explicit NoScheduler(ParamGroup& group) : Scheduler(group) { last_epoch_ = 0; }
  std::string_view name() const override { return "none"; }

 protected:
  EventKind change_kind() const override { return EventKind::kNone; }
  void advance(double) override { ++last_epoch_; }
};

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.StepLR.html
class StepLR final : public Scheduler {
 public:
  StepLR(ParamGroup& group, int step_size, double gamma = 0.1);
  std::string_view name() const override { return "StepLR"; }
  std::optional<double> closed_form(int epoch) const override;

 protected:
  EventKind change_kind() const override { return EventKind::kDiscrete; }
  double get_lr() override;
  std::string reason(const SchedulerEvent& event, StepSaid& said) const override;

 private:
  int step_size_;
  double gamma_;
};

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.MultiStepLR.html
class MultiStepLR final : public Scheduler {
 public:
  MultiStepLR(ParamGroup& group, std::vector<int> milestones, double gamma = 0.1);
  std::string_view name() const override { return "MultiStepLR"; }
  std::optional<double> closed_form(int epoch) const override;

 protected:
  EventKind change_kind() const override { return EventKind::kDiscrete; }
  double get_lr() override;
  std::string reason(const SchedulerEvent& event, StepSaid& said) const override;

 private:
  std::vector<int> milestones_;  // strictly increasing, so each counts once
  double gamma_;
};

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.ConstantLR.html
class ConstantLR final : public Scheduler {
 public:
  explicit ConstantLR(ParamGroup& group, double factor = 1.0 / 3, int total_iters = 5);
  std::string_view name() const override { return "ConstantLR"; }
  std::optional<double> closed_form(int epoch) const override;

 protected:
  EventKind change_kind() const override { return EventKind::kDiscrete; }
  double get_lr() override;
  std::string reason(const SchedulerEvent& event, StepSaid& said) const override;

 private:
  double factor_;
  int total_iters_;
};

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.LinearLR.html
// The factor goes linearly from start_factor (at construction) to end_factor (after total_iters
// steps), then stays.
class LinearLR final : public Scheduler {
 public:
  explicit LinearLR(ParamGroup& group, double start_factor = 1.0 / 3, double end_factor = 1.0,
                    int total_iters = 5);
  std::string_view name() const override { return "LinearLR"; }
  std::optional<double> closed_form(int epoch) const override;

 protected:
  EventKind change_kind() const override { return EventKind::kContinuous; }
  bool warms_up() const override { return end_factor_ > start_factor_; }
  double get_lr() override;
  std::string reason(const SchedulerEvent& event, StepSaid& said) const override;

 private:
  double start_factor_;
  double end_factor_;
  int total_iters_;
};

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.ExponentialLR.html
class ExponentialLR final : public Scheduler {
 public:
  ExponentialLR(ParamGroup& group, double gamma);
  std::string_view name() const override { return "ExponentialLR"; }
  std::optional<double> closed_form(int epoch) const override;

 protected:
  EventKind change_kind() const override { return EventKind::kContinuous; }
  double get_lr() override;
  std::string reason(const SchedulerEvent& event, StepSaid& said) const override;

 private:
  double gamma_;
};

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.PolynomialLR.html
class PolynomialLR final : public Scheduler {
 public:
  explicit PolynomialLR(ParamGroup& group, int total_iters = 5, double power = 1.0);
  std::string_view name() const override { return "PolynomialLR"; }
  std::optional<double> closed_form(int epoch) const override;

 protected:
  EventKind change_kind() const override { return EventKind::kContinuous; }
  double get_lr() override;
  std::string reason(const SchedulerEvent& event, StepSaid& said) const override;

 private:
  int total_iters_;
  double power_;
};

}  // namespace lrplay
