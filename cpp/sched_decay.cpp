// get_lr() and _get_closed_form_lr() of torch/optim/lr_scheduler.py (PyTorch 2.6), keeping Python's
// operation order so the doubles match bit for bit. Python's float ** is C's pow, here pow_rounded
// (cpp/pow_rounded.hpp): correctly rounded in both builds, where glibc's pow is not always.
#include "sched_decay.hpp"

#include <algorithm>
#include <cmath>

#include "pow_rounded.hpp"
#include "text.hpp"

namespace lrplay {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// Python's a // b for b > 0.
long long floor_div(long long a, long long b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
}  // namespace

StepLR::StepLR(ParamGroup& group, int step_size, double gamma)
    : Scheduler(group), step_size_(step_size), gamma_(gamma) {
  check_range("step_size", step_size, 1, kInf);
  check_range("gamma", gamma, 0, kInf, true);
  attach();
}

double StepLR::get_lr() {
  if (last_epoch_ == 0 || last_epoch_ % step_size_ != 0) return group_.lr;
  return group_.lr * gamma_;
}

std::optional<double> StepLR::closed_form(int epoch) const {
  return base_lr_ * pow_rounded(gamma_, static_cast<double>(floor_div(epoch, step_size_)));
}

std::string StepLR::reason(const SchedulerEvent& e, StepSaid& said) const {
  if (!e.changed()) return "";
  return ending_at_step("StepLR multiplies the rate by gamma = " + number_text(gamma_) + " every " +
                            steps_text(step_size_),
                        said);
}

MultiStepLR::MultiStepLR(ParamGroup& group, std::vector<int> milestones, double gamma)
    : Scheduler(group), milestones_(std::move(milestones)), gamma_(gamma) {
  for (std::size_t i = 0; i < milestones_.size(); ++i) {
    check_range("milestones", milestones_[i], 1, kInf);
    if (i > 0 && milestones_[i] <= milestones_[i - 1]) {
      throw ConfigError("milestones", "milestones must be increasing epochs such as 30,80 (" +
                                          std::to_string(milestones_[i]) + " follows " +
                                          std::to_string(milestones_[i - 1]) + ")");
    }
  }
  check_range("gamma", gamma, 0, kInf, true);
  attach();
}

double MultiStepLR::get_lr() {
  if (!std::binary_search(milestones_.begin(), milestones_.end(), last_epoch_)) return group_.lr;
  return group_.lr * pow_rounded(gamma_, 1.0);  // gamma ** milestones[last_epoch], a count of 1
}

std::optional<double> MultiStepLR::closed_form(int epoch) const {
  const auto passed = std::upper_bound(milestones_.begin(), milestones_.end(), epoch);
  return base_lr_ * pow_rounded(gamma_, static_cast<double>(passed - milestones_.begin()));
}

std::string MultiStepLR::reason(const SchedulerEvent& e, StepSaid& said) const {
  if (!e.changed()) return "";
  return ending_at_step("MultiStepLR multiplies the rate by gamma = " + number_text(gamma_) +
                            " at milestone " + std::to_string(last_epoch_),
                        said);
}

ConstantLR::ConstantLR(ParamGroup& group, double factor, int total_iters)
    : Scheduler(group), factor_(factor), total_iters_(total_iters) {
  // PyTorch accepts factor = 0 but then divides by zero at total_iters.
  check_range("factor", factor, 0, 1, true);
  check_range("total_iters", total_iters, 1, kInf);
  attach();
}

double ConstantLR::get_lr() {
  if (last_epoch_ == 0) return group_.lr * factor_;
  if (last_epoch_ != total_iters_) return group_.lr;
  return group_.lr * (1.0 / factor_);
}

std::optional<double> ConstantLR::closed_form(int epoch) const {
  return base_lr_ * (factor_ + (epoch >= total_iters_ ? 1 - factor_ : 0.0));
}

std::string ConstantLR::reason(const SchedulerEvent& e, StepSaid& said) const {
  if (!e.changed()) return "";
  return ending_at_step(
      "ConstantLR stops multiplying the rate by factor = " + number_text(factor_) +
          " after total_iters = " + steps_text(total_iters_, true),
      said);
}

LinearLR::LinearLR(ParamGroup& group, double start_factor, double end_factor, int total_iters)
    : Scheduler(group),
      start_factor_(start_factor),
      end_factor_(end_factor),
      total_iters_(total_iters) {
  check_range("start_factor", start_factor, 0, 1, true);
  check_range("end_factor", end_factor, 0, 1);
  check_range("total_iters", total_iters, 1, kInf);
  attach();
}

double LinearLR::get_lr() {
  if (last_epoch_ == 0) return group_.lr * start_factor_;
  if (last_epoch_ > total_iters_) return group_.lr;
  return group_.lr * (1.0 + (end_factor_ - start_factor_) /
                                (total_iters_ * start_factor_ +
                                 (last_epoch_ - 1) * (end_factor_ - start_factor_)));
}

std::optional<double> LinearLR::closed_form(int epoch) const {
  return base_lr_ * (start_factor_ +
                     (end_factor_ - start_factor_) * std::min(total_iters_, epoch) / total_iters_);
}

std::string LinearLR::reason(const SchedulerEvent& e, StepSaid&) const {
  if (!e.changed()) return "";
  const double delta = end_factor_ - start_factor_;
  if (last_epoch_ == total_iters_) {
    return std::string("LinearLR ends its ") + (delta < 0 ? "decay" : "warm-up") + " at factor " +
           number_text(end_factor_, 3) + " of the base rate, kept from now on";
  }
  return std::string("LinearLR ") + (delta < 0 ? "decays" : "warms up") + " linearly, to factor " +
         number_text(*closed_form(last_epoch_) / base_lr_, 3) + " of the base rate for " +
         position_text(last_epoch_ + 1, total_iters_);
}

ExponentialLR::ExponentialLR(ParamGroup& group, double gamma) : Scheduler(group), gamma_(gamma) {
  check_range("gamma", gamma, 0, kInf, true);
  attach();
}

double ExponentialLR::get_lr() { return last_epoch_ == 0 ? group_.lr : group_.lr * gamma_; }

std::optional<double> ExponentialLR::closed_form(int epoch) const {
  return base_lr_ * pow_rounded(gamma_, static_cast<double>(epoch));
}

std::string ExponentialLR::reason(const SchedulerEvent&, StepSaid&) const {
  return "ExponentialLR multiplies the rate by gamma = " + number_text(gamma_) + " every " +
         (unit_ == StepUnit::kEpoch ? "epoch" : "optimizer step");
}

PolynomialLR::PolynomialLR(ParamGroup& group, int total_iters, double power)
    : Scheduler(group), total_iters_(total_iters), power_(power) {
  check_range("total_iters", total_iters, 1, kInf);
  check_range("power", power, 0, kInf);
  attach();
}

double PolynomialLR::get_lr() {
  if (last_epoch_ == 0 || last_epoch_ > total_iters_) return group_.lr;
  const double decay_factor =
      pow_rounded((1.0 - static_cast<double>(last_epoch_) / total_iters_) /
                      (1.0 - static_cast<double>(last_epoch_ - 1) / total_iters_),
                  power_);
  return group_.lr * decay_factor;
}

std::optional<double> PolynomialLR::closed_form(int epoch) const {
  return base_lr_ *
         pow_rounded(1.0 - static_cast<double>(std::min(total_iters_, epoch)) / total_iters_,
                     power_);
}

std::string PolynomialLR::reason(const SchedulerEvent& e, StepSaid& said) const {
  if (!e.changed()) return "";
  if (last_epoch_ == total_iters_) {
    return ending_at_step("PolynomialLR reaches 0 at total_iters = " + std::to_string(total_iters_),
                          said);
  }
  return ending_at_step("PolynomialLR decays the base rate along (1 - t / " +
                            std::to_string(total_iters_) + ")^" + number_text(power_),
                        said);
}

}  // namespace lrplay
