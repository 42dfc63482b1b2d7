// exp_floats (cpp/vector_math.*) against the scalar expf loop it replaced, on the lesson's
// cross-entropy: 3 classes x 142 training samples, log-softmax values in [-20, 0] (exp_floats works
// in place: its timing includes copying the input).
//   build-bench/bench/lrplay_bench --benchmark_filter='BM_Exp'
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "vector_math.hpp"

namespace lrplay {
namespace {

std::vector<float> log_softmax_like() {
  std::vector<float> x(3 * 142);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = -20.0f * static_cast<float>(i % 97) / 96.0f;
  return x;
}

void BM_ExpFloats(benchmark::State& state) {
  const std::vector<float> x = log_softmax_like();
  std::vector<float> y(x.size());
  for (auto _ : state) {
    y = x;
    exp_floats(y.data(), static_cast<std::ptrdiff_t>(y.size()));
    benchmark::DoNotOptimize(y.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(x.size()));
}
BENCHMARK(BM_ExpFloats);

void BM_ExpScalarLoop(benchmark::State& state) {
  const std::vector<float> x = log_softmax_like();
  std::vector<float> y(x.size());
  for (auto _ : state) {
    for (std::size_t i = 0; i < x.size(); ++i) y[i] = std::exp(x[i]);
    benchmark::DoNotOptimize(y.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(x.size()));
}
BENCHMARK(BM_ExpScalarLoop);

}  // namespace
}  // namespace lrplay
