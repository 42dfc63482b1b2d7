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

std::string Scheduler::position_text(long long position, long long of) const {
  const std::string word = std::string(position_word()) + " ";
  std::string own = word + std::to_string(position);
  if (of > 0) own += " of " + std::to_string(of);
  if (offset_ == 0) return own;
  return word + std::to_string(position + offset_) + ", its " + own + " since it took over at " +
         word + std::to_string(offset_);
}

namespace {

// Where `reason` says its step as at_step() writes it after `open` (" (step "): the digits'
// offset and count, or npos; and, from a scheduler that took over at a SequentialLR milestone
// (" (step 13, its step 10 since it took over at step 3)"), its own count's after `own`.
struct Position {
  std::size_t at = std::string::npos;
  std::size_t digits = 0;
  std::size_t own_at = std::string::npos;
  std::size_t own_digits = 0;
};
std::size_t digits_at(const std::string& text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  return end - at;
}
Position position_in(const std::string& reason, const std::string& open, const std::string& own) {
  for (std::size_t found = reason.find(open); found != std::string::npos;
       found = reason.find(open, found + 1)) {
    const std::size_t at = found + open.size(), digits = digits_at(reason, at), end = at + digits;
    if (digits == 0 || end >= reason.size()) continue;
    if (reason[end] == ')') return {at, digits};
    if (reason.compare(end, own.size(), own) == 0) {
      const std::size_t own_digits = digits_at(reason, end + own.size());
      if (own_digits > 0) return {at, digits, end + own.size(), own_digits};
    }
  }
  return {};
}

// The reason with its positions' digits taken out: what events that differ only in them share.
std::string without_digits(const std::string& reason, Position p) {
  std::string text = reason.substr(0, p.at) + reason.substr(p.at + p.digits);
  if (p.own_at != std::string::npos) text.erase(p.own_at - p.digits, p.own_digits);
  return text;
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
  const std::string own = std::string(", its ") + position_word(unit) + " ";
  std::string text;
  int runs = 0;
  for (std::size_t i = 0; i < reasons.size(); ++runs) {
    if (runs == kShown) {
      text += "; and " + count_of(static_cast<double>(reasons.size() - i), "more change") +
              " in this epoch";
      break;
    }
    const std::string& first = reasons[i];
    const Position p = position_in(first, open, own);
    std::vector<std::string> positions, own_positions;
    std::size_t next = i + 1;
    if (p.at != std::string::npos) {
      const std::string shared = without_digits(first, p);
      for (next = i; next < reasons.size(); ++next) {
        const std::string& r = reasons[next];
        const Position q = next == i ? p : position_in(r, open, own);
        if (q.at == std::string::npos || (next > i && without_digits(r, q) != shared)) break;
        positions.push_back(r.substr(q.at, q.digits));
        if (q.own_at != std::string::npos)
          own_positions.push_back(r.substr(q.own_at, q.own_digits));
      }
    }
    if (runs > 0) text += "; ";
    if (positions.size() > 1) {
      // "(4 times in this epoch: steps 13, 23, 33, 43; its steps 10, 20, 30, 40 since it took
      // over at step 3)" from a scheduler behind a milestone.
      text += first.substr(0, p.at - open.size()) + " (" +
              count_text(static_cast<double>(positions.size())) +
              " times in this epoch: " + positions_text(positions, unit);
      text += own_positions.empty() ? ")" + first.substr(p.at + p.digits + 1)
                                    : "; its " + positions_text(own_positions, unit) +
                                          first.substr(p.own_at + p.own_digits);
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
