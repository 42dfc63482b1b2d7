// lr-find's rates, its suggestion (torch-lr-finder's suggest over numpy.gradient) and its
// refusals; tests/golden/practice/lr_find_*.csv check whole runs against PyTorch.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/cli.hpp"
#include "config.hpp"
#include "lr_find.hpp"
#include "settings_schema.hpp"

namespace {

using lrplay::LrFindOptions;
using lrplay::LrFindRow;

TEST(LrFind, ExponentialAndLinearRates) {
  LrFindOptions o;
  o.start_lr = 1e-6;
  o.end_lr = 10;
  o.num_iter = 100;
  EXPECT_EQ(lrplay::lr_find_rate(o, 0), 1e-6);
  EXPECT_EQ(lrplay::lr_find_rate(o, 1), 1e-6 * std::pow(1e7, 1.0 / 99));
  EXPECT_EQ(lrplay::lr_find_rate(o, 99), 1e-6 * std::pow(1e7, 1.0));
  o.step_mode = lrplay::LrFindStepMode::kLinear;
  o.start_lr = 1;
  o.num_iter = 11;
  EXPECT_EQ(lrplay::lr_find_rate(o, 0), 1);
  EXPECT_EQ(lrplay::lr_find_rate(o, 5), 5.5);
  EXPECT_EQ(lrplay::lr_find_rate(o, 10), 10);
}

std::vector<LrFindRow> rows_of(const std::vector<double>& smoothed) {
  std::vector<LrFindRow> rows;
  for (std::size_t i = 0; i < smoothed.size(); ++i) {
    LrFindRow row;
    row.iteration = static_cast<int>(i) + 1;
    row.lr = 100.0 + static_cast<double>(i);
    row.smoothed_loss = smoothed[i];
    rows.push_back(row);
  }
  return rows;
}

TEST(LrFind, SuggestionIsTheSteepestCentralDifferenceAfterTheSkips) {
  // Kept rows 10..14 (five skipped at the end): s = 9, 8, 4, 3, 2.9. numpy.gradient:
  // [-1, -2.5, -2.5, -0.55, -0.1]; argmin takes the first -2.5, row 11.
  std::vector<double> s(10, 10.0);
  for (double v : {9.0, 8.0, 4.0, 3.0, 2.9, 0.0, 0.0, 0.0, 0.0, 0.0}) s.push_back(v);
  double lr = 0;
  ASSERT_TRUE(lrplay::suggest_lr(rows_of(s), &lr));
  EXPECT_EQ(lr, 111.0);
}

TEST(LrFind, SuggestionUsesOneSidedDifferencesAtTheEnds) {
  // Kept: 5, 1, 0.9, 0.8, -3 -> gradient [-4, -2.05, -0.1, -1.95, -3.8]: the first end wins.
  std::vector<double> s(10, 10.0);
  for (double v : {5.0, 1.0, 0.9, 0.8, -3.0, 0.0, 0.0, 0.0, 0.0, 0.0}) s.push_back(v);
  double lr = 0;
  ASSERT_TRUE(lrplay::suggest_lr(rows_of(s), &lr));
  EXPECT_EQ(lr, 110.0);
  // Kept: 5, 4.9, 4.8, 4.7, 0 -> the last end (-4.7) wins.
  s = std::vector<double>(10, 10.0);
  for (double v : {5.0, 4.9, 4.8, 4.7, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}) s.push_back(v);
  ASSERT_TRUE(lrplay::suggest_lr(rows_of(s), &lr));
  EXPECT_EQ(lr, 114.0);
}

TEST(LrFind, NoSuggestionWithFewerThanTwoKeptRows) {
  double lr = -1;
  EXPECT_FALSE(lrplay::suggest_lr(rows_of(std::vector<double>(16, 1.0)), &lr));
  EXPECT_TRUE(lrplay::suggest_lr(rows_of(std::vector<double>(17, 1.0)), &lr));
  EXPECT_EQ(lr, 110.0);
}

// The sentence the page shows and the CLI prints where suggest_lr() has too few rows: the counts
// are suggest_lr()'s own (16 rows none, 17 one, as above).
TEST(LrFind, SaysWhyThereIsNoSuggestion) {
  EXPECT_EQ(lrplay::no_suggestion_reason(16),
            "No suggestion: the test stopped after 16 batches, and a suggestion needs at least 17 "
            "(the first 10 and the last 5 are left out, and a slope needs two points). Start "
            "lower, raise diverge_th or num_iter.");
  EXPECT_EQ(
      lrplay::no_suggestion_reason(1).rfind("No suggestion: the test stopped after 1 batch,", 0),
      0u);
  std::istringstream in;
  std::ostringstream out, err;
  ASSERT_EQ(lrplay::run_cli({"lr-find", "--num-iter", "16"}, in, out, err), 0) << err.str();
  const std::string text = out.str();
  const std::size_t last = text.rfind('\n', text.size() - 2) + 1;
  EXPECT_EQ(text.substr(last), "# " + lrplay::no_suggestion_reason(16) + "\n");
  out.str("");
  ASSERT_EQ(lrplay::run_cli({"lr-find", "--num-iter", "17"}, in, out, err), 0) << err.str();
  EXPECT_EQ(out.str().find("No suggestion"), std::string::npos);
  EXPECT_NE(out.str().find("# suggested lr: "), std::string::npos);
}

std::string refusal(const std::vector<std::string>& args) {
  std::istringstream in;
  std::ostringstream out, err;
  EXPECT_EQ(lrplay::run_cli(args, in, out, err), 2);
  EXPECT_EQ(out.str(), "");
  return err.str();
}

TEST(LrFind, RefusesBadSettingsNamingThem) {
  EXPECT_NE(refusal({"lr-find", "--start-lr", "1", "--end-lr", "1"}).find("start_lr"),
            std::string::npos);
  EXPECT_NE(refusal({"lr-find", "--start-lr", "2", "--end-lr", "1"}).find("start_lr"),
            std::string::npos);
  EXPECT_NE(refusal({"lr-find", "--start-lr", "0"}).find("start_lr"), std::string::npos);
  EXPECT_NE(refusal({"lr-find", "--start-lr", "-1", "--end-lr", "1"}).find("start_lr"),
            std::string::npos);
  EXPECT_NE(refusal({"lr-find", "--start-lr", "-2", "--end-lr", "-1"}).find("start_lr"),
            std::string::npos);
  EXPECT_NE(refusal({"lr-find", "--end-lr", "0"}).find("end_lr"), std::string::npos);
  EXPECT_NE(refusal({"lr-find", "--num-iter", "1"}).find("num_iter"), std::string::npos);
  EXPECT_NE(refusal({"lr-find", "--smooth-f", "1"}).find("smooth_f"), std::string::npos);
  EXPECT_NE(refusal({"lr-find", "--smooth-f", "-0.1"}).find("smooth_f"), std::string::npos);
  EXPECT_NE(refusal({"lr-find", "--diverge-th", "1"}).find("diverge_th"), std::string::npos);
  EXPECT_NE(refusal({"lr-find", "--step-mode", "log"}).find("step_mode"), std::string::npos);
  EXPECT_NE(refusal({"lr-find", "--lr", "0.1"}).find("--lr"), std::string::npos);
  LrFindOptions o;
  o.num_iter = 1;
  EXPECT_THROW(lrplay::validate(o), lrplay::ConfigError);
}

TEST(LrFind, RefusesARangeWhoseExpRatesOverflow) {
  // 1e308 / 1e-7 is inf in a double: every rate after the first was inf, printed as a result.
  EXPECT_NE(refusal({"lr-find", "--end-lr", "1e308"})
                .find("lrplay: end_lr = 1e308 is not accepted with start_lr = 1e-7: end_lr / "
                      "start_lr is beyond a double's range"),
            std::string::npos);
  // The linear rates stay finite: accepted.
  std::istringstream in;
  std::ostringstream out, err;
  EXPECT_EQ(
      lrplay::run_cli({"lr-find", "--end-lr", "1e308", "--step-mode", "linear", "--num-iter", "3"},
                      in, out, err),
      0)
      << err.str();
  EXPECT_EQ(out.str().find("inf"), std::string::npos) << out.str();
}

TEST(LrFind, SmoothFZeroKeepsTheFirstLossAndRunsEveryIteration) {
  std::istringstream in;
  std::ostringstream out, err;
  ASSERT_EQ(lrplay::run_cli({"lr-find", "--smooth-f", "0", "--num-iter", "20", "--end-lr", "1e-3"},
                            in, out, err),
            0)
      << err.str();
  std::istringstream lines(out.str());
  std::string line, first_smoothed;
  int rows = 0;
  std::getline(lines, line);
  EXPECT_EQ(line, "iteration,lr,loss,smoothed_loss");
  while (std::getline(lines, line) && line[0] != '#') {
    const std::string smoothed = line.substr(line.rfind(',') + 1);
    if (rows++ == 0) first_smoothed = smoothed;
    EXPECT_EQ(smoothed, first_smoothed);
  }
  EXPECT_EQ(rows, 20);
  // A flat curve: every gradient is 0 and argmin takes the first row kept, the 11th.
  ASSERT_EQ(line.rfind("# suggested lr: ", 0), 0u) << line;
  LrFindOptions o;
  o.end_lr = 1e-3;
  o.num_iter = 20;
  EXPECT_EQ(std::stod(line.substr(16)), lrplay::lr_find_rate(o, 10));
}

TEST(LrFind, StopsBeforeTheFirstNonFiniteLoss) {
  std::istringstream in;
  std::ostringstream out, err;
  // diverge_th so high that only a loss that overflows float32 ends the run (iteration 11).
  ASSERT_EQ(lrplay::run_cli({"lr-find", "--optimizer", "sgd", "--diverge-th", "1e300", "--end-lr",
                             "1e300", "--num-iter", "60"},
                            in, out, err),
            0)
      << err.str();
  std::istringstream lines(out.str());
  std::string line;
  int rows = -1;  // the header
  while (std::getline(lines, line) && line[0] != '#') {
    ++rows;
    EXPECT_EQ(line.find("inf"), std::string::npos) << line;
    EXPECT_EQ(line.find("nan"), std::string::npos) << line;
  }
  EXPECT_EQ(rows, 10);
  EXPECT_EQ(line, "# " + lrplay::no_suggestion_reason(10)) << "no suggestion from 10 rows";
}

}  // namespace

