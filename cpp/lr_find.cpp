#include "lr_find.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "text.hpp"
#include "trainer.hpp"

namespace lrplay {
namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();
}  // namespace

void validate(const LrFindOptions& o) {
  check_range("start_lr", o.start_lr, 0, kInfinity, true);
  check_range("end_lr", o.end_lr, 0, kInfinity, true);
  if (!(o.start_lr < o.end_lr)) {
    throw ConfigError("start_lr = " + shortest_text(o.start_lr) +
                      " is not accepted: it must be below end_lr (" + shortest_text(o.end_lr) +
                      ")");
  }
  if (o.num_iter < 2) {
    throw ConfigError("num_iter = " + std::to_string(o.num_iter) +
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
  return o.start_lr * std::pow(o.end_lr / o.start_lr, r);
}

bool suggest_lr(const std::vector<LrFindRow>& rows, double* lr) {
  constexpr std::size_t kSkipStart = 10, kSkipEnd = 5;
  if (rows.size() < kSkipStart + kSkipEnd + 2) return false;
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

LrFindResult lr_find(const TrainerConfig& config, const Dataset& data,
                     const LrFindOptions& options) {
  validate(options);
  // The range test sets the rate itself: no scheduler writes the rate or the momentum.
  TrainerConfig run = config;
  run.scheduler = SchedulerKind::kNone;
  run.schedule.clear();
  run.scheduler_step = SchedulerStep::kEpoch;
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
  return result;
}

}  // namespace lrplay
