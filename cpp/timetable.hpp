// The numbers the page's scheduler panel shows, computed here so the page only displays them:
// the timetable of the epoch-based schedulers (warm-up included), StepLR's rule and next cut, and
// ReduceLROnPlateau's next cut and the value the metric must beat.
#pragma once

#include <string>
#include <vector>

#include "config.hpp"

namespace lrplay {

// `batches_per_epoch` is the run's optimizer steps per epoch (Trainer::batches_per_epoch(): 1 for
// the full batch, else the DataLoader's batch count). It counts only when the scheduler steps after
// every optimizer step (scheduler_step batch): then step_size, T_max, total_iters and the warm-up
// count batches, as PyTorch's schedulers count step() calls, and the rate moves inside epochs.

// The most scheduler steps a timetable takes: it steps the run's scheduler as the run will, and
// the page waits for it before the run's first epoch. A step costs ~16 ns (StepLR) to ~1 µs
// (CosineAnnealingLR, OneCycleLR: their correctly rounded cos) natively, so at most ~0.2 s.
constexpr int kMaxTimetableSteps = 200000;

// The run's rates and cuts in one pass, for the scheduler the run builds (a --schedule
// expression included): the scheduler is stepped once per optimizer step, so a long per-batch
// run's timetable costs as many steps as the run takes. No rates for ReduceLROnPlateau (it reads
// the metric), nor past kMaxTimetableSteps: then `unplanned` says why, as a sentence.
// A cut is a discrete event that lowers the rate (SchedulerEvent::cut(): a StepLR or MultiStepLR
// step, a hand-over to a lower rate), never a step along a smooth schedule: ExponentialLR,
// PolynomialLR or a ChainedScheduler of LinearLR and ExponentialLR lower the rate every epoch
// and have no cuts, and say so with `smooth`.
struct Timetable {
  std::string name;  // the PyTorch class at the root: StepLR, SequentialLR, ChainedScheduler...
  // The rate after each run epoch 1..config.epochs (index 0 is epoch 1), as the scheduler sets it
  // after the epoch's last step, warm-up included; empty for ReduceLROnPlateau and unplanned runs.
  std::vector<double> rates;
  std::vector<int> cuts;  // the run epochs in which (stepped per batch) or after which it cuts
  // Likewise the run epochs of a discrete event that raises the rate: a warm restart, ConstantLR's
  // end, a SequentialLR hand-over to a higher rate (a warm-up's end). An epoch with both a cut and
  // a rise (stepped per batch) is in both.
  std::vector<int> rises;
  // Those of the rises that are warm restarts (CosineAnnealingWarmRestarts back at its base rate,
  // alone or inside a SequentialLR), which the panel names as restarts.
  std::vector<int> restarts;
  bool smooth = false;  // some step moves the rate along a smooth schedule (kContinuous)
  std::string unplanned;
};
Timetable make_timetable(const TrainerConfig& config, int batches_per_epoch);

// Every run epoch after which the timetable cuts the rate (a discrete event that lowers it:
// make_timetable()'s cuts), in order.
std::vector<int> cut_epochs(const TrainerConfig& config, int batches_per_epoch);

// StepLR's rule in words, with the warm-up's shift: "rate × 0.1 every 30 epochs after a 10-epoch
// warm-up (after epochs 40, 70, 100)"; stepped per batch, in optimizer steps with the epochs the
// cuts fall in: "rate × 0.1 every 30 optimizer steps, 9 steps an epoch (cuts in epochs 4, 7, 10,
// 14, ...)".
std::string step_rule(const TrainerConfig& config, int batches_per_epoch);

struct PlateauOutlook {
  int cut_epoch = 0;  // the run epoch at which it cuts if the metric never beats `threshold`; 0 if
                      // not before the run ends
  bool has_threshold = false;  // false until a finite best exists: any finite value then beats it
  double threshold = 0;        // the metric must be below (mode min) or above (mode max) this
};

// From ReduceLROnPlateau's state after its last step (PyTorch's step(): a bad epoch counts, the
// cooldown zeroes the count, a count over patience cuts).
PlateauOutlook plateau_outlook(const TrainerConfig& config, const SchedulerState& state);

}  // namespace lrplay
