#include "cli.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <istream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "../config.hpp"
#include "../dataset.hpp"
#include "../format.hpp"
#include "../lr_find.hpp"
#include "../mlp.hpp"
#include "../settings_schema.hpp"
#include "../split.hpp"
#include "../text.hpp"
#include "../trainer.hpp"

namespace lrplay {
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
             one batch per rate, printing iteration,lr,loss,smoothed_loss and, after more than 16
             rows, "# suggested lr: X" (steepest descent of the smoothed loss). Every setting
             below but --lr applies, plus --start-lr X (1e-7)  --end-lr X (10)  --num-iter N (100)
             --step-mode exp|linear (exp)  --smooth-f X in [0, 1) (0.05)  --diverge-th X > 1 (5)
  split      --n N --test-size T --seed S: test indices, then train indices (train_test_split's)
  init       --seed S [--hidden H1,H2,...]: every initial parameter, one per line, in
             model.parameters() order

exit codes: 0 ok, 2 bad usage or input, 3 training diverged (rows up to then are printed)
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

// The usage text and one line per setting of the table: flag, help, default, range, scope.
std::string usage() {
  std::string text = kUsage;
  text +=
      "\nsettings (flags of train; schedule takes --scheduler, --lr and the scheduler's own):\n";
  for (const Setting& s : settings_schema()) {
    std::string line = "  --" + flag_of(s) + placeholder(s);
    line += line.size() < 24 ? std::string(24 - line.size(), ' ') : "  ";
    line += std::string(s.help) + " (default " + (*s.default_text ? s.default_text : "none");
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
    text += line + "\n";
  }
  return text;
}

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Flags that take no value: the bool settings.
std::set<std::string> switches() {
  std::set<std::string> names;
  for (const Setting& s : settings_schema()) {
    if (s.kind == SettingKind::kBool) names.insert(flag_of(s));
  }
  return names;
}

// What `schedule` takes: the scheduler, the rate, and every setting that applies to a scheduler.
std::set<std::string> schedule_keys() {
  std::set<std::string> keys = {"scheduler", "lr", "schedule"};
  for (const Setting& s : settings_schema()) {
    for (const auto& when : s.applies_to) {
      if (std::string(when.selector) == "scheduler") keys.insert(s.key);
    }
  }
  return keys;
}

// --name value or --name=value; the names in `switches` take no value.
std::map<std::string, std::string> parse_flags(const std::vector<std::string>& args,
                                               const std::set<std::string>& switches) {
  std::map<std::string, std::string> flags;
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

std::string key_of(const std::string& flag) {
  std::string key = flag;
  for (char& c : key) c = (c == '-') ? '_' : c;
  return key;
}

// Applies every flag except `own` (the command's own flags) as a trainer setting.
TrainerConfig config_from(const std::map<std::string, std::string>& flags,
                          const std::set<std::string>& own, const std::set<std::string>* allowed) {
  TrainerConfig config;
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

long long integer_flag(const std::map<std::string, std::string>& flags, const std::string& name,
                       long long low, long long high, long long fallback, bool required) {
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
                     "\" is not accepted: it must be a whole number from " + std::to_string(low) +
                     " to " + std::to_string(high));
  }
  return n;
}

double number_flag(const std::map<std::string, std::string>& flags, const std::string& name,
                   double fallback) {
  const auto it = flags.find(name);
  if (it == flags.end()) return fallback;
  char* end = nullptr;
  const double x = std::strtod(it->second.c_str(), &end);
  if (it->second.empty() || *end != '\0') {
    throw UsageError("--" + name + " = \"" + it->second +
                     "\" is not accepted: it must be a number");
  }
  return x;
}

// The data a training command names: --data PATH or --dataset NAME.
Dataset training_data(const std::map<std::string, std::string>& flags,
                      const TrainerConfig& config) {
  if (flags.count("data") && flags.count("dataset")) {
    throw UsageError("--data and --dataset both name the data: give one of them");
  }
  return load_csv(flags.count("data") ? flags.at("data") : dataset_path(to_string(config.dataset)));
}

int train(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const auto flags = parse_flags(args, switches());
  const TrainerConfig config = config_from(flags, {"data", "format"}, nullptr);
  const std::string format = flags.count("format") ? flags.at("format") : "csv";
  if (format != "csv" && format != "lesson") {
    throw UsageError("--format = \"" + format + "\" is not accepted: use csv or lesson");
  }
  Trainer trainer(config, training_data(flags, config));

  std::ostringstream rows;
  if (format == "csv") rows << csv_header() << '\n';
  while (!trainer.finished() && trainer.diverged_at() == 0) {
    const EpochRecord& r = trainer.step();
    if (r.diverged) break;
    if (format == "csv") {
      rows << csv_row(r) << '\n';
    } else if (lesson_prints(r.epoch)) {
      rows << lesson_line(r.epoch, config.epochs, r.lr) << '\n';
    }
  }
  out << rows.str();
  if (trainer.diverged_at() > 0) {
    err << "lrplay: " << trainer.divergence_message() << '\n';
    return 3;
  }
  return 0;
}

int lr_find_command(const std::vector<std::string>& args, std::ostream& out) {
  const auto flags = parse_flags(args, switches());
  if (flags.count("lr"))
    throw UsageError("--lr is not a flag of lr-find: use --start-lr and --end-lr");
  const TrainerConfig config = config_from(
      flags, {"data", "start-lr", "end-lr", "num-iter", "step-mode", "smooth-f", "diverge-th"},
      nullptr);
  LrFindOptions options;
  options.start_lr = number_flag(flags, "start-lr", options.start_lr);
  options.end_lr = number_flag(flags, "end-lr", options.end_lr);
  options.num_iter = static_cast<int>(integer_flag(flags, "num-iter", 2, 100000, 100, false));
  options.smooth_f = number_flag(flags, "smooth-f", options.smooth_f);
  options.diverge_th = number_flag(flags, "diverge-th", options.diverge_th);
  const std::string mode = flags.count("step-mode") ? flags.at("step-mode") : "exp";
  if (mode != "exp" && mode != "linear") {
    throw UsageError("--step-mode = \"" + mode + "\" is not accepted: use exp or linear");
  }
  options.step_mode = mode == "exp" ? LrFindStepMode::kExp : LrFindStepMode::kLinear;
  validate(options);  // before loading the data: a bad setting is named first

  const LrFindResult result = lr_find(config, training_data(flags, config), options);
  std::ostringstream text;
  text << "iteration,lr,loss,smoothed_loss\n";
  for (const LrFindRow& row : result.rows) {
    text << row.iteration << ',' << format_lr(row.lr) << ',' << shortest_text(row.loss) << ','
         << shortest_text(row.smoothed_loss) << '\n';
  }
  if (result.has_suggestion) text << "# suggested lr: " << format_lr(result.suggested_lr) << '\n';
  out << text.str();
  return 0;
}

int schedule(const std::vector<std::string>& args, std::istream& in, std::ostream& out) {
  const auto flags = parse_flags(args, switches());
  static const std::set<std::string> allowed = schedule_keys();
  if (!flags.count("scheduler") && !flags.count("schedule")) {
    std::string choices;
    for (const char* choice : find_setting("scheduler")->choices) {
      choices += (choices.empty() ? "" : ", ") + std::string(choice);
    }
    throw UsageError("--scheduler (" + choices +
                     ") or --schedule \"<PyTorch expression>\" is required");
  }
  if (!flags.count("lr")) throw UsageError("--lr is required");
  const TrainerConfig config = config_from(flags, {"steps", "momentum"}, &allowed);
  // The schedule runs on SGD(lr, momentum=--momentum): what momentum cycling writes.
  ParamGroup sgd;
  sgd.lr = config.adam.lr;
  sgd.slot = MomentumSlot::kMomentum;
  if (flags.count("momentum")) {
    char* end = nullptr;
    const std::string& text = flags.at("momentum");
    sgd.momentum = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !(sgd.momentum >= 0 && sgd.momentum < 1)) {
      throw UsageError("--momentum = \"" + text +
                       "\" is not accepted: SGD's momentum must be in [0, 1)");
    }
  }
  const bool plateau =
      dynamic_cast<const ReduceLROnPlateau*>(&make_scheduler(config, sgd, 0)->root()) != nullptr;
  const long long steps = plateau ? 0 : integer_flag(flags, "steps", 0, 1000000, 0, true);
  const auto scheduler = make_scheduler(config, sgd, static_cast<int>(steps));
  const bool momentum = scheduler->root().cycles_momentum();

  std::ostringstream rows;
  rows << (momentum ? "step,lr,momentum\n" : "step,lr\n");
  const auto row = [&](long long step, const SchedulerEvent& e) {
    rows << step << ',' << format_lr(e.lr_after);
    if (momentum) rows << ',' << format_lr(e.momentum_after);
    rows << '\n';
  };
  if (plateau) {
    if (flags.count("steps")) throw UsageError("--steps is for the others; plateau reads stdin");
    std::string line;
    // One metric per line, as the golden files' "# metrics:" lists them; blanks and commas also
    // separate values, so a pasted "1.0 0.9 0.9" works too.
    int step = 0;
    for (int number = 1; std::getline(in, line); ++number) {
      for (char& c : line) c = (c == ',' || c == '\r' || c == '\t') ? ' ' : c;
      std::istringstream words(line);
      for (std::string word; words >> word;) {
        char* end = nullptr;
        const double metric = std::strtod(word.c_str(), &end);  // accepts nan, inf, -inf
        if (*end != '\0') {
          throw UsageError("stdin line " + std::to_string(number) + ": \"" + word +
                           "\" is not a number (one metric per line; nan and inf are accepted)");
        }
        row(++step, scheduler->step(metric));
      }
    }
  } else {
    for (long long step = 1; step <= steps; ++step) row(step, scheduler->step(0.0));
  }
  out << rows.str();
  return 0;
}

int split(const std::vector<std::string>& args, std::ostream& out) {
  const auto flags = parse_flags(args, {});
  for (const auto& [flag, value] : flags) {
    if (flag != "n" && flag != "test-size" && flag != "seed") {
      throw UsageError("--" + flag + " is not a flag of lrplay split (--n, --test-size, --seed)");
    }
  }
  const int n = static_cast<int>(integer_flag(flags, "n", 2, 10000000, 0, true));
  TrainerConfig config;
  set_option(config, "test_size", flags.count("test-size") ? flags.at("test-size") : "0.25");
  set_option(config, "split_seed", flags.count("seed") ? flags.at("seed") : "0");
  check_range("test_size", config.test_size, 0, 1, true, true);
  SplitIndices indices;
  try {
    indices = train_test_split(n, config.test_size, config.split_seed);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  std::ostringstream text;
  for (const auto* part : {&indices.test, &indices.train}) {
    for (std::size_t i = 0; i < part->size(); ++i) text << (i ? "," : "") << (*part)[i];
    text << '\n';
  }
  out << text.str();
  return 0;
}

int init(const std::vector<std::string>& args, std::ostream& out) {
  const auto flags = parse_flags(args, {});
  static const std::set<std::string> allowed = {"seed", "hidden", "features", "classes"};
  const TrainerConfig config = config_from(flags, {"features", "classes"}, &allowed);
  std::vector<int> sizes = {
      static_cast<int>(integer_flag(flags, "features", 1, kMaxFeatures, 13, false))};
  sizes.insert(sizes.end(), config.hidden.begin(), config.hidden.end());
  sizes.push_back(static_cast<int>(integer_flag(flags, "classes", 2, kMaxClasses, 3, false)));
  MLP model(sizes);
  model.init_like_torch(config.seed);
  std::ostringstream text;
  for (Eigen::Index i = 0; i < model.parameters().size(); ++i) {
    text << shortest_text(model.parameters()(i)) << '\n';  // a float32, read back exactly
  }
  out << text.str();
  return 0;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err) {
  const std::string command = args.empty() ? "" : args[0];
  const auto asks_help = [](const std::string& a) {
    return a == "--help" || a == "-h" || a == "help";
  };
  if (std::any_of(args.begin(), args.end(), asks_help)) {
    out << usage();
    return 0;
  }
  try {
    if (command == "train") return train(args, out, err);
    if (command == "schedule") return schedule(args, in, out);
    if (command == "lr-find") return lr_find_command(args, out);
    if (command == "split") return split(args, out);
    if (command == "init") return init(args, out);
    err << (command.empty() ? "lrplay: no command given\n"
                            : "lrplay: unknown command \"" + command + "\"\n")
        << usage();
    return 2;
  } catch (const std::exception& e) {  // ConfigError, DataError, UsageError, TrainingError
    err << "lrplay: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace lrplay
