// Numbers to text and back without iostreams, which would add ~100 KB of locale code to the wasm
// module. Exponents are written without '+' or leading zeros: 1e18, 2.5e-7.
#pragma once

#include <string>

namespace lrplay {

// printf's %.<digits>g (6 digits for messages), with the exponent written as above.
std::string number_text(double value, int digits = 6);

// The shortest text that reads back (strtod) as exactly `value`: 0.1, not 0.10000000000000001;
// fixed or scientific as std::to_chars chooses (100, 0.001, 1e-4, 1e18).
std::string shortest_text(double value);

// The same for a float32 (read back with strtof): the loss 10.803728, not 10.8037281.
std::string shortest_text(float value);

// How messages write whole numbers. A count or a limit a learner reads ("stepped 213,000 times",
// "at most 200,000 steps", "1,500 epochs") has a comma between groups of three digits from 1,000
// up, four digits too, as English prose writes quantities (Chicago Manual of Style 9.55); one rule
// for every count, so 1,500 and 15,000 read alike. Written as digits alone:
// - a position, read like a page number and printed so by PyTorch: epoch 1500, step 1500 of
//   2000, line 1204, column 3, milestone 1500; lists of them, "cuts in epochs 4, 7, 1500", where
//   a separator would read as another item;
// - a setting's value echoed as name = value ("epochs = 1500", "T_max = 1500 epochs"): what is
//   typed back into the form or the CLI, which refuse "1,500";
// - intervals ("[1, 10000]") and machine-readable text: CSV, the PyTorch script and --schedule
//   lines, the CLI's tables.
// The page writes its own counts by the same rule (formatCount in web/src/model/format.js; the
// wasm tests hold the two to the same text).

// A count as above: "0", "999", "1,000", "213,000", "-1,500". A number that is not whole or is
// 1e15 and up as printf's %.15g writes it, so a count a file announces (1e300) reads as written.
std::string count_text(double count);

// A count and its noun for messages: "1 column", "3 columns", "1,500 epochs" (the nouns used take
// an "s").
std::string count_of(double count, const std::string& noun);

// The same with the count as typed, for a setting echoed as name = value: "T_max = 1500 epochs".
std::string count_as_typed(double count, const std::string& noun);

// Whether `text` is a plain finite decimal, as every setting is read (no blanks, hex, inf or nan;
// a value too small for a double reads as 0 or a subnormal, for range checks to judge); the
// value in *out.
bool read_plain_number(const std::string& text, double* out);

// Whether `text` is a decimal as Python's float() reads one, inf and nan included (no blanks or
// hex; 1e999 reads as inf); the value in *out.
bool read_decimal(const std::string& text, double* out);

}  // namespace lrplay
