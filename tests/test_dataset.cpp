// parse_csv / load_csv / select_samples (cpp/dataset.*): both accepted layouts, the forgiving parts
// (BOM, CRLF, quotes, blank lines), and every malformed input ending in a DataError that says
// where.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "dataset.hpp"

namespace lrplay {
namespace {

const std::string kSource = "test.csv";

// The message of the DataError that parse_csv must throw for `text` ("" and a test failure if
// none).
std::string data_error(const std::string& text) {
  try {
    parse_csv(text, kSource);
  } catch (const DataError& e) {
    return e.what();
  }
  ADD_FAILURE() << "parse_csv accepted: " << text.substr(0, 200);
  return "";
}

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

// ---------------------------------------------------------------------------------------------
// Accepted layouts

TEST(ParseCsv, SklearnLayout) {
  // scikit-learn's own files: "n_samples,n_features,class names", then features and the class.
  const Dataset d = parse_csv("3,2,class_0,class_1\n1.5,2,0\n3,4.25,1\n-5,6e1,1\n", kSource);
  ASSERT_EQ(d.num_features(), 2);
  ASSERT_EQ(d.num_samples(), 3);
  EXPECT_TRUE(d.feature_names.empty());  // this layout names no feature
  EXPECT_EQ(d.x(0, 0), 1.5f);
  EXPECT_EQ(d.x(1, 0), 2.0f);
  EXPECT_EQ(d.x(1, 1), 4.25f);
  EXPECT_EQ(d.x(0, 2), -5.0f);
  EXPECT_EQ(d.x(1, 2), 60.0f);  // "6e1"
  EXPECT_EQ(d.y, (std::vector<int>{0, 1, 1}));
  EXPECT_EQ(d.num_classes, 2);
  EXPECT_FALSE(d.class_column_holds_names);
  EXPECT_TRUE(d.class_names.empty());  // "class_0", "class_1" say no more than 0 and 1
}

// The header's names name the integer classes, in the header's order (load_*'s target_names), when
// there is one for each class and they say more than the numbers.
TEST(ParseCsv, SklearnHeaderNamesTheClasses) {
  const Dataset d = parse_csv("3,1,malignant,benign\n1,1\n2,0\n3,1\n", kSource);
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"malignant", "benign"}));
  EXPECT_EQ(d.y, (std::vector<int>{1, 0, 1}));  // the integers as they are, not renumbered
  EXPECT_FALSE(d.class_column_holds_names);
  const std::vector<std::string> nameless = {
      "3,1,0,1",              // digits' header: the numbers themselves
      "3,1,class_0,class_1",  // wine's
      "3,1,0,class_1",        // either
      "3,1,a",                // one name for two classes
      "3,1,a,b,c",            // three
      "3,1",                  // none
      "3,1,a,",               // an empty one
      "3,1,a,\xff",           // one that is not UTF-8
  };
  for (const std::string& header : nameless) {
    const Dataset n = parse_csv(header + "\n1,1\n2,0\n3,1\n", kSource);
    EXPECT_TRUE(n.class_names.empty()) << header;
    EXPECT_EQ(n.y, (std::vector<int>{1, 0, 1})) << header;
  }
  EXPECT_EQ(parse_csv("3,1,0,b\n1,1\n2,0\n3,1\n", kSource).class_names,
            (std::vector<std::string>{"0", "b"}));
}

TEST(ParseCsv, PlainCsvWithHeaderRow) {
  const Dataset d = parse_csv("alcohol,malic acid,target\n1,2,0\n3,4,2\n0.1,5,0\n", kSource);
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"alcohol", "malic acid"}));
  ASSERT_EQ(d.num_features(), 2);
  ASSERT_EQ(d.num_samples(), 3);
  EXPECT_EQ(d.x(0, 1), 3.0f);
  // float64 -> float32, as torch.tensor(X, dtype=torch.float32) rounds the parsed double.
  EXPECT_EQ(d.x(0, 2), static_cast<float>(0.1));
  EXPECT_EQ(d.y, (std::vector<int>{0, 2, 0}));
  EXPECT_EQ(d.num_classes, 3);  // max label + 1, even though class 1 never occurs
}

