// LRScheduler.__init__ and step() of torch/optim/lr_scheduler.py (PyTorch 2.6).
#include "scheduler.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "text.hpp"

namespace lrplay {

void check_range(const std::string& name, double value, double low, double high, bool open_low,
                 bool open_high) {
  const bool ok = std::isfinite(value) && (open_low ? value > low : value >= low) &&
                  (open_high ? value < high : value <= high);
  if (ok) return;
  std::string msg = name + " = " + number_text(value) + " is not accepted: " + name + " must be ";
  if (std::isinf(high)) {
    msg += (open_low ? "greater than " : "at least ") + number_text(low);
  } else {
    msg += std::string("in ") + (open_low ? "(" : "[") + number_text(low) + ", " +
           number_text(high) + (open_high ? ")" : "]");
  }
  if (!std::isfinite(value)) msg += " and finite";
  throw ConfigError(name, msg);
}

// Out of line, in this file of set-up and text code: the page's record loop and every scheduler
// call them, and inlined they cost the wasm more than they save.
void Actors::push_back(std::string_view name) {
  if (size_ < kInline) {
    inline_[size_] = name;
  } else {
    more_.push_back(std::string(name));
  }
  ++size_;
}

void Actors::append(const Actors& more) {
  for (std::size_t i = 0; i < more.size(); ++i) push_back(more[i]);
}

bool operator==(const Actors& a, const Actors& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

SchedulerEvent Scheduler::step_unsaid(double metric) {
  SchedulerEvent event;
  event.lr_before = group_.lr;
  event.momentum_before = group_.momentum;
  advance(metric);
  event.epoch = last_epoch_;
  event.lr_after = group_.lr;
  event.momentum_after = group_.momentum;
  explain(event);
  return event;
}

std::string Scheduler::steps_text(long long count, bool as_typed) const {
  const std::string noun = unit_ == StepUnit::kEpoch ? "epoch" : "optimizer step";
  return as_typed ? count_as_typed(static_cast<double>(count), noun)
                  : count_of(static_cast<double>(count), noun);
}

namespace {

// "epoch 7", with `of` "epoch 7 of 20"; "steps 10, 20, 30, 40", past five the first three and the
// last ("steps 1, 2, 3, ..., 45"); each less `offset` (a scheduler's own count).
std::string positions_text(StepUnit unit, const long long* positions, std::size_t n,
                           long long offset, long long of = 0) {
  std::string text = position_word(unit);
  text += n > 1 ? "s " : " ";
  for (std::size_t i = 0; i < n; ++i) {
    if (n > 5 && i == 3) {
      text += "..., ";
      i = n - 1;
    }
    text += std::to_string(positions[i] - offset);
    if (i + 1 < n) text += ", ";
  }
  if (of > 0) text += " of " + std::to_string(of);
  return text;
}

// "its epoch 7 of 20 since it took over at epoch 3", "its steps 3, 6 since it took over at step
// 10": the run's `positions` in the own count of a scheduler that took over after the run's first
// `offset` steps, and where it began.
std::string own_count_since(StepUnit unit, const long long* positions, std::size_t n,
                            long long offset, long long of = 0) {
  return "its " + positions_text(unit, positions, n, offset, of) + " since it took over at " +
         positions_text(unit, &offset, 1, 0);
}

}  // namespace

std::string Scheduler::position_text(long long position, long long of) const {
  const long long run_position = position + offset_;
  if (offset_ == 0) return positions_text(unit_, &run_position, 1, 0, of);
  return positions_text(unit_, &run_position, 1, 0) + ", " +
         own_count_since(unit_, &run_position, 1, offset_, of);
}

std::string Scheduler::ending_at_step(std::string head, StepSaid& said, long long of) const {
  said.at = head.size();
  said.position = last_epoch_ + offset_;
  said.offset = offset_;
  said.of = of;
  head += " (";  // grows the text once, with room for the rest (a smooth step's is said each epoch)
  head += position_text(last_epoch_, of);
  head += ')';
  said.length = head.size() - said.at;
  return head;
}

namespace {

// Where the words after the step said start in e's reason.
std::size_t tail_at(const SchedulerEvent& e) { return e.said.at + e.said.length; }

// Whether `e` says the same as `first` but for the step: the same words around it, counted
// from the same offset.
bool same_but_step(const SchedulerEvent& e, const SchedulerEvent& first) {
  const std::string& words = first.reason;
  return e.said.at != std::string::npos && e.said.offset == first.said.offset &&
         e.reason.compare(0, e.said.at, words.data(), first.said.at) == 0 &&
         e.reason.compare(tail_at(e), std::string::npos, words.data() + tail_at(first),
                          words.size() - tail_at(first)) == 0;
}

}  // namespace

std::string steps_said(StepUnit unit, const long long* positions, std::size_t count,
                       long long offset) {
  std::string text = " (";
  if (count > 1) text += count_text(static_cast<double>(count)) + " times in this epoch: ";
  text += positions_text(unit, positions, count, 0);
  if (offset != 0) {
    text += count > 1 ? "; " : ", ";
    text += own_count_since(unit, positions, count, offset);
  }
  text += ')';
  return text;
}

std::string epoch_reason(const std::vector<SchedulerEvent>& events, StepUnit unit) {
  if (events.size() == 1) return events.front().reason;
  constexpr int kShown = 3;  // different reasons said; the rest counted
  std::string text;
  int runs = 0;
  for (std::size_t i = 0; i < events.size(); ++runs) {
    if (runs == kShown) {
      text += "; and " + count_of(static_cast<double>(events.size() - i), "more change") +
              " in this epoch";
      break;
    }
    const SchedulerEvent& first = events[i];
    std::size_t next = i + 1;
    // Said with its length ("step 7 of 20"), a step is not one of a list ("steps 7, 8").
    if (first.said.at != std::string::npos && first.said.of == 0) {
      while (next < events.size() && same_but_step(events[next], first)) ++next;
    }
    if (runs > 0) text += "; ";
    if (next - i > 1) {
      std::vector<long long> positions(next - i);
      for (std::size_t k = i; k < next; ++k) positions[k - i] = events[k].said.position;
      text.append(first.reason.data(), first.said.at);
      text += steps_said(unit, positions.data(), positions.size(), first.said.offset);
      text.append(first.reason.data() + tail_at(first), first.reason.size() - tail_at(first));
    } else {
      text += first.reason;
    }
    i = next;
  }
  return text;
}

std::string reason_after_epoch(const SchedulerEvent& event, StepUnit unit) {
  const std::string& reason = event.reason;
  std::string text;
  std::size_t from = 0;  // where the reason's words go on: past the actor's name, said "it"
  if (event.actors.size() == 1) {
    const std::string_view name = event.actors[0];
    if (reason.size() > name.size() && reason[name.size()] == ' ' &&
        std::memcmp(reason.data(), name.data(), name.size()) == 0) {
      from = name.size();
      text += "it";
    }
  }
  const StepSaid& said = event.said;
  // The run's epoch alone, or with the scheduler's length ("(epoch 7 of 20)", which says more) and
  // no milestone behind, the step said is left whole.
  if (unit == StepUnit::kEpoch && said.at != std::string::npos &&
      (said.offset != 0 || said.of == 0)) {
    text.append(reason.data() + from, said.at - from);
    if (said.offset != 0) {
      text += " (";
      text += own_count_since(unit, &said.position, 1, said.offset, said.of);
      text += ')';
    }
    from = said.at + said.length;
  }
  text.append(reason.data() + from, reason.size() - from);
  return text;
}

void Scheduler::attach() {
  if (!group_.initial_lr) group_.initial_lr = group_.lr;
  base_lr_ = *group_.initial_lr;
  last_epoch_ = -1;
  initial_step();
}

void Scheduler::step_epoch(std::optional<int> epoch) {
  ++step_count_;
  double lr;
  if (!epoch) {
    ++last_epoch_;
    lr = get_lr();
  } else {
    last_epoch_ = *epoch;
    const std::optional<double> closed = closed_form(last_epoch_);
    lr = closed ? *closed : get_lr();
  }
  group_.lr = lr;
}

}  // namespace lrplay
