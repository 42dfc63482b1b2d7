// SGD (cpp/sgd.*), Adam and AdamW (cpp/adam.*) step by step against PyTorch, bit for bit:
// tests/golden/units/optimizer_steps.txt (units.py: torch.optim.SGD and 2.6's Adam/AdamW arithmetic
// on PyTorch 1.13's generic kernels, which round each operation once, as the core does). Hand
// computed steps check the formulas themselves.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>

#include "adam.hpp"
#include "sgd.hpp"
#include "units_reference.hpp"

namespace lrplay {
namespace {

using testing::read_units_reference;
using testing::split_words;

Eigen::VectorXf to_vector(const std::vector<std::string>& words) {
  Eigen::VectorXf v(static_cast<Eigen::Index>(words.size()));
  for (std::size_t i = 0; i < words.size(); ++i)
    v(static_cast<Eigen::Index>(i)) = std::stof(words[i]);
  return v;
}

// "adamw lr=0.1 weight_decay=0.5 amsgrad=1 cycled=1" -> the optimizer it names.
std::unique_ptr<Optimizer> make_case(const std::vector<std::string>& words, Eigen::Index n,
                                     bool* cycled) {
  std::map<std::string, double> o;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto eq = words[i].find('=');
    o[words[i].substr(0, eq)] = std::stod(words[i].substr(eq + 1));
  }
  *cycled = o.count("cycled") > 0;
  auto get = [&](const char* key, double fallback) { return o.count(key) ? o[key] : fallback; };
  if (words[0] == "sgd") {
    SgdOptions s;
    s.lr = get("lr", s.lr);
    s.momentum = get("momentum", s.momentum);
    s.dampening = get("dampening", s.dampening);
    s.weight_decay = get("weight_decay", s.weight_decay);
    s.nesterov = get("nesterov", 0) != 0;
    return std::make_unique<Sgd>(s, n);
  }
  AdamOptions a;
  a.lr = get("lr", a.lr);
  a.beta1 = get("beta1", a.beta1);
  a.beta2 = get("beta2", a.beta2);
  a.eps = get("eps", a.eps);
  a.weight_decay = get("weight_decay", a.weight_decay);
  a.amsgrad = get("amsgrad", 0) != 0;
  a.decoupled_weight_decay = words[0] == "adamw";
  return std::make_unique<Adam>(a, n);
}

TEST(Optimizers, StepsMatchPyTorchBitForBit) {
  const auto lines = read_units_reference("optimizer_steps.txt");
  Eigen::VectorXf start;
  std::vector<Eigen::VectorXf> grads;
  std::vector<double> cycled_values;
  std::string current;
  std::unique_ptr<Optimizer> optimizer;
  bool cycled = false;
  Eigen::VectorXf params;
  int checked = 0;
  for (const auto& line : lines) {
    if (line.key == "start") {
      start = to_vector(line.values);
      continue;
    }
    if (line.key.rfind("grad ", 0) == 0) {
      grads.push_back(to_vector(line.values));
      continue;
    }
    if (line.key == "cycled from step 3") {
      for (const auto& w : line.values) cycled_values.push_back(std::stod(w));
      continue;
    }
    auto words = split_words(line.key);
    const int step = std::stoi(words.back());
    words.pop_back();
    const std::string name = line.key.substr(0, line.key.rfind(' '));
    if (name != current) {
      current = name;
      optimizer = make_case(words, start.size(), &cycled);
      params = start;
      ASSERT_EQ(step, 1) << name;
    }
    ASSERT_LE(step, static_cast<int>(grads.size()));
    if (cycled && step >= 3) optimizer->set_momentum(cycled_values[step - 3]);
    optimizer->step(params, grads[step - 1]);
    const Eigen::VectorXf expected = to_vector(line.values);
    for (Eigen::Index i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(params(i), expected(i)) << line.key << ", parameter " << i;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 15 * 5);  // 7 SGD and 8 Adam/AdamW cases of 5 steps
}

TEST(Sgd, PlainStepByHand) {
  SgdOptions o;
  o.lr = 0.5;
  Sgd sgd(o, 2);
  Eigen::VectorXf p(2), g(2);
  p << 1.0f, -1.0f;
  g << 0.25f, 2.0f;
  sgd.step(p, g);
  EXPECT_FLOAT_EQ(p(0), 0.875f);
  EXPECT_FLOAT_EQ(p(1), -2.0f);
}

TEST(Sgd, MomentumBufferStartsAsTheGradient) {
  // Step 1: buf = g; step 2: buf = m*buf + (1-d)*g; p -= lr*buf.
  SgdOptions o;
  o.lr = 0.1;
  o.momentum = 0.5;
  o.dampening = 0.5;
  Sgd sgd(o, 1);
  Eigen::VectorXf p(1), g(1);
  p << 0.0f;
  g << 1.0f;
  sgd.step(p, g);
  EXPECT_FLOAT_EQ(p(0), -0.1f);  // dampening does not touch the first step
  sgd.step(p, g);
  EXPECT_FLOAT_EQ(p(0), -0.1f - 0.1f * (0.5f * 1.0f + 0.5f * 1.0f));
}

TEST(Sgd, NesterovLooksAhead) {
  // p -= lr * (g + m*buf)
  SgdOptions o;
  o.lr = 1.0;
  o.momentum = 0.9;
  o.nesterov = true;
  Sgd sgd(o, 1);
  Eigen::VectorXf p(1), g(1);
  p << 0.0f;
  g << 1.0f;
  sgd.step(p, g);
  EXPECT_FLOAT_EQ(p(0), -1.9f);
  sgd.step(p, g);  // buf = 1.9, step = 1 + 0.9 * 1.9
  EXPECT_FLOAT_EQ(p(0), -1.9f - 2.71f);
}

TEST(Sgd, WeightDecayAddsToTheGradient) {
  SgdOptions o;
  o.lr = 0.1;
  o.weight_decay = 0.5;
  Sgd sgd(o, 1);
  Eigen::VectorXf p(1), g(1);
  p << 2.0f;
  g << 0.0f;
  sgd.step(p, g);
  EXPECT_FLOAT_EQ(p(0), 1.9f);
}

TEST(Sgd, ResetForgetsTheBuffer) {
  SgdOptions o;
  o.lr = 1.0;
  o.momentum = 0.9;
  Sgd sgd(o, 1);
  Eigen::VectorXf p(1), g(1);
  p << 0.0f;
  g << 1.0f;
  sgd.step(p, g);
  sgd.reset();
  p << 0.0f;
  sgd.step(p, g);
  EXPECT_FLOAT_EQ(p(0), -1.0f);
}

TEST(Sgd, MomentumIsTheGroupsMomentum) {
  SgdOptions o;
  o.momentum = 0.9;
  Sgd sgd(o, 1);
  EXPECT_EQ(sgd.momentum(), 0.9);
  sgd.set_momentum(0.85);
  EXPECT_EQ(sgd.momentum(), 0.85);
  sgd.set_lr(0.25);
  EXPECT_EQ(sgd.lr(), 0.25);
}

TEST(AdamW, DecaysTheParameterNotTheGradient) {
  // With a zero gradient Adam's update is 0 (exp_avg stays 0), so only the decay moves p:
  // p *= 1 - lr * weight_decay. Adam with L2 decay would instead step by about lr.
  AdamOptions o;
  o.lr = 0.1;
  o.weight_decay = 0.5;
  o.decoupled_weight_decay = true;
  Adam adamw(o, 1);
  Eigen::VectorXf p(1), g(1);
  p << 2.0f;
  g << 0.0f;
  adamw.step(p, g);
  EXPECT_FLOAT_EQ(p(0), 2.0f * 0.95f);
  o.decoupled_weight_decay = false;
  Adam adam(o, 1);
  p << 2.0f;
  adam.step(p, g);
  EXPECT_NEAR(p(0), 1.9f, 1e-6);
}

TEST(Adam, BiasCorrectionUsesTheCurrentBeta1) {
  // After set_momentum(b), step t uses m = lerp(m, g, 1 - b) and 1 - b^t: with a constant
  // gradient g and beta1 changed to 0 at step 2, m = g and the correction is 1, so the step is
  // lr * g / (sqrt(v_hat) + eps) = lr for g > 0.
  AdamOptions o;
  o.lr = 0.01;
  Adam adam(o, 1);
  Eigen::VectorXf p(1), g(1);
  p << 0.0f;
  g << 3.0f;
  adam.step(p, g);
  const float after_one = p(0);
  adam.set_momentum(0.0);
  EXPECT_EQ(adam.momentum(), 0.0);
  adam.step(p, g);
  EXPECT_NEAR(p(0) - after_one, -0.01f, 1e-7);
}

TEST(Adam, ResetStartsOver) {
  AdamOptions o;
  o.lr = 0.1;
  Adam adam(o, 1);
  Eigen::VectorXf p(1), g(1);
  p << 1.0f;
  g << 0.5f;
  adam.step(p, g);
  const float first = p(0);
  adam.step(p, g);
  adam.reset();
  EXPECT_EQ(adam.steps(), 0);
  p << 1.0f;
  adam.step(p, g);
  EXPECT_EQ(p(0), first);
}

}  // namespace
}  // namespace lrplay