TEST(ParseCsv, ByteOrderMarkIsSkipped) {
  const Dataset d = parse_csv(
      "\xEF\xBB\xBF"
      "a,b,c\n1,2,0\n3,4,1\n",
      kSource);
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"a", "b"}));
  // A BOM before scikit-learn's header must not stop it from being recognised.
  const Dataset s = parse_csv(
      "\xEF\xBB\xBF"
      "2,2,x,y\n1,2,0\n3,4,1\n",
      kSource);
  EXPECT_TRUE(s.feature_names.empty());
  EXPECT_EQ(s.num_samples(), 2);
}

TEST(ParseCsv, CrlfLineEnds) {
  const Dataset d = parse_csv("a,b,c\r\n1,2,0\r\n3,4,1\r\n", kSource);
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"a", "b"}));  // no '\r' left in names
  EXPECT_EQ(d.y, (std::vector<int>{0, 1}));                          // nor in the class field
}

TEST(ParseCsv, QuotedFields) {
  // Quotes may hold commas and "" escapes; blanks around fields are trimmed.
  const Dataset d = parse_csv(
      "\"name, with comma\",\"say \"\"hi\"\"\",\"class\"\n"
      "\"1.5\", 2 ,\"0\"\n"
      "3,4,1\n",
      kSource);
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"name, with comma", "say \"hi\""}));
  EXPECT_EQ(d.x(0, 0), 1.5f);
  EXPECT_EQ(d.x(1, 0), 2.0f);
  EXPECT_EQ(d.y, (std::vector<int>{0, 1}));
}

TEST(ParseCsv, BlankLinesAreSkippedButCounted) {
  const Dataset d = parse_csv("\na,b,c\n\n1,2,0\n   \n\t\n3,4,1\n\n\n", kSource);
  EXPECT_EQ(d.num_samples(), 2);
  // Line numbers in messages still count the blank lines: the bad row below is line 5.
  EXPECT_CONTAINS(data_error("a,b,c\n\n1,2,0\n\n1,x,1\n"), "test.csv: line 5, column 2");
}

TEST(ParseCsv, NoTrailingNewline) {
  const Dataset d = parse_csv("a,b,c\n1,2,0\n3,4,1", kSource);
  EXPECT_EQ(d.y, (std::vector<int>{0, 1}));
}

TEST(ParseCsv, InputOfExactlyTheLimitIsAccepted) {
  // Pad a valid file with one blank line (spaces) up to exactly kMaxCsvBytes.
  std::string text = "a,b,c\n1,2,0\n3,4,1\n";
  text += std::string(kMaxCsvBytes - text.size() - 1, ' ') + "\n";
  ASSERT_EQ(text.size(), kMaxCsvBytes);
  EXPECT_EQ(parse_csv(text, kSource).num_samples(), 2);
}

// ---------------------------------------------------------------------------------------------
// Malformed input: a DataError naming the source, the line and (where it applies) the column.

TEST(ParseCsvErrors, RaggedRows) {
  const std::string short_row = data_error("a,b,c\n1,2,0\n1,2\n");
  EXPECT_CONTAINS(short_row, "test.csv: line 3");
  EXPECT_CONTAINS(short_row, "has 2 columns, expected 3");
  EXPECT_CONTAINS(data_error("a,b,c\n1,2,0,5\n"), "test.csv: line 2");
  // In scikit-learn's layout, the header's feature count decides the width.
  const std::string sk = data_error("2,2,x,y\n1,2,0\n1,2,3,0\n");
  EXPECT_CONTAINS(sk, "test.csv: line 3");
  EXPECT_CONTAINS(sk, "has 4 columns, expected 3");
  // One of each is singular (it read "has 1 columns", "1 features and the class").
  EXPECT_CONTAINS(data_error("a,b,c\n1,2,0\n7\n"), "has 1 column, expected 3 (2 features and");
  EXPECT_CONTAINS(data_error("a,c\n1,0\n1,2,1\n"),
                  "has 3 columns, expected 2 (1 feature and the class)");
}

TEST(ParseCsvErrors, OneColumnSaysCommasSeparate) {
  // A spreadsheet's semicolon export: the header's one "column" is shown, and what separates.
  EXPECT_CONTAINS(data_error("a;b;class\n1;2;0\n3;4;1\n"),
                  "test.csv: line 1: the header names one column, \"a;b;class\"; expected "
                  "features and a class column, separated by commas");
}

