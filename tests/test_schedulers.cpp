// StepLR, ExponentialLR, CosineAnnealingLR, LinearLR, ReduceLROnPlateau and check_range
// (cpp/schedulers.*). The expected rates follow torch/optim/lr_scheduler.py (PyTorch 1.13): StepLR,
// ExponentialLR, CosineAnnealingLR and LinearLR update the current rate ("chainable form", checked
// against the closed forms of the PyTorch docs); ReduceLROnPlateau.step() is, per epoch:
//   if is_better(metric, best): best = metric; num_bad_epochs = 0   else: num_bad_epochs += 1
//   if cooldown_counter > 0:    cooldown_counter -= 1; num_bad_epochs = 0
//   if num_bad_epochs > patience:
//       new_lr = max(lr * factor, min_lr); if lr - new_lr > eps: lr = new_lr
//       cooldown_counter = cooldown; num_bad_epochs = 0
// with is_better (mode min): rel: a < best * (1 - threshold), abs: a < best - threshold
//                  (mode max): rel: a > best * (1 + threshold), abs: a > best + threshold.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include "schedulers.hpp"

namespace lrplay {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.141592653589793;  // math.pi

// A param group at rate `lr`, as an optimizer built with lr=lr holds it.
ParamGroup at(double lr) {
  ParamGroup g;
  g.lr = lr;
  return g;
}

// Feeds `metrics` to `s` starting from `lr`; returns the rate after each step.
std::vector<double> run(Scheduler& s, double lr, const std::vector<double>& metrics) {
  std::vector<double> out;
  for (double m : metrics) {
    const SchedulerEvent e = s.step(lr, m);
    EXPECT_EQ(e.lr_before, lr);
    lr = e.lr_after;
    out.push_back(lr);
  }
  return out;
}

// The epochs (1-based) at which the rate changed.
std::vector<int> cuts(Scheduler& s, double lr, const std::vector<double>& metrics) {
  std::vector<int> out;
  for (double m : metrics) {
    const SchedulerEvent e = s.step(lr, m);
    if (e.changed()) out.push_back(e.epoch);
    lr = e.lr_after;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// StepLR and ExponentialLR

TEST(StepLR, CutsEveryStepSizeEpochs) {
  ParamGroup s_group;
  StepLR s(s_group, 3, 0.5);
  EXPECT_EQ(run(s, 1.0, std::vector<double>(7, 0.0)),
            (std::vector<double>{1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25}));
  EXPECT_EQ(s.state().last_epoch, 7);
  EXPECT_TRUE(std::isnan(s.state().best));  // plateau fields only for ReduceLROnPlateau
  EXPECT_EQ(s.name(), "StepLR");
}

TEST(StepLR, ChainableArithmetic) {
  // PyTorch multiplies the current rate, in double, left to right; the values below are what
  //   /usr/bin/python3 -c "import torch; p=[torch.zeros(1,requires_grad=True)];
  //     o=torch.optim.SGD(p,lr=0.1); s=torch.optim.lr_scheduler.StepLR(o,1,0.1)
  //     [(o.step(), s.step(), print(repr(o.param_groups[0]['lr']))) for _ in range(3)]"
  // prints: 0.010000000000000002, 0.0010000000000000002, 0.00010000000000000003 (not 1e-2, 1e-3,
  // 1e-4).
  ParamGroup s_group;
  StepLR s(s_group, 1, 0.1);
  const std::vector<double> lrs = run(s, 0.1, {0, 0, 0});
  EXPECT_EQ(lrs[0], 0.010000000000000002);
  EXPECT_EQ(lrs[1], 0.0010000000000000002);
  EXPECT_NE(lrs[1], 1e-3);
  EXPECT_EQ(lrs[2], 0.00010000000000000003);
  EXPECT_NE(lrs[2], 1e-4);
}

TEST(StepLR, EventExplainsTheCut) {
  ParamGroup s_group;
  StepLR s(s_group, 2, 0.1);
  EXPECT_EQ(s.step(0.1, 0).reason, "");
  const SchedulerEvent e = s.step(0.1, 0);
  EXPECT_TRUE(e.changed());
  EXPECT_EQ(e.epoch, 2);
  EXPECT_NE(e.reason.find("gamma = 0.1"), std::string::npos) << e.reason;
  EXPECT_NE(e.reason.find("every 2 epochs"), std::string::npos) << e.reason;
}

TEST(ExponentialLR, MultipliesEveryEpoch) {
  ParamGroup s_group;
  ExponentialLR s(s_group, 0.5);
  EXPECT_EQ(run(s, 1.0, {0, 0, 0, 0}), (std::vector<double>{0.5, 0.25, 0.125, 0.0625}));
  // Chainable, like StepLR(1, 0.1): 0.1 * 0.1 * 0.1 exactly as Python computes it.
  ParamGroup t_group;
  ExponentialLR t(t_group, 0.1);
  EXPECT_EQ(run(t, 0.1, {0, 0}).back(), 0.0010000000000000002);
  // gamma > 1 is accepted (PyTorch does not forbid it): the rate grows.
  ParamGroup g_group;
  ExponentialLR g(g_group, 10);
  EXPECT_EQ(run(g, 0.1, {0, 0}).back(), 0.1 * 10 * 10);
}

TEST(NoScheduler, KeepsTheRate) {
  ParamGroup s_group;
  NoScheduler s(s_group);
  EXPECT_EQ(run(s, 0.3, {1, kNaN, 2}), (std::vector<double>{0.3, 0.3, 0.3}));
  EXPECT_EQ(s.state().last_epoch, 3);
}

// ---------------------------------------------------------------------------------------------
// CosineAnnealingLR and LinearLR: the chainable recursion must stay on the docs' closed forms.

void expect_rel(double actual, double expected, double rel, const std::string& where) {
  if (expected == 0) {
    EXPECT_EQ(actual, 0) << where;
  } else {
    EXPECT_LE(std::abs(actual - expected) / std::abs(expected), rel)
        << where << ": " << actual << " vs " << expected;
  }
}

// eta_min + (base_lr - eta_min) * (1 + cos(pi * t / T_max)) / 2: the docs' formula, no restarts.
double cosine_closed(double base, int t_max, double eta_min, int t) {
  return eta_min + (base - eta_min) * (1 + std::cos(kPi * t / t_max)) / 2;
}

// LinearLR._get_closed_form_lr: base * (start + (end - start) * min(total, t) / total).
double linear_closed(double base, double start, double end, int total, int t) {
  return base * (start + (end - start) * std::min(total, t) / total);
}

TEST(CosineAnnealingLR, FollowsTheClosedFormPastTMax) {
  struct Case {
    double base;
    int t_max;
    double eta_min;
    int steps;
  };
  for (const Case& c : {Case{0.1, 10, 0.001, 35}, Case{0.1, 100, 0.0, 250}, Case{1.0, 7, 0.5, 60},
                        Case{0.01, 3, 0.0, 20}}) {
    ParamGroup g = at(c.base);
    CosineAnnealingLR s(g, c.t_max, c.eta_min);
    EXPECT_EQ(g.lr, c.base);
    const std::vector<double> lrs = run(s, c.base, std::vector<double>(c.steps, 0.0));
    for (int t = 1; t <= c.steps; ++t) {
      expect_rel(lrs[t - 1], cosine_closed(c.base, c.t_max, c.eta_min, t), 1e-12,
                 "T_max " + std::to_string(c.t_max) + " epoch " + std::to_string(t));
    }
  }
}

TEST(CosineAnnealingLR, ReachesEtaMinAtTMaxThenRisesAgain) {
  ParamGroup s_group = at(0.1);
  CosineAnnealingLR s(s_group, 10, 0.001);
  const std::vector<double> lrs = run(s, 0.1, std::vector<double>(30, 0.0));
  EXPECT_EQ(lrs[9], 0.001);  // 1 + cos(pi) is exactly 0
  for (int t = 11; t <= 20; ++t) EXPECT_GT(lrs[t - 1], lrs[t - 2]) << t;  // no restart, no hold
  expect_rel(lrs[19], 0.1, 1e-12, "back at base_lr at 2 * T_max");
  for (int t = 21; t <= 30; ++t) EXPECT_LT(lrs[t - 1], lrs[t - 2]) << t;
  EXPECT_EQ(lrs[29], 0.001);
  EXPECT_EQ(s.state().last_epoch, 30);
  EXPECT_EQ(s.name(), "CosineAnnealingLR");
}

TEST(CosineAnnealingLR, ChainableArithmeticAsPyTorch) {
  // /usr/bin/python3 -c "import torch; p=[torch.zeros(1,requires_grad=True)]
  //   o=torch.optim.SGD(p,lr=0.1); s=torch.optim.lr_scheduler.CosineAnnealingLR(o,3)
  //   [(s.step(), print(repr(o.param_groups[0]['lr']))) for _ in range(6)]"
  // Epoch 4 is (4 - 1 - T_max) % (2 * T_max) == 0: lr + base_lr * (1 - cos(pi / 3)) / 2.
  ParamGroup s_group = at(0.1);
  CosineAnnealingLR s(s_group, 3);
  EXPECT_EQ(run(s, 0.1, std::vector<double>(6, 0.0)),
            (std::vector<double>{0.075000000000000011, 0.025000000000000015, 0,
                                 0.024999999999999994, 0.075000000000000053, 0.10000000000000006}));
  // The recursion scales whatever rate it is given (the chainable form), toward eta_min.
  ParamGroup t_group = at(0.1);
  CosineAnnealingLR t(t_group, 4, 0.01);
  const double ratio = (1 + std::cos(kPi * 1 / 4)) / (1 + std::cos(kPi * 0 / 4));
  EXPECT_EQ(t.step(0.05, 0).lr_after, ratio * (0.05 - 0.01) + 0.01);
}

TEST(CosineAnnealingLR, TMaxOneAlternates) {
  // Every odd epoch is a minimum; every even one takes the special branch: back up to base_lr.
  ParamGroup s_group = at(0.2);
  CosineAnnealingLR s(s_group, 1, 0.05);
  const std::vector<double> lrs = run(s, 0.2, std::vector<double>(6, 0.0));
  for (int t = 1; t <= 6; ++t) expect_rel(lrs[t - 1], t % 2 ? 0.05 : 0.2, 1e-15, std::to_string(t));
}

TEST(CosineAnnealingLR, EventsExplainThePhase) {
  ParamGroup s_group = at(0.1);
  CosineAnnealingLR s(s_group, 4, 0.0);
  std::vector<SchedulerEvent> e;
  double lr = 0.1;
  for (int i = 0; i < 9; ++i) {
    e.push_back(s.step(lr, 0));
    lr = e.back().lr_after;
  }
  EXPECT_EQ(e[0].reason,
            "CosineAnnealingLR follows half a cosine from 0.1 to eta_min = 0 over T_max = 4 epochs "
            "(epoch 1 of 4)");
  EXPECT_TRUE(e[0].changed());
  EXPECT_EQ(e[3].reason, "CosineAnnealingLR reaches eta_min = 0 at T_max = 4 (epoch 4)");
  EXPECT_EQ(e[4].reason,
            "CosineAnnealingLR goes on along the cosine past T_max = 4, so the rate rises back "
            "toward 0.1 (epoch 5)");
  EXPECT_NE(e[7].reason.find("back at 0.1"), std::string::npos) << e[7].reason;
  EXPECT_NE(e[8].reason.find("falls again toward eta_min = 0"), std::string::npos) << e[8].reason;
  // T_max echoed as typed (text.hpp), the epoch a position: neither grouped.
  ParamGroup long_group = at(0.1);
  CosineAnnealingLR long_run(long_group, 1500, 0.0);
  EXPECT_EQ(long_run.step(0.1, 0).reason,
            "CosineAnnealingLR follows half a cosine from 0.1 to eta_min = 0 over T_max = 1500 "
            "epochs (epoch 1 of 1500)");
}

TEST(LinearLR, InitialRateIsStartFactorTimesBase) {
  // PyTorch's constructor multiplies param_groups[0]["lr"] by start_factor: epoch 1 trains at it.
  ParamGroup a = at(0.1), b = at(0.2);
  LinearLR defaults(a), quarter(b, 0.25, 1.0, 4);
  EXPECT_EQ(a.lr, 0.1 * (1.0 / 3));
  EXPECT_EQ(b.lr, 0.05);
  EXPECT_EQ(*a.initial_lr, 0.1);  // the base rate the factors apply to
}

TEST(LinearLR, ChainableArithmeticAsPyTorch) {
  // /usr/bin/python3 -c "import torch; p=[torch.zeros(1,requires_grad=True)]
  //   o=torch.optim.SGD(p,lr=0.1); s=torch.optim.lr_scheduler.LinearLR(o)
  //   [(s.step(), print(repr(o.param_groups[0]['lr']))) for _ in range(6)]"
  ParamGroup s_group = at(0.1);
  LinearLR s(s_group);
  EXPECT_EQ(run(s, s_group.lr, std::vector<double>(6, 0.0)),
            (std::vector<double>{0.046666666666666669, 0.060000000000000005, 0.073333333333333348,
                                 0.086666666666666684, 0.10000000000000001, 0.10000000000000001}));
}

TEST(LinearLR, FollowsTheClosedForm) {
  struct Case {
    double start, end;
    int total;
  };
  for (const Case& c : {Case{1.0 / 3, 1.0, 5}, Case{0.1, 1.0, 20}, Case{1.0, 0.5, 4},
                        Case{0.5, 0.0, 3}, Case{0.7, 0.7, 2}, Case{1e-3, 1.0, 1}}) {
    const std::string where = "start " + std::to_string(c.start) + " end " + std::to_string(c.end);
    const double base = 0.05;
    ParamGroup g = at(base);
    LinearLR s(g, c.start, c.end, c.total);
    expect_rel(g.lr, linear_closed(base, c.start, c.end, c.total, 0), 1e-15, where);
    const std::vector<double> lrs = run(s, g.lr, std::vector<double>(c.total + 5, 0.0));
    for (int t = 1; t <= c.total + 5; ++t) {
      expect_rel(lrs[t - 1], linear_closed(base, c.start, c.end, c.total, t), 1e-12,
                 where + " epoch " + std::to_string(t));
    }
  }
}

TEST(LinearLR, HoldsAfterTotalIters) {
  ParamGroup g = at(1.0);
  LinearLR s(g, 0.5, 1.0, 2);
  double lr = g.lr;
  EXPECT_EQ(lr, 0.5);
  SchedulerEvent e = s.step(lr, 0);
  EXPECT_EQ(e.lr_after, 0.75);
  EXPECT_EQ(e.reason,
            "LinearLR warms up linearly, to factor 0.75 of the base rate for epoch 2 of 2");
  e = s.step(e.lr_after, 0);
  EXPECT_EQ(e.lr_after, 1.0);
  EXPECT_EQ(e.reason, "LinearLR ends its warm-up at factor 1 of the base rate, kept from now on");
  for (int i = 0; i < 3; ++i) {
    e = s.step(1.0, 0);
    EXPECT_FALSE(e.changed());
    EXPECT_EQ(e.reason, "");
  }
  EXPECT_EQ(s.state().last_epoch, 5);
  EXPECT_EQ(s.name(), "LinearLR");
}

TEST(LinearLR, EventsForTheDefaultWarmUpAndForADecay) {
  ParamGroup g = at(0.1);
  LinearLR s(g);
  EXPECT_EQ(s.step(g.lr, 0).reason,
            "LinearLR warms up linearly, to factor 0.467 of the base rate for epoch 2 of 5");
  ParamGroup h = at(1.0);
  LinearLR d(h, 1.0, 0.5, 2);
  EXPECT_EQ(d.step(1.0, 0).reason,
            "LinearLR decays linearly, to factor 0.75 of the base rate for epoch 2 of 2");
  EXPECT_EQ(d.step(0.75, 0).reason,
            "LinearLR ends its decay at factor 0.5 of the base rate, kept from now on");
}

// ---------------------------------------------------------------------------------------------
// ReduceLROnPlateau

TEST(ReduceLROnPlateau, FirstCutElevenEpochsAfterTheLastImprovement) {
  // Default patience 10: improvement at epoch 1, then epochs 2..11 are 10 bad epochs (not more than
  // patience), epoch 12 is the 11th: the cut happens there, 11 epochs after the improvement.
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, PlateauOptions{});
  std::vector<double> metrics(30, 1.0);
  const std::vector<double> lrs = run(s, 0.1, metrics);
  for (int epoch = 1; epoch <= 11; ++epoch) EXPECT_EQ(lrs[epoch - 1], 0.1) << epoch;
  EXPECT_EQ(lrs[11], 0.1 * 0.1);  // epoch 12
  // After a cut the count restarts: the next is 11 epochs later, at epoch 23.
  for (int epoch = 12; epoch <= 22; ++epoch) EXPECT_EQ(lrs[epoch - 1], 0.1 * 0.1) << epoch;
  EXPECT_EQ(lrs[22], 0.1 * 0.1 * 0.1);
  ParamGroup again_group;
  ReduceLROnPlateau again(again_group, PlateauOptions{});
  EXPECT_EQ(cuts(again, 0.1, metrics), (std::vector<int>{12, 23}));
}

TEST(ReduceLROnPlateau, ImprovementResetsTheCount) {
  PlateauOptions o;
  o.patience = 2;
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, o);
  // 3.0 better than inf; 3.0, 3.0 bad (1, 2); 2.0 better (0); 2.5, 2.1, 2.0 bad (1, 2, 3 -> cut at
  // 7).
  EXPECT_EQ(cuts(s, 1.0, {3.0, 3.0, 3.0, 2.0, 2.5, 2.1, 2.0}), std::vector<int>{7});
}

TEST(ReduceLROnPlateau, PatienceZeroCutsAtEveryBadEpoch) {
  PlateauOptions o;
  o.patience = 0;
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, o);
  EXPECT_EQ(run(s, 1.0, {5, 5, 4, 6}), (std::vector<double>{1.0, 0.1, 0.1, 0.1 * 0.1}));
}

