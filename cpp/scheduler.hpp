// The base of every learning-rate scheduler: torch.optim.lr_scheduler.LRScheduler's construction
// and step() (PyTorch 2.6), acting on a shared ParamGroup. Rates are doubles, as Python floats are.
// Each step also says which scheduler acted and why, so a page can explain every change.
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "param_group.hpp"

namespace lrplay {

// Thrown for a parameter PyTorch rejects or that has no meaning; names the parameter and the range.
// `setting` is the key of the setting refused (a run setting's or the range test's), so the page
// marks that field without reading the message; empty when the refusal is about no one setting.
struct ConfigError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
  ConfigError(std::string setting_key, const std::string& message)
      : std::invalid_argument(message), setting(std::move(setting_key)) {}
  std::string setting;
};

// What one step() is in a run, for the reasons' words. PyTorch's last_epoch counts step() calls
// whatever they are: a run that steps the scheduler after every optimizer step (OneCycleLR's way,
// or any scheduler in the batch loop) counts its step_size, T_max or total_iters in optimizer
// steps, and its reasons say so ("every 30 optimizer steps (step 30)", not "(epoch 30)").
enum class StepUnit { kEpoch, kOptimizerStep };

// What one step did to the rate, as a learner should see it: a discrete event (a stair on the rate
// chart, counted, put in words) or one step along a smooth schedule (a line, not counted). Each
// class decides for its own steps (Scheduler::change_kind), SequentialLR for its hand-overs and
// ChainedScheduler from its children. Ordered by how much it matters to see: of two kinds in one
// step (a chain's children, a per-batch epoch's steps), the later one is the step's (stronger()).
enum class EventKind : int {
  kNone,        // the rate stays
  kSkippedCut,  // ReduceLROnPlateau would cut, but eps (or min_lr) keeps the rate
  kContinuous,  // one step of a smooth schedule: ExponentialLR, CosineAnnealingLR, LinearLR's
                // ramp, PolynomialLR, the warm restarts' cosine, CyclicLR, OneCycleLR
  kDiscrete,    // a step change by rule: StepLR, MultiStepLR, ConstantLR's end, a plateau cut
  kRestart,     // CosineAnnealingWarmRestarts back at its base rate
  kHandOver,    // SequentialLR hands the rate to its next scheduler at a milestone
  kWarmUpEnd,   // the same, from a LinearLR that warmed the rate up
};
inline constexpr int kEventKinds = static_cast<int>(EventKind::kWarmUpEnd) + 1;

inline EventKind stronger(EventKind a, EventKind b) { return a < b ? b : a; }

// "epoch" or "step": the word before a position in a reason ("(step 30)", "for epoch 2 of 5").
inline const char* position_word(StepUnit unit) {
  return unit == StepUnit::kEpoch ? "epoch" : "step";
}

// A change a learner sees as one event, not as a step along a curve.
inline bool is_discrete(EventKind kind) { return kind >= EventKind::kDiscrete; }

// The PyTorch classes that set the rate in one step, in order, duplicates kept (a ChainedScheduler
// may hold two StepLRs). The names are the classes' own static text (Scheduler::name()). A step
// has one actor, or a few in a chain: the first kInline are held in place, so an event is made,
// copied and kept in an epoch's record without a heap allocation; the rest, of a longer chain,
// are copied into strings (a vector<string>, which the wasm has already, rather than new code).
class Actors {
 public:
  Actors() = default;
  Actors(std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) push_back(name);
  }

  void push_back(std::string_view name);
  void append(const Actors& more);
  void clear() {
    size_ = 0;
    more_.clear();
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::string_view operator[](std::size_t i) const {
    return i < kInline ? inline_[i] : std::string_view(more_[i - kInline]);
  }

  friend bool operator==(const Actors& a, const Actors& b);
  friend bool operator!=(const Actors& a, const Actors& b) { return !(a == b); }

 private:
  static constexpr std::size_t kInline = 4;
  std::array<std::string_view, kInline> inline_{};
  std::size_t size_ = 0;
  std::vector<std::string> more_;  // the names past the first kInline
};

