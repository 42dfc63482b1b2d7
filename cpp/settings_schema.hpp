// The one table of settings: every key the CLI and the page accept, its kind, range, choices,
// defaults (with the per-scheduler and per-optimizer ones), which schedulers or optimizers it
// applies to, its PyTorch name and its one-line help. set_option, get_option, setting_names,
// validate's range checks, the CLI's --help and the page's settings form all read this table.
#pragma once

#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace lrplay {

struct TrainerConfig;

enum class SettingKind { kInt, kDouble, kBool, kChoice, kIntList, kDoubleList, kText };

// The table is constant data that the compiler lays out (no code runs to build it: built at run
// time from std::vectors it was the wasm's largest function, ~8 KB gzip). Its lists are therefore
// std::initializer_lists, whose arrays live as long as the table; index one with begin()[i].
template <class T>
using SettingList = std::initializer_list<T>;

// list.begin()[i], checked as std::vector::at checks it.
template <class T>
const T& item(SettingList<T> list, std::size_t i) {
  if (i >= list.size()) throw std::out_of_range("no such item in the settings table");
  return list.begin()[i];
}

// A value in transit between text and a TrainerConfig member: the kind says which field is used.
struct SettingValue {
  double number = 0;            // kInt, kDouble, kBool (0 or 1)
  int index = 0;                // kChoice: the position in Setting::choices
  std::string text;             // kText
  std::vector<double> numbers;  // kIntList, kDoubleList
};

// Accepted values of a number (or of each number of a list); both ends may be open.
struct SettingRange {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool open_min = false;
  bool open_max = false;
};

// A condition on a selector setting, e.g. {"scheduler", "cyclic"} or {"optimizer", "adamw"}.
struct SettingWhen {
  const char* selector;
  const char* choice;
};

// How a setting differs when a selector has a given choice: a flag shared by several schedulers
// takes the chosen scheduler's PyTorch default, choices and range. Empty fields keep the row's.
struct SettingVariant {
  SettingWhen when;
  const char* default_text = nullptr;
  SettingList<const char*> choices = {};
  bool has_range = false;
  SettingRange range = {};
};

struct Setting {
  const char* key;  // snake_case; the CLI flag is the key with '-' for '_'
  SettingKind kind;
  const char* default_text;  // as set_option accepts it
  SettingRange range;        // kInt, kDouble and list items; checked by set_option for whole
                             // numbers and by validate() for the others (PyTorch's own checks)
  SettingList<const char*> choices;      // kChoice: every choice of every variant
  SettingList<SettingVariant> variants;  // per-scheduler / per-optimizer defaults and choices
  SettingList<SettingWhen> applies_to;   // any of these; empty = always
  const char* pytorch_name;              // "" when PyTorch has none (a setting of this project)
  const char* help;                      // one line, for --help and as the page's fallback
  int min_items = 0, max_items = 0;      // lists: how many numbers
  SettingList<const char*> item_names;   // lists whose items PyTorch names (betas: beta1, beta2)
  std::size_t max_length = 0;            // kText: longest accepted text
  void (*store)(TrainerConfig&, const SettingValue&);
  SettingValue (*load)(const TrainerConfig&);
};

const std::vector<Setting>& settings_schema();

// The row for `key`, or nullptr.
const Setting* find_setting(const std::string& key);

// The CLI flag of a setting: "step_size" -> "step-size".
std::string flag_of(const Setting& setting);

// The setting's default under the config's current selectors (its scheduler, its optimizer).
const char* default_for(const Setting& setting, const TrainerConfig& config);

// The choices accepted under the config's current selectors.
SettingList<const char*> choices_for(const Setting& setting, const TrainerConfig& config);
const SettingRange& range_for(const Setting& setting, const TrainerConfig& config);

// Whether the setting means something under the config's selectors.
bool applies(const Setting& setting, const TrainerConfig& config);

// "[0, 1)", "(0, inf)": the range as a message or the page shows it.
std::string range_text(const SettingRange& range);

const char* to_string(SettingKind kind);

}  // namespace lrplay