TEST(ParseCsvErrors, NonNumbers) {
  const std::string word = data_error("a,b,c\n1,x,0\n");
  EXPECT_CONTAINS(word, "test.csv: line 2, column 2");
  EXPECT_CONTAINS(word, "\"x\"");
  EXPECT_CONTAINS(word, "not a finite number");
  EXPECT_CONTAINS(data_error("a,b,c\n1,2,0\n,4,1\n"), "line 3, column 1");  // empty field
  EXPECT_CONTAINS(data_error("a,b,c\nnan,2,0\n"), "line 2, column 1");      // strtod reads nan
  EXPECT_CONTAINS(data_error("a,b,c\n1,-inf,0\n"), "line 2, column 2");     // and inf
  EXPECT_CONTAINS(data_error("a,b,c\n1,1e400,0\n"), "line 2, column 2");    // overflows double
  EXPECT_CONTAINS(data_error("a,b,c\n1,2x,0\n"), "line 2, column 2");       // trailing junk
  // C's hex, which strtod read as 16 and 1: Python's float() and numpy refuse it.
  EXPECT_CONTAINS(data_error("a,b,c\n0x10,2,0\n1,2,1\n"), "line 2, column 1: \"0x10\" is not");
  EXPECT_CONTAINS(data_error("a,b,c\n1,\"2\" 3,0\n"), "line 2, column 2");  // "2 3"
}

TEST(ParseCsvErrors, EmptyText) {
  for (const std::string text : {"", "\n\n", "  \n\t\r\n", "\xEF\xBB\xBF"}) {
    const std::string msg = data_error(text);
    EXPECT_CONTAINS(msg, "test.csv");
    EXPECT_CONTAINS(msg, "empty");
  }
}

TEST(ParseCsvErrors, HeaderOnly) {
  EXPECT_CONTAINS(data_error("a,b,c\n"), "test.csv: line 1");
  EXPECT_CONTAINS(data_error("a,b,c\n"), "no data rows");
  EXPECT_CONTAINS(data_error("\n\n178,13,class_0,class_1,class_2\n\n"), "test.csv: line 3");
  // A header naming a single column leaves no room for features.
  EXPECT_CONTAINS(data_error("target\n0\n1\n"), "test.csv: line 1");
}

TEST(ParseCsv, IntegerClassesHaveNoNames) {
  const Dataset d = parse_csv("a,c\n1,0\n2,2.0\n3,1\n", kSource);  // "2.0": numpy's float, as int
  EXPECT_EQ(d.y, (std::vector<int>{0, 2, 1}));
  EXPECT_TRUE(d.class_names.empty());
  EXPECT_FALSE(d.class_column_holds_names);
}

// Any class that is not an integer from 0 to 99 makes the column names: "0" is then the name "0",
// and the names are numbered in sorted order ("-1" < "0": '-' is 0x2d, '0' 0x30), as
// np.unique(names, return_inverse=True) numbers them.
TEST(ParseCsv, ClassThatIsNotAnIntegerFrom0To99MakesTheColumnNames) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"1.5", {"0", "1.5"}}, {"a", {"0", "a"}},     {"-1", {"-1", "0"}},
      {"100", {"0", "100"}}, {"1e9", {"0", "1e9"}}, {"0x1", {"0", "0x1"}},
  };
  for (const auto& [cls, names] : cases) {
    const Dataset d = parse_csv("a,b,c\n1,2,0\n3,4," + cls + "\n", kSource);
    EXPECT_EQ(d.class_names, names) << cls;
    EXPECT_TRUE(d.class_column_holds_names) << cls;
    EXPECT_EQ(d.y, (names[0] == "0" ? std::vector<int>{0, 1} : std::vector<int>{1, 0})) << cls;
    EXPECT_EQ(d.num_classes, 2);
  }
}

