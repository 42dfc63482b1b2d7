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
  // The last field opened its quote after a space or tab (` "setosa"`): numpy's loadtxt, which
  // reads a quote only as a field's first character, keeps such quotes in the text.
  bool last_quote_after_blank = false;
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
    bool quote_after_blank = false;
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
        quote_after_blank = !field.empty();
        field.clear();
      } else if (c == ',') {
        row.fields.push_back(trim(field));
        field.clear();
        quote_after_blank = false;
      } else {
        field += c;
      }
    }
    if (quoted) fail(source, line, static_cast<int>(row.fields.size()) + 1, "unterminated quote");
    row.fields.push_back(trim(field));
    row.last_quote_after_blank = quote_after_blank;
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

// A class field that is an integer from 0 to kMaxClasses - 1 ("2", "2.0": numpy's float, then
// astype(int), reads them alike).
bool integer_class(const std::string& field, int* out) {
  double v = 0;
  if (!read_plain_number(field, &v) || v != std::floor(v) || v < 0 || v >= kMaxClasses)
    return false;
  *out = static_cast<int>(v);
  return true;
}

// Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), as Python decodes
// it: numpy's loadtxt stops at a file that is not.
bool is_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    unsigned char low = 0x80, high = 0xBF;  // the range of the byte after the first
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (s.size() - i <= extra) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const unsigned char b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) return false;
    }
    i += extra + 1;
  }
  return true;
}

// The class column holds names: classes are the distinct names in sorted order, numbered as
// np.unique(names, return_inverse=True) numbers them. numpy compares str by code point; UTF-8's
// byte order is code-point order, and std::string compares bytes as unsigned char
// (char_traits<char>::lt), so sorting the UTF-8 names sorts them as numpy does.
void number_names(const std::vector<Row>& rows, std::size_t column, const std::string& source,
                  Dataset& data) {
  std::vector<std::string>& names = data.class_names;  // kept sorted as they come
  const int at = static_cast<int>(column) + 1;
  for (std::size_t i = 0; i < data.y.size(); ++i) {
    const Row& row = rows[i + 1];
    const std::string& name = row.fields[column];
    if (row.last_quote_after_blank) {
      fail(source, row.line, at,
           "a space or tab before the class's opening quote; numpy's loadtxt would keep the "
           "quotes in the name (remove it)");
    }
    if (!is_utf8(name)) {
      fail(source, row.line, at,
           "class " + quote_for_message(name) + " is not UTF-8 text (save the file as UTF-8)");
    }
    const auto it = std::lower_bound(names.begin(), names.end(), name);
    if (it != names.end() && *it == name) continue;
    if (names.size() == static_cast<std::size_t>(kMaxClasses)) {
      fail(source, row.line, at,
           "class " + quote_for_message(name) + " makes " + count_text(kMaxClasses + 1) +
               " different classes in the last column; at most " + count_text(kMaxClasses) +
               " are accepted");
    }
    names.push_back(name);  // then moved down to its sorted place
    for (std::size_t k = names.size() - 1; k > 0 && names[k] < names[k - 1]; --k)
      names[k].swap(names[k - 1]);
  }
  for (std::size_t i = 0; i < data.y.size(); ++i) {
    const std::string& name = rows[i + 1].fields[column];
    data.y[i] =
        static_cast<int>(std::lower_bound(names.begin(), names.end(), name) - names.begin());
  }
  data.num_classes = static_cast<int>(data.class_names.size());
}

// What a file without a header needs: "add a first line naming the columns, the class last (e.g.
// x1,x2,x3,class)", for `columns` columns.
std::string header_advice(std::size_t columns) {
  std::string example;
  for (std::size_t c = 1; c < columns; ++c) {
    if (columns > 6 && c == 3) {
      example += "...,";
      c = columns - 1;
    }
    example += "x" + std::to_string(c) + ",";
  }
  return "add a first line naming the columns, the class last (e.g. " + example + "class)";
}

