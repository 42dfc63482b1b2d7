// The lesson's epoch as BM_EpochStep (bench_trainer.cpp) times it, as a plain program that builds
// both natively and with Emscripten, so that "wasm against native" compares the same C++ loop and
// not the page's (which also builds each epoch's JS record, cpp/wasm/records_js.cpp). Never
// shipped: the wasm build of it is a bench target only (CMakeLists.txt, lrplay_epoch_loop).
//
//   native: cmake --build build-bench --target lrplay_epoch_loop &&
//   build-bench/bench/lrplay_epoch_loop wasm:   cmake --build build-wasm --target lrplay_epoch_loop
//   && node --no-experimental-fetch build-wasm/lrplay_epoch_loop.cjs (bench/epoch_loop.mjs
//   alternates the two and prints the ratio)
//
// Arguments: [rounds] [warm-up runs] [runs per round]. Each round trains the lesson's 100-epoch run
// from a reset (the reset untimed, as BM_EpochStep pauses its clock for it), that many times (1
// unless told), and the program prints the median and the fastest round's time per epoch. Several
// runs a round are for the browsers' clocks: performance.now() steps by 5 µs in Chromium and 20 µs
// in Firefox (cross-origin isolated; 100 µs and 1 ms otherwise), against ~1.3 ms for one run. The
// warm-up runs come first and are not timed: V8 compiles the wasm with Liftoff first and tiers hot
// functions up to TurboFan (dynamic tiering), so early rounds would time the baseline compiler.
// With the arguments `once N` it trains N epochs untimed (one run of N epochs) and exits: for
// callgrind, whose counts the machine's load does not change (the difference of two such counts
// over the difference of their N is one epoch's instructions); `once N print` prints each epoch's
// losses and rate in hexadecimal, to compare the two builds' bits. (Arguments, not the environment:
// the wasm's getenv sees Emscripten's own environment, not node's.)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "config.hpp"
#include "dataset.hpp"
#include "trainer.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Microseconds per epoch of `runs` lesson runs (100 epochs each), each from an untimed reset.
double time_runs(lrplay::Trainer& trainer, int runs, float& sink) {
  std::chrono::duration<double, std::micro> took{0};
  for (int i = 0; i < runs; ++i) {
    trainer.reset();
    const auto start = Clock::now();
    while (!trainer.finished()) sink += trainer.step().val_loss;
    took += Clock::now() - start;
  }
  return took.count() / (runs * trainer.config().epochs);
}

}  // namespace

int main(int argc, char** argv) {
  const bool once = argc > 2 && std::string(argv[1]) == "once";
  const int rounds = argc > 1 && !once ? std::atoi(argv[1]) : 200;
  const int warm_up = argc > 2 && !once ? std::atoi(argv[2]) : 100;
  const int runs_per_round = argc > 3 && !once ? std::max(1, std::atoi(argv[3])) : 1;
  const lrplay::Dataset wine = lrplay::load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv");
  lrplay::TrainerConfig config;  // the lesson's: 13-10-10-3, Adam lr 0.1, ReduceLROnPlateau
  float sink = 0;                // every loss, so that no epoch is optimized away
  if (once) {
    config.epochs = std::atoi(argv[2]);
    lrplay::Trainer trainer(config, wine);
    const bool print = argc > 3 && std::string(argv[3]) == "print";
    while (!trainer.finished()) {
      const lrplay::EpochRecord& r = trainer.step();
      sink += r.val_loss;
      if (print) std::printf("%d %a %a %a\n", r.epoch, r.train_loss, r.val_loss, r.lr);
    }
    std::printf("%d epochs, losses sum to %.9g\n", config.epochs, sink);
    return 0;
  }
  lrplay::Trainer trainer(config, wine);
  if (warm_up > 0) time_runs(trainer, warm_up, sink);
  std::vector<double> us;
  for (int i = 0; i < rounds; ++i) us.push_back(time_runs(trainer, runs_per_round, sink));
  std::sort(us.begin(), us.end());
  std::printf(
      "lesson epoch: median %.2f us, min %.2f us (%d rounds of %d x %d epochs; sink %.9g)\n",
      us[us.size() / 2], us[0], rounds, runs_per_round, config.epochs, sink);
  return 0;
}
