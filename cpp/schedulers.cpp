// Arithmetic follows torch/optim/lr_scheduler.py (PyTorch 1.13): chainable get_lr() for StepLR,
// ExponentialLR, CosineAnnealingLR and LinearLR; step()/_reduce_lr()/is_better() for
// ReduceLROnPlateau.
// Each expression keeps Python's operation order, so the doubles match bit for bit.
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
constexpr double kPi = 3.141592653589793;  // math.pi
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
          "StepLR multiplies the rate by gamma = " + number_text(gamma_) + " every " +
              std::to_string(step_size_) + " epochs (epoch " + std::to_string(last_epoch_) + ")"};
}

ExponentialLR::ExponentialLR(double gamma) : gamma_(gamma) {
  check_range("gamma", gamma, 0, kInf, true);
}

SchedulerEvent ExponentialLR::step(double lr, double) {
  ++last_epoch_;
  return {last_epoch_, lr, lr * gamma_,
          "ExponentialLR multiplies the rate by gamma = " + number_text(gamma_) + " every epoch"};
}

CosineAnnealingLR::CosineAnnealingLR(double base_lr, int t_max, double eta_min)
    : base_lr_(base_lr), t_max_(t_max), eta_min_(eta_min) {
  check_range("t_max", t_max, 1, kInf);
  check_range("eta_min", eta_min, 0, kInf);
}

SchedulerEvent CosineAnnealingLR::step(double lr, double) {
  ++last_epoch_;
  const long long t = last_epoch_, period = 2LL * t_max_;
  double next;
  if ((t - 1 - t_max_) % period == 0) {
    // One epoch past each minimum the ratio's denominator 1 + cos(pi * (t - 1) / T_max) is 0, so
    // PyTorch adds the closed form's first step from eta_min instead.
    next = lr + (base_lr_ - eta_min_) * (1 - std::cos(kPi / t_max_)) / 2;
  } else {
    next = (1 + std::cos(kPi * t / t_max_)) / (1 + std::cos(kPi * (t - 1) / t_max_)) *
               (lr - eta_min_) +
           eta_min_;
  }
  return {last_epoch_, lr, next, reason()};
}

// Reasons start with the class name and a verb: the page turns "CosineAnnealingLR follows" into
// "it follows".
std::string CosineAnnealingLR::reason() const {
  const std::string epoch = " (epoch " + std::to_string(last_epoch_) + ")";
  const std::string floor = "eta_min = " + number_text(eta_min_);
  const std::string t_max = "T_max = " + std::to_string(t_max_);
  if (last_epoch_ < t_max_) {
    return "CosineAnnealingLR follows half a cosine from " + number_text(base_lr_) + " to " +
           floor + " over " + t_max + " epochs (epoch " + std::to_string(last_epoch_) + " of " +
           std::to_string(t_max_) + ")";
  }
  if (last_epoch_ == t_max_) return "CosineAnnealingLR reaches " + floor + " at " + t_max + epoch;
  // Past T_max, PyTorch 1.13 does not hold the rate at eta_min: the cosine keeps going.
  const long long phase = last_epoch_ % (2LL * t_max_);
  std::string where;
  if (phase == 0)
    where = "is back at " + number_text(base_lr_);
  else if (phase < t_max_)
    where = "falls again toward " + floor;
  else if (phase == t_max_)
    where = "is at " + floor + " again";
  else
    where = "rises back toward " + number_text(base_lr_);
  return "CosineAnnealingLR goes on along the cosine past " + t_max + ", so the rate " + where +
         epoch;
}

LinearLR::LinearLR(double start_factor, double end_factor, int total_iters)
    : start_factor_(start_factor), end_factor_(end_factor), total_iters_(total_iters) {
  // PyTorch 1.13 accepts start_factor = 0 but then divides by zero at the first step.
  check_range("start_factor", start_factor, 0, 1, true);
  check_range("end_factor", end_factor, 0, 1);
  check_range("total_iters", total_iters, 1, kInf);
}

SchedulerEvent LinearLR::step(double lr, double) {
  ++last_epoch_;
  if (last_epoch_ > total_iters_) return {last_epoch_, lr, lr, ""};
  const double delta = end_factor_ - start_factor_;
  const double next =
      lr * (1. + delta / (total_iters_ * start_factor_ + (last_epoch_ - 1) * delta));
  if (last_epoch_ == total_iters_) {
    return {last_epoch_, lr, next,
            std::string("LinearLR ends its ") + (delta < 0 ? "decay" : "warm-up") + " at factor " +
                number_text(end_factor_, 3) + " of the base rate, kept from now on"};
  }
  const double factor = start_factor_ + delta * last_epoch_ / total_iters_;  // the closed form
  return {last_epoch_, lr, next,
          std::string("LinearLR ") + (delta < 0 ? "decays" : "warms up") + " linearly, to factor " +
              number_text(factor, 3) + " of the base rate for epoch " +
              std::to_string(last_epoch_ + 1) + " of " + std::to_string(total_iters_)};
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
      event.reason = why + ": rate multiplied by factor = " + number_text(options_.factor) +
                     (new_lr == options_.min_lr ? ", held at min_lr" : "");
    } else {
      event.reason = why + ", but the cut would change the rate by less than eps = " +
                     number_text(options_.eps) + " (or min_lr is reached), so it stays";
    }
    cooldown_counter_ = options_.cooldown;
    num_bad_epochs_ = 0;
  }
  return event;
}

SequentialLR::SequentialLR(double base_lr, double start_factor, int warmup,
                           std::unique_ptr<Scheduler> after)
    : base_lr_(base_lr),
      milestone_(warmup),
      warmup_(start_factor, 1.0, warmup),
      after_(std::move(after)) {
  check_range("warmup", warmup, 1, kInf);
}

SchedulerEvent SequentialLR::step(double lr, double metric) {
  ++last_epoch_;
  SchedulerEvent event;
  if (last_epoch_ < milestone_) {
    event = warmup_.step(lr, metric);
  } else if (last_epoch_ == milestone_) {
    event = {0, lr, base_lr_,
             "SequentialLR ends the " + std::to_string(milestone_) + "-epoch warm-up: " +
                 after_->name() + " takes over from the initial rate " + number_text(base_lr_)};
  } else {
    event = after_->step(lr, metric);
  }
  event.epoch = last_epoch_;
  return event;
}

SchedulerState ReduceLROnPlateau::state() const {
  return {last_epoch_, best_, num_bad_epochs_, cooldown_counter_};
}

}  // namespace lrplay
