// A recursive-descent parser for the Python subset --schedule accepts:
//   value := call | list | number | string | True | False | None | value ('*' | '/') value
//   call  := name ['.' name]* '(' [arg {',' arg} [',']] ')'     arg := [name '='] value
//   list  := '[' [value {',' value} [',']] ']'  (a parenthesized tuple reads as a list)
#include "schedule_syntax.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "text.hpp"

namespace lrplay {

void schedule_error(int column, const std::string& what) {
  throw ConfigError("schedule", "schedule: column " + std::to_string(column) + ": " + what);
}

namespace {

constexpr std::size_t kMaxLength = 4000;  // a page text box, not a program
constexpr int kMaxDepth = 32;             // nesting of calls and lists

class Parser {
 public:
  explicit Parser(const std::string& text) : s_(text) {}

  ExprNode parse() {
    if (s_.size() > kMaxLength) {
      schedule_error(1, "the expression is longer than " + count_text(kMaxLength) + " characters");
    }
    ExprNode root = value(0);
    skip_blanks();
    if (pos_ < s_.size()) fail("unexpected text after the expression");
    if (root.kind != ExprNode::Kind::kCall) {
      schedule_error(root.column, "expected a scheduler such as StepLR(step_size=30)");
    }
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    std::string where = what;
    if (pos_ < s_.size()) {
      where += " (found '" + std::string(1, s_[pos_]) + "')";
    } else {
      where += " (the text ends here)";
    }
    schedule_error(column(), where);
  }
  int column() const { return static_cast<int>(pos_) + 1; }
  void skip_blanks() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    skip_blanks();
    if (pos_ < s_.size() && s_[pos_] == c) return ++pos_, true;
    return false;
  }
  void expect(char c, const char* what) {
    if (!eat(c)) fail(std::string("expected ") + what);
  }
  bool is_name_char(char c, bool first) const {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
           (!first && std::isdigit(static_cast<unsigned char>(c)));
  }
  std::string name() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && is_name_char(s_[pos_], pos_ == start)) ++pos_;
    return s_.substr(start, pos_ - start);
  }

  // value := product of atoms with '*' and '/', Python's arithmetic on ints and floats.
  ExprNode value(int depth) {
    ExprNode left = atom(depth);
    for (;;) {
      skip_blanks();
      if (pos_ >= s_.size() || (s_[pos_] != '*' && s_[pos_] != '/')) return left;
      const char op = s_[pos_++];
      ExprNode right = atom(depth);
      for (const ExprNode* n : {&left, &right}) {
        if (n->kind != ExprNode::Kind::kNumber) {
          schedule_error(n->column, std::string("'") + op + "' works on numbers only");
        }
      }
      if (op == '/' && right.number == 0) schedule_error(right.column, "division by zero");
      left.number = op == '*' ? left.number * right.number : left.number / right.number;
      left.is_int = op == '*' && left.is_int && right.is_int;
    }
  }

  ExprNode atom(int depth) {
    if (depth > kMaxDepth) fail("the expression nests too deeply");
    skip_blanks();
    ExprNode node;
    node.column = column();
    if (pos_ >= s_.size()) fail("expected a value");
    const char c = s_[pos_];
    if (c == '[' || c == '(') {
      ++pos_;
      node.kind = ExprNode::Kind::kList;
      const char close = c == '[' ? ']' : ')';
      while (!eat(close)) {
        node.items.push_back(value(depth + 1));
        if (!eat(',')) {
          expect(close, close == ']' ? "',' or ']'" : "',' or ')'");
          break;
        }
      }
      return node;
    }
    if (c == '\'' || c == '"') {
      ++pos_;
      const std::size_t end = s_.find(c, pos_);
      if (end == std::string::npos) schedule_error(node.column, "this string is not closed");
      node.kind = ExprNode::Kind::kString;
      node.text = s_.substr(pos_, end - pos_);
      pos_ = end + 1;
      return node;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+') {
      number(node);
      return node;
    }
    if (!is_name_char(c, true)) fail("expected a value");
    std::string id = name();
    while (pos_ < s_.size() && s_[pos_] == '.') {  // torch.optim.lr_scheduler.StepLR
      ++pos_;
      id = name();
      if (id.empty()) fail("expected a name after '.'");
    }
    if (id == "True" || id == "False") {
      node.kind = ExprNode::Kind::kBool;
      node.boolean = id == "True";
      return node;
    }
    if (id == "None") return node;
    node.kind = ExprNode::Kind::kCall;
    node.text = id;
    skip_blanks();
    if (!eat('(')) {
      if (id == "optimizer" || id == "opt" || id == "optim") {
        schedule_error(node.column,
                       "leave the optimizer out: write StepLR(step_size=30), not "
                       "StepLR(optimizer, step_size=30)");
      }
      schedule_error(node.column, "'" + id +
                                      "' is not a value here: write a number, True, False, "
                                      "None, a string, a list or a scheduler call");
    }
    while (!eat(')')) {
      skip_blanks();
      const std::size_t start = pos_;
      const std::string key = name();
      skip_blanks();
      if (!key.empty() && pos_ < s_.size() && s_[pos_] == '=' &&
          (pos_ + 1 >= s_.size() || s_[pos_ + 1] != '=')) {
        ++pos_;
        node.keywords.emplace_back(key, value(depth + 1));
      } else {
        pos_ = start;
        if (!node.keywords.empty()) fail("a positional argument cannot follow keyword arguments");
        node.items.push_back(value(depth + 1));
      }
      if (!eat(',')) {
        expect(')', "',' or ')'");
        break;
      }
    }
    return node;
  }

  void number(ExprNode& node) {
    const std::size_t start = pos_;
    if (s_[pos_] == '-' || s_[pos_] == '+') ++pos_;
    skip_blanks();
    std::string digits = s_.substr(start, 1) == "-" ? "-" : "";
    bool is_int = true, any = false;
    auto take_digits = [&] {
      while (pos_ < s_.size() &&
             (std::isdigit(static_cast<unsigned char>(s_[pos_])) || (s_[pos_] == '_' && any))) {
        if (s_[pos_] != '_') digits += s_[pos_], any = true;
        ++pos_;
      }
    };
    take_digits();
    if (pos_ < s_.size() && s_[pos_] == '.') {
      is_int = false;
      digits += s_[pos_++];
      take_digits();
    }
    if (!any) fail("expected a number");
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      is_int = false;
      digits += s_[pos_++];
      if (pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+')) digits += s_[pos_++];
      const std::size_t exponent = pos_;
      while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) {
        digits += s_[pos_++];
      }
      if (pos_ == exponent) fail("expected the exponent's digits");
    }
    node.kind = ExprNode::Kind::kNumber;
    node.is_int = is_int;
    node.number = std::strtod(digits.c_str(), nullptr);
    if (!std::isfinite(node.number) || (is_int && std::fabs(node.number) > 2147483647.0)) {
      schedule_error(node.column, "this number is too large");
    }
  }

  const std::string& s_;
  std::size_t pos_ = 0;
};

}  // namespace

ExprNode parse_schedule(const std::string& text) { return Parser(text).parse(); }

}  // namespace lrplay