TEST(ReduceLROnPlateau, CooldownIgnoresBadEpochs) {
  PlateauOptions o;
  o.patience = 1;
  o.cooldown = 2;
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, o);
  // Epoch 1 improves; 2, 3 bad -> cut at 3, cooldown_counter = 2. Epochs 4, 5 are in cooldown
  // (counter 2 -> 1 -> 0, bad count forced to 0). Epochs 6, 7 bad -> cut at 7.
  std::vector<double> metrics(9, 1.0);
  ParamGroup probe_group;
  ReduceLROnPlateau probe(probe_group, o);
  EXPECT_EQ(cuts(s, 1.0, metrics), (std::vector<int>{3, 7}));
  // state() along the way.
  probe.step(1.0, 1.0);
  probe.step(1.0, 1.0);
  probe.step(1.0, 1.0);  // the cut
  EXPECT_EQ(probe.state().cooldown_counter, 2);
  EXPECT_EQ(probe.state().num_bad_epochs, 0);
  probe.step(0.1, 1.0);
  EXPECT_EQ(probe.state().cooldown_counter, 1);
  EXPECT_EQ(probe.state().num_bad_epochs, 0);
  probe.step(0.1, 1.0);
  EXPECT_EQ(probe.state().cooldown_counter, 0);
  EXPECT_EQ(probe.state().num_bad_epochs, 0);
  probe.step(0.1, 1.0);
  EXPECT_EQ(probe.state().num_bad_epochs, 1);  // counting again
  // Without cooldown, the second cut would come two epochs after the first (at 5).
  PlateauOptions no_cooldown = o;
  no_cooldown.cooldown = 0;
  ParamGroup plain_group;
  ReduceLROnPlateau plain(plain_group, no_cooldown);
  EXPECT_EQ(cuts(plain, 1.0, metrics), (std::vector<int>{3, 5, 7, 9}));
}

