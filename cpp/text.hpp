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

// A count and its noun for messages: "1 column", "3 columns" (the nouns used take an "s"). The
// count as printf's %.15g writes it, so a whole number a file announces (1e300) reads as written.
std::string count_of(double count, const std::string& noun);

// Whether `text` is a plain finite decimal, as every setting is read (no blanks, hex, inf or nan;
// a value too small for a double reads as 0 or a subnormal, for range checks to judge); the
// value in *out.
bool read_plain_number(const std::string& text, double* out);

// Whether `text` is a decimal as Python's float() reads one, inf and nan included (no blanks or
// hex; 1e999 reads as inf); the value in *out.
bool read_decimal(const std::string& text, double* out);

}  // namespace lrplay
