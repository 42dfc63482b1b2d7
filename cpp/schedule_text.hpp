// The form's scheduler as a PyTorch expression and back: the page's "PyTorch line" and the
// scheduler line of the generated script. The expression is what --schedule accepts, e.g.
//   SequentialLR([LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=95)],
//                milestones=[5])
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "config.hpp"

namespace lrplay {

// What a --schedule expression is in the form's terms.
struct ScheduleForm {
  // True when the expression is one --scheduler (or a LinearLR warm-up + step/exp/cosine under
  // SequentialLR, as --warmup builds): `settings` then sets the form to the same scheduler.
  bool expressible = false;
  // Every scheduler setting of that scheduler, "scheduler" and "warmup" included, as set_option
  // takes them (the ones the expression leaves out at their PyTorch defaults), and schedule = "".
  std::vector<std::pair<std::string, std::string>> settings;
  // Why not, when not expressible ("only expressible as schedule: ...").
  std::string reason;
  // The --scheduler choice of every class the expression calls ("step", "plateau", ...), once
  // each, in the text's order; SequentialLR and ChainedScheduler, which are no choice, left out.
  // The settings table's applies_to then says which settings the expression's schedulers use.
  std::vector<std::string> schedulers;
};

// The config's scheduler as an expression with PyTorch's class and keyword names, the optimizer
// left out: the required arguments and those that differ from PyTorch's defaults, numbers in their
// shortest round-trip text. The config's `schedule` as written when set; "" for scheduler none.
std::string schedule_expression(const TrainerConfig& config);

// The form settings `text` equals. Throws ConfigError "schedule: column N: ..." when the text is
// not an expression PyTorch would build.
ScheduleForm schedule_form(const std::string& text);

// Every --scheduler choice with its PyTorch class ("step" -> "StepLR"), in the class table's
// order; none (no class) left out. The page names its scheduler choices with these.
std::vector<std::pair<std::string, std::string>> scheduler_classes();

// Python's text of a number: a float keeps a '.' or an exponent (1.0, not 1, which is an int).
std::string python_number(double value, bool is_int);

// The config's scheduler as Python for a script that has `optimizer` and imports lr_scheduler:
// every call gets `optimizer` first (ChainedScheduler takes none), and a OneCycleLR without
// total_steps (nor epochs and steps_per_epoch) gets total_steps=<run_steps_code>, the run's
// scheduler steps the core would use. "" for scheduler none. (schedule_python.cpp)
std::string schedule_python(const TrainerConfig& config, const std::string& run_steps_code);

}  // namespace lrplay
