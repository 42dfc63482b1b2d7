// The scheduler a TrainerConfig asks for, built on the optimizer's param group: one of the table's
// schedulers (with the --warmup shorthand), or the --schedule expression.
#pragma once

#include <memory>

#include "config.hpp"
#include "schedulers.hpp"

namespace lrplay {

// `group` holds the optimizer's lr and momentum or beta1 as the optimizer was built; `run_steps` is
// how many times the run will step the scheduler (OneCycleLR's default total_steps, and the least
// total_steps accepted); 0 when not known yet (then OneCycleLR's default is
// kOneCycleStepsWhileUnknown and the caller builds it again with the count). Throws
// ConfigError, naming the setting, for what PyTorch would refuse.
std::unique_ptr<LrSchedule> make_scheduler(const TrainerConfig& config, const ParamGroup& group,
                                           int run_steps);

// The optimizer's param_groups[0] as the trainer builds it: its rate, and SGD's momentum or Adam's
// betas[0], which CyclicLR and OneCycleLR cycle.
ParamGroup optimizer_group(const TrainerConfig& config);

// The same on Adam's group (lr, beta1) with one scheduler step per epoch.
std::unique_ptr<LrSchedule> make_scheduler(const TrainerConfig& config);

// Builds the config's scheduler to check its settings before the run's step count is known (the
// batches come with the data; `lrplay schedule` steps --steps times): what depends on the count is
// checked when the trainer or `schedule` builds it with the count.
void check_scheduler(const TrainerConfig& config);

// The scheduler steps a run of `epochs` epochs of `batches` optimizer steps each takes.
int scheduler_steps(const TrainerConfig& config, int batches_per_epoch);

// The scheduler steps one epoch of `batches` optimizer steps takes: one (scheduler_step epoch),
// else one after every optimizer step.
int scheduler_steps_per_epoch(const TrainerConfig& config, int batches_per_epoch);

}  // namespace lrplay