// A column of names some of which are integers 0..99 is most often a typo ("O" among 0, 1, 2): the
// loader reads every class as a name, as numpy would, and its note says where the first name is.
TEST(ParseCsv, AColumnMixingIntegersAndNamesSaysWhereTheFirstNameIs) {
  const Dataset typo = parse_csv("a,c\n1,0\n2,1\n\n3,O\n4,2\n5,o\n", kSource);
  EXPECT_EQ(typo.class_names, (std::vector<std::string>{"0", "1", "2", "O", "o"}));
  EXPECT_EQ(typo.class_note,
            "the class column mixes integers and names (the first name is on line 5), so every "
            "class is read as a name");
  // The first name first: the integers after it are names too.
  EXPECT_CONTAINS(parse_csv("a,c\n1,O\n2,0\n", kSource).class_note, "on line 2)");
  // Names alone, integers alone, and scikit-learn's header names: nothing to say.
  EXPECT_EQ(parse_csv("a,c\n1,b\n2,a\n3,1.5\n", kSource).class_note, "");
  EXPECT_EQ(parse_csv("a,c\n1,1\n2,0\n", kSource).class_note, "");
  EXPECT_EQ(parse_csv("2,1,x,y\n1,1\n2,0\n", kSource).class_note, "");
}

TEST(ParseCsv, NamesAreNumberedInSortedOrderNotFirstAppearance) {
  const Dataset d = parse_csv("a,c\n1,b\n2,a\n3,b\n4,c\n", kSource);
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(d.y, (std::vector<int>{1, 0, 1, 2}));
  EXPECT_EQ(d.num_classes, 3);
  // By code point, as numpy compares str: capitals before small letters, "\u00e9t\u00e9" (UTF-8
  // C3 A9 ...) after "zoo", and a prefix before its extensions.
  const Dataset u = parse_csv(
      "a,c\n1,zoo\n2,\xC3\xA9t\xC3\xA9\n3,Zeta\n4,apple\n5,app\n6,\xE4\xB8\xAD\n", kSource);
  EXPECT_EQ(u.class_names, (std::vector<std::string>{"Zeta", "app", "apple", "zoo",
                                                     "\xC3\xA9t\xC3\xA9", "\xE4\xB8\xAD"}));
  EXPECT_EQ(u.y, (std::vector<int>{3, 4, 0, 2, 1, 5}));
}

// The names numpy reads with the generated script (np.loadtxt(..., dtype=str, quotechar='"',
// comments=None), then np.char.strip(names, " \t")): checked with numpy 1.24 on these lines.
TEST(ParseCsv, NamesAreReadAsTheScriptsNumpyReadsThem) {
  const Dataset d = parse_csv(
      "a,c\n"
      "1, setosa \n"          // blanks around: trimmed
      "2,\"virginica\"\t\n"   // quoted, a tab after the closing quote
      "3,\"a, \"\"b\"\"\"\n"  // a comma and an escaped quote inside quotes: a, "b"
      "4,C# minor\n"          // '#' is no comment (comments=None)
      "5,it's\n"              // a single quote is a character
      "6,\"  padded  \"\n",   // blanks inside the quotes: numpy's strip takes them too
      kSource);
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"C# minor", "a, \"b\"", "it's", "padded",
                                                     "setosa", "virginica"}));
  EXPECT_EQ(d.y, (std::vector<int>{4, 5, 1, 0, 2, 3}));
}

TEST(ParseCsvErrors, EmptyClass) {
  for (const std::string cls : {"", "  ", "\"\""}) {
    const std::string msg = data_error("a,b,c\n1,2,0\n3,4," + cls + "\n");
    EXPECT_CONTAINS(msg,
                    "test.csv: line 3, column 3: the class is empty (the last column holds each "
                    "row's class: an integer from 0 to 99 or a name)");
  }
  EXPECT_CONTAINS(data_error("a,b,c\n1,2,x\n3,4,\n"), "line 3, column 3: the class is empty");
}

// numpy's loadtxt reads a quote only as a field's first character: ` "setosa"` would be the name
// "setosa" to the core and "\"setosa\"" to the script. Refused rather than read differently.
TEST(ParseCsvErrors, BlankBeforeTheClasssOpeningQuote) {
  for (const std::string cls : {" \"setosa\"", "\t\"setosa\""}) {
    EXPECT_CONTAINS(data_error("a,c\n1,setosa\n2," + cls + "\n3,x\n"),
                    "test.csv: line 3, column 2: a space or tab before the class's opening quote; "
                    "numpy's loadtxt would keep the quotes in the name (remove it)");
  }
  // A feature's quote after a blank is read as before: numpy's float() refuses the quoted text
  // aloud, so nothing is read differently without a word.
  EXPECT_EQ(parse_csv("a,c\n \"1\",x\n2,y\n", kSource).x(0, 0), 1.0f);
}

