// lrplay's per-batch losses for train_iris_sgd_poly_seed0.csv, to set beside
// `iris_sgd_poly_conditioning.py none <epochs>` (tests/golden/README.md). Not built by CMake; from
// the repository root, after the native build:
//   g++ -O2 -std=c++17 -ffp-contract=off -DEIGEN_FAST_MATH=0 -Icpp -I/usr/include/eigen3 \
//     tests/golden/ill-conditioned/iris_sgd_poly_batches.cpp build/liblrplay_core.a -o /tmp/batches
//   /tmp/batches 3
// It repeats Trainer::step()'s loop with the core's own parts, printing each batch's loss.
#include <cstdio>
#include <cstdlib>

#include "data_loader.hpp"
#include "dataset.hpp"
#include "loss.hpp"
#include "mlp.hpp"
#include "sgd.hpp"
#include "split.hpp"
#include "torch_random.hpp"

int main(int argc, char** argv) {
  using namespace lrplay;
  const int epochs = argc > 1 ? std::atoi(argv[1]) : 3;
  const Dataset data = load_csv("data/iris.csv");
  const SplitIndices split = train_test_split(data.num_samples(), 0.2, 42);
  const Dataset train = select_samples(data, split.train);
  const Dataset val = select_samples(data, split.test);
  MLP model({4, 10, 10, 3});
  TorchGenerator generator(0);  // torch.manual_seed(0), then the model, then the shuffles
  model.init_like_torch(generator);
  SgdOptions options;
  options.lr = 0.1;
  options.momentum = 0.9;
  Sgd optimizer(options, model.parameters().size());
  ShuffledBatches batches(train.num_samples(), 10);
  Matrix x, grad_logits;
  std::vector<int> y;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    batches.start_epoch(generator);
    for (int b = 0; b < batches.num_batches(); ++b) {
      batches.gather(b, train, x, y);
      const float loss = cross_entropy(model.forward(x), y, &grad_logits);
      model.backward(grad_logits);
      optimizer.step(model.parameters(), model.gradients());
      std::printf("# batch %d %d %.9g\n", epoch, b, loss);
    }
    std::printf("# val %d %.9g\n", epoch, cross_entropy(model.forward(val.x), val.y));
    // PolynomialLR(total_iters=50, power=2) in closed form: the same rates to 1e-12 this early.
    const double left = 1.0 - epoch / 50.0;
    optimizer.set_lr(0.1 * left * left);
  }
}
