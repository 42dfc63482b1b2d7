// LRScheduler.__init__ and step() of torch/optim/lr_scheduler.py (PyTorch 2.6).
#include "scheduler.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

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
    inline_[size_++] = name;
    return;
  }
  if (size_ == kInline) {
    for (std::string_view held : inline_) spilled_.push_back(held);
  }
  spilled_.push_back(name);
  ++size_;
}

void Actors::append(const Actors& more) {
  for (std::string_view name : more) push_back(name);
}

bool operator==(const Actors& a, const Actors& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

SchedulerEvent Scheduler::step(double metric) {
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

std::string Scheduler::at_step(long long position) const {
  return std::string(" (") + position_word() + " " + std::to_string(position) + ")";
}

namespace {

// One run of an epoch's events whose reasons say the same but for their position.
struct SameReason {
  std::string_view reason;                  // the first's
  std::size_t at = std::string_view::npos;  // where its position text starts, if it has one
  std::size_t length = 0;
  std::vector<std::string_view> positions;  // each event's position, digits only

  std::string_view before() const { return reason.substr(0, at); }
  std::string_view after() const { return reason.substr(at + length); }
};

// The position text at_step() wrote into `reason` (" (step 30)"): its place and digits.
SameReason find_position(std::string_view reason, StepUnit unit) {
  SameReason found;
  found.reason = reason;
  const std::string open = std::string(" (") + position_word(unit) + " ";
  for (std::size_t at = reason.find(open); at != std::string_view::npos;
       at = reason.find(open, at + 1)) {
    const std::size_t digits = at + open.size();
    std::size_t end = digits;
    while (end < reason.size() && reason[end] >= '0' && reason[end] <= '9') ++end;
    if (end == digits || end == reason.size() || reason[end] != ')') continue;
    found.at = at;
    found.length = end + 1 - at;
    found.positions.push_back(reason.substr(digits, end - digits));
    break;
  }
  return found;
}

// "steps 10, 20, 30, 40"; past five, the first three and the last ("steps 1, 2, 3, ..., 45").
std::string positions_text(const std::vector<std::string_view>& positions, StepUnit unit) {
  std::string text = std::string(position_word(unit)) + "s ";
  const std::size_t n = positions.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (n > 5 && i == 3) {
      text += "..., ";
      i = n - 1;
    }
    text += positions[i];
    if (i + 1 < n) text += ", ";
  }
  return text;
}

}  // namespace

std::string epoch_reason(const std::vector<std::string>& reasons, StepUnit unit) {
  if (reasons.size() == 1) return reasons.front();
  std::vector<SameReason> runs;
  for (const std::string& reason : reasons) {
    SameReason event = find_position(reason, unit);
    if (!runs.empty() && event.at != std::string_view::npos &&
        runs.back().at != std::string_view::npos && event.before() == runs.back().before() &&
        event.after() == runs.back().after()) {
      runs.back().positions.push_back(event.positions.front());
    } else {
      runs.push_back(std::move(event));
    }
  }
  constexpr std::size_t kShown = 3;
  std::string text;
  std::size_t said = 0;  // events put in words
  for (std::size_t i = 0; i < runs.size() && i < kShown; ++i) {
    const SameReason& run = runs[i];
    if (i > 0) text += "; ";
    if (run.positions.size() > 1) {
      text += run.before();
      text += " (" + count_text(static_cast<double>(run.positions.size())) +
              " times in this epoch: " + positions_text(run.positions, unit) + ")";
      text += run.after();
    } else {
      text += run.reason;
    }
    said += std::max<std::size_t>(run.positions.size(), 1);
  }
  if (said < reasons.size()) {
    text += "; and " + count_of(static_cast<double>(reasons.size() - said), "more change") +
            " in this epoch";
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