TEST(ReduceLROnPlateau, MinLrClamps) {
  PlateauOptions o;
  o.patience = 0;
  o.min_lr = 0.05;
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, o);
  // 1.0 -> 0.1 -> max(0.01, 0.05) = 0.05 -> max(0.005, 0.05) = 0.05: no change, no cut.
  const std::vector<SchedulerEvent> events = [&] {
    std::vector<SchedulerEvent> out;
    double lr = 1.0;
    for (double m : {1.0, 1.0, 1.0, 1.0}) {
      out.push_back(s.step(lr, m));
      lr = out.back().lr_after;
    }
    return out;
  }();
  EXPECT_EQ(events[1].lr_after, 0.1);
  EXPECT_EQ(events[2].lr_after, 0.05);
  EXPECT_NE(events[2].reason.find("min_lr"), std::string::npos) << events[2].reason;
  EXPECT_EQ(events[3].lr_after, 0.05);
  EXPECT_FALSE(events[3].changed());
}

TEST(ReduceLROnPlateau, CutSmallerThanEpsIsSkipped) {
  PlateauOptions o;
  o.patience = 0;
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, o);
  // lr = 1e-8: the cut to 1e-9 changes it by 9e-9, not more than eps = 1e-8: _reduce_lr skips it.
  const SchedulerEvent first = s.step(1e-8, 1.0);
  EXPECT_FALSE(first.changed());
  const SchedulerEvent bad = s.step(1e-8, 1.0);
  EXPECT_FALSE(bad.changed());
  EXPECT_EQ(bad.lr_after, 1e-8);
  EXPECT_NE(bad.reason.find("eps"), std::string::npos) << bad.reason;
  EXPECT_NE(bad.reason.find("patience"), std::string::npos) << bad.reason;
  // The skipped cut still restarts the count (num_bad_epochs = 0), as in PyTorch.
  EXPECT_EQ(s.state().num_bad_epochs, 0);
  // With a smaller eps the same cut happens.
  o.eps = 1e-9;
  ParamGroup t_group;
  ReduceLROnPlateau t(t_group, o);
  t.step(1e-8, 1.0);
  EXPECT_EQ(t.step(1e-8, 1.0).lr_after, 1e-8 * 0.1);
  // The comparison is strict: a change of exactly eps is skipped (0.5 - 0.25 = 0.25, eps 0.25).
  PlateauOptions exact;
  exact.patience = 0;
  exact.factor = 0.5;
  exact.eps = 0.25;
  ParamGroup u_group;
  ReduceLROnPlateau u(u_group, exact);
  u.step(0.5, 1.0);
  EXPECT_FALSE(u.step(0.5, 1.0).changed());
}

