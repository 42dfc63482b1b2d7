// CyclicLR and OneCycleLR of torch/optim/lr_scheduler.py (PyTorch 2.6): constructors and get_lr(),
// in Python's operation order.
#include "sched_cyclic.hpp"

#include <cmath>
#include <vector>

#include "cos_rounded.hpp"
#include "pow_rounded.hpp"
#include "text.hpp"

namespace lrplay {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.141592653589793;  // math.pi

// PyTorch 2.x: "betas" in optimizer.defaults -> beta1, else "momentum"; neither -> ValueError.
void check_momentum_slot(const ParamGroup& group, const char* scheduler) {
  if (group.slot == MomentumSlot::kNone) {
    throw ConfigError("cycle_momentum",
                      std::string(scheduler) +
                          ": cycle_momentum needs an optimizer with momentum or beta1 (SGD, Adam, "
                          "AdamW); set cycle_momentum to false");
  }
}

void check_momentums(double base_momentum, double max_momentum) {
  check_range("base_momentum", base_momentum, 0, 1, false, true);
  check_range("max_momentum", max_momentum, 0, 1, false, true);
}
}  // namespace

CyclicLR::CyclicLR(ParamGroup& group, const CyclicOptions& options)
    : Scheduler(group), o_(options) {
  check_range("base_lr", o_.base_lr, 0, kInf);
  check_range("max_lr", o_.max_lr, 0, kInf);
  check_range("step_size_up", o_.step_size_up, 1, kInf);
  if (o_.step_size_down) check_range("step_size_down", *o_.step_size_down, 0, kInf);
  if (o_.mode != "triangular" && o_.mode != "triangular2" && o_.mode != "exp_range") {
    throw ConfigError("mode",
                      "mode = \"" + o_.mode +
                          "\" is not accepted: CyclicLR's mode must be triangular, triangular2 or "
                          "exp_range");
  }
  check_range("gamma", o_.gamma, 0, kInf, true);
  if (o_.scale_mode != "cycle" && o_.scale_mode != "iterations") {
    throw ConfigError("scale_mode",
                      "scale_mode = \"" + o_.scale_mode +
                          "\" is not accepted: scale_mode must be cycle or iterations");
  }
  // _init_scale_fn: without a custom scale_fn the mode decides the scale mode.
  o_.scale_mode = o_.mode == "exp_range" ? "iterations" : "cycle";
  group_.lr = o_.base_lr;
  const double up = o_.step_size_up;
  const double down = o_.step_size_down ? *o_.step_size_down : up;
  total_size_ = up + down;
  step_ratio_ = up / total_size_;
  if (o_.cycle_momentum) {
    check_momentum_slot(group_, "CyclicLR");
    check_momentums(o_.base_momentum, o_.max_momentum);
    group_.momentum = o_.max_momentum;
    group_.max_momentum = o_.max_momentum;
    group_.base_momentum = o_.base_momentum;
  }
  attach();
  base_lr_ = o_.base_lr;  // self.base_lrs = base_lrs, after super().__init__
}

double CyclicLR::scale_fn(double x) const {
  if (o_.mode == "triangular") return 1.0;
  if (o_.mode == "triangular2") return 1 / pow_rounded(2.0, x - 1);
  return pow_rounded(o_.gamma, x);
}

double CyclicLR::get_lr() {
  const double cycle = std::floor(1 + last_epoch_ / total_size_);
  const double x = 1.0 + last_epoch_ / total_size_ - cycle;
  const double scale_factor = x <= step_ratio_ ? x / step_ratio_ : (x - 1) / (step_ratio_ - 1);
  const double scale = scale_fn(o_.scale_mode == "cycle" ? cycle : last_epoch_);
  const double base_height = (o_.max_lr - o_.base_lr) * scale_factor;
  const double lr = o_.base_lr + base_height * scale;
  if (o_.cycle_momentum) {
    const double momentum_height = (o_.max_momentum - o_.base_momentum) * scale_factor;
    group_.momentum = o_.max_momentum - momentum_height * scale;
  }
  return lr;
}

std::string CyclicLR::reason(const SchedulerEvent& e, StepSaid&) const {
  if (!e.changed()) return "";
  const double x = 1.0 + last_epoch_ / total_size_ - std::floor(1 + last_epoch_ / total_size_);
  const bool rising = x < step_ratio_;
  return std::string("CyclicLR ") +
         (rising ? "climbs toward max_lr = " + number_text(o_.max_lr)
                 : "falls toward base_lr = " + number_text(o_.base_lr)) +
         " in cycle " + std::to_string(static_cast<long long>(1 + last_epoch_ / total_size_)) +
         " (" + o_.mode + ", " + position_text(last_epoch_) + ")";
}

