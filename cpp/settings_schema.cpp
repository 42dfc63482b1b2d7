// The table of settings. One row per key; a row's store/load connect it to its TrainerConfig
// member.
#include "settings_schema.hpp"

#include <cmath>

#include "config.hpp"
#include "text.hpp"

namespace lrplay {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMaxSeed = 4294967295.0;  // seeds are 32-bit, as numpy's and mt19937's are

// store/load for a member holding a number or a bool (int, double, std::uint32_t, bool).
#define LRPLAY_NUMBER(member)                             \
  [](TrainerConfig& c, const SettingValue& v) {           \
    c.member = static_cast<decltype(c.member)>(v.number); \
  },                                                      \
      [](const TrainerConfig& c) {                        \
        SettingValue v;                                   \
        v.number = static_cast<double>(c.member);         \
        return v;                                         \
      }
// store/load for a member holding the index of a choice (an enum, or a bool for two choices).
#define LRPLAY_CHOICE(member)                            \
  [](TrainerConfig& c, const SettingValue& v) {          \
    c.member = static_cast<decltype(c.member)>(v.index); \
  },                                                     \
      [](const TrainerConfig& c) {                       \
        SettingValue v;                                  \
        v.index = static_cast<int>(c.member);            \
        return v;                                        \
      }
// store/load for a std::vector<int> member.
#define LRPLAY_INT_LIST(member)                             \
  [](TrainerConfig& c, const SettingValue& v) {             \
    c.member.assign(v.numbers.begin(), v.numbers.end());    \
  },                                                        \
      [](const TrainerConfig& c) {                          \
        SettingValue v;                                     \
        v.numbers.assign(c.member.begin(), c.member.end()); \
        return v;                                           \
      }

// store/load for a std::string member (kText).
#define LRPLAY_TEXT(member)                                                                        \
  [](TrainerConfig& c, const SettingValue& v) { c.member = v.text; }, [](const TrainerConfig& c) { \
    SettingValue v;                                                                                \
    v.text = c.member;                                                                             \
    return v;                                                                                      \
  }

SettingRange closed(double min, double max) { return {min, max, false, false}; }
SettingRange at_least(double min) { return {min, kInf, false, false}; }
SettingRange above(double min) { return {min, kInf, true, false}; }
SettingRange any() { return {}; }

const SettingWhen kStep{"scheduler", "step"};
const SettingWhen kExp{"scheduler", "exp"};
const SettingWhen kPlateau{"scheduler", "plateau"};
const SettingWhen kCosine{"scheduler", "cosine"};
const SettingWhen kLinear{"scheduler", "linear"};

// Adding a setting = one row here (and the TrainerConfig member it stores into). Fields in order:
// key, kind, default, range, choices, variants, applies_to, PyTorch name, help, min/max items,
// item names, max text length, store/load. Examples for the settings the next issue adds:
//   a default that depends on the optimizer:
//     {"weight_decay", kDouble, "0", at_least(0), {}, {{{"optimizer", "adamw"}, "0.01"}}, {}, ...}
//   a flag shared by schedulers with their own defaults, choices and ranges:
//     {"gamma", kDouble, "0.1", above(0), {}, {{{"scheduler", "cyclic"}, "1"}}, {kStep, ...}, ...}
//     {"mode", kChoice, "min", any(), {"min", "max", "triangular", "triangular2", "exp_range"},
//      {{kPlateau, "min", {"min", "max"}}, {kCyclic, "triangular", {"triangular", ...}}}, ...}
//     (store/load then map the one choice index onto the chosen scheduler's member)
//   a text: {"schedule", kText, "", any(), {}, {}, {}, "", "...", 0, 0, {}, 400, LRPLAY_TEXT(...)}
// A setting not given explicitly takes the variant default whenever its selector is set.
std::vector<Setting> make_table() {
  // clang-format off
  return {
    {"test_size", SettingKind::kDouble, "0.2", {0, 1, true, true}, {}, {}, {}, "test_size",
     "fraction of the samples held out for validation (train_test_split)", 0, 0, {}, 0,
     LRPLAY_NUMBER(test_size)},
    {"split_seed", SettingKind::kInt, "42", closed(0, kMaxSeed), {}, {}, {}, "random_state",
     "seed of the train/validation split", 0, 0, {}, 0, LRPLAY_NUMBER(split_seed)},
    {"seed", SettingKind::kInt, "5", closed(0, kMaxSeed), {}, {}, {}, "torch.manual_seed",
     "seed of the initial weights", 0, 0, {}, 0, LRPLAY_NUMBER(seed)},
    {"epochs", SettingKind::kInt, "100", closed(1, kMaxEpochs), {}, {}, {}, "",
     "epochs to train", 0, 0, {}, 0, LRPLAY_NUMBER(epochs)},
    {"hidden", SettingKind::kIntList, "10,10", closed(1, kMaxHiddenWidth), {}, {}, {}, "",
     "widths of the hidden layers, comma-separated (empty: none)", 0, kMaxHiddenLayers, {}, 0,
     LRPLAY_INT_LIST(hidden)},
    {"standardize", SettingKind::kBool, "false", any(), {}, {}, {}, "StandardScaler",
     "standardize the features with the training split's mean and std", 0, 0, {}, 0,
     LRPLAY_NUMBER(standardize)},
    {"lr", SettingKind::kDouble, "0.1", above(0), {}, {}, {}, "lr",
     "initial learning rate", 0, 0, {}, 0, LRPLAY_NUMBER(adam.lr)},
    {"betas", SettingKind::kDoubleList, "0.9,0.999", {0, 1, false, true}, {}, {}, {}, "betas",
     "Adam's beta1,beta2", 2, 2, {"beta1", "beta2"}, 0,
     [](TrainerConfig& c, const SettingValue& v) {
       c.adam.beta1 = v.numbers[0];
       c.adam.beta2 = v.numbers[1];
     },
     [](const TrainerConfig& c) {
       SettingValue v;
       v.numbers = {c.adam.beta1, c.adam.beta2};
       return v;
     }},
    {"adam_eps", SettingKind::kDouble, "1e-8", at_least(0), {}, {}, {}, "eps",
     "Adam's eps", 0, 0, {}, 0, LRPLAY_NUMBER(adam.eps)},
    {"weight_decay", SettingKind::kDouble, "0", at_least(0), {}, {}, {}, "weight_decay",
     "L2 penalty added to the gradient", 0, 0, {}, 0, LRPLAY_NUMBER(adam.weight_decay)},
    {"amsgrad", SettingKind::kBool, "false", any(), {}, {}, {}, "amsgrad",
     "Adam's AMSGrad variant", 0, 0, {}, 0, LRPLAY_NUMBER(adam.amsgrad)},
    {"scheduler", SettingKind::kChoice, "plateau", any(),
     {"none", "step", "exp", "plateau", "cosine", "linear"}, {}, {}, "",
     "the learning-rate scheduler", 0, 0, {}, 0, LRPLAY_CHOICE(scheduler)},
    {"step_size", SettingKind::kInt, "30", closed(1, kMaxEpochs), {}, {}, {kStep}, "step_size",
     "epochs between two cuts (counted from the end of a warm-up)", 0, 0, {}, 0,
     LRPLAY_NUMBER(step_size)},
    // ExponentialLR has no default gamma in PyTorch; 0.95 is this project's (the lesson's example).
    {"gamma", SettingKind::kDouble, "0.1", above(0), {}, {{kExp, "0.95"}}, {kStep, kExp}, "gamma",
     "factor of each cut (StepLR) or of every epoch (ExponentialLR)", 0, 0, {}, 0,
     LRPLAY_NUMBER(gamma)},
    {"mode", SettingKind::kChoice, "min", any(), {"min", "max"}, {}, {kPlateau}, "mode",
     "whether the monitored metric should fall (min) or rise (max)", 0, 0, {}, 0,
     LRPLAY_CHOICE(plateau.mode_max)},
    {"factor", SettingKind::kDouble, "0.1", {0, 1, false, true}, {}, {}, {kPlateau}, "factor",
     "factor of each cut", 0, 0, {}, 0, LRPLAY_NUMBER(plateau.factor)},
    {"patience", SettingKind::kInt, "10", closed(0, kMaxEpochs), {}, {}, {kPlateau}, "patience",
     "epochs without improvement before a cut", 0, 0, {}, 0, LRPLAY_NUMBER(plateau.patience)},
    {"threshold", SettingKind::kDouble, "1e-4", at_least(0), {}, {}, {kPlateau}, "threshold",
     "how much better counts as an improvement (below 1 when relative)", 0, 0, {}, 0,
     LRPLAY_NUMBER(plateau.threshold)},
    {"threshold_mode", SettingKind::kChoice, "rel", any(), {"rel", "abs"}, {}, {kPlateau},
     "threshold_mode", "threshold relative to the best value, or absolute", 0, 0, {}, 0,
     LRPLAY_CHOICE(plateau.threshold_abs)},
    {"cooldown", SettingKind::kInt, "0", closed(0, kMaxEpochs), {}, {}, {kPlateau}, "cooldown",
     "epochs to wait after a cut before counting again", 0, 0, {}, 0,
     LRPLAY_NUMBER(plateau.cooldown)},
    {"min_lr", SettingKind::kDouble, "0", at_least(0), {}, {}, {kPlateau}, "min_lr",
     "the rate is never cut below this", 0, 0, {}, 0, LRPLAY_NUMBER(plateau.min_lr)},
    {"sched_eps", SettingKind::kDouble, "1e-8", at_least(0), {}, {}, {kPlateau}, "eps",
     "a cut smaller than this is skipped", 0, 0, {}, 0, LRPLAY_NUMBER(plateau.eps)},
    {"monitor", SettingKind::kChoice, "val_loss", any(), {"val_loss", "val_acc", "train_loss"},
     {}, {kPlateau}, "", "the metric ReduceLROnPlateau watches", 0, 0, {}, 0,
     LRPLAY_CHOICE(monitor)},
    // Added after the first release: at the end, so the order of the earlier keys stays put.
    {"t_max", SettingKind::kInt, "100", closed(1, kMaxEpochs), {}, {}, {kCosine}, "T_max",
     "epochs from the initial rate down to eta_min", 0, 0, {}, 0, LRPLAY_NUMBER(t_max)},
    {"eta_min", SettingKind::kDouble, "0", at_least(0), {}, {}, {kCosine}, "eta_min",
     "the lowest rate of the cosine", 0, 0, {}, 0, LRPLAY_NUMBER(eta_min)},
    {"start_factor", SettingKind::kDouble, "0.3333333333333333", {0, 1, true, false}, {}, {},
     {kLinear, kStep, kExp, kCosine}, "start_factor",
     "factor of the first epoch's rate (LinearLR, and the warm-up)", 0, 0, {}, 0,
     LRPLAY_NUMBER(start_factor)},
    {"end_factor", SettingKind::kDouble, "1", closed(0, 1), {}, {}, {kLinear}, "end_factor",
     "factor reached after total_iters epochs", 0, 0, {}, 0, LRPLAY_NUMBER(end_factor)},
    {"total_iters", SettingKind::kInt, "5", closed(1, kMaxEpochs), {}, {}, {kLinear},
     "total_iters", "epochs from start_factor to end_factor", 0, 0, {}, 0,
     LRPLAY_NUMBER(total_iters)},
    {"warmup", SettingKind::kInt, "0", closed(0, kMaxEpochs), {}, {}, {kStep, kExp, kCosine},
     "milestones", "epochs of LinearLR warm-up chained before the scheduler (SequentialLR)", 0, 0,
     {}, 0, LRPLAY_NUMBER(warmup)},
  };
  // clang-format on
}

#undef LRPLAY_NUMBER
#undef LRPLAY_CHOICE
#undef LRPLAY_INT_LIST
#undef LRPLAY_TEXT

// The variant of `setting` whose selector the config currently has, or nullptr.
const SettingVariant* variant_for(const Setting& setting, const TrainerConfig& config) {
  for (const auto& variant : setting.variants) {
    if (get_option(config, variant.when.selector) == variant.when.choice) return &variant;
  }
  return nullptr;
}

}  // namespace