TEST(ReduceLROnPlateau, RelativeThreshold) {
  PlateauOptions o;
  o.patience = 0;
  o.threshold = 0.1;  // mode min, rel: better means below best * 0.9
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, o);
  // best 1.0; 0.95 is not below 0.9 (bad: cut); 0.85 is (better, best 0.85); 0.8 not below 0.765.
  EXPECT_EQ(cuts(s, 1.0, {1.0, 0.95, 0.85, 0.8}), (std::vector<int>{2, 4}));
  EXPECT_EQ(s.state().best, 0.85);
}

TEST(ReduceLROnPlateau, AbsoluteThreshold) {
  PlateauOptions o;
  o.patience = 0;
  o.threshold = 0.1;
  o.threshold_abs = true;  // better means below best - 0.1
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, o);
  // best 10; 9.95 bad (cut); 9.85 better (< 9.9); 9.8 bad (not < 9.75). Relative mode calls all
  // three bad: none is below 10 * (1 - 0.1) = 9.
  EXPECT_EQ(cuts(s, 1.0, {10.0, 9.95, 9.85, 9.8}), (std::vector<int>{2, 4}));
  EXPECT_EQ(s.state().best, 9.85);
  PlateauOptions rel = o;
  rel.threshold_abs = false;
  ParamGroup r_group;
  ReduceLROnPlateau r(r_group, rel);
  EXPECT_EQ(cuts(r, 1.0, {10.0, 9.95, 9.85, 9.8}), (std::vector<int>{2, 3, 4}));
}

