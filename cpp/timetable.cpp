#include "timetable.hpp"

#include <cmath>

#include "make_scheduler.hpp"
#include "sched_plateau.hpp"
#include "text.hpp"

namespace lrplay {

namespace {

// The scheduler the trainer builds for these settings and this batch count.
std::unique_ptr<LrSchedule> run_scheduler(const TrainerConfig& config, int batches_per_epoch) {
  return make_scheduler(config, optimizer_group(config),
                        scheduler_steps(config, batches_per_epoch));
}

}  // namespace

Timetable make_timetable(const TrainerConfig& config, int batches_per_epoch) {
  Timetable table;
  auto scheduler = run_scheduler(config, batches_per_epoch);
  table.name = scheduler->name();
  if (dynamic_cast<const ReduceLROnPlateau*>(&scheduler->root())) return table;
  const int total = scheduler_steps(config, batches_per_epoch);
  if (total > kMaxTimetableSteps) {
    table.unplanned = "This run steps the scheduler " + count_text(total) +
                      " times; its rates are worked out ahead for runs of at most " +
                      count_text(kMaxTimetableSteps) + " steps.";
    return table;
  }
  const int steps = scheduler_steps_per_epoch(config, batches_per_epoch);
  table.rates.reserve(config.epochs);
  for (int epoch = 1; epoch <= config.epochs; ++epoch) {
    double lr = 0;
    bool cut = false, rise = false, restart = false;
    for (int s = 0; s < steps; ++s) {
      const SchedulerEvent event = scheduler->step_unsaid(0.0);  // rates alone: no words
      lr = event.lr_after;
      cut = cut || event.cut();
      rise = rise || event.rise();
      restart = restart || (event.rise() && event.kind == EventKind::kRestart);
      table.smooth = table.smooth || event.kind == EventKind::kContinuous;
    }
    table.rates.push_back(lr);
    if (cut) table.cuts.push_back(epoch);
    if (rise) table.rises.push_back(epoch);
    if (restart) table.restarts.push_back(epoch);
  }
  return table;
}

std::vector<int> cut_epochs(const TrainerConfig& config, int batches_per_epoch) {
  return make_timetable(config, batches_per_epoch).cuts;
}

std::string step_rule(const TrainerConfig& c, int batches_per_epoch) {
  const int per_epoch = scheduler_steps_per_epoch(c, batches_per_epoch);
  // Stepped after every optimizer step, step_size and the warm-up count batches (PyTorch's
  // schedulers count step() calls), and a cut falls inside an epoch.
  const bool per_batch = c.scheduler_step == SchedulerStep::kBatch;
  const std::string unit = per_batch ? "optimizer step" : "epoch";
  std::string rule =
      "rate \u00d7 " + shortest_text(c.gamma) + " every " + count_of(c.step_size, unit);
  if (c.warmup > 0) {
    rule += " after a " + count_text(c.warmup) + (per_batch ? "-step" : "-epoch") + " warm-up";
  }
  if (per_batch) rule += ", " + count_of(per_epoch, "step") + " an epoch";
  // Too long a run for a timetable (make_timetable's unplanned): no cut epochs to name.
  if (per_batch && scheduler_steps(c, batches_per_epoch) > kMaxTimetableSteps) return rule;
  // Where the cuts fall in the run's epochs: the warm-up shifts them all. Stepped per batch, the
  // epochs whose end rate the timetable lowers.
  std::vector<int> epochs;
  if (per_batch) {
    epochs = cut_epochs(c, batches_per_epoch);
  } else {
    for (int e = c.warmup + c.step_size; e <= c.epochs; e += c.step_size) epochs.push_back(e);
  }
  std::string cuts;
  int shown = 0;
  for (int e : epochs) {
    if (++shown > 4) {
      cuts += ", ...";
      break;
    }
    cuts += (cuts.empty() ? "" : ", ") + std::to_string(e);
  }
  const char* where = per_batch ? " (cuts in epoch" : " (after epoch";
  rule += cuts.empty() ? " (no cut before the run ends)"
                       : where + std::string(shown == 1 ? " " : "s ") + cuts + ")";
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