// Where an event's reason says the step it happened at, as ending_at_step() writes it at the end
// of a scheduler's reason (" (step 30)"; behind a SequentialLR milestone " (step 13, its step 10
// since it took over at step 3)"; with the scheduler's length, " (epoch 7 of 20)"), kept as
// numbers: an epoch of several discrete events whose reasons differ only there is said once from
// them (epoch_reason), and the reason is said again without the run's epoch where its reader has
// said it (reason_after_epoch), by the code that wrote each.
struct StepSaid {
  std::size_t at = std::string::npos;  // where the words start in the reason; npos: none said
  std::size_t length = 0;
  long long position = 0;  // the run's step (or epoch)
  long long offset = 0;    // the run's steps before its scheduler's step 0: its own is the rest
  long long of = 0;        // the scheduler's length said with its own count ("of 20"); 0: none
};

struct SchedulerEvent {
  int epoch = 0;                 // the stepped scheduler's last_epoch after this step
  double lr_before = 0.0;        // the rate this step trained with
  double lr_after = 0.0;         // the rate the next step will train with
  double momentum_before = 0.0;  // SGD's momentum or Adam's beta1, which cycling schedulers write
  double momentum_after = 0.0;
  EventKind kind = EventKind::kNone;
  // The PyTorch classes that set the rate: one (LinearLR during a SequentialLR warm-up), or each
  // of a ChainedScheduler's that moved it (its own name when none did).
  Actors actors;
  std::string reason;  // why the rate changed, or why it did not; empty when nothing to say
  StepSaid said;       // where the reason says its step, if it does

  bool changed() const { return lr_after != lr_before; }
  // A discrete event that lowers the rate: what a timetable's cuts are.
  bool cut() const { return is_discrete(kind) && lr_after < lr_before; }
  // One that raises it (a warm restart, ConstantLR's end, a warm-up's end): a timetable's rises.
  bool rise() const { return is_discrete(kind) && lr_after > lr_before; }
};

// What a scheduler knows between steps. The plateau fields are NaN / 0 for the others.
struct SchedulerState {
  int last_epoch = 0;
  double best = std::numeric_limits<double>::quiet_NaN();
  int num_bad_epochs = 0;
  int cooldown_counter = 0;
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // One scheduler.step() on the group; `metric` is read only by ReduceLROnPlateau.
  SchedulerEvent step(double metric = 0.0) {
    SchedulerEvent event = step_unsaid(metric);
    say(event);
    return event;
  }
  // step() but its reason: the event's rates, kind and actors. For a caller that reads few of
  // its steps' reasons (a per-batch epoch: its discrete events' and its last step's; a
  // timetable: none), which say() puts in words when read.
  SchedulerEvent step_unsaid(double metric);
  // Sets the reason of `event`, this scheduler's latest step (from step_unsaid), and where it
  // says its step.
  void say(SchedulerEvent& event) const { event.reason = reason(event, event.said); }
  // The same after setting the group's rate to `lr` (a caller that keeps the rate elsewhere).
  SchedulerEvent step(double lr, double metric) {
    group_.lr = lr;
    return step(metric);
  }

  // The PyTorch class name, static text: naming the actors of every step allocates nothing.
  virtual std::string_view name() const = 0;
  virtual SchedulerState state() const { return {last_epoch_}; }
  // PyTorch's _get_closed_form_lr() with last_epoch = epoch (the rate from the base rate alone),
  // for the classes that have one; what step(epoch) uses, e.g. at a SequentialLR milestone.
  virtual std::optional<double> closed_form(int epoch) const {
    (void)epoch;
    return std::nullopt;
  }
  virtual bool cycles_momentum() const { return false; }
  // What one step() is, for the reasons (an epoch unless set); SequentialLR and ChainedScheduler
  // pass it to their schedulers.
  virtual void set_step_unit(StepUnit unit) { unit_ = unit; }
  StepUnit step_unit() const { return unit_; }
  const ParamGroup& group() const { return group_; }
  int last_epoch() const { return last_epoch_; }

