// Every setting of a training run, its defaults (the lesson's script), and the one place that
// parses and validates settings for both the CLI and the page.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adam.hpp"
#include "schedulers.hpp"
#include "settings_schema.hpp"

namespace lrplay {

// In the order of the table's "scheduler" choices.
enum class SchedulerKind {
  kNone,
  kStep,
  kExponential,
  kPlateau,
  kCosine,
  kLinear,
  kMultiStep,
  kConstant,
  kPoly,
  kCosineRestarts,
  kCyclic,
  kOneCycle
};
// When the scheduler steps: once per epoch, or after every optimizer.step().
enum class SchedulerStep { kEpoch, kBatch };
enum class Metric { kValLoss, kValAcc, kTrainLoss };
enum class OptimizerKind { kAdam, kAdamW, kSgd };
// The data sets shipped in data/, in dataset_names() order.
enum class DatasetKind { kWine, kIris, kBreastCancer, kDigits };

// Stated limits, so that no setting can make the page hang or exhaust memory.
constexpr int kMaxEpochs = 10000;
constexpr int kMaxHiddenLayers = 8;
constexpr int kMaxHiddenWidth = 512;
constexpr int kMaxBatchSize = 100000;

struct TrainerConfig {
  double test_size = 0.2;
  std::uint32_t split_seed = 42;  // train_test_split(random_state=42)
  std::uint32_t seed = 5;         // torch.manual_seed(5) reproduces the lesson's printed table
  int epochs = 100;
  std::vector<int> hidden = {10, 10};
  bool standardize = false;  // the lesson feeds raw features
  DatasetKind dataset = DatasetKind::kWine;
  OptimizerKind optimizer = OptimizerKind::kAdam;
  // lr and weight_decay serve every optimizer; the rest of `adam` only Adam and AdamW.
  AdamOptions adam = {0.1};  // optim.Adam(model.parameters(), lr=0.1)
  double momentum = 0.0;     // SGD's
  double dampening = 0.0;
  bool nesterov = false;
  // DataLoader(TensorDataset(X_train, y_train), batch_size, shuffle=True); 0 = the lesson's one
  // full batch without a DataLoader.
  int batch_size = 0;
  SchedulerKind scheduler = SchedulerKind::kPlateau;
  int step_size = 30;  // StepLR
  double gamma = 0.1;  // StepLR and ExponentialLR
  int t_max = 100;     // CosineAnnealingLR: the lesson's 100 epochs reach eta_min at the last one
  double eta_min = 0.0;
  double start_factor = 1.0 / 3;  // LinearLR's defaults
  double end_factor = 1.0;
  int total_iters = 5;
  // Epochs of LinearLR warm-up (from start_factor to 1) chained before StepLR, ExponentialLR or
  // CosineAnnealingLR with SequentialLR; 0 = none.
  int warmup = 0;
  PlateauOptions plateau;  // ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=10)
  Metric monitor = Metric::kValLoss;
  std::vector<int> milestones = {30, 80};  // MultiStepLR
  double constant_factor = 1.0 / 3;        // ConstantLR's factor (the "factor" setting)
  double power = 1.0;                      // PolynomialLR
  int t_0 = 10;                            // CosineAnnealingWarmRestarts (T_0 has no default)
  int t_mult = 1;
  CyclicOptions cyclic;
  OneCycleOptions onecycle;  // total_steps 0: the scheduler steps the run will take
  // The "mode" setting as given (min, max, triangular, ...): it is ReduceLROnPlateau's or
  // CyclicLR's, and a choice of the other scheduler must be refused, not ignored.
  int mode_choice = 0;
  SchedulerStep scheduler_step = SchedulerStep::kEpoch;
  // A PyTorch expression such as "StepLR(step_size=30)"; when set, it replaces `scheduler`.
  std::string schedule;
  // Keys set_option() was given: they keep their value when a scheduler or optimizer is chosen;
  // the others take that choice's PyTorch default (see SettingVariant).
  std::vector<std::string> given_settings;
};

// The in-class defaults above are the table's (settings_schema.cpp) under scheduler plateau; a
// test holds them equal.

// Sets one setting from text, e.g. ("step_size", "30"), ("betas", "0.9,0.999"), ("hidden",
// "10,10"). Keys are PyTorch's parameter names where it has one; see settings_schema(). Throws
// ConfigError naming the setting and what it accepts.
void set_option(TrainerConfig& config, const std::string& key, const std::string& value);

// The keys set_option() accepts, in a stable order.
const std::vector<std::string>& setting_names();

// The setting's current value as set_option() would accept it back.
std::string get_option(const TrainerConfig& config, const std::string& key);

// Checks the whole config (ranges that depend on each other included); throws ConfigError.
void validate(const TrainerConfig& config);

const char* to_string(SchedulerKind kind);
const char* to_string(Metric metric);
const char* to_string(OptimizerKind kind);
const char* to_string(DatasetKind kind);

}  // namespace lrplay
