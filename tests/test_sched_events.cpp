// What each scheduler step is (SchedulerEvent::kind, cpp/scheduler.hpp) and who acted: every
// class's own steps, SequentialLR's hand-overs, a ChainedScheduler's mix, the trainer's per-batch
// epochs, and the timetable's cuts, which are discrete decreases only (cpp/timetable.cpp).
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "actors_print.hpp"
#include "dataset.hpp"
#include "schedulers.hpp"
#include "timetable.hpp"
#include "trainer.hpp"

namespace lrplay {

// gtest prints a kind by its name in a failure.
void PrintTo(EventKind kind, std::ostream* os) {
  static const char* const names[] = {"none",    "skippedCut", "continuous", "discrete",
                                      "restart", "handOver",   "warmUpEnd"};
  *os << names[static_cast<int>(kind)];
}

namespace {

constexpr EventKind kNone = EventKind::kNone;
constexpr EventKind kSkip = EventKind::kSkippedCut;
constexpr EventKind kLine = EventKind::kContinuous;
constexpr EventKind kStair = EventKind::kDiscrete;
constexpr EventKind kRestart = EventKind::kRestart;
constexpr EventKind kHandOver = EventKind::kHandOver;
constexpr EventKind kWarmUpEnd = EventKind::kWarmUpEnd;

using Kinds = std::vector<EventKind>;
using Names = Actors;

ParamGroup group(double lr = 0.1) {
  ParamGroup g;
  g.lr = lr;
  g.slot = MomentumSlot::kMomentum;
  g.momentum = 0.9;
  return g;
}

// The kinds of the next `steps` steps (a step's metric 0).
Kinds kinds(Scheduler& s, int steps) {
  Kinds out;
  for (int i = 0; i < steps; ++i) out.push_back(s.step().kind);
  return out;
}

TEST(EventKinds, StepsByRuleAreDiscrete) {
  ParamGroup a = group();
  StepLR step(a, 3);
  EXPECT_EQ(kinds(step, 7), (Kinds{kNone, kNone, kStair, kNone, kNone, kStair, kNone}));
  ParamGroup b = group();
  MultiStepLR multistep(b, {2, 5});
  EXPECT_EQ(kinds(multistep, 6), (Kinds{kNone, kStair, kNone, kNone, kStair, kNone}));
  ParamGroup c = group();
  ConstantLR constant(c, 0.5, 3);  // back to the base rate at total_iters: a stair up
  EXPECT_EQ(kinds(constant, 4), (Kinds{kNone, kNone, kStair, kNone}));
  ParamGroup d = group();
  NoScheduler none(d);
  EXPECT_EQ(kinds(none, 2), (Kinds{kNone, kNone}));
}

TEST(EventKinds, SmoothSchedulesAreContinuousWhileTheyMove) {
  ParamGroup a = group();
  LinearLR linear(a, 0.1, 1.0, 3);
  EXPECT_EQ(kinds(linear, 5), (Kinds{kLine, kLine, kLine, kNone, kNone}));
  ParamGroup b = group();
  ExponentialLR exp(b, 0.9);
  EXPECT_EQ(kinds(exp, 3), (Kinds{kLine, kLine, kLine}));
  ParamGroup c = group();
  ExponentialLR flat(c, 1.0);  // keeps the rate (its reason is still said): nothing happened
  EXPECT_EQ(kinds(flat, 2), (Kinds{kNone, kNone}));
  ParamGroup d = group();
  CosineAnnealingLR cosine(d, 4);
  EXPECT_EQ(kinds(cosine, 5), Kinds(5, kLine));
  ParamGroup e = group();
  PolynomialLR poly(e, 3);
  EXPECT_EQ(kinds(poly, 4), (Kinds{kLine, kLine, kLine, kNone}));
  ParamGroup f = group();
  CyclicOptions cyclic_options;
  cyclic_options.step_size_up = 2;
  CyclicLR cyclic(f, cyclic_options);
  EXPECT_EQ(kinds(cyclic, 5), Kinds(5, kLine));
  ParamGroup g = group();
  OneCycleOptions one_cycle_options;
  one_cycle_options.total_steps = 10;
  OneCycleLR one_cycle(g, one_cycle_options);
  EXPECT_EQ(kinds(one_cycle, 9), Kinds(9, kLine));
}

TEST(EventKinds, AWarmRestartIsDiscreteTheCosineBetweenNot) {
  ParamGroup g = group();
  CosineAnnealingWarmRestarts restarts(g, 3, 2);  // restarts after steps 3 and 3 + 6
  EXPECT_EQ(kinds(restarts, 10),
            (Kinds{kLine, kLine, kRestart, kLine, kLine, kLine, kLine, kLine, kRestart, kLine}));
}

TEST(EventKinds, APlateauCutIsDiscreteASkippedOneIsNoChange) {
  PlateauOptions options;
  options.patience = 0;
  ParamGroup a = group();
  ReduceLROnPlateau cuts(a, options);
  EXPECT_EQ(cuts.step(1.0).kind, kNone);  // the first best
  const SchedulerEvent cut = cuts.step(1.0);
  EXPECT_EQ(cut.kind, kStair);
  EXPECT_EQ(cut.actors, Names{"ReduceLROnPlateau"});
  options.eps = 1.0;  // every cut changes the rate by less
  ParamGroup b = group();
  ReduceLROnPlateau skips(b, options);
  EXPECT_EQ(skips.step(1.0).kind, kNone);
  const SchedulerEvent skipped = skips.step(1.0);
  EXPECT_EQ(skipped.kind, kSkip);
  EXPECT_FALSE(skipped.changed());
  EXPECT_EQ(skips.step(0.5).kind, kNone);  // better: no cut wanted
}

// SequentialLR's step names its acting child; at a milestone it hands over, which ends a warm-up
// when the scheduler before warmed the rate up (a LinearLR from start_factor below end_factor).
TEST(EventKinds, SequentialHandsOverAtItsMilestones) {
  ParamGroup a = group();
  SchedulerList warm;
  warm.push_back(std::make_unique<LinearLR>(a, 0.1, 1.0, 3));
  warm.push_back(std::make_unique<StepLR>(a, 2));
  SequentialLR warm_step(a, std::move(warm), {3});
  std::vector<SchedulerEvent> e;
  for (int i = 0; i < 6; ++i) e.push_back(warm_step.step());
  Kinds got;
  for (const auto& event : e) got.push_back(event.kind);
  EXPECT_EQ(got, (Kinds{kLine, kLine, kWarmUpEnd, kNone, kStair, kNone}));
  EXPECT_EQ(e[0].actors, Names{"LinearLR"});
  EXPECT_EQ(e[2].actors, Names{"StepLR"});
  EXPECT_EQ(e[4].actors, Names{"StepLR"});

  ParamGroup b = group();
  SchedulerList constant;  // ConstantLR at half the rate, then StepLR from the full rate
  constant.push_back(std::make_unique<ConstantLR>(b, 0.5, 10));
  constant.push_back(std::make_unique<StepLR>(b, 2));
  SequentialLR constant_step(b, std::move(constant), {2});
  EXPECT_EQ(kinds(constant_step, 4), (Kinds{kNone, kHandOver, kNone, kStair}));

  ParamGroup c = group();
  SchedulerList decay;  // a LinearLR that decays is no warm-up
  decay.push_back(std::make_unique<LinearLR>(c, 1.0, 0.5, 2));
  decay.push_back(std::make_unique<ExponentialLR>(c, 0.9));
  SequentialLR decay_exp(c, std::move(decay), {2});
  EXPECT_EQ(kinds(decay_exp, 3), (Kinds{kLine, kHandOver, kLine}));
}

// A ChainedScheduler's step is the strongest of its moving children's kinds, and names each of
// them: ExponentialLR's steps are a line, a StepLR cut among them a stair, a restart a restart.
TEST(EventKinds, ChainedTakesTheStrongestOfItsMovingChildren) {
  ParamGroup a = group();
  SchedulerList step_exp;
  step_exp.push_back(std::make_unique<StepLR>(a, 3));
  step_exp.push_back(std::make_unique<ExponentialLR>(a, 0.9));
  ChainedScheduler mixed(a, std::move(step_exp));
  std::vector<SchedulerEvent> e;
  for (int i = 0; i < 6; ++i) e.push_back(mixed.step());
  Kinds got;
  for (const auto& event : e) got.push_back(event.kind);
  EXPECT_EQ(got, (Kinds{kLine, kLine, kStair, kLine, kLine, kStair}));
  EXPECT_EQ(e[0].actors, Names{"ExponentialLR"});
  EXPECT_EQ(e[2].actors, (Names{"StepLR", "ExponentialLR"}));

  ParamGroup b = group();  // the chained try-it: a ramp, then ExponentialLR alone
  SchedulerList ramp_exp;
  ramp_exp.push_back(std::make_unique<LinearLR>(b, 0.1, 1.0, 2));
  ramp_exp.push_back(std::make_unique<ExponentialLR>(b, 0.95));
  ChainedScheduler ramp(b, std::move(ramp_exp));
  const SchedulerEvent first = ramp.step();
  EXPECT_EQ(first.kind, kLine);
  EXPECT_EQ(first.actors, (Names{"LinearLR", "ExponentialLR"}));
  EXPECT_EQ(kinds(ramp, 3), Kinds(3, kLine));

  ParamGroup c = group();
  SchedulerList exp_restarts;
  exp_restarts.push_back(std::make_unique<ExponentialLR>(c, 0.9));
  exp_restarts.push_back(std::make_unique<CosineAnnealingWarmRestarts>(c, 2));
  ChainedScheduler restarting(c, std::move(exp_restarts));
  EXPECT_EQ(kinds(restarting, 4), (Kinds{kLine, kRestart, kLine, kRestart}));

  ParamGroup d = group();  // both move the rate, but cancel out: it stays, nothing to mark
  SchedulerList cancel;
  cancel.push_back(std::make_unique<StepLR>(d, 1, 0.5));
  cancel.push_back(std::make_unique<ExponentialLR>(d, 2.0));
  ChainedScheduler still(d, std::move(cancel));
  const SchedulerEvent none = still.step();
  EXPECT_FALSE(none.changed());
  EXPECT_EQ(none.kind, kNone);
  EXPECT_EQ(none.actors, (Names{"StepLR", "ExponentialLR"}));

  ParamGroup f = group();  // none moves it: the chain names itself
  SchedulerList idle;
  idle.push_back(std::make_unique<StepLR>(f, 5));
  ChainedScheduler waiting(f, std::move(idle));
  EXPECT_EQ(waiting.step().actors, Names{"ChainedScheduler"});
}

TrainerConfig with(std::initializer_list<std::pair<const char*, const char*>> settings) {
  TrainerConfig c;
  for (const auto& [key, value] : settings) set_option(c, key, value);
  validate(c);
  return c;
}

// Stepped per batch, an epoch's record is its steps as one change, of the strongest kind among
// them: the lesson's `batches` try-it cuts in epochs 4, 7 and 10 (the 30th, 60th and 90th of 9
// steps an epoch), whose last step did not cut.
TEST(EventKinds, APerBatchEpochIsItsStrongestStep) {
  const Dataset wine = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv");
  const TrainerConfig batches = with({{"standardize", "true"},
                                      {"scheduler", "step"},
                                      {"batch_size", "16"},
                                      {"scheduler_step", "batch"},
                                      {"epochs", "10"}});
  Trainer trainer(batches, wine);
  std::vector<int> stairs;
  while (!trainer.finished()) {
    const EpochRecord& r = trainer.step();
    EXPECT_EQ(r.event.actors, Names{"StepLR"}) << r.epoch;
    if (r.event.kind == kStair)
      stairs.push_back(r.epoch);
    else
      EXPECT_EQ(r.event.kind, kNone) << r.epoch;
  }
  EXPECT_EQ(stairs, (std::vector<int>{4, 7, 10}));

  // A 10-step warm-up before StepLR: it ends inside epoch 2, whose last step is StepLR's.
  TrainerConfig warm = batches;
  warm.warmup = 10;
  validate(warm);
  Trainer warming(warm, wine);
  EXPECT_EQ(warming.step().event.kind, kLine);
  const EpochRecord& ends = warming.step();
  EXPECT_EQ(ends.event.kind, kWarmUpEnd);
  EXPECT_EQ(ends.event.actors, Names{"StepLR"});
  EXPECT_EQ(warming.step().event.kind, kNone);
}

// The timetable's rises are discrete increases, which the scheduler panel names as the next
// restart or rise (it said "Cuts: none: the rate moves a little every epoch" for warm restarts
// that jump back to 0.1, and "Next cut: none" before ConstantLR's end tripled the rate).
TEST(TimetableRises, AreDiscreteIncreasesOnly) {
  const auto rises = [](std::initializer_list<std::pair<const char*, const char*>> settings) {
    return make_timetable(with(settings), 1).rises;
  };
  using Epochs = std::vector<int>;
  EXPECT_EQ(rises({{"schedule", "CosineAnnealingWarmRestarts(T_0=10, T_mult=2)"}}),
            (Epochs{10, 30, 70}));
  EXPECT_EQ(make_timetable(with({{"schedule", "CosineAnnealingWarmRestarts(T_0=10, T_mult=2)"}}), 1)
                .restarts,
            (Epochs{10, 30, 70}));
  EXPECT_EQ(rises({{"scheduler", "constant"}}), (Epochs{5}));  // 0.0333 -> 0.1 after epoch 5
  // A warm-up's end: SequentialLR hands 0.0933 over to StepLR's 0.1 after epoch 10.
  EXPECT_EQ(rises({{"scheduler", "step"}, {"warmup", "10"}}), (Epochs{10}));
  for (const char* none : {"StepLR(step_size=30)", "ExponentialLR(gamma=0.95)",
                           "CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=5)",
                           "LinearLR(start_factor=0.1, total_iters=5)"}) {
    EXPECT_TRUE(rises({{"schedule", none}}).empty()) << none;
  }
  // Stepped per batch, the epoch a restart falls in: T_0 = 20 optimizer steps, 9 an epoch.
  EXPECT_EQ(make_timetable(with({{"standardize", "true"},
                                 {"schedule", "CosineAnnealingWarmRestarts(T_0=20)"},
                                 {"batch_size", "16"},
                                 {"scheduler_step", "batch"},
                                 {"epochs", "10"}}),
                           9)
                .rises,
            (Epochs{3, 5, 7, 9}));
}

// Of the rises, the warm restarts are listed apart, inside a SequentialLR too, so that the panel
// names the next one "Next restart" (it chose the word by the root's class name, and said "Next
// rise" for the restarts after a warm-up).
TEST(TimetableRises, TheRestartsAreTheWarmRestartsOnly) {
  const Timetable table =
      make_timetable(with({{"schedule",
                            "SequentialLR([LinearLR(start_factor=0.1, total_iters=5), "
                            "CosineAnnealingWarmRestarts(T_0=10)], milestones=[5])"}}),
                     1);
  using Epochs = std::vector<int>;
  EXPECT_EQ(table.rises, (Epochs{5, 15, 25, 35, 45, 55, 65, 75, 85, 95}));
  EXPECT_EQ(table.restarts, (Epochs{15, 25, 35, 45, 55, 65, 75, 85, 95}));  // not the warm-up's end
  for (const char* none : {"StepLR(step_size=30)", "ConstantLR()"}) {
    EXPECT_TRUE(make_timetable(with({{"schedule", none}}), 1).restarts.empty()) << none;
  }
}

// The timetable's cuts are discrete decreases: a smooth schedule, alone or chained, has none
// (it had one every epoch, so the panel's "Next cut" named each next epoch), while StepLR's cuts
// stay, in a warm-up, behind a SequentialLR hand-over and among ExponentialLR's steps.
TEST(TimetableCuts, AreDiscreteDecreasesOnly) {
  for (const char* smooth :
       {"ChainedScheduler([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)])",
        "PolynomialLR(total_iters=50, power=2)", "ExponentialLR(gamma=0.95)",
        "CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=5)",
        "CosineAnnealingWarmRestarts(T_0=10)"}) {
    const Timetable table = make_timetable(with({{"schedule", smooth}}), 1);
    EXPECT_TRUE(table.cuts.empty()) << smooth << ": first cut " << table.cuts.front();
    EXPECT_TRUE(table.smooth) << smooth;
    EXPECT_TRUE(cut_epochs(with({{"schedule", smooth}}), 1).empty()) << smooth;
  }
  const Timetable mixed = make_timetable(
      with({{"schedule", "ChainedScheduler([StepLR(step_size=30), ExponentialLR(gamma=0.95)])"}}),
      1);
  EXPECT_EQ(mixed.cuts, (std::vector<int>{30, 60, 90}));
  EXPECT_TRUE(mixed.smooth);
  const Timetable step = make_timetable(with({{"scheduler", "step"}}), 1);
  EXPECT_EQ(step.cuts, (std::vector<int>{30, 60, 90}));
  EXPECT_FALSE(step.smooth);
  EXPECT_EQ(cut_epochs(with({{"scheduler", "step"}, {"warmup", "10"}}), 1),
            (std::vector<int>{40, 70, 100}));
  EXPECT_EQ(cut_epochs(with({{"scheduler", "multistep"}, {"milestones", "20,50"}}), 1),
            (std::vector<int>{20, 50}));
  EXPECT_EQ(cut_epochs(with({{"schedule",
                              "SequentialLR([ConstantLR(factor=0.5, total_iters=10), "
                              "StepLR(step_size=30)], milestones=[5])"}}),
                       1),
            (std::vector<int>{35, 65, 95}));
  // A hand-over to a lower rate is a cut: ExponentialLR doubles the rate, StepLR starts again
  // from the base rate at the milestone.
  EXPECT_EQ(cut_epochs(with({{"schedule",
                              "SequentialLR([ExponentialLR(gamma=2), StepLR(step_size=30)], "
                              "milestones=[3])"}}),
                       1),
            (std::vector<int>{3, 33, 63, 93}));
  // Stepped per batch: StepLR's cuts in the epochs they fall in; CyclicLR's none.
  const TrainerConfig per_batch = with({{"standardize", "true"},
                                        {"scheduler", "step"},
                                        {"batch_size", "16"},
                                        {"scheduler_step", "batch"},
                                        {"epochs", "10"}});
  EXPECT_EQ(cut_epochs(per_batch, 9), (std::vector<int>{4, 7, 10}));
  TrainerConfig cyclic = per_batch;
  set_option(cyclic, "scheduler", "cyclic");
  set_option(cyclic, "step_size_up", "5");
  validate(cyclic);
  EXPECT_TRUE(cut_epochs(cyclic, 9).empty());
}

}  // namespace
}  // namespace lrplay
