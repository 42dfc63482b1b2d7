// The per-step rates and momenta an epoch record carries with a scheduler stepped per batch
// (EpochRecord::step_lrs, step_momenta), held to `lrplay schedule`: the same scheduler stepped
// alone prints param_groups[0]["lr"] (and the momentum it cycles) after each step.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/cli.hpp"
#include "dataset.hpp"
#include "trainer.hpp"

namespace lrplay {
namespace {

using Settings = std::vector<std::pair<std::string, std::string>>;

const Dataset& wine() {
  static const Dataset data = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv");
  return data;
}

TrainerConfig config_with(const Settings& settings) {
  TrainerConfig config;
  for (const auto& [key, value] : settings) set_option(config, key, value);
  return config;
}

struct Column {
  std::vector<double> lr, momentum;
};

// `lrplay schedule` with `flags`: the lr column and, when printed, the momentum column.
Column schedule_rows(std::vector<std::string> flags) {
  flags.insert(flags.begin(), "schedule");
  std::istringstream in;
  std::ostringstream out, err;
  EXPECT_EQ(run_cli(flags, in, out, err), 0) << err.str();
  Column column;
  std::istringstream rows(out.str());
  std::string line;
  std::getline(rows, line);  // header
  const bool momentum = line == "step,lr,momentum";
  while (std::getline(rows, line)) {
    std::istringstream cells(line);
    std::string step, lr, m;
    std::getline(cells, step, ',');
    std::getline(cells, lr, ',');
    column.lr.push_back(std::strtod(lr.c_str(), nullptr));
    if (momentum) {
      std::getline(cells, m, ',');
      column.momentum.push_back(std::strtod(m.c_str(), nullptr));
    }
  }
  return column;
}

// Trains the whole run and joins its records' per-step values.
Column trained_steps(const TrainerConfig& config, int* batches = nullptr) {
  Trainer t(config, wine());
  Column column;
  while (!t.finished()) {
    const EpochRecord& r = t.step();
    EXPECT_FALSE(r.diverged);
    EXPECT_EQ(r.step_lrs.size(), static_cast<std::size_t>(t.batches_per_epoch()));
    // The last step's rate is the epoch's: the chart's point at x = epoch is the lesson's.
    if (!r.step_lrs.empty()) {
      EXPECT_EQ(r.step_lrs.back(), r.lr);
    }
    if (!r.step_momenta.empty()) {
      EXPECT_EQ(r.step_momenta.back(), r.event.momentum_after);
    }
    column.lr.insert(column.lr.end(), r.step_lrs.begin(), r.step_lrs.end());
    column.momentum.insert(column.momentum.end(), r.step_momenta.begin(), r.step_momenta.end());
  }
  if (batches) *batches = t.batches_per_epoch();
  return column;
}

TEST(TrainerSteps, OneCycleLrPerBatchWithSgdMomentumMatchesTheCliSchedule) {
  // 142 training wines in batches of 32: 5 steps an epoch, 60 in 12 epochs.
  const Settings settings = {{"optimizer", "sgd"},   {"momentum", "0.9"},
                             {"lr", "0.05"},         {"batch_size", "32"},
                             {"epochs", "12"},       {"scheduler", "onecycle"},
                             {"max_lr", "0.5"},      {"scheduler_step", "batch"},
                             {"standardize", "true"}};
  int batches = 0;
  const Column trained = trained_steps(config_with(settings), &batches);
  ASSERT_EQ(batches, 5);
  const Column cli = schedule_rows({"--scheduler", "onecycle", "--lr", "0.05", "--max-lr", "0.5",
                                    "--momentum", "0.9", "--steps", "60"});
  ASSERT_EQ(cli.lr.size(), 60u);
  ASSERT_EQ(cli.momentum.size(), 60u);
  EXPECT_EQ(trained.lr, cli.lr);
  EXPECT_EQ(trained.momentum, cli.momentum);
  // It does cycle: up to max_lr and down, momentum the other way.
  EXPECT_NE(trained.lr.front(), trained.lr[20]);
  EXPECT_NE(trained.momentum.front(), trained.momentum[20]);
}

TEST(TrainerSteps, CyclicLrWithAdamCyclesBeta1AsTheCliCyclesMomentum) {
  // CyclicLR writes the same values into Adam's betas[0] as into SGD's momentum.
  const Settings settings = {{"lr", "0.001"},
                             {"batch_size", "16"},
                             {"epochs", "3"},
                             {"scheduler", "cyclic"},
                             {"max_lr", "0.01"},
                             {"step_size_up", "7"},
                             {"scheduler_step", "batch"}};
  const TrainerConfig config = config_with(settings);
  Trainer probe(config, wine());
  EXPECT_TRUE(probe.cycles_momentum());
  EXPECT_STREQ(probe.momentum_name(), "beta1");
  int batches = 0;
  const Column trained = trained_steps(config, &batches);
  ASSERT_EQ(batches, 9);  // 142 in batches of 16
  const Column cli = schedule_rows({"--scheduler", "cyclic", "--lr", "0.001", "--max-lr", "0.01",
                                    "--step-size-up", "7", "--steps", "27"});
  EXPECT_EQ(trained.lr, cli.lr);
  EXPECT_EQ(trained.momentum, cli.momentum);
}

TEST(TrainerSteps, NothingPerStepWhenTheRateOnlyChangesBetweenEpochs) {
  // The lesson's full batch, and mini-batches with a scheduler stepped per epoch: the rate is
  // constant within the epoch, and no momentum is cycled.
  for (const Settings& settings :
       {Settings{}, Settings{{"batch_size", "32"}, {"epochs", "3"}},
        Settings{{"batch_size", "32"}, {"scheduler", "exp"}, {"scheduler_step", "batch"}}}) {
    Trainer t(config_with(settings), wine());
    const EpochRecord& r = t.step();
    if (t.config().scheduler_step == SchedulerStep::kBatch) {
      EXPECT_EQ(r.step_lrs.size(), 5u);  // ExponentialLR per batch: its rate moves every step
      EXPECT_TRUE(r.step_momenta.empty());
      EXPECT_FALSE(t.cycles_momentum());
    } else {
      EXPECT_TRUE(r.step_lrs.empty());
      EXPECT_TRUE(r.step_momenta.empty());
    }
  }
}

}  // namespace
}  // namespace lrplay
