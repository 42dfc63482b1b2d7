// Replays schedule references through the scheduler classes, rates and momentum to 1e-12 relative
// (the project's schedule tolerance): every practice reference
// (tests/golden/practice/schedule_*.csv, PyTorch 2.6) built twice, from the flags on its first line
// and from the same scheduler written as a PyTorch expression; and every tests/golden/sched
// reference (composite schedules, PyTorch 1.13) from its --schedule expression.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "schedule_expr.hpp"
#include "schedulers.hpp"

namespace fs = std::filesystem;

namespace lrplay {
namespace {

struct Reference {
  std::map<std::string, std::string>
      flags;                              // "--lr 0.1" -> {"lr", "0.1"}; "--three-phase" -> "true"
  std::vector<std::vector<double>> rows;  // step, lr[, momentum]
};

Reference read_reference(const fs::path& path) {
  std::ifstream in(path);
  Reference r;
  std::string line;
  std::getline(in, line);
  const std::size_t quote = line.find('"');
  if (quote != std::string::npos) {  // --schedule "<expression>"
    const std::size_t end = line.find('"', quote + 1);
    r.flags["schedule"] = line.substr(quote + 1, end - quote - 1);
    line = line.substr(0, line.rfind("--schedule", quote)) + line.substr(end + 1);
  }
  std::istringstream words(line.substr(line.find("schedule") + 8));
  std::vector<std::string> w;
  for (std::string s; words >> s;) w.push_back(s);
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::string key = w[i].substr(2);
    const bool has_value = i + 1 < w.size() && w[i + 1].rfind("--", 0) != 0;
    r.flags[key] = has_value ? w[++i] : "true";
  }
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line[0] == 's') continue;  // comments, the header
    std::vector<double> row;
    std::stringstream fields(line);
    for (std::string f; std::getline(fields, f, ',');) row.push_back(std::stod(f));
    r.rows.push_back(row);
  }
  return r;
}

double number(const Reference& r, const std::string& key, double fallback) {
  const auto it = r.flags.find(key);
  return it == r.flags.end() ? fallback : std::stod(it->second);
}
std::string text(const Reference& r, const std::string& key, const std::string& fallback) {
  const auto it = r.flags.find(key);
  return it == r.flags.end() ? fallback : it->second;
}

// The scheduler on the first line, built from its flags.
std::unique_ptr<Scheduler> from_flags(const Reference& r, ParamGroup& g) {
  const std::string kind = r.flags.at("scheduler");
  const int steps = static_cast<int>(number(r, "steps", 0));
  if (kind == "constant") {
    return std::make_unique<ConstantLR>(g, number(r, "factor", 1.0 / 3),
                                        static_cast<int>(number(r, "total-iters", 5)));
  }
  if (kind == "multistep") {
    std::vector<int> milestones;
    std::stringstream in(r.flags.at("milestones"));
    for (std::string m; std::getline(in, m, ',');) milestones.push_back(std::stoi(m));
    return std::make_unique<MultiStepLR>(g, milestones, number(r, "gamma", 0.1));
  }
  if (kind == "poly") {
    return std::make_unique<PolynomialLR>(g, static_cast<int>(number(r, "total-iters", 5)),
                                          number(r, "power", 1.0));
  }
  if (kind == "cosine-restarts") {
    return std::make_unique<CosineAnnealingWarmRestarts>(g, static_cast<int>(number(r, "t-0", 0)),
                                                         static_cast<int>(number(r, "t-mult", 1)),
                                                         number(r, "eta-min", 0.0));
  }
  if (kind == "cyclic") {
    CyclicOptions o;
    o.base_lr = number(r, "base-lr", 0);
    o.max_lr = number(r, "max-lr", 0);
    o.step_size_up = static_cast<int>(number(r, "step-size-up", 2000));
    o.mode = text(r, "mode", "triangular");
    return std::make_unique<CyclicLR>(g, o);
  }
  EXPECT_EQ(kind, "onecycle");
  OneCycleOptions o;
  o.max_lr = number(r, "max-lr", 0);
  o.total_steps = static_cast<int>(number(r, "total-steps", steps));
  o.anneal_strategy = text(r, "anneal-strategy", "cos");
  o.three_phase = r.flags.count("three-phase") > 0;
  return std::make_unique<OneCycleLR>(g, o);
}