TEST(ReduceLROnPlateau, RelativeThresholdWithNegativeMetrics) {
  // PyTorch's rel rule multiplies best, so for a negative best (mode min) the bar is above best:
  // best = -1, threshold 0.1: a < -0.9 counts as better, so -0.95 (worse than -1) "improves".
  PlateauOptions o;
  o.patience = 0;
  o.threshold = 0.1;
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, o);
  EXPECT_TRUE(cuts(s, 1.0, {-1.0, -0.95}).empty());
  EXPECT_EQ(s.state().best, -0.95);
}

TEST(ReduceLROnPlateau, ModeMax) {
  PlateauOptions o;
  o.mode_max = true;
  o.patience = 1;
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, o);
  EXPECT_EQ(s.state().best, -kInf);  // mode_worse for max
  // 0.5 better; 0.5 bad; 0.6 better (> 0.5 * 1.0001); 0.4, 0.59 bad -> cut at 5.
  EXPECT_EQ(cuts(s, 1.0, {0.5, 0.5, 0.6, 0.4, 0.59}), std::vector<int>{5});
  EXPECT_EQ(s.state().best, 0.6);
  // The same metrics in mode min: 0.5 best, 0.5 bad, 0.6 bad -> cut at 3; 0.4 better; 0.59 bad.
  PlateauOptions min = o;
  min.mode_max = false;
  ParamGroup m_group;
  ReduceLROnPlateau m(m_group, min);
  EXPECT_EQ(cuts(m, 1.0, {0.5, 0.5, 0.6, 0.4, 0.59}), std::vector<int>{3});
}

