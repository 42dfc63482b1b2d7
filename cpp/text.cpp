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

// printf's "%.<d-1>e" text one unit up in its last digit, in magnitude: "-5.962e-08" ->
// "-5.963e-08", "9.99e+01" -> "1.00e+02".
std::string one_unit_up(const std::string& text) {
  const auto e = text.find('e');
  std::string digits;
  for (std::size_t i = 0; i < e; ++i) {
    if (text[i] >= '0' && text[i] <= '9') digits += text[i];
  }
  int exponent = std::atoi(text.c_str() + e + 1);
  auto i = digits.size();
  for (; i > 0 && digits[i - 1] == '9'; --i) digits[i - 1] = '0';
  if (i > 0) {
    ++digits[i - 1];
  } else {
    digits.insert(0, "1");
    digits.pop_back();
    ++exponent;
  }
  std::string up = text[0] == '-' ? "-" : "";
  up += digits.substr(0, 1);
  if (digits.size() > 1) up += "." + digits.substr(1);
  return up + (exponent < 0 ? "e-" : "e+") + std::to_string(std::abs(exponent));
}

// Shortest text for a value whose type has `max_digits` significant digits at most;
// `reads_back` says whether a text reads back as the value. The digits are std::to_chars's: the
// fewest that read back, and of two such texts the nearer.
template <typename ReadsBack>
std::string shortest(double value, int max_digits, ReadsBack reads_back) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  // The values that read back as `value` lie around it, as far on both sides except at a power of
  // two, whose neighbour below (in magnitude) is half as far as the one above. So the nearest
  // d-digit text reads back when any d-digit text does, except there: the nearest can lie below,
  // beyond the narrow side's half-way point, while the d-digit text above reads back (2^-24 is
  // 5.960464477539063e-8, not printf's tie to even ...062, which reads back as another double).
  int binary_exponent = 0;
  const bool power_of_two = std::fabs(std::frexp(value, &binary_exponent)) == 0.5;
  // The d-digit text that reads back, or "" if none does.
  const auto text_in = [&](int digits) -> std::string {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*e", digits - 1, value);
    if (reads_back(buffer)) return buffer;
    if (!power_of_two) return {};
    std::string up = one_unit_up(buffer);
    return reads_back(up.c_str()) ? up : std::string();
  };
  // If some d-digit text reads back, so does a (d + 1)-digit one (the same, a zero appended), so
  // the fewest digits can be bisected: 4-5 conversions instead of up to 17 in order (a million
  // rates of `lrplay schedule` spent ~10 s here).
  int digits = 1;
  for (int last = max_digits; digits < last;) {
    const int middle = (digits + last) / 2;
    if (text_in(middle).empty()) {
      digits = middle + 1;
    } else {
      last = middle;
    }
  }
  const std::string text = text_in(digits);
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

std::string count_text(double count) {
  if (count != std::floor(count) || std::fabs(count) >= 1e15) return number_text(count, 15);
  // A whole count's digits from its integer, as %.15g would write them but without printf's
  // cost: ReduceLROnPlateau's reason counts its bad epochs at every step.
  std::string text = std::to_string(static_cast<long long>(count));
  const std::size_t sign = text[0] == '-' ? 1 : 0;
  for (std::size_t end = text.size(); end > sign + 3; end -= 3) text.insert(end - 3, ",");
  return text;
}

std::string count_of(double count, const std::string& noun) {
  return count_text(count) + " " + noun + (count == 1 ? "" : "s");
}

std::string count_as_typed(double count, const std::string& noun) {
  return number_text(count, 15) + " " + noun + (count == 1 ? "" : "s");
}

// strtod also takes C's hex (0x10 as 16), which Python's float(), numpy and pandas refuse, and
// skips leading white space, which a setting or a field must not carry.
bool read_decimal(const std::string& value, double* out) {
  const char* begin = value.c_str();
  char* end = nullptr;
  *out = std::strtod(begin, &end);
  const bool plain = !value.empty() && value.find_first_of("xX \t\n\v\f\r") == std::string::npos;
  return plain && end == begin + value.size();
}

// Settings are plain finite decimals.
bool read_plain_number(const std::string& value, double* out) {
  return read_decimal(value, out) && std::isfinite(*out);
}

}  // namespace lrplay
