// run_cli (cpp/cli/cli.*): exit codes, what goes to stdout and stderr, and the shape of each
// command's output. Exit 2 must leave stdout empty, so a script never mistakes an error for data.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "iris_classes.hpp"

namespace lrplay {
namespace {

const std::string kWine = std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv";

struct Result {
  int code;
  std::string out, err;
};

Result cli(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  const int code = run_cli(args, in, out, err);
  return {code, out.str(), err.str()};
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

// Exit 2, nothing on stdout, and stderr says `why`.
void expect_usage_error(const std::vector<std::string>& args, const std::string& why,
                        const std::string& stdin_text = "") {
  std::string joined;
  for (const auto& a : args) joined += a + " ";
  SCOPED_TRACE("lrplay " + joined);
  const Result r = cli(args, stdin_text);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("lrplay: ", 0), 0u) << r.err;
  EXPECT_CONTAINS(r.err, why);
}

TEST(Cli, NoCommand) {
  const Result r = cli({});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "lrplay: no command given; the commands are train, schedule, lr-find, split and init "
            "(lrplay --help lists their flags)\n");
}

TEST(Cli, UnknownCommand) {
  const Result r = cli({"fly"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "lrplay: unknown command \"fly\"; the commands are train, schedule, lr-find, split and "
            "init (lrplay --help lists their flags)\n");
}

TEST(Cli, SplitNamesTheTestSizeAsTyped) {
  expect_usage_error({"split", "--n", "3", "--test-size", "0.9999999999999999"},
                     "lrplay: test_size = 0.9999999999999999 with 3 samples leaves an empty train "
                     "or validation set");
}

TEST(Cli, AnEmptyScheduleIsAUsageError) {
  // It meant "no expression", so schedule answered with plateau's "--steps is for the others".
  for (const std::string blank : {"", "  "}) {
    expect_usage_error(
        {"schedule", "--lr", "0.1", "--steps", "5", "--schedule", blank},
        "lrplay: --schedule needs a PyTorch expression, e.g. \"StepLR(step_size=30)\"");
    expect_usage_error({"train", "--data", kWine, "--schedule=" + blank},
                       "lrplay: --schedule needs a PyTorch expression");
  }
}

TEST(Cli, Help) {
  for (const std::string flag : {"--help", "help", "-h"}) {
    const Result r = cli({flag});
    EXPECT_EQ(r.code, 0) << flag;
    EXPECT_EQ(r.err, "") << flag;
    EXPECT_EQ(r.out.rfind("usage: lrplay", 0), 0u) << flag;
    for (const char* command : {"train", "schedule", "split", "init", "exit codes"}) {
      EXPECT_CONTAINS(r.out, command);
    }
  }
}

TEST(Cli, FlagSyntaxErrors) {
  expect_usage_error({"train", "--foo", "1"}, "unknown flag --foo");
  expect_usage_error({"train", "--data", kWine, "extra"}, "unexpected argument \"extra\"");
  expect_usage_error({"train", "-lr", "0.1"}, "unexpected argument \"-lr\"");
  expect_usage_error({"train", "--lr"}, "--lr needs a value");
  expect_usage_error({"train", "--seed", "1", "--seed=2"}, "--seed is given twice");
  expect_usage_error({"split", "--n", "10", "--n", "10"}, "--n is given twice");
  expect_usage_error({"split", "--n", "10", "--lr", "0.1"}, "--lr is not a flag of lrplay split");
  expect_usage_error({"init", "--lr", "0.1"}, "--lr is not a flag of this command");
  expect_usage_error(
      {"schedule", "--scheduler", "step", "--lr", "0.1", "--steps", "3", "--epochs", "3"},
      "--epochs is not a flag of this command");
}

TEST(Cli, BadValuesPrintNothing) {
  expect_usage_error({"train", "--data", kWine, "--lr", "-1"}, "lr = -1 is not accepted");
  expect_usage_error({"train", "--data", kWine, "--lr", "abc"}, "lr must be a finite number");
  expect_usage_error({"train", "--data", kWine, "--epochs", "0"}, "epochs");
  expect_usage_error({"train", "--data", kWine, "--format", "xml"}, "--format");
  expect_usage_error({"train", "--data", kWine, "--scheduler", "cyclical"}, "scheduler");
  expect_usage_error({"train", "--data", kWine, "--factor", "1"}, "factor");
  expect_usage_error({"train", "--data", kWine, "--betas", "0.9,1"}, "beta2");
  expect_usage_error({"train", "--data", kWine, "--standardize=maybe"}, "standardize");
  expect_usage_error({"train", "--data", "/no/such/file.csv"}, "/no/such/file.csv: cannot open");
  // A directory opens but cannot be read: not "the file is empty".
  expect_usage_error({"train", "--data", "data"},
                     "lrplay: data: cannot read the file (is it a directory?)");
  // 178 samples with test_size 0.999: ceil(177.8) = 178 for validation, none left to train on.
  expect_usage_error({"train", "--data", kWine, "--test-size", "0.999"},
                     "178 rows are too few for test_size = 0.999");
  expect_usage_error({"split", "--n", "1"}, "--n");
  expect_usage_error({"split"}, "--n is required");
  expect_usage_error({"split", "--n", "10", "--test-size", "1"}, "test_size");
  expect_usage_error({"split", "--n", "abc"}, "--n");
  expect_usage_error({"init", "--hidden", "0"}, "hidden");
  expect_usage_error({"init", "--features", "0"}, "--features");
}

TEST(Cli, BadCsvNamesTheLine) {
  const std::string path = ::testing::TempDir() + "lrplay_bad.csv";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fputs("a,b,c\n1,2,0\n3,x,1\n", f);
  std::fclose(f);
  expect_usage_error({"train", "--data", path}, path + ": line 3, column 2");
  std::remove(path.c_str());
}

TEST(Cli, TrainCsv) {
  const Result r = cli({"train", "--data", kWine, "--epochs", "3"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const auto rows = lines(r.out);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], "epoch,train_loss,val_loss,val_acc,lr");
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(rows[i].rfind(std::to_string(i) + ",", 0), 0u) << rows[i];
    EXPECT_EQ(std::count(rows[i].begin(), rows[i].end(), ','), 4) << rows[i];
  }
  // lr = 0.1 in the shortest text that reads back as the same double (not 0.10000000000000001),
  // the float32 losses likewise (at most 9 significant digits, fewer when they suffice).
  EXPECT_EQ(rows[1].substr(rows[1].rfind(',') + 1), "0.1");
  EXPECT_EQ(rows[1].find("e+"), std::string::npos) << rows[1];
}

TEST(Cli, TrainsOnAFileWhoseClassesAreNames) {
  // data/iris.csv with its classes 0, 1, 2 written as setosa, versicolor, virginica (sorted, so
  // numbered 0, 1, 2 again): the same rows as --dataset iris.
  const std::string text = testing::iris_with_classes({"setosa", "versicolor", "virginica"});
  const std::string path = ::testing::TempDir() + "lrplay_iris_named.csv";
  std::ofstream(path) << text;
  const Result named = cli({"train", "--data", path, "--epochs", "20", "--standardize"});
  ASSERT_EQ(named.code, 0) << named.err;
  EXPECT_EQ(named.err, "");
  EXPECT_EQ(named.out, cli({"train", "--dataset", "iris", "--epochs", "20", "--standardize"}).out);
  std::remove(path.c_str());
}

TEST(Cli, SaysWhenAClassColumnMixesIntegersAndNames) {
  // A typo, "O" for 0 on line 4: every class becomes a name, which train and lr-find say on
  // stderr, and still train (exit 0, the rows on stdout).
  const std::string path = ::testing::TempDir() + "lrplay_mixed.csv";
  std::ofstream(path) << "a,b,class\n1,2,0\n3,4,1\n5,6,O\n7,8,2\n1,1,0\n2,2,1\n3,3,2\n4,4,0\n"
                         "5,5,1\n6,6,2\n";
  const std::string note = "lrplay: note: " + path +
                           ": the class column mixes integers and names (the first name is on "
                           "line 4), so every class is read as a name\n";
  const Result train = cli({"train", "--data", path, "--epochs", "2"});
  EXPECT_EQ(train.code, 0) << train.err;
  EXPECT_EQ(train.err, note);
  EXPECT_EQ(lines(train.out).size(), 3u) << train.out;
  const Result find = cli({"lr-find", "--data", path, "--num-iter", "5"});
  EXPECT_EQ(find.code, 0) << find.err;
  EXPECT_EQ(find.err, note);
  std::remove(path.c_str());
}

TEST(Cli, NewTrainingSettingsAreRejectedByName) {
  expect_usage_error({"train", "--optimizer", "rmsprop"},
                     "optimizer must be one of adam, adamw, sgd");
  expect_usage_error({"train", "--optimizer", "sgd", "--momentum", "-0.5"}, "momentum = -0.5");
  expect_usage_error({"train", "--optimizer", "sgd", "--nesterov"},
                     "nesterov = true is not accepted");
  expect_usage_error(
      {"train", "--optimizer", "sgd", "--momentum", "0.9", "--nesterov", "--dampening", "0.5"},
      "dampening = 0.5");
  expect_usage_error({"train", "--optimizer", "adamw", "--weight-decay", "-0.01"},
                     "weight_decay = -0.01");
  expect_usage_error({"train", "--batch-size", "-8"}, "batch_size = \"-8\" is not accepted");
  expect_usage_error({"train", "--dataset", "mnist"},
                     "dataset must be one of wine, iris, breast_cancer, digits");
  expect_usage_error({"train", "--dataset", "iris", "--data", kWine}, "give one of them");
}

TEST(Cli, TrainOnAShippedDataSetWithMiniBatches) {
  // The default --data is the --dataset's file in data/ (relative to the repository root, the
  // test's working directory).
  const Result r = cli({"train", "--dataset", "iris", "--batch-size", "10", "--optimizer", "sgd",
                        "--momentum", "0.9", "--epochs", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(lines(r.out).size(), 3u);
  const Result wine_by_name = cli({"train", "--dataset", "wine", "--epochs", "2"});
  const Result wine_by_path = cli({"train", "--data", kWine, "--epochs", "2"});
  EXPECT_EQ(wine_by_name.out, wine_by_path.out);
  EXPECT_NE(r.out, wine_by_name.out);
}

TEST(Cli, TrainLessonFormat) {
  // The lesson prints after every tenth epoch: f"Epoch [{epoch}/{epochs}], LR: {lr:.6f}".
  const Result r = cli({"train", "--data", kWine, "--format", "lesson"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rows = lines(r.out);
  ASSERT_EQ(rows.size(), 10u);
  for (int i = 0; i < 10; ++i) {
    const std::string prefix = "Epoch [" + std::to_string(10 * (i + 1)) + "/100], LR: ";
    EXPECT_EQ(rows[i].rfind(prefix, 0), 0u) << rows[i];
  }
  EXPECT_EQ(rows[0], "Epoch [10/100], LR: 0.100000");
  const Result short_run = cli({"train", "--data", kWine, "--format", "lesson", "--epochs", "25"});
  EXPECT_EQ(lines(short_run.out).size(), 2u);
  const Result none = cli({"train", "--data", kWine, "--format", "lesson", "--epochs", "9"});
  EXPECT_EQ(none.code, 0);
  EXPECT_EQ(none.out, "");
}

TEST(Cli, DivergenceExitsThreeAfterTheFiniteRows) {
  // ExponentialLR with gamma 10 grows the rate tenfold per epoch; epoch 41 overflows (PyTorch's
  // reference run of this command stops after 40 rows too).
  const Result r = cli({"train", "--data", kWine, "--scheduler", "exp", "--gamma", "10"});
  EXPECT_EQ(r.code, 3);
  const auto rows = lines(r.out);
  ASSERT_EQ(rows.size(), 41u);  // header + epochs 1..40
  EXPECT_EQ(rows.back().rfind("40,", 0), 0u) << rows.back();
  for (const auto& row : rows) {
    EXPECT_EQ(row.find("nan"), std::string::npos) << row;
    EXPECT_EQ(row.find("inf"), std::string::npos) << row;
  }
  EXPECT_CONTAINS(r.err, "diverged at epoch 41");
  // Diverging at the first epoch leaves just the header (csv) or nothing (lesson).
  const Result first = cli({"train", "--data", kWine, "--lr", "1e38"});
  EXPECT_EQ(first.code, 3);
  EXPECT_EQ(first.out, "epoch,train_loss,val_loss,val_acc,lr\n");
  EXPECT_CONTAINS(first.err, "diverged at epoch 1");
  const Result lesson = cli({"train", "--data", kWine, "--lr", "1e38", "--format", "lesson"});
  EXPECT_EQ(lesson.code, 3);
  EXPECT_EQ(lesson.out, "");
}

TEST(Cli, ScheduleStopsBeforeARateThatIsNoLongerFinite) {
  // 0.1 * 1e308 = 1e307, then 1e307 * 1e308 overflows: the rows printed inf as a rate.
  const Result r =
      cli({"schedule", "--scheduler", "exp", "--lr", "0.1", "--gamma", "1e308", "--steps", "5"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "step,lr\n1,1.0000000000000001e307\n");
  EXPECT_EQ(r.err,
            "lrplay: the scheduler's rate at step 2 is no longer a finite number (inf): the "
            "settings take it past a double's range; the rows before it are printed\n");
  // CosineAnnealingLR's recursive form with eta_min = 1e308 reaches -inf, then nan.
  const Result cosine = cli({"schedule", "--lr", "0.1", "--steps", "4", "--schedule",
                             "CosineAnnealingLR(T_max=1, eta_min=1e308)"});
  EXPECT_EQ(cosine.code, 3);
  EXPECT_EQ(cosine.out, "step,lr\n1,1e308\n");
  EXPECT_CONTAINS(cosine.err, "rate at step 2 is no longer a finite number (-inf)");
  // A cycled momentum too: exp_range's gamma ** step overflows both.
  const Result cyclic =
      cli({"schedule", "--lr", "0.1", "--steps", "4", "--momentum", "0.9", "--schedule",
           "CyclicLR(0.01, 0.1, step_size_up=100, mode='exp_range', gamma=1e308)"});
  EXPECT_EQ(cyclic.code, 3);
  EXPECT_EQ(cyclic.out.find("inf"), std::string::npos) << cyclic.out;
  EXPECT_CONTAINS(cyclic.err, "is no longer a finite number");
}

TEST(Cli, ScheduleStep) {
  const Result r = cli({"schedule", "--scheduler", "step", "--lr", "0.1", "--steps", "5",
                        "--step-size", "2", "--gamma", "0.5"});
  ASSERT_EQ(r.code, 0) << r.err;
  // StepLR(step_size=2, gamma=0.5) from 0.1: halves after steps 2 and 4.
  EXPECT_EQ(r.out, "step,lr\n1,0.1\n2,0.05\n3,0.05\n4,0.025\n5,0.025\n");
  EXPECT_EQ(0.1 * 0.5, 0.05);  // the products are exactly these doubles
  EXPECT_EQ(0.1 * 0.5 * 0.5, 0.025);
  EXPECT_EQ(cli({"schedule", "--scheduler", "exp", "--lr", "1", "--steps", "0"}).out, "step,lr\n");
}

TEST(Cli, ScheduleTakesExpressionsAndRefusesAShortOneCycle) {
  expect_usage_error({"schedule", "--schedule", "StepLR(3", "--lr", "0.1", "--steps", "3"},
                     "schedule: column 9: expected ',' or ')'");
  expect_usage_error({"schedule", "--scheduler", "onecycle", "--lr", "0.1", "--total-steps", "10",
                      "--steps", "20"},
                     "total_steps = 10 is not accepted: OneCycleLR would be stepped 20 times");
  expect_usage_error(
      {"schedule", "--scheduler", "cyclic", "--lr", "0.1", "--momentum", "1", "--steps", "2"},
      "--momentum = \"1\" is not accepted: SGD's momentum must be a plain number in [0, 1)");
  // Read as every other number is: strtod's leading blank and hex were taken as 0.5.
  for (const std::string odd : {" 0.5", "0x0.8", "nan", ""}) {
    expect_usage_error(
        {"schedule", "--scheduler", "cyclic", "--lr", "0.1", "--momentum", odd, "--steps", "2"},
        "\" is not accepted: SGD's momentum must be a plain number in [0, 1)");
  }
  expect_usage_error({"train", "--data", kWine, "--scheduler", "onecycle", "--total-steps", "50",
                      "--epochs", "60"},
                     "total_steps = 50 is not accepted: OneCycleLR would be stepped 60 times");
}

// Settings are checked before the data is loaded; a per-batch OneCycleLR's steps are the batches'.
TEST(Cli, OneCycleWithoutTotalStepsTakesTheRunsSteps) {
  // 20 epochs of 9 batches (142 rows by 16): 180 steps, so pct_start 0.05 ends phase 1 at step 8.
  const auto per_batch =
      cli({"train", "--data", kWine, "--standardize", "--epochs", "20", "--batch-size", "16",
           "--scheduler-step", "batch", "--scheduler", "onecycle", "--pct-start", "0.05"});
  EXPECT_EQ(per_batch.code, 0) << per_batch.err;
  const auto expression =
      cli({"train", "--data", kWine, "--standardize", "--epochs", "20", "--batch-size", "16",
           "--scheduler-step", "batch", "--schedule", "OneCycleLR(max_lr=0.1, pct_start=0.05)"});
  EXPECT_EQ(expression.code, 0) << expression.err;
  EXPECT_EQ(expression.out, per_batch.out);
  EXPECT_EQ(
      cli({"train", "--data", kWine, "--epochs", "20", "--schedule", "OneCycleLR(max_lr=0.1)"})
          .code,
      0);
  // Per epoch the same pct_start leaves phase 1 no step of 20 (PyTorch divides by zero).
  expect_usage_error(
      {"train", "--data", kWine, "--epochs", "20", "--scheduler", "onecycle", "--pct-start",
       "0.05"},
      "pct_start = 0.05 with total_steps = 20 gives OneCycleLR a phase of zero steps");
  // Per batch, the trainer refuses what the real count empties: 1/180 of 180 steps.
  expect_usage_error(
      {"train", "--data", kWine, "--epochs", "20", "--batch-size", "16", "--scheduler-step",
       "batch", "--scheduler", "onecycle", "--pct-start", "0.005555555555555556"},
      "with total_steps = 180 gives OneCycleLR a phase of zero steps");
  // The placeholder count of the settings' check is no count of the run's: it neither refuses
  // what only it empties (2^-20 of 2^20 steps is one) nor names itself in a message.
  const auto tiny_pct = cli({"train", "--data", kWine, "--epochs", "3", "--scheduler", "onecycle",
                             "--pct-start", "9.5367431640625e-7"});
  EXPECT_EQ(tiny_pct.code, 0) << tiny_pct.err;  // as PyTorch 1.13 runs OneCycleLR(total_steps=3)
  expect_usage_error(
      {"train", "--data", kWine, "--epochs", "3", "--scheduler", "onecycle", "--pct-start", "1"},
      "lrplay: pct_start = 1 with total_steps = 3 gives OneCycleLR a phase");
  expect_usage_error(
      {"schedule", "--scheduler", "onecycle", "--lr", "0.1", "--steps", "10", "--pct-start", "1"},
      "lrplay: pct_start = 1 with total_steps = 10 gives OneCycleLR a phase");
}

TEST(Cli, ScheduleStepNeedsSteps) {
  expect_usage_error({"schedule", "--scheduler", "step", "--lr", "0.1"}, "--steps is required");
  expect_usage_error({"schedule", "--scheduler", "exp", "--lr", "0.1", "--steps", "-1"}, "--steps");
  expect_usage_error({"schedule", "--scheduler", "exp", "--lr", "0.1", "--steps", "2.5"},
                     "--steps");
  expect_usage_error({"schedule", "--lr", "0.1", "--steps", "3"},
                     "or --schedule \"<PyTorch expression>\" is required");
  expect_usage_error({"schedule", "--scheduler", "step", "--steps", "3"}, "--lr is required");
  expect_usage_error({"schedule", "--scheduler", "plateau", "--lr", "0.1", "--steps", "3"},
                     "plateau reads stdin");
}

TEST(Cli, SchedulePlateauReadsMetrics) {
  // patience 0: every bad epoch cuts. 1 (best) | nan bad: cut | inf bad: cut | -inf best |
  // (blank lines skipped) | 2 bad: cut. Rates chain by 0.1 as PyTorch's do.
  const Result r = cli({"schedule", "--scheduler", "plateau", "--lr", "0.1", "--patience", "0"},
                       "1\nnan\r\ninf\n-inf\n\n   \n2\n");
  ASSERT_EQ(r.code, 0) << r.err;
  const double a = 0.1 * 0.1, b = a * 0.1, c = b * 0.1;
  // Shortest round-trip text of each product (not 0.10000000000000001 for the first).
  EXPECT_EQ(r.out,
            "step,lr\n1,0.1\n2,0.010000000000000002\n3,0.0010000000000000002\n"
            "4,0.0010000000000000002\n5,0.00010000000000000003\n");
  EXPECT_EQ(std::strtod("0.010000000000000002", nullptr), a);
  EXPECT_EQ(std::strtod("0.0010000000000000002", nullptr), b);
  EXPECT_EQ(std::strtod("0.00010000000000000003", nullptr), c);
}

TEST(Cli, SchedulePlateauRejectsANonNumberWithItsLine) {
  expect_usage_error({"schedule", "--scheduler", "plateau", "--lr", "0.1"}, "stdin line 3: \"abc\"",
                     "1\n\nabc\n2\n");
  expect_usage_error({"schedule", "--scheduler", "plateau", "--lr", "0.1"}, "stdin line 1",
                     "1.5x\n");
  expect_usage_error({"schedule", "--scheduler", "plateau", "--lr", "0.1"}, "stdin line 2",
                     "1\n2 x\n");
}

TEST(Cli, SchedulePlateauRefusesCHexAndSaysWhatIsAccepted) {
  // strtod reads "0x10" as 16; Python's float(), which ReduceLROnPlateau's metric goes through,
  // refuses it.
  for (const std::string hex : {"0x10", "0X1P-2", "-0x.8"}) {
    expect_usage_error({"schedule", "--scheduler", "plateau", "--lr", "0.1"},
                       "stdin line 2: \"" + hex +
                           "\" is not a number (one metric per line: a decimal such as 0.25 or "
                           "1e-3, or nan, inf, -inf)",
                       "1\n" + hex + "\n");
  }
  // Decimals past a double's range read as Python reads them: 1e999 is inf, a bad epoch.
  const Result r =
      cli({"schedule", "--scheduler", "plateau", "--lr", "0.1", "--patience", "0"}, "1\n1e999\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "step,lr\n1,0.1\n2,0.010000000000000002\n");
}

TEST(Cli, SchedulePlateauAlsoSplitsALineOnBlanksAndCommas) {
  // The golden files list their metrics on one "# metrics:" line; pasting that line works too.
  const Result one_per_line =
      cli({"schedule", "--scheduler", "plateau", "--lr", "0.1", "--patience", "0"}, "1\n2\n3\n");
  const Result one_line =
      cli({"schedule", "--scheduler", "plateau", "--lr", "0.1", "--patience", "0"}, "1 2,3\n");
  EXPECT_EQ(one_line.code, 0) << one_line.err;
  EXPECT_EQ(one_line.out, one_per_line.out);
  EXPECT_EQ(std::count(one_line.out.begin(), one_line.out.end(), '\n'), 4);  // header + 3 steps
}

TEST(Cli, Split) {
  // sklearn: train_test_split(np.arange(10), test_size=0.25, random_state=0) gives
  // train [9, 1, 6, 7, 3, 0, 5], test [2, 8, 4]; lrplay prints test first.
  const Result r = cli({"split", "--n", "10"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "2,8,4\n9,1,6,7,3,0,5\n");
  const Result wine = cli({"split", "--n", "178", "--test-size", "0.2", "--seed", "42"});
  const auto rows = lines(wine.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(std::count(rows[0].begin(), rows[0].end(), ','), 35);   // 36 test indices
  EXPECT_EQ(std::count(rows[1].begin(), rows[1].end(), ','), 141);  // 142 train indices
  // ... train_test_split(np.arange(178), test_size=0.2, random_state=42)[1][:5] = [19, 45, 140, 30,
  // 67]
  EXPECT_EQ(rows[0].rfind("19,45,140,30,67,", 0), 0u) << rows[0];
}

TEST(Cli, Init) {
  // The lesson's model 13-10-10-3 has 283 parameters, one per line.
  const Result r = cli({"init"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lines(r.out).size(), 283u);
  // torch.manual_seed(0); nn.Sequential(nn.Linear(4,5), nn.ReLU(), nn.Linear(5,3)): 43 parameters,
  // the first -0.00374341011 and the last 0.075661689 (as '%.9g' printed PyTorch's reference),
  // each printed in the shortest text that reads back as the same float32.
  const Result small =
      cli({"init", "--seed", "0", "--features", "4", "--hidden", "5", "--classes", "3"});
  ASSERT_EQ(small.code, 0) << small.err;
  const auto rows = lines(small.out);
  ASSERT_EQ(rows.size(), 43u);
  EXPECT_EQ(rows.front(), "-0.00374341");
  EXPECT_EQ(std::strtof(rows.front().c_str(), nullptr), std::strtof("-0.00374341011", nullptr));
  EXPECT_EQ(rows.back(), "0.07566169");
  EXPECT_EQ(std::strtof(rows.back().c_str(), nullptr), std::strtof("0.075661689", nullptr));
}

}  // namespace
}  // namespace lrplay
