// Settings as text: one parser per kind of value, and one if-chain per direction (set and get), so
// each setting reads as one line. No std::function or maps: this file is compiled into the wasm.
#include "config.hpp"

#include <cmath>
#include <cstdlib>

#include "text.hpp"

namespace lrplay {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr long long kMaxSeed = 4294967295LL;  // seeds are 32-bit, as numpy's and mt19937's are

std::string quoted(const std::string& value) {
  std::string s = value.size() > 32 ? value.substr(0, 32) + "..." : value;
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  }
  return "\"" + s + "\"";
}

[[noreturn]] void reject(const std::string& key, const std::string& value,
                         const std::string& accepted) {
  throw ConfigError(key + " = " + quoted(value) + " is not accepted: " + key + " must be " +
                    accepted);
}

double parse_double(const std::string& key, const std::string& value) {
  const char* begin = value.c_str();
  char* end = nullptr;
  const double v = std::strtod(begin, &end);
  // strtod also takes hex, "inf", "nan" and leading blanks; settings are plain finite decimals.
  // (A value too small for a double reads as 0 or a subnormal, which the range checks then judge.)
  const bool plain = !value.empty() && value.find_first_of("xX \t\n") == std::string::npos;
  if (!plain || end != begin + value.size() || !std::isfinite(v)) {
    reject(key, value, "a finite number");
  }
  return v;
}

long long parse_integer(const std::string& key, const std::string& value, long long low,
                        long long high) {
  const double v = parse_double(key, value);
  if (v != std::floor(v) || v < static_cast<double>(low) || v > static_cast<double>(high)) {
    reject(key, value,
           "a whole number from " + std::to_string(low) + " to " + std::to_string(high));
  }
  return static_cast<long long>(v);
}

bool parse_bool(const std::string& key, const std::string& value) {
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  reject(key, value, "true or false");
}

// Returns the index of `value` in `choices`.
int parse_choice(const std::string& key, const std::string& value,
                 std::initializer_list<const char*> choices) {
  std::string accepted;
  int index = 0;
  for (const char* choice : choices) {
    if (value == choice) return index;
    accepted += (index++ ? ", " : "one of ") + std::string(choice);
  }
  reject(key, value, accepted);
}

