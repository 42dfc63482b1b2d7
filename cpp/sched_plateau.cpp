// ReduceLROnPlateau.step() / _reduce_lr() / _is_better() of torch/optim/lr_scheduler.py.
#include "sched_plateau.hpp"

#include <algorithm>
#include <cmath>

#include "text.hpp"

namespace lrplay {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

ReduceLROnPlateau::ReduceLROnPlateau(ParamGroup& group, const PlateauOptions& options)
    : Scheduler(group), options_(options) {
  // PyTorch raises for factor >= 1; the other bounds reject values that have no meaning.
  check_range("factor", options.factor, 0, 1, false, true);
  check_range("patience", options.patience, 0, kInf);
  if (options.threshold_abs) {
    check_range("threshold", options.threshold, 0, kInf);
  } else {
    check_range("threshold", options.threshold, 0, 1, false, true);
  }
  check_range("cooldown", options.cooldown, 0, kInf);
  check_range("min_lr", options.min_lr, 0, kInf);
  check_range("eps", options.eps, 0, kInf);
  last_epoch_ = 0;
  best_ = options.mode_max ? -kInf : kInf;  // _init_is_better: mode_worse
}

bool ReduceLROnPlateau::is_better(double a, double best) const {
  if (!options_.mode_max) {
    return options_.threshold_abs ? a < best - options_.threshold
                                  : a < best * (1.0 - options_.threshold);
  }
  return options_.threshold_abs ? a > best + options_.threshold
                                : a > best * (options_.threshold + 1.0);
}

void ReduceLROnPlateau::advance(double metric) {
  ++last_epoch_;
  reason_.clear();
  skipped_ = false;
  // A NaN metric is never better, so it counts as a bad epoch, as in PyTorch.
  if (is_better(metric, best_)) {
    best_ = metric;
    num_bad_epochs_ = 0;
  } else {
    ++num_bad_epochs_;
  }
  if (cooldown_counter_ > 0) {
    --cooldown_counter_;
    num_bad_epochs_ = 0;  // bad epochs during cooldown are ignored
  }
  if (num_bad_epochs_ > options_.patience) {
    const std::string why = "no improvement for " + count_of(num_bad_epochs_, "epoch") +
                            " (patience " + count_text(options_.patience) + ")";
    const double lr = group_.lr;
    const double new_lr = std::max(lr * options_.factor, options_.min_lr);
    if (lr - new_lr > options_.eps) {
      group_.lr = new_lr;
      reason_ = why + ": rate multiplied by factor = " + number_text(options_.factor) +
                (new_lr == options_.min_lr ? ", held at min_lr" : "");
    } else {
      skipped_ = true;
      reason_ = why + ", but the cut would change the rate by less than eps = " +
                number_text(options_.eps) + " (or min_lr is reached), so it stays";
    }
    cooldown_counter_ = options_.cooldown;
    num_bad_epochs_ = 0;
  }
}

EventKind ReduceLROnPlateau::unchanged_kind() const {
  return skipped_ ? EventKind::kSkippedCut : EventKind::kNone;
}

SchedulerState ReduceLROnPlateau::state() const {
  return {last_epoch_, best_, num_bad_epochs_, cooldown_counter_};
}

}  // namespace lrplay
