// Timetables, StepLR's rule and ReduceLROnPlateau's next cut (cpp/timetable.*).
#include <gtest/gtest.h>

#include <cmath>

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
      timetable(with({{"scheduler", "exp"}, {"lr", "0.1"}, {"gamma", "0.95"}, {"warmup", "10"}}));
  ASSERT_EQ(rates.size(), 100u);
  EXPECT_NEAR(rates[99], 0.1 * std::pow(0.95, 90), 1e-15);
  EXPECT_NEAR(rates[99], 9.888e-4, 1e-7);
  EXPECT_EQ(rates[9], 0.1);  // the milestone: the initial rate
  const auto plain = timetable(with({{"scheduler", "exp"}, {"lr", "0.1"}, {"gamma", "0.95"}}));
  EXPECT_NEAR(plain[99], 5.92e-4, 1e-6);
}

TEST(Timetable, MatchesTheSchedulerTheTrainerSteps) {
  const TrainerConfig c = with({{"scheduler", "cosine"}, {"warmup", "5"}, {"epochs", "30"}});
  auto scheduler = make_scheduler(c);
  const auto rates = timetable(c);
  for (double rate : rates) EXPECT_EQ(rate, scheduler->step(0.0).lr_after);
  EXPECT_TRUE(timetable(TrainerConfig{}).empty());  // plateau reads the metric
}

TEST(Timetable, StepNextCutAndRuleShiftWithTheWarmup) {
  const TrainerConfig plain = with({{"scheduler", "step"}});
  EXPECT_EQ(next_cut(plain, 0), 30);
  EXPECT_EQ(next_cut(plain, 30), 60);
  EXPECT_EQ(next_cut(plain, 90), 0);  // none before epoch 100 ends the run
  EXPECT_EQ(step_rule(plain), "rate \u00d7 0.1 every 30 epochs (after epochs 30, 60, 90)");
  const TrainerConfig warm = with({{"scheduler", "step"}, {"warmup", "10"}});
  EXPECT_EQ(next_cut(warm, 0), 40);  // the warm-up's rising epochs are not cuts
  EXPECT_EQ(next_cut(warm, 40), 70);
  EXPECT_EQ(step_rule(warm),
            "rate \u00d7 0.1 every 30 epochs after a 10-epoch warm-up (after epochs 40, 70, 100)");
  const TrainerConfig every = with({{"scheduler", "step"}, {"step_size", "1"}, {"epochs", "2"}});
  EXPECT_EQ(step_rule(every), "rate \u00d7 0.1 every 1 epoch (after epochs 1, 2)");
}

TEST(Timetable, CutEpochsAreTheNextCutChain) {
  // The page's list of cuts, in one pass: the same epochs as next_cut() chained from epoch 0.
  for (const TrainerConfig& c :
       {with({{"scheduler", "step"}, {"warmup", "10"}}), with({{"scheduler", "exp"}}),
        with({{"scheduler", "cosine"}, {"epochs", "40"}, {"t_max", "15"}}),
        with({{"scheduler", "onecycle"}, {"epochs", "30"}}), TrainerConfig{}}) {
    std::vector<int> chain;
    for (int e = next_cut(c, 0); e > 0; e = next_cut(c, e)) chain.push_back(e);
    EXPECT_EQ(cut_epochs(c), chain);
  }
  EXPECT_EQ(cut_epochs(with({{"scheduler", "step"}})), (std::vector<int>{30, 60, 90}));
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
