// The schedulers added for issues 8 and 9 (cpp/sched_*.cpp): closed forms against the chainable
// arithmetic, what the constructors write into the param group (CyclicLR, OneCycleLR), momentum and
// beta1 cycling, SequentialLR/ChainedScheduler rules, the scheduler each event names, and every
// rejected parameter named in its message.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "actors_print.hpp"
#include "schedulers.hpp"
#include "trainer.hpp"

namespace lrplay {
namespace {

ParamGroup sgd(double lr, double momentum = 0.0) {
  ParamGroup g;
  g.lr = lr;
  g.slot = MomentumSlot::kMomentum;
  g.momentum = momentum;
  return g;
}

void expect_rejected(const std::function<void(ParamGroup&)>& make, const std::string& start) {
  ParamGroup g = sgd(0.1, 0.9);
  try {
    make(g);
    ADD_FAILURE() << start << ": accepted";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(start, 0), 0u) << e.what();
  }
}

TEST(ClosedForm, MatchesTheChainableRates) {
  using Make = std::function<std::unique_ptr<Scheduler>(ParamGroup&)>;
  const std::vector<Make> makes = {
      [](ParamGroup& g) { return std::make_unique<StepLR>(g, 3, 0.5); },
      [](ParamGroup& g) {
        return std::make_unique<MultiStepLR>(g, std::vector<int>{2, 5, 9}, 0.3);
      },
      [](ParamGroup& g) { return std::make_unique<ConstantLR>(g, 0.25, 4); },
      [](ParamGroup& g) { return std::make_unique<LinearLR>(g, 0.1, 0.9, 6); },
      [](ParamGroup& g) { return std::make_unique<ExponentialLR>(g, 0.93); },
      [](ParamGroup& g) { return std::make_unique<PolynomialLR>(g, 7, 1.5); },
      [](ParamGroup& g) { return std::make_unique<CosineAnnealingLR>(g, 6, 0.01); },
  };
  for (const Make& make : makes) {
    ParamGroup g = sgd(0.2);
    auto s = make(g);
    ASSERT_TRUE(s->closed_form(0).has_value()) << s->name();
    EXPECT_NEAR(*s->closed_form(0) / g.lr, 1.0, 1e-12) << s->name() << " epoch 0";
    for (int epoch = 1; epoch <= 20; ++epoch) {
      const double lr = s->step().lr_after;
      const double closed = *s->closed_form(epoch);
      if (closed == 0) {
        EXPECT_EQ(lr, 0) << s->name() << " epoch " << epoch;
      } else {
        EXPECT_NEAR(lr / closed, 1.0, 1e-12) << s->name() << " epoch " << epoch;
      }
    }
  }
}

TEST(ClosedForm, NoneWherePyTorchHasNone) {
  ParamGroup g = sgd(0.1, 0.9);
  EXPECT_FALSE(CosineAnnealingWarmRestarts(g, 5).closed_form(3));
  EXPECT_FALSE(CyclicLR(g, CyclicOptions{}).closed_form(3));
  OneCycleOptions o;
  o.max_lr = 0.1;
  o.total_steps = 10;
  EXPECT_FALSE(OneCycleLR(g, o).closed_form(3));
  EXPECT_FALSE(ReduceLROnPlateau(g, PlateauOptions{}).closed_form(3));
}

TEST(CyclicLR, ConstructorSetsBaseLrAndMaxMomentum) {
  ParamGroup g = sgd(0.5, 0.3);
  CyclicOptions o;
  o.base_lr = 0.01;
  o.max_lr = 0.1;
  o.step_size_up = 4;
  CyclicLR s(g, o);
  EXPECT_EQ(g.lr, 0.01);
  EXPECT_EQ(g.momentum, 0.9);      // max_momentum
  EXPECT_EQ(*g.initial_lr, 0.01);  // set from the rate CyclicLR wrote
  EXPECT_TRUE(s.cycles_momentum());
  const SchedulerEvent e = s.step();
  EXPECT_EQ(e.momentum_before, 0.9);
  EXPECT_NEAR(e.momentum_after, 0.875, 1e-15);  // a quarter of the way down to 0.8
  EXPECT_EQ(e.actors, Actors{"CyclicLR"});
}

// The cycle is a position, written as digits (text.hpp): %.6g wrote cycle 1,000,001 as "1e6".
TEST(CyclicLR, ReasonNamesALateCycleInDigits) {
  ParamGroup g = sgd(0.5, 0.3);
  CyclicOptions o;
  o.step_size_up = 1;
  CyclicLR s(g, o);
  s.set_step_unit(StepUnit::kOptimizerStep);  // as a per-batch run steps it
  for (int i = 0; i < 1999999; ++i) s.step();
  EXPECT_EQ(s.step().reason,
            "CyclicLR climbs toward max_lr = 0.1 in cycle 1000001 (triangular, step 2000000)");
}

TEST(CyclicLR, CyclesAdamsBeta1AsPyTorch2) {
  ParamGroup adam;
  adam.lr = 0.001;
  adam.slot = MomentumSlot::kBeta1;
  adam.momentum = 0.9;
  CyclicOptions o;
  o.base_lr = 0.001;
  o.max_lr = 0.01;
  CyclicLR s(adam, o);
  EXPECT_EQ(adam.momentum, 0.9);
  s.step();
  EXPECT_LT(adam.momentum, 0.9);
}

TEST(CyclicLR, WithoutMomentumCyclingLeavesMomentumAlone) {
  ParamGroup g = sgd(0.5, 0.3);
  CyclicOptions o;
  o.cycle_momentum = false;
  CyclicLR s(g, o);
  for (int i = 0; i < 5; ++i) s.step();
  EXPECT_EQ(g.momentum, 0.3);
  ParamGroup none;
  none.lr = 0.1;
  EXPECT_NO_THROW(CyclicLR(none, o));
  expect_rejected(
      [](ParamGroup& g) {
        g.slot = MomentumSlot::kNone;
        CyclicLR(g, CyclicOptions{});
      },
      "CyclicLR: cycle_momentum needs an optimizer with momentum or beta1");
}

TEST(OneCycleLR, ConstructorWritesTheGroupAndRefusesStepsPastTotal) {
  ParamGroup g = sgd(0.5, 0.0);
  OneCycleOptions o;
  o.max_lr = 1.0;
  o.total_steps = 4;
  OneCycleLR s(g, o);
  EXPECT_EQ(*g.initial_lr, 1.0 / 25);
  EXPECT_EQ(g.min_lr, 1.0 / 25 / 1e4);
  EXPECT_EQ(g.max_lr, 1.0);
  EXPECT_EQ(g.momentum, 0.95);
  EXPECT_NEAR(g.lr, 0.04, 1e-15);
  for (int i = 0; i < 4; ++i) s.step();
  try {
    s.step();
    FAIL() << "stepped past total_steps";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "OneCycleLR: tried to step 5 times; total_steps is 4");
  }
}

