#include "flags.hpp"

#include <cerrno>
#include <cstdlib>

#include "../lr_find.hpp"
#include "../settings_schema.hpp"
#include "../text.hpp"

namespace lrplay::cli {

namespace {

const char* kUsage = R"(usage: lrplay <command> [flags]

Reproduces the PyTorch lesson on learning-rate scheduling (Wine data, MLP, Adam, schedulers).

commands:
  train      train and print epoch,train_loss,val_loss,val_acc,lr (lr after the scheduler step)
             --data PATH (data/wine.csv)  --format csv|lesson  and any setting below
  schedule   one scheduler alone: --scheduler K --lr LR [its settings], or --schedule "<PyTorch
             expression>" --lr LR; all but plateau take --steps N, plateau reads one metric per
             line from stdin (nan and inf accepted). Runs on SGD(lr, momentum=--momentum M, 0)
             and prints step,lr (step,lr,momentum when the scheduler cycles momentum)
  lr-find    the LR range test (torch-lr-finder) on train's model, data, optimizer and batches:
             one batch per rate, printing iteration,lr,loss,smoothed_loss, then "# suggested
             lr: X" (steepest descent of the smoothed loss) or "# No suggestion: ..." saying why.
             Every setting below but --lr applies, plus the range test's own (listed last)
  split      --n N --test-size T --seed S: test indices, then train indices (train_test_split's)
  init       --seed S [--hidden H1,H2,...]: every initial parameter, one per line, in
             model.parameters() order

exit codes: 0 ok, 2 bad usage or input, 3 training diverged, or schedule's rate left a double's
            range (the rows up to then are printed)
)";

// What a value of the setting looks like on the command line.
std::string placeholder(const Setting& s) {
  switch (s.kind) {
    case SettingKind::kInt:
      return " N";
    case SettingKind::kDouble:
      return " X";
    case SettingKind::kBool:
      return "";  // a switch; --name=false also works
    case SettingKind::kChoice: {
      std::string choices;
      for (const char* choice : s.choices)
        choices += (choices.empty() ? " " : "|") + std::string(choice);
      return choices;
    }
    case SettingKind::kIntList:
    case SettingKind::kDoubleList:
      return " A,B,...";
    case SettingKind::kText:
      return " TEXT";
  }
  return "";
}

// A flag's setting key: --step-size is step_size.
std::string key_of(const std::string& flag) {
  std::string key = flag;
  for (char& c : key) c = (c == '-') ? '_' : c;
  return key;
}

// A usage line: the flag and its placeholder, then the text from column 24.
std::string usage_line(const std::string& flag, const std::string& text) {
  std::string line = "  --" + flag;
  line += line.size() < 24 ? std::string(24 - line.size(), ' ') : "  ";
  return line + text + "\n";
}

}  // namespace

std::string usage() {
  std::string text = kUsage;
  text +=
      "\nsettings (flags of train; schedule takes --scheduler, --lr and the scheduler's own):\n";
  for (const Setting& s : settings_schema()) {
    std::string line =
        std::string(s.help) + " (default " + (*s.default_text ? s.default_text : "none");
    for (const auto& v : s.variants) {
      if (v.default_text) line += std::string("; ") + v.when.choice + ": " + v.default_text;
    }
    line += ")";
    if (s.kind == SettingKind::kInt || s.kind == SettingKind::kDouble ||
        s.kind == SettingKind::kIntList || s.kind == SettingKind::kDoubleList) {
      line += " " + range_text(s.range);
    }
    if (s.applies_to.size() != 0) {
      std::string scope;
      for (const auto& when : s.applies_to) {
        scope += (scope.empty() ? std::string(" [") + when.selector + " " : ",") + when.choice;
      }
      line += scope + "]";
    }
    text += usage_line(flag_of(s) + placeholder(s), line);
  }
  text += "\nthe range test's settings (flags of lr-find):\n";
  for (const LrFindSetting& s : lr_find_settings()) {
    std::string choices;
    for (const char* choice : s.choices)
      choices += (choices.empty() ? " " : "|") + std::string(choice);
    text += usage_line(flag_of_key(s.key) + (choices.empty() ? " X" : choices),
                       std::string(s.help) + " (default " + s.default_text + ")");
  }
  return text;
}

std::string flag_of_key(const std::string& key) {
  std::string flag = key;
  for (char& c : flag) c = (c == '_') ? '-' : c;
  return flag;
}

std::set<std::string> switches() {
  std::set<std::string> names;
  for (const Setting& s : settings_schema()) {
    if (s.kind == SettingKind::kBool) names.insert(flag_of(s));
  }
  return names;
}

std::set<std::string> schedule_keys() {
  std::set<std::string> keys = {"scheduler", "lr", "schedule"};
  for (const Setting& s : settings_schema()) {
    for (const auto& when : s.applies_to) {
      if (std::string(when.selector) == "scheduler") keys.insert(s.key);
    }
  }
  return keys;
}

Flags parse_flags(const std::vector<std::string>& args, const std::set<std::string>& switches) {
  Flags flags;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      throw UsageError("unexpected argument \"" + arg + "\"; flags look like --name value");
    }
    std::string name = arg.substr(2), value;
    const auto eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else if (switches.count(name)) {
      value = "true";
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      throw UsageError("--" + name + " needs a value");
    }
    if (!flags.emplace(name, value).second) throw UsageError("--" + name + " is given twice");
  }
  return flags;
}

TrainerConfig config_from(const Flags& flags, const std::set<std::string>& own,
                          const std::set<std::string>* allowed) {
  TrainerConfig config;
  // The settings' empty schedule means "none" (the page's blank PyTorch line); typed on the command
  // line it is a mistake, which fell through to the default scheduler's messages.
  if (flags.count("schedule") &&
      flags.at("schedule").find_first_not_of(" \t\n") == std::string::npos) {
    throw UsageError("--schedule needs a PyTorch expression, e.g. \"StepLR(step_size=30)\"");
  }
  for (const auto& [flag, value] : flags) {
    if (own.count(flag)) continue;
    const std::string key = key_of(flag);
    if (allowed && !allowed->count(key))
      throw UsageError("--" + flag + " is not a flag of this command");
    try {
      set_option(config, key, value);
    } catch (const ConfigError& e) {
      if (std::string(e.what()).rfind("unknown setting", 0) == 0) {
        throw UsageError("unknown flag --" + flag + " (lrplay --help lists them)");
      }
      throw;
    }
  }
  validate(config);
  return config;
}

long long integer_flag(const Flags& flags, const std::string& name, long long low, long long high,
                       long long fallback, bool required) {
  const auto it = flags.find(name);
  if (it == flags.end()) {
    if (required) throw UsageError("--" + name + " is required");
    return fallback;
  }
  const std::string& v = it->second;
  char* end = nullptr;
  errno = 0;
  const long long n = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || errno == ERANGE || n < low || n > high) {
    throw UsageError("--" + name + " = \"" + v +
                     "\" is not accepted: it must be a whole number from " + count_text(low) +
                     " to " + count_text(high));
  }
  return n;
}

Dataset training_data(const Flags& flags, const TrainerConfig& config, std::ostream& err) {
  if (flags.count("data") && flags.count("dataset")) {
    throw UsageError("--data and --dataset both name the data: give one of them");
  }
  Dataset data =
      load_csv(flags.count("data") ? flags.at("data") : dataset_path(to_string(config.dataset)));
  if (!data.class_note.empty())
    err << "lrplay: note: " << data.source << ": " << data.class_note << '\n';
  return data;
}

}  // namespace lrplay::cli