// scikit-learn's data files start with "n_samples,n_features,class names...". The counts stay
// doubles: a header may announce any number (1e300), which no integer type holds. Counts must
// describe the file, its rows or the width of its first sample: a header of names that begins
// with whole numbers (pixels "0,1,...,63,target") is names.
bool is_sklearn_header(const std::vector<Row>& rows, double* n_samples, double* n_features) {
  const Row& row = rows[0];
  if (row.fields.size() < 2) return false;
  double a = 0, b = 0;
  if (!read_plain_number(row.fields[0], &a) || !read_plain_number(row.fields[1], &b)) return false;
  if (a < 0 || b < 1 || a != std::floor(a) || b != std::floor(b)) return false;
  const double samples = static_cast<double>(rows.size() - 1);
  if (rows.size() > 1 && a != samples && b + 1 != static_cast<double>(rows[1].fields.size()))
    return false;
  *n_samples = a;
  *n_features = b;
  return true;
}

// The class names of scikit-learn's header ("569,30,malignant,benign"), as load_breast_cancer's
// target_names gives them, for `classes` integer classes. None when they are not one name for each
// class, or say no more than the numbers (wine's "class_0", digits' "0"): the page would only
// repeat them.
std::vector<std::string> sklearn_class_names(const Row& header, int classes) {
  std::vector<std::string> names(header.fields.begin() + 2, header.fields.end());
  if (names.size() != static_cast<std::size_t>(classes)) return {};
  bool says_more = false;
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (names[k].empty() || !is_utf8(names[k])) return {};
    const std::string number = std::to_string(k);
    says_more = says_more || (names[k] != number && names[k] != "class_" + number);
  }
  return says_more ? names : std::vector<std::string>{};
}

// A class column of names in which some classes are integers 0..99 too: most often a typo ("O"
// among 0, 1, 2) that made every class a name, so the note says where the first name is.
std::string mixed_classes_note(const std::vector<Row>& rows, std::size_t column,
                               const Row& first_name) {
  int unused = 0;
  const bool mixed = std::any_of(rows.begin() + 1, rows.end(), [&](const Row& row) {
    return integer_class(row.fields[column], &unused);
  });
  if (!mixed) return "";
  return "the class column mixes integers and names (the first name is on line " +
         std::to_string(first_name.line) + "), so every class is read as a name";
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
  if (is_sklearn_header(rows, &expected_samples, &announced_features)) {
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
    // A first line of numbers is a sample, not names: a file without a header would lose its first
    // sample to the header (and the script's skiprows=1 with it) without a word.
    const auto is_number = [](const std::string& field) {
      double v = 0;
      return read_plain_number(field, &v);
    };
    if (std::all_of(rows[0].fields.begin(), rows[0].fields.end(), is_number)) {
      fail(source, rows[0].line, 0,
           "every field is a number, so this looks like a sample, not the header; " +
               header_advice(rows[0].fields.size()));
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
             count_text(n) + " (if line 1 is a sample, not scikit-learn's counts, " +
             header_advice(columns) + ")");
  }

  data.x.resize(n_features, n);
  data.y.resize(n);
  bool integers = true;  // every class so far an integer from 0 to kMaxClasses - 1
  long first_name = 0;   // the row of the first class that is not
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
    // Empty is refused rather than made a class "": most often a value left out.
    if (row.fields[n_features].empty()) {
      fail(source, row.line, static_cast<int>(columns),
           "the class is empty (the last column holds each row's class: an integer from 0 to " +
               count_text(kMaxClasses - 1) + " or a name)");
    }
    if (integers && integer_class(row.fields[n_features], &data.y[i])) {
      data.num_classes = std::max(data.num_classes, data.y[i] + 1);
    } else if (integers) {
      integers = false;
      first_name = i;
    }
  }
  if (!integers) {
    const std::size_t column = static_cast<std::size_t>(n_features);
    number_names(rows, column, source, data);
    data.class_note = mixed_classes_note(rows, column, rows[first_name + 1]);
  }
  data.class_column_holds_names = !integers;
  if (integers && expected_samples >= 0)
    data.class_names = sklearn_class_names(rows[0], data.num_classes);
  // Labels {2, 2, 2} give three outputs but nothing to tell apart: count the classes present.
  if (std::all_of(data.y.begin(), data.y.end(), [&](int c) { return c == data.y[0]; })) {
    const std::string cls =
        integers ? std::to_string(data.y[0]) : quote_for_message(data.class_names[0]);
    throw DataError(source + ": every row has class " + cls +
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
  out.class_names = data.class_names;
  out.class_column_holds_names = data.class_column_holds_names;
  out.class_note = data.class_note;
  out.feature_names = data.feature_names;
  out.source = data.source;
  return out;
}

}  // namespace lrplay
