// Schedulers of schedulers (PyTorch 2.6): SequentialLR hands the group from one scheduler to the
// next at its milestones; ChainedScheduler steps all of them, each on the rate the previous left.
// Both are built after their children, as Python builds the arguments first.
#pragma once

#include <memory>
#include <vector>

#include "scheduler.hpp"

namespace lrplay {

using SchedulerList = std::vector<std::unique_ptr<Scheduler>>;

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.SequentialLR.html
// Construction resets the rate to initial_lr, undoes every child's initial step and re-runs the
// first one's; at a milestone the next child restarts with step(0), its closed form at epoch 0
// where it has one.
class SequentialLR final : public Scheduler {
 public:
  SequentialLR(ParamGroup& group, SchedulerList schedulers, std::vector<int> milestones);
  std::string_view name() const override { return "SequentialLR"; }
  bool cycles_momentum() const override;
  void set_step_unit(StepUnit unit) override;

 protected:
  void step_epoch(std::optional<int> epoch) override;
  void undo() override;
  void explain(SchedulerEvent& event) const override;
  // The acting child's, or the hand-over's at a milestone.
  std::string reason(const SchedulerEvent& event, StepSaid& said) const override;
  // The acting child's, or a hand-over (the end of a warm-up, from a scheduler that warms up).
  EventKind change_kind() const override { return last_.kind; }

 private:
  SchedulerList schedulers_;
  std::vector<int> milestones_;
  SchedulerEvent last_;       // what the acting child did at the last step (no reason)
  std::size_t active_ = 0;    // the acting child at the last step
  bool handed_over_ = false;  // it took over at the last step
};

// https://pytorch.org/docs/2.6/generated/torch.optim.lr_scheduler.ChainedScheduler.html
class ChainedScheduler final : public Scheduler {
 public:
  ChainedScheduler(ParamGroup& group, SchedulerList schedulers);
  std::string_view name() const override { return "ChainedScheduler"; }
  bool cycles_momentum() const override;
  void set_step_unit(StepUnit unit) override;

 protected:
  void step_epoch(std::optional<int> epoch) override;
  void undo() override;
  void explain(SchedulerEvent& event) const override;
  std::string reason(const SchedulerEvent& event, StepSaid& said) const override;
  // The stronger of the kinds of the children that moved the rate (a StepLR cut among
  // ExponentialLR's steps is a discrete change).
  EventKind change_kind() const override;

 private:
  SchedulerList schedulers_;
  std::vector<SchedulerEvent> last_;  // one per child, from the last step
};

}  // namespace lrplay
