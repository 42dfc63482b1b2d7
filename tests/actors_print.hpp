// How GoogleTest prints an event's actors when an expectation on them fails: ["StepLR",
// "ExponentialLR"] rather than the object's bytes.
#pragma once

#include <ostream>

#include "scheduler.hpp"

namespace lrplay {

inline void PrintTo(const Actors& actors, std::ostream* out) {
  *out << '[';
  for (std::size_t i = 0; i < actors.size(); ++i) *out << (i ? ", \"" : "\"") << actors[i] << '"';
  *out << ']';
}

}  // namespace lrplay