TEST(ParseCsvErrors, NameThatIsNotUtf8) {
  // Latin-1's "\u00e9t\u00e9", an overlong '/', a UTF-16 surrogate, a cut sequence: numpy's
  // loadtxt stops at each (Python's UTF-8 decoder).
  for (const std::string name : {"\xE9t\xE9", "\xC0\xAF", "\xED\xA0\x80", "ab\xE4\xB8"}) {
    EXPECT_CONTAINS(data_error("a,c\n1,x\n2," + name + "\n"),
                    "test.csv: line 3, column 2: class \"");
    EXPECT_CONTAINS(data_error("a,c\n1,x\n2," + name + "\n"),
                    "is not UTF-8 text (save the file as UTF-8)");
  }
  // The longest and highest accepted: U+10FFFF.
  EXPECT_EQ(parse_csv("a,c\n1,x\n2,\xF4\x8F\xBF\xBF\n", kSource).num_classes, 2);
}

TEST(ParseCsvErrors, MoreThanTheMostClasses) {
  // Classes 0..100: "100" is no class 0..99, so the column holds 101 names.
  std::string text = "a,c\n";
  for (int c = 0; c <= kMaxClasses; ++c) text += std::to_string(c) + "," + std::to_string(c) + "\n";
  EXPECT_CONTAINS(data_error(text),
                  "test.csv: line 102, column 2: class \"100\" makes 101 different classes in the "
                  "last column; at most 100 are accepted");
  text.resize(text.rfind("100,100"));  // classes 0..99: exactly the most accepted
  EXPECT_EQ(parse_csv(text, kSource).num_classes, kMaxClasses);
  // 100 names are accepted, 101 are not; a name repeated counts once.
  std::string names = "a,c\n";
  for (int c = 0; c < kMaxClasses; ++c) names += "1,n" + std::to_string(c) + "\n1,n0\n";
  EXPECT_EQ(parse_csv(names, kSource).num_classes, kMaxClasses);
  EXPECT_CONTAINS(data_error(names + "1,another\n"),
                  "line 202, column 2: class \"another\" makes 101 different classes");
}

TEST(ParseCsvErrors, SingleClass) {
  EXPECT_CONTAINS(data_error("a,c\n1,0\n2,0\n"), "test.csv");
  EXPECT_CONTAINS(data_error("a,c\n1,0\n2,0\n"), "two classes");
  // One class that is not 0 gives several outputs but still nothing to tell apart.
  EXPECT_CONTAINS(data_error("a,c\n1,2\n2,2\n"),
                  "test.csv: every row has class 2 (the last column); at least two classes are "
                  "needed");
  EXPECT_CONTAINS(data_error("a,c\n1,yes\n2, yes\n3,\"yes\"\n"),
                  "test.csv: every row has class \"yes\" (the last column); at least two classes "
                  "are needed");
  EXPECT_EQ(parse_csv("a,c\n1,2\n2,0\n", kSource).num_classes, 3);
}

TEST(ParseCsv, RemembersItsSource) {
  const Dataset d = parse_csv("a,c\n1,0\n2,1\n3,1\n", "my.csv");
  EXPECT_EQ(d.source, "my.csv");  // the trainer's messages name the file
  EXPECT_EQ(select_samples(d, {0, 2}).source, "my.csv");
}

TEST(ParseCsvErrors, NulByte) {
  const std::string text("a,b,c\n1,2\0,0\n", 13);
  ASSERT_EQ(text.size(), 13u);
  const std::string msg = data_error(text);
  EXPECT_CONTAINS(msg, "test.csv: line 2, column 2");
  EXPECT_CONTAINS(msg, "NUL");
}

TEST(ParseCsvErrors, UnterminatedQuote) {
  const std::string msg = data_error("a,b,c\n1,\"2,0\n3,4,1\n");
  EXPECT_CONTAINS(msg, "test.csv: line 2, column 2");
  EXPECT_CONTAINS(msg, "unterminated quote");
}

