// Number-to-text without iostreams, which would add ~100 KB of locale code to the wasm module.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace lrplay {

// printf's %.<digits>g: 6 digits for messages, 17 to round-trip a double.
inline std::string number_text(double value, int digits = 6) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  return buffer;
}

// The shortest %g text that reads back as exactly `value` (0.1 rather than 0.10000000000000001).
inline std::string shortest_text(double value) {
  for (int digits = 1; digits < 17; ++digits) {
    std::string text = number_text(value, digits);
    if (std::strtod(text.c_str(), nullptr) == value) return text;
  }
  return number_text(value, 17);
}

}  // namespace lrplay