TEST(ReduceLROnPlateau, NaNMetricCountsAsBad) {
  PlateauOptions o;
  o.patience = 1;
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, o);
  s.step(1.0, 0.5);
  s.step(1.0, kNaN);
  EXPECT_EQ(s.state().num_bad_epochs, 1);
  EXPECT_EQ(s.state().best, 0.5);  // a NaN never becomes the best
  EXPECT_TRUE(s.step(1.0, kNaN).changed());
  // NaN from the very start is bad too (NaN < inf is false).
  ParamGroup t_group;
  ReduceLROnPlateau t(t_group, o);
  t.step(1.0, kNaN);
  EXPECT_EQ(t.state().num_bad_epochs, 1);
  EXPECT_EQ(t.state().best, kInf);
}

TEST(ReduceLROnPlateau, InfiniteMetrics) {
  PlateauOptions o;
  o.patience = 0;
  // mode min: +inf is never below best (inf < inf * 0.9999 is false): bad from the start.
  ParamGroup pos_group;
  ReduceLROnPlateau pos(pos_group, o);
  EXPECT_TRUE(pos.step(1.0, kInf).changed());
  // -inf beats the initial inf and becomes the best; nothing beats it afterwards, not even -inf.
  ParamGroup neg_group;
  ReduceLROnPlateau neg(neg_group, o);
  EXPECT_FALSE(neg.step(1.0, -kInf).changed());
  EXPECT_EQ(neg.state().best, -kInf);
  EXPECT_TRUE(neg.step(1.0, -kInf).changed());
  // mode max mirrors it: +inf becomes the best, -inf is bad.
  o.mode_max = true;
  ParamGroup max_group;
  ReduceLROnPlateau max(max_group, o);
  EXPECT_FALSE(max.step(1.0, kInf).changed());
  EXPECT_EQ(max.state().best, kInf);
  EXPECT_TRUE(max.step(1.0, 1e300).changed());
  ParamGroup max_neg_group;
  ReduceLROnPlateau max_neg(max_neg_group, o);
  EXPECT_TRUE(max_neg.step(1.0, -kInf).changed());
}

