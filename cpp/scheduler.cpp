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

// Where `reason` says its step as at_step() writes it (" (step 30)" after `open`, " (step "):
// the digits' offset and count, or npos.
struct Position {
  std::size_t at = std::string::npos;
  std::size_t digits = 0;
};
Position position_in(const std::string& reason, const std::string& open) {
  for (std::size_t found = reason.find(open); found != std::string::npos;
       found = reason.find(open, found + 1)) {
    const std::size_t at = found + open.size();
    std::size_t end = at;
    while (end < reason.size() && reason[end] >= '0' && reason[end] <= '9') ++end;
    if (end > at && end < reason.size() && reason[end] == ')') return {at, end - at};
  }
  return {};
}

// The reason with its position's digits taken out: what events that differ only in it share.
std::string without_digits(const std::string& reason, Position p) {
  return reason.substr(0, p.at) + reason.substr(p.at + p.digits);
}

// "steps 10, 20, 30, 40"; past five, the first three and the last ("steps 1, 2, 3, ..., 45").
std::string positions_text(const std::vector<std::string>& positions, StepUnit unit) {
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
  constexpr int kShown = 3;  // different reasons said; the rest counted
  const std::string open = std::string(" (") + position_word(unit) + " ";
  std::string text;
  int runs = 0;
  for (std::size_t i = 0; i < reasons.size(); ++runs) {
    if (runs == kShown) {
      text += "; and " + count_of(static_cast<double>(reasons.size() - i), "more change") +
              " in this epoch";
      break;
    }
    const std::string& first = reasons[i];
    const Position p = position_in(first, open);
    std::vector<std::string> positions;
    std::size_t next = i + 1;
    if (p.at != std::string::npos) {
      positions.push_back(first.substr(p.at, p.digits));
      const std::string shared = without_digits(first, p);
      for (; next < reasons.size(); ++next) {
        const Position q = position_in(reasons[next], open);
        if (q.at == std::string::npos || without_digits(reasons[next], q) != shared) break;
        positions.push_back(reasons[next].substr(q.at, q.digits));
      }
    }
    if (runs > 0) text += "; ";
    if (positions.size() > 1) {
      text += first.substr(0, p.at - open.size()) + " (" +
              count_text(static_cast<double>(positions.size())) +
              " times in this epoch: " + positions_text(positions, unit) + ")" +
              first.substr(p.at + p.digits + 1);
    } else {
      text += first;
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
