// Heap allocations inside Trainer::step (issue 11: the wasm links emmalloc, slow per allocation).
// This binary replaces the global operator new with one that counts, so it is apart from
// lrplay_tests. An epoch that only trains and steps the scheduler allocates nothing: the event's
// actors are static names held in place, the event is moved into its record, and a reason is
// built only when there is something to say (a cut). A per-batch epoch allocates its own
// step_lrs. History's vector grows as vectors do (once at epochs 2, 3, 5, 9, 17, ...: not
// reserved ahead, whose code cost the wasm 1.1 KB), counted apart. (Eigen's own buffers go through
// malloc, not counted here; valgrind's "total heap usage" at 100 against 200 epochs counts both:
// docs/speed-log.md.)
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "dataset.hpp"
#include "trainer.hpp"

namespace {
std::atomic<long> allocations{0};
}

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace lrplay {
namespace {

using Settings = std::initializer_list<std::pair<const char*, const char*>>;

TrainerConfig with(Settings settings) {
  TrainerConfig c;
  for (const auto& [key, value] : settings) set_option(c, key, value);
  validate(c);
  return c;
}

struct EpochCount {
  int epoch;
  long allocations;  // less the one of history's growth, when it grew
  EventKind kind;
};

// Each epoch's allocations after the first `warm_up` (the first epochs size the model's buffers).
std::vector<EpochCount> count_epochs(const TrainerConfig& config, int warm_up) {
  static const Dataset wine = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv");
  Trainer trainer(config, wine);
  for (int i = 0; i < warm_up; ++i) trainer.step();
  std::vector<EpochCount> counts;
  counts.reserve(config.epochs);
  while (!trainer.finished()) {
    const long before = allocations.load();
    const std::size_t capacity = trainer.history().capacity();
    const EpochRecord& r = trainer.step();
    const long grew = trainer.history().capacity() != capacity ? 1 : 0;
    counts.push_back({r.epoch, allocations.load() - before - grew, r.event.kind});
  }
  return counts;
}

// The lesson's run (ReduceLROnPlateau, full batch) over 300 epochs: its cuts (and the skipped
// cuts once the rate is tiny) put their reason in words; every other epoch allocates nothing. The
// old trainer allocated 5 times an epoch (the actor's name, twice, and the actors' vector, twice).
TEST(EpochAllocations, TheLessonsEpochAllocatesNothingButACutsReason) {
  int quiet = 0, events = 0;
  for (const EpochCount& e : count_epochs(with({{"epochs", "300"}}), 3)) {
    if (e.kind == EventKind::kNone) {
      EXPECT_EQ(e.allocations, 0) << "epoch " << e.epoch;
      ++quiet;
    } else {
      ++events;
    }
  }
  EXPECT_GT(quiet, 250);
  EXPECT_GT(events, 5);  // the cuts' epochs were counted too, not skipped
}

// StepLR stepped once an epoch: nothing between its cuts.
TEST(EpochAllocations, AStepLrEpochWithoutACutAllocatesNothing) {
  for (const EpochCount& e :
       count_epochs(with({{"scheduler", "step"}, {"step_size", "7"}, {"epochs", "100"}}), 3)) {
    if (e.kind == EventKind::kNone) {
      EXPECT_EQ(e.allocations, 0) << "epoch " << e.epoch;
    }
  }
}

// Stepped per batch (9 batches of 16), a StepLR epoch without a cut allocates only its record's
// step_lrs, once.
TEST(EpochAllocations, APerBatchStepLrEpochAllocatesOnlyItsStepRates) {
  const auto counts = count_epochs(with({{"scheduler", "step"},
                                         {"step_size", "30"},
                                         {"batch_size", "16"},
                                         {"scheduler_step", "batch"},
                                         {"epochs", "40"}}),
                                   3);
  for (const EpochCount& e : counts) {
    if (e.kind == EventKind::kNone) {
      EXPECT_EQ(e.allocations, 1) << "epoch " << e.epoch;
    }
  }
}

// OneCycleLR stepped after each batch moves the rate at every step, a smooth step whose reason
// is read only for the epoch's last: an epoch allocates its step_lrs and step_momenta (Adam's
// beta1 cycles) and its last step's reason (2 or 3, as its length goes), however many batches
// it has (9 of 16 or 36 of 4). The old trainer put every step in words: 20 to 29 allocations an
// epoch of 9 batches, 74 to 110 of 36.
TEST(EpochAllocations, APerBatchSmoothEpochSaysOnlyItsLastStep) {
  for (const char* batch_size : {"16", "4"}) {
    const auto counts = count_epochs(with({{"scheduler", "onecycle"},
                                           {"batch_size", batch_size},
                                           {"scheduler_step", "batch"},
                                           {"epochs", "20"}}),
                                     3);
    for (const EpochCount& e : counts) {
      EXPECT_EQ(e.kind, EventKind::kContinuous) << "epoch " << e.epoch;
      EXPECT_LE(e.allocations, 5) << "batch_size " << batch_size << ", epoch " << e.epoch;
    }
  }
}

}  // namespace
}  // namespace lrplay
