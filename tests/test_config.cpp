// set_option / get_option / validate (cpp/config.*): every setting round-trips, and every rejection
// is a ConfigError naming the setting and what it accepts.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>

#include "config.hpp"
#include "dataset.hpp"
#include "make_scheduler.hpp"
#include "sched_cyclic.hpp"
#include "sched_decay.hpp"
#include "settings_schema.hpp"

namespace lrplay {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

// The message of the ConfigError set_option must throw ("" and a test failure if none).
std::string set_error(const std::string& key, const std::string& value) {
  TrainerConfig config;
  try {
    set_option(config, key, value);
  } catch (const ConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << key << " = \"" << value << "\" was accepted";
  return "";
}

std::string validate_error(const std::function<void(TrainerConfig&)>& change) {
  TrainerConfig config;
  change(config);
  try {
    validate(config);
  } catch (const ConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "validate accepted the config";
  return "";
}

// A value different from the default for every setting, and how it must land in the struct.
struct Sample {
  std::string text;
  std::function<bool(const TrainerConfig&)> applied;
};

const std::map<std::string, Sample>& samples() {
  static const std::map<std::string, Sample> table = {
      {"test_size", {"0.3", [](const TrainerConfig& c) { return c.test_size == 0.3; }}},
      {"split_seed", {"7", [](const TrainerConfig& c) { return c.split_seed == 7u; }}},
      {"seed", {"4294967295", [](const TrainerConfig& c) { return c.seed == 4294967295u; }}},
      {"epochs", {"250", [](const TrainerConfig& c) { return c.epochs == 250; }}},
      {"lr", {"0.05", [](const TrainerConfig& c) { return c.adam.lr == 0.05; }}},
      {"betas",
       {"0.8,0.99",
        [](const TrainerConfig& c) { return c.adam.beta1 == 0.8 && c.adam.beta2 == 0.99; }}},
      {"adam_eps", {"1e-6", [](const TrainerConfig& c) { return c.adam.eps == 1e-6; }}},
      {"weight_decay",
       {"0.01", [](const TrainerConfig& c) { return c.adam.weight_decay == 0.01; }}},
      {"amsgrad", {"true", [](const TrainerConfig& c) { return c.adam.amsgrad; }}},
      {"hidden",
       {"16,8,4",
        [](const TrainerConfig& c) {
          return c.hidden == std::vector<int>{16, 8, 4};
        }}},
      {"standardize", {"1", [](const TrainerConfig& c) { return c.standardize; }}},
      {"scheduler",
       {"step", [](const TrainerConfig& c) { return c.scheduler == SchedulerKind::kStep; }}},
      {"step_size", {"12", [](const TrainerConfig& c) { return c.step_size == 12; }}},
      {"gamma", {"0.5", [](const TrainerConfig& c) { return c.gamma == 0.5; }}},
      {"mode", {"max", [](const TrainerConfig& c) { return c.plateau.mode_max; }}},
      {"factor", {"0.25", [](const TrainerConfig& c) { return c.plateau.factor == 0.25; }}},
      {"patience", {"3", [](const TrainerConfig& c) { return c.plateau.patience == 3; }}},
      {"threshold", {"0.01", [](const TrainerConfig& c) { return c.plateau.threshold == 0.01; }}},
      {"threshold_mode", {"abs", [](const TrainerConfig& c) { return c.plateau.threshold_abs; }}},
      {"cooldown", {"2", [](const TrainerConfig& c) { return c.plateau.cooldown == 2; }}},
      {"min_lr", {"1e-5", [](const TrainerConfig& c) { return c.plateau.min_lr == 1e-5; }}},
      {"sched_eps", {"1e-10", [](const TrainerConfig& c) { return c.plateau.eps == 1e-10; }}},
      {"monitor", {"val_acc", [](const TrainerConfig& c) { return c.monitor == Metric::kValAcc; }}},
      {"t_max", {"10", [](const TrainerConfig& c) { return c.t_max == 10; }}},
      {"eta_min", {"1e-4", [](const TrainerConfig& c) { return c.eta_min == 1e-4; }}},
      {"start_factor", {"0.1", [](const TrainerConfig& c) { return c.start_factor == 0.1; }}},
      {"end_factor", {"0.5", [](const TrainerConfig& c) { return c.end_factor == 0.5; }}},
      {"total_iters", {"20", [](const TrainerConfig& c) { return c.total_iters == 20; }}},
      {"warmup", {"7", [](const TrainerConfig& c) { return c.warmup == 7; }}},
      {"milestones",
       {"5,9",
        [](const TrainerConfig& c) {
          return c.milestones == std::vector<int>{5, 9};
        }}},
      {"power", {"0.5", [](const TrainerConfig& c) { return c.power == 0.5; }}},
      {"t_0", {"7", [](const TrainerConfig& c) { return c.t_0 == 7; }}},
      {"t_mult", {"2", [](const TrainerConfig& c) { return c.t_mult == 2; }}},
      {"base_lr", {"0.002", [](const TrainerConfig& c) { return c.cyclic.base_lr == 0.002; }}},
      {"max_lr", {"0.3", [](const TrainerConfig& c) { return c.cyclic.max_lr == 0.3; }}},
      {"step_size_up", {"50", [](const TrainerConfig& c) { return c.cyclic.step_size_up == 50; }}},
      {"step_size_down",
       {"40", [](const TrainerConfig& c) { return c.cyclic.step_size_down == 40; }}},
      {"scale_mode",
       {"iterations", [](const TrainerConfig& c) { return c.cyclic.scale_mode == "iterations"; }}},
      {"cycle_momentum",
       {"false", [](const TrainerConfig& c) { return !c.cyclic.cycle_momentum; }}},
      {"base_momentum",
       {"0.7", [](const TrainerConfig& c) { return c.cyclic.base_momentum == 0.7; }}},
      {"max_momentum",
       {"0.95", [](const TrainerConfig& c) { return c.cyclic.max_momentum == 0.95; }}},
      {"total_steps",
       {"500", [](const TrainerConfig& c) { return c.onecycle.total_steps == 500; }}},
      {"pct_start", {"0.25", [](const TrainerConfig& c) { return c.onecycle.pct_start == 0.25; }}},
      {"anneal_strategy",
       {"linear", [](const TrainerConfig& c) { return c.onecycle.anneal_strategy == "linear"; }}},
      {"div_factor", {"10", [](const TrainerConfig& c) { return c.onecycle.div_factor == 10; }}},
      {"final_div_factor",
       {"100", [](const TrainerConfig& c) { return c.onecycle.final_div_factor == 100; }}},
      {"three_phase", {"true", [](const TrainerConfig& c) { return c.onecycle.three_phase; }}},
      {"scheduler_step",
       {"batch", [](const TrainerConfig& c) { return c.scheduler_step == SchedulerStep::kBatch; }}},
      {"schedule",
       {"StepLR(step_size=3)",
        [](const TrainerConfig& c) { return c.schedule == "StepLR(step_size=3)"; }}},
      {"dataset",
       {"digits", [](const TrainerConfig& c) { return c.dataset == DatasetKind::kDigits; }}},
      {"optimizer",
       {"sgd", [](const TrainerConfig& c) { return c.optimizer == OptimizerKind::kSgd; }}},
      {"momentum", {"0.9", [](const TrainerConfig& c) { return c.momentum == 0.9; }}},
      {"dampening", {"0.25", [](const TrainerConfig& c) { return c.dampening == 0.25; }}},
      {"nesterov", {"true", [](const TrainerConfig& c) { return c.nesterov; }}},
      {"batch_size", {"32", [](const TrainerConfig& c) { return c.batch_size == 32; }}},
  };
  return table;
}

TEST(Config, DefaultsAreTheLessons) {
  const TrainerConfig c;
  EXPECT_EQ(c.test_size, 0.2);
  EXPECT_EQ(c.split_seed, 42u);
  EXPECT_EQ(c.epochs, 100);
  EXPECT_EQ(c.hidden, (std::vector<int>{10, 10}));
  EXPECT_FALSE(c.standardize);
  EXPECT_EQ(c.adam.lr, 0.1);
  EXPECT_EQ(c.scheduler, SchedulerKind::kPlateau);
  EXPECT_FALSE(c.plateau.mode_max);
  EXPECT_EQ(c.plateau.factor, 0.1);
  EXPECT_EQ(c.plateau.patience, 10);
  EXPECT_EQ(c.monitor, Metric::kValLoss);
  EXPECT_EQ(c.t_max, 100);
  EXPECT_EQ(c.eta_min, 0.0);
  EXPECT_EQ(c.start_factor, 1.0 / 3);  // LinearLR's default, the double 1.0 / 3
  EXPECT_EQ(c.end_factor, 1.0);
  EXPECT_EQ(c.total_iters, 5);
  EXPECT_EQ(c.warmup, 0);
  EXPECT_NO_THROW(validate(c));
}

TEST(SetOption, StartFactorDefaultRoundTrips) {
  // get_option must print 1/3 with all its digits: "0.333333" would read back as another double.
  const TrainerConfig defaults;
  TrainerConfig again;
  set_option(again, "start_factor", get_option(defaults, "start_factor"));
  EXPECT_EQ(again.start_factor, 1.0 / 3) << get_option(defaults, "start_factor");
}

TEST(SetOption, NewSchedulerChoices) {
  TrainerConfig c;
  set_option(c, "scheduler", "cosine");
  EXPECT_EQ(c.scheduler, SchedulerKind::kCosine);
  EXPECT_EQ(get_option(c, "scheduler"), "cosine");
  EXPECT_NO_THROW(validate(c));
  set_option(c, "scheduler", "linear");
  EXPECT_EQ(c.scheduler, SchedulerKind::kLinear);
  EXPECT_EQ(get_option(c, "scheduler"), "linear");
  EXPECT_NO_THROW(validate(c));
}

TEST(SetOption, EverySettingRoundTrips) {
  const TrainerConfig defaults;
  ASSERT_EQ(setting_names().size(), samples().size()) << "a setting without a sample value here";
  for (const std::string& key : setting_names()) {
    SCOPED_TRACE(key);
    ASSERT_EQ(samples().count(key), 1u);
    const Sample& sample = samples().at(key);
    TrainerConfig config;
    set_option(config, key, sample.text);
    EXPECT_TRUE(sample.applied(config)) << "the value did not land in its field";
    EXPECT_FALSE(sample.applied(defaults)) << "the sample value is the default";
    const std::string text = get_option(config, key);
    EXPECT_NE(text, get_option(defaults, key));
    // What get_option prints, set_option takes back to the same value.
    TrainerConfig again;
    set_option(again, key, text);
    EXPECT_TRUE(sample.applied(again)) << "get_option gave \"" << text << "\"";
    EXPECT_EQ(get_option(again, key), text);
    // A warm-up needs an epoch-based scheduler to chain before (see WarmupChainsOnly... below).
    if (key == "warmup") set_option(config, "scheduler", "step");
    // ReduceLROnPlateau (the default) steps once per epoch only.
    if (key == "scheduler_step") set_option(config, "scheduler", "step");
    // Nesterov needs SGD with momentum (see NesterovNeedsMomentumAndNoDampening below).
    if (key == "nesterov") set_option(config, "momentum", "0.9");
    EXPECT_NO_THROW(validate(config));
  }
}

TEST(SetOption, DoublesPrintWithEnoughDigitsToRoundTrip) {
  TrainerConfig config;
  // Whatever the double, the text reads back (strtod) as exactly the same bits.
  for (double v : {0.1, 0.1 + 0.2, 1.0 / 3.0, 1e-300, 123456789.123456789, 5e-324, 1e30,
                   0.010000000000000002}) {
    config.adam.lr = v;
    EXPECT_EQ(std::strtod(get_option(config, "lr").c_str(), nullptr), v)
        << get_option(config, "lr");
  }
  EXPECT_EQ(get_option(TrainerConfig{}, "hidden"), "10,10");
  EXPECT_EQ(get_option(TrainerConfig{}, "scheduler"), "plateau");
  EXPECT_EQ(get_option(TrainerConfig{}, "amsgrad"), "false");
}

TEST(SetOption, EmptyHiddenMeansNoHiddenLayer) {
  TrainerConfig config;
  set_option(config, "hidden", "");
  EXPECT_TRUE(config.hidden.empty());
  EXPECT_EQ(get_option(config, "hidden"), "");
  EXPECT_NO_THROW(validate(config));
}

TEST(SetOption, UnknownKeyListsTheKnownOnes) {
  const std::string msg = set_error("learning_rate", "0.1");
  EXPECT_CONTAINS(msg, "\"learning_rate\"");
  for (const std::string& key : setting_names()) EXPECT_CONTAINS(msg, key);
  TrainerConfig config;
  EXPECT_THROW(get_option(config, "learning_rate"), ConfigError);
  EXPECT_THROW(set_option(config, "", "1"), ConfigError);
  EXPECT_THROW(set_option(config, "LR", "1"), ConfigError);  // names are case-sensitive
}

TEST(SetOption, NonNumbers) {
  for (const std::string bad : {"abc", "", " 0.1", "0.1 ", "\r0.1", "\v0.1", "\f0.1", "0x10", "nan",
                                "inf", "-inf", "1e999", "0.1abc", "1,5"}) {
    const std::string msg = set_error("lr", bad);
    EXPECT_EQ(msg.rfind("lr = ", 0), 0u) << msg;
    EXPECT_CONTAINS(msg, "lr must be a finite number");
  }
  EXPECT_CONTAINS(set_error("factor", "x"), "factor must be a finite number");
  EXPECT_CONTAINS(set_error("epochs", "ten"), "epochs");
  EXPECT_CONTAINS(set_error("betas", "0.9,abc"), "beta2");
  EXPECT_CONTAINS(set_error("betas", "abc,0.9"), "beta1");
  EXPECT_CONTAINS(set_error("betas", "0.9"), "two numbers");
  EXPECT_CONTAINS(set_error("betas", "0.9,0.99,0.9"), "two numbers");
}

TEST(SetOption, IntegerKeysRejectFractions) {
  for (const std::string key : {"epochs", "patience", "cooldown", "step_size", "seed", "split_seed",
                                "t_max", "total_iters"}) {
    const std::string msg = set_error(key, "2.5");
    EXPECT_EQ(msg.rfind(key + " = \"2.5\"", 0), 0u) << msg;
    EXPECT_CONTAINS(msg, "whole number");
  }
  EXPECT_CONTAINS(set_error("hidden", "10,2.5"), "whole number");
  // A whole number in another spelling is still whole.
  TrainerConfig config;
  set_option(config, "epochs", "1e3");
  EXPECT_EQ(config.epochs, 1000);
  set_option(config, "patience", "4.0");
  EXPECT_EQ(config.plateau.patience, 4);
}

TEST(SetOption, IntegerKeysAnswerNonNumbersWithTheirRange) {
  // "a finite number" told a learner who typed "ten" epochs less than the range they need.
  for (const std::string bad : {"ten", "", "0x10", "nan", "1e400", " 5"}) {
    EXPECT_CONTAINS(set_error("epochs", bad), "epochs must be a whole number from 1 to 10,000");
  }
  EXPECT_CONTAINS(set_error("hidden", "10,,10"), "hidden must be a whole number from 1 to 512");
  EXPECT_CONTAINS(set_error("seed", "abc"), "seed must be a whole number from 0 to 4,294,967,295");
}

TEST(SetOption, OutOfRangeIntegers) {
  // Seeds are 32-bit (numpy's and mt19937's): 0 .. 4294967295.
  for (const std::string key : {"seed", "split_seed"}) {
    EXPECT_CONTAINS(set_error(key, "4294967296"), "from 0 to 4,294,967,295");
    EXPECT_CONTAINS(set_error(key, "-1"), key);
    EXPECT_CONTAINS(set_error(key, "1e20"), key);
  }
  EXPECT_CONTAINS(set_error("epochs", "0"), "from 1 to 10,000");
  EXPECT_CONTAINS(set_error("epochs", "10001"), "from 1 to 10,000");
  EXPECT_CONTAINS(set_error("epochs", "-5"), "epochs");
  EXPECT_CONTAINS(set_error("hidden", "0"), "from 1 to 512");
  EXPECT_CONTAINS(set_error("hidden", "10,513"), "from 1 to 512");
  EXPECT_CONTAINS(set_error("hidden", "10,,10"), "hidden");
  EXPECT_CONTAINS(set_error("hidden", "1,1,1,1,1,1,1,1,1"), "at most 8");
  EXPECT_CONTAINS(set_error("patience", "-1"), "patience");
  EXPECT_CONTAINS(set_error("cooldown", "-1"), "cooldown");
  EXPECT_CONTAINS(set_error("step_size", "0"), "step_size");
  EXPECT_CONTAINS(set_error("t_max", "0"), "t_max must be a whole number from 1 to 10,000");
  EXPECT_CONTAINS(set_error("t_max", "10001"), "from 1 to 10,000");
  EXPECT_CONTAINS(set_error("total_iters", "0"), "total_iters must be a whole number from 1 to");
  EXPECT_CONTAINS(set_error("total_iters", "-3"), "total_iters");
  // The edges themselves are accepted.
  TrainerConfig config;
  set_option(config, "seed", "0");
  set_option(config, "epochs", "10000");
  set_option(config, "hidden", "512,1,1,1,1,1,1,1");
  EXPECT_EQ(config.hidden.size(), 8u);
}

TEST(SetOption, BadChoicesListTheAcceptedValues) {
  const std::string sched = set_error("scheduler", "cyclical");
  EXPECT_EQ(sched.rfind("scheduler = \"cyclical\"", 0), 0u) << sched;
  for (const char* name : {"plateau", "step", "exp", "cosine", "linear", "none"}) {
    EXPECT_CONTAINS(sched, name);
  }
  EXPECT_CONTAINS(set_error("mode", "minimum"), "mode must be one of min, max");
  EXPECT_CONTAINS(set_error("threshold_mode", "relative"),
                  "threshold_mode must be one of rel, abs");
  EXPECT_CONTAINS(set_error("monitor", "acc"),
                  "monitor must be one of val_loss, val_acc, train_loss");
  EXPECT_CONTAINS(set_error("scheduler", "Plateau"), "scheduler");  // case-sensitive
  EXPECT_CONTAINS(set_error("amsgrad", "yes"), "amsgrad must be true or false");
  EXPECT_CONTAINS(set_error("standardize", ""), "standardize must be true or false");
}

TEST(SetOption, MessagesShowControlCharactersSafely) {
  const std::string msg = set_error("lr", std::string("1\x01\n", 3));
  EXPECT_CONTAINS(msg, "\"1??\"");
  EXPECT_EQ(msg.find('\n'), std::string::npos);
}

TEST(SetOption, ARejectedValueLeavesTheSettingAlone) {
  TrainerConfig config;
  EXPECT_THROW(set_option(config, "epochs", "abc"), ConfigError);
  EXPECT_EQ(config.epochs, 100);
  EXPECT_THROW(set_option(config, "hidden", "4,0"), ConfigError);
  EXPECT_EQ(config.hidden, (std::vector<int>{10, 10}));
  EXPECT_THROW(set_option(config, "betas", "0.5,abc"), ConfigError);
  EXPECT_EQ(config.adam.beta1, 0.9);
  EXPECT_EQ(config.adam.beta2, 0.999);
  EXPECT_THROW(set_option(config, "scheduler", "x"), ConfigError);
  EXPECT_EQ(config.scheduler, SchedulerKind::kPlateau);
}

// ---------------------------------------------------------------------------------------------
// validate()

TEST(Validate, LearningRate) {
  for (double bad : {0.0, -0.1, kInf, -kInf, kNaN}) {
    const std::string msg = validate_error([&](TrainerConfig& c) { c.adam.lr = bad; });
    EXPECT_EQ(msg.rfind("lr = ", 0), 0u) << msg;
    EXPECT_CONTAINS(msg, "greater than 0");
  }
  // Any finite positive rate is accepted (PyTorch accepts it; divergence is an outcome).
  TrainerConfig c;
  c.adam.lr = 1e30;
  EXPECT_NO_THROW(validate(c));
  c.adam.lr = 1e-300;
  EXPECT_NO_THROW(validate(c));
  // set_option takes lr = 0 as a number; validate is where the range is checked.
  set_option(c, "lr", "0");
  EXPECT_THROW(validate(c), ConfigError);
}

TEST(Validate, AdamSettings) {
  // torch: 0.0 <= beta < 1.0, 0.0 <= eps, 0.0 <= weight_decay.
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.adam.beta1 = 1.0; }), "beta1 = 1");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.adam.beta1 = -0.1; }), "beta1");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.adam.beta2 = 1.0; }), "beta2 = 1");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.adam.beta2 = kNaN; }), "beta2");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.adam.eps = -1e-8; }), "adam_eps");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.adam.weight_decay = -0.1; }),
                  "weight_decay");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.adam.weight_decay = kInf; }),
                  "weight_decay");
  TrainerConfig c;
  c.adam.beta1 = 0;
  c.adam.beta2 = 0;
  c.adam.eps = 0;
  EXPECT_NO_THROW(validate(c));
  // Through set_option: parsed, then rejected by validate.
  set_option(c, "betas", "0.9,1");
  EXPECT_THROW(validate(c), ConfigError);
}

