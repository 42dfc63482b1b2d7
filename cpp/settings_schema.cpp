// The table of settings. One row per key; a row's store/load connect it to its TrainerConfig
// member.
#include "settings_schema.hpp"

#include <cmath>
#include <iterator>

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

constexpr SettingRange closed(double min, double max) { return {min, max, false, false}; }
constexpr SettingRange at_least(double min) { return {min, kInf, false, false}; }
constexpr SettingRange above(double min) { return {min, kInf, true, false}; }
constexpr SettingRange any() { return {}; }

constexpr SettingWhen kStep{"scheduler", "step"};
constexpr SettingWhen kExp{"scheduler", "exp"};
constexpr SettingWhen kPlateau{"scheduler", "plateau"};
constexpr SettingWhen kCosine{"scheduler", "cosine"};
constexpr SettingWhen kLinear{"scheduler", "linear"};
constexpr SettingWhen kMultiStep{"scheduler", "multistep"};
constexpr SettingWhen kConstant{"scheduler", "constant"};
constexpr SettingWhen kPoly{"scheduler", "poly"};
constexpr SettingWhen kRestarts{"scheduler", "cosine-restarts"};
constexpr SettingWhen kCyclic{"scheduler", "cyclic"};
constexpr SettingWhen kOneCycle{"scheduler", "onecycle"};

// store/load for a setting shared by CyclicLR and OneCycleLR, each with its own member.
#define LRPLAY_CYCLES(member)                                                                     \
  [](TrainerConfig& c, const SettingValue& v) {                                                   \
    c.cyclic.member = c.onecycle.member = static_cast<decltype(c.cyclic.member)>(v.number);       \
  },                                                                                              \
      [](const TrainerConfig& c) {                                                                \
        SettingValue v;                                                                           \
        v.number = c.scheduler == SchedulerKind::kOneCycle ? c.onecycle.member : c.cyclic.member; \
        return v;                                                                                 \
      }

