// data/iris.csv with its classes written otherwise: the tests that hold a file of class names to
// the integer classes they are numbered as (tests/test_trainer.cpp, tests/test_cli.cpp).
#pragma once

#include <fstream>
#include <string>
#include <vector>

namespace lrplay::testing {

// The file's text with each row's class k written as names[k] (the header, scikit-learn's
// "150,4,setosa,versicolor,virginica", kept).
inline std::string iris_with_classes(const std::vector<std::string>& names) {
  std::ifstream file(std::string(LRPLAY_SOURCE_DIR) + "/data/iris.csv");
  std::string line, out;
  std::getline(file, line);
  out = line + "\n";
  while (std::getline(file, line)) {
    const std::size_t comma = line.rfind(',');
    out += line.substr(0, comma + 1) + names.at(std::stoi(line.substr(comma + 1))) + "\n";
  }
  return out;
}

}  // namespace lrplay::testing
