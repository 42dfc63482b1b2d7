// CSV parsing for classification data. Hostile input (binary, NUL bytes, huge lines, quotes, BOM,
// CRLF) must end in a DataError that says where, never in a crash.
#include "dataset.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "text.hpp"

namespace lrplay {
namespace {

struct Row {
  int line = 0;  // 1-based line number in the source
  std::vector<std::string> fields;
};

[[noreturn]] void fail(const std::string& source, int line, int column, const std::string& what) {
  std::string msg = source + ": line " + std::to_string(line);
  if (column > 0) msg += ", column " + std::to_string(column);
  throw DataError(msg + ": " + what);
}

std::string trim(const std::string& s) {
  const char* ws = " \t";
  const auto begin = s.find_first_not_of(ws);
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(ws) - begin + 1);
}

// Splits text into rows of fields. Double-quoted fields may hold commas and "" escapes, but not
// line breaks: a sample is one line.
std::vector<Row> split_rows(const std::string& text, const std::string& source) {
  std::vector<Row> rows;
  std::size_t pos = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;  // UTF-8 byte order mark
  int line = 0;
  while (pos < text.size()) {
    ++line;
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string raw = text.substr(pos, end - pos);
    pos = end + 1;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (trim(raw).empty()) continue;

    Row row{line, {}};
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      const char c = raw[i];
      if (c == '\0')
        fail(source, line, static_cast<int>(row.fields.size()) + 1, "contains a NUL byte");
      if (quoted) {
        if (c == '"' && i + 1 < raw.size() && raw[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          field += c;
        }
      } else if (c == '"' && trim(field).empty()) {
        quoted = true;
        field.clear();
      } else if (c == ',') {
        row.fields.push_back(trim(field));
        field.clear();
      } else {
        field += c;
      }
    }
    if (quoted) fail(source, line, static_cast<int>(row.fields.size()) + 1, "unterminated quote");
    row.fields.push_back(trim(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string quote_for_message(const std::string& s) {
  std::string shown = s.size() > 40 ? s.substr(0, 40) + "..." : s;
  for (char& c : shown) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  }
  return "\"" + shown + "\"";
}

// scikit-learn's data files start with "n_samples,n_features,class names...". The counts stay
// doubles: a header may announce any number (1e300), which no integer type holds.
bool is_sklearn_header(const Row& row, double* n_samples, double* n_features) {
  if (row.fields.size() < 2) return false;
  double a = 0, b = 0;
  if (!read_plain_number(row.fields[0], &a) || !read_plain_number(row.fields[1], &b)) return false;
  if (a < 0 || b < 1 || a != std::floor(a) || b != std::floor(b)) return false;
  *n_samples = a;
  *n_features = b;
  return true;
}

}  // namespace

Dataset parse_csv(const std::string& text, const std::string& source) {
  if (text.size() > kMaxCsvBytes) {
    // Readers stop one byte past the limit (load_csv, the page's upload), so the true size is not
    // known here: say what is accepted.
    throw DataError(source + ": the file is larger than " + std::to_string(kMaxCsvBytes >> 20) +
                    " MB (" + count_text(kMaxCsvBytes) + " bytes), the most accepted");
  }
  const std::vector<Row> rows = split_rows(text, source);
  if (rows.empty())
    throw DataError(source + ": the file is empty (expected a header row and data rows)");

  double expected_samples = -1, announced_features = 0;
  long n_features = 0;
  Dataset data;
  if (is_sklearn_header(rows[0], &expected_samples, &announced_features)) {
    if (announced_features > kMaxFeatures) {
      fail(source, rows[0].line, 2,
           "the header announces " + count_of(announced_features, "feature") +
               ", too many (at most " + count_text(kMaxFeatures) + ")");
    }
    n_features = static_cast<long>(announced_features);
  } else {
    n_features = static_cast<long>(rows[0].fields.size()) - 1;
    if (n_features < 1) {
      // Most often a file saved with semicolons or tabs between its columns: say what separates.
      fail(source, rows[0].line, 0,
           "the header names one column, " + quote_for_message(rows[0].fields[0]) +
               "; expected features and a class column, separated by commas");
    }
    data.feature_names.assign(rows[0].fields.begin(), rows[0].fields.end() - 1);
  }
  if (n_features > kMaxFeatures) {
    fail(source, rows[0].line, 0,
         count_of(n_features, "feature") + " is too many (at most " + count_text(kMaxFeatures) +
             ")");
  }
  const std::size_t columns = static_cast<std::size_t>(n_features) + 1;
  const long n = static_cast<long>(rows.size()) - 1;
  if (n == 0) fail(source, rows[0].line, 0, "no data rows after the header");
  if (expected_samples >= 0 && expected_samples != static_cast<double>(n)) {
    fail(source, rows[0].line, 1,
         "the header announces " + count_of(expected_samples, "sample") + " but the file has " +
             count_text(n));
  }

  data.x.resize(n_features, n);
  data.y.resize(n);
  for (long i = 0; i < n; ++i) {
    const Row& row = rows[i + 1];
    if (row.fields.size() != columns) {
      fail(source, row.line, 0,
           "has " + count_of(row.fields.size(), "column") + ", expected " + count_text(columns) +
               " (" + count_of(n_features, "feature") + " and the class)");
    }
    for (long f = 0; f < n_features; ++f) {
      double v = 0;
      if (!read_plain_number(row.fields[f], &v)) {
        fail(source, row.line, static_cast<int>(f) + 1,
             quote_for_message(row.fields[f]) + " is not a finite number");
      }
      const float value = static_cast<float>(v);  // as torch.tensor(X, dtype=torch.float32)
      if (!std::isfinite(value)) {
        fail(source, row.line, static_cast<int>(f) + 1,
             quote_for_message(row.fields[f]) + " is beyond float32's range (about 3.4e38)");
      }
      data.x(f, i) = value;
    }
    double label = 0;
    const std::string& cls = row.fields[n_features];
    if (!read_plain_number(cls, &label) || label != std::floor(label) || label < 0 ||
        label >= kMaxClasses) {
      fail(source, row.line, static_cast<int>(columns),
           "class " + quote_for_message(cls) + " is not an integer from 0 to " +
               count_text(kMaxClasses - 1) + " (the last column is the class; at most " +
               count_text(kMaxClasses) + " classes are accepted)");
    }
    data.y[i] = static_cast<int>(label);
    data.num_classes = std::max(data.num_classes, data.y[i] + 1);
  }
  // Labels {2, 2, 2} give three outputs but nothing to tell apart: count the classes present.
  if (std::all_of(data.y.begin(), data.y.end(), [&](int c) { return c == data.y[0]; })) {
    throw DataError(source + ": every row has class " + std::to_string(data.y[0]) +
                    " (the last column); at least two classes are needed");
  }
  data.source = source;
  return data;
}

const std::vector<std::string>& dataset_names() {
  static const std::vector<std::string> names = {"wine", "iris", "breast_cancer", "digits"};
  return names;
}

std::string dataset_path(const std::string& name) {
  std::string accepted;
  for (const std::string& known : dataset_names()) {
    if (name == known) return "data/" + known + ".csv";
    accepted += (accepted.empty() ? "" : ", ") + known;
  }
  throw DataError("dataset: unknown data set " + quote_for_message(name) +
                  " (accepted: " + accepted + ")");
}

Dataset load_csv(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) throw DataError(path + ": cannot open the file");
  std::string text;
  char buffer[1 << 16];
  std::size_t got;
  // Reads one byte past the limit at most; parse_csv then reports the size.
  while (text.size() <= kMaxCsvBytes && (got = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    text.append(buffer, got);
  }
  // A directory opens on Linux but reads nothing: "the file is empty" would send the learner to
  // look inside a file that is not there.
  const bool unreadable = std::ferror(file) != 0;
  std::fclose(file);
  if (unreadable) throw DataError(path + ": cannot read the file (is it a directory?)");
  return parse_csv(text, path);
}

Dataset select_samples(const Dataset& data, const std::vector<int>& indices) {
  Dataset out;
  out.x.resize(data.x.rows(), static_cast<Eigen::Index>(indices.size()));
  out.y.resize(indices.size());
  for (std::size_t i = 0; i < indices.size(); ++i) {
    out.x.col(static_cast<Eigen::Index>(i)) = data.x.col(indices[i]);
    out.y[i] = data.y[indices[i]];
  }
  out.num_classes = data.num_classes;
  out.feature_names = data.feature_names;
  out.source = data.source;
  return out;
}

}  // namespace lrplay