const char* const kCyclicModes[] = {"triangular", "triangular2", "exp_range"};
constexpr SettingWhen kAdam{"optimizer", "adam"};
constexpr SettingWhen kAdamW{"optimizer", "adamw"};
constexpr SettingWhen kSgd{"optimizer", "sgd"};

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
// clang-format off
constexpr Setting kTable[] = {
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
    {"betas", SettingKind::kDoubleList, "0.9,0.999", {0, 1, false, true}, {}, {}, {kAdam, kAdamW}, "betas",
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
    {"adam_eps", SettingKind::kDouble, "1e-8", at_least(0), {}, {}, {kAdam, kAdamW}, "eps",
     "Adam's eps", 0, 0, {}, 0, LRPLAY_NUMBER(adam.eps)},
    {"weight_decay", SettingKind::kDouble, "0", at_least(0), {}, {{kAdamW, "0.01"}}, {},
     "weight_decay", "L2 penalty added to the gradient (Adam, SGD); AdamW decays the weights",
     0, 0, {}, 0, LRPLAY_NUMBER(adam.weight_decay)},
    {"amsgrad", SettingKind::kBool, "false", any(), {}, {}, {kAdam, kAdamW}, "amsgrad",
     "Adam's AMSGrad variant", 0, 0, {}, 0, LRPLAY_NUMBER(adam.amsgrad)},
    {"scheduler", SettingKind::kChoice, "plateau", any(),
     {"none", "step", "exp", "plateau", "cosine", "linear", "multistep", "constant", "poly",
      "cosine-restarts", "cyclic", "onecycle"}, {}, {}, "",
     "the learning-rate scheduler", 0, 0, {}, 0, LRPLAY_CHOICE(scheduler)},
    {"step_size", SettingKind::kInt, "30", closed(1, kMaxEpochs), {}, {}, {kStep}, "step_size",
     "scheduler steps between two cuts (counted from the end of a warm-up)", 0, 0, {}, 0,
     LRPLAY_NUMBER(step_size)},
    // ExponentialLR has no default gamma in PyTorch; 0.95 is this project's (the lesson's example).
    {"gamma", SettingKind::kDouble, "0.1", above(0), {}, {{kCyclic, "1"}, {kExp, "0.95"}},
     {kStep, kExp, kMultiStep, kCyclic}, "gamma",
     "factor of each cut (StepLR, MultiStepLR), of every scheduler step (ExponentialLR), or exp_range's "
     "base (CyclicLR)", 0, 0, {}, 0,
     [](TrainerConfig& c, const SettingValue& v) { c.gamma = c.cyclic.gamma = v.number; },
     [](const TrainerConfig& c) {
       SettingValue v;
       v.number = c.scheduler == SchedulerKind::kCyclic ? c.cyclic.gamma : c.gamma;
       return v;
     }},
    {"mode", SettingKind::kChoice, "min", any(),
     {"min", "max", "triangular", "triangular2", "exp_range"},
     {{kPlateau, "min", {"min", "max"}},
      {kCyclic, "triangular", {"triangular", "triangular2", "exp_range"}}},
     {kPlateau, kCyclic}, "mode",
     "whether the monitored metric should fall (min) or rise (max); CyclicLR's policy", 0, 0, {},
     0,
     [](TrainerConfig& c, const SettingValue& v) {
       c.mode_choice = v.index;
       if (v.index < 2) c.plateau.mode_max = v.index == 1;
       else c.cyclic.mode = kCyclicModes[v.index - 2];
     },
     [](const TrainerConfig& c) {
       SettingValue v;
       v.index = c.mode_choice;
       return v;
     }},
    {"factor", SettingKind::kDouble, "0.1", {0, 1, false, true}, {},
     {{kConstant, "0.3333333333333333", {}, true, {0, 1, true, false}}}, {kPlateau, kConstant},
     "factor", "factor of each cut (ReduceLROnPlateau), or of the first total_iters scheduler steps (ConstantLR)",
     0, 0, {}, 0,
     [](TrainerConfig& c, const SettingValue& v) { c.plateau.factor = c.constant_factor = v.number; },
     [](const TrainerConfig& c) {
       SettingValue v;
       v.number = c.scheduler == SchedulerKind::kConstant ? c.constant_factor : c.plateau.factor;
       return v;
     }},
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
     "scheduler steps from the initial rate down to eta_min", 0, 0, {}, 0, LRPLAY_NUMBER(t_max)},
    {"eta_min", SettingKind::kDouble, "0", at_least(0), {}, {}, {kCosine, kRestarts}, "eta_min",
     "the lowest rate of the cosine", 0, 0, {}, 0, LRPLAY_NUMBER(eta_min)},
    {"start_factor", SettingKind::kDouble, "0.3333333333333333", {0, 1, true, false}, {}, {},
     {kLinear, kStep, kExp, kCosine}, "start_factor",
     "factor of the first scheduler step's rate (LinearLR, and the warm-up)", 0, 0, {}, 0,
     LRPLAY_NUMBER(start_factor)},
    {"end_factor", SettingKind::kDouble, "1", closed(0, 1), {}, {}, {kLinear}, "end_factor",
     "factor reached after total_iters scheduler steps", 0, 0, {}, 0, LRPLAY_NUMBER(end_factor)},
    {"total_iters", SettingKind::kInt, "5", closed(1, 1000000), {}, {},
     {kLinear, kConstant, kPoly}, "total_iters",
     "steps from start_factor to end_factor (LinearLR), at factor (ConstantLR), or down to 0 "
     "(PolynomialLR)", 0, 0, {}, 0,
     LRPLAY_NUMBER(total_iters)},
    {"warmup", SettingKind::kInt, "0", closed(0, kMaxEpochs), {}, {}, {kStep, kExp, kCosine},
     "milestones", "scheduler steps of LinearLR warm-up chained before the scheduler (SequentialLR)", 0, 0,
     {}, 0, LRPLAY_NUMBER(warmup)},
    {"milestones", SettingKind::kIntList, "30,80", closed(1, 1000000), {}, {}, {kMultiStep},
     "milestones", "increasing steps at which the rate is multiplied by gamma", 0, 100, {}, 0,
     LRPLAY_INT_LIST(milestones)},
    {"power", SettingKind::kDouble, "1", at_least(0), {}, {}, {kPoly}, "power",
     "power of the polynomial decay", 0, 0, {}, 0, LRPLAY_NUMBER(power)},
    {"t_0", SettingKind::kInt, "10", closed(1, 1000000), {}, {}, {kRestarts}, "T_0",
     "steps until the first restart", 0, 0, {}, 0, LRPLAY_NUMBER(t_0)},
    {"t_mult", SettingKind::kInt, "1", closed(1, 1000), {}, {}, {kRestarts}, "T_mult",
     "factor by which each cycle is longer than the previous one", 0, 0, {}, 0,
     LRPLAY_NUMBER(t_mult)},
    {"base_lr", SettingKind::kDouble, "0.01", at_least(0), {}, {}, {kCyclic}, "base_lr",
     "the lower rate of the cycle (set at construction)", 0, 0, {}, 0,
     LRPLAY_NUMBER(cyclic.base_lr)},
    {"max_lr", SettingKind::kDouble, "0.1", above(0), {}, {{kCyclic, nullptr, {}, true,
     at_least(0)}}, {kCyclic, kOneCycle}, "max_lr", "the upper rate of the cycle", 0, 0, {}, 0,
     LRPLAY_CYCLES(max_lr)},
    {"step_size_up", SettingKind::kInt, "2000", closed(1, 1000000), {}, {}, {kCyclic},
     "step_size_up", "steps from base_lr up to max_lr", 0, 0, {}, 0,
     LRPLAY_NUMBER(cyclic.step_size_up)},
    {"step_size_down", SettingKind::kInt, "0", closed(0, 1000000), {}, {}, {kCyclic},
     "step_size_down", "steps from max_lr back down (0: step_size_up, PyTorch's None)", 0, 0, {},
     0,
     [](TrainerConfig& c, const SettingValue& v) {
       c.cyclic.step_size_down = v.number > 0 ? std::optional<int>(static_cast<int>(v.number))
                                              : std::nullopt;
     },
     [](const TrainerConfig& c) {
       SettingValue v;
       v.number = c.cyclic.step_size_down.value_or(0);
       return v;
     }},
    {"scale_mode", SettingKind::kChoice, "cycle", any(), {"cycle", "iterations"}, {}, {kCyclic},
     "scale_mode", "ignored unless a custom scale_fn is given, as in PyTorch", 0, 0, {}, 0,
     [](TrainerConfig& c, const SettingValue& v) {
       c.cyclic.scale_mode = v.index == 0 ? "cycle" : "iterations";
     },
     [](const TrainerConfig& c) {
       SettingValue v;
       v.index = c.cyclic.scale_mode == "cycle" ? 0 : 1;
       return v;
     }},
    {"cycle_momentum", SettingKind::kBool, "true", any(), {}, {}, {kCyclic, kOneCycle},
     "cycle_momentum", "cycle SGD's momentum or Adam's beta1 against the rate", 0, 0, {}, 0,
     LRPLAY_CYCLES(cycle_momentum)},
    {"base_momentum", SettingKind::kDouble, "0.8", {0, 1, false, true}, {},
     {{kOneCycle, "0.85"}}, {kCyclic, kOneCycle}, "base_momentum",
     "the momentum (or beta1) at the top rate", 0, 0, {}, 0, LRPLAY_CYCLES(base_momentum)},
    {"max_momentum", SettingKind::kDouble, "0.9", {0, 1, false, true}, {},
     {{kOneCycle, "0.95"}}, {kCyclic, kOneCycle}, "max_momentum",
     "the momentum (or beta1) at the lowest rate", 0, 0, {}, 0, LRPLAY_CYCLES(max_momentum)},
    {"total_steps", SettingKind::kInt, "0", closed(0, 100000000), {}, {}, {kOneCycle},
     "total_steps", "steps of the cycle (0: the scheduler steps the run will take)", 0, 0, {}, 0,
     LRPLAY_NUMBER(onecycle.total_steps)},
    {"pct_start", SettingKind::kDouble, "0.3", closed(0, 1), {}, {}, {kOneCycle}, "pct_start",
     "fraction of the cycle spent raising the rate", 0, 0, {}, 0,
     LRPLAY_NUMBER(onecycle.pct_start)},
    {"anneal_strategy", SettingKind::kChoice, "cos", any(), {"cos", "linear"}, {}, {kOneCycle},
     "anneal_strategy", "the shape of each phase", 0, 0, {}, 0,
     [](TrainerConfig& c, const SettingValue& v) {
       c.onecycle.anneal_strategy = v.index == 0 ? "cos" : "linear";
     },
     [](const TrainerConfig& c) {
       SettingValue v;
       v.index = c.onecycle.anneal_strategy == "cos" ? 0 : 1;
       return v;
     }},
    {"div_factor", SettingKind::kDouble, "25", above(0), {}, {}, {kOneCycle}, "div_factor",
     "the first rate is max_lr / div_factor", 0, 0, {}, 0, LRPLAY_NUMBER(onecycle.div_factor)},
    {"final_div_factor", SettingKind::kDouble, "10000", above(0), {}, {}, {kOneCycle},
     "final_div_factor", "the last rate is the first / final_div_factor", 0, 0, {}, 0,
     LRPLAY_NUMBER(onecycle.final_div_factor)},
    {"three_phase", SettingKind::kBool, "false", any(), {}, {}, {kOneCycle}, "three_phase",
     "a third phase down to the last rate, as the paper has it", 0, 0, {}, 0,
     LRPLAY_NUMBER(onecycle.three_phase)},
    {"scheduler_step", SettingKind::kChoice, "epoch", any(), {"epoch", "batch"}, {}, {}, "",
     "step the scheduler once per epoch, or after every optimizer.step() (the scheduler's settings "
     "then count optimizer steps)", 0, 0, {}, 0,
     LRPLAY_CHOICE(scheduler_step)},
    {"schedule", SettingKind::kText, "", any(), {}, {}, {}, "",
     "a PyTorch scheduler expression, e.g. \"StepLR(step_size=30)\" (replaces --scheduler)", 0, 0,
     {}, 400, LRPLAY_TEXT(schedule)},  // 400: a link holds any run's expression
    {"dataset", SettingKind::kChoice, "wine", any(), {"wine", "iris", "breast_cancer", "digits"},
     {}, {}, "sklearn.datasets.load_*", "the data set (scikit-learn's copy in data/)", 0, 0, {},
     0, LRPLAY_CHOICE(dataset)},
    {"optimizer", SettingKind::kChoice, "adam", any(), {"adam", "adamw", "sgd"}, {}, {},
     "torch.optim", "the optimizer: Adam, AdamW or SGD", 0, 0, {}, 0, LRPLAY_CHOICE(optimizer)},
    {"momentum", SettingKind::kDouble, "0", at_least(0), {}, {}, {kSgd}, "momentum",
     "SGD's momentum factor", 0, 0, {}, 0, LRPLAY_NUMBER(momentum)},
    {"dampening", SettingKind::kDouble, "0", any(), {}, {}, {kSgd}, "dampening",
     "SGD's dampening of the momentum (the gradient's weight is 1 - dampening)", 0, 0, {}, 0,
     LRPLAY_NUMBER(dampening)},
    {"nesterov", SettingKind::kBool, "false", any(), {}, {}, {kSgd}, "nesterov",
     "SGD's Nesterov momentum (needs momentum > 0 and dampening 0)", 0, 0, {}, 0,
     LRPLAY_NUMBER(nesterov)},
    {"batch_size", SettingKind::kInt, "0", closed(0, kMaxBatchSize), {}, {}, {}, "batch_size",
     "samples per mini-batch, shuffled each epoch (DataLoader); 0 = the whole training split", 0,
     0, {}, 0, LRPLAY_NUMBER(batch_size)},
};
// clang-format on

#undef LRPLAY_NUMBER
#undef LRPLAY_CHOICE
#undef LRPLAY_INT_LIST
#undef LRPLAY_TEXT
#undef LRPLAY_CYCLES

// The variant of `setting` whose selector the config currently has, or nullptr.
const SettingVariant* variant_for(const Setting& setting, const TrainerConfig& config) {
  for (const auto& variant : setting.variants) {
    if (get_option(config, variant.when.selector) == variant.when.choice) return &variant;
  }
  return nullptr;
}

}  // namespace

const std::vector<Setting>& settings_schema() {
  static const std::vector<Setting> table(std::begin(kTable), std::end(kTable));
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

SettingList<const char*> choices_for(const Setting& setting, const TrainerConfig& config) {
  const SettingVariant* variant = variant_for(setting, config);
  return variant && variant->choices.size() != 0 ? variant->choices : setting.choices;
}

const SettingRange& range_for(const Setting& setting, const TrainerConfig& config) {
  const SettingVariant* variant = variant_for(setting, config);
  return variant && variant->has_range ? variant->range : setting.range;
}

bool applies(const Setting& setting, const TrainerConfig& config) {
  if (setting.applies_to.size() == 0) return true;
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
