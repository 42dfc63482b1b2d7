#include "lr_find.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include "config.hpp"
#include "pow_rounded.hpp"
#include "text.hpp"
#include "trainer.hpp"

namespace lrplay {
namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr int kMaxIterations = 100000;  // the CLI's --num-iter limit
// LRFinder.plot()'s defaults, which suggest() leaves out of the smoothed curve; numpy.gradient
// needs two points after them.
constexpr std::size_t kSkipStart = 10, kSkipEnd = 5, kMinRows = kSkipStart + kSkipEnd + 2;

[[noreturn]] void refuse(const std::string& key, const std::string& text,
                         const std::string& accepted) {
  const std::string shown = text.size() > 32 ? text.substr(0, 32) + "..." : text;
  throw ConfigError(key,
                    key + " = \"" + shown + "\" is not accepted: " + key + " must be " + accepted);
}

// Read as the run's settings are (no hex, inf, nan or blanks).
double number_of(const std::string& key, const std::string& text) {
  double value = 0;
  if (!read_plain_number(text, &value)) refuse(key, text, "a finite number");
  return value;
}
}  // namespace

// Constant data (no code runs to build it), as the settings table is.
constexpr LrFindSetting kSettings[] = {
    {"start_lr", "1e-7", "the first rate tried", {}},
    {"end_lr", "10", "the last rate tried", {}},
    {"num_iter", "100", "batches, one per rate (the test stops early if the loss runs away)", {}},
    {"step_mode",
     "exp",
     "how the rate grows: by a constant factor (exp) or step (linear)",
     {"exp", "linear"}},
    {"smooth_f", "0.05", "weight of each new loss in the smoothed curve", {}},
    {"diverge_th", "5", "stop once the smoothed loss exceeds this many times its lowest", {}},
};

const std::vector<LrFindSetting>& lr_find_settings() {
  static const std::vector<LrFindSetting> settings(std::begin(kSettings), std::end(kSettings));
  return settings;
}

bool lr_find_reads(const Setting& s) {
  // lr_find() below: each batch's rate is the test's own, it stops after num_iter batches, and it
  // runs without a scheduler.
  for (const char* key : {"lr", "epochs", "scheduler", "schedule", "scheduler_step"}) {
    if (std::string(s.key) == key) return false;
  }
  for (const SettingWhen& when : s.applies_to) {
    if (std::string(when.selector) == "scheduler") return false;
  }
  return true;
}

void set_lr_find_option(LrFindOptions& o, const std::string& key, const std::string& text) {
  if (key == "start_lr") {
    o.start_lr = number_of(key, text);
  } else if (key == "end_lr") {
    o.end_lr = number_of(key, text);
  } else if (key == "num_iter") {
    const double n = number_of(key, text);
    if (n != std::floor(n) || n < 2 || n > kMaxIterations) {
      refuse(key, text, "a whole number from 2 to " + count_text(kMaxIterations));
    }
    o.num_iter = static_cast<int>(n);
  } else if (key == "step_mode") {
    if (text != "exp" && text != "linear") refuse(key, text, "exp or linear");
    o.step_mode = text == "exp" ? LrFindStepMode::kExp : LrFindStepMode::kLinear;
  } else if (key == "smooth_f") {
    o.smooth_f = number_of(key, text);
  } else if (key == "diverge_th") {
    o.diverge_th = number_of(key, text);
  } else {
    throw ConfigError("unknown range-test setting " + key +
                      " (start_lr, end_lr, num_iter, step_mode, smooth_f, diverge_th)");
  }
}

