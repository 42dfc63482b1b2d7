// SequentialLR.__init__ / step() and ChainedScheduler.step() of torch/optim/lr_scheduler.py (2.6).
#include "sched_compose.hpp"

#include <algorithm>

#include "sched_plateau.hpp"
#include "text.hpp"

namespace lrplay {
namespace {

void check_children(const SchedulerList& schedulers, const std::string& owner) {
  if (schedulers.empty()) throw ConfigError(owner + " needs at least one scheduler");
  for (std::size_t i = 0; i < schedulers.size(); ++i) {
    if (dynamic_cast<const ReduceLROnPlateau*>(schedulers[i].get())) {
      throw ConfigError(owner + " does not take ReduceLROnPlateau (scheduler " +
                        std::to_string(i + 1) + "): its step() needs the metric");
    }
  }
}

bool any_cycles_momentum(const SchedulerList& schedulers) {
  return std::any_of(schedulers.begin(), schedulers.end(),
                     [](const auto& s) { return s->cycles_momentum(); });
}

}  // namespace

SequentialLR::SequentialLR(ParamGroup& group, SchedulerList schedulers, std::vector<int> milestones)
    : Scheduler(group), schedulers_(std::move(schedulers)), milestones_(std::move(milestones)) {
  check_children(schedulers_, "SequentialLR");
  if (milestones_.size() + 1 != schedulers_.size()) {
    throw ConfigError("SequentialLR needs one milestone fewer than schedulers: " +
                      count_of(schedulers_.size(), "scheduler") + " and " +
                      count_of(milestones_.size(), "milestone"));
  }
  for (std::size_t i = 0; i < milestones_.size(); ++i) {
    check_range("milestones", milestones_[i], 1, std::numeric_limits<double>::infinity());
    if (i > 0 && milestones_[i] <= milestones_[i - 1]) {
      throw ConfigError("SequentialLR's milestones must be increasing (" +
                        std::to_string(milestones_[i]) + " follows " +
                        std::to_string(milestones_[i - 1]) + ")");
    }
  }
  for (std::size_t i = 1; i < schedulers_.size(); ++i) {
    const Scheduler* s = schedulers_[i].get();
    if (dynamic_cast<const SequentialLR*>(s) || dynamic_cast<const ChainedScheduler*>(s)) {
      const std::string name(s->name());
      throw ConfigError("SequentialLR cannot switch to a " + name + " (scheduler " +
                        std::to_string(i + 1) + "): PyTorch calls its step(0), which " + name +
                        " does not take");
    }
  }
  if (!group_.initial_lr) throw ConfigError("SequentialLR: no scheduler set initial_lr");
  last_epoch_ = 0;
  group_.lr = *group_.initial_lr;
  for (auto& s : schedulers_) s->undo();
  schedulers_[0]->initial_step();
}

bool SequentialLR::cycles_momentum() const { return any_cycles_momentum(schedulers_); }

void SequentialLR::set_step_unit(StepUnit unit) {
  Scheduler::set_step_unit(unit);
  for (auto& s : schedulers_) s->set_step_unit(unit);
}

void SequentialLR::undo() {
  for (auto& s : schedulers_) s->undo();
}

void SequentialLR::step_epoch(std::optional<int>) {
  ++last_epoch_;
  const auto idx =
      std::upper_bound(milestones_.begin(), milestones_.end(), last_epoch_) - milestones_.begin();
  Scheduler& s = *schedulers_[idx];
  active_ = static_cast<std::size_t>(idx);
  handed_over_ = idx > 0 && milestones_[idx - 1] == last_epoch_;
  if (handed_over_) {
    last_ = SchedulerEvent{};
    last_.lr_before = group_.lr;
    s.step_epoch(0);
    last_.lr_after = group_.lr;
    last_.kind = !last_.changed()                   ? EventKind::kNone
                 : schedulers_[idx - 1]->warms_up() ? EventKind::kWarmUpEnd
                                                    : EventKind::kHandOver;
    last_.actors.push_back(s.name());
  } else {
    last_ = step_child(s);
  }
}

void SequentialLR::explain(SchedulerEvent& event) const {
  event.kind = event.changed() ? change_kind() : EventKind::kNone;
  event.actors = last_.actors;
}

std::string SequentialLR::reason(const SchedulerEvent& event, StepSaid& said) const {
  if (!handed_over_) return schedulers_[active_]->reason(last_, said);
  std::string text = std::string(schedulers_[active_]->name()) + " takes over from " +
                     std::string(schedulers_[active_ - 1]->name()) +
                     " at SequentialLR's milestone " + std::to_string(last_epoch_);
  // First in another SequentialLR, its count is ahead of the run's: PyTorch's outer one runs its
  // first scheduler's _initial_step() again as it is built.
  if (offset_ != 0) {
    text += ", the run's " + std::string(position_word()) + " " +
            std::to_string(last_epoch_ + offset_) +
            " (an outer SequentialLR's start stepped its count ahead)";
  }
  return text + ", starting again from its " + position_word() + " 0 (rate " +
         number_text(event.lr_after) + ")";
}

ChainedScheduler::ChainedScheduler(ParamGroup& group, SchedulerList schedulers)
    : Scheduler(group), schedulers_(std::move(schedulers)) {
  check_children(schedulers_, "ChainedScheduler");
  last_epoch_ = 0;  // PyTorch's ChainedScheduler has no last_epoch; this counts its steps
}

bool ChainedScheduler::cycles_momentum() const { return any_cycles_momentum(schedulers_); }

void ChainedScheduler::set_step_unit(StepUnit unit) {
  Scheduler::set_step_unit(unit);
  for (auto& s : schedulers_) s->set_step_unit(unit);
}

void ChainedScheduler::undo() {
  for (auto& s : schedulers_) s->undo();
}

void ChainedScheduler::step_epoch(std::optional<int>) {
  ++last_epoch_;
  last_.clear();
  for (auto& s : schedulers_) last_.push_back(step_child(*s));
}

EventKind ChainedScheduler::change_kind() const {
  EventKind kind = EventKind::kNone;
  for (const SchedulerEvent& e : last_) {
    if (e.changed()) kind = stronger(kind, e.kind);
  }
  return kind;
}

void ChainedScheduler::explain(SchedulerEvent& event) const {
  // The children's moves may cancel out: then nothing happened to the rate.
  event.kind = event.changed() ? change_kind() : EventKind::kNone;
  event.actors.clear();
  for (const SchedulerEvent& e : last_) {
    if (e.changed()) event.actors.append(e.actors);
  }
  if (event.actors.empty()) event.actors.push_back(name());
}

// The reasons of the children that moved the rate, joined; the step said is the last said (the
// one that ends the joined reason when several say theirs, as a single child's ends its own).
std::string ChainedScheduler::reason(const SchedulerEvent&, StepSaid& said) const {
  std::string text;
  for (std::size_t i = 0; i < last_.size(); ++i) {
    if (!last_[i].changed()) continue;
    StepSaid own;
    const std::string r = schedulers_[i]->reason(last_[i], own);
    if (r.empty()) continue;
    if (!text.empty()) text += "; ";
    if (own.at != std::string::npos) {
      said = own;
      said.at += text.size();
    }
    text += r;
  }
  return text;
}

}  // namespace lrplay