TEST(OneCycleLR, RefusesAPhaseOfZeroSteps) {
  // pct_start * total_steps - 1 == 0: PyTorch's first get_lr() divides 0 by 0.
  expect_rejected(
      [](ParamGroup& g) {
        OneCycleOptions o;
        o.max_lr = 0.1;
        o.total_steps = 10;
        o.pct_start = 0.1;
        OneCycleLR(g, o);
      },
      "pct_start = 0.1 with total_steps = 10 gives OneCycleLR a phase of zero steps");
  expect_rejected(
      [](ParamGroup& g) {  // the last phase, reached at step total_steps
        OneCycleOptions o;
        o.max_lr = 0.1;
        o.total_steps = 10;
        o.pct_start = 1.0;
        OneCycleLR(g, o);
      },
      "pct_start = 1 with total_steps = 10");
  ParamGroup g = sgd(0.1);
  OneCycleOptions fine;
  fine.max_lr = 0.1;
  fine.total_steps = 10;
  fine.pct_start = 0.0;  // the warm-up phase is never reached: accepted, as PyTorch runs it
  OneCycleLR s(g, fine);
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(std::isfinite(s.step().lr_after));
}

TEST(SequentialLR, WarmUpEventsNameTheSchedulerThatActed) {
  // The defect: the status line credited the warm-up's change to StepLR.
  TrainerConfig c;
  c.scheduler = SchedulerKind::kStep;
  c.step_size = 2;
  c.warmup = 3;
  auto schedule = make_scheduler(c);
  std::vector<SchedulerEvent> e;
  for (int i = 0; i < 6; ++i) e.push_back(schedule->step(0.0));
  for (int i : {0, 1}) {
    EXPECT_EQ(e[i].actors, Actors{"LinearLR"}) << i;
    EXPECT_EQ(e[i].reason.rfind("LinearLR warms up", 0), 0u) << e[i].reason;
    EXPECT_TRUE(e[i].changed());
  }
  EXPECT_EQ(e[2].actors, Actors{"StepLR"});
  EXPECT_EQ(e[2].reason,
            "StepLR takes over from LinearLR at SequentialLR's milestone 3, starting again from "
            "its epoch 0 (rate 0.1)");
  EXPECT_EQ(e[4].actors, Actors{"StepLR"});  // StepLR's epoch 2: its first cut, the run's 5th
  EXPECT_EQ(e[4].reason,
            "StepLR multiplies the rate by gamma = 0.1 every 2 epochs (epoch 5, its epoch 2 since "
            "it took over at epoch 3)");
  EXPECT_EQ(e[4].epoch, 5);  // SequentialLR's epoch
}

