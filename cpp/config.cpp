// Settings as text: one parser per kind of value; which settings exist, their ranges and defaults
// come from the table (settings_schema.cpp). No std::function or maps: this is compiled into the
// wasm.
#include "config.hpp"

#include <cmath>
#include <cstdlib>

#include "make_scheduler.hpp"
#include "settings_schema.hpp"
#include "text.hpp"

namespace lrplay {
namespace {

std::string quoted(const std::string& value) {
  std::string s = value.size() > 32 ? value.substr(0, 32) + "..." : value;
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  }
  return "\"" + s + "\"";
}

[[noreturn]] void reject(const std::string& key, const std::string& value,
                         const std::string& accepted) {
  throw ConfigError(
      key, key + " = " + quoted(value) + " is not accepted: " + key + " must be " + accepted);
}

double parse_double(const std::string& key, const std::string& value) {
  double v = 0;
  if (!read_plain_number(value, &v)) reject(key, value, "a finite number");
  return v;
}

long long parse_integer(const std::string& key, const std::string& value, long long low,
                        long long high) {
  // Any text that is not such a number gets the whole-number message too: "abc" for epochs is
  // answered with what epochs accepts, not with "a finite number".
  double v = 0;
  if (!read_plain_number(value, &v) || v != std::floor(v) || v < static_cast<double>(low) ||
      v > static_cast<double>(high)) {
    reject(key, value, "a whole number from " + count_text(low) + " to " + count_text(high));
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
                 SettingList<const char*> choices) {
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

// "two numbers, beta1,beta2 (e.g. 0.9,0.999)"
std::string list_of_names(const Setting& s) {
  std::string names;
  for (const char* name : s.item_names) names += (names.empty() ? "" : ",") + std::string(name);
  static const char* const kCounts[] = {"no", "one", "two", "three", "four"};
  const std::string count = s.max_items < 5 ? kCounts[s.max_items] : count_text(s.max_items);
  return count + " numbers, " + names + " (e.g. " + s.default_text + ")";
}

// Text -> value for one row; throws ConfigError naming the setting and what it accepts.
SettingValue parse_value(const Setting& s, const std::string& v) {
  const std::string key = s.key;
  SettingValue value;
  switch (s.kind) {
    case SettingKind::kInt:
      value.number = static_cast<double>(parse_integer(key, v, static_cast<long long>(s.range.min),
                                                       static_cast<long long>(s.range.max)));
      break;
    case SettingKind::kDouble:
      value.number = parse_double(key, v);
      break;
    case SettingKind::kBool:
      value.number = parse_bool(key, v) ? 1 : 0;
      break;
    case SettingKind::kChoice:
      value.index = parse_choice(key, v, s.choices);
      break;
    case SettingKind::kText:
      if (v.size() > s.max_length) {
        reject(key, v, "a text of at most " + count_text(s.max_length) + " characters");
      }
      value.text = v;
      break;
    case SettingKind::kIntList:
    case SettingKind::kDoubleList: {
      const auto parts = split_list(v);
      if (parts.size() < static_cast<std::size_t>(s.min_items) ||
          parts.size() > static_cast<std::size_t>(s.max_items)) {
        if (s.min_items == s.max_items && s.item_names.size() != 0) {
          reject(key, v, list_of_names(s));
        }
        reject(key, v,
               "at most " + count_text(s.max_items) + " comma-separated " +
                   (s.kind == SettingKind::kIntList ? "sizes" : "numbers"));
      }
      for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string name = i < s.item_names.size() ? item(s.item_names, i) : key;
        value.numbers.push_back(s.kind == SettingKind::kIntList
                                    ? static_cast<double>(parse_integer(
                                          name, parts[i], static_cast<long long>(s.range.min),
                                          static_cast<long long>(s.range.max)))
                                    : parse_double(name, parts[i]));
      }
      break;
    }
  }
  return value;
}

std::string integer_text(double v) { return std::to_string(static_cast<long long>(v)); }

// Value -> text that parse_value reads back to the same value.
std::string value_text(const Setting& s, const SettingValue& value) {
  switch (s.kind) {
    case SettingKind::kInt:
      return integer_text(value.number);
    case SettingKind::kDouble:
      return number(value.number);
    case SettingKind::kBool:
      return value.number != 0 ? "true" : "false";
    case SettingKind::kChoice:
      return item(s.choices, static_cast<std::size_t>(value.index));
    case SettingKind::kText:
      return value.text;
    case SettingKind::kIntList:
    case SettingKind::kDoubleList: {
      std::string out;
      for (std::size_t i = 0; i < value.numbers.size(); ++i) {
        out += (i ? "," : "") + (s.kind == SettingKind::kIntList ? integer_text(value.numbers[i])
                                                                 : number(value.numbers[i]));
      }
      return out;
    }
  }
  return "";
}

const Setting& row_of(const std::string& key) {
  const Setting* setting = find_setting(key);
  if (!setting) {
    std::string known;
    for (const auto& name : setting_names()) known += (known.empty() ? "" : ", ") + name;
    throw ConfigError("unknown setting " + quoted(key) + "; the settings are " + known);
  }
  return *setting;
}

bool is_selector(const std::string& key) {
  for (const auto& s : settings_schema()) {
    for (const auto& variant : s.variants) {
      if (key == variant.when.selector) return true;
    }
  }
  return false;
}

bool was_given(const TrainerConfig& c, const std::string& key) {
  for (const auto& given : c.given_settings) {
    if (given == key) return true;
  }
  return false;
}

// A scheduler (or optimizer) was chosen: every setting not given explicitly takes that choice's
// PyTorch default (gamma is 0.1 for StepLR but 1.0 for CyclicLR).
void apply_variant_defaults(TrainerConfig& c) {
  for (const auto& s : settings_schema()) {
    if (s.variants.size() == 0 || was_given(c, s.key)) continue;
    s.store(c, parse_value(s, default_for(s, c)));
  }
}

void check_item_range(const std::string& name, double value, const SettingRange& r) {
  check_range(name, value, r.min, r.max, r.open_min, r.open_max);
}

// One setting's range and, for a choice shared by several schedulers, the chosen one's choices.
void validate_row(const Setting& s, const TrainerConfig& c) {
  const SettingValue value = s.load(c);
  const SettingRange& range = range_for(s, c);
  switch (s.kind) {
    case SettingKind::kInt:
    case SettingKind::kDouble:
      check_item_range(s.key, value.number, range);
      break;
    case SettingKind::kIntList:
    case SettingKind::kDoubleList:
      if (value.numbers.size() > static_cast<std::size_t>(s.max_items) ||
          value.numbers.size() < static_cast<std::size_t>(s.min_items)) {
        throw ConfigError(std::string(s.key) + ": from " + count_text(s.min_items) + " to " +
                          count_text(s.max_items) + " numbers");
      }
      for (std::size_t i = 0; i < value.numbers.size(); ++i) {
        check_item_range(i < s.item_names.size() ? item(s.item_names, i) : s.key, value.numbers[i],
                         range);
      }
      break;
    case SettingKind::kChoice: {
      const std::string text = get_option(c, s.key);
      bool accepted = false;
      std::string list;
      for (const char* choice : choices_for(s, c)) {
        accepted = accepted || text == choice;
        list += (list.empty() ? "one of " : ", ") + std::string(choice);
      }
      if (!accepted) reject(s.key, text, list + " with this scheduler");
      break;
    }
    case SettingKind::kBool:
    case SettingKind::kText:
      break;
  }
}

}  // namespace

const std::vector<std::string>& setting_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& s : settings_schema()) out.push_back(s.key);
    return out;
  }();
  return names;
}