TEST(LrFind, PageSettingsDefaultsAreTheOptionsDefaults) {
  LrFindOptions parsed, defaults;
  parsed.start_lr = parsed.end_lr = parsed.smooth_f = parsed.diverge_th = -1;
  parsed.num_iter = -1;
  parsed.step_mode = lrplay::LrFindStepMode::kLinear;
  for (const auto& s : lrplay::lr_find_settings()) {
    lrplay::set_lr_find_option(parsed, s.key, s.default_text);
  }
  EXPECT_EQ(parsed.start_lr, defaults.start_lr);
  EXPECT_EQ(parsed.end_lr, defaults.end_lr);
  EXPECT_EQ(parsed.num_iter, defaults.num_iter);
  EXPECT_EQ(parsed.step_mode, defaults.step_mode);
  EXPECT_EQ(parsed.smooth_f, defaults.smooth_f);
  EXPECT_EQ(parsed.diverge_th, defaults.diverge_th);
}

TEST(LrFind, PageSettingsFromTextRefuseNamingTheSetting) {
  LrFindOptions o;
  lrplay::set_lr_find_option(o, "start_lr", "1e-6");
  lrplay::set_lr_find_option(o, "num_iter", "250");
  lrplay::set_lr_find_option(o, "step_mode", "linear");
  EXPECT_EQ(o.start_lr, 1e-6);
  EXPECT_EQ(o.num_iter, 250);
  EXPECT_EQ(o.step_mode, lrplay::LrFindStepMode::kLinear);
  const auto message = [](const std::string& key, const std::string& text) {
    LrFindOptions options;
    try {
      lrplay::set_lr_find_option(options, key, text);
    } catch (const lrplay::ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message("end_lr", "abc").rfind("end_lr = \"abc\" is not accepted", 0), 0u);
  EXPECT_EQ(message("end_lr", "inf").rfind("end_lr", 0), 0u);
  EXPECT_EQ(message("smooth_f", "0x1").rfind("smooth_f", 0), 0u);
  EXPECT_EQ(message("num_iter", "2.5").rfind("num_iter", 0), 0u);
  EXPECT_EQ(message("num_iter", "1").rfind("num_iter", 0), 0u);
  EXPECT_EQ(message("num_iter", "100001").rfind("num_iter", 0), 0u);
  EXPECT_EQ(message("step_mode", "log").rfind("step_mode", 0), 0u);
  EXPECT_NE(message("lr", "0.1").find("unknown range-test setting lr"), std::string::npos);
}

namespace {
// The setting a refusal carries for the page to mark its field ("" when it names none).
std::string refused_setting(const std::string& key, const std::string& text) {
  LrFindOptions options;
  try {
    lrplay::set_lr_find_option(options, key, text);
    lrplay::validate(options);
  } catch (const lrplay::ConfigError& e) {
    return e.setting;
  }
  return "accepted";
}
}  // namespace

TEST(LrFind, EveryRefusalCarriesTheSettingsKey) {
  for (const auto& s : lrplay::lr_find_settings()) {
    EXPECT_EQ(refused_setting(s.key, "abc"), s.key);
  }
  EXPECT_EQ(refused_setting("start_lr", "0"), "start_lr");
  EXPECT_EQ(refused_setting("start_lr", "20"), "start_lr");  // not below end_lr
  EXPECT_EQ(refused_setting("end_lr", "0"), "end_lr");
  EXPECT_EQ(refused_setting("end_lr", "1e308"), "end_lr");  // end_lr / start_lr overflows
  EXPECT_EQ(refused_setting("num_iter", "1"), "num_iter");
  EXPECT_EQ(refused_setting("smooth_f", "1"), "smooth_f");
  EXPECT_EQ(refused_setting("diverge_th", "1"), "diverge_th");
  EXPECT_EQ(refused_setting("lr", "0.1"), "");  // not a range-test setting
  LrFindOptions o;
  o.num_iter = 1;
  try {
    lrplay::validate(o);
    ADD_FAILURE() << "num_iter = 1 was accepted";
  } catch (const lrplay::ConfigError& e) {
    EXPECT_EQ(e.setting, "num_iter");
  }
}

namespace {
// The range test's rows for a run's settings as text (defaults elsewhere), on the data set they
// name.
std::vector<LrFindRow> rows_for(const std::vector<std::pair<std::string, std::string>>& settings) {
  lrplay::TrainerConfig config;
  for (const auto& [key, value] : settings) lrplay::set_option(config, key, value);
  lrplay::validate(config);
  LrFindOptions options;
  options.start_lr = 1e-3;
  options.end_lr = 1;
  options.num_iter = 20;
  options.diverge_th = 1e9;  // every row, so that two runs compare row by row
  const auto data = lrplay::load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/" +
                                     lrplay::get_option(config, "dataset") + ".csv");
  return lrplay::lr_find(config, data, options).rows;
}

bool same_rows(const std::vector<LrFindRow>& a, const std::vector<LrFindRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].lr != b[i].lr || a[i].loss != b[i].loss) return false;
  }
  return true;
}
}  // namespace

