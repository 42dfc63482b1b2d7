// The command line's words: the usage text, and flags read into settings, numbers and data. Every
// mistake is a UsageError naming the flag and what it accepts (exit code 2).
#pragma once

#include <map>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "../config.hpp"
#include "../dataset.hpp"

namespace lrplay::cli {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using Flags = std::map<std::string, std::string>;

// The usage text, with one line per setting of the table: flag, help, default, range, scope.
std::string usage();

// A setting's flag: step_size is --step-size.
std::string flag_of_key(const std::string& key);

// Flags that take no value: the bool settings.
std::set<std::string> switches();

// What `schedule` takes: the scheduler, the rate, and every setting that applies to a scheduler.
std::set<std::string> schedule_keys();

// --name value or --name=value after the command (args[0]); the names in `switches` take no value.
Flags parse_flags(const std::vector<std::string>& args, const std::set<std::string>& switches);

// Applies every flag except `own` (the command's own flags) as a trainer setting; with `allowed`,
// only those settings are flags of the command.
TrainerConfig config_from(const Flags& flags, const std::set<std::string>& own,
                          const std::set<std::string>* allowed);

// A whole-number flag in [low, high]; `fallback` when absent unless `required`.
long long integer_flag(const Flags& flags, const std::string& name, long long low, long long high,
                       long long fallback, bool required);

// The data a training command names: --data PATH or --dataset NAME. The loader's note on how it
// read the class column, if any, goes to `err` ("lrplay: note: mine.csv: ...").
Dataset training_data(const Flags& flags, const TrainerConfig& config, std::ostream& err);

}  // namespace lrplay::cli
