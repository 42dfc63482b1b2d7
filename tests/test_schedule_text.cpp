// The page's "PyTorch line" (cpp/schedule_text.cpp): the form's scheduler as a PyTorch expression
// and back. Round trips for every scheduler, and the built schedules' rates agree.
#include <gtest/gtest.h>

#include "config.hpp"
#include "make_scheduler.hpp"
#include "schedule_text.hpp"

namespace lrplay {
namespace {

using Settings = std::vector<std::pair<std::string, std::string>>;

TrainerConfig config_of(const Settings& settings) {
  TrainerConfig c;
  for (const auto& [key, value] : settings) set_option(c, key, value);
  validate(c);
  return c;
}

// Rate and momentum (beta1) after every step of the config's scheduler, the run's step count.
std::vector<double> trace(const TrainerConfig& c) {
  auto s = make_scheduler(c);
  std::vector<double> out = {s->initial_lr()};
  for (int i = 0; i < c.epochs; ++i) {
    // A metric that stalls, then falls, then stalls: ReduceLROnPlateau cuts and recovers.
    const double metric = i < 20 ? 1.0 : (i < 40 ? 1.0 - 0.01 * (i - 20) : 0.8);
    out.push_back(s->step(metric).lr_after);
    out.push_back(s->group().momentum);
  }
  return out;
}

// One non-default setting or more of every scheduler (and the --warmup shorthand).
const std::vector<Settings>& form_cases() {
  static const std::vector<Settings> cases = {
      {{"scheduler", "plateau"}},
      {{"scheduler", "plateau"},
       {"mode", "max"},
       {"factor", "0.5"},
       {"patience", "3"},
       {"threshold", "0.01"},
       {"threshold_mode", "abs"},
       {"cooldown", "2"},
       {"min_lr", "1e-4"},
       {"sched_eps", "1e-9"}},
      {{"scheduler", "step"}, {"step_size", "20"}, {"gamma", "0.5"}},
      {{"scheduler", "step"}, {"warmup", "5"}, {"start_factor", "0.2"}},
      {{"scheduler", "exp"}, {"gamma", "0.9"}, {"warmup", "3"}},
      {{"scheduler", "cosine"}, {"t_max", "60"}, {"eta_min", "0.001"}},
      {{"scheduler", "linear"},
       {"start_factor", "0.1"},
       {"end_factor", "0.9"},
       {"total_iters", "20"}},
      {{"scheduler", "multistep"}, {"milestones", "10,50"}, {"gamma", "0.5"}},
      {{"scheduler", "constant"}, {"factor", "0.5"}, {"total_iters", "10"}},
      {{"scheduler", "poly"}, {"total_iters", "50"}, {"power", "2"}},
      {{"scheduler", "cosine-restarts"}, {"t_0", "10"}, {"t_mult", "2"}, {"eta_min", "0.001"}},
      {{"scheduler", "cyclic"},
       {"base_lr", "0.001"},
       {"max_lr", "0.1"},
       {"step_size_up", "5"},
       {"step_size_down", "10"},
       {"mode", "exp_range"},
       {"gamma", "0.99"},
       {"scale_mode", "iterations"},
       {"base_momentum", "0.7"},
       {"max_momentum", "0.95"}},
      {{"scheduler", "cyclic"},
       {"step_size_up", "7"},
       {"mode", "triangular2"},
       {"cycle_momentum", "false"}},
      {{"scheduler", "onecycle"},
       {"max_lr", "0.5"},
       {"pct_start", "0.25"},
       {"anneal_strategy", "linear"},
       {"div_factor", "10"},
       {"final_div_factor", "100"},
       {"three_phase", "true"},
       {"base_momentum", "0.8"},
       {"max_momentum", "0.9"}},
      {{"scheduler", "onecycle"}, {"total_steps", "150"}, {"cycle_momentum", "false"}},
  };
  return cases;
}

TEST(ScheduleText, ReadsLikePyTorchWithTheRequiredAndNonDefaultArguments) {
  EXPECT_EQ(
      schedule_expression(config_of(
          {{"scheduler", "cosine"}, {"t_max", "95"}, {"warmup", "5"}, {"start_factor", "0.1"}})),
      "SequentialLR([LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=95)]"
      ", milestones=[5])");
  EXPECT_EQ(schedule_expression(TrainerConfig{}), "ReduceLROnPlateau()");
  EXPECT_EQ(schedule_expression(config_of({{"scheduler", "step"}})), "StepLR(step_size=30)");
  EXPECT_EQ(schedule_expression(config_of({{"scheduler", "exp"}, {"gamma", "1"}})),
            "ExponentialLR(gamma=1.0)");  // a float, as PyTorch's arithmetic expects
  EXPECT_EQ(schedule_expression(config_of({{"scheduler", "multistep"}})),
            "MultiStepLR(milestones=[30, 80])");
  EXPECT_EQ(schedule_expression(config_of(form_cases()[1])),
            "ReduceLROnPlateau(mode='max', factor=0.5, patience=3, threshold=0.01, "
            "threshold_mode='abs', cooldown=2, min_lr=1e-4, eps=1e-9)");
  EXPECT_EQ(schedule_expression(config_of({{"scheduler", "none"}})), "");
  EXPECT_EQ(schedule_expression(config_of({{"schedule", "StepLR(2,  0.5)"}})), "StepLR(2,  0.5)");
}

TEST(ScheduleText, EveryFormSchedulerRoundTripsThroughItsExpression) {
  for (const Settings& settings : form_cases()) {
    const TrainerConfig c = config_of(settings);
    const std::string text = schedule_expression(c);
    SCOPED_TRACE(text);
    const ScheduleForm form = schedule_form(text);
    ASSERT_TRUE(form.expressible) << form.reason;
    for (const auto& [key, value] : form.settings) {
      EXPECT_EQ(value, get_option(c, key)) << key;
    }
    EXPECT_EQ(schedule_expression(config_of(form.settings)), text);
    // The expression as the run's `schedule` builds the same rates and momenta.
    EXPECT_EQ(trace(config_of({{"schedule", text}})), trace(c));
  }
}

TEST(ScheduleText, HandWrittenExpressionsRoundTripThroughTheForm) {
  const std::vector<std::string> texts = {
      "StepLR(7, 0.5)",
      "torch.optim.lr_scheduler.ExponentialLR(gamma=0.95)",
      "ReduceLROnPlateau(mode='min', factor=0.1, patience=10, eps=1e-08)",
      "CosineAnnealingLR(50, 1e-3)",
      "LinearLR(start_factor=0.5, end_factor=1.0, total_iters=3, last_epoch=-1)",
      "MultiStepLR([20, 40, 60], gamma=0.3)",
      "ConstantLR(factor=1/2, total_iters=4)",
      "PolynomialLR(total_iters=30, power=0.5)",
      "CosineAnnealingWarmRestarts(T_0=5, T_mult=2)",
      "CyclicLR(0.01, 0.1, step_size_up=4, step_size_down=None, mode='triangular2')",
      "OneCycleLR(max_lr=0.3, epochs=10, steps_per_epoch=12)",
      "OneCycleLR(0.3, None, pct_start=0.4)",
      "SequentialLR([LinearLR(0.25, 1.0, 8), StepLR(step_size=10)], milestones=[8])",
      "SequentialLR(schedulers=[LinearLR(start_factor=0.1), ExponentialLR(0.9)], milestones=[5])",
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    const ScheduleForm form = schedule_form(text);
    ASSERT_TRUE(form.expressible) << form.reason;
    const TrainerConfig c = config_of(form.settings);
    const std::string again = schedule_expression(c);
    const ScheduleForm form_again = schedule_form(again);
    EXPECT_EQ(form_again.settings, form.settings);
    EXPECT_EQ(trace(config_of({{"schedule", text}})), trace(c));
  }
  // Left-out arguments come back at their defaults, so the form shows all of the scheduler's.
  const ScheduleForm step = schedule_form("StepLR(7)");
  EXPECT_EQ(step.settings, (Settings{{"scheduler", "step"},
                                     {"step_size", "7"},
                                     {"gamma", "0.1"},
                                     {"warmup", "0"},
                                     {"start_factor", "0.3333333333333333"},
                                     {"schedule", ""}}));
  EXPECT_EQ(schedule_form("OneCycleLR(max_lr=0.3, epochs=10, steps_per_epoch=12)").settings[2],
            (std::pair<std::string, std::string>{"total_steps", "120"}));
}

TEST(ScheduleText, OtherExpressionsStayTheRunsSchedule) {
  for (const std::string text : {
           "ChainedScheduler([StepLR(2), ExponentialLR(0.9)])",
           "SequentialLR([LinearLR(total_iters=5), StepLR(10), ExponentialLR(0.9)], "
           "milestones=[5, 20])",
           "SequentialLR([LinearLR(total_iters=4), StepLR(10)], milestones=[5])",
           "SequentialLR([LinearLR(end_factor=0.5, total_iters=5), StepLR(10)], milestones=[5])",
           "SequentialLR([LinearLR(total_iters=5), MultiStepLR([10])], milestones=[5])",
           "SequentialLR([StepLR(3), StepLR(10)], milestones=[5])",
           "CosineAnnealingLR(T_max=20000)",  // beyond the form's range
           "CyclicLR(0.01, 0.1, step_size_down=0)",
       }) {
    SCOPED_TRACE(text);
    const ScheduleForm form = schedule_form(text);
    EXPECT_FALSE(form.expressible);
    EXPECT_TRUE(form.settings.empty());
    EXPECT_EQ(form.reason.rfind("only expressible as schedule", 0), 0u) << form.reason;
  }
}

// The page shows a setting beside the PyTorch line only if one of the line's schedulers uses it
// (ReduceLROnPlateau's monitored metric): the choices come in the text's order, once each.
TEST(ScheduleText, TheFormNamesTheSchedulersAnExpressionCalls) {
  using Names = std::vector<std::string>;
  EXPECT_EQ(
      schedule_form("ChainedScheduler([StepLR(2), ExponentialLR(0.9), StepLR(5)])").schedulers,
      (Names{"step", "exp"}));
  EXPECT_EQ(schedule_form("SequentialLR([LinearLR(total_iters=5), StepLR(10), "
                          "ExponentialLR(0.9)], milestones=[5, 20])")
                .schedulers,
            (Names{"linear", "step", "exp"}));
  EXPECT_EQ(schedule_form("SequentialLR(schedulers=[LinearLR(0.1), CosineAnnealingLR(95)], "
                          "milestones=[5])")
                .schedulers,
            (Names{"linear", "cosine"}));
  EXPECT_EQ(schedule_form("ReduceLROnPlateau(patience=20000)").schedulers, (Names{"plateau"}));
}

// It was refused ("OneCycleLR needs total_steps") when the settings were checked, before the run's
// steps were known, although the run itself gives it its steps.
TEST(ScheduleText, AOneCycleLRWithoutTotalStepsIsAcceptedAsTheRunsSchedule) {
  TrainerConfig c;
  set_option(c, "schedule", "OneCycleLR(max_lr=0.1)");
  set_option(c, "epochs", "40");
  EXPECT_NO_THROW(validate(c));
  EXPECT_EQ(trace(c), trace(config_of({{"scheduler", "onecycle"}, {"epochs", "40"}})));
}

TEST(ScheduleText, ABadExpressionThrowsTheParsersColumnMessage) {
  for (const auto& [text, message] : std::vector<std::pair<std::string, std::string>>{
           {"StepLR(step_size=30", "schedule: column 20: expected ',' or ')' (the text ends here)"},
           {"StepLR(gamma=0.5)", "schedule: column 1: StepLR needs step_size"},
           {"Foo(1)", "schedule: column 1: Foo is not a scheduler this playground knows"},
       }) {
    try {
      schedule_form(text);
      ADD_FAILURE() << text << " was accepted";
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(message, 0), 0u) << e.what();
    }
  }
}

TEST(ScheduleText, PythonInsertsTheOptimizerAndOneCycleLRsSteps) {
  EXPECT_EQ(schedule_python(config_of({{"schedule", "StepLR(2, gamma=0.5)"}}), "EPOCHS"),
            "lr_scheduler.StepLR(optimizer, 2, gamma=0.5)");
  EXPECT_EQ(schedule_python(config_of({{"scheduler", "onecycle"}}), "EPOCHS * len(loader)"),
            "lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=EPOCHS * len(loader))");
  EXPECT_EQ(schedule_python(config_of({{"schedule", "OneCycleLR(0.1, None)"}}), "N"),
            "lr_scheduler.OneCycleLR(optimizer, 0.1, N)");
  EXPECT_EQ(schedule_python(config_of({{"schedule", "OneCycleLR(0.1, total_steps=50)"}}), "N"),
            "lr_scheduler.OneCycleLR(optimizer, 0.1, total_steps=50)");
  EXPECT_EQ(schedule_python(config_of({{"schedule",
                                        "OneCycleLR(0.1, epochs=5, "
                                        "steps_per_epoch=3)"}}),
                            "N"),
            "lr_scheduler.OneCycleLR(optimizer, 0.1, epochs=5, steps_per_epoch=3)");
  // ChainedScheduler(schedulers, optimizer=None) takes the list first (PyTorch 1.13: only it).
  EXPECT_EQ(schedule_python(config_of({{"schedule",
                                        "ChainedScheduler([StepLR(2), "
                                        "ConstantLR(factor=1/2)])"}}),
                            "N"),
            "lr_scheduler.ChainedScheduler([lr_scheduler.StepLR(optimizer, 2), "
            "lr_scheduler.ConstantLR(optimizer, factor=0.5)])");
  EXPECT_EQ(schedule_python(config_of({{"schedule",
                                        "CyclicLR(0.01, 0.1, mode=\"exp_range\", "
                                        "gamma=1)"}}),
                            "N"),
            "lr_scheduler.CyclicLR(optimizer, 0.01, 0.1, mode='exp_range', gamma=1)");
  EXPECT_EQ(schedule_python(config_of({{"scheduler", "none"}}), "N"), "");
}

}  // namespace
}  // namespace lrplay
