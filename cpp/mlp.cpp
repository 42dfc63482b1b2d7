#include "mlp.hpp"

#include <cmath>
#include <cstring>
#include <stdexcept>

#include "cold.hpp"
#include "torch_random.hpp"

namespace lrplay {

namespace {

// Four floats as one value (GCC/Clang vector extension): lanewise * and +, each rounded once as
// the scalar operations are (-ffp-contract=off), so the results are the scalar loop's bit for bit.
typedef float Float4 __attribute__((vector_size(16)));

Float4 load4(const float* p) {
  Float4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void store4(float* p, Float4 v) { std::memcpy(p, &v, sizeof v); }

}  // namespace

LRPLAY_COLD MLP::MLP(std::vector<int> layer_sizes) : sizes_(std::move(layer_sizes)) {
  if (sizes_.size() < 2)
    throw std::invalid_argument("MLP needs at least an input and an output size");
  Eigen::Index total = 0;
  for (int l = 0; l < num_layers(); ++l) {
    offsets_.push_back(total);
    total += static_cast<Eigen::Index>(sizes_[l + 1]) * (sizes_[l] + 1);
  }
  params_ = Eigen::VectorXf::Zero(total);
  grads_ = Eigen::VectorXf::Zero(total);
  inputs_.resize(num_layers());
}

Eigen::Map<Matrix> MLP::weight_in(Eigen::VectorXf& buffer, int layer) {
  return {buffer.data() + offsets_[layer], sizes_[layer + 1], sizes_[layer]};
}

Eigen::Map<Eigen::VectorXf> MLP::bias_in(Eigen::VectorXf& buffer, int layer) {
  const Eigen::Index out = sizes_[layer + 1], in = sizes_[layer];
  return {buffer.data() + offsets_[layer] + out * in, out};
}

void MLP::init_like_torch(std::uint64_t seed) {
  TorchGenerator gen(seed);
  init_like_torch(gen);
}

void MLP::init_like_torch(TorchGenerator& gen) {
  for (int l = 0; l < num_layers(); ++l) {
    const double fan_in = sizes_[l];
    // torch.nn.init.kaiming_uniform_ with a = sqrt(5): gain = sqrt(2 / (1 + a^2)),
    // bound = sqrt(3) * gain / sqrt(fan_in).
    const double gain = std::sqrt(2.0 / (1.0 + 5.0));
    const double weight_bound = std::sqrt(3.0) * (gain / std::sqrt(fan_in));
    auto w = weight(l);
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      for (Eigen::Index j = 0; j < w.cols(); ++j)
        w(i, j) = gen.uniform(-weight_bound, weight_bound);
    }
    const double bias_bound = 1.0 / std::sqrt(fan_in);
    auto b = bias(l);
    for (Eigen::Index i = 0; i < b.size(); ++i) b(i) = gen.uniform(-bias_bound, bias_bound);
  }
}

const Matrix& MLP::forward(const Matrix& x) {
  if (x.rows() != sizes_[0]) {
    throw std::invalid_argument("MLP::forward: input has " + std::to_string(x.rows()) +
                                " features, the model expects " + std::to_string(sizes_[0]));
  }
  inputs_[0] = x;
  for (int l = 0; l < num_layers(); ++l) {
    const Matrix& a = inputs_[l];
    Matrix& z = (l + 1 < num_layers()) ? inputs_[l + 1] : logits_;
    const auto w = weight(l);
    const auto b = bias(l);
    z.resize(w.rows(), a.cols());
    const Eigen::Index n = a.cols();
    // z[o] = sum_k W[o,k] a[k], summed over k in order, then + b[o]: addmm(bias, x, W^T) adds the
    // bias to the finished product. Plain loops over the contiguous rows (for mini-batches of a
    // few dozen samples an Eigen expression per row costs more than its arithmetic), four outputs
    // at a time so that each input row is loaded once for four; every element's sum keeps its
    // order.
    Eigen::Index o = 0;
    for (; o + 4 <= w.rows(); o += 4) {
      float* zr[4] = {z.row(o).data(), z.row(o + 1).data(), z.row(o + 2).data(),
                      z.row(o + 3).data()};
      // Eight samples at a time, the 4 x 8 partial sums kept in registers over the whole sum
      // instead of stored and reloaded for every k.
      Eigen::Index i0 = 0;
      for (; i0 + 8 <= n; i0 += 8) {
        Float4 acc[4][2];
        const float* a0 = a.row(0).data() + i0;
        const Float4 a00 = load4(a0), a01 = load4(a0 + 4);
        for (int r = 0; r < 4; ++r) {
          const float wr = w(o + r, 0);
          acc[r][0] = wr * a00;
          acc[r][1] = wr * a01;
        }
        for (Eigen::Index k = 1; k < w.cols(); ++k) {
          const float* ak = a.row(k).data() + i0;
          const Float4 ak0 = load4(ak), ak1 = load4(ak + 4);
          for (int r = 0; r < 4; ++r) {
            const float wr = w(o + r, k);
            acc[r][0] += wr * ak0;
            acc[r][1] += wr * ak1;
          }
        }
        for (int r = 0; r < 4; ++r) {
          store4(zr[r] + i0, acc[r][0]);
          store4(zr[r] + i0 + 4, acc[r][1]);
        }
      }
      for (; i0 < n; ++i0) {
        for (int r = 0; r < 4; ++r) {
          float sum = w(o + r, 0) * a(0, i0);
          for (Eigen::Index k = 1; k < w.cols(); ++k) sum += w(o + r, k) * a(k, i0);
          zr[r][i0] = sum;
        }
      }
    }
    for (; o < w.rows(); ++o) {
      float* zo = z.row(o).data();
      const float* a0 = a.row(0).data();
      const float w0 = w(o, 0);
      for (Eigen::Index i = 0; i < n; ++i) zo[i] = w0 * a0[i];
      for (Eigen::Index k = 1; k < w.cols(); ++k) {
        const float* ak = a.row(k).data();
        const float wk = w(o, k);
        for (Eigen::Index i = 0; i < n; ++i) zo[i] += wk * ak[i];
      }
    }
    for (o = 0; o < w.rows(); ++o) {
      float* zo = z.row(o).data();
      const float bo = b(o);
      for (Eigen::Index i = 0; i < n; ++i) zo[i] += bo;
    }
    if (l + 1 < num_layers()) z = z.cwiseMax(0.0f);  // ReLU
  }
  return logits_;
}

void MLP::backward(const Matrix& grad_logits) {
  const Matrix* grad = &grad_logits;  // dLoss/dz of the current layer (out x N); no copy
  for (int l = num_layers() - 1; l >= 0; --l) {
    // z = W a + b  =>  dW = dz a^T, db = sum over samples of dz, da = W^T dz.
    const Matrix& a = inputs_[l];
    const Matrix& g = *grad;
    auto grad_w = weight_in(grads_, l);
    auto grad_b = bias_in(grads_, l);
    for (Eigen::Index o = 0; o < grad_w.rows(); ++o) {
      for (Eigen::Index k = 0; k < grad_w.cols(); ++k) grad_w(o, k) = g.row(o).dot(a.row(k));
      grad_b(o) = g.row(o).sum();
    }
    if (l == 0) break;
    const auto w = weight(l);
    const Eigen::Index n = g.cols();
    grad_input_.resize(w.cols(), n);
    // grad_input[k] = sum_o W[o,k] grad[o], summed over o in order (plain loops, as forward), four
    // inputs at a time so that each gradient row is loaded once for four; then ReLU backward
    // (threshold_backward): the gradient passes where the ReLU's output a[k] is positive.
    Eigen::Index k = 0;
    for (; k + 4 <= w.cols(); k += 4) {
      float* gr[4] = {grad_input_.row(k).data(), grad_input_.row(k + 1).data(),
                      grad_input_.row(k + 2).data(), grad_input_.row(k + 3).data()};
      Eigen::Index i0 = 0;
      for (; i0 + 8 <= n; i0 += 8) {  // 4 x 8 partial sums in registers, as in forward
        Float4 acc[4][2];
        const float* g0 = g.row(0).data() + i0;
        const Float4 g00 = load4(g0), g01 = load4(g0 + 4);
        for (int r = 0; r < 4; ++r) {
          const float wr = w(0, k + r);
          acc[r][0] = wr * g00;
          acc[r][1] = wr * g01;
        }
        for (Eigen::Index o = 1; o < w.rows(); ++o) {
          const float* go = g.row(o).data() + i0;
          const Float4 go0 = load4(go), go1 = load4(go + 4);
          for (int r = 0; r < 4; ++r) {
            const float wr = w(o, k + r);
            acc[r][0] += wr * go0;
            acc[r][1] += wr * go1;
          }
        }
        for (int r = 0; r < 4; ++r) {
          store4(gr[r] + i0, acc[r][0]);
          store4(gr[r] + i0 + 4, acc[r][1]);
        }
      }
      for (; i0 < n; ++i0) {
        for (int r = 0; r < 4; ++r) {
          float sum = w(0, k + r) * g(0, i0);
          for (Eigen::Index o = 1; o < w.rows(); ++o) sum += w(o, k + r) * g(o, i0);
          gr[r][i0] = sum;
        }
      }
    }
    for (; k < w.cols(); ++k) {
      float* gk = grad_input_.row(k).data();
      const float* g0 = g.row(0).data();
      const float w0 = w(0, k);
      for (Eigen::Index i = 0; i < n; ++i) gk[i] = w0 * g0[i];
      for (Eigen::Index o = 1; o < w.rows(); ++o) {
        const float* go = g.row(o).data();
        const float wo = w(o, k);
        for (Eigen::Index i = 0; i < n; ++i) gk[i] += wo * go[i];
      }
    }
    for (k = 0; k < w.cols(); ++k) {
      float* gk = grad_input_.row(k).data();
      const float* ak = a.row(k).data();
      for (Eigen::Index i = 0; i < n; ++i) gk[i] = ak[i] > 0.0f ? gk[i] : 0.0f;
    }
    grad_.swap(grad_input_);  // O(1): the next layer reads grad_, this layer's scratch is reused
    grad = &grad_;
  }
}

}  // namespace lrplay
