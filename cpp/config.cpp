#include "config.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <sstream>

namespace lrplay {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string shown(const std::string& value) {
  std::string s = value.size() > 32 ? value.substr(0, 32) + "..." : value;
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  }
  return "\"" + s + "\"";
}

double parse_double(const std::string& key, const std::string& value) {
  const char* begin = value.c_str();
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(begin, &end);
  // strtod accepts hex and leading blanks; the settings accept plain decimal numbers only.
  const bool plain = !value.empty() && value.find_first_of("xX \t\n") == std::string::npos;
  if (!plain || end != begin + value.size() || errno == ERANGE || !std::isfinite(v)) {
    throw ConfigError(key + " = " + shown(value) + " is not accepted: " + key +
                      " must be a finite number");
  }
  return v;
}

long long parse_integer(const std::string& key, const std::string& value, long long low,
                        long long high) {
  const double v = parse_double(key, value);
  if (v != std::floor(v) || v < static_cast<double>(low) || v > static_cast<double>(high)) {
    throw ConfigError(key + " = " + shown(value) + " is not accepted: " + key +
                      " must be a whole number from " + std::to_string(low) + " to " +
                      std::to_string(high));
  }
  return static_cast<long long>(v);
}

bool parse_bool(const std::string& key, const std::string& value) {
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  throw ConfigError(key + " = " + shown(value) + " is not accepted: " + key +
                    " must be true or false");
}

