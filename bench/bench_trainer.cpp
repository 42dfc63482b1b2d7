// Timings of the lesson's loop on data/wine.csv: one epoch (train step, evaluation, scheduler
// step), a whole 100-epoch run, and the model's forward pass alone. Compare with
// bench/torch_epoch.py.
//
//   cmake -S . -B build-bench -DLRPLAY_BENCHMARKS=ON -DLRPLAY_TESTS=OFF
//   cmake --build build-bench -j2 --target lrplay_bench
//   ./build-bench/bench/lrplay_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "config.hpp"
#include "dataset.hpp"
#include "loss.hpp"
#include "mlp.hpp"
#include "split.hpp"
#include "trainer.hpp"

namespace lrplay {
namespace {

const Dataset& wine() {
  static const Dataset data = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv");
  return data;
}

// The lesson's training split: train_test_split(test_size=0.2, random_state=42), 142 samples.
const Dataset& wine_train() {
  static const Dataset train =
      select_samples(wine(), train_test_split(wine().num_samples(), 0.2, 42).train);
  return train;
}

// One Trainer::step() of the lesson's config (13-10-10-3, Adam lr 0.1, ReduceLROnPlateau on
// val_loss). The run is 100 epochs; at its end the trainer is reset with the clock paused, once per
// 100 timed steps.
void BM_EpochStep(benchmark::State& state) {
  Trainer trainer(TrainerConfig{}, wine());
  for (auto _ : state) {
    if (trainer.finished()) {
      state.PauseTiming();
      trainer.reset();
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(trainer.step().val_loss);
  }
  state.SetItemsProcessed(state.iterations());  // epochs
}
BENCHMARK(BM_EpochStep);

// The lesson end to end, as `lrplay train` runs it minus reading the CSV: construct the Trainer
// (split, init), then 100 epochs.
void BM_LessonRun100(benchmark::State& state) {
  const TrainerConfig config;
  for (auto _ : state) {
    Trainer trainer(config, wine());
    while (!trainer.finished()) trainer.step();
    benchmark::DoNotOptimize(trainer.history().back().val_loss);
  }
  state.SetItemsProcessed(state.iterations() * config.epochs);
}
BENCHMARK(BM_LessonRun100)->Unit(benchmark::kMicrosecond);

// Reset (re-initialise weights, Adam and the scheduler) + 100 epochs: what the page does on "reset,
// run", without the split.
void BM_LessonRun100Reset(benchmark::State& state) {
  Trainer trainer(TrainerConfig{}, wine());
  for (auto _ : state) {
    trainer.reset();
    while (!trainer.finished()) trainer.step();
    benchmark::DoNotOptimize(trainer.history().back().val_loss);
  }
  state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_LessonRun100Reset)->Unit(benchmark::kMicrosecond);

// One mini-batch epoch on the digits: 1437 training samples in 45 shuffled batches of 32, MLP
// 64-32-10, SGD(lr=0.05, momentum=0.9) with OneCycleLR(max_lr=0.1) stepped after every batch,
// then the evaluation on the 360 validation samples: the same program as
// `bench/torch_epoch.py --digits`.
void BM_DigitsMiniBatchEpoch(benchmark::State& state) {
  static const Dataset digits = load_csv(std::string(LRPLAY_SOURCE_DIR) + "/data/digits.csv");
  TrainerConfig config;
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"dataset", "digits"},
                                                        {"hidden", "32"},
                                                        {"batch_size", "32"},
                                                        {"optimizer", "sgd"},
                                                        {"lr", "0.05"},
                                                        {"momentum", "0.9"},
                                                        {"scheduler", "onecycle"},
                                                        {"max_lr", "0.1"},
                                                        {"scheduler_step", "batch"},
                                                        {"seed", "0"},
                                                        {"epochs", "10000"}}) {
    set_option(config, key, value);
  }
  Trainer trainer(config, digits);
  for (auto _ : state) {
    if (trainer.finished()) {
      state.PauseTiming();
      trainer.reset();
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(trainer.step().val_loss);
  }
  state.SetItemsProcessed(state.iterations());  // epochs
}
BENCHMARK(BM_DigitsMiniBatchEpoch)->Unit(benchmark::kMicrosecond);

// The 13-10-10-3 model's forward pass over the 142 training samples.
void BM_Forward(benchmark::State& state) {
  MLP model({13, 10, 10, 3});
  model.init_like_torch(5);
  const auto& x = wine_train().x;
  for (auto _ : state) benchmark::DoNotOptimize(model.forward(x).data());
}
BENCHMARK(BM_Forward);

// Forward, cross-entropy with its gradient, and backward: the train step without Adam.
void BM_ForwardBackward(benchmark::State& state) {
  MLP model({13, 10, 10, 3});
  model.init_like_torch(5);
  const Dataset& train = wine_train();
  auto grad = train.x;  // same matrix type as the data; resized by cross_entropy
  for (auto _ : state) {
    benchmark::DoNotOptimize(cross_entropy(model.forward(train.x), train.y, &grad));
    model.backward(grad);
    benchmark::DoNotOptimize(model.gradients().data());
  }
}
BENCHMARK(BM_ForwardBackward);

// Parsing data/wine.csv (11 KB) from memory.
void BM_ParseWineCsv(benchmark::State& state) {
  std::string text;
  {
    std::FILE* f = std::fopen((std::string(LRPLAY_SOURCE_DIR) + "/data/wine.csv").c_str(), "rb");
    char buffer[4096];
    for (std::size_t got; f && (got = std::fread(buffer, 1, sizeof buffer, f)) > 0;)
      text.append(buffer, got);
    if (f) std::fclose(f);
  }
  for (auto _ : state) benchmark::DoNotOptimize(parse_csv(text, "wine.csv").x.data());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ParseWineCsv);

}  // namespace
}  // namespace lrplay