 protected:
  explicit Scheduler(ParamGroup& group) : group_(group) {}

  // LRScheduler.__init__(last_epoch=-1), run after the subclass's own checks and group writes:
  // group.setdefault("initial_lr", lr), base_lrs from it, then _initial_step().
  void attach();
  // LRScheduler.step(epoch): the chainable get_lr() without an epoch; with one, last_epoch = epoch
  // and the closed form where the class has one.
  virtual void step_epoch(std::optional<int> epoch);
  // The chainable rate for the new last_epoch (may write the group's momentum, as PyTorch's does).
  virtual double get_lr() { return group_.lr; }
  // What one public step() does: ReduceLROnPlateau reads the metric, the others step_epoch().
  virtual void advance(double metric) {
    (void)metric;
    step_epoch(std::nullopt);
  }
  // LRScheduler._initial_step(), which SequentialLR calls again on its first scheduler.
  virtual void initial_step() {
    step_count_ = 0;
    step_epoch(std::nullopt);
  }
  // SequentialLR.recursive_undo() for this scheduler.
  virtual void undo() { --last_epoch_; }
  // Sets event.kind and event.actors for the step that just ran.
  virtual void explain(SchedulerEvent& event) const {
    event.kind = event.changed() ? change_kind() : unchanged_kind();
    event.actors.clear();
    event.actors.push_back(name());
  }
  // What a change of the rate by this step is: each class knows whether its changes are discrete
  // or steps along a smooth curve (CosineAnnealingWarmRestarts: a restart or not).
  virtual EventKind change_kind() const = 0;
  // What a step that kept the rate is (ReduceLROnPlateau: maybe a skipped cut).
  virtual EventKind unchanged_kind() const { return EventKind::kNone; }
  // Whether this scheduler raises the rate toward its base (a LinearLR warm-up): SequentialLR's
  // hand-over from it ends a warm-up.
  virtual bool warms_up() const { return false; }
  // Why the step that just ran (`event`, explained) changed the rate, or why it did not. Starts
  // with the class name and a verb: reason_after_epoch turns "StepLR multiplies" into "it
  // multiplies". One that ends with the step's position (ending_at_step) says where in `said`.
  virtual std::string reason(const SchedulerEvent& event, StepSaid& said) const {
    (void)event;
    (void)said;
    return "";
  }

  // A length in this scheduler's steps, as counted ("30 epochs", "1,500 optimizer steps") or as a
  // setting echoed (as_typed: "T_max = 1500 epochs").
  std::string steps_text(long long count, bool as_typed = false) const;
  // `head` and the position of the step that just ran in parentheses (" (step 30)", with `of`
  // " (step 7 of 20)": position_text), the reason of a step said at its position, and where that
  // is in `said`.
  std::string ending_at_step(std::string head, StepSaid& said, long long of = 0) const;
  // A position in this scheduler's own count ("epoch 30", "epoch 4 of 95" with `of`). One that
  // took over at a SequentialLR milestone counts from 0 again there (PyTorch calls its step(0)), so
  // the run's position comes first: "epoch 10, its epoch 7 since it took over at epoch 3".
  std::string position_text(long long position, long long of = 0) const;
  // Steps a child of SequentialLR or ChainedScheduler, telling it how far its count is behind the
  // run's (this scheduler's own offset_ and last_epoch_, already stepped, give the run's).
  // Its reason is the parent's to ask for (reason()), when it is read.
  SchedulerEvent step_child(Scheduler& child) const {
    child.offset_ = offset_ + last_epoch_ - (child.last_epoch_ + 1);
    return child.step_unsaid(0.0);
  }
  // "epoch" or "step": the word before a position ("for epoch 2 of 5").
  const char* position_word() const { return lrplay::position_word(unit_); }

