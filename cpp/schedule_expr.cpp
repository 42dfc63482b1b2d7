// Binds each call of a parsed --schedule expression to PyTorch 2.6's signature (positionals in
// order after the optimizer, then keywords) and builds the scheduler, children first.
#include "schedule_expr.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "schedule_syntax.hpp"
#include "schedulers.hpp"
#include "text.hpp"

namespace lrplay {
namespace {

using Kind = ExprNode::Kind;

std::unique_ptr<Scheduler> build(ExprNode& call, ParamGroup& group, int run_steps);

// Builds every call inside `node` (but not `node` itself), left to right as Python evaluates them.
void build_nested(ExprNode& node, ParamGroup& group, int run_steps) {
  for (ExprNode& item : node.items) {
    if (item.kind == Kind::kCall)
      item.built = build(item, group, run_steps);
    else
      build_nested(item, group, run_steps);
  }
  for (auto& [key, value] : node.keywords) {
    if (value.kind == Kind::kCall)
      value.built = build(value, group, run_steps);
    else
      build_nested(value, group, run_steps);
  }
}

// One call's arguments bound to the parameter names of its class.
class Args {
 public:
  Args(ExprNode& call, ScheduleParams params) : call_(call), params_(params) {
    if (call.items.size() > params.size()) {
      schedule_error(call.items[params.size()].column,
                     call.text + " takes at most " + count_text(params.size()) +
                         " arguments besides the optimizer: " + list());
    }
    for (std::size_t i = 0; i < call.items.size(); ++i) bound_[params.begin()[i]] = &call.items[i];
    for (auto& [key, value] : call.keywords) {
      if (std::find(params.begin(), params.end(), key) == params.end()) {
        schedule_error(value.column,
                       call.text + " has no parameter " + key + "; it takes " + list());
      }
      if (bound_.count(key)) {
        schedule_error(value.column, call.text + " got two values for " + key);
      }
      bound_[key] = &value;
    }
    if (const ExprNode* last = get("last_epoch")) {
      if (last->kind != Kind::kNumber || last->number != -1) {
        schedule_error(last->column, "last_epoch must be -1: resuming a run is not supported");
      }
    }
  }

  int column() const { return call_.column; }
  const ExprNode* get(const std::string& key) const {
    const auto it = bound_.find(key);
    return it == bound_.end() || it->second->kind == Kind::kNone ? nullptr : it->second;
  }
  const ExprNode& required(const std::string& key) const {
    if (const ExprNode* n = get(key)) return *n;
    schedule_error(call_.column, call_.text + " needs " + key);
  }
  int integer(const std::string& key, int fallback) const {
    const ExprNode* n = get(key);
    return n ? integer_of(*n, key) : fallback;
  }
  int integer_of(const ExprNode& n, const std::string& key) const {
    if (n.kind != Kind::kNumber || !n.is_int) type_error(n, key, "a whole number such as 30");
    return static_cast<int>(n.number);
  }
  // OneCycleLR's epochs * steps_per_epoch, each a positive int as PyTorch's constructor checks
  // ("Expected positive integer epochs, but got ..."), the product within an int as total_steps.
  int total_steps_of_epochs() const {
    long long product = 1;
    for (const char* key : {"epochs", "steps_per_epoch"}) {
      const ExprNode& n = required(key);
      const int value = integer_of(n, key);
      if (value <= 0) {
        schedule_error(n.column, "OneCycleLR's " + std::string(key) +
                                     " must be a positive whole number, not " +
                                     std::to_string(value));
      }
      product *= value;
    }
    if (product > std::numeric_limits<int>::max()) {
      schedule_error(call_.column, "OneCycleLR's epochs * steps_per_epoch = " +
                                       count_text(product) + " is too many steps (at most " +
                                       count_text(std::numeric_limits<int>::max()) + ")");
    }
    return static_cast<int>(product);
  }
  double real(const std::string& key, double fallback) const {
    const ExprNode* n = get(key);
    return n ? real_of(*n, key) : fallback;
  }
  double real_of(const ExprNode& n, const std::string& key) const {
    if (n.kind != Kind::kNumber) type_error(n, key, "a number such as 0.1");
    return n.number;
  }
  bool boolean(const std::string& key, bool fallback) const {
    const ExprNode* n = get(key);
    if (!n) return fallback;
    if (n->kind != Kind::kBool) type_error(*n, key, "True or False");
    return n->boolean;
  }
  std::string text(const std::string& key, const std::string& fallback) const {
    const ExprNode* n = get(key);
    if (!n) return fallback;
    if (n->kind != Kind::kString) type_error(*n, key, "a string such as '" + fallback + "'");
    return n->text;
  }
  std::vector<int> integers(const std::string& key) const {
    const ExprNode& n = required(key);
    if (n.kind != Kind::kList) type_error(n, key, "a list of whole numbers such as [30, 80]");
    std::vector<int> out;
    for (const ExprNode& item : n.items) out.push_back(integer_of(item, key));
    return out;
  }
  SchedulerList schedulers(const std::string& key) const {
    const ExprNode& n = required(key);
    if (n.kind != Kind::kList) type_error(n, key, "a list of schedulers");
    SchedulerList out;
    for (ExprNode& item : const_cast<ExprNode&>(n).items) {
      if (!item.built) type_error(item, key, "a list of schedulers");
      out.push_back(std::move(item.built));
    }
    return out;
  }

