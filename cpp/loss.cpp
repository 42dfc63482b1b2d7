#include "loss.hpp"

#include <algorithm>
#include <cmath>

#include "lanes.hpp"
#include "vector_math.hpp"

namespace lrplay {

namespace {

// nll_loss's mean reduction sums the per-sample losses in float32 with a cascade of 8 partial sums,
// each level folded into the next every 16 samples (aten/src/ATen/native/LossNLL.cpp,
// nll_loss_out_frame). Summing the same way gives the same rounding and the same overflow to inf.
class CascadeSum {
 public:
  void add(Eigen::Index index, float value) {
    partial_[0] += value;
    for (int level = 0; level + 1 < kLevels; ++level) {
      if ((index & (kMask << (level * kLevelBits))) != 0) break;
      partial_[level + 1] += partial_[level];
      partial_[level] = 0.0f;
    }
  }
  float total() const {
    float sum = 0.0f;
    for (float p : partial_) sum += p;
    return sum;
  }

 private:
  static constexpr int kLevels = 8;
  static constexpr int kLevelBits = 4;  // max(4, ceil(log2(N)) / 8) for any N below 2^32
  static constexpr Eigen::Index kMask = (1 << kLevelBits) - 1;
  float partial_[kLevels] = {};
};

}  // namespace

// A kernel (cpp/lanes.hpp): its elementwise loops over a block's samples are vectorized eight
// lanes wide in the AVX2 clone, with the same bits.
LRPLAY_KERNEL float cross_entropy(const Matrix& logits, const std::vector<int>& y, Matrix* grad) {
  const Eigen::Index classes = logits.rows(), n = logits.cols();
  const float inv_n = 1.0f / static_cast<float>(n);
  if (grad) grad->resize(classes, n);
  CascadeSum total;
  // log_softmax as torch computes it, z - max - log(sum(exp(z - max))), for a block of samples at
  // a time: each step a loop over the block's samples (class k's logits are the contiguous row
  // z[k]), which the compiler vectorizes across samples, and exp_floats and log_floats over a
  // row of the block (expf's and logf's bits, several lanes at once). Each sample's max and sum
  // still run over its classes in order, as Eigen's reductions of a column did, so the bits are
  // unchanged.
  // exp_floats and log_floats take whole groups of 8 values: over a block's buffers (kBlock a
  // multiple of 8) they run to m rounded up to 8, the lanes past m finite and never read, not
  // through a padded copy of the last m % 8 (two memcpy calls each, ~1.4% of the wasm's epoch in
  // node's profile). Class 0's exponentials go straight into sum and the log runs on sum in place,
  // not on copies (std::copy: calls to musl's memcpy in the wasm, ~1.4k instructions an epoch in
  // node): every value read is computed as before, the same bits.
  constexpr Eigen::Index kBlock = 64;
  static_assert(kBlock % 8 == 0, "blocks of whole groups of 8");
  float max[kBlock], sum[kBlock], e[kBlock] = {};
  for (Eigen::Index i0 = 0; i0 < n; i0 += kBlock) {
    const Eigen::Index m = std::min(kBlock, n - i0), m8 = (m + 7) / 8 * 8;
    const float* z = logits.data() + i0;  // z[k * n + i]: class k, sample i0 + i
    // The max as maxCoeff(): std::max(max, z[k]), which keeps a NaN found first.
    for (Eigen::Index i = 0; i < m; ++i) max[i] = z[i];
    for (Eigen::Index k = 1; k < classes; ++k) {
      const float* zk = z + k * n;
      for (Eigen::Index i = 0; i < m; ++i) max[i] = max[i] < zk[i] ? zk[i] : max[i];
    }
    std::fill(sum + m, sum + m8, 1.0f);  // the lanes past m: exp(1), then its log
    for (Eigen::Index k = 0; k < classes; ++k) {
      const float* zk = z + k * n;
      float* exp_k = k == 0 ? sum : e;
      for (Eigen::Index i = 0; i < m; ++i) exp_k[i] = zk[i] - max[i];
      exp_floats(exp_k, m8);
      if (k > 0) {
        for (Eigen::Index i = 0; i < m; ++i) sum[i] += e[i];
      }
    }
    float* const log_sum = sum;
    log_floats(log_sum, m8);
    for (Eigen::Index i = 0; i < m; ++i) {
      total.add(i0 + i, -((z[y[i0 + i] * n + i] - max[i]) - log_sum[i]));
    }
    if (grad) {
      // log_softmax_backward of nll_loss's gradient (-1/N at the label):
      // g = exp(log_softmax) / N - onehot / N.
      float* g = grad->data() + i0;
      for (Eigen::Index k = 0; k < classes; ++k) {
        const float* zk = z + k * n;
        float* gk = g + k * n;
        for (Eigen::Index i = 0; i < m; ++i) e[i] = (zk[i] - max[i]) - log_sum[i];
        exp_floats(e, m8);
        for (Eigen::Index i = 0; i < m; ++i) gk[i] = e[i] * inv_n;
      }
      for (Eigen::Index i = 0; i < m; ++i) g[y[i0 + i] * n + i] -= inv_n;
    }
  }
  return total.total() / static_cast<float>(n);
}

float accuracy(const Matrix& logits, const std::vector<int>& y) {
  int correct = 0;
  for (Eigen::Index i = 0; i < logits.cols(); ++i) {
    Eigen::Index best = 0;
    for (Eigen::Index k = 1; k < logits.rows(); ++k) {
      if (logits(k, i) > logits(best, i)) best = k;
    }
    correct += (best == y[i]);
  }
  return static_cast<float>(correct) / static_cast<float>(logits.cols());
}

}  // namespace lrplay