TEST(ParseCsvErrors, TooLarge) {
  const std::string msg = data_error(std::string(kMaxCsvBytes + 1, 'a'));
  EXPECT_CONTAINS(msg, "test.csv");
  EXPECT_CONTAINS(msg,
                  "test.csv: the file is larger than 8 MB (8,388,608 bytes), the most accepted");
}

TEST(ParseCsvErrors, TooManyFeatures) {
  std::string header;
  for (int i = 0; i <= kMaxFeatures + 1; ++i) header += (i ? ",f" : "f") + std::to_string(i);
  EXPECT_CONTAINS(data_error(header + "\n"), "test.csv: line 1");
  EXPECT_CONTAINS(data_error("2,1001\n1,0\n2,1\n"), "test.csv: line 1");
}

TEST(ParseCsvErrors, SklearnSampleCountMismatch) {
  const std::string fewer = data_error("3,2,a,b\n1,2,0\n3,4,1\n");
  EXPECT_CONTAINS(fewer, "test.csv: line 1, column 1");
  EXPECT_CONTAINS(fewer, "announces 3 samples but the file has 2");
  EXPECT_CONTAINS(data_error("1,2,a,b\n1,2,0\n3,4,1\n"), "announces 1 sample but the file has 2");
  // A file without a header whose first sample reads as scikit-learn's counts (1 sample, 2
  // features): the message says what else line 1 may be.
  EXPECT_CONTAINS(data_error("1,2,0\n3,4,1\n5,6,0\n"),
                  "line 1, column 1: the header announces 1 sample but the file has 2 (if line 1 "
                  "is a sample, not scikit-learn's counts, add a first line naming the columns, "
                  "the class last (e.g. x1,x2,class))");
}

// A file without a header lost its first sample to the header without a word (the features were
// named "5.1", "3.5", ...): a first line of numbers is refused, with what to add.
TEST(ParseCsvErrors, AFirstLineOfNumbersIsASampleNotAHeader) {
  EXPECT_CONTAINS(data_error("5.1,3.5,1.4,0.2,0\n4.9,3,1.4,0.2,0\n6.3,3.3,6,2.5,2\n"),
                  "test.csv: line 1: every field is a number, so this looks like a sample, not "
                  "the header; add a first line naming the columns, the class last (e.g. "
                  "x1,x2,x3,x4,class)");
  std::string wide;  // 64 features and the class, as the digits
  for (int c = 0; c <= 64; ++c) wide += (c ? ",0.5" : "0.5");
  EXPECT_CONTAINS(data_error(wide + "\n" + wide + "\n"), "(e.g. x1,x2,...,x64,class)");
  // Names that are numbers beside a class column's name are a header (wavelengths, "target").
  EXPECT_EQ(parse_csv("0.5,1.5,target\n5,6,0\n7,8,1\n", "test.csv").num_samples(), 2);
  // Pixels named from 0 began like scikit-learn's counts (0 samples, 1 feature), which fit neither
  // the file's rows nor its width: names ("the header announces 0 samples" before).
  const Dataset named = parse_csv("0,1,2,target\n4,5,6,1\n7,8,9,0\n", "test.csv");
  EXPECT_EQ(named.num_samples(), 2);
  EXPECT_EQ(named.feature_names, (std::vector<std::string>{"0", "1", "2"}));
}

// Regression: the header's counts used to be cast to long whatever their size, which is undefined
// for 1e300 (on x86 it gave LONG_MIN: the sample count check was skipped, and a feature count of
// 1e300 became a negative matrix size).
TEST(ParseCsvErrors, SklearnHeaderWithAbsurdCounts) {
  const std::string samples = data_error("1e300,2,a,b\n1,2,0\n3,4,1\n");
  EXPECT_CONTAINS(samples, "test.csv: line 1, column 1");
  EXPECT_CONTAINS(samples, "announces 1e300 samples but the file has 2");
  const std::string features = data_error("2,1e300\n1,0\n2,1\n");
  EXPECT_CONTAINS(features, "test.csv: line 1");
  EXPECT_CONTAINS(features, "too many");
  EXPECT_CONTAINS(data_error("2,1e19\n1,0\n2,1\n"), "too many");  // just above LONG_MAX
}

