// Arithmetic follows torch/optim/lr_scheduler.py (PyTorch 1.13): chainable get_lr() for StepLR and
// ExponentialLR, step()/_reduce_lr()/is_better() for ReduceLROnPlateau.
#include "schedulers.hpp"

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
  throw ConfigError(msg);
}

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

std::string short_number(double lr) { return number_text(lr); }
}  // namespace

SchedulerEvent ConstantLR::step(double lr, double) { return {++last_epoch_, lr, lr, ""}; }

StepLR::StepLR(int step_size, double gamma) : step_size_(step_size), gamma_(gamma) {
  check_range("step_size", step_size, 1, kInf);
  check_range("gamma", gamma, 0, kInf, true);
}

SchedulerEvent StepLR::step(double lr, double) {
  ++last_epoch_;
  if (last_epoch_ % step_size_ != 0) return {last_epoch_, lr, lr, ""};
  return {last_epoch_, lr, lr * gamma_,
          "StepLR multiplies the rate by gamma = " + short_number(gamma_) + " every " +
              std::to_string(step_size_) + " epochs (epoch " + std::to_string(last_epoch_) + ")"};
}

ExponentialLR::ExponentialLR(double gamma) : gamma_(gamma) {
  check_range("gamma", gamma, 0, kInf, true);
}

SchedulerEvent ExponentialLR::step(double lr, double) {
  ++last_epoch_;
  return {last_epoch_, lr, lr * gamma_,
          "ExponentialLR multiplies the rate by gamma = " + short_number(gamma_) + " every epoch"};
}

ReduceLROnPlateau::ReduceLROnPlateau(const PlateauOptions& options) : options_(options) {
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

SchedulerEvent ReduceLROnPlateau::step(double lr, double metric) {
  ++last_epoch_;
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
  SchedulerEvent event{last_epoch_, lr, lr, ""};
  if (num_bad_epochs_ > options_.patience) {
    const std::string why = "no improvement for " + std::to_string(num_bad_epochs_) +
                            " epochs (patience " + std::to_string(options_.patience) + ")";
    const double new_lr = std::max(lr * options_.factor, options_.min_lr);
    if (lr - new_lr > options_.eps) {
      event.lr_after = new_lr;
      event.reason = why + ": rate multiplied by factor = " + short_number(options_.factor) +
                     (new_lr == options_.min_lr ? ", held at min_lr" : "");
    } else {
      event.reason = why + ", but the cut would change the rate by less than eps = " +
                     short_number(options_.eps) + " (or min_lr is reached), so it stays";
    }
    cooldown_counter_ = options_.cooldown;
    num_bad_epochs_ = 0;
  }
  return event;
}

SchedulerState ReduceLROnPlateau::state() const {
  return {last_epoch_, best_, num_bad_epochs_, cooldown_counter_};
}

}  // namespace lrplay
