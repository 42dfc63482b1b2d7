// --schedule: builds a scheduler tree from the Python a learner writes, e.g.
//   SequentialLR([LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=95)],
//                milestones=[5])
// with PyTorch's class and keyword names, numbers, True/False/None, strings and lists, and the
// optimizer argument left out. A small recursive-descent parser; nothing is ever evaluated as code.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "param_group.hpp"
#include "scheduler.hpp"

namespace lrplay {

// Parses `text` and builds its schedulers on `group` in Python's order (arguments before the call
// that takes them). `run_steps` is OneCycleLR's total_steps when the text gives neither total_steps
// nor epochs and steps_per_epoch (0: not known yet, see make_scheduler). Throws ConfigError
// "schedule: column N: ...".
std::unique_ptr<Scheduler> build_schedule(const std::string& text, ParamGroup& group,
                                          int run_steps = 0);

// Only checks the text's syntax (no group needed); throws as build_schedule() does.
void check_schedule_syntax(const std::string& text);

// PyTorch 2.6's parameters of scheduler class `cls` after the optimizer, in order; nullptr for a
// class the playground does not know.
using ScheduleParams = std::initializer_list<const char*>;
const ScheduleParams* schedule_parameters(const std::string& cls);

}  // namespace lrplay