  ParamGroup& group_;
  StepUnit unit_ = StepUnit::kEpoch;
  double base_lr_ = 0.0;  // base_lrs[0]
  int last_epoch_ = -1;
  int step_count_ = 0;
  // The run's steps before this scheduler's step 0: the run's position is last_epoch_ + offset_.
  // Set by step_child: 0 but behind a SequentialLR milestone (or -1 for a SequentialLR first in
  // another, which the outer one's initial step steps once more).
  long long offset_ = 0;

  friend class SequentialLR;
  friend class ChainedScheduler;
};

// A scheduler tree and the param group it acts on, owned together: what make_scheduler() returns.
class LrSchedule {
 public:
  LrSchedule(std::unique_ptr<ParamGroup> group, std::unique_ptr<Scheduler> root)
      : group_(std::move(group)), root_(std::move(root)) {}

  SchedulerEvent step(double metric) { return root_->step(metric); }
  SchedulerEvent step(double lr, double metric) { return root_->step(lr, metric); }
  SchedulerEvent step_unsaid(double metric) { return root_->step_unsaid(metric); }
  void say(SchedulerEvent& event) const { root_->say(event); }
  const ParamGroup& group() const { return *group_; }
  // The rate the first step trains with: what the constructors left in param_groups[0]["lr"].
  double initial_lr() const { return group_->lr; }
  SchedulerState state() const { return root_->state(); }
  std::string_view name() const { return root_->name(); }
  StepUnit step_unit() const { return root_->step_unit(); }
  const Scheduler& root() const { return *root_; }

 private:
  std::unique_ptr<ParamGroup> group_;  // declared first: the schedulers hold a reference to it
  std::unique_ptr<Scheduler> root_;
};

// Where a reason says its step or steps, from the run's positions (`count` of them, in order) and
// the offset of the scheduler's own count (StepSaid): " (step 30)", " (step 13, its step 10 since
// it took over at step 3)"; several in one epoch, " (4 times in this epoch: steps 10, 20, 30,
// 40)", past five the first three and the last ("steps 5, 10, 15, ..., 45"), and behind a
// milestone "; its steps 3, 6 since it took over at step 10)".
std::string steps_said(StepUnit unit, const long long* positions, std::size_t count,
                       long long offset);

// The reason of an epoch whose scheduler, stepped per batch, made several discrete events (StepLR
// with step_size 10 cuts 4 times in 45 batches), from those events in order: consecutive ones
// whose reasons differ only in the step they say (StepSaid) are said once with their count and
// steps ("... every 10 optimizer steps (4 times in this epoch: steps 10, 20, 30, 40)"); different
// ones are joined by "; ", the first three of them, the rest counted.
std::string epoch_reason(const std::vector<SchedulerEvent>& events, StepUnit unit);

// The reason of `event` as said after its epoch, which its reader has said already: the status
// line's "StepLR cut the rate at epoch 30 (0.1 -> 0.01): it multiplies the rate by gamma = 0.1
// every 30 epochs". Its subject, the actor's name, is "it". Stepped per epoch, the step said
// (ending_at_step) leaves the run's epoch out and keeps the scheduler's own count where it says
// more: its length ("(epoch 7 of 20)") or its start behind a milestone ("(its epoch 7 since it
// took over at epoch 3)"). Stepped per optimizer step, the step said is news (which of the
// epoch's steps) and stays.
std::string reason_after_epoch(const SchedulerEvent& event, StepUnit unit);

// Throws ConfigError unless `value` is finite and within [low, high] (or (low, high) if open).
void check_range(const std::string& name, double value, double low, double high,
                 bool open_low = false, bool open_high = false);

}  // namespace lrplay