const std::vector<Setting>& settings_schema() {
  static const std::vector<Setting> table = make_table();
  return table;
}

const Setting* find_setting(const std::string& key) {
  for (const auto& setting : settings_schema()) {
    if (key == setting.key) return &setting;
  }
  return nullptr;
}

std::string flag_of(const Setting& setting) {
  std::string flag = setting.key;
  for (char& c : flag) c = (c == '_') ? '-' : c;
  return flag;
}

const char* default_for(const Setting& setting, const TrainerConfig& config) {
  const SettingVariant* variant = variant_for(setting, config);
  return variant && variant->default_text ? variant->default_text : setting.default_text;
}

const std::vector<const char*>& choices_for(const Setting& setting, const TrainerConfig& config) {
  const SettingVariant* variant = variant_for(setting, config);
  return variant && !variant->choices.empty() ? variant->choices : setting.choices;
}

const SettingRange& range_for(const Setting& setting, const TrainerConfig& config) {
  const SettingVariant* variant = variant_for(setting, config);
  return variant && variant->has_range ? variant->range : setting.range;
}

bool applies(const Setting& setting, const TrainerConfig& config) {
  if (setting.applies_to.empty()) return true;
  for (const auto& when : setting.applies_to) {
    if (get_option(config, when.selector) == when.choice) return true;
  }
  return false;
}

std::string range_text(const SettingRange& r) {
  // An infinite end is never included.
  return std::string(r.open_min || std::isinf(r.min) ? "(" : "[") + shortest_text(r.min) + ", " +
         shortest_text(r.max) + (r.open_max || std::isinf(r.max) ? ")" : "]");
}

const char* to_string(SettingKind kind) {
  static const char* const names[] = {"int",      "double",      "bool", "choice",
                                      "int list", "double list", "text"};
  return names[static_cast<int>(kind)];
}

}  // namespace lrplay