// Whatever the bytes, parse_csv either returns a consistent Dataset or throws DataError.
TEST(ParseCsvErrors, RandomBytesNeverCrash) {
  std::mt19937 gen(20240601);  // fixed seed: the same inputs on every run
  const std::string csvish = "0123456789.,-+e\n\r\" \tab\xEF\xBB\xBF";
  const std::string valid = "3,2,x,y\n1.5,2,0\n3,4.25,1\n-5,6e1,2\n";
  int accepted = 0;
  for (int round = 0; round < 6000; ++round) {
    std::string text;
    const int kind = round % 3;
    if (kind == 0) {  // arbitrary bytes, NUL included
      text.resize(gen() % 300);
      for (char& c : text) c = static_cast<char>(gen() & 0xff);
    } else if (kind == 1) {  // bytes CSV is made of, to get past the first line more often
      text.resize(gen() % 300);
      for (char& c : text) c = csvish[gen() % csvish.size()];
    } else {  // a valid file with a few bytes changed
      text = valid;
      for (int k = 1 + gen() % 3; k > 0; --k)
        text[gen() % text.size()] = static_cast<char>(gen() & 0xff);
    }
    try {
      const Dataset d = parse_csv(text, kSource);
      ++accepted;
      ASSERT_EQ(d.y.size(), static_cast<std::size_t>(d.num_samples()));
      ASSERT_GE(d.num_samples(), 1);
      ASSERT_GE(d.num_features(), 1);
      ASSERT_GE(d.num_classes, 2);
      ASSERT_TRUE(d.feature_names.empty() ||
                  d.feature_names.size() == static_cast<std::size_t>(d.num_features()));
      for (int label : d.y) ASSERT_TRUE(label >= 0 && label < d.num_classes);
      ASSERT_FALSE(d.x.hasNaN());
    } catch (const DataError& e) {
      ASSERT_EQ(std::string(e.what()).rfind(kSource + ": ", 0), 0u) << e.what();
    } catch (const std::exception& e) {
      FAIL() << "not a DataError: " << e.what() << " for input " << round;
    }
  }
  EXPECT_GT(accepted, 0);  // the mutated files sometimes stay valid: the success path ran too
}

// ---------------------------------------------------------------------------------------------
// Files

TEST(LoadCsv, MissingFile) {
  const std::string path = std::string(LRPLAY_SOURCE_DIR) + "/data/no-such-file.csv";
  try {
    load_csv(path);
    FAIL() << "load_csv accepted a missing file";
  } catch (const DataError& e) {
    EXPECT_CONTAINS(e.what(), path);
    EXPECT_CONTAINS(e.what(), "cannot open");
  }
}

TEST(LoadCsv, Wine) {
  const Dataset d = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv");
  ASSERT_EQ(d.num_samples(), 178);
  ASSERT_EQ(d.num_features(), 13);
  EXPECT_EQ(d.num_classes, 3);
  EXPECT_TRUE(d.feature_names.empty());  // scikit-learn's layout
  // First row: 14.23,1.71,2.43,15.6,127,2.8,3.06,0.28,2.29,5.64,1.04,3.92,1065,0
  EXPECT_EQ(d.x(0, 0), 14.23f);
  EXPECT_EQ(d.x(1, 0), 1.71f);
  EXPECT_EQ(d.x(12, 0), 1065.0f);
  EXPECT_EQ(d.y.front(), 0);
  // Last row: 14.13,4.1,2.74,24.5,96,2.05,0.76,0.56,1.35,9.2,0.61,1.6,560,2
  EXPECT_EQ(d.x(0, 177), 14.13f);
  EXPECT_EQ(d.x(9, 177), 9.2f);
  EXPECT_EQ(d.x(12, 177), 560.0f);
  EXPECT_EQ(d.y.back(), 2);
  // The class sizes scikit-learn documents for the Wine data: 59, 71, 48.
  int counts[3] = {0, 0, 0};
  for (int label : d.y) ++counts[label];
  EXPECT_EQ(counts[0], 59);
  EXPECT_EQ(counts[1], 71);
  EXPECT_EQ(counts[2], 48);
}

// Each shipped data set loads whole, with the sizes and class counts scikit-learn documents.
struct ShippedData {
  const char* name;
  int samples, features, classes;
  std::vector<int> class_counts;
  std::vector<std::string> class_names;  // from scikit-learn's header, when they say more
};

