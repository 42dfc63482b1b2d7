// Timetables, StepLR's rule and ReduceLROnPlateau's next cut (cpp/timetable.*).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "cli/cli.hpp"
#include "dataset.hpp"
#include "make_scheduler.hpp"
#include "timetable.hpp"
#include "trainer.hpp"

namespace lrplay {
namespace {

TrainerConfig with(std::initializer_list<std::pair<const char*, const char*>> settings) {
  TrainerConfig c;
  for (const auto& [key, value] : settings) set_option(c, key, value);
  validate(c);
  return c;
}

// The defect: with a warm-up, ExponentialLR's rate after epoch 100 is lr * gamma^(100 - 10) (the
// warm-up's 10 epochs do not decay), 9.888e-4, not lr * gamma^100 = 5.92e-4.
TEST(Timetable, ExponentialWithWarmupCountsFromTheMilestone) {
  const auto rates =
      make_timetable(
          with({{"scheduler", "exp"}, {"lr", "0.1"}, {"gamma", "0.95"}, {"warmup", "10"}}), 1)
          .rates;
  ASSERT_EQ(rates.size(), 100u);
  EXPECT_NEAR(rates[99], 0.1 * std::pow(0.95, 90), 1e-15);
  EXPECT_NEAR(rates[99], 9.888e-4, 1e-7);
  EXPECT_EQ(rates[9], 0.1);  // the milestone: the initial rate
  const auto plain =
      make_timetable(with({{"scheduler", "exp"}, {"lr", "0.1"}, {"gamma", "0.95"}}), 1).rates;
  EXPECT_NEAR(plain[99], 5.92e-4, 1e-6);
}

TEST(Timetable, MatchesTheSchedulerTheTrainerSteps) {
  const TrainerConfig c = with({{"scheduler", "cosine"}, {"warmup", "5"}, {"epochs", "30"}});
  auto scheduler = make_scheduler(c);
  const auto rates = make_timetable(c, 1).rates;
  for (double rate : rates) EXPECT_EQ(rate, scheduler->step(0.0).lr_after);
  EXPECT_TRUE(make_timetable(TrainerConfig{}, 1).rates.empty());  // plateau reads the metric
}

TEST(Timetable, StepCutsAndRuleShiftWithTheWarmup) {
  const TrainerConfig plain = with({{"scheduler", "step"}});
  EXPECT_EQ(cut_epochs(plain, 1), (std::vector<int>{30, 60, 90}));  // none more by epoch 100
  EXPECT_EQ(step_rule(plain, 1), "rate \u00d7 0.1 every 30 epochs (after epochs 30, 60, 90)");
  const TrainerConfig warm = with({{"scheduler", "step"}, {"warmup", "10"}});
  // The warm-up's rising epochs are not cuts.
  EXPECT_EQ(cut_epochs(warm, 1), (std::vector<int>{40, 70, 100}));
  EXPECT_EQ(step_rule(warm, 1),
            "rate \u00d7 0.1 every 30 epochs after a 10-epoch warm-up (after epochs 40, 70, 100)");
  const TrainerConfig every = with({{"scheduler", "step"}, {"step_size", "1"}, {"epochs", "2"}});
  EXPECT_EQ(step_rule(every, 1), "rate \u00d7 0.1 every 1 epoch (after epochs 1, 2)");
  EXPECT_TRUE(cut_epochs(TrainerConfig{}, 1).empty());  // plateau reads the metric: no timetable
  // Counts grouped, the cut epochs (positions, in a comma-separated list) not: text.hpp's rule.
  const TrainerConfig long_run =
      with({{"scheduler", "step"}, {"step_size", "3000"}, {"warmup", "1000"}, {"epochs", "10000"}});
  EXPECT_EQ(step_rule(long_run, 1),
            "rate \u00d7 0.1 every 3,000 epochs after a 1,000-epoch warm-up (after epochs 4000, "
            "7000, 10000)");
}

// The lesson's `batches` try-it: StepLR(step_size=30) stepped after every one of the 9 batches an
// epoch of 142 standardized wines in 16s takes. step_size counts optimizer steps (PyTorch counts
// step() calls): the first cut falls in epoch 4 and the rate after epoch 100 (900 steps, 30 cuts)
// is 1e-31. The timetable said 30, 60, 90 and 0.0001, as if stepped per epoch.
TEST(Timetable, PerBatchSteppingIsWhatLrplayTrainPrints) {
  const std::vector<std::string> flags = {"--standardize", "--scheduler", "step",
                                          "--batch-size",  "16",          "--scheduler-step",
                                          "batch",         "--epochs",    "100"};
  std::vector<std::string> args = {"train", "--data",
                                   std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv"};
  args.insert(args.end(), flags.begin(), flags.end());
  std::istringstream in;
  std::ostringstream out, err;
  ASSERT_EQ(run_cli(args, in, out, err), 0) << err.str();
  std::vector<double> printed;  // the lr column: the shortest text that reads back as the rate
  std::istringstream rows(out.str());
  std::string row;
  std::getline(rows, row);  // the header
  while (std::getline(rows, row))
    printed.push_back(std::strtod(row.c_str() + row.rfind(',') + 1, nullptr));
  const TrainerConfig c = with({{"standardize", "true"},
                                {"scheduler", "step"},
                                {"batch_size", "16"},
                                {"scheduler_step", "batch"}});
  EXPECT_EQ(make_timetable(c, 9).rates, printed);
  EXPECT_NEAR(printed[99], 1e-31, 1e-45);
  EXPECT_EQ(cut_epochs(c, 9)[0], 4);  // the 30th batch
  EXPECT_EQ(cut_epochs(c, 9)[1], 7);  // the 60th
  EXPECT_EQ(step_rule(c, 9),
            "rate \u00d7 0.1 every 30 optimizer steps, 9 steps an epoch (cuts in epochs 4, 7, 10, "
            "14, ...)");
  // Stepped once per epoch, the batches do not count.
  TrainerConfig per_epoch = c;
  per_epoch.scheduler_step = SchedulerStep::kEpoch;
  EXPECT_EQ(step_rule(per_epoch, 9), "rate \u00d7 0.1 every 30 epochs (after epochs 30, 60, 90)");
  TrainerConfig warm = c;
  warm.warmup = 10;  // 10 optimizer steps: the cuts after steps 40, 70, 100, 130
  EXPECT_EQ(step_rule(warm, 9),
            "rate \u00d7 0.1 every 30 optimizer steps after a 10-step warm-up, 9 steps an epoch "
            "(cuts in epochs 5, 8, 12, 15, ...)");
}

// Every timetable scheduler stepped per batch, warm-up and OneCycleLR's total_steps (the run's
// optimizer steps) included: the timetable is the trainer's rate after each epoch.
TEST(Timetable, PerBatchSteppingIsTheTrainersRateAfterEachEpoch) {
  const Dataset wine = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv");
  for (const TrainerConfig& c :
       {with({{"scheduler", "exp"}, {"gamma", "0.99"}, {"warmup", "20"}}),
        with({{"scheduler", "cosine"}, {"t_max", "150"}}),
        with({{"scheduler", "linear"}, {"total_iters", "50"}}),
        with({{"scheduler", "onecycle"},
              {"max_lr", "0.1"},
              {"optimizer", "sgd"},
              {"momentum", "0.9"}}),
        with({{"scheduler", "multistep"}, {"milestones", "20,100"}, {"gamma", "0.5"}})}) {
    TrainerConfig batched = c;
    batched.epochs = 30;
    batched.batch_size = 32;
    batched.scheduler_step = SchedulerStep::kBatch;
    validate(batched);
    Trainer trainer(batched, wine);
    std::vector<double> run;
    while (!trainer.finished()) run.push_back(trainer.step().lr);
    SCOPED_TRACE(to_string(batched.scheduler));
    EXPECT_EQ(make_timetable(batched, trainer.batches_per_epoch()).rates, run);
  }
}

// A --schedule expression is the run's scheduler: its timetable is the trainer's, whatever the
// scheduler setting says (the chained try-it's panel read ReduceLROnPlateau, its preview
// "Illustrative"); one rooted at ReduceLROnPlateau reads the metric and has none.
TEST(Timetable, AScheduleExpressionIsTheRunsScheduler) {
  const Dataset wine = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv");
  const TrainerConfig chained = with(
      {{"schedule",
        "ChainedScheduler([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)])"},
       {"epochs", "30"}});
  Trainer trainer(chained, wine);
  std::vector<double> run;
  while (!trainer.finished()) run.push_back(trainer.step().lr);
  const Timetable table = make_timetable(chained, 1);
  EXPECT_EQ(table.name, "ChainedScheduler");
  EXPECT_EQ(table.rates, run);
  EXPECT_TRUE(table.unplanned.empty());
  const Timetable plateau =
      make_timetable(with({{"schedule", "ReduceLROnPlateau(patience=3)"}}), 1);
  EXPECT_EQ(plateau.name, "ReduceLROnPlateau");
  EXPECT_TRUE(plateau.rates.empty());
  EXPECT_TRUE(plateau.unplanned.empty());
}

// A timetable steps the scheduler as often as the run will: past kMaxTimetableSteps it is not
// worked out, and says so; StepLR's rule then names no cut epochs.
TEST(Timetable, ALongPerBatchRunIsNotPlannedAhead) {
  TrainerConfig c = with({{"scheduler", "step"}, {"epochs", "10000"}});
  c.scheduler_step = SchedulerStep::kBatch;
  const Timetable table = make_timetable(c, 21);  // 210,000 steps
  EXPECT_TRUE(table.rates.empty());
  EXPECT_EQ(
      table.unplanned,
      "This run steps the scheduler 210,000 times; its rates are worked out ahead for runs of "
      "at most 200,000 steps.");
  EXPECT_EQ(step_rule(c, 21), "rate \u00d7 0.1 every 30 optimizer steps, 21 steps an epoch");
  EXPECT_EQ(make_timetable(c, 20).rates.size(), 10000u);  // 200,000 steps: planned
}

// PyTorch counts steps in Python ints; a run's scheduler steps here are an int (OneCycleLR's
// total_steps), so a run past INT_MAX of them is refused, not wrapped.
TEST(Timetable, SchedulerStepsPastAnIntAreRefused) {
  TrainerConfig c = with({{"scheduler", "step"}, {"epochs", "10000"}});
  c.scheduler_step = SchedulerStep::kBatch;
  EXPECT_EQ(scheduler_steps(c, 214748), 2147480000);
  try {
    scheduler_steps(c, 300000);
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(
        e.what(),
        "epochs = 10000 of 300,000 optimizer steps (scheduler_step = batch) make "
        "3,000,000,000 scheduler steps; at most 2,147,483,647 are accepted: fewer epochs, a "
        "larger batch_size or scheduler_step = epoch");
  }
  c.scheduler_step = SchedulerStep::kEpoch;
  EXPECT_EQ(scheduler_steps(c, 300000), 10000);
}

TEST(PlateauOutlook, CutEpochAndThresholdFromTheState) {
  const TrainerConfig c = with({{"patience", "3"}, {"threshold", "0.01"}});
  ParamGroup group;
  group.lr = 0.1;
  ReduceLROnPlateau scheduler(group, c.plateau);
  scheduler.step(1.0);  // best 1.0
  PlateauOutlook o = plateau_outlook(c, scheduler.state());
  EXPECT_TRUE(o.has_threshold);
  EXPECT_DOUBLE_EQ(o.threshold, 0.99);  // rel, min: best * (1 - threshold)
  EXPECT_EQ(o.cut_epoch, 5);            // bad epochs 2, 3, 4, 5: the 4th > patience 3 cuts
  // Confirm by stepping: epochs 2..5 do not beat 0.99; the cut comes at 5.
  int cut = 0;
  for (int epoch = 2; epoch <= 5 && !cut; ++epoch) {
    if (scheduler.step(0.1, 0.995).changed()) cut = epoch;
  }
  EXPECT_EQ(cut, 5);
  // Max mode, absolute threshold, and a cooldown that delays the count.
  const TrainerConfig m = with({{"mode", "max"},
                                {"threshold_mode", "abs"},
                                {"threshold", "0.5"},
                                {"patience", "0"},
                                {"cooldown", "2"}});
  SchedulerState s;
  s.last_epoch = 10;
  s.best = 3;
  s.cooldown_counter = 2;
  o = plateau_outlook(m, s);
  EXPECT_DOUBLE_EQ(o.threshold, 3.5);
  EXPECT_EQ(o.cut_epoch, 13);
  // Before any step: no finite best yet.
  ParamGroup fresh;
  fresh.lr = 0.1;
  EXPECT_FALSE(plateau_outlook(c, ReduceLROnPlateau(fresh, c.plateau).state()).has_threshold);
  // Past the run's end: no cut.
  s.last_epoch = 99;
  EXPECT_EQ(plateau_outlook(m, s).cut_epoch, 0);
}

}  // namespace
}  // namespace lrplay