std::vector<std::string> split_list(const std::string& value) {
  std::vector<std::string> parts;
  for (std::size_t start = 0; !value.empty();) {
    const std::size_t comma = value.find(',', start);
    parts.push_back(value.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return parts;
}

std::string number(double v) { return shortest_text(v); }  // reads back as exactly v

const char* const kSchedulerNames[] = {"none",    "step",   "exp",
                                       "plateau", "cosine", "linear"};     // SchedulerKind order
const char* const kMetricNames[] = {"val_loss", "val_acc", "train_loss"};  // Metric order

}  // namespace

const std::vector<std::string>& setting_names() {
  static const std::vector<std::string> names = {
      "test_size", "split_seed", "seed", "epochs", "hidden", "standardize", "lr", "betas",
      "adam_eps", "weight_decay", "amsgrad", "scheduler", "step_size", "gamma", "mode", "factor",
      "patience", "threshold", "threshold_mode", "cooldown", "min_lr", "sched_eps", "monitor",
      // Added after the first release: at the end, so the order of the earlier keys stays put.
      "t_max", "eta_min", "start_factor", "end_factor", "total_iters", "warmup"};
  return names;
}

void set_option(TrainerConfig& c, const std::string& key, const std::string& v) {
  if (key == "test_size")
    c.test_size = parse_double(key, v);
  else if (key == "split_seed")
    c.split_seed = static_cast<std::uint32_t>(parse_integer(key, v, 0, kMaxSeed));
  else if (key == "seed")
    c.seed = static_cast<std::uint32_t>(parse_integer(key, v, 0, kMaxSeed));
  else if (key == "epochs")
    c.epochs = static_cast<int>(parse_integer(key, v, 1, kMaxEpochs));
  else if (key == "hidden") {
    const auto parts = split_list(v);
    if (parts.size() > static_cast<std::size_t>(kMaxHiddenLayers)) {
      reject(key, v, "at most " + std::to_string(kMaxHiddenLayers) + " comma-separated sizes");
    }
    std::vector<int>
        sizes;  // assigned only once every part parsed: a rejected value changes nothing
    for (const auto& part : parts) {
      sizes.push_back(static_cast<int>(parse_integer(key, part, 1, kMaxHiddenWidth)));
    }
    c.hidden = sizes;
  } else if (key == "standardize")
    c.standardize = parse_bool(key, v);
  else if (key == "lr")
    c.adam.lr = parse_double(key, v);
  else if (key == "betas") {
    const auto parts = split_list(v);
    if (parts.size() != 2) reject(key, v, "two numbers, beta1,beta2 (e.g. 0.9,0.999)");
    const double beta1 = parse_double("beta1", parts[0]);
    c.adam.beta2 = parse_double("beta2", parts[1]);
    c.adam.beta1 = beta1;
  } else if (key == "adam_eps")
    c.adam.eps = parse_double(key, v);
  else if (key == "weight_decay")
    c.adam.weight_decay = parse_double(key, v);
  else if (key == "amsgrad")
    c.adam.amsgrad = parse_bool(key, v);
  else if (key == "scheduler")
    c.scheduler = static_cast<SchedulerKind>(
        parse_choice(key, v, {"none", "step", "exp", "plateau", "cosine", "linear"}));
  else if (key == "step_size")
    c.step_size = static_cast<int>(parse_integer(key, v, 1, kMaxEpochs));
  else if (key == "gamma")
    c.gamma = parse_double(key, v);
  else if (key == "mode")
    c.plateau.mode_max = parse_choice(key, v, {"min", "max"}) == 1;
  else if (key == "factor")
    c.plateau.factor = parse_double(key, v);
  else if (key == "patience")
    c.plateau.patience = static_cast<int>(parse_integer(key, v, 0, kMaxEpochs));
  else if (key == "threshold")
    c.plateau.threshold = parse_double(key, v);
  else if (key == "threshold_mode")
    c.plateau.threshold_abs = parse_choice(key, v, {"rel", "abs"}) == 1;
  else if (key == "cooldown")
    c.plateau.cooldown = static_cast<int>(parse_integer(key, v, 0, kMaxEpochs));
  else if (key == "min_lr")
    c.plateau.min_lr = parse_double(key, v);
  else if (key == "sched_eps")
    c.plateau.eps = parse_double(key, v);
  else if (key == "monitor")
    c.monitor = static_cast<Metric>(parse_choice(key, v, {"val_loss", "val_acc", "train_loss"}));
  else if (key == "t_max")
    c.t_max = static_cast<int>(parse_integer(key, v, 1, kMaxEpochs));
  else if (key == "eta_min")
    c.eta_min = parse_double(key, v);
  else if (key == "start_factor")
    c.start_factor = parse_double(key, v);
  else if (key == "end_factor")
    c.end_factor = parse_double(key, v);
  else if (key == "warmup")
    c.warmup = static_cast<int>(parse_integer(key, v, 0, kMaxEpochs));
  else if (key == "total_iters")
    c.total_iters = static_cast<int>(parse_integer(key, v, 1, kMaxEpochs));
  else {
    std::string known;
    for (const auto& name : setting_names()) known += (known.empty() ? "" : ", ") + name;
    throw ConfigError("unknown setting " + quoted(key) + "; the settings are " + known);
  }
}

std::string get_option(const TrainerConfig& c, const std::string& key) {
  if (key == "test_size") return number(c.test_size);
  if (key == "split_seed") return std::to_string(c.split_seed);
  if (key == "seed") return std::to_string(c.seed);
  if (key == "epochs") return std::to_string(c.epochs);
  if (key == "hidden") {
    std::string out;
    for (int h : c.hidden) out += (out.empty() ? "" : ",") + std::to_string(h);
    return out;
  }
  if (key == "standardize") return c.standardize ? "true" : "false";
  if (key == "lr") return number(c.adam.lr);
  if (key == "betas") return number(c.adam.beta1) + "," + number(c.adam.beta2);
  if (key == "adam_eps") return number(c.adam.eps);
  if (key == "weight_decay") return number(c.adam.weight_decay);
  if (key == "amsgrad") return c.adam.amsgrad ? "true" : "false";
  if (key == "scheduler") return to_string(c.scheduler);
  if (key == "step_size") return std::to_string(c.step_size);
  if (key == "gamma") return number(c.gamma);
  if (key == "mode") return c.plateau.mode_max ? "max" : "min";
  if (key == "factor") return number(c.plateau.factor);
  if (key == "patience") return std::to_string(c.plateau.patience);
  if (key == "threshold") return number(c.plateau.threshold);
  if (key == "threshold_mode") return c.plateau.threshold_abs ? "abs" : "rel";
  if (key == "cooldown") return std::to_string(c.plateau.cooldown);
  if (key == "min_lr") return number(c.plateau.min_lr);
  if (key == "sched_eps") return number(c.plateau.eps);
  if (key == "monitor") return to_string(c.monitor);
  if (key == "t_max") return std::to_string(c.t_max);
  if (key == "eta_min") return number(c.eta_min);
  if (key == "start_factor") return number(c.start_factor);
  if (key == "end_factor") return number(c.end_factor);
  if (key == "total_iters") return std::to_string(c.total_iters);
  if (key == "warmup") return std::to_string(c.warmup);
  throw ConfigError("unknown setting " + quoted(key));
}

void validate(const TrainerConfig& c) {
  check_range("test_size", c.test_size, 0, 1, true, true);
  check_range("epochs", c.epochs, 1, kMaxEpochs);
  // Any finite positive rate is accepted, as PyTorch accepts it; divergence is an outcome, not an
  // error.
  check_range("lr", c.adam.lr, 0, kInf, true);
  check_range("beta1", c.adam.beta1, 0, 1, false, true);  // torch: 0.0 <= beta < 1.0
  check_range("beta2", c.adam.beta2, 0, 1, false, true);
  check_range("adam_eps", c.adam.eps, 0, kInf);
  check_range("weight_decay", c.adam.weight_decay, 0, kInf);
  if (c.hidden.size() > static_cast<std::size_t>(kMaxHiddenLayers)) {
    throw ConfigError("hidden: at most " + std::to_string(kMaxHiddenLayers) + " hidden layers");
  }
  for (int h : c.hidden) check_range("hidden", h, 1, kMaxHiddenWidth);
  // The scheduler constructors hold the scheduler's own rules, so build the one chosen.
  ParamGroup group;
  group.lr = c.adam.lr;
  switch (c.scheduler) {
    case SchedulerKind::kStep:
      StepLR(group, c.step_size, c.gamma);
      break;
    case SchedulerKind::kExponential:
      ExponentialLR(group, c.gamma);
      break;
    case SchedulerKind::kPlateau:
      ReduceLROnPlateau(group, c.plateau);
      break;
    case SchedulerKind::kCosine:
      CosineAnnealingLR(group, c.t_max, c.eta_min);
      break;
    case SchedulerKind::kLinear:
      LinearLR(group, c.start_factor, c.end_factor, c.total_iters);
      break;
    case SchedulerKind::kNone:
      break;
  }
  if (c.warmup > 0) {
    // PyTorch 1.13's SequentialLR chains only the epoch-based schedulers.
    const bool chainable = c.scheduler == SchedulerKind::kStep ||
                           c.scheduler == SchedulerKind::kExponential ||
                           c.scheduler == SchedulerKind::kCosine;
    if (!chainable) {
      throw ConfigError("warmup = " + std::to_string(c.warmup) +
                        " is not accepted with scheduler " + to_string(c.scheduler) +
                        ": a warm-up chains before step, exp or cosine (SequentialLR); use 0 here");
    }
    LinearLR(group, c.start_factor, 1.0, c.warmup);  // start_factor must be in (0, 1]
  }
}

const char* to_string(SchedulerKind kind) { return kSchedulerNames[static_cast<int>(kind)]; }
const char* to_string(Metric metric) { return kMetricNames[static_cast<int>(metric)]; }

}  // namespace lrplay