TEST(LoadCsv, EveryShippedDataSetByName) {
  const std::vector<ShippedData> expected = {
      {"wine", 178, 13, 3, {59, 71, 48}, {}},
      {"iris", 150, 4, 3, {50, 50, 50}, {"setosa", "versicolor", "virginica"}},
      {"breast_cancer", 569, 30, 2, {212, 357}, {"malignant", "benign"}},
      {"digits", 1797, 64, 10, {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, {}},
  };
  ASSERT_EQ(dataset_names().size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const ShippedData& e = expected[i];
    EXPECT_EQ(dataset_names()[i], e.name);
    const std::string path = dataset_path(e.name);
    EXPECT_EQ(path, std::string("data/") + e.name + ".csv");
    const Dataset d = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/" + path);
    EXPECT_EQ(d.num_samples(), e.samples) << e.name;
    EXPECT_EQ(d.num_features(), e.features) << e.name;
    EXPECT_EQ(d.num_classes, e.classes) << e.name;
    std::vector<int> counts(static_cast<std::size_t>(d.num_classes), 0);
    for (int label : d.y) ++counts[static_cast<std::size_t>(label)];
    EXPECT_EQ(counts, e.class_counts) << e.name;
    EXPECT_EQ(d.class_names, e.class_names) << e.name;
    EXPECT_FALSE(d.class_column_holds_names) << e.name;
  }
}

TEST(LoadCsv, ShippedValuesAreReadExactly) {
  // iris first row 5.1,3.5,1.4,0.2,0; digits last row ends ...,12,1,0,8 (pixel values 0-16).
  const Dataset iris = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/iris.csv");
  EXPECT_EQ(iris.x(0, 0), 5.1f);
  EXPECT_EQ(iris.x(3, 0), 0.2f);
  EXPECT_EQ(iris.x(3, 149), 1.8f);
  const Dataset digits = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/digits.csv");
  EXPECT_EQ(digits.x(61, 1796), 12.0f);
  EXPECT_EQ(digits.x(63, 1796), 0.0f);
  EXPECT_EQ(digits.y.back(), 8);
  EXPECT_EQ(digits.x.maxCoeff(), 16.0f);
}

TEST(DatasetPath, UnknownNameListsTheAcceptedOnes) {
  try {
    dataset_path("mnist");
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(),
                 "dataset: unknown data set \"mnist\" (accepted: wine, iris, breast_cancer, "
                 "digits)");
  }
  EXPECT_THROW(dataset_path(""), DataError);
  EXPECT_THROW(dataset_path("data/wine.csv"), DataError);
}

TEST(SelectSamples, KeepsTheOrderGiven) {
  const Dataset d = parse_csv("a,b,c\n1,10,0\n2,20,1\n3,30,2\n", kSource);
  const Dataset s = select_samples(d, {2, 0});
  ASSERT_EQ(s.num_samples(), 2);
  EXPECT_EQ(s.x(0, 0), 3.0f);
  EXPECT_EQ(s.x(1, 0), 30.0f);
  EXPECT_EQ(s.x(0, 1), 1.0f);
  EXPECT_EQ(s.y, (std::vector<int>{2, 0}));
  EXPECT_EQ(s.num_classes, 3);
  EXPECT_EQ(s.feature_names, d.feature_names);
  const Dataset named = select_samples(parse_csv("a,c\n1,y\n2,x\n", kSource), {0});
  EXPECT_EQ(named.class_names, (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(named.class_column_holds_names);
}

}  // namespace
}  // namespace lrplay

namespace lrplay {
namespace {

// Found by tests/fuzz/fuzz_csv: a finite double beyond float32's range became inf in the features.
TEST(ParseCsvErrors, ValueBeyondFloat32Range) {
  try {
    parse_csv("a,b,class\n1,2,0\n3,1e39,1\n", "big.csv");
    FAIL() << "1e39 was accepted";
  } catch (const DataError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("big.csv: line 3, column 2"), std::string::npos) << msg;
    EXPECT_NE(msg.find("float32"), std::string::npos) << msg;
  }
  EXPECT_NO_THROW(parse_csv("a,b,class\n1,2,0\n3,3e38,1\n", "ok.csv"));
}

}  // namespace
}  // namespace lrplay