// The same scheduler as a learner writes it in Python.
const std::map<std::string, std::string> kExpressions = {
    {"schedule_constant.csv", "ConstantLR(factor=0.25, total_iters=8)"},
    {"schedule_cyclic_triangular2.csv",
     "torch.optim.lr_scheduler.CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=10, "
     "mode='triangular2')"},
    {"schedule_multistep.csv", "MultiStepLR(milestones=[10, 25, 40], gamma=0.5)"},
    {"schedule_onecycle_three_phase_linear.csv",
     "OneCycleLR(max_lr=1.0, total_steps=100, three_phase=True, anneal_strategy=\"linear\")"},
    {"schedule_poly_sqrt.csv", "PolynomialLR(total_iters=30, power=0.5)"},
    {"schedule_restarts_tmult2.csv", "CosineAnnealingWarmRestarts(5, 2, eta_min=0.001)"},
};

void expect_close(double actual, double expected, const std::string& where) {
  if (expected == 0) {
    EXPECT_EQ(actual, 0) << where;
  } else {
    EXPECT_LE(std::abs(actual - expected) / std::abs(expected), 1e-12)
        << where << ": " << actual << " vs " << expected;
  }
}

void replay(const Reference& r, Scheduler& s, const ParamGroup& g, const std::string& where) {
  ASSERT_FALSE(r.rows.empty()) << where;
  for (const auto& row : r.rows) {
    const SchedulerEvent e = s.step();
    const std::string at = where + " step " + std::to_string(static_cast<int>(row[0]));
    expect_close(e.lr_after, row[1], at + " lr");
    EXPECT_EQ(e.lr_after, g.lr) << at;
    if (row.size() > 2) expect_close(g.momentum, row[2], at + " momentum");
  }
}

std::vector<fs::path> schedules_in(const std::string& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(LRPLAY_SOURCE_DIR) / folder)) {
    if (entry.path().filename().string().rfind("schedule_", 0) == 0) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// What `lrplay schedule` runs on: SGD(lr, momentum=--momentum).
ParamGroup sgd_group(const Reference& r) {
  ParamGroup g;
  g.lr = number(r, "lr", 0);
  g.slot = MomentumSlot::kMomentum;
  g.momentum = number(r, "momentum", 0);
  return g;
}

TEST(PracticeSchedules, EveryReferenceFromFlagsAndFromItsExpression) {
  const auto files = schedules_in("tests/golden/practice");
  EXPECT_EQ(files.size(), kExpressions.size());
  for (const fs::path& path : files) {
    const std::string name = path.filename().string();
    const Reference r = read_reference(path);
    ParamGroup by_flags = sgd_group(r);
    auto s = from_flags(r, by_flags);
    replay(r, *s, by_flags, name + " (flags)");

    ASSERT_TRUE(kExpressions.count(name)) << name << " has no expression in this test";
    ParamGroup by_text = sgd_group(r);
    auto t =
        build_schedule(kExpressions.at(name), by_text, static_cast<int>(number(r, "steps", 0)));
    replay(r, *t, by_text, name + " (expression)");
  }
}

TEST(CompositeSchedules, EveryReferenceFromItsExpression) {
  const auto files = schedules_in("tests/golden/sched");
  EXPECT_GE(files.size(), 10u);
  for (const fs::path& path : files) {
    const Reference r = read_reference(path);
    ParamGroup g = sgd_group(r);
    auto s = build_schedule(r.flags.at("schedule"), g);
    replay(r, *s, g, path.filename().string());
  }
}

}  // namespace
}  // namespace lrplay
