// LRScheduler.__init__ and step() of torch/optim/lr_scheduler.py (PyTorch 2.6).
#include "scheduler.hpp"

#include <algorithm>
#include <cmath>

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

std::string Scheduler::position_text(long long position, long long of) const {
  const std::string word = std::string(position_word()) + " ";
  std::string own = word + std::to_string(position);
  if (of > 0) own += " of " + std::to_string(of);
  if (offset_ == 0) return own;
  return word + std::to_string(position + offset_) + ", its " + own + " since it took over at " +
         word + std::to_string(offset_);
}

std::string Scheduler::at_step(long long position) const {
  const long long run_position = position + offset_;
  return steps_said(unit_, &run_position, 1, offset_);
}

std::string Scheduler::ending_at_step(std::string head, StepSaid& said) const {
  said.at = head.size();
  said.position = last_epoch_ + offset_;
  said.offset = offset_;
  head += at_step(last_epoch_);
  said.length = head.size() - said.at;
  return head;
}

namespace {

// "step 30"; "steps 10, 20, 30, 40", past five the first three and the last ("steps 1, 2, 3,
// ..., 45"); each less `offset` (a scheduler's own count).
std::string positions_text(StepUnit unit, const long long* positions, std::size_t n,
                           long long offset) {
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
  return text;
}

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
    text += count > 1 ? "; its " : ", its ";
    text += positions_text(unit, positions, count, offset);
    text += " since it took over at ";
    text += positions_text(unit, &offset, 1, 0);
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
    if (first.said.at != std::string::npos) {
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