TEST(ReduceLROnPlateau, StateFields) {
  PlateauOptions o;
  o.patience = 3;
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, o);
  SchedulerState st = s.state();
  EXPECT_EQ(st.last_epoch, 0);
  EXPECT_EQ(st.best, kInf);  // mode_worse for min
  EXPECT_EQ(st.num_bad_epochs, 0);
  EXPECT_EQ(st.cooldown_counter, 0);
  s.step(0.1, 2.0);
  s.step(0.1, 2.5);
  s.step(0.1, 3.0);
  st = s.state();
  EXPECT_EQ(st.last_epoch, 3);
  EXPECT_EQ(st.best, 2.0);
  EXPECT_EQ(st.num_bad_epochs, 2);
  s.step(0.1, 1.0);
  EXPECT_EQ(s.state().best, 1.0);
  EXPECT_EQ(s.state().num_bad_epochs, 0);
  EXPECT_EQ(s.state().last_epoch, 4);
  EXPECT_EQ(s.name(), "ReduceLROnPlateau");
}

TEST(ReduceLROnPlateau, ReasonMentionsPatience) {
  PlateauOptions o;
  o.patience = 2;
  ParamGroup s_group;
  ReduceLROnPlateau s(s_group, o);
  std::vector<SchedulerEvent> events;
  for (int i = 0; i < 4; ++i) events.push_back(s.step(0.1, 1.0));
  EXPECT_TRUE(events[0].reason.empty());
  EXPECT_TRUE(events[2].reason.empty());  // 2 bad epochs: not more than patience yet
  const std::string& why = events[3].reason;
  EXPECT_TRUE(events[3].changed());
  EXPECT_NE(why.find("no improvement for 3 epochs"), std::string::npos) << why;
  EXPECT_NE(why.find("patience 2"), std::string::npos) << why;
  EXPECT_NE(why.find("factor = 0.1"), std::string::npos) << why;
  // patience 0: one bad epoch cuts, and the reason says so in the singular.
  ParamGroup eager_group;
  PlateauOptions eager_options;
  eager_options.patience = 0;
  ReduceLROnPlateau eager(eager_group, eager_options);
  eager.step(0.1, 1.0);
  EXPECT_EQ(eager.step(0.1, 1.0).reason.rfind("no improvement for 1 epoch (patience 0)", 0), 0u);
  // Counts of 1,000 and up are grouped (text.hpp).
  ParamGroup patient_group;
  PlateauOptions patient_options;
  patient_options.patience = 1500;
  ReduceLROnPlateau patient(patient_group, patient_options);
  for (int i = 0; i < 1501; ++i) patient.step(0.1, 1.0);
  EXPECT_EQ(
      patient.step(0.1, 1.0).reason.rfind("no improvement for 1,501 epochs (patience 1,500)", 0),
      0u);
}

// ---------------------------------------------------------------------------------------------
// Rejected parameters: ConfigError naming the parameter.

// A group for schedulers built only to see whether their parameters are accepted.
ParamGroup& fresh() {
  static ParamGroup group;
  group = at(0.1);
  return group;
}

void expect_config_error(const std::function<void()>& make, const std::string& parameter) {
  try {
    make();
    ADD_FAILURE() << parameter << ": accepted";
  } catch (const ConfigError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(parameter + " = ", 0), 0u) << msg;  // starts with the name
  }
}

PlateauOptions with(const std::function<void(PlateauOptions&)>& change) {
  PlateauOptions o;
  change(o);
  return o;
}