TEST(Validate, SplitEpochsAndModel) {
  for (double bad : {0.0, 1.0, -0.2, kNaN}) {
    EXPECT_CONTAINS(validate_error([&](TrainerConfig& c) { c.test_size = bad; }), "test_size");
  }
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.epochs = 0; }), "epochs");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.epochs = kMaxEpochs + 1; }), "epochs");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.hidden = {10, 0}; }), "hidden");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.hidden = {kMaxHiddenWidth + 1}; }),
                  "hidden");
  EXPECT_CONTAINS(
      validate_error([](TrainerConfig& c) { c.hidden.assign(kMaxHiddenLayers + 1, 4); }), "hidden");
}

TEST(Validate, TheChosenSchedulersOwnRules) {
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.plateau.factor = 1.0; }), "factor");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.plateau.patience = -1; }), "patience");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) { c.plateau.threshold = 1.0; }), "threshold");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) {
                    c.scheduler = SchedulerKind::kStep;
                    c.step_size = 0;
                  }),
                  "step_size");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) {
                    c.scheduler = SchedulerKind::kStep;
                    c.gamma = 0;
                  }),
                  "gamma");
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) {
                    c.scheduler = SchedulerKind::kExponential;
                    c.gamma = -1;
                  }),
                  "gamma");
  for (double bad : {-1e-3, kNaN, kInf}) {
    EXPECT_CONTAINS(validate_error([&](TrainerConfig& c) {
                      c.scheduler = SchedulerKind::kCosine;
                      c.eta_min = bad;
                    }),
                    "eta_min = ");
  }
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) {
                    c.scheduler = SchedulerKind::kCosine;
                    c.t_max = 0;
                  }),
                  "t_max = 0");
  for (double bad : {0.0, -0.1, 1.5, kNaN}) {
    EXPECT_CONTAINS(validate_error([&](TrainerConfig& c) {
                      c.scheduler = SchedulerKind::kLinear;
                      c.start_factor = bad;
                    }),
                    "start_factor must be in (0, 1]");
  }
  for (double bad : {-0.1, 1.01, kInf}) {
    EXPECT_CONTAINS(validate_error([&](TrainerConfig& c) {
                      c.scheduler = SchedulerKind::kLinear;
                      c.end_factor = bad;
                    }),
                    "end_factor must be in [0, 1]");
  }
  EXPECT_CONTAINS(validate_error([](TrainerConfig& c) {
                    c.scheduler = SchedulerKind::kLinear;
                    c.total_iters = 0;
                  }),
                  "total_iters = 0");
  // Through set_option: parsed as numbers, rejected by validate.
  TrainerConfig linear;
  set_option(linear, "scheduler", "linear");
  set_option(linear, "start_factor", "0");
  EXPECT_THROW(validate(linear), ConfigError);
  // The settings of a scheduler not chosen are not checked (a page may keep them while switching).
  TrainerConfig c;
  c.scheduler = SchedulerKind::kStep;
  c.plateau.factor = 2.0;
  EXPECT_NO_THROW(validate(c));
  c.scheduler = SchedulerKind::kNone;
  c.step_size = 0;
  c.start_factor = 0;
  c.eta_min = -1;
  EXPECT_NO_THROW(validate(c));
}