void validate(const LrFindOptions& o) {
  check_range("start_lr", o.start_lr, 0, kInfinity, true);
  check_range("end_lr", o.end_lr, 0, kInfinity, true);
  if (!(o.start_lr < o.end_lr)) {
    throw ConfigError("start_lr", "start_lr = " + shortest_text(o.start_lr) +
                                      " is not accepted: it must be below end_lr (" +
                                      shortest_text(o.end_lr) + ")");
  }
  // torch-lr-finder's exp rate is start_lr * (end_lr / start_lr) ** r: a ratio past a double's
  // range makes every rate after the first inf, a rate no step can train with.
  if (o.step_mode == LrFindStepMode::kExp && !std::isfinite(o.end_lr / o.start_lr)) {
    throw ConfigError("end_lr",
                      "end_lr = " + shortest_text(o.end_lr) +
                          " is not accepted with start_lr = " + shortest_text(o.start_lr) +
                          ": end_lr / start_lr is beyond a double's range (about 1.8e308), so the "
                          "rates after the first would be inf; narrow the range");
  }
  if (o.num_iter < 2) {
    throw ConfigError("num_iter", "num_iter = " + std::to_string(o.num_iter) +
                                      " is not accepted: it must be at least 2");
  }
  check_range("smooth_f", o.smooth_f, 0, 1, false, true);
  check_range("diverge_th", o.diverge_th, 1, kInfinity, true);
}

double lr_find_rate(const LrFindOptions& o, int iteration) {
  // torch_lr_finder/lr_finder.py: r = last_epoch / (num_iter - 1), then
  // base_lr * (end_lr / base_lr) ** r (ExponentialLR) or base_lr + r * (end_lr - base_lr).
  const double r = static_cast<double>(iteration) / (o.num_iter - 1);
  if (o.step_mode == LrFindStepMode::kLinear) return o.start_lr + r * (o.end_lr - o.start_lr);
  return o.start_lr * pow_rounded(o.end_lr / o.start_lr, r);
}

bool suggest_lr(const std::vector<LrFindRow>& rows, double* lr) {
  if (rows.size() < kMinRows) return false;
  const std::size_t n = rows.size() - kSkipStart - kSkipEnd;
  const auto s = [&](std::size_t i) { return rows[kSkipStart + i].smoothed_loss; };
  // numpy.gradient, unit spacing: one-sided differences at the ends, central ones inside.
  std::size_t best = 0;
  double best_grad = s(1) - s(0);
  for (std::size_t i = 1; i < n; ++i) {
    const double grad = i + 1 < n ? (s(i + 1) - s(i - 1)) / 2.0 : s(i) - s(i - 1);
    if (grad < best_grad) {  // argmin: the first of equal minima
      best_grad = grad;
      best = i;
    }
  }
  *lr = rows[kSkipStart + best].lr;
  return true;
}

std::string no_suggestion_reason(std::size_t rows) {
  const std::string n = std::to_string(rows);
  return "No suggestion: the test stopped after " + n + (rows == 1 ? " batch" : " batches") +
         ", and a suggestion needs at least " + std::to_string(kMinRows) + " (the first " +
         std::to_string(kSkipStart) + " and the last " + std::to_string(kSkipEnd) +
         " are left out, and a slope needs two points). Start lower, raise diverge_th or "
         "num_iter.";
}

LrFindResult lr_find(const TrainerConfig& config, const Dataset& data,
                     const LrFindOptions& options) {
  validate(options);
  // The range test sets the rate itself: no scheduler writes the rate or the momentum.
  TrainerConfig run = config;
  run.scheduler = SchedulerKind::kNone;
  run.schedule.clear();
  run.scheduler_step = SchedulerStep::kEpoch;
  run.warmup = 0;  // a warm-up chains before a scheduler (validate() refuses one without)
  Trainer trainer(run, data);

  LrFindResult result;
  double best = 0;
  for (int i = 0; i < options.num_iter; ++i) {
    LrFindRow row;
    row.iteration = i + 1;
    row.lr = lr_find_rate(options, i);
    row.loss = trainer.train_next_batch(row.lr);
    const double loss = row.loss;  // loss.item(): a Python float
    row.smoothed_loss = i == 0 ? loss
                               : options.smooth_f * loss +
                                     (1 - options.smooth_f) * result.rows.back().smoothed_loss;
    if (!std::isfinite(row.smoothed_loss)) break;
    best = i == 0 ? row.smoothed_loss : std::min(best, row.smoothed_loss);
    result.rows.push_back(row);
    if (row.smoothed_loss > options.diverge_th * best) break;
  }
  result.has_suggestion = suggest_lr(result.rows, &result.suggested_lr);
  if (!result.has_suggestion) result.no_suggestion = no_suggestion_reason(result.rows.size());
  return result;
}

}  // namespace lrplay