TEST(SchedulerParameters, RejectedValuesNameTheParameter) {
  for (double bad : {1.0, 1.5, -0.1, kNaN, kInf, -kInf}) {
    expect_config_error([&] { ReduceLROnPlateau(fresh(), with([&](auto& o) { o.factor = bad; })); },
                        "factor");
  }
  expect_config_error([] { ReduceLROnPlateau(fresh(), with([](auto& o) { o.patience = -1; })); },
                      "patience");
  expect_config_error([] { ReduceLROnPlateau(fresh(), with([](auto& o) { o.cooldown = -1; })); },
                      "cooldown");
  for (double bad : {-1e-9, kNaN, kInf}) {
    expect_config_error([&] { ReduceLROnPlateau(fresh(), with([&](auto& o) { o.min_lr = bad; })); },
                        "min_lr");
    expect_config_error([&] { ReduceLROnPlateau(fresh(), with([&](auto& o) { o.eps = bad; })); },
                        "eps");
    expect_config_error(
        [&] { ReduceLROnPlateau(fresh(), with([&](auto& o) { o.threshold = bad; })); },
        "threshold");
  }
  // rel mode: threshold must stay below 1 (1 - threshold scales best); abs mode: any finite >= 0.
  expect_config_error([] { ReduceLROnPlateau(fresh(), with([](auto& o) { o.threshold = 1.0; })); },
                      "threshold");
  EXPECT_NO_THROW(ReduceLROnPlateau(fresh(), with([](auto& o) {
                                      o.threshold = 5.0;
                                      o.threshold_abs = true;
                                    })));
  expect_config_error(
      [] {
        ReduceLROnPlateau(fresh(), with([](auto& o) {
                            o.threshold = kInf;
                            o.threshold_abs = true;
                          }));
      },
      "threshold");

  for (int bad : {0, -1}) expect_config_error([&] { StepLR(fresh(), bad, 0.1); }, "step_size");
  for (double bad : {0.0, -0.5, kNaN, kInf}) {
    expect_config_error([&] { StepLR(fresh(), 5, bad); }, "gamma");
    expect_config_error([&] { ExponentialLR(fresh(), bad); }, "gamma");
  }

  for (int bad : {0, -1}) expect_config_error([&] { CosineAnnealingLR(fresh(), bad); }, "t_max");
  for (double bad : {-1e-9, kNaN, kInf}) {
    expect_config_error([&] { CosineAnnealingLR(fresh(), 10, bad); }, "eta_min");
  }
  // start_factor 0 is refused: PyTorch 1.13 takes it, then divides by zero at the first step.
  for (double bad : {0.0, -0.1, 1.0000001, kNaN, kInf}) {
    expect_config_error([&] { LinearLR(fresh(), bad, 1.0, 5); }, "start_factor");
  }
  for (double bad : {-0.1, 1.5, kNaN, -kInf}) {
    expect_config_error([&] { LinearLR(fresh(), 0.5, bad, 5); }, "end_factor");
  }
  for (int bad : {0, -5})
    expect_config_error([&] { LinearLR(fresh(), 0.5, 1.0, bad); }, "total_iters");
  try {
    LinearLR(fresh(), 0.0, 1.0, 5);
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "start_factor = 0 is not accepted: start_factor must be in (0, 1]");
  }
}

TEST(SchedulerParameters, AcceptedEdges) {
  // factor 0 (cut to min_lr), patience/cooldown/min_lr/eps/threshold 0: all meaningful.
  EXPECT_NO_THROW(ReduceLROnPlateau(fresh(), with([](auto& o) {
                                      o.factor = 0;
                                      o.patience = 0;
                                      o.cooldown = 0;
                                      o.min_lr = 0;
                                      o.eps = 0;
                                      o.threshold = 0;
                                    })));
  EXPECT_NO_THROW(StepLR(fresh(), 1, 1e-300));
  EXPECT_NO_THROW(ExponentialLR(fresh(), 1.0));
  EXPECT_NO_THROW(CosineAnnealingLR(fresh(), 1, 0.0));
  EXPECT_NO_THROW(
      CosineAnnealingLR(fresh(), 10, 0.5));  // eta_min above the rate: PyTorch allows it
  EXPECT_NO_THROW(LinearLR(fresh(), 1.0, 0.0, 1));
  EXPECT_NO_THROW(LinearLR(fresh(), 1e-300, 1.0, 10000));
}

TEST(CheckRange, MessageShowsTheRange) {
  try {
    check_range("factor", 1.0, 0, 1, false, true);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "factor = 1 is not accepted: factor must be in [0, 1)");
  }
  try {
    check_range("lr", kNaN, 0, kInf, true);
    FAIL();
  } catch (const ConfigError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("lr must be greater than 0 and finite"), std::string::npos) << msg;
  }
  EXPECT_NO_THROW(check_range("x", 0.0, 0, 1));
  EXPECT_NO_THROW(check_range("x", 1.0, 0, 1));
  EXPECT_THROW(check_range("x", 0.0, 0, 1, true), ConfigError);
}

}  // namespace
}  // namespace lrplay
