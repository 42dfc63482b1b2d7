#include "text.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace lrplay {
namespace {

// "1.5e+07" -> "1.5e7", "2e-05" -> "2e-5".
std::string plain_exponent(std::string text) {
  const auto e = text.find('e');
  if (e == std::string::npos) return text;
  std::string exponent = text.substr(e + 1);
  const bool negative = !exponent.empty() && exponent[0] == '-';
  if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.erase(0, 1);
  while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
  return text.substr(0, e + 1) + (negative ? "-" : "") + exponent;
}

// The digits "d.ddd" and exponent of `%.<digits-1>e` -> the same number in fixed notation.
std::string fixed_form(const std::string& mantissa, int exponent) {
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  const int n = static_cast<int>(digits.size());
  if (exponent < 0) return "0." + std::string(-exponent - 1, '0') + digits;
  if (exponent >= n - 1) return digits + std::string(exponent - n + 1, '0');
  return digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
}

// Shortest text for a value whose type has `max_digits` significant digits at most;
// `reads_back` says whether a text reads back as the value.
template <typename ReadsBack>
std::string shortest(double value, int max_digits, ReadsBack reads_back) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  char buffer[48];
  int digits = 1;
  for (; digits < max_digits; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*e", digits - 1, value);
    if (reads_back(buffer)) break;
  }
  std::snprintf(buffer, sizeof buffer, "%.*e", digits - 1, value);
  const std::string text = buffer;
  const bool negative = text[0] == '-';
  const auto e = text.find('e');
  const std::string mantissa = text.substr(negative ? 1 : 0, e - (negative ? 1 : 0));
  const int exponent = std::atoi(text.c_str() + e + 1);
  const std::string fixed = fixed_form(mantissa, exponent);
  // std::to_chars's choice: fixed unless printf's scientific form ("1e+18", "1e-04") is shorter;
  // then written without '+' and leading zeros. So 100 and 0.001 stay fixed; 1e18 and 1e-4 not.
  const std::string scientific = text.substr(negative ? 1 : 0);
  return (negative ? "-" : "") +
         (fixed.size() <= scientific.size() ? fixed : plain_exponent(scientific));
}

}  // namespace

std::string number_text(double value, int digits) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  return plain_exponent(buffer);
}

std::string shortest_text(double value) {
  return shortest(value, 17,
                  [value](const char* text) { return std::strtod(text, nullptr) == value; });
}

std::string shortest_text(float value) {
  return shortest(value, 9,
                  [value](const char* text) { return std::strtof(text, nullptr) == value; });
}

}  // namespace lrplay
