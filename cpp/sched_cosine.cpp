// CosineAnnealingLR.get_lr() / _get_closed_form_lr() and CosineAnnealingWarmRestarts.step() /
// get_lr() of torch/optim/lr_scheduler.py (PyTorch 2.6), in Python's operation order; math.cos
// is cos_rounded, so that the CLI and the page give the same rates.
#include "sched_cosine.hpp"

#include <cmath>

#include "cos_rounded.hpp"
#include "pow_rounded.hpp"
#include "text.hpp"

namespace lrplay {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.141592653589793;  // math.pi
}  // namespace

CosineAnnealingLR::CosineAnnealingLR(ParamGroup& group, int t_max, double eta_min)
    : Scheduler(group), t_max_(t_max), eta_min_(eta_min) {
  check_range("t_max", t_max, 1, kInf);
  check_range("eta_min", eta_min, 0, kInf);
  attach();
}

double CosineAnnealingLR::get_lr() {
  const long long t = last_epoch_, period = 2LL * t_max_;
  if (t == 0) return group_.lr;
  if (step_count_ == 1 && t > 0) {  // resumed with last_epoch > -1: the closed form
    return eta_min_ + (base_lr_ - eta_min_) * (1 + cos_rounded(t * kPi / t_max_)) / 2;
  }
  if ((t - 1 - t_max_) % period == 0) {
    // One epoch past each minimum the ratio's denominator 1 + cos(pi * (t - 1) / T_max) is 0, so
    // PyTorch adds the closed form's first step from eta_min instead.
    return group_.lr + (base_lr_ - eta_min_) * (1 - cos_rounded(kPi / t_max_)) / 2;
  }
  return (1 + cos_rounded(kPi * t / t_max_)) / (1 + cos_rounded(kPi * (t - 1) / t_max_)) *
             (group_.lr - eta_min_) +
         eta_min_;
}

std::optional<double> CosineAnnealingLR::closed_form(int epoch) const {
  return eta_min_ + (base_lr_ - eta_min_) * (1 + cos_rounded(kPi * epoch / t_max_)) / 2;
}

std::string CosineAnnealingLR::reason(const SchedulerEvent&, StepSaid& said) const {
  const std::string floor = "eta_min = " + number_text(eta_min_);
  const std::string t_max = "T_max = " + std::to_string(t_max_);
  if (last_epoch_ < t_max_) {
    return ending_at_step("CosineAnnealingLR follows half a cosine from " + number_text(base_lr_) +
                              " to " + floor + " over T_max = " + steps_text(t_max_, true),
                          said, t_max_);
  }
  if (last_epoch_ == t_max_)
    return ending_at_step("CosineAnnealingLR reaches " + floor + " at " + t_max, said);
  // Past T_max, PyTorch does not hold the rate at eta_min: the cosine keeps going.
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
  return ending_at_step(
      "CosineAnnealingLR goes on along the cosine past " + t_max + ", so the rate " + where, said);
}

CosineAnnealingWarmRestarts::CosineAnnealingWarmRestarts(ParamGroup& group, int t_0, int t_mult,
                                                         double eta_min)
    : Scheduler(group), t_0_(t_0), t_mult_(t_mult), eta_min_(eta_min), t_i_(t_0), t_cur_(-1) {
  check_range("t_0", t_0, 1, kInf);
  check_range("t_mult", t_mult, 1, kInf);
  check_range("eta_min", eta_min, 0, kInf);
  attach();
}

void CosineAnnealingWarmRestarts::step_epoch(std::optional<int> epoch) {
  if (!epoch && last_epoch_ < 0) epoch = 0;
  if (!epoch) {
    epoch = last_epoch_ + 1;
    t_cur_ = t_cur_ + 1;
    if (t_cur_ >= t_i_) {
      t_cur_ = t_cur_ % t_i_;
      t_i_ = t_i_ * t_mult_;
    }
  } else if (*epoch >= t_0_) {
    if (t_mult_ == 1) {
      t_cur_ = *epoch % t_0_;
    } else {
      const int n =
          static_cast<int>(log_rounded(static_cast<double>(*epoch) / t_0_ * (t_mult_ - 1) + 1) /
                           log_rounded(t_mult_));
      const long long power = static_cast<long long>(pow_rounded(t_mult_, n));
      t_cur_ = *epoch - t_0_ * (power - 1) / (t_mult_ - 1);
      t_i_ = t_0_ * power;
    }
  } else {
    t_i_ = t_0_;
    t_cur_ = *epoch;
  }
  last_epoch_ = *epoch;
  group_.lr = get_lr();
}

double CosineAnnealingWarmRestarts::get_lr() {
  return eta_min_ +
         (base_lr_ - eta_min_) * (1 + cos_rounded(kPi * static_cast<double>(t_cur_) / t_i_)) / 2;
}

EventKind CosineAnnealingWarmRestarts::change_kind() const {
  return t_cur_ == 0 ? EventKind::kRestart : EventKind::kContinuous;
}

std::string CosineAnnealingWarmRestarts::reason(const SchedulerEvent& e, StepSaid& said) const {
  if (!e.changed()) return "";
  // T_cur and T_i count steps of the cosine: per epoch, "(step 3 of 10, epoch 43)"; per optimizer
  // step, "(step 3 of 10 in this cosine, step 43)", both positions being steps.
  const bool per_epoch = unit_ == StepUnit::kEpoch;
  const std::string where = " (step " + std::to_string(t_cur_) + " of " + std::to_string(t_i_) +
                            (per_epoch ? ", " : " in this cosine, ") + position_text(last_epoch_) +
                            ")";
  if (t_cur_ == 0) {
    return ending_at_step("CosineAnnealingWarmRestarts restarts at the base rate " +
                              number_text(base_lr_) + "; the next cosine lasts T_i = " +
                              (per_epoch ? count_as_typed(t_i_, "step") : steps_text(t_i_, true)),
                          said);
  }
  return "CosineAnnealingWarmRestarts follows a cosine from " + number_text(base_lr_) +
         " toward eta_min = " + number_text(eta_min_) + where;
}

}  // namespace lrplay
