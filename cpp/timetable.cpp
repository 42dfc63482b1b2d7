#include "timetable.hpp"

#include <cmath>

#include "make_scheduler.hpp"
#include "text.hpp"

namespace lrplay {

std::vector<double> timetable(const TrainerConfig& config) {
  std::vector<double> rates;
  if (config.scheduler == SchedulerKind::kPlateau) return rates;
  auto scheduler = make_scheduler(config);
  for (int epoch = 1; epoch <= config.epochs; ++epoch)
    rates.push_back(scheduler->step(0.0).lr_after);
  return rates;
}

int next_cut(const TrainerConfig& config, int epoch) {
  const std::vector<double> rates = timetable(config);
  for (int e = epoch + 1; e <= static_cast<int>(rates.size()); ++e) {
    const double before = e == 1 ? make_scheduler(config)->initial_lr() : rates[e - 2];
    if (rates[e - 1] < before) return e;
  }
  return 0;
}

std::vector<int> cut_epochs(const TrainerConfig& config) {
  const std::vector<double> rates = timetable(config);
  std::vector<int> cuts;
  if (rates.empty()) return cuts;
  double before = make_scheduler(config)->initial_lr();
  for (int e = 1; e <= static_cast<int>(rates.size()); ++e) {
    if (rates[e - 1] < before) cuts.push_back(e);
    before = rates[e - 1];
  }
  return cuts;
}

std::string step_rule(const TrainerConfig& c) {
  std::string rule =
      "rate \u00d7 " + shortest_text(c.gamma) + " every " + count_of(c.step_size, "epoch");
  if (c.warmup > 0) rule += " after a " + std::to_string(c.warmup) + "-epoch warm-up";
  // Where the cuts fall in the run's epochs: the warm-up shifts them all.
  std::string cuts;
  int shown = 0;
  for (int e = c.warmup + c.step_size; e <= c.epochs; e += c.step_size) {
    if (++shown > 4) {
      cuts += ", ...";
      break;
    }
    cuts += (cuts.empty() ? "" : ", ") + std::to_string(e);
  }
  rule += cuts.empty() ? " (no cut before the run ends)"
                       : (shown == 1 ? " (after epoch " : " (after epochs ") + cuts + ")";
  return rule;
}

PlateauOutlook plateau_outlook(const TrainerConfig& c, const SchedulerState& s) {
  PlateauOutlook out;
  const PlateauOptions& p = c.plateau;
  if (std::isfinite(s.best)) {
    out.has_threshold = true;
    const double sign = p.mode_max ? 1 : -1;  // PyTorch's _is_better
    out.threshold =
        p.threshold_abs ? s.best + sign * p.threshold : s.best * (1 + sign * p.threshold);
  }
  int bad = s.num_bad_epochs, cooldown = s.cooldown_counter;
  for (int epoch = s.last_epoch + 1; epoch <= c.epochs; ++epoch) {
    ++bad;  // the metric does not beat the best
    if (cooldown > 0) {
      --cooldown;
      bad = 0;
    }
    if (bad > p.patience) {
      out.cut_epoch = epoch;
      break;
    }
  }
  return out;
}

}  // namespace lrplay