OneCycleLR::OneCycleLR(ParamGroup& group, const OneCycleOptions& options)
    : Scheduler(group), o_(options) {
  check_range("max_lr", o_.max_lr, 0, kInf, true);
  check_range("total_steps", o_.total_steps, 1, kInf);
  check_range("pct_start", o_.pct_start, 0, 1);
  if (o_.anneal_strategy != "cos" && o_.anneal_strategy != "linear") {
    throw ConfigError("anneal_strategy",
                      "anneal_strategy = \"" + o_.anneal_strategy +
                          "\" is not accepted: anneal_strategy must be cos or linear");
  }
  check_range("div_factor", o_.div_factor, 0, kInf, true);
  check_range("final_div_factor", o_.final_div_factor, 0, kInf, true);
  const double t = o_.total_steps;
  using K = Key;
  if (o_.three_phase) {
    phases_ = {
        {o_.pct_start * t - 1, K::kInitialLr, K::kMaxLr, K::kMaxMomentum, K::kBaseMomentum},
        {2 * o_.pct_start * t - 2, K::kMaxLr, K::kInitialLr, K::kBaseMomentum, K::kMaxMomentum},
        {t - 1, K::kInitialLr, K::kMinLr, K::kMaxMomentum, K::kMaxMomentum}};
  } else {
    phases_ = {{o_.pct_start * t - 1, K::kInitialLr, K::kMaxLr, K::kMaxMomentum, K::kBaseMomentum},
               {t - 1, K::kMaxLr, K::kMinLr, K::kBaseMomentum, K::kMaxMomentum}};
  }
  // A phase of zero length that some step reaches makes PyTorch divide by zero: refuse it here. The
  // steps reaching phase i are the integers in (max of the earlier ends, end_i] within [0, total].
  double earlier_end = -kInf;
  for (std::size_t i = 0; o_.total_steps_known && i < phases_.size(); ++i) {
    const bool last = i + 1 == phases_.size();
    const double start = i == 0 ? 0.0 : phases_[i - 1].end_step;
    const double first = std::max(0.0, std::floor(earlier_end) + 1);
    const double upto = last ? t : std::min(phases_[i].end_step, t);
    if (phases_[i].end_step == start && first <= upto) {
      throw ConfigError("pct_start",
                        "pct_start = " + shortest_text(o_.pct_start) +
                            " with total_steps = " + std::to_string(o_.total_steps) +
                            " gives OneCycleLR a phase of zero steps (PyTorch divides by zero); "
                            "change pct_start or total_steps");
    }
    earlier_end = std::max(earlier_end, phases_[i].end_step);
  }
  group_.initial_lr = o_.max_lr / o_.div_factor;
  group_.max_lr = o_.max_lr;
  group_.min_lr = *group_.initial_lr / o_.final_div_factor;
  if (o_.cycle_momentum) {
    check_momentum_slot(group_, "OneCycleLR");
    check_momentums(o_.base_momentum, o_.max_momentum);
    group_.momentum = o_.max_momentum;
    group_.max_momentum = o_.max_momentum;
    group_.base_momentum = o_.base_momentum;
  }
  attach();
}

double OneCycleLR::value(Key key) const {
  switch (key) {
    case Key::kInitialLr:
      return *group_.initial_lr;
    case Key::kMaxLr:
      return group_.max_lr;
    case Key::kMinLr:
      return group_.min_lr;
    case Key::kMaxMomentum:
      return group_.max_momentum;
    case Key::kBaseMomentum:
      break;
  }
  return group_.base_momentum;
}

double OneCycleLR::anneal(double start, double end, double pct) const {
  if (o_.anneal_strategy == "cos") {
    // math.cos in PyTorch's _annealing_cos; cos_rounded gives the CLI and the page one value.
    const double cos_out = cos_rounded(kPi * pct) + 1;
    return end + (start - end) / 2.0 * cos_out;
  }
  return (end - start) * pct + start;
}

double OneCycleLR::get_lr() {
  const int step_num = last_epoch_;
  if (step_num > o_.total_steps) {
    throw ConfigError("total_steps", "OneCycleLR: tried to step " + count_text(step_num) +
                                         " times; total_steps is " + count_text(o_.total_steps));
  }
  double start_step = 0.0;
  for (std::size_t i = 0; i < phases_.size(); ++i) {
    const Phase& phase = phases_[i];
    if (step_num <= phase.end_step || i + 1 == phases_.size()) {
      const double pct = (step_num - start_step) / (phase.end_step - start_step);
      const double lr = anneal(value(phase.start_lr), value(phase.end_lr), pct);
      if (o_.cycle_momentum) {
        group_.momentum = anneal(value(phase.start_momentum), value(phase.end_momentum), pct);
      }
      phase_ = static_cast<int>(i);
      return lr;
    }
    start_step = phase.end_step;
  }
  return group_.lr;  // unreachable: the last phase always matches
}

std::string OneCycleLR::reason(const SchedulerEvent& e, StepSaid& said) const {
  if (!e.changed()) return "";
  const Phase& phase = phases_[phase_];
  const std::string target = phase.end_lr == Key::kMaxLr       ? "max_lr"
                             : phase.end_lr == Key::kInitialLr ? "the initial rate"
                                                               : "the final rate";
  return ending_at_step(std::string("OneCycleLR ") +
                            (phase.end_lr == Key::kMaxLr ? "warms up" : "anneals") + " toward " +
                            target + " " + number_text(value(phase.end_lr)),
                        said, o_.total_steps);
}

}  // namespace lrplay
