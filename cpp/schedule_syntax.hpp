// The syntax tree of a --schedule expression and its recursive-descent parser (no evaluation).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "scheduler.hpp"

namespace lrplay {

struct ExprNode {
  enum class Kind { kNumber, kBool, kNone, kString, kList, kCall };
  Kind kind = Kind::kNone;
  int column = 1;  // 1-based, where the value starts
  double number = 0.0;
  bool is_int = false;  // a Python int (no '.', no exponent, no true division)
  bool boolean = false;
  std::string text;                                        // a string's value or a call's class
  std::vector<ExprNode> items;                             // a list's items, a call's positionals
  std::vector<std::pair<std::string, ExprNode>> keywords;  // a call's keyword arguments
  std::unique_ptr<Scheduler> built;                        // a call, once built
};

// Throws ConfigError "schedule: column N: ..." for text that is not one call expression.
ExprNode parse_schedule(const std::string& text);

// "schedule: column N: what" as a ConfigError of setting schedule: the refusal is of the line the
// learner typed (its column says where), also when a constructor in it refused an argument such as
// mode, which is not the form's field of that name.
[[noreturn]] void schedule_error(int column, const std::string& what);

}  // namespace lrplay