TEST(Config, NamesOfChoices) {
  EXPECT_STREQ(to_string(SchedulerKind::kPlateau), "plateau");
  EXPECT_STREQ(to_string(SchedulerKind::kStep), "step");
  EXPECT_STREQ(to_string(SchedulerKind::kExponential), "exp");
  EXPECT_STREQ(to_string(SchedulerKind::kNone), "none");
  EXPECT_STREQ(to_string(SchedulerKind::kCosine), "cosine");
  EXPECT_STREQ(to_string(SchedulerKind::kLinear), "linear");
  EXPECT_STREQ(to_string(Metric::kValLoss), "val_loss");
  EXPECT_STREQ(to_string(Metric::kValAcc), "val_acc");
  EXPECT_STREQ(to_string(Metric::kTrainLoss), "train_loss");
}

}  // namespace
}  // namespace lrplay

namespace lrplay {
namespace {

// SequentialLR in PyTorch 1.13 chains only epoch-based schedulers; a warm-up before
// ReduceLROnPlateau (or LinearLR, or none) is refused with a message naming both settings.
TEST(Validate, WarmupChainsOnlyBeforeStepExpOrCosine) {
  TrainerConfig c;
  c.warmup = 5;
  for (const char* ok : {"step", "exp", "cosine"}) {
    set_option(c, "scheduler", ok);
    EXPECT_NO_THROW(validate(c)) << ok;
  }
  for (const char* refused : {"plateau", "linear", "none"}) {
    set_option(c, "scheduler", refused);
    try {
      validate(c);
      ADD_FAILURE() << "warmup accepted with " << refused;
    } catch (const ConfigError& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find("warmup = 5"), std::string::npos) << msg;
      EXPECT_NE(msg.find(refused), std::string::npos) << msg;
    }
  }
  set_option(c, "scheduler", "step");
  c.start_factor = 0.0;  // the warm-up's LinearLR refuses it, as for LinearLR alone
  EXPECT_THROW(validate(c), ConfigError);
}

// ---------------------------------------------------------------------------------------------
// Optimizers, mini-batches and data sets

TEST(Optimizer, WeightDecayDefaultsFollowTheOptimizer) {
  // torch.optim.AdamW's weight_decay defaults to 0.01; Adam's and SGD's to 0.
  TrainerConfig c;
  set_option(c, "optimizer", "adamw");
  EXPECT_EQ(c.adam.weight_decay, 0.01);
  EXPECT_EQ(get_option(c, "weight_decay"), "0.01");
  set_option(c, "optimizer", "sgd");
  EXPECT_EQ(c.adam.weight_decay, 0.0);
  set_option(c, "optimizer", "adam");
  EXPECT_EQ(c.adam.weight_decay, 0.0);
  // A value given explicitly stays, whatever comes first.
  TrainerConfig given;
  set_option(given, "weight_decay", "0.05");
  set_option(given, "optimizer", "adamw");
  EXPECT_EQ(given.adam.weight_decay, 0.05);
  TrainerConfig after;
  set_option(after, "optimizer", "adamw");
  set_option(after, "weight_decay", "0");
  EXPECT_EQ(after.adam.weight_decay, 0.0);
  EXPECT_NO_THROW(validate(after));
}

TEST(Optimizer, NegativeValuesAreRejectedByName) {
  // torch.optim.SGD.__init__: "Invalid momentum value", "Invalid weight_decay value".
  TrainerConfig sgd;
  set_option(sgd, "optimizer", "sgd");
  auto with = [&](const std::string& key, const std::string& value) {
    TrainerConfig c = sgd;
    set_option(c, key, value);
    try {
      validate(c);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(with("momentum", "-0.1").rfind("momentum = -0.1", 0), 0u) << with("momentum", "-0.1");
  EXPECT_EQ(with("weight_decay", "-1").rfind("weight_decay = -1", 0), 0u);
  EXPECT_EQ(with("lr", "-0.1").rfind("lr = -0.1", 0), 0u);
  EXPECT_EQ(with("momentum", "0"), "no error");
  EXPECT_EQ(with("dampening", "0.5"), "no error");
  // PyTorch accepts any dampening; so does lrplay.
  EXPECT_EQ(with("dampening", "-0.5"), "no error");
}

TEST(Optimizer, NesterovNeedsMomentumAndNoDampening) {
  // torch.optim.SGD.__init__: "Nesterov momentum requires a momentum and zero dampening".
  TrainerConfig c;
  set_option(c, "optimizer", "sgd");
  set_option(c, "nesterov", "true");
  const std::string no_momentum = validate_error([&](TrainerConfig& t) { t = c; });
  EXPECT_EQ(no_momentum.rfind("nesterov = true is not accepted", 0), 0u) << no_momentum;
  EXPECT_CONTAINS(no_momentum, "momentum > 0 and dampening = 0");
  set_option(c, "momentum", "0.9");
  EXPECT_NO_THROW(validate(c));
  set_option(c, "dampening", "0.1");
  EXPECT_CONTAINS(validate_error([&](TrainerConfig& t) { t = c; }), "dampening = 0.1");
}

TEST(Optimizer, AdamOnlySettingsAreNotCheckedForSgd) {
  // betas, adam_eps and amsgrad belong to Adam and AdamW only.
  TrainerConfig c;
  set_option(c, "optimizer", "sgd");
  c.adam.beta1 = 1.0;
  EXPECT_NO_THROW(validate(c));
  set_option(c, "optimizer", "adamw");
  EXPECT_CONTAINS(validate_error([&](TrainerConfig& t) { t = c; }), "beta1");
  EXPECT_CONTAINS(set_error("optimizer", "rmsprop"), "optimizer must be one of adam, adamw, sgd");
}

TEST(BatchSize, WholeNumbersFromZero) {
  EXPECT_EQ(TrainerConfig{}.batch_size, 0);
  EXPECT_CONTAINS(set_error("batch_size", "-1"), "batch_size = \"-1\" is not accepted");
  EXPECT_CONTAINS(set_error("batch_size", "-1"), "a whole number from 0 to 100,000");
  EXPECT_CONTAINS(set_error("batch_size", "2.5"), "batch_size");
  EXPECT_CONTAINS(set_error("batch_size", "abc"), "batch_size");
  TrainerConfig c;
  set_option(c, "batch_size", "100000");
  EXPECT_NO_THROW(validate(c));
}

TEST(Dataset, ChoicesAreTheShippedDataSets) {
  const Setting* s = find_setting("dataset");
  ASSERT_NE(s, nullptr);
  std::vector<std::string> choices(s->choices.begin(), s->choices.end());
  EXPECT_EQ(choices, dataset_names());
  EXPECT_EQ(to_string(DatasetKind::kBreastCancer), std::string("breast_cancer"));
  EXPECT_CONTAINS(set_error("dataset", "mnist"),
                  "dataset must be one of wine, iris, breast_cancer, digits");
}

// The setting a ConfigError carries for the page to mark ("" and a test failure if none thrown).
std::string refused_setting(const std::function<void(TrainerConfig&)>& change) {
  TrainerConfig config;
  try {
    change(config);
    validate(config);
  } catch (const ConfigError& e) {
    return e.setting;
  }
  ADD_FAILURE() << "the config was accepted";
  return "";
}

TEST(ConfigError, EveryRefusalOfASettingCarriesItsKey) {
  // The page marks the field by this key, never by reading the message.
  for (const Setting& s : settings_schema()) {
    if (s.kind == SettingKind::kText) continue;  // any short text is read; the core checks it later
    EXPECT_EQ(refused_setting([&](TrainerConfig& c) { set_option(c, s.key, "not a value"); }),
              s.key);
  }
  // The message names betas's item; the refusal is of betas, in parsing and in validate().
  EXPECT_EQ(refused_setting([](TrainerConfig& c) { set_option(c, "betas", "0.9,abc"); }), "betas");
  EXPECT_EQ(refused_setting([](TrainerConfig& c) { set_option(c, "betas", "1.5,0.999"); }),
            "betas");
  EXPECT_EQ(refused_setting([](TrainerConfig& c) { set_option(c, "epochs", "0"); }), "epochs");
  EXPECT_EQ(refused_setting([](TrainerConfig& c) { c.test_size = 1; }), "test_size");
  EXPECT_EQ(refused_setting([](TrainerConfig& c) {
              set_option(c, "optimizer", "sgd");
              set_option(c, "nesterov", "true");
            }),
            "nesterov");
  EXPECT_EQ(refused_setting([](TrainerConfig& c) {
              set_option(c, "scheduler", "plateau");
              set_option(c, "warmup", "5");
            }),
            "warmup");
}

// The setting of the ConfigError `act` throws ("" and a test failure if it throws none).
std::string setting_of(const std::function<void()>& act) {
  try {
    act();
  } catch (const ConfigError& e) {
    return e.setting;
  }
  ADD_FAILURE() << "nothing was refused";
  return "";
}

// A config of these settings (set_option's text), checked by validate() and then stepped as a run
// of `batches` batches an epoch, as the trainer builds its scheduler.
std::string run_refusal(const std::map<std::string, std::string>& settings, int batches = 1) {
  return setting_of([&] {
    TrainerConfig c;
    for (const auto& [key, value] : settings) set_option(c, key, value);
    validate(c);
    make_scheduler(c, optimizer_group(c), scheduler_steps(c, batches));
  });
}

TEST(ConfigError, TheSchedulersRefusalsCarryTheirKeys) {
  // Each throw of the scheduler constructors that names a setting of theirs (check_range's are
  // covered above through validate()).
  ParamGroup group;
  group.lr = 0.1;
  group.slot = MomentumSlot::kMomentum;
  const auto cyclic = [&](auto change) {
    return setting_of([&] {
      ParamGroup g = group;
      CyclicOptions o;
      change(o, g);
      CyclicLR s(g, o);
    });
  };
  const auto onecycle = [&](auto change) {
    return setting_of([&] {
      ParamGroup g = group;
      OneCycleOptions o;
      o.total_steps = 10;
      change(o, g);
      OneCycleLR s(g, o);
      for (int i = 0; i < 20; ++i) s.step();
    });
  };
  EXPECT_EQ(cyclic([](CyclicOptions& o, ParamGroup&) { o.mode = "zigzag"; }), "mode");
  EXPECT_EQ(cyclic([](CyclicOptions& o, ParamGroup&) { o.scale_mode = "epochs"; }), "scale_mode");
  EXPECT_EQ(cyclic([](CyclicOptions&, ParamGroup& g) { g.slot = MomentumSlot::kNone; }),
            "cycle_momentum");
  EXPECT_EQ(onecycle([](OneCycleOptions&, ParamGroup& g) { g.slot = MomentumSlot::kNone; }),
            "cycle_momentum");
  EXPECT_EQ(onecycle([](OneCycleOptions& o, ParamGroup&) { o.anneal_strategy = "step"; }),
            "anneal_strategy");
  // pct_start * total_steps - 1 = 0: a first phase of zero steps.
  EXPECT_EQ(onecycle([](OneCycleOptions& o, ParamGroup&) { o.pct_start = 0.1; }), "pct_start");
  // Stepped past total_steps (a run's own check refuses this before it starts; see below).
  EXPECT_EQ(onecycle([](OneCycleOptions&, ParamGroup&) {}), "total_steps");
  EXPECT_EQ(setting_of([&] { MultiStepLR s(group, {50, 20}, 0.1); }), "milestones");
}

TEST(ConfigError, ARunsRefusalsCarryTheirKeys) {
  // Checked against the run's steps: a OneCycleLR shorter than the run, given as its setting or
  // in the PyTorch line (whose scheduler the form's fields do not hold).
  EXPECT_EQ(run_refusal({{"scheduler", "onecycle"}, {"total_steps", "5"}, {"epochs", "20"}}),
            "total_steps");
  EXPECT_EQ(run_refusal({{"schedule", "OneCycleLR(max_lr=0.1, total_steps=5)"}, {"epochs", "20"}}),
            "schedule");
  EXPECT_EQ(run_refusal({{"scheduler", "plateau"}, {"scheduler_step", "batch"}}), "scheduler_step");
  // More scheduler steps than an int holds.
  EXPECT_EQ(run_refusal({{"epochs", "2"}, {"scheduler", "step"}, {"scheduler_step", "batch"}},
                        std::numeric_limits<int>::max()),
            "epochs");
  // Anything refused in the PyTorch line is the line's, at its column: its syntax, a
  // constructor's own rule (mode is CyclicLR's argument here, not the form's mode field) and
  // SequentialLR's.
  for (const char* line :
       {"StepLR(step_size=30", "NoSuchLR()", "StepLR(step_size=0)",
        "CyclicLR(base_lr=0.01, max_lr=0.1, mode='zigzag')", "MultiStepLR(milestones=[50, 20])",
        "SequentialLR([StepLR(step_size=2), ExponentialLR(gamma=0.9)], milestones=[])",
        "SequentialLR([StepLR(step_size=2), ReduceLROnPlateau()], milestones=[3])"}) {
    EXPECT_EQ(run_refusal({{"schedule", line}}), "schedule") << line;
  }
}

}  // namespace
}  // namespace lrplay
