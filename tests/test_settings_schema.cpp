// The settings table (cpp/settings_schema.*): it agrees with TrainerConfig's defaults, drives
// set_option / get_option / setting_names and --help, and its per-scheduler variants resolve.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <random>
#include <sstream>
#include <type_traits>

#include "cli/cli.hpp"
#include "config.hpp"
#include "settings_schema.hpp"
#include "text.hpp"

namespace lrplay {
namespace {

TEST(SettingsSchema, DefaultsAreTheStructsDefaults) {
  const TrainerConfig defaults;
  for (const Setting& s : settings_schema()) {
    SCOPED_TRACE(s.key);
    EXPECT_EQ(get_option(defaults, s.key), default_for(s, defaults));
    // The default text reads back to itself.
    TrainerConfig again;
    set_option(again, s.key, default_for(s, defaults));
    EXPECT_EQ(get_option(again, s.key), default_for(s, defaults));
  }
}

TEST(SettingsSchema, NamesAreTheTablesKeysOnce) {
  const auto& table = settings_schema();
  ASSERT_EQ(setting_names().size(), table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(setting_names()[i], table[i].key);
    EXPECT_EQ(find_setting(table[i].key), &table[i]);
    for (std::size_t j = 0; j < i; ++j) EXPECT_STRNE(table[i].key, table[j].key);
  }
  EXPECT_EQ(find_setting("no_such_key"), nullptr);
}

TEST(SettingsSchema, WholeNumberRangesComeFromTheTable) {
  for (const Setting& s : settings_schema()) {
    if (s.kind != SettingKind::kInt) continue;
    SCOPED_TRACE(s.key);
    TrainerConfig c;
    EXPECT_NO_THROW(set_option(c, s.key, shortest_text(s.range.min)));
    EXPECT_NO_THROW(set_option(c, s.key, shortest_text(s.range.max)));
    EXPECT_THROW(set_option(c, s.key, shortest_text(s.range.min - 1)), ConfigError);
    EXPECT_THROW(set_option(c, s.key, shortest_text(s.range.max + 1)), ConfigError);
  }
}

TEST(SettingsSchema, ChoicesAreTheTables) {
  for (const Setting& s : settings_schema()) {
    if (s.kind != SettingKind::kChoice) continue;
    for (const char* choice : s.choices) {
      TrainerConfig c;
      // A shared choice (mode: min for ReduceLROnPlateau, triangular for CyclicLR) reads back
      // under the scheduler it belongs to.
      for (const auto& v : s.variants) {
        for (const char* own : v.choices) {
          if (std::string(own) == choice) set_option(c, v.when.selector, v.when.choice);
        }
      }
      set_option(c, s.key, choice);
      EXPECT_EQ(get_option(c, s.key), choice);
    }
  }
}

TEST(SettingsSchema, FlagsAreKeysWithDashes) {
  EXPECT_EQ(flag_of(*find_setting("step_size")), "step-size");
  EXPECT_EQ(flag_of(*find_setting("lr")), "lr");
}

TEST(SettingsSchema, HelpListsEveryFlagWithItsDefault) {
  std::istringstream in;
  std::ostringstream out, err;
  ASSERT_EQ(run_cli({"--help"}, in, out, err), 0);
  for (const Setting& s : settings_schema()) {
    const std::string flag = "--" + flag_of(s);
    const auto at = out.str().find("\n  " + flag + " ");
    ASSERT_NE(at, std::string::npos) << flag;
    const std::string line = out.str().substr(at + 1, out.str().find('\n', at + 1) - at - 1);
    EXPECT_NE(line.find(std::string("default ") + s.default_text), std::string::npos) << line;
    EXPECT_NE(line.find(s.help), std::string::npos) << line;
  }
  // Limits come from the constants, never a second copy of them.
  EXPECT_NE(out.str().find("[1, " + std::to_string(kMaxEpochs) + "]"), std::string::npos);
  EXPECT_EQ(out.str().find("e+"), std::string::npos);
}

// A shared flag takes the chosen scheduler's default, choices and range: the lookups resolve a
// row's variants against the config's selectors.
TEST(SettingsSchema, VariantsResolveAgainstTheChosenScheduler) {
  Setting shared = *find_setting("gamma");
  // Named lists: the table's lists are views (std::initializer_list) of arrays that must outlive
  // them.
  const SettingList<SettingVariant> linear = {
      {{"scheduler", "linear"}, "1", {}, true, {0, 2, false, false}}};
  const SettingList<SettingWhen> step_or_linear = {{"scheduler", "step"}, {"scheduler", "linear"}};
  shared.variants = linear;
  shared.applies_to = step_or_linear;
  TrainerConfig c;
  set_option(c, "scheduler", "step");
  EXPECT_STREQ(default_for(shared, c), "0.1");
  EXPECT_EQ(range_text(range_for(shared, c)), "(0, inf)");
  EXPECT_TRUE(applies(shared, c));
  set_option(c, "scheduler", "linear");
  EXPECT_STREQ(default_for(shared, c), "1");
  EXPECT_EQ(range_text(range_for(shared, c)), "[0, 2]");
  set_option(c, "scheduler", "plateau");
  EXPECT_FALSE(applies(shared, c));

  Setting mode = *find_setting("mode");
  const SettingList<const char*> a_b = {"a", "b"};
  const SettingList<SettingVariant> plateau_then_step = {
      *mode.variants.begin(), {{"scheduler", "step"}, "b", a_b}};  // plateau's, then a made-up one
  mode.variants = plateau_then_step;
  EXPECT_EQ(choices_for(mode, c).size(), 2u);  // plateau: min, max
  EXPECT_STREQ(*choices_for(mode, c).begin(), "min");
  set_option(c, "scheduler", "step");
  EXPECT_STREQ(*choices_for(mode, c).begin(), "a");
  EXPECT_STREQ(default_for(mode, c), "b");
}

// The page and the CLI share ExponentialLR's own gamma: choosing exp without a gamma gives 0.95,
// StepLR keeps 0.1, and a gamma given explicitly stays whatever the scheduler.
TEST(SettingsSchema, ExponentialLRHasItsOwnDefaultGamma) {
  TrainerConfig exp;
  set_option(exp, "scheduler", "exp");
  EXPECT_EQ(get_option(exp, "gamma"), "0.95");
  TrainerConfig step;
  set_option(step, "scheduler", "step");
  EXPECT_EQ(get_option(step, "gamma"), "0.1");
  TrainerConfig given;
  set_option(given, "gamma", "0.5");
  set_option(given, "scheduler", "exp");
  EXPECT_EQ(get_option(given, "gamma"), "0.5");
}

TEST(SettingsSchema, GivenSettingsAreRemembered) {
  TrainerConfig c;
  EXPECT_TRUE(c.given_settings.empty());
  set_option(c, "gamma", "0.5");
  set_option(c, "gamma", "0.25");
  ASSERT_EQ(c.given_settings.size(), 1u);
  EXPECT_EQ(c.given_settings[0], "gamma");
  EXPECT_THROW(set_option(c, "lr", "abc"), ConfigError);
  EXPECT_EQ(c.given_settings.size(), 1u);  // a rejected value is not given
}

TEST(ShortestText, DoublesReadBackAndAreShort) {
  EXPECT_EQ(shortest_text(0.1), "0.1");
  EXPECT_EQ(shortest_text(1e18), "1e18");
  EXPECT_EQ(shortest_text(2.5e-7), "2.5e-7");
  EXPECT_EQ(shortest_text(100.0), "100");
  EXPECT_EQ(shortest_text(1e-4), "1e-4");
  EXPECT_EQ(shortest_text(0.001), "0.001");
  EXPECT_EQ(shortest_text(123456.0), "123456");
  EXPECT_EQ(shortest_text(-0.5), "-0.5");
  EXPECT_EQ(shortest_text(0.0), "0");
  EXPECT_EQ(shortest_text(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(shortest_text(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(shortest_text(5e-324), "5e-324");
  EXPECT_EQ(shortest_text(1.7976931348623157e308), "1.7976931348623157e308");
  for (double v : {0.1, 1.0 / 3, 1e-300, 123456789.123456789, 5e-324, 1e30, 6.02214076e23}) {
    EXPECT_EQ(std::strtod(shortest_text(v).c_str(), nullptr), v) << shortest_text(v);
  }
}

TEST(ShortestText, FloatsReadBackInTheirOwnType) {
  EXPECT_EQ(shortest_text(10.803728f), "10.803728");
  EXPECT_EQ(shortest_text(0.1f), "0.1");
  EXPECT_EQ(shortest_text(1e18f), "1e18");
  EXPECT_EQ(shortest_text(0.6944444f), "0.6944444");
  for (float v : {0.1f, 1.0f / 3, 3.4028235e38f, 1e-45f, 10.803728f}) {
    EXPECT_EQ(std::strtof(shortest_text(v).c_str(), nullptr), v) << shortest_text(v);
  }
}

// std::to_chars (g++ 12 has it; Emscripten 3.1.6's libc++ does not) is the reference: the same
// digits and the same fixed-or-scientific choice, with the exponent written plainly.
template <typename T>
std::string to_chars_plain(T v) {
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  std::string text(buffer, end);
  const auto e = text.find('e');
  if (e == std::string::npos) return text;
  std::string exponent = text.substr(e + 1);
  const bool negative = exponent[0] == '-';
  exponent.erase(0, 1);
  while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
  return text.substr(0, e + 1) + (negative ? "-" : "") + exponent;
}

TEST(ShortestText, AgreesWithToChars) {
  std::mt19937_64 random(7);
  for (int i = 0; i < 20000; ++i) {
    const double exponent = std::uniform_real_distribution<double>(-30, 30)(random);
    const double v = std::pow(10.0, exponent) * (i % 2 ? -1 : 1);
    // Large whole numbers: to_chars prints their exact digits (…208192) where the shortest
    // digits padded with zeros (…210000) read back the same; the length is the same.
    const std::string text = shortest_text(v), reference = to_chars_plain(v);
    ASSERT_EQ(text.size(), reference.size()) << text << " vs " << reference;
    ASSERT_EQ(std::strtod(text.c_str(), nullptr), v) << text;
    if (std::fabs(v) < 1e15) {
      ASSERT_EQ(text, reference);
    }
    const float f = static_cast<float>(v);
    if (std::fabs(f) < 1e7f) {
      ASSERT_EQ(shortest_text(f), to_chars_plain(f));
    }
    ASSERT_EQ(shortest_text(f).size(), to_chars_plain(f).size());
    ASSERT_EQ(std::strtof(shortest_text(f).c_str(), nullptr), f);
  }
  for (double v : {0.1, 100.0, 1e5, 0.001, 1e-4, 1e18, 12345678.0, 0.30000000000000004}) {
    EXPECT_EQ(shortest_text(v), to_chars_plain(v));
  }
}

// Every power of two 2^lo ... 2^hi of type T, both signs: the text reads back in T and has
// to_chars's digits (compared whole below `whole_below`, where to_chars does not print a large
// whole number's exact digits).
template <typename T>
void expect_to_chars_digits_for_powers_of_two(int lo, int hi, T whole_below) {
  for (int k = lo; k <= hi; ++k) {
    for (T v : {std::ldexp(T(1), k), -std::ldexp(T(1), k)}) {
      const std::string text = shortest_text(v);
      if constexpr (std::is_same_v<T, float>) {
        ASSERT_EQ(std::strtof(text.c_str(), nullptr), v) << "2^" << k;
      } else {
        ASSERT_EQ(std::strtod(text.c_str(), nullptr), v) << "2^" << k;
      }
      if (std::fabs(v) < whole_below) {
        ASSERT_EQ(text, to_chars_plain(v)) << "2^" << k;
      } else {
        ASSERT_EQ(text.size(), to_chars_plain(v).size()) << "2^" << k;
      }
    }
  }
}

// At a power of two the neighbour below is half as far as the one above, so printf's nearest
// d-digit text can fail to read back where the d-digit text above it does (text.cpp).
TEST(ShortestText, PowersOfTwoTakeTheShortestTextOnEitherSide) {
  EXPECT_EQ(shortest_text(std::ldexp(1.0, -24)), "5.960464477539063e-8");  // Python: the same
  EXPECT_EQ(shortest_text(std::ldexp(1.0, -1017)), "7.120236347223045e-307");
  EXPECT_EQ(shortest_text(-std::ldexp(1.0, 89)), "-6.189700196426902e26");
  EXPECT_EQ(shortest_text(std::ldexp(1.0, 149)), "7.1362384635298e44");
  expect_to_chars_digits_for_powers_of_two(-1074, 1023, 1e15);
  expect_to_chars_digits_for_powers_of_two(-149, 127, 1e7f);
}

TEST(ShortestText, MessagesWriteExponentsPlainly) {
  EXPECT_EQ(number_text(1e30), "1e30");
  EXPECT_EQ(number_text(2.5e-7), "2.5e-7");
  EXPECT_EQ(number_text(0.1), "0.1");
}

}  // namespace
}  // namespace lrplay
