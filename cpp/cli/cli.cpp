#include "cli.hpp"

#include <algorithm>
#include <cmath>
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
#include "flags.hpp"

namespace lrplay {
namespace {
using namespace cli;  // the flag readers (flags.hpp)

int train(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const auto flags = parse_flags(args, switches());
  const TrainerConfig config = config_from(flags, {"data", "format"}, nullptr);
  const std::string format = flags.count("format") ? flags.at("format") : "csv";
  if (format != "csv" && format != "lesson") {
    throw UsageError("--format = \"" + format + "\" is not accepted: use csv or lesson");
  }
  Trainer trainer(config, training_data(flags, config, err));

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

int lr_find_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const auto flags = parse_flags(args, switches());
  if (flags.count("lr"))
    throw UsageError("--lr is not a flag of lr-find: use --start-lr and --end-lr");
  std::set<std::string> own = {"data"};
  for (const LrFindSetting& s : lr_find_settings()) own.insert(flag_of_key(s.key));
  const TrainerConfig config = config_from(flags, own, nullptr);
  LrFindOptions options;
  for (const LrFindSetting& s : lr_find_settings()) {
    const auto it = flags.find(flag_of_key(s.key));
    if (it != flags.end()) set_lr_find_option(options, s.key, it->second);
  }
  validate(options);  // before loading the data: a bad setting is named first

  const LrFindResult result = lr_find(config, training_data(flags, config, err), options);
  std::ostringstream text;
  text << "iteration,lr,loss,smoothed_loss\n";
  for (const LrFindRow& row : result.rows) {
    text << row.iteration << ',' << format_lr(row.lr) << ',' << shortest_text(row.loss) << ','
         << shortest_text(row.smoothed_loss) << '\n';
  }
  if (result.has_suggestion) {
    text << "# suggested lr: " << format_lr(result.suggested_lr) << '\n';
  } else {
    text << "# " << result.no_suggestion << '\n';  // the page's sentence too
  }
  out << text.str();
  return 0;
}

int schedule(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
             std::ostream& err) {
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
    // Read as the settings read numbers, then this command's range.
    const std::string& text = flags.at("momentum");
    const bool plain = read_plain_number(text, &sgd.momentum);
    if (!plain || !(sgd.momentum >= 0 && sgd.momentum < 1)) {
      throw UsageError("--momentum = \"" + text +
                       "\" is not accepted: SGD's momentum must be a plain number in [0, 1)");
    }
  }
  const bool plateau =
      dynamic_cast<const ReduceLROnPlateau*>(&make_scheduler(config, sgd, 0)->root()) != nullptr;
  const long long steps = plateau ? 0 : integer_flag(flags, "steps", 0, 1000000, 0, true);
  const auto scheduler = make_scheduler(config, sgd, static_cast<int>(steps));
  const bool momentum = scheduler->root().cycles_momentum();

  std::ostringstream rows;
  rows << (momentum ? "step,lr,momentum\n" : "step,lr\n");
  // A rate that overflows (gamma 1e308) or becomes undefined is no rate: as train stops at a
  // non-finite loss, the rows stop before it and the reason goes to stderr (exit code 3).
  std::string stopped;
  const auto row = [&](long long step, const SchedulerEvent& e) {
    if (!stopped.empty()) return;
    const bool rate_ok = std::isfinite(e.lr_after);
    if (!rate_ok || (momentum && !std::isfinite(e.momentum_after))) {
      stopped = "the scheduler's " + std::string(rate_ok ? "momentum" : "rate") + " at step " +
                std::to_string(step) + " is no longer a finite number (" +
                shortest_text(rate_ok ? e.momentum_after : e.lr_after) +
                "): the settings take it past a double's range; the rows before it are printed";
      return;
    }
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
        // PyTorch's ReduceLROnPlateau takes float(metric): nan and inf too, never C's hex.
        double metric = 0;
        if (!read_decimal(word, &metric)) {
          throw UsageError("stdin line " + std::to_string(number) + ": \"" + word +
                           "\" is not a number (one metric per line: a decimal such as 0.25 or "
                           "1e-3, or nan, inf, -inf)");
        }
        row(++step, scheduler->step(metric));
      }
    }
  } else {
    for (long long step = 1; step <= steps && stopped.empty(); ++step) {
      row(step, scheduler->step(0.0));
    }
  }
  out << rows.str();
  if (!stopped.empty()) {
    err << "lrplay: " << stopped << '\n';
    return 3;
  }
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
    if (command == "schedule") return schedule(args, in, out, err);
    if (command == "lr-find") return lr_find_command(args, out, err);
    if (command == "split") return split(args, out);
    if (command == "init") return init(args, out);
    // One line, as every other usage error: the whole usage text buried the mistake.
    err << "lrplay: "
        << (command.empty() ? "no command given" : "unknown command \"" + command + "\"")
        << "; the commands are train, schedule, lr-find, split and init (lrplay --help lists "
           "their flags)\n";
    return 2;
  } catch (const std::exception& e) {  // ConfigError, DataError, UsageError, TrainingError
    err << "lrplay: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace lrplay
