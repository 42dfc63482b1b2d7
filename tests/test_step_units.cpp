// What the schedulers' reasons count in (StepUnit, cpp/scheduler.hpp): epochs when the run steps
// the scheduler once an epoch, optimizer steps when it steps it after every batch (PyTorch's
// last_epoch counts step() calls either way), set by make_scheduler down to SequentialLR's and
// ChainedScheduler's schedulers; and a per-batch epoch's record, which says every discrete event
// of its steps (cpp/trainer.cpp, epoch_reason in cpp/scheduler.cpp).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "actors_print.hpp"
#include "dataset.hpp"
#include "make_scheduler.hpp"
#include "trainer.hpp"

namespace lrplay {
namespace {

using Settings = std::initializer_list<std::pair<const char*, const char*>>;

TrainerConfig with(Settings settings, Settings more = {}) {
  TrainerConfig c;
  for (const auto& [key, value] : settings) set_option(c, key, value);
  for (const auto& [key, value] : more) set_option(c, key, value);
  validate(c);
  return c;
}

// The lesson's `batches` try-it: standardized wines in batches of 16 (142 samples: 9 optimizer
// steps an epoch), the scheduler stepped after each.
const Settings kBatches = {
    {"standardize", "true"}, {"batch_size", "16"}, {"scheduler_step", "batch"}, {"epochs", "10"}};

std::vector<EpochRecord> run(const TrainerConfig& config) {
  static const Dataset wine = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv");
  Trainer trainer(config, wine);
  std::vector<EpochRecord> records;
  while (!trainer.finished()) records.push_back(trainer.step());
  return records;
}

// The reasons of the first `steps` steps of the scheduler make_scheduler builds for a run of
// `run_steps` scheduler steps, by step number (reasons[0] unused).
std::vector<std::string> reasons(const TrainerConfig& config, int run_steps, int steps) {
  auto schedule = make_scheduler(config, optimizer_group(config), run_steps);
  std::vector<std::string> out(1);
  for (int i = 0; i < steps; ++i) out.push_back(schedule->step(0.0).reason);
  return out;
}

// The try-it's StepLR(step_size=30) cuts after the run's 30th, 60th and 90th steps, inside epochs
// 4, 7 and 10. Each cut's epoch gives the cut's reason, in optimizer steps; the old record took
// the epoch's last step's reason, empty (that step kept the rate), and would have said "every 30
// epochs (epoch 30)" at epoch 4.
TEST(StepUnits, APerBatchStepLrCutsEpochSaysWhyInOptimizerSteps) {
  std::vector<std::pair<int, std::string>> cuts;
  for (const EpochRecord& r : run(with(kBatches, {{"scheduler", "step"}}))) {
    if (r.event.kind == EventKind::kDiscrete) cuts.emplace_back(r.epoch, r.event.reason);
  }
  const std::string rule = "StepLR multiplies the rate by gamma = 0.1 every 30 optimizer steps";
  EXPECT_EQ(cuts,
            (std::vector<std::pair<int, std::string>>{
                {4, rule + " (step 30)"}, {7, rule + " (step 60)"}, {10, rule + " (step 90)"}}));
}

// T_0 = 20 steps: restarts after the run's 20th, 40th, 60th and 80th steps, inside epochs 3, 5, 7
// and 9, each epoch's first restart named as its reason; an epoch without one gives its last
// step's place on the cosine, where the rate it shows was set (epoch 2: steps 10 to 18).
TEST(StepUnits, APerBatchWarmRestartsEpochSaysWhyInOptimizerSteps) {
  const auto records = run(with(kBatches, {{"scheduler", "cosine-restarts"}, {"t_0", "20"}}));
  std::vector<std::pair<int, std::string>> restarts;
  for (const EpochRecord& r : records) {
    if (r.event.kind == EventKind::kRestart) restarts.emplace_back(r.epoch, r.event.reason);
  }
  const std::string restart =
      "CosineAnnealingWarmRestarts restarts at the base rate 0.1; the next cosine lasts T_i = 20 "
      "optimizer steps";
  EXPECT_EQ(restarts, (std::vector<std::pair<int, std::string>>{{3, restart + " (step 20)"},
                                                                {5, restart + " (step 40)"},
                                                                {7, restart + " (step 60)"},
                                                                {9, restart + " (step 80)"}}));
  EXPECT_EQ(records[1].event.kind, EventKind::kContinuous);
  EXPECT_EQ(records[1].event.reason,
            "CosineAnnealingWarmRestarts follows a cosine from 0.1 toward eta_min = 0 (step 18 of "
            "20 in this cosine, step 18)");
}

// OneCycleLR counts its total_steps in whatever step() is: 60 optimizer steps (12 epochs of 5
// batches of 32), or 100 epochs. A per-batch epoch's reason is its last step's, which set the rate
// the record shows: epoch 4 (steps 16 to 20) passes the peak and ends annealing.
TEST(StepUnits, OneCycleLrCountsOptimizerStepsOrEpochs) {
  const auto batched = run(with({{"scheduler", "onecycle"},
                                 {"batch_size", "32"},
                                 {"scheduler_step", "batch"},
                                 {"epochs", "12"}}));
  EXPECT_EQ(batched[0].event.reason, "OneCycleLR warms up toward max_lr 0.1 (step 5 of 60)");
  EXPECT_EQ(batched[3].event.reason,
            "OneCycleLR anneals toward the final rate 4e-7 (step 20 of 60)");
  EXPECT_EQ(batched[11].event.reason,
            "OneCycleLR anneals toward the final rate 4e-7 (step 60 of 60)");
  const auto epochs = run(with({{"scheduler", "onecycle"}}));
  EXPECT_EQ(epochs[9].event.reason, "OneCycleLR warms up toward max_lr 0.1 (epoch 10 of 100)");
}

// Every class's lengths and positions, per optimizer step and per epoch, as make_scheduler sets
// them: 90 steps of 10 epochs is per batch; per epoch the texts are the ones the page always had.
TEST(StepUnits, EachSchedulerNamesItsStepUnit) {
  const auto per_batch = [](Settings settings, int steps) {
    return reasons(with(kBatches, settings), 90, steps);
  };
  const auto per_epoch = [](Settings settings, int steps) {
    return reasons(with(settings, {{"epochs", "90"}}), 90, steps);
  };
  const Settings multistep = {{"scheduler", "multistep"}, {"milestones", "20,50"}};
  EXPECT_EQ(per_batch(multistep, 20)[20],
            "MultiStepLR multiplies the rate by gamma = 0.1 at milestone 20 (step 20)");
  EXPECT_EQ(per_epoch(multistep, 20)[20],
            "MultiStepLR multiplies the rate by gamma = 0.1 at milestone 20 (epoch 20)");
  const Settings cosine = {{"scheduler", "cosine"}, {"t_max", "50"}};
  EXPECT_EQ(per_batch(cosine, 50)[1],
            "CosineAnnealingLR follows half a cosine from 0.1 to eta_min = 0 over T_max = 50 "
            "optimizer steps (step 1 of 50)");
  EXPECT_EQ(per_batch(cosine, 50)[50],
            "CosineAnnealingLR reaches eta_min = 0 at T_max = 50 (step 50)");
  EXPECT_EQ(per_epoch(cosine, 1)[1],
            "CosineAnnealingLR follows half a cosine from 0.1 to eta_min = 0 over T_max = 50 "
            "epochs (epoch 1 of 50)");
  EXPECT_EQ(per_batch({{"scheduler", "exp"}}, 1)[1],
            "ExponentialLR multiplies the rate by gamma = 0.95 every optimizer step");
  EXPECT_EQ(per_epoch({{"scheduler", "exp"}}, 1)[1],
            "ExponentialLR multiplies the rate by gamma = 0.95 every epoch");
  const Settings poly = {{"scheduler", "poly"}, {"total_iters", "5"}};
  EXPECT_EQ(per_batch(poly, 5)[1],
            "PolynomialLR decays the base rate along (1 - t / 5)^1 (step 1)");
  EXPECT_EQ(per_batch(poly, 5)[5], "PolynomialLR reaches 0 at total_iters = 5 (step 5)");
  const Settings cyclic = {{"scheduler", "cyclic"}, {"step_size_up", "5"}};
  EXPECT_EQ(per_batch(cyclic, 1)[1],
            "CyclicLR climbs toward max_lr = 0.1 in cycle 1 (triangular, step 1)");
  EXPECT_EQ(per_epoch(cyclic, 1)[1],
            "CyclicLR climbs toward max_lr = 0.1 in cycle 1 (triangular, epoch 1)");

  // A warm-up is a SequentialLR of LinearLR and the chosen scheduler: both count optimizer steps.
  const auto warm = per_batch({{"scheduler", "step"}, {"warmup", "10"}}, 40);
  EXPECT_EQ(warm[1], "LinearLR warms up linearly, to factor 0.4 of the base rate for step 2 of 10");
  EXPECT_EQ(warm[10],
            "StepLR takes over from LinearLR at SequentialLR's milestone 10, starting again from "
            "its step 0 (rate 0.1)");
  EXPECT_EQ(warm[40],
            "StepLR multiplies the rate by gamma = 0.1 every 30 optimizer steps (step 40, its step "
            "30 since it took over at step 10)");

  // A typed ChainedScheduler's schedulers too.
  const Settings chained = {
      {"schedule",
       "ChainedScheduler([ConstantLR(factor=0.5, total_iters=3), ExponentialLR(gamma=0.9)])"}};
  EXPECT_EQ(
      per_batch(chained, 3)[3],
      "ConstantLR stops multiplying the rate by factor = 0.5 after total_iters = 3 optimizer "
      "steps (step 3); ExponentialLR multiplies the rate by gamma = 0.9 every optimizer step");
  EXPECT_EQ(per_epoch(chained, 3)[3],
            "ConstantLR stops multiplying the rate by factor = 0.5 after total_iters = 3 epochs "
            "(epoch 3); ExponentialLR multiplies the rate by gamma = 0.9 every epoch");
}

// One batch an epoch (the full batch) stepped "per batch" steps once an epoch: its reasons count
// epochs, as the page's timetable does.
TEST(StepUnits, OneBatchAnEpochCountsEpochs) {
  const auto records = run(with(
      {{"scheduler", "step"}, {"step_size", "3"}, {"scheduler_step", "batch"}, {"epochs", "3"}}));
  EXPECT_EQ(records[2].event.reason,
            "StepLR multiplies the rate by gamma = 0.1 every 3 epochs (epoch 3)");
}

// A per-batch epoch's kind and actors are its deciding step's, and its reason says every
// discrete event: with StepLR(step_size=3) in a ChainedScheduler with ExponentialLR, the 3rd, 6th
// and 9th of an epoch's 9 steps cut (discrete changes among continuous ones), not only the 3rd;
// ExponentialLR alone moved the rate in the steps between. (The old record said the 3rd's alone.)
TEST(StepUnits, APerBatchEpochCarriesItsFirstStrongestStepsReason) {
  const auto records = run(with(
      kBatches,
      {{"schedule", "ChainedScheduler([StepLR(step_size=3, gamma=0.5), ExponentialLR(gamma=0.9)])"},
       {"epochs", "1"}}));
  const SchedulerEvent& e = records[0].event;
  EXPECT_EQ(e.kind, EventKind::kDiscrete);
  EXPECT_EQ(e.actors, (Actors{"StepLR", "ExponentialLR"}));
  EXPECT_EQ(e.reason,
            "StepLR multiplies the rate by gamma = 0.5 every 3 optimizer steps (3 times in this "
            "epoch: steps 3, 6, 9); ExponentialLR multiplies the rate by gamma = 0.9 every "
            "optimizer step");
}

// StepLR(step_size=10) stepped after each of 48 batches of 3 cuts 4 times in epoch 1 and 5 times
// in epoch 2: the record says each cut's step, not only the first's (the old record said "(step
// 10)" for a rate 10,000 times lower). Past five steps the list keeps the first three and the
// last.
TEST(StepUnits, APerBatchEpochWithSeveralCutsSaysEveryCut) {
  const Settings batches_of_3 = {{"batch_size", "3"}, {"scheduler_step", "batch"}};
  const auto tens =
      run(with(batches_of_3, {{"scheduler", "step"}, {"step_size", "10"}, {"epochs", "2"}}));
  EXPECT_EQ(tens[0].event.kind, EventKind::kDiscrete);
  EXPECT_EQ(tens[0].event.reason,
            "StepLR multiplies the rate by gamma = 0.1 every 10 optimizer steps (4 times in this "
            "epoch: steps 10, 20, 30, 40)");
  EXPECT_EQ(tens[1].event.reason,
            "StepLR multiplies the rate by gamma = 0.1 every 10 optimizer steps (5 times in this "
            "epoch: steps 50, 60, 70, 80, 90)");
  const auto fives =
      run(with(batches_of_3, {{"scheduler", "step"}, {"step_size", "5"}, {"epochs", "1"}}));
  EXPECT_EQ(fives[0].event.reason,
            "StepLR multiplies the rate by gamma = 0.1 every 5 optimizer steps (9 times in this "
            "epoch: steps 5, 10, 15, ..., 45)");
}

// The record counts its discrete events, which its event shows as one change (the rate chart's
// stair label says how many: web/src/model/events.js): 4 and 5 cuts in those epochs, 9 with
// step_size 5; a warm-up's end and two cuts in one epoch are 3; stepped per epoch, 1 at a cut,
// 0 between. (The old record had no count: "÷10000 step" read as one cut.)
TEST(StepUnits, AnEpochRecordCountsItsDiscreteEvents) {
  const Settings batches_of_3 = {{"batch_size", "3"}, {"scheduler_step", "batch"}};
  const auto counts = [](const std::vector<EpochRecord>& records) {
    std::vector<int> out;
    for (const EpochRecord& r : records) out.push_back(r.discrete_events);
    return out;
  };
  EXPECT_EQ(counts(run(
                with(batches_of_3, {{"scheduler", "step"}, {"step_size", "10"}, {"epochs", "2"}}))),
            (std::vector<int>{4, 5}));
  EXPECT_EQ(
      counts(run(with(batches_of_3, {{"scheduler", "step"}, {"step_size", "5"}, {"epochs", "1"}}))),
      (std::vector<int>{9}));
  EXPECT_EQ(counts(run(with(
                kBatches,
                {{"scheduler", "step"}, {"step_size", "3"}, {"warmup", "10"}, {"epochs", "2"}}))),
            (std::vector<int>{0, 3}));
  EXPECT_EQ(counts(run(with({{"scheduler", "step"}, {"step_size", "3"}, {"epochs", "7"}}))),
            (std::vector<int>{0, 0, 1, 0, 0, 1, 0}));
  // A smooth schedule's steps are no discrete events.
  EXPECT_EQ(counts(run(with(kBatches, {{"scheduler", "onecycle"}, {"epochs", "2"}}))),
            (std::vector<int>{0, 0}));
}

// A discrete event's reason keeps where it says its step, as numbers (StepSaid): the run's
// position and the offset of its scheduler's own count, and where the words are, so an epoch of
// several is said from the numbers (epoch_reason) by the code that wrote each (steps_said), not by
// finding " (step " in the text (the old epoch_reason's way, which any rewording could break).
TEST(StepUnits, ADiscreteReasonKeepsItsStepAsNumbers) {
  const auto said_of = [](const TrainerConfig& config, int steps) {
    auto schedule = make_scheduler(config, optimizer_group(config), 90);
    SchedulerEvent e;
    for (int i = 0; i < steps; ++i) e = schedule->step(0.0);
    return e;
  };
  const SchedulerEvent cut = said_of(with(kBatches, {{"scheduler", "step"}}), 30);
  EXPECT_EQ(cut.said.position, 30);
  EXPECT_EQ(cut.said.offset, 0);
  EXPECT_EQ(cut.reason.substr(0, cut.said.at),
            "StepLR multiplies the rate by gamma = 0.1 every 30 optimizer steps");
  EXPECT_EQ(cut.reason.substr(cut.said.at, cut.said.length), " (step 30)");

  // Behind a warm-up's milestone: the run's step 40, its own 30.
  const SchedulerEvent behind =
      said_of(with(kBatches, {{"scheduler", "step"}, {"warmup", "10"}}), 40);
  EXPECT_EQ(behind.said.position, 40);
  EXPECT_EQ(behind.said.offset, 10);
  EXPECT_EQ(behind.reason.substr(behind.said.at, behind.said.length),
            " (step 40, its step 30 since it took over at step 10)");
  const long long at_40 = 40;
  EXPECT_EQ(steps_said(StepUnit::kOptimizerStep, &at_40, 1, 10),
            " (step 40, its step 30 since it took over at step 10)");

  // In a ChainedScheduler's joined reasons, the last child's that says one (here the only one).
  const SchedulerEvent chained = said_of(
      with(kBatches,
           {{"schedule", "ChainedScheduler([ExponentialLR(gamma=0.9), StepLR(step_size=3)])"}}),
      6);
  EXPECT_EQ(chained.said.position, 6);
  EXPECT_EQ(chained.reason.substr(0, chained.said.at),
            "ExponentialLR multiplies the rate by gamma = 0.9 every optimizer step; StepLR "
            "multiplies the rate by gamma = 0.1 every 3 optimizer steps");
  EXPECT_EQ(chained.reason.substr(chained.said.at), " (step 6)");

  // A smooth step's place on its curve is said with its length (`of`), which a list of steps
  // would not say (epoch_reason); a hand-over is not a step said.
  const SchedulerEvent smooth = said_of(with(kBatches, {{"scheduler", "onecycle"}}), 5);
  EXPECT_EQ(smooth.said.of, 90);
  EXPECT_EQ(smooth.reason.substr(smooth.said.at), " (step 5 of 90)");
  EXPECT_EQ(said_of(with(kBatches, {{"scheduler", "step"}, {"warmup", "10"}}), 10).said.at,
            std::string::npos);

  // Several in one epoch, from the numbers: past five, the first three and the last.
  const std::vector<long long> steps = {13, 23, 33, 43, 53, 63};
  EXPECT_EQ(steps_said(StepUnit::kOptimizerStep, steps.data(), 2, 3),
            " (2 times in this epoch: steps 13, 23; its steps 10, 20 since it took over at step "
            "3)");
  EXPECT_EQ(steps_said(StepUnit::kEpoch, steps.data(), steps.size(), 0),
            " (6 times in this epoch: epochs 13, 23, 33, ..., 63)");
}

// The status line says a change's epoch itself ("StepLR cut the rate at epoch 10 (0.1 -> 0.01): it
// multiplies ..."): the record's reason as said after it, from the numbers of the step said
// (StepSaid), leaves the run's epoch out and keeps the scheduler's own count where it says more.
// The page's old sentence removed them from the reason with regexes, which a rewording of the
// reason would have silently broken.
TEST(StepUnits, AReasonAfterItsEpochLeavesTheRunsEpochOut) {
  const auto after = [](const Settings& settings, int epoch, const Settings& more = {}) {
    static const Dataset wine = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv");
    Trainer trainer(with(settings, more), wine);
    for (int i = 1; i < epoch; ++i) trainer.step();
    const EpochRecord& r = trainer.step();
    EXPECT_TRUE(r.event.changed()) << "epoch " << epoch;
    return reason_after_epoch(r.event, trainer.step_unit());
  };
  EXPECT_EQ(after({{"scheduler", "step"}, {"step_size", "7"}, {"epochs", "7"}}, 7),
            "it multiplies the rate by gamma = 0.1 every 7 epochs");
  // Behind a warm-up, its own count: "(epoch 10, its epoch 7 since ...)" in the reason.
  EXPECT_EQ(
      after({{"scheduler", "step"}, {"step_size", "7"}, {"warmup", "3"}, {"epochs", "10"}}, 10),
      "it multiplies the rate by gamma = 0.1 every 7 epochs (its epoch 7 since it took over at "
      "epoch 3)");
  // Said with its length, the position stays; behind a warm-up, its own count with it.
  EXPECT_EQ(after({{"scheduler", "cosine"}, {"t_max", "10"}, {"epochs", "3"}}, 3),
            "it follows half a cosine from 0.1 to eta_min = 0 over T_max = 10 epochs (epoch 3 of "
            "10)");
  EXPECT_EQ(after({{"scheduler", "cosine"},
                   {"t_max", "10"},
                   {"warmup", "3"},
                   {"standardize", "true"},
                   {"epochs", "10"}},
                  10),
            "it follows half a cosine from 0.1 to eta_min = 0 over T_max = 10 epochs (its epoch 7 "
            "of 10 since it took over at epoch 3)");
  EXPECT_EQ(after({{"scheduler", "exp"}, {"gamma", "0.9"}, {"epochs", "2"}}, 2),
            "it multiplies the rate by gamma = 0.9 every epoch");
  // Stepped after the one batch of a full-batch epoch, the same (its step is an epoch).
  EXPECT_EQ(after({{"scheduler", "step"}, {"step_size", "7"}, {"epochs", "7"}}, 7,
                  {{"scheduler_step", "batch"}}),
            "it multiplies the rate by gamma = 0.1 every 7 epochs");
  // Stepped per batch, the step that cut is news: kept.
  EXPECT_EQ(after(kBatches, 4, {{"scheduler", "step"}}),
            "it multiplies the rate by gamma = 0.1 every 30 optimizer steps (step 30)");
  // Two actors: each reason names its own.
  EXPECT_EQ(after({{"schedule", "ChainedScheduler([StepLR(step_size=2), ExponentialLR(0.9)])"},
                   {"epochs", "2"}},
                  2),
            "StepLR multiplies the rate by gamma = 0.1 every 2 epochs; ExponentialLR multiplies "
            "the rate by gamma = 0.9 every epoch");
}

// Different events in one epoch are joined in order: MultiStepLR's milestones 20 and 25 both
// fall in epoch 3 (steps 19 to 27); a warm-up's end and the next scheduler's cuts in one epoch;
// past three different reasons, the rest are counted.
TEST(StepUnits, APerBatchEpochJoinsItsDifferentEvents) {
  const auto milestones =
      run(with(kBatches, {{"scheduler", "multistep"}, {"milestones", "20,25"}, {"epochs", "3"}}));
  EXPECT_EQ(milestones[2].event.reason,
            "MultiStepLR multiplies the rate by gamma = 0.1 at milestone 20 (step 20); "
            "MultiStepLR multiplies the rate by gamma = 0.1 at milestone 25 (step 25)");

  // Steps 10 to 18: LinearLR hands over at step 10, then StepLR cuts at its own steps 3 and 6,
  // the run's 13 and 16.
  const auto warm = run(with(
      kBatches, {{"scheduler", "step"}, {"step_size", "3"}, {"warmup", "10"}, {"epochs", "2"}}));
  EXPECT_EQ(warm[1].event.kind, EventKind::kWarmUpEnd);
  EXPECT_EQ(warm[1].event.reason,
            "StepLR takes over from LinearLR at SequentialLR's milestone 10, starting again from "
            "its step 0 (rate 0.1); StepLR multiplies the rate by gamma = 0.1 every 3 optimizer "
            "steps (2 times in this epoch: steps 13, 16; its steps 3, 6 since it took over at "
            "step 10)");

  const auto many = run(
      with(kBatches, {{"scheduler", "multistep"}, {"milestones", "1,2,3,4,5"}, {"epochs", "1"}}));
  EXPECT_EQ(many[0].event.reason,
            "MultiStepLR multiplies the rate by gamma = 0.1 at milestone 1 (step 1); MultiStepLR "
            "multiplies the rate by gamma = 0.1 at milestone 2 (step 2); MultiStepLR multiplies "
            "the rate by gamma = 0.1 at milestone 3 (step 3); and 2 more changes in this epoch");
}

// A scheduler behind a SequentialLR milestone counts its steps from 0 again (PyTorch calls its
// step(0)); its reasons give the run's position first, which the page's status line and tooltip
// title use, then its own count. The first scheduler's, whose count is the run's, stay as they
// were. (The old reasons gave its own count alone: "(epoch 2)" for the run's epoch 9.)
TEST(StepUnits, BehindAMilestoneReasonsGiveTheRunsPositionAndTheirOwn) {
  const Settings three = {{"schedule",
                           "SequentialLR([StepLR(step_size=2), MultiStepLR(milestones=[2]), "
                           "CosineAnnealingLR(T_max=4)], milestones=[3, 7])"}};
  const auto epochs = reasons(with(three, {{"epochs", "12"}}), 12, 9);
  EXPECT_EQ(epochs[2], "StepLR multiplies the rate by gamma = 0.1 every 2 epochs (epoch 2)");
  EXPECT_EQ(epochs[5],
            "MultiStepLR multiplies the rate by gamma = 0.1 at milestone 2 (epoch 5, its epoch 2 "
            "since it took over at epoch 3)");
  EXPECT_EQ(epochs[9],
            "CosineAnnealingLR follows half a cosine from 0.1 to eta_min = 0 over T_max = 4 epochs "
            "(epoch 9, its epoch 2 of 4 since it took over at epoch 7)");
  const auto steps = reasons(with(kBatches, three), 90, 9);
  EXPECT_EQ(steps[5],
            "MultiStepLR multiplies the rate by gamma = 0.1 at milestone 2 (step 5, its step 2 "
            "since it took over at step 3)");

  // A LinearLR behind a milestone, counting the step it sets the rate for.
  const auto decay = reasons(
      with({{"schedule",
             "SequentialLR([ConstantLR(factor=0.5, total_iters=2), LinearLR(start_factor=1.0, "
             "end_factor=0.5, total_iters=4)], milestones=[2])"},
            {"epochs", "10"}}),
      10, 3);
  EXPECT_EQ(decay[3],
            "LinearLR decays linearly, to factor 0.875 of the base rate for epoch 4, its epoch 2 "
            "of 4 since it took over at epoch 2");

  // A ChainedScheduler first in a SequentialLR counts the run's steps: its children's reasons as
  // before.
  const auto chained = reasons(with({{"schedule",
                                      "SequentialLR([ChainedScheduler([StepLR(step_size=2), "
                                      "ExponentialLR(gamma=0.9)]), StepLR(step_size=2)], "
                                      "milestones=[3])"},
                                     {"epochs", "10"}}),
                               10, 5);
  EXPECT_EQ(chained[2],
            "StepLR multiplies the rate by gamma = 0.1 every 2 epochs (epoch 2); ExponentialLR "
            "multiplies the rate by gamma = 0.9 every epoch");
  EXPECT_EQ(chained[5],
            "StepLR multiplies the rate by gamma = 0.1 every 2 epochs (epoch 5, its epoch 2 since "
            "it took over at epoch 3)");

  // A SequentialLR first in a SequentialLR counts one step ahead of the run (the outer one's
  // _initial_step() steps it again, as PyTorch's does): its milestone 3 is the run's epoch 2.
  const auto nested =
      reasons(with({{"schedule",
                     "SequentialLR([SequentialLR([ConstantLR(factor=0.5, total_iters=10), "
                     "StepLR(step_size=2)], milestones=[3]), ExponentialLR(0.9)], milestones=[8])"},
                    {"epochs", "10"}}),
              10, 4);
  EXPECT_EQ(nested[4],
            "StepLR multiplies the rate by gamma = 0.1 every 2 epochs (epoch 4, its epoch 2 since "
            "it took over at epoch 2)");
}

// The hand-over at that inner milestone 3, the run's epoch 2, says the run's epoch beside its
// own milestone; the outer one's hand-over at its milestone 8, the run's epoch 8, is said as
// any. (The old sentence gave the milestone alone, at the run's epoch 2: one ahead.)
TEST(StepUnits, ANestedSequentialLrsHandOverSaysTheRunsPosition) {
  const Settings nested = {
      {"schedule",
       "SequentialLR([SequentialLR([LinearLR(start_factor=0.5, total_iters=2), "
       "StepLR(step_size=2)], milestones=[3]), ExponentialLR(0.9)], milestones=[8])"}};
  const auto epochs = reasons(with(nested, {{"epochs", "10"}}), 10, 8);
  EXPECT_EQ(epochs[2],
            "StepLR takes over from LinearLR at SequentialLR's milestone 3, the run's epoch 2 (an "
            "outer SequentialLR's start stepped its count ahead), starting again from its epoch 0 "
            "(rate 0.1)");
  EXPECT_EQ(epochs[8],
            "ExponentialLR takes over from SequentialLR at SequentialLR's milestone 8, starting "
            "again from its epoch 0 (rate 0.1)");
  const auto steps = reasons(with(kBatches, nested), 90, 2);
  EXPECT_EQ(steps[2],
            "StepLR takes over from LinearLR at SequentialLR's milestone 3, the run's step 2 (an "
            "outer SequentialLR's start stepped its count ahead), starting again from its step 0 "
            "(rate 0.1)");
}

}  // namespace
}  // namespace lrplay
