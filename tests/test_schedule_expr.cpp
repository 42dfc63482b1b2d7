// The --schedule parser (cpp/schedule_syntax.cpp, cpp/schedule_expr.cpp): PyTorch's class and
// keyword names, Python's literals, and errors that point at the column. Numbers built from these
// expressions are checked against PyTorch in test_schedule_references.cpp.
#include <gtest/gtest.h>

#include "schedule_expr.hpp"
#include "schedulers.hpp"

namespace lrplay {
namespace {

ParamGroup sgd(double lr) {
  ParamGroup g;
  g.lr = lr;
  g.slot = MomentumSlot::kMomentum;
  return g;
}

std::string error_of(const std::string& text, int run_steps = 0) {
  ParamGroup g = sgd(0.1);
  try {
    build_schedule(text, g, run_steps);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "accepted";
}

std::vector<double> rates(const std::string& text, int steps, double lr = 0.1) {
  ParamGroup g = sgd(lr);
  auto s = build_schedule(text, g, steps);
  std::vector<double> out;
  for (int i = 0; i < steps; ++i) out.push_back(s->step().lr_after);
  return out;
}

TEST(ScheduleExpr, PositionalAndKeywordArgumentsBindAsInPython) {
  EXPECT_EQ(rates("StepLR(2, 0.5)", 4), rates("StepLR(step_size=2, gamma=0.5)", 4));
  EXPECT_EQ(rates("StepLR(2, gamma=0.5)", 4), (std::vector<double>{0.1, 0.05, 0.05, 0.025}));
  EXPECT_EQ(rates("torch.optim.lr_scheduler.ExponentialLR(gamma=0.5)", 2),
            rates("lr_scheduler.ExponentialLR(0.5)", 2));
  // Python's arithmetic on literals: 1/3 is a float, as ConstantLR's default 1./3.
  EXPECT_EQ(rates("ConstantLR(factor=1/3)", 6), rates("ConstantLR()", 6));
  // Blanks, newlines and trailing commas.
  EXPECT_EQ(rates("MultiStepLR(\n  milestones=[2, 3,],\n  gamma=0.1,\n)", 4),
            rates("MultiStepLR([2,3])", 4));
  EXPECT_EQ(rates("CyclicLR(0.01, 0.1, step_size_down=None, cycle_momentum=False)", 3),
            rates("CyclicLR(base_lr=0.01, max_lr=0.1, cycle_momentum=False)", 3));
  EXPECT_EQ(rates("StepLR(2, last_epoch=-1)", 3), rates("StepLR(2)", 3));
}

TEST(ScheduleExpr, BuildsTheTreeAndItsType) {
  ParamGroup g = sgd(0.1);
  auto s = build_schedule(
      "SequentialLR([LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=95)], "
      "milestones=[5])",
      g);
  EXPECT_EQ(s->name(), "SequentialLR");
  EXPECT_NEAR(g.lr, 0.01, 1e-15);  // the warm-up's first rate
  EXPECT_EQ(build_schedule("ReduceLROnPlateau(mode='max', patience=3)", g)->name(),
            "ReduceLROnPlateau");
}

TEST(ScheduleExpr, OneCycleTotalStepsDefaultsToTheRunsSteps) {
  EXPECT_EQ(rates("OneCycleLR(max_lr=0.1)", 20),
            rates("OneCycleLR(max_lr=0.1, total_steps=20)", 20));
  EXPECT_EQ(rates("OneCycleLR(0.1, epochs=4, steps_per_epoch=5)", 20),
            rates("OneCycleLR(max_lr=0.1, total_steps=20)", 20));
  // While the count is not known (settings checked before the data), a long placeholder run.
  ParamGroup g = sgd(0.1);
  EXPECT_NO_THROW(build_schedule("OneCycleLR(max_lr=0.1, pct_start=0.05)", g, 0));
}

TEST(ScheduleExpr, OneCycleEpochsTimesStepsPerEpochIsCheckedBeforeItOverflows) {
  // The product was an int multiplication: 65536 * 65536 overflowed (UBSan's finding).
  EXPECT_EQ(error_of("OneCycleLR(0.1, epochs=65536, steps_per_epoch=65536)"),
            "schedule: column 1: OneCycleLR's epochs * steps_per_epoch = 4,294,967,296 is too many "
            "steps (at most 2,147,483,647)");
  // PyTorch: "Expected positive integer epochs, but got ..." (and the same for steps_per_epoch).
  EXPECT_EQ(error_of("OneCycleLR(0.1, epochs=-100000, steps_per_epoch=100000)"),
            "schedule: column 24: OneCycleLR's epochs must be a positive whole number, not "
            "-100000");
  EXPECT_EQ(error_of("OneCycleLR(0.1, epochs=4, steps_per_epoch=0)"),
            "schedule: column 43: OneCycleLR's steps_per_epoch must be a positive whole number, "
            "not 0");
}

TEST(ScheduleExpr, SyntaxErrorsPointAtTheColumn) {
  EXPECT_EQ(error_of("StepLR(step_size=30"),
            "schedule: column 20: expected ',' or ')' (the text ends here)");
  EXPECT_EQ(error_of("StepLR(step_size=30))"),
            "schedule: column 21: unexpected text after the expression (found ')')");
  EXPECT_EQ(error_of("StepLR(step_size=@)"), "schedule: column 18: expected a value (found '@')");
  EXPECT_EQ(error_of("StepLR(optimizer, step_size=30)"),
            "schedule: column 8: leave the optimizer out: write StepLR(step_size=30), not "
            "StepLR(optimizer, step_size=30)");
  EXPECT_EQ(error_of("CyclicLR(0.01, 0.1, mode='triangular)"),
            "schedule: column 26: this string is not closed");
  EXPECT_EQ(error_of("StepLR(gamma=0.5, 30)"),
            "schedule: column 19: a positional argument cannot follow keyword arguments (found "
            "'3')");
  EXPECT_EQ(error_of("[StepLR(3)]"),
            "schedule: column 1: expected a scheduler such as StepLR(step_size=30)");
  EXPECT_EQ(error_of("StepLR(3, gamma=1e)"),
            "schedule: column 19: expected the exponent's digits (found ')')");
  EXPECT_EQ(error_of(std::string(40, '[')),
            "schedule: column 34: the expression nests too deeply (found '[')");
  EXPECT_NE(error_of(std::string(5000, ' ') + "StepLR(3)").find("longer than 4,000 characters"),
            std::string::npos);
}

TEST(ScheduleExpr, NamesAndTypesAsPyTorchTakesThem) {
  EXPECT_EQ(error_of("StepLR(step=30)"),
            "schedule: column 13: StepLR has no parameter step; it takes step_size, gamma, "
            "last_epoch");
  EXPECT_EQ(error_of("StepLR(30, step_size=30)"),
            "schedule: column 22: StepLR got two values for step_size");
  EXPECT_EQ(error_of("StepLR(gamma=0.5)"), "schedule: column 1: StepLR needs step_size");
  EXPECT_EQ(error_of("StepLR(step_size=2.5)"),
            "schedule: column 18: StepLR's step_size must be a whole number such as 30");
  EXPECT_EQ(error_of("CosineAnnealingWarmRestarts(T_0=10.0)"),
            "schedule: column 33: CosineAnnealingWarmRestarts's T_0 must be a whole number such as "
            "30");
  // PyTorch checks isinstance(pct_start, float).
  EXPECT_EQ(error_of("OneCycleLR(max_lr=0.1, total_steps=10, pct_start=1)"),
            "schedule: column 50: OneCycleLR's pct_start must be a float such as 0.3");
  EXPECT_EQ(error_of("CyclicLR(0.01, 0.1, mode='square')"),
            "schedule: column 26: mode must be one of 'triangular', 'triangular2', 'exp_range'");
  EXPECT_EQ(error_of("OneCycleLR(0.1, 10, three_phase=1)"),
            "schedule: column 33: OneCycleLR's three_phase must be True or False");
  EXPECT_EQ(error_of("Adam(lr=0.1)").substr(0, 72),
            "schedule: column 1: Adam is not a scheduler this playground knows: Chain");
  EXPECT_EQ(error_of("StepLR(3, last_epoch=4)"),
            "schedule: column 22: last_epoch must be -1: resuming a run is not supported");
  EXPECT_EQ(error_of("CyclicLR(0.01, 0.1, scale_fn=f)"),
            "schedule: column 30: 'f' is not a value here: write a number, True, False, None, a "
            "string, a list or a scheduler call");
  EXPECT_EQ(error_of("SequentialLR([StepLR(3), 5], milestones=[2])"),
            "schedule: column 26: SequentialLR's schedulers must be a list of schedulers");
}

TEST(ScheduleExpr, ConstructorErrorsNameTheCallAndTheSetting) {
  EXPECT_EQ(error_of("StepLR(step_size=0)"),
            "schedule: column 1: StepLR: step_size = 0 is not accepted: step_size must be at "
            "least 1");
  EXPECT_EQ(error_of("SequentialLR([StepLR(3), ExponentialLR(gamma=-1)], milestones=[2])"),
            "schedule: column 26: ExponentialLR: gamma = -1 is not accepted: gamma must be "
            "greater than 0");
  EXPECT_EQ(error_of("ChainedScheduler([StepLR(3), ReduceLROnPlateau()])"),
            "schedule: column 1: ChainedScheduler: ChainedScheduler does not take "
            "ReduceLROnPlateau (scheduler 2): its step() needs the metric");
}

TEST(ScheduleExpr, SyntaxCheckAlone) {
  EXPECT_NO_THROW(check_schedule_syntax("Whatever(a=[1, 'x', None, True])"));
  EXPECT_THROW(check_schedule_syntax("StepLR("), ConfigError);
}

}  // namespace
}  // namespace lrplay
