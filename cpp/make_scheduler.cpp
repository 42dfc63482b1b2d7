// TrainerConfig -> scheduler tree, built in the order a PyTorch script builds it.
#include "make_scheduler.hpp"

#include <limits>

#include "schedule_expr.hpp"
#include "text.hpp"

namespace lrplay {
namespace {

std::unique_ptr<Scheduler> make_one(const TrainerConfig& c, ParamGroup& g, int run_steps) {
  switch (c.scheduler) {
    case SchedulerKind::kStep:
      return std::make_unique<StepLR>(g, c.step_size, c.gamma);
    case SchedulerKind::kExponential:
      return std::make_unique<ExponentialLR>(g, c.gamma);
    case SchedulerKind::kPlateau:
      return std::make_unique<ReduceLROnPlateau>(g, c.plateau);
    case SchedulerKind::kCosine:
      return std::make_unique<CosineAnnealingLR>(g, c.t_max, c.eta_min);
    case SchedulerKind::kLinear:
      return std::make_unique<LinearLR>(g, c.start_factor, c.end_factor, c.total_iters);
    case SchedulerKind::kMultiStep:
      return std::make_unique<MultiStepLR>(g, c.milestones, c.gamma);
    case SchedulerKind::kConstant:
      return std::make_unique<ConstantLR>(g, c.constant_factor, c.total_iters);
    case SchedulerKind::kPoly:
      return std::make_unique<PolynomialLR>(g, c.total_iters, c.power);
    case SchedulerKind::kCosineRestarts:
      return std::make_unique<CosineAnnealingWarmRestarts>(g, c.t_0, c.t_mult, c.eta_min);
    case SchedulerKind::kCyclic:
      return std::make_unique<CyclicLR>(g, c.cyclic);
    case SchedulerKind::kOneCycle: {
      OneCycleOptions o = c.onecycle;
      if (o.total_steps == 0) use_run_steps(o, run_steps);
      return std::make_unique<OneCycleLR>(g, o);
    }
    case SchedulerKind::kNone:
      break;
  }
  return std::make_unique<NoScheduler>(g);
}

// PyTorch's OneCycleLR raises once stepped past total_steps: refuse such a run before it starts.
// Given in the PyTorch line, the refusal is the line's (as its other refusals are), and there the
// run's steps come from leaving total_steps out: the line takes no total_steps=0.
void check_total_steps(const Scheduler& s, int run_steps, bool in_line) {
  const auto* onecycle = dynamic_cast<const OneCycleLR*>(&s);
  if (onecycle && run_steps > 0 && onecycle->total_steps() < run_steps) {
    throw ConfigError(in_line ? "schedule" : "total_steps",
                      std::string(in_line ? "schedule: " : "") +
                          "total_steps = " + std::to_string(onecycle->total_steps()) +
                          " is not accepted: OneCycleLR would be stepped " + count_text(run_steps) +
                          " times in this run, and PyTorch raises past total_steps (" +
                          (in_line ? "leave total_steps out" : "leave total_steps at 0") +
                          " for the run's steps)");
  }
}

// Adam's param group as the trainer builds it.
ParamGroup adam_group(const TrainerConfig& c);

}  // namespace

std::unique_ptr<LrSchedule> make_scheduler(const TrainerConfig& c, const ParamGroup& group,
                                           int run_steps) {
  auto g = std::make_unique<ParamGroup>(group);
  std::unique_ptr<Scheduler> root;
  if (!c.schedule.empty()) {
    root = build_schedule(c.schedule, *g, run_steps);
  } else if (c.warmup == 0) {
    root = make_one(c, *g, run_steps);
  } else {
    // SequentialLR([LinearLR(start_factor, 1.0, warmup), main], milestones=[warmup]).
    SchedulerList schedulers;
    schedulers.push_back(std::make_unique<LinearLR>(*g, c.start_factor, 1.0, c.warmup));
    schedulers.push_back(make_one(c, *g, run_steps));
    root = std::make_unique<SequentialLR>(*g, std::move(schedulers), std::vector<int>{c.warmup});
  }
  check_total_steps(*root, run_steps, !c.schedule.empty());
  if (c.scheduler_step == SchedulerStep::kBatch && dynamic_cast<ReduceLROnPlateau*>(root.get())) {
    throw ConfigError(
        "scheduler_step",
        "scheduler_step = batch is not accepted with ReduceLROnPlateau: it steps once per epoch "
        "with the monitored metric; use epoch");
  }
  // Stepped after every optimizer step, and more than once an epoch, a step is no epoch: the
  // reasons count optimizer steps (one batch an epoch keeps epochs, as the page's timetable does).
  if (c.scheduler_step == SchedulerStep::kBatch && run_steps > c.epochs) {
    root->set_step_unit(StepUnit::kOptimizerStep);
  }
  return std::make_unique<LrSchedule>(std::move(g), std::move(root));
}

namespace {
ParamGroup adam_group(const TrainerConfig& c) {
  ParamGroup adam;
  adam.lr = c.adam.lr;
  adam.slot = MomentumSlot::kBeta1;
  adam.momentum = c.adam.beta1;
  return adam;
}

}  // namespace

std::unique_ptr<LrSchedule> make_scheduler(const TrainerConfig& c) {
  return make_scheduler(c, adam_group(c), scheduler_steps(c, 1));
}

void check_scheduler(const TrainerConfig& c) { make_scheduler(c, adam_group(c), 0); }

ParamGroup optimizer_group(const TrainerConfig& c) {
  ParamGroup group;
  group.lr = c.adam.lr;
  const bool sgd = c.optimizer == OptimizerKind::kSgd;
  group.slot = sgd ? MomentumSlot::kMomentum : MomentumSlot::kBeta1;
  group.momentum = sgd ? c.momentum : c.adam.beta1;
  return group;
}

int scheduler_steps(const TrainerConfig& c, int batches_per_epoch) {
  const long long steps =
      static_cast<long long>(c.epochs) * scheduler_steps_per_epoch(c, batches_per_epoch);
  // PyTorch counts in Python ints; here a run's steps are an int (OneCycleLR's total_steps).
  if (steps > std::numeric_limits<int>::max()) {
    throw ConfigError(
        "epochs", "epochs = " + std::to_string(c.epochs) + " of " +
                      count_of(batches_per_epoch, "optimizer step") +
                      " (scheduler_step = batch) make " + count_text(steps) +
                      " scheduler steps; at most " + count_text(std::numeric_limits<int>::max()) +
                      " are accepted: fewer epochs, a larger batch_size or scheduler_step = epoch");
  }
  return static_cast<int>(steps);
}

int scheduler_steps_per_epoch(const TrainerConfig& c, int batches_per_epoch) {
  return c.scheduler_step == SchedulerStep::kBatch ? batches_per_epoch : 1;
}

}  // namespace lrplay