TEST(ChainedScheduler, EventNamesEverySchedulerThatChangedTheRate) {
  ParamGroup g = sgd(0.1);
  SchedulerList list;
  list.push_back(std::make_unique<ConstantLR>(g, 0.5, 2));
  list.push_back(std::make_unique<ExponentialLR>(g, 0.9));
  ChainedScheduler s(g, std::move(list));
  EXPECT_EQ(s.step().actors, Actors{"ExponentialLR"});
  const SchedulerEvent both = s.step();
  EXPECT_EQ(both.actors, (Actors{"ConstantLR", "ExponentialLR"}));
  EXPECT_EQ(both.reason.rfind("ConstantLR stops multiplying the rate by factor = 0.5", 0), 0u)
      << both.reason;
  EXPECT_NE(both.reason.find("; ExponentialLR multiplies"), std::string::npos) << both.reason;
}

// Actors keeps four names in place and copies the rest into strings: six children, duplicates
// among them, are named in their order, and an event copied keeps them.
TEST(ChainedScheduler, ManyChildrenAreNamedInOrderWithDuplicates) {
  ParamGroup g = sgd(0.1);
  SchedulerList list;
  list.push_back(std::make_unique<ExponentialLR>(g, 0.9));
  list.push_back(std::make_unique<StepLR>(g, 1, 0.5));
  list.push_back(std::make_unique<ExponentialLR>(g, 0.8));
  list.push_back(std::make_unique<StepLR>(g, 2, 0.5));
  list.push_back(std::make_unique<ExponentialLR>(g, 0.7));
  list.push_back(std::make_unique<StepLR>(g, 1, 0.5));
  ChainedScheduler s(g, std::move(list));
  const Actors all{"ExponentialLR", "StepLR", "ExponentialLR", "ExponentialLR", "StepLR"};
  EXPECT_EQ(s.step().actors, all);  // step 1: StepLR(step_size=2) keeps the rate
  const SchedulerEvent second = s.step();
  const SchedulerEvent copy = second;
  EXPECT_EQ(copy.actors, (Actors{"ExponentialLR", "StepLR", "ExponentialLR", "StepLR",
                                 "ExponentialLR", "StepLR"}));
  EXPECT_EQ(copy.actors.size(), 6u);
  EXPECT_EQ(copy.actors[5], "StepLR");
}

TEST(Reasons, ACountOfOneIsSingular) {
  ParamGroup g = sgd(0.1);
  EXPECT_EQ(StepLR(g, 1).step().reason,
            "StepLR multiplies the rate by gamma = 0.1 every 1 epoch (epoch 1)");
  ParamGroup h = sgd(0.1);
  EXPECT_EQ(ConstantLR(h, 0.5, 1).step().reason,
            "ConstantLR stops multiplying the rate by factor = 0.5 after total_iters = 1 epoch "
            "(epoch 1)");
}

TEST(Composites, RulesAsPyTorchWithTheSettingNamed) {
  expect_rejected(
      [](ParamGroup& g) {
        SchedulerList list;
        list.push_back(std::make_unique<ReduceLROnPlateau>(g, PlateauOptions{}));
        ChainedScheduler(g, std::move(list));
      },
      "ChainedScheduler does not take ReduceLROnPlateau");
  expect_rejected(
      [](ParamGroup& g) {
        SchedulerList list;
        list.push_back(std::make_unique<StepLR>(g, 2));
        list.push_back(std::make_unique<ExponentialLR>(g, 0.9));
        SequentialLR(g, std::move(list), {});
      },
      "SequentialLR needs one milestone fewer than schedulers: 2 schedulers and 0 milestones");
  expect_rejected(
      [](ParamGroup& g) {
        SchedulerList list;
        list.push_back(std::make_unique<StepLR>(g, 2));
        SequentialLR(g, std::move(list), {5});
      },
      "SequentialLR needs one milestone fewer than schedulers: 1 scheduler and 1 milestone");
  expect_rejected(
      [](ParamGroup& g) {
        SchedulerList list;
        list.push_back(std::make_unique<StepLR>(g, 2));
        list.push_back(std::make_unique<ExponentialLR>(g, 0.9));
        list.push_back(std::make_unique<ExponentialLR>(g, 0.8));
        SequentialLR(g, std::move(list), {5, 5});
      },
      "SequentialLR's milestones must be increasing");
  expect_rejected(
      [](ParamGroup& g) {
        SchedulerList inner;
        inner.push_back(std::make_unique<ExponentialLR>(g, 0.9));
        SchedulerList list;
        list.push_back(std::make_unique<StepLR>(g, 2));
        list.push_back(std::make_unique<ChainedScheduler>(g, std::move(inner)));
        SequentialLR(g, std::move(list), {3});
      },
      "SequentialLR cannot switch to a ChainedScheduler (scheduler 2)");
  expect_rejected([](ParamGroup& g) { ChainedScheduler(g, SchedulerList{}); },
                  "ChainedScheduler needs at least one scheduler");
}

