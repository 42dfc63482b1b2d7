// LRScheduler.__init__ and step() of torch/optim/lr_scheduler.py (PyTorch 2.6).
#include "scheduler.hpp"

#include <cmath>

#include "text.hpp"

namespace lrplay {

void check_range(const std::string& name, double value, double low, double high, bool open_low,
                 bool open_high) {
  const bool ok = std::isfinite(value) && (open_low ? value > low : value >= low) &&
                  (open_high ? value < high : value <= high);
  if (ok) return;
  std::string msg = name + " = " + number_text(value) + " is not accepted: " + name + " must be ";
  if (std::isinf(high)) {
    msg += (open_low ? "greater than " : "at least ") + number_text(low);
  } else {
    msg += std::string("in ") + (open_low ? "(" : "[") + number_text(low) + ", " +
           number_text(high) + (open_high ? ")" : "]");
  }
  if (!std::isfinite(value)) msg += " and finite";
  throw ConfigError(name, msg);
}

SchedulerEvent Scheduler::step(double metric) {
  SchedulerEvent event;
  event.lr_before = group_.lr;
  event.momentum_before = group_.momentum;
  advance(metric);
  event.epoch = last_epoch_;
  event.lr_after = group_.lr;
  event.momentum_after = group_.momentum;
  explain(event);
  return event;
}

std::string Scheduler::steps_text(long long count, bool as_typed) const {
  const std::string noun = unit_ == StepUnit::kEpoch ? "epoch" : "optimizer step";
  return as_typed ? count_as_typed(static_cast<double>(count), noun)
                  : count_of(static_cast<double>(count), noun);
}

std::string Scheduler::at_step(long long position) const {
  return std::string(" (") + position_word() + " " + std::to_string(position) + ")";
}

void Scheduler::attach() {
  if (!group_.initial_lr) group_.initial_lr = group_.lr;
  base_lr_ = *group_.initial_lr;
  last_epoch_ = -1;
  initial_step();
}

void Scheduler::step_epoch(std::optional<int> epoch) {
  ++step_count_;
  double lr;
  if (!epoch) {
    ++last_epoch_;
    lr = get_lr();
  } else {
    last_epoch_ = *epoch;
    const std::optional<double> closed = closed_form(last_epoch_);
    lr = closed ? *closed : get_lr();
  }
  group_.lr = lr;
}

}  // namespace lrplay