void set_option(TrainerConfig& c, const std::string& key, const std::string& v) {
  const Setting& s = row_of(key);
  // Parsed in full before the store: a rejected value changes nothing.
  try {
    s.store(c, parse_value(s, v));
  } catch (ConfigError& e) {
    e.setting = key;  // betas's message names beta1 or beta2; the refusal is of betas
    throw;
  }
  if (!was_given(c, key)) c.given_settings.push_back(key);
  if (is_selector(key)) apply_variant_defaults(c);
}

std::string get_option(const TrainerConfig& c, const std::string& key) {
  const Setting* s = find_setting(key);
  if (!s) throw ConfigError("unknown setting " + quoted(key));
  return value_text(*s, s->load(c));
}

void validate(const TrainerConfig& c) {
  // Every setting that means something under the chosen scheduler and optimizer: its range and,
  // for a choice shared by several schedulers, the chosen one's choices.
  for (const auto& s : settings_schema()) {
    if (!applies(s, c)) continue;
    try {
      validate_row(s, c);
    } catch (ConfigError& e) {
      e.setting = s.key;  // betas's message names beta1 or beta2; the refusal is of betas
      throw;
    }
  }
  // torch.optim.SGD.__init__: "Nesterov momentum requires a momentum and zero dampening".
  if (c.optimizer == OptimizerKind::kSgd && c.nesterov && (c.momentum <= 0 || c.dampening != 0)) {
    throw ConfigError("nesterov",
                      "nesterov = true is not accepted with momentum = " + number(c.momentum) +
                          " and dampening = " + number(c.dampening) +
                          ": Nesterov momentum needs momentum > 0 and dampening = 0");
  }
  if (c.warmup > 0) {
    // SequentialLR chains the epoch-based schedulers the page offers a warm-up for.
    const bool chainable = c.scheduler == SchedulerKind::kStep ||
                           c.scheduler == SchedulerKind::kExponential ||
                           c.scheduler == SchedulerKind::kCosine;
    if (!chainable) {
      throw ConfigError(
          "warmup", "warmup = " + std::to_string(c.warmup) + " is not accepted with scheduler " +
                        to_string(c.scheduler) +
                        ": a warm-up chains before step, exp or cosine (SequentialLR); use 0 here");
    }
  }
  // The scheduler constructors hold each scheduler's own rules (and --schedule's syntax), so build
  // what the config asks for, stepped once per epoch here; the trainer checks again with its
  // batches.
  check_scheduler(c);
}

// The table's choices are in the enums' order.
const char* to_string(SchedulerKind kind) {
  return item(find_setting("scheduler")->choices, static_cast<std::size_t>(kind));
}
const char* to_string(Metric metric) {
  return item(find_setting("monitor")->choices, static_cast<std::size_t>(metric));
}
const char* to_string(OptimizerKind kind) {
  return item(find_setting("optimizer")->choices, static_cast<std::size_t>(kind));
}
const char* to_string(DatasetKind kind) {
  return item(find_setting("dataset")->choices, static_cast<std::size_t>(kind));
}

}  // namespace lrplay
