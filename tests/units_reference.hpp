// Reads the unit-test references in tests/golden/units/*.txt: '#' lines are comments, every other
// line is "<key>: <space-separated values>".
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lrplay::testing {

struct ReferenceLine {
  std::string key;
  std::vector<std::string> values;
};

// The lines of tests/golden/units/<name> that are neither empty nor '#' comments.
inline std::vector<std::string> read_units_lines(const std::string& name) {
  const std::string path = std::string(LRPLAY_SOURCE_DIR) + "/tests/golden/units/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  return lines;
}

inline std::vector<ReferenceLine> read_units_reference(const std::string& name) {
  std::vector<ReferenceLine> lines;
  for (const std::string& line : read_units_lines(name)) {
    const auto colon = line.find(": ");
    if (colon == std::string::npos) throw std::runtime_error(name + ": no ': ' in " + line);
    ReferenceLine entry{line.substr(0, colon), {}};
    std::istringstream words(line.substr(colon + 2));
    for (std::string w; words >> w;) entry.values.push_back(w);
    lines.push_back(std::move(entry));
  }
  return lines;
}

inline std::vector<std::string> split_words(const std::string& text) {
  std::istringstream words(text);
  std::vector<std::string> out;
  for (std::string w; words >> w;) out.push_back(w);
  return out;
}

}  // namespace lrplay::testing