 private:
  [[noreturn]] void type_error(const ExprNode& n, const std::string& key,
                               const std::string& accepted) const {
    schedule_error(n.column, call_.text + "'s " + key + " must be " + accepted);
  }
  std::string list() const {
    std::string out;
    for (const char* p : params_) out += (out.empty() ? "" : ", ") + std::string(p);
    return out;
  }

  ExprNode& call_;
  ScheduleParams params_;
  std::map<std::string, const ExprNode*> bound_;
};

// PyTorch 2.6's parameters after the optimizer, in order; classes in alphabetical order (the
// error message lists them so). Constant data: built at run time as a std::map of std::vectors it
// was ~3 KB of the wasm's gzip.
struct Signature {
  const char* cls;
  ScheduleParams params;
};
constexpr Signature kSignatures[] = {
    {"ChainedScheduler", {"schedulers", "optimizer"}},
    {"ConstantLR", {"factor", "total_iters", "last_epoch"}},
    {"CosineAnnealingLR", {"T_max", "eta_min", "last_epoch"}},
    {"CosineAnnealingWarmRestarts", {"T_0", "T_mult", "eta_min", "last_epoch"}},
    {"CyclicLR",
     {"base_lr", "max_lr", "step_size_up", "step_size_down", "mode", "gamma", "scale_fn",
      "scale_mode", "cycle_momentum", "base_momentum", "max_momentum", "last_epoch"}},
    {"ExponentialLR", {"gamma", "last_epoch"}},
    {"LinearLR", {"start_factor", "end_factor", "total_iters", "last_epoch"}},
    {"MultiStepLR", {"milestones", "gamma", "last_epoch"}},
    {"OneCycleLR",
     {"max_lr", "total_steps", "epochs", "steps_per_epoch", "pct_start", "anneal_strategy",
      "cycle_momentum", "base_momentum", "max_momentum", "div_factor", "final_div_factor",
      "three_phase", "last_epoch"}},
    {"PolynomialLR", {"total_iters", "power", "last_epoch"}},
    {"ReduceLROnPlateau",
     {"mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr", "eps"}},
    {"SequentialLR", {"schedulers", "milestones", "last_epoch"}},
    {"StepLR", {"step_size", "gamma", "last_epoch"}},
};

std::string choice(const Args& a, const std::string& key, const std::string& fallback,
                   const std::vector<std::string>& accepted) {
  const std::string value = a.text(key, fallback);
  if (std::find(accepted.begin(), accepted.end(), value) != accepted.end()) return value;
  std::string list;
  for (const auto& s : accepted) list += (list.empty() ? "'" : ", '") + s + "'";
  schedule_error(a.required(key).column, key + " must be one of " + list);
}

std::unique_ptr<Scheduler> construct(const std::string& cls, const Args& a, ParamGroup& g,
                                     int run_steps) {
  if (cls == "StepLR") {
    return std::make_unique<StepLR>(g, a.integer_of(a.required("step_size"), "step_size"),
                                    a.real("gamma", 0.1));
  }
  if (cls == "MultiStepLR") {
    return std::make_unique<MultiStepLR>(g, a.integers("milestones"), a.real("gamma", 0.1));
  }
  if (cls == "ConstantLR") {
    return std::make_unique<ConstantLR>(g, a.real("factor", 1.0 / 3), a.integer("total_iters", 5));
  }
  if (cls == "LinearLR") {
    return std::make_unique<LinearLR>(g, a.real("start_factor", 1.0 / 3), a.real("end_factor", 1.0),
                                      a.integer("total_iters", 5));
  }
  if (cls == "ExponentialLR") {
    return std::make_unique<ExponentialLR>(g, a.real_of(a.required("gamma"), "gamma"));
  }
  if (cls == "PolynomialLR") {
    return std::make_unique<PolynomialLR>(g, a.integer("total_iters", 5), a.real("power", 1.0));
  }
  if (cls == "CosineAnnealingLR") {
    return std::make_unique<CosineAnnealingLR>(g, a.integer_of(a.required("T_max"), "T_max"),
                                               a.real("eta_min", 0.0));
  }
  if (cls == "CosineAnnealingWarmRestarts") {
    return std::make_unique<CosineAnnealingWarmRestarts>(
        g, a.integer_of(a.required("T_0"), "T_0"), a.integer("T_mult", 1), a.real("eta_min", 0.0));
  }
  if (cls == "CyclicLR") {
    if (const ExprNode* fn = a.get("scale_fn")) {
      schedule_error(fn->column, "CyclicLR's scale_fn must be None: choose a mode instead");
    }
    CyclicOptions o;
    o.base_lr = a.real_of(a.required("base_lr"), "base_lr");
    o.max_lr = a.real_of(a.required("max_lr"), "max_lr");
    o.step_size_up = a.integer("step_size_up", o.step_size_up);
    if (a.get("step_size_down")) o.step_size_down = a.integer("step_size_down", 0);
    o.mode = choice(a, "mode", o.mode, {"triangular", "triangular2", "exp_range"});
    o.gamma = a.real("gamma", o.gamma);
    o.scale_mode = choice(a, "scale_mode", o.scale_mode, {"cycle", "iterations"});
    o.cycle_momentum = a.boolean("cycle_momentum", o.cycle_momentum);
    o.base_momentum = a.real("base_momentum", o.base_momentum);
    o.max_momentum = a.real("max_momentum", o.max_momentum);
    return std::make_unique<CyclicLR>(g, o);
  }
  if (cls == "OneCycleLR") {
    OneCycleOptions o;
    o.max_lr = a.real_of(a.required("max_lr"), "max_lr");
    if (a.get("total_steps")) {
      o.total_steps = a.integer("total_steps", 0);
    } else if (a.get("epochs") && a.get("steps_per_epoch")) {
      o.total_steps = a.total_steps_of_epochs();
    } else {
      // The run's steps, as the issue's --schedule promises (PyTorch needs them written out).
      use_run_steps(o, run_steps);
    }
    if (const ExprNode* pct = a.get("pct_start")) {
      // PyTorch checks isinstance(pct_start, float): 1 is refused where 1.0 is accepted.
      if (pct->kind != Kind::kNumber || pct->is_int) {
        schedule_error(pct->column, "OneCycleLR's pct_start must be a float such as 0.3");
      }
      o.pct_start = pct->number;
    }
    o.anneal_strategy = choice(a, "anneal_strategy", o.anneal_strategy, {"cos", "linear"});
    o.cycle_momentum = a.boolean("cycle_momentum", o.cycle_momentum);
    o.base_momentum = a.real("base_momentum", o.base_momentum);
    o.max_momentum = a.real("max_momentum", o.max_momentum);
    o.div_factor = a.real("div_factor", o.div_factor);
    o.final_div_factor = a.real("final_div_factor", o.final_div_factor);
    o.three_phase = a.boolean("three_phase", o.three_phase);
    return std::make_unique<OneCycleLR>(g, o);
  }
  if (cls == "ReduceLROnPlateau") {
    PlateauOptions o;
    o.mode_max = choice(a, "mode", "min", {"min", "max"}) == "max";
    o.factor = a.real("factor", o.factor);
    o.patience = a.integer("patience", o.patience);
    o.threshold = a.real("threshold", o.threshold);
    o.threshold_abs = choice(a, "threshold_mode", "rel", {"rel", "abs"}) == "abs";
    o.cooldown = a.integer("cooldown", o.cooldown);
    o.min_lr = a.real("min_lr", o.min_lr);
    o.eps = a.real("eps", o.eps);
    return std::make_unique<ReduceLROnPlateau>(g, o);
  }
  if (cls == "SequentialLR") {
    return std::make_unique<SequentialLR>(g, a.schedulers("schedulers"), a.integers("milestones"));
  }
  return std::make_unique<ChainedScheduler>(g, a.schedulers("schedulers"));
}

std::unique_ptr<Scheduler> build(ExprNode& call, ParamGroup& group, int run_steps) {
  const ScheduleParams* params = schedule_parameters(call.text);
  if (!params) {
    std::string known;
    for (const Signature& s : kSignatures)
      known += (known.empty() ? "" : ", ") + std::string(s.cls);
    schedule_error(call.column, call.text + " is not a scheduler this playground knows: " + known);
  }
  build_nested(call, group, run_steps);
  const Args args(call, *params);
  try {
    return construct(call.text, args, group, run_steps);
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    if (what.rfind("schedule:", 0) == 0) throw;
    schedule_error(call.column, call.text + ": " + what);
  }
}

}  // namespace

std::unique_ptr<Scheduler> build_schedule(const std::string& text, ParamGroup& group,
                                          int run_steps) {
  ExprNode root = parse_schedule(text);
  return build(root, group, run_steps);
}

void check_schedule_syntax(const std::string& text) { parse_schedule(text); }

const ScheduleParams* schedule_parameters(const std::string& cls) {
  for (const Signature& s : kSignatures) {
    if (cls == s.cls) return &s.params;
  }
  return nullptr;
}

}  // namespace lrplay
