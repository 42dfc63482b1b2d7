// The counts messages print (text.hpp's rule: groups of three digits from 1,000 up).
#include <gtest/gtest.h>

#include <climits>

#include "../cpp/text.hpp"

namespace lrplay {
namespace {

TEST(CountText, GroupsThreeDigitsFromOneThousandUp) {
  EXPECT_EQ(count_text(0), "0");
  EXPECT_EQ(count_text(7), "7");
  EXPECT_EQ(count_text(999), "999");
  EXPECT_EQ(count_text(1000), "1,000");
  EXPECT_EQ(count_text(1500), "1,500");
  EXPECT_EQ(count_text(9999), "9,999");
  EXPECT_EQ(count_text(10000), "10,000");
  EXPECT_EQ(count_text(213000), "213,000");
  EXPECT_EQ(count_text(1000000), "1,000,000");
  EXPECT_EQ(count_text(INT_MAX), "2,147,483,647");
  EXPECT_EQ(count_text(999999999999999.0), "999,999,999,999,999");
}

TEST(CountText, NegativeCountsKeepTheSignOutsideTheGroups) {
  EXPECT_EQ(count_text(-1), "-1");
  EXPECT_EQ(count_text(-999), "-999");
  EXPECT_EQ(count_text(-1000), "-1,000");
  EXPECT_EQ(count_text(-123456), "-123,456");
  EXPECT_EQ(count_text(INT_MIN), "-2,147,483,648");
}

// A header may announce any number (sklearn's layout); it is quoted as printf's %.15g writes it.
TEST(CountText, NumbersNotWholeOrPastFifteenDigitsReadAsWritten) {
  EXPECT_EQ(count_text(1e300), "1e300");
  EXPECT_EQ(count_text(1e15), "1e15");
  EXPECT_EQ(count_text(2.5), "2.5");
  EXPECT_EQ(count_text(1234.5), "1234.5");
}

TEST(CountOf, NamesTheNounAfterTheGroupedCount) {
  EXPECT_EQ(count_of(1, "epoch"), "1 epoch");
  EXPECT_EQ(count_of(3, "column"), "3 columns");
  EXPECT_EQ(count_of(1500, "epoch"), "1,500 epochs");
  EXPECT_EQ(count_of(0, "step"), "0 steps");
}

// A setting echoed as name = value must read back as typed: the form and the CLI refuse "1,500".
TEST(CountOf, AsTypedLeavesTheDigitsAlone) {
  EXPECT_EQ(count_as_typed(1500, "epoch"), "1500 epochs");
  EXPECT_EQ(count_as_typed(1, "step"), "1 step");
}

}  // namespace
}  // namespace lrplay
