// A parsed --schedule expression printed back as Python for the generated script.
#include <string>
#include <vector>

#include "schedule_syntax.hpp"
#include "schedule_text.hpp"
#include "text.hpp"

namespace lrplay {

// Python's text of a number: a float keeps a '.' or an exponent (1.0, not 1, which is an int).
std::string python_number(double value, bool is_int) {
  if (is_int) return std::to_string(static_cast<long long>(value));
  std::string text = shortest_text(value);
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

namespace {

using Kind = ExprNode::Kind;

std::string print(const ExprNode& node, const std::string& run_steps_code);

std::string print_call(const ExprNode& call, const std::string& run_steps_code) {
  std::vector<std::string> args;
  // ChainedScheduler(schedulers, optimizer=None): its first argument is the list.
  if (call.text != "ChainedScheduler") args.push_back("optimizer");
  bool total_steps_given = false;
  for (std::size_t i = 0; i < call.items.size(); ++i) {
    const bool none_total =
        call.text == "OneCycleLR" && i == 1 && call.items[i].kind == Kind::kNone;
    args.push_back(none_total ? run_steps_code : print(call.items[i], run_steps_code));
    total_steps_given = total_steps_given || (call.text == "OneCycleLR" && i == 1);
  }
  bool epochs = false, steps_per_epoch = false;
  for (const auto& [key, value] : call.keywords) {
    const bool none = value.kind == Kind::kNone;
    epochs = epochs || (key == "epochs" && !none);
    steps_per_epoch = steps_per_epoch || (key == "steps_per_epoch" && !none);
    if (call.text == "OneCycleLR" && key == "total_steps") {
      total_steps_given = true;
      args.push_back(key + "=" + (none ? run_steps_code : print(value, run_steps_code)));
    } else {
      args.push_back(key + "=" + print(value, run_steps_code));
    }
  }
  // OneCycleLR's positional epochs and steps_per_epoch come after total_steps, so are covered
  // above.
  if (call.text == "OneCycleLR" && !total_steps_given && !(epochs && steps_per_epoch)) {
    args.push_back("total_steps=" + run_steps_code);
  }
  std::string out = "lr_scheduler." + call.text + "(";
  for (std::size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
  return out + ")";
}

std::string print(const ExprNode& node, const std::string& run_steps_code) {
  switch (node.kind) {
    case Kind::kNumber:
      return python_number(node.number, node.is_int);
    case Kind::kBool:
      return node.boolean ? "True" : "False";
    case Kind::kNone:
      return "None";
    case Kind::kString: {
      const char quote = node.text.find('\'') == std::string::npos ? '\'' : '"';
      return quote + node.text + quote;
    }
    case Kind::kList: {
      std::string out;
      for (const ExprNode& item : node.items) {
        out += (out.empty() ? "" : ", ") + print(item, run_steps_code);
      }
      return "[" + out + "]";
    }
    case Kind::kCall:
      break;
  }
  return print_call(node, run_steps_code);
}

}  // namespace

std::string schedule_python(const TrainerConfig& config, const std::string& run_steps_code) {
  const std::string text = schedule_expression(config);
  if (text.empty()) return "";
  return print(parse_schedule(text), run_steps_code);
}

}  // namespace lrplay
