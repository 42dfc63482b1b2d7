// Tabular classification data: the Wine CSV as scikit-learn ships it, or a plain CSV with a header
// row and the class in the last column. Parsing only; splitting and scaling live elsewhere.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "matrix.hpp"

namespace lrplay {

// Thrown for malformed input; the message names the source, the line and (where it applies) the
// column.
struct DataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Dataset {
  Matrix x;  // (features x samples): one sample per column, float32 as torch.tensor(X) keeps it
  std::vector<int> y;  // (samples) class index in [0, num_classes)
  int num_classes = 0;
  // The names of classes 0, 1, ...: the class column's names when it holds names (sorted, as
  // np.unique gives them), else the names scikit-learn's header gives the integers ("setosa",
  // "versicolor", "virginica"); empty when nothing names them.
  std::vector<std::string> class_names;
  // The class column holds names, not the integers 0..99: a script reads it as text.
  bool class_column_holds_names = false;
  // A word on how the class column was read, where it may surprise: "the class column mixes
  // integers and names (the first name is on line 57), so every class is read as a name" (most
  // often a typo, "O" among 0, 1, 2). Empty otherwise.
  std::string class_note;
  std::vector<std::string> feature_names;  // empty when the file names none (scikit-learn's format)
  std::string source;  // what parse_csv was told the input is: the file's name in messages

  int num_samples() const { return static_cast<int>(x.cols()); }
  int num_features() const { return static_cast<int>(x.rows()); }
};

// Largest input accepted, so that a pasted file can never exhaust the browser's memory.
constexpr std::size_t kMaxCsvBytes = 8u << 20;
constexpr int kMaxFeatures = 1000;
constexpr int kMaxClasses = 100;

// `source` only names the input in error messages (a file path, or "pasted data").
Dataset parse_csv(const std::string& text, const std::string& source);
Dataset load_csv(const std::string& path);

// The data sets shipped in data/ (see data/README.md), by the name --dataset takes: wine, iris,
// breast_cancer, digits, in that order (wine, the lesson's, first).
const std::vector<std::string>& dataset_names();
// "iris" -> "data/iris.csv", relative to the repository root. Throws DataError naming the accepted
// names for any other name.
std::string dataset_path(const std::string& name);

// Selects the columns (samples) listed in `indices`, in that order.
Dataset select_samples(const Dataset& data, const std::vector<int>& indices);

}  // namespace lrplay
