// Trainer (cpp/trainer.*) with mini-batches, the optimizers and the other data sets. The order of
// the batches is held to PyTorch's in test_data_loader.cpp; whole runs are held to PyTorch 2.6 by
// the golden traces in tests/golden/practice.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <utility>

#include "dataset.hpp"
#include "trainer.hpp"

namespace lrplay {
namespace {

const Dataset& shipped(const std::string& name) {
  static std::map<std::string, Dataset> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    it = cache.emplace(name, load_csv(std::string(LRPLAY_SOURCE_DIR) + "/" + dataset_path(name)))
             .first;
  }
  return it->second;
}

TrainerConfig config_with(const std::vector<std::pair<std::string, std::string>>& settings) {
  TrainerConfig config;
  for (const auto& [key, value] : settings) set_option(config, key, value);
  return config;
}

TEST(TrainerBatches, OneOptimizerStepPerBatchKeepingThePartialOne) {
  // 142 training samples in batches of 32: 4 full batches and one of 14.
  Trainer t(config_with({{"batch_size", "32"}, {"epochs", "3"}}), shipped("wine"));
  t.step();
  EXPECT_EQ(t.optimizer_steps(), 5);
  t.step();
  EXPECT_EQ(t.optimizer_steps(), 10);
  t.reset();
  EXPECT_EQ(t.optimizer_steps(), 0);
  Trainer full(TrainerConfig{}, shipped("wine"));
  full.step();
  EXPECT_EQ(full.optimizer_steps(), 1);
  Trainer one(config_with({{"batch_size", "1000"}}), shipped("wine"));
  one.step();
  EXPECT_EQ(one.optimizer_steps(), 1);
}

TEST(TrainerBatches, TrainLossIsTheMeanOverSamplesNotOverBatches) {
  // With a rate too small to move any float32 weight, every batch sees the initial model, so the
  // size-weighted mean of the batch losses is the full-batch loss (summed in another order). A
  // plain mean of the 5 batch means would weigh the 14-sample batch like the 32-sample ones.
  const auto tiny = std::vector<std::pair<std::string, std::string>>{
      {"lr", "1e-30"}, {"optimizer", "sgd"}, {"standardize", "true"}};
  Trainer full(config_with(tiny), shipped("wine"));
  auto batched_settings = tiny;
  batched_settings.push_back({"batch_size", "32"});
  Trainer batched(config_with(batched_settings), shipped("wine"));
  const float full_loss = full.step().train_loss;
  const float batched_loss = batched.step().train_loss;
  EXPECT_NEAR(batched_loss, full_loss, 1e-6 * full_loss);
  EXPECT_NE(batched_loss, 0.0f);
}

TEST(TrainerBatches, ResetReplaysTheSameShufflesBitForBit) {
  Trainer t(config_with({{"batch_size", "16"}, {"epochs", "4"}, {"standardize", "true"}}),
            shipped("wine"));
  std::vector<EpochRecord> first;
  while (!t.finished()) first.push_back(t.step());
  t.reset();
  for (const EpochRecord& r : first) {
    const EpochRecord& again = t.step();
    EXPECT_EQ(std::memcmp(&again.train_loss, &r.train_loss, sizeof(float)), 0);
    EXPECT_EQ(std::memcmp(&again.val_loss, &r.val_loss, sizeof(float)), 0);
  }
}

TEST(TrainerBatches, BatchSizeZeroIsTheLessonsFullBatch) {
  Trainer lesson(TrainerConfig{}, shipped("wine"));
  Trainer zero(config_with({{"batch_size", "0"}}), shipped("wine"));
  Trainer batched(config_with({{"batch_size", "16"}}), shipped("wine"));
  const float lesson_loss = lesson.step().val_loss;
  EXPECT_EQ(zero.step().val_loss, lesson_loss);
  EXPECT_NE(batched.step().val_loss, lesson_loss);
}

TEST(TrainerBatches, ModelSizesFollowTheData) {
  // iris: 4 features, 3 classes; breast_cancer: 30, 2; digits: 64, 10.
  struct Case {
    const char* name;
    int train, val, classes, majority_correct;
  };
  // majority_correct: the validation rows of the training split's most common class
  // (scikit-learn 1.2: class 1 in each, 41 of 120 iris, 286 of 455 tumours, 154 of 1,437 digits).
  for (const Case& c : {Case{"iris", 120, 30, 3, 9}, Case{"breast_cancer", 455, 114, 2, 71},
                        Case{"digits", 1437, 360, 10, 28}}) {
    SCOPED_TRACE(c.name);
    Trainer t(config_with({{"dataset", c.name},
                           {"batch_size", "64"},
                           {"epochs", "2"},
                           {"standardize", "true"},
                           {"lr", "0.01"}}),
              shipped(c.name));
    EXPECT_EQ(t.train_size(), c.train);
    EXPECT_EQ(t.val_size(), c.val);
    EXPECT_EQ(t.majority_correct(), c.majority_correct);
    const float first = t.step().val_loss;
    const EpochRecord& r = t.step();
    EXPECT_LT(r.val_loss, first);
    EXPECT_GT(r.val_acc, 1.0f / c.classes);  // better than chance: the labels reach the model
  }
}

TEST(TrainerBatches, EachOptimizerTrains) {
  for (const char* optimizer : {"adam", "adamw", "sgd"}) {
    SCOPED_TRACE(optimizer);
    Trainer t(config_with({{"optimizer", optimizer},
                           {"lr", "0.05"},
                           {"momentum", "0.9"},
                           {"standardize", "true"},
                           {"batch_size", "32"},
                           {"epochs", "10"}}),
              shipped("wine"));
    const float first = t.step().val_loss;
    while (!t.finished()) t.step();
    EXPECT_LT(t.history().back().val_loss, first);
  }
}

TEST(TrainerBatches, AdamWDiffersFromAdamOnlyThroughTheDecay) {
  // AdamW with weight_decay 0 is Adam, bit for bit; with the default 0.01 it is not.
  Trainer adam(config_with({{"batch_size", "32"}, {"epochs", "3"}}), shipped("wine"));
  Trainer adamw0(
      config_with(
          {{"optimizer", "adamw"}, {"weight_decay", "0"}, {"batch_size", "32"}, {"epochs", "3"}}),
      shipped("wine"));
  Trainer adamw(config_with({{"optimizer", "adamw"}, {"batch_size", "32"}, {"epochs", "3"}}),
                shipped("wine"));
  for (int e = 0; e < 3; ++e) {
    const float a = adam.step().val_loss;
    EXPECT_EQ(adamw0.step().val_loss, a);
    if (e == 2)
      EXPECT_NE(adamw.step().val_loss, a);
    else
      adamw.step();
  }
}

}  // namespace
}  // namespace lrplay