TEST(SchedulerParameters, NewSettingsNamedWhenRejected) {
  expect_rejected([](ParamGroup& g) { MultiStepLR(g, {30, 20}); }, "milestones must be increasing");
  expect_rejected([](ParamGroup& g) { MultiStepLR(g, {0, 20}); }, "milestones = 0");
  expect_rejected([](ParamGroup& g) { ConstantLR(g, 0.0); }, "factor = 0");
  expect_rejected([](ParamGroup& g) { ConstantLR(g, 1.5); }, "factor = 1.5");
  expect_rejected([](ParamGroup& g) { ConstantLR(g, 0.5, 0); }, "total_iters = 0");
  expect_rejected([](ParamGroup& g) { PolynomialLR(g, 0); }, "total_iters = 0");
  expect_rejected([](ParamGroup& g) { PolynomialLR(g, 5, -1.0); }, "power = -1");
  expect_rejected([](ParamGroup& g) { CosineAnnealingWarmRestarts(g, 0); }, "t_0 = 0");
  expect_rejected([](ParamGroup& g) { CosineAnnealingWarmRestarts(g, 5, 0); }, "t_mult = 0");
  expect_rejected([](ParamGroup& g) { CosineAnnealingWarmRestarts(g, 5, 1, -1.0); }, "eta_min");
  const auto cyclic = [](std::function<void(CyclicOptions&)> change) {
    return [change](ParamGroup& g) {
      CyclicOptions o;
      change(o);
      CyclicLR(g, o);
    };
  };
  expect_rejected(cyclic([](auto& o) { o.base_lr = -1; }), "base_lr = -1");
  expect_rejected(cyclic([](auto& o) { o.max_lr = NAN; }), "max_lr = nan");
  expect_rejected(cyclic([](auto& o) { o.step_size_up = 0; }), "step_size_up = 0");
  expect_rejected(cyclic([](auto& o) { o.step_size_down = -1; }), "step_size_down = -1");
  expect_rejected(cyclic([](auto& o) { o.mode = "square"; }), "mode = \"square\"");
  expect_rejected(cyclic([](auto& o) { o.gamma = 0; }), "gamma = 0");
  expect_rejected(cyclic([](auto& o) { o.scale_mode = "epoch"; }), "scale_mode = \"epoch\"");
  expect_rejected(cyclic([](auto& o) { o.base_momentum = 1; }), "base_momentum = 1");
  expect_rejected(cyclic([](auto& o) { o.max_momentum = -0.1; }), "max_momentum = -0.1");
  const auto onecycle = [](std::function<void(OneCycleOptions&)> change) {
    return [change](ParamGroup& g) {
      OneCycleOptions o;
      o.max_lr = 0.1;
      o.total_steps = 100;
      change(o);
      OneCycleLR(g, o);
    };
  };
  expect_rejected(onecycle([](auto& o) { o.max_lr = 0; }), "max_lr = 0");
  expect_rejected(onecycle([](auto& o) { o.total_steps = 0; }), "total_steps = 0");
  expect_rejected(onecycle([](auto& o) { o.pct_start = 1.5; }), "pct_start = 1.5");
  expect_rejected(onecycle([](auto& o) { o.anneal_strategy = "cosine"; }), "anneal_strategy");
  expect_rejected(onecycle([](auto& o) { o.div_factor = 0; }), "div_factor = 0");
  expect_rejected(onecycle([](auto& o) { o.final_div_factor = -1; }), "final_div_factor = -1");
  expect_rejected(onecycle([](auto& o) { o.base_momentum = 1.2; }), "base_momentum = 1.2");
}

}  // namespace
}  // namespace lrplay
