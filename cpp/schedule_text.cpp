// Form settings <-> PyTorch expression, through the settings table's PyTorch names.
#include "schedule_text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "make_scheduler.hpp"
#include "schedule_expr.hpp"
#include "schedule_syntax.hpp"
#include "text.hpp"

namespace lrplay {
namespace {

using Kind = ExprNode::Kind;

// One --scheduler as its PyTorch class: the settings that are its arguments, in PyTorch's order;
// the first `required` have no default in PyTorch.
// Constant data (no code runs to build it), as the settings table is.
struct ClassRow {
  SchedulerKind kind;
  const char* cls;
  std::initializer_list<const char*> keys;
  std::size_t required;
};

constexpr ClassRow kClassRows[] = {
    {SchedulerKind::kStep, "StepLR", {"step_size", "gamma"}, 1},
    {SchedulerKind::kExponential, "ExponentialLR", {"gamma"}, 1},
    {SchedulerKind::kPlateau,
     "ReduceLROnPlateau",
     {"mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr",
      "sched_eps"},
     0},
    {SchedulerKind::kCosine, "CosineAnnealingLR", {"t_max", "eta_min"}, 1},
    {SchedulerKind::kLinear, "LinearLR", {"start_factor", "end_factor", "total_iters"}, 0},
    {SchedulerKind::kMultiStep, "MultiStepLR", {"milestones", "gamma"}, 1},
    {SchedulerKind::kConstant, "ConstantLR", {"factor", "total_iters"}, 0},
    {SchedulerKind::kPoly, "PolynomialLR", {"total_iters", "power"}, 0},
    {SchedulerKind::kCosineRestarts,
     "CosineAnnealingWarmRestarts",
     {"t_0", "t_mult", "eta_min"},
     1},
    {SchedulerKind::kCyclic,
     "CyclicLR",
     {"base_lr", "max_lr", "step_size_up", "step_size_down", "mode", "gamma", "scale_mode",
      "cycle_momentum", "base_momentum", "max_momentum"},
     2},
    {SchedulerKind::kOneCycle,
     "OneCycleLR",
     {"max_lr", "total_steps", "pct_start", "anneal_strategy", "cycle_momentum", "base_momentum",
      "max_momentum", "div_factor", "final_div_factor", "three_phase"},
     1},
};

const ClassRow* row_of(SchedulerKind kind) {
  for (const auto& row : kClassRows) {
    if (row.kind == kind) return &row;
  }
  return nullptr;
}

const ClassRow* row_of(const std::string& cls) {
  for (const auto& row : kClassRows) {
    if (cls == row.cls) return &row;
  }
  return nullptr;
}

// A setting's current value as a Python literal of its kind.
std::string python_value(const Setting& s, const TrainerConfig& c) {
  const SettingValue v = s.load(c);
  switch (s.kind) {
    case SettingKind::kInt:
      return python_number(v.number, true);
    case SettingKind::kDouble:
      return python_number(v.number, false);
    case SettingKind::kBool:
      return v.number != 0 ? "True" : "False";
    case SettingKind::kChoice:
      return "'" + get_option(c, s.key) + "'";
    case SettingKind::kIntList:
    case SettingKind::kDoubleList: {
      std::string out;
      for (double n : v.numbers) {
        out += (out.empty() ? "" : ", ") + python_number(n, s.kind == SettingKind::kIntList);
      }
      return "[" + out + "]";
    }
    case SettingKind::kText:
      break;
  }
  return "'" + v.text + "'";
}

// "StepLR(step_size=30, gamma=0.5)": required arguments always, the others when not at PyTorch's
// default (the table's default under this scheduler), so the line stays short and reads like the
// lesson's code; PyTorch builds the same scheduler either way.
std::string call_text(const ClassRow& row, const TrainerConfig& c) {
  TrainerConfig defaults;
  set_option(defaults, "scheduler", to_string(row.kind));
  std::string args;
  for (std::size_t i = 0; i < row.keys.size(); ++i) {
    const Setting& s = *find_setting(row.keys.begin()[i]);
    if (i >= row.required && get_option(c, s.key) == get_option(defaults, s.key)) continue;
    args += (args.empty() ? "" : ", ") + std::string(s.pytorch_name) + "=" + python_value(s, c);
  }
  return std::string(row.cls) + "(" + args + ")";
}

// --- Expression -> form settings ------------------------------------------------------------

// A call's arguments by parameter name (positionals bound in order); None counts as left out.
std::map<std::string, const ExprNode*> bound(const ExprNode& call) {
  std::map<std::string, const ExprNode*> out;
  const ScheduleParams& params = *schedule_parameters(call.text);
  for (std::size_t i = 0; i < call.items.size(); ++i) out[params.begin()[i]] = &call.items[i];
  for (const auto& [key, value] : call.keywords) out[key] = &value;
  for (auto it = out.begin(); it != out.end();) {
    it = it->second->kind == Kind::kNone ? out.erase(it) : std::next(it);
  }
  return out;
}

// The value as set_option takes it ("30", "0.1", "true", "min", "30,80").
std::string setting_text(const ExprNode& n) {
  switch (n.kind) {
    case Kind::kNumber:
      return n.is_int ? std::to_string(static_cast<long long>(n.number)) : shortest_text(n.number);
    case Kind::kBool:
      return n.boolean ? "true" : "false";
    case Kind::kList: {
      std::string out;
      for (const ExprNode& item : n.items) out += (out.empty() ? "" : ",") + setting_text(item);
      return out;
    }
    default:
      return n.text;
  }
}

using Settings = std::vector<std::pair<std::string, std::string>>;

// No setting's refusal: schedule_form catches it and gives the form its reason in words.
[[noreturn]] void not_expressible(const std::string& why) { throw ConfigError(why); }

// The settings of one scheduler call, as set_option takes them: "scheduler", then each argument
// given (those left out keep PyTorch's default, which choosing the scheduler gives them).
Settings one_scheduler(const ExprNode& call) {
  const ClassRow* row = call.kind == Kind::kCall ? row_of(call.text) : nullptr;
  if (!row) not_expressible(call.text + " is not one of the form's schedulers");
  std::map<std::string, std::string> given;
  for (const auto& [name, node] : bound(call)) given[name] = setting_text(*node);
  given.erase("last_epoch");  // -1, as building checked
  given.erase("scale_fn");    // None, as building checked
  if (row->kind == SchedulerKind::kOneCycle) {
    // As building does: total_steps, else epochs * steps_per_epoch, else the run's steps.
    if (!given.count("total_steps") && given.count("epochs") && given.count("steps_per_epoch")) {
      given["total_steps"] =
          std::to_string(std::stoll(given["epochs"]) * std::stoll(given["steps_per_epoch"]));
    }
    given.erase("epochs");
    given.erase("steps_per_epoch");
  }
  Settings out = {{"scheduler", to_string(row->kind)}};
  for (const char* key : row->keys) {
    const Setting& s = *find_setting(key);
    const auto it = given.find(s.pytorch_name);
    if (it == given.end()) continue;
    // The form's 0 means None (step_size_down = step_size_up; total_steps = the run's steps).
    if (it->second == "0" &&
        (s.key == std::string("step_size_down") || s.key == std::string("total_steps"))) {
      not_expressible(it->first + "=0 has no field value (the field's 0 means None)");
    }
    out.emplace_back(key, it->second);
    given.erase(it);
  }
  if (!given.empty()) not_expressible(call.text + "'s " + given.begin()->first + " has no field");
  return out;
}

// SequentialLR([LinearLR(start_factor=s, total_iters=w), X], milestones=[w]) as --warmup builds it.
Settings warmup_schedulers(const ExprNode& call) {
  auto args = bound(call);
  const ExprNode* list = args.count("schedulers") ? args["schedulers"] : nullptr;
  const ExprNode* milestones = args.count("milestones") ? args["milestones"] : nullptr;
  if (!list || list->items.size() != 2 || !milestones || milestones->items.size() != 1 ||
      list->items[0].text != "LinearLR") {
    not_expressible("a SequentialLR other than a LinearLR warm-up before one scheduler");
  }
  auto warm = bound(list->items[0]);
  const int w = static_cast<int>(milestones->items[0].number);
  const double total = warm.count("total_iters") ? warm["total_iters"]->number : 5;
  const double end = warm.count("end_factor") ? warm["end_factor"]->number : 1.0;
  if (w < 1 || total != w || end != 1.0) {
    not_expressible("a warm-up must reach factor 1 after total_iters = its milestone");
  }
  Settings out = one_scheduler(list->items[1]);
  out.emplace_back("warmup", std::to_string(w));
  if (warm.count("start_factor")) {
    out.emplace_back("start_factor", setting_text(*warm["start_factor"]));
  }
  return out;
}

// Every call's scheduler choice under `node`, added to `out` once each (see ScheduleForm).
void collect_schedulers(const ExprNode& node, std::vector<std::string>& out) {
  if (node.kind == Kind::kCall) {
    const ClassRow* row = row_of(node.text);
    const std::string choice = row ? to_string(row->kind) : "";
    if (row && std::find(out.begin(), out.end(), choice) == out.end()) out.push_back(choice);
  }
  for (const ExprNode& item : node.items) collect_schedulers(item, out);
  for (const auto& keyword : node.keywords) collect_schedulers(keyword.second, out);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> scheduler_classes() {
  std::vector<std::pair<std::string, std::string>> classes;
  for (const ClassRow& row : kClassRows) classes.emplace_back(to_string(row.kind), row.cls);
  return classes;
}

std::string schedule_expression(const TrainerConfig& c) {
  if (!c.schedule.empty()) return c.schedule;
  const ClassRow* row = row_of(c.scheduler);
  if (!row) return "";  // none: PyTorch has no scheduler for a constant rate
  const std::string main = call_text(*row, c);
  if (c.warmup == 0) return main;
  // The warm-up names total_iters even at LinearLR's default 5: it is the milestone's twin.
  const std::string w = std::to_string(c.warmup);
  TrainerConfig defaults;
  const bool start_default = get_option(c, "start_factor") == get_option(defaults, "start_factor");
  const std::string start =
      start_default ? "" : "start_factor=" + python_value(*find_setting("start_factor"), c) + ", ";
  return "SequentialLR([LinearLR(" + start + "total_iters=" + w + "), " + main + "], milestones=[" +
         w + "])";
}

ScheduleForm schedule_form(const std::string& text) {
  // Build it first (a run's steps for OneCycleLR's total_steps): a bad expression throws the
  // parser's or the constructor's message with its column, as --schedule does.
  ParamGroup group;  // Adam's, as the trainer builds it by default
  group.lr = TrainerConfig{}.adam.lr;
  group.slot = MomentumSlot::kBeta1;
  group.momentum = TrainerConfig{}.adam.beta1;
  build_schedule(text, group, kMaxEpochs);
  const ExprNode root = parse_schedule(text);
  std::vector<std::string> schedulers;
  collect_schedulers(root, schedulers);
  ScheduleForm form;
  try {
    Settings settings = root.kind == Kind::kCall && root.text == "SequentialLR"
                            ? warmup_schedulers(root)
                            : one_scheduler(root);
    // The form's own checks (its ranges, increasing milestones): such a value is PyTorch's, and
    // stays the run's `schedule`.
    TrainerConfig config;
    for (const auto& [key, value] : settings) set_option(config, key, value);
    validate(config);
    // Every setting of the scheduler, at its default when left out, so the form shows the line.
    std::vector<std::string> keys = {"scheduler"};
    for (const char* key : row_of(config.scheduler)->keys) keys.push_back(key);
    keys.push_back("warmup");
    if (applies(*find_setting("warmup"), config)) keys.push_back("start_factor");
    for (const auto& key : keys) form.settings.emplace_back(key, get_option(config, key));
    form.settings.emplace_back("schedule", "");
    form.expressible = true;
  } catch (const ConfigError& e) {
    form = ScheduleForm{};
    form.reason = std::string("only expressible as schedule: ") + e.what();
  }
  form.schedulers = std::move(schedulers);
  return form;
}

}  // namespace lrplay