TEST(LrFind, ReadsExactlyTheRunSettingsItSaysItReads) {
  // A changed value of each setting the range test reads (under the optimizer it belongs to)
  // changes its rows; one of each it leaves out does not. lr_find_reads() must name exactly the
  // first: the find-lr exercise compares those between the range test and the run.
  using Settings = std::vector<std::pair<std::string, std::string>>;
  const std::map<std::string, Settings> read = {
      {"test_size", {{"test_size", "0.3"}}},
      {"split_seed", {{"split_seed", "7"}}},
      {"seed", {{"seed", "6"}}},
      {"hidden", {{"hidden", "8"}}},
      {"standardize", {{"standardize", "true"}}},
      {"betas", {{"betas", "0.8,0.99"}}},
      {"adam_eps", {{"adam_eps", "1e-3"}}},
      {"weight_decay", {{"weight_decay", "0.1"}}},
      {"amsgrad", {{"amsgrad", "true"}}},
      {"dataset", {{"dataset", "iris"}}},
      {"optimizer", {{"optimizer", "sgd"}}},
      {"momentum", {{"optimizer", "sgd"}, {"momentum", "0.9"}}},
      {"dampening", {{"optimizer", "sgd"}, {"momentum", "0.9"}, {"dampening", "0.5"}}},
      {"nesterov", {{"optimizer", "sgd"}, {"momentum", "0.9"}, {"nesterov", "true"}}},
      {"batch_size", {{"batch_size", "16"}}},
  };
  const Settings ignored[] = {
      {{"lr", "0.5"}},
      {{"epochs", "3"}},
      {{"scheduler", "step"}},
      {{"scheduler", "step"}, {"gamma", "0.5"}},
      {{"scheduler", "step"}, {"warmup", "2"}},
      {{"patience", "2"}},
      {{"monitor", "val_acc"}},
      {{"scheduler", "step"}, {"scheduler_step", "batch"}},
      {{"schedule", "StepLR(step_size=2)"}},
  };
  for (const auto& s : lrplay::settings_schema()) {
    EXPECT_EQ(lrplay::lr_find_reads(s), read.count(s.key) == 1) << s.key;
  }
  for (const auto& [key, changed] : read) {
    // Against the same settings without the one change (SGD's momentum for its dampening).
    Settings base(changed.begin(), changed.end() - 1);
    EXPECT_FALSE(same_rows(rows_for(changed), rows_for(base))) << key;
  }
  const auto defaults = rows_for({});
  for (const auto& changed : ignored) {
    EXPECT_TRUE(same_rows(rows_for(changed), defaults)) << changed.back().first;
  }
}
