// The learning-rate range test of torch-lr-finder (LRFinder.range_test, then suggest): one batch
// per rate, the rate growing from start_lr to end_lr, on the model, data, optimizer and batches of
// a training run. The CLI's `lrplay lr-find` prints its result.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

#include "config.hpp"
#include "dataset.hpp"
#include "settings_schema.hpp"

namespace lrplay {

enum class LrFindStepMode { kExp, kLinear };

struct LrFindOptions {
  double start_lr = 1e-7;
  double end_lr = 10;
  int num_iter = 100;
  LrFindStepMode step_mode = LrFindStepMode::kExp;
  double smooth_f = 0.05;
  double diverge_th = 5;
};

struct LrFindRow {
  int iteration = 0;  // 1-based
  double lr = 0;
  float loss = 0;            // the batch's loss before the step
  double smoothed_loss = 0;  // f * loss + (1 - f) * previous, in double as Python floats are
};

struct LrFindResult {
  std::vector<LrFindRow> rows;
  bool has_suggestion = false;
  double suggested_lr = 0;
  std::string no_suggestion;  // without a suggestion, why (no_suggestion_reason); else empty
};

// The range test's settings as the page names them (torch-lr-finder's range_test arguments), with
// LrFindOptions's defaults; the CLI's flags are the same keys with '-' for '_'.
struct LrFindSetting {
  const char* key;
  const char* default_text;
  const char* help;
  std::initializer_list<const char*> choices;  // step_mode's; empty for a number
};
const std::vector<LrFindSetting>& lr_find_settings();

// Whether the range test reads the run's setting `s` (a settings_schema() row): all but the rate
// and the length, which it sets itself, and the scheduler it replaces by none (scheduler, schedule,
// scheduler_step and every setting of a scheduler). The find-lr exercise compares these.
bool lr_find_reads(const Setting& s);

// Sets one setting from text (a plain finite number, num_iter a whole number from 2 to 100000,
// step_mode exp or linear); throws ConfigError naming it. validate() then checks them together.
void set_lr_find_option(LrFindOptions& options, const std::string& key, const std::string& text);

// Throws ConfigError naming the setting: start_lr and end_lr positive with start_lr < end_lr,
// num_iter >= 2, smooth_f in [0, 1), diverge_th > 1.
void validate(const LrFindOptions& options);

// The rate of iteration i (0-based), as torch-lr-finder's ExponentialLR / LinearLR compute it.
double lr_find_rate(const LrFindOptions& options, int iteration);

// The rate at the steepest descent of the smoothed loss (LRFinder.suggest with skip_start=10,
// skip_end=5): numpy.gradient over the kept rows, the first minimum. False when fewer than two
// rows remain after the skips (numpy.gradient needs two points).
bool suggest_lr(const std::vector<LrFindRow>& rows, double* lr);

// Why a test that stopped after `rows` rows has no suggestion, as one sentence ("No suggestion:
// the test stopped after 16 batches, and a suggestion needs at least 17 (...)"), with the skips
// suggest_lr() uses: the page shows it under the chart and `lrplay lr-find` prints it after "# ".
std::string no_suggestion_reason(std::size_t rows);

// Runs the test: `config` as for training (its lr, epochs and scheduler are not used), the model
// from torch.manual_seed(config.seed). Stops after recording the iteration whose smoothed loss
// exceeds diverge_th times the best so far, or before one whose loss is not finite.
LrFindResult lr_find(const TrainerConfig& config, const Dataset& data,
                     const LrFindOptions& options);

}  // namespace lrplay
