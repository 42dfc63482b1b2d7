// The settings added for the new schedulers (settings_schema.cpp rows, make_scheduler.cpp): each
// bad value is refused with the setting's name, shared flags take the chosen scheduler's PyTorch
// default, and the run-level rules (OneCycleLR's total_steps, ReduceLROnPlateau per batch).
#include <gtest/gtest.h>

#include "config.hpp"
#include "make_scheduler.hpp"

namespace lrplay {
namespace {

// Sets `settings` in order, validates; returns the ConfigError's message or "accepted".
std::string error_of(const std::vector<std::pair<std::string, std::string>>& settings) {
  TrainerConfig c;
  try {
    for (const auto& [key, value] : settings) set_option(c, key, value);
    validate(c);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "accepted";
}

void expect_named(const std::string& scheduler, const std::string& key, const std::string& value) {
  const std::string msg = error_of({{"scheduler", scheduler}, {key, value}});
  EXPECT_NE(msg.find(key + " = "), std::string::npos)
      << scheduler << " " << key << "=" << value << ": " << msg;
}

TEST(SchedulerSettings, BadValuesNameTheSetting) {
  expect_named("multistep", "milestones", "0,10");
  expect_named("multistep", "gamma", "0");
  expect_named("constant", "factor", "0");
  expect_named("constant", "factor", "1.5");
  expect_named("constant", "total_iters", "0");
  expect_named("poly", "power", "-1");
  expect_named("poly", "total_iters", "0");
  expect_named("cosine-restarts", "t_0", "0");
  expect_named("cosine-restarts", "t_0", "2.5");
  expect_named("cosine-restarts", "t_mult", "0");
  expect_named("cosine-restarts", "eta_min", "-1");
  expect_named("cyclic", "base_lr", "-0.1");
  expect_named("cyclic", "max_lr", "-1");
  expect_named("cyclic", "step_size_up", "0");
  expect_named("cyclic", "step_size_down", "-1");
  expect_named("cyclic", "mode", "min");
  expect_named("cyclic", "mode", "square");
  expect_named("cyclic", "gamma", "0");
  expect_named("cyclic", "scale_mode", "epoch");
  expect_named("cyclic", "cycle_momentum", "maybe");
  expect_named("cyclic", "base_momentum", "1");
  expect_named("cyclic", "max_momentum", "-0.5");
  expect_named("onecycle", "max_lr", "0");
  expect_named("onecycle", "total_steps", "-1");
  expect_named("onecycle", "pct_start", "1.5");
  expect_named("onecycle", "anneal_strategy", "cosine");
  expect_named("onecycle", "div_factor", "0");
  expect_named("onecycle", "final_div_factor", "0");
  expect_named("onecycle", "three_phase", "2");
  expect_named("plateau", "mode", "triangular");
  expect_named("step", "scheduler_step", "iteration");
  EXPECT_EQ(error_of({{"milestones", "30,20"}, {"scheduler", "multistep"}}),
            "milestones must be increasing epochs such as 30,80 (20 follows 30)");
  EXPECT_EQ(error_of({{"schedule", "StepLR(step_size=0)"}}),
            "schedule: column 1: StepLR: step_size = 0 is not accepted: step_size must be at "
            "least 1");
  EXPECT_EQ(error_of({{"schedule", "StepLR(3"}}),
            "schedule: column 9: expected ',' or ')' (the text ends here)");
}

TEST(SchedulerSettings, SharedFlagsTakeTheChosenSchedulersDefault) {
  TrainerConfig c;
  set_option(c, "scheduler", "cyclic");
  EXPECT_EQ(get_option(c, "gamma"), "1");
  EXPECT_EQ(get_option(c, "mode"), "triangular");
  EXPECT_EQ(get_option(c, "base_momentum"), "0.8");
  set_option(c, "scheduler", "onecycle");
  EXPECT_EQ(get_option(c, "base_momentum"), "0.85");
  EXPECT_EQ(get_option(c, "max_momentum"), "0.95");
  set_option(c, "scheduler", "constant");
  EXPECT_EQ(get_option(c, "factor"), "0.3333333333333333");
  set_option(c, "scheduler", "multistep");
  EXPECT_EQ(get_option(c, "gamma"), "0.1");
  set_option(c, "scheduler", "plateau");
  EXPECT_EQ(get_option(c, "factor"), "0.1");
  EXPECT_EQ(get_option(c, "mode"), "min");
  // Given explicitly, a shared flag keeps its value whichever scheduler comes after.
  TrainerConfig d;
  set_option(d, "gamma", "0.5");
  set_option(d, "scheduler", "cyclic");
  EXPECT_EQ(get_option(d, "gamma"), "0.5");
}

TEST(SchedulerSettings, OneCycleShorterThanTheRunIsRefusedWithBothNumbers) {
  TrainerConfig c;
  set_option(c, "scheduler", "onecycle");
  set_option(c, "epochs", "60");
  set_option(c, "total_steps", "50");
  EXPECT_NO_THROW(validate(c));  // the run's steps are not known before its batches
  try {
    make_scheduler(c);  // what the trainer builds: one scheduler step per epoch
    FAIL() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "total_steps = 50 is not accepted: OneCycleLR would be stepped 60 times in this "
                 "run, and PyTorch raises past total_steps (leave total_steps at 0 for the run's "
                 "steps)");
  }
  set_option(c, "total_steps", "0");
  EXPECT_EQ(make_scheduler(c)->state().last_epoch, 0);
  set_option(c, "scheduler_step", "batch");
  EXPECT_EQ(scheduler_steps(c, 7), 420);
}

// text.hpp's rule: the count of steps grouped, the setting echoed as typed.
TEST(SchedulerSettings, OneCycleRefusalGroupsTheRunsSteps) {
  TrainerConfig c;
  set_option(c, "scheduler", "onecycle");
  set_option(c, "epochs", "10000");
  set_option(c, "total_steps", "2000");
  try {
    make_scheduler(c);
    FAIL() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "total_steps = 2000 is not accepted: OneCycleLR would be stepped 10,000 times in "
                 "this run, and PyTorch raises past total_steps (leave total_steps at 0 for the "
                 "run's steps)");
  }
}

// In the PyTorch line the refusal is the line's, and its advice the line's: total_steps=0 is
// refused there (at least 1); left out, total_steps is the run's steps.
TEST(SchedulerSettings, OneCycleRefusalInTheLineSaysLeaveTotalStepsOut) {
  TrainerConfig c;
  set_option(c, "schedule", "OneCycleLR(max_lr=0.1, total_steps=50)");
  set_option(c, "epochs", "60");
  try {
    make_scheduler(c);
    FAIL() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "schedule: total_steps = 50 is not accepted: OneCycleLR would be stepped 60 "
                 "times in this run, and PyTorch raises past total_steps (leave total_steps out "
                 "for the run's steps)");
    EXPECT_EQ(e.setting, "schedule");
  }
  set_option(c, "schedule", "OneCycleLR(max_lr=0.1)");
  EXPECT_EQ(make_scheduler(c)->state().last_epoch, 0);
}

TEST(SchedulerSettings, PlateauIsSteppedPerEpochOnly) {
  EXPECT_EQ(error_of({{"scheduler_step", "batch"}}),
            "scheduler_step = batch is not accepted with ReduceLROnPlateau: it steps once per "
            "epoch with the monitored metric; use epoch");
  EXPECT_NE(error_of({{"scheduler_step", "batch"}, {"schedule", "ReduceLROnPlateau()"}})
                .find("scheduler_step = batch"),
            std::string::npos);
  EXPECT_EQ(error_of({{"scheduler_step", "batch"}, {"scheduler", "cyclic"}}), "accepted");
}

}  // namespace
}  // namespace lrplay