std::vector<std::string> split_list(const std::string& value) {
  std::vector<std::string> parts;
  if (value.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = value.find(',', start);
    parts.push_back(value.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return parts;
}

template <typename T>
T parse_choice(const std::string& key, const std::string& value,
               const std::vector<std::pair<const char*, T>>& choices) {
  std::string accepted;
  for (const auto& [name, choice] : choices) {
    if (value == name) return choice;
    accepted += (accepted.empty() ? "" : ", ") + std::string(name);
  }
  throw ConfigError(key + " = " + shown(value) + " is not accepted: " + key + " must be one of " +
                    accepted);
}

std::string format_double(double v) {
  std::ostringstream s;
  s.precision(17);
  s << v;
  return s.str();
}

struct Setting {
  std::function<void(TrainerConfig&, const std::string&, const std::string&)> set;
  std::function<std::string(const TrainerConfig&)> get;
};

const std::vector<std::pair<const char*, SchedulerKind>> kSchedulers = {
    {"plateau", SchedulerKind::kPlateau},
    {"step", SchedulerKind::kStep},
    {"exp", SchedulerKind::kExponential},
    {"none", SchedulerKind::kNone}};
const std::vector<std::pair<const char*, Metric>> kMetrics = {
    {"val_loss", Metric::kValLoss}, {"val_acc", Metric::kValAcc}, {"train_loss", Metric::kTrainLoss}};
const std::vector<std::pair<const char*, bool>> kModes = {{"min", false}, {"max", true}};
const std::vector<std::pair<const char*, bool>> kThresholdModes = {{"rel", false}, {"abs", true}};

// Each setting's parser checks the ranges that depend on that value alone; validate() the rest.
#define LRPLAY_DOUBLE(field) \
  [](TrainerConfig& c, const std::string& k, const std::string& v) { c.field = parse_double(k, v); }, \
      [](const TrainerConfig& c) { return format_double(c.field); }
#define LRPLAY_INT(field, low, high)                                            \
  [](TrainerConfig& c, const std::string& k, const std::string& v) {            \
    c.field = static_cast<decltype(c.field)>(parse_integer(k, v, low, high));    \
  },                                                                             \
      [](const TrainerConfig& c) { return std::to_string(c.field); }
#define LRPLAY_BOOL(field) \
  [](TrainerConfig& c, const std::string& k, const std::string& v) { c.field = parse_bool(k, v); }, \
      [](const TrainerConfig& c) { return std::string(c.field ? "true" : "false"); }
#define LRPLAY_CHOICE(field, choices)                                                           \
  [](TrainerConfig& c, const std::string& k, const std::string& v) {                            \
    c.field = parse_choice(k, v, choices);                                                       \
  },                                                                                             \
      [](const TrainerConfig& c) {                                                               \
        for (const auto& [name, choice] : choices)                                               \
          if (choice == c.field) return std::string(name);                                       \
        return std::string();                                                                    \
      }

constexpr long long kMaxSeed = 4294967295LL;  // seeds are 32-bit, as numpy's and mt19937's are

const std::map<std::string, Setting>& settings() {
  static const std::map<std::string, Setting> table = {
      {"test_size", {LRPLAY_DOUBLE(test_size)}},
      {"split_seed", {LRPLAY_INT(split_seed, 0, kMaxSeed)}},
      {"seed", {LRPLAY_INT(seed, 0, kMaxSeed)}},
      {"epochs", {LRPLAY_INT(epochs, 1, kMaxEpochs)}},
      {"lr", {LRPLAY_DOUBLE(adam.lr)}},
      {"betas",
       {[](TrainerConfig& c, const std::string& k, const std::string& v) {
          const auto parts = split_list(v);
          if (parts.size() != 2) {
            throw ConfigError(k + " = " + shown(v) + " is not accepted: " + k +
                              " must be two numbers, beta1,beta2 (e.g. 0.9,0.999)");
          }
          c.adam.beta1 = parse_double("beta1", parts[0]);
          c.adam.beta2 = parse_double("beta2", parts[1]);
        },
        [](const TrainerConfig& c) {
          return format_double(c.adam.beta1) + "," + format_double(c.adam.beta2);
        }}},
      {"adam_eps", {LRPLAY_DOUBLE(adam.eps)}},
      {"weight_decay", {LRPLAY_DOUBLE(adam.weight_decay)}},
      {"amsgrad", {LRPLAY_BOOL(adam.amsgrad)}},
      {"hidden",
       {[](TrainerConfig& c, const std::string& k, const std::string& v) {
          std::vector<int> sizes;
          for (const auto& part : split_list(v)) {
            sizes.push_back(static_cast<int>(parse_integer(k, part, 1, kMaxHiddenWidth)));
          }
          if (sizes.size() > static_cast<std::size_t>(kMaxHiddenLayers)) {
            throw ConfigError(k + " = " + shown(v) + " is not accepted: at most " +
                              std::to_string(kMaxHiddenLayers) + " hidden layers");
          }
          c.hidden = sizes;
        },
        [](const TrainerConfig& c) {
          std::string out;
          for (int h : c.hidden) out += (out.empty() ? "" : ",") + std::to_string(h);
          return out;
        }}},
      {"standardize", {LRPLAY_BOOL(standardize)}},
      {"scheduler", {LRPLAY_CHOICE(scheduler, kSchedulers)}},
      {"step_size", {LRPLAY_INT(step_size, 1, kMaxEpochs)}},
      {"gamma", {LRPLAY_DOUBLE(gamma)}},
      {"mode", {LRPLAY_CHOICE(plateau.mode_max, kModes)}},
      {"factor", {LRPLAY_DOUBLE(plateau.factor)}},
      {"patience", {LRPLAY_INT(plateau.patience, 0, kMaxEpochs)}},
      {"threshold", {LRPLAY_DOUBLE(plateau.threshold)}},
      {"threshold_mode", {LRPLAY_CHOICE(plateau.threshold_abs, kThresholdModes)}},
      {"cooldown", {LRPLAY_INT(plateau.cooldown, 0, kMaxEpochs)}},
      {"min_lr", {LRPLAY_DOUBLE(plateau.min_lr)}},
      {"sched_eps", {LRPLAY_DOUBLE(plateau.eps)}},
      {"monitor", {LRPLAY_CHOICE(monitor, kMetrics)}},
  };
  return table;
}

}  // namespace

void set_option(TrainerConfig& config, const std::string& key, const std::string& value) {
  const auto it = settings().find(key);
  if (it == settings().end()) {
    std::string known;
    for (const auto& name : setting_names()) known += (known.empty() ? "" : ", ") + name;
    throw ConfigError("unknown setting " + shown(key) + "; the settings are " + known);
  }
  it->second.set(config, key, value);
}

std::string get_option(const TrainerConfig& config, const std::string& key) {
  const auto it = settings().find(key);
  if (it == settings().end()) throw ConfigError("unknown setting " + shown(key));
  return it->second.get(config);
}

const std::vector<std::string>& setting_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& entry : settings()) out.push_back(entry.first);
    return out;
  }();
  return names;
}

void validate(const TrainerConfig& c) {
  check_range("test_size", c.test_size, 0, 1, true, true);
  check_range("epochs", c.epochs, 1, kMaxEpochs);
  // Any finite positive rate is accepted, as PyTorch accepts it; divergence is an outcome, not an error.
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
  switch (c.scheduler) {
    case SchedulerKind::kStep:
      StepLR(c.step_size, c.gamma);
      break;
    case SchedulerKind::kExponential:
      ExponentialLR{c.gamma};
      break;
    case SchedulerKind::kPlateau:
      ReduceLROnPlateau{c.plateau};
      break;
    case SchedulerKind::kNone:
      break;
  }
}

const char* to_string(SchedulerKind kind) {
  for (const auto& [name, choice] : kSchedulers)
    if (choice == kind) return name;
  return "?";
}

const char* to_string(Metric metric) {
  for (const auto& [name, choice] : kMetrics)
    if (choice == metric) return name;
  return "?";
}

}  // namespace lrplay
