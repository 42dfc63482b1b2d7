// The MLP's kernels, included by cpp/mlp.cpp alone: each layer's product forward and
// backward, the weight, bias and input gradients, as register-blocked loops over samples whose sums
// each keep one fixed order, so every build computes the same bits (tests/test_mlp_bits.cpp,
// tests/web/wasm-bits.test.mjs). Internal linkage: these are mlp.cpp's, in a file of their own.
#pragma once

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "lanes.hpp"
#include "mlp.hpp"

namespace lrplay {
namespace {

using Index = Eigen::Index;

template <int R>
using Rows = std::integral_constant<int, R>;

// block(Rows<Max>(), k) for k = 0, Max, 2 Max, ... while Max rows of [0, count) remain, then
// block(Rows<R>(), k) once for the R < Max rows left: each kernel's row block is a compile-time
// size, so its R partial sums stay in registers.
template <int Max, class Block>
LRPLAY_INLINE void in_row_blocks(Index count, const Block& block) {
  Index k = 0;
  for (; k + Max <= count; k += Max) block(Rows<Max>(), k);
  const Index rest = count - k;
  if (rest == 3) block(Rows<3>(), k);
  if (rest == 2) block(Rows<2>(), k);
  if (rest == 1) block(Rows<1>(), k);
}

// The lanes of v where mask (a vector comparison's result) is set, +0 elsewhere.
template <class V, class Mask>
LRPLAY_INLINE V keep(V v, Mask mask) {
  Mask bits;
  std::memcpy(&bits, &v, sizeof v);
  bits &= mask;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

// A weight matrix read as W(r, j) = w[r * row_step + j * col_step]: a layer's weight (out x in)
// for the forward pass, its transpose for the gradient of the layer's input.
struct Weights {
  const float* w;
  Index row_step, col_step;
  LRPLAY_INLINE float operator()(Index r, Index j) const { return w[r * row_step + j * col_step]; }
};

// R rows' sums, each over the lanes of V (row_sums, below).
template <int R, class V>
struct RowSums {
  V acc[R];
};

// The R sums of product_rows (below) for the samples [i, i + lanes of V): acc[r] = sum over j in
// order of W(r0 + r, j) in(j, i...). The weights and the rows of `in` are walked with pointers
// stepped once per j, not indexed as w[r * row_step + j * col_step] and in.row(j): Emscripten
// compiles with LLVM's loop strength reduction off (-disable-lsr) and V8 does not strength-reduce
// either, so in the wasm each index cost a multiply and two adds per term; natively the compilers
// make the same pointers themselves. The same operations on the same values: the same bits.
template <int R, class V>
LRPLAY_INLINE RowSums<R, V> row_sums(Weights W, Index r0, const Matrix& in, Index i) {
  const Index depth = in.rows(), n = in.cols();
  const float* w[R];
  for (int r = 0; r < R; ++r) w[r] = W.w + (r0 + r) * W.row_step;
  const float* x = in.data() + i;  // in(j, i), stepped by n
  RowSums<R, V> s;
  const V x0 = load<V>(x);
  for (int r = 0; r < R; ++r) s.acc[r] = *w[r] * x0;
  for (Index j = 1; j < depth; ++j) {
    x += n;
    const V xj = load<V>(x);
    for (int r = 0; r < R; ++r) {
      w[r] += W.col_step;
      s.acc[r] += *w[r] * xj;
    }
  }
  return s;
}

// product_rows (below) for the four samples from `start`.
template <int R, class Finish>
LRPLAY_INLINE void product_four(Weights W, Index r0, const Matrix& in, float* const* o, Index start,
                                const Finish& finish) {
  const RowSums<R, Float4> s = row_sums<R, Float4>(W, r0, in, start);
  for (int r = 0; r < R; ++r) store(o[r] + start, finish(r0 + r, start, s.acc[r]));
}

// Rows [r0, r0 + R) of out = W in, where in is (depth x n): out[r][i] = sum_j W(r, j) in[j][i],
// summed over j in order from j = 0, as the plain scalar loop does, then finish(r, i, sum) is
// stored. The R rows and 8 samples at a time keep R x 8 partial sums in registers over the whole
// sum, loading each row of `in` once for R outputs; for 10-wide layers this beats a general GEMM,
// whose packing dominates. Vectorized across samples, never within a sum, so every element's sum
// keeps its order.
template <int R, class Finish>
LRPLAY_INLINE void product_rows(Weights W, Index r0, const Matrix& in, Matrix& out,
                                const Finish& finish) {
  const Index depth = in.rows(), n = in.cols();
  float* o[R];
  for (int r = 0; r < R; ++r) o[r] = out.row(r0 + r).data();
  Index i = 0;
  for (; i + 8 <= n; i += 8) {
    const RowSums<R, Float8> s = row_sums<R, Float8>(W, r0, in, i);
    for (int r = 0; r < R; ++r) store(o[r] + i, finish(r0 + r, i, s.acc[r]));
  }
  // Then four at a time, the last four ending at n: they may store a few samples again, with the
  // bits they already have (every sample's sum is its own). One at a time if n < 4.
  for (; n >= 4 && i < n; i += 4) product_four<R>(W, r0, in, o, std::min(i, n - 4), finish);
  for (; i < n; ++i) {
    for (int r = 0; r < R; ++r) {
      float sum = W(r0 + r, 0) * in(0, i);
      for (Index j = 1; j < depth; ++j) sum += W(r0 + r, j) * in(j, i);
      o[r][i] = finish(r0 + r, i, sum);
    }
  }
}

// out (rows x n) = W in, four rows at a time, then the rest together.
template <class Finish>
LRPLAY_INLINE void product(Weights W, Index rows, const Matrix& in, Matrix& out,
                           const Finish& finish) {
  in_row_blocks<4>(rows, [&](auto block, Index r) LRPLAY_INLINE_LAMBDA {
    product_rows<decltype(block)::value>(W, r, in, out, finish);
  });
}

// addmm(bias, x, W^T) adds the bias to the finished product. (finish functors: V is float,
// Float4 or Float8, the sums of row r for the samples from i.)
struct AddBias {
  const float* b;
  template <class V>
  LRPLAY_INLINE V operator()(Index r, Index, V sum) const {
    return sum + b[r];
  }
};

// The bias, then ReLU as z.cwiseMax(0) computes it (std::max(z, 0) = z < 0 ? 0 : z; NaN and -0
// pass).
struct AddBiasRelu {
  const float* b;
  LRPLAY_INLINE float operator()(Index r, Index, float sum) const {
    const float z = sum + b[r];
    return z < 0.0f ? 0.0f : z;
  }
  template <class V>
  LRPLAY_INLINE V operator()(Index r, Index, V sum) const {
    const V z = sum + b[r];
    return keep(z, ~(z < 0.0f));
  }
};

// ReLU backward (threshold_backward): the gradient passes where the ReLU's output a was positive.
struct PassWherePositive {
  const Matrix& a;
  LRPLAY_INLINE float operator()(Index r, Index i, float sum) const {
    return a(r, i) > 0.0f ? sum : 0.0f;
  }
  template <class V>
  LRPLAY_INLINE V operator()(Index r, Index i, V sum) const {
    return keep(sum, load<V>(&a(r, i)) > 0.0f);
  }
};

// out[r] = g . x[k0 + r] for r < R, each dot summed in the order of Eigen 3.4's dot of two
// rows (redux_impl, LinearVectorizedTraversal, 4-float packets; alignedStart is 0 for a product
// expression): packets p0 and p1 over the first 8 samples, p0 += the next even packet and p1 += the
// next odd one, p0 += p1, p0 += the last whole packet if odd, then (p0[0] + p0[2]) + (p0[1] +
// p0[3]) and the leftover samples in order; fewer than 4 samples are summed in order. These are
// the bits the native build had with g.row(o).dot(a.row(k)) (tests/test_mlp_bits.cpp). The wasm
// build now sums in this order too (Eigen 3.4 has no wasm packets: its dot there was a plain
// ordered sum).
template <int R>
LRPLAY_INLINE void dot_rows(const float* g, const Matrix& x, Index k0, float* out) {
  const Index n = x.cols();
  const float* xr[R];
  for (int r = 0; r < R; ++r) xr[r] = x.row(k0 + r).data();
  if (n < 4) {
    for (int r = 0; r < R; ++r) {
      float sum = g[0] * xr[r][0];
      for (Index i = 1; i < n; ++i) sum += g[i] * xr[r][i];
      out[r] = sum;
    }
    return;
  }
  const Index end = n / 4 * 4, end2 = n / 8 * 8;
  Float4 p0[R];
  if (end > 4) {
    // Eigen's packets p0 and p1 side by side: the low and high halves of one Float8.
    Float8 p[R];
    const Float8 g0 = load<Float8>(g);
    for (int r = 0; r < R; ++r) p[r] = g0 * load<Float8>(xr[r]);
    for (Index i = 8; i < end2; i += 8) {
      const Float8 gi = load<Float8>(g + i);
      for (int r = 0; r < R; ++r) p[r] += gi * load<Float8>(xr[r] + i);
    }
    for (int r = 0; r < R; ++r) {
      Float4 p1;
      std::memcpy(&p0[r], &p[r], sizeof p0[r]);
      std::memcpy(&p1, reinterpret_cast<const char*>(&p[r]) + sizeof p1, sizeof p1);
      p0[r] += p1;
    }
    if (end > end2) {
      const Float4 gl = load<Float4>(g + end2);
      for (int r = 0; r < R; ++r) p0[r] += gl * load<Float4>(xr[r] + end2);
    }
  } else {
    const Float4 g0 = load<Float4>(g);
    for (int r = 0; r < R; ++r) p0[r] = g0 * load<Float4>(xr[r]);
  }
  for (int r = 0; r < R; ++r) {
    float sum = (p0[r][0] + p0[r][2]) + (p0[r][1] + p0[r][3]);
    for (Index i = end; i < n; ++i) sum += g[i] * xr[r][i];
    out[r] = sum;
  }
}

// out[r] = the sum of row o0 + r of g (n = g.cols() >= 1 samples) in an order of this project's
// own, the same in every build so that the page's wasm and the native `lrplay` agree bit for bit:
// eight partial sums, lane k over the samples i = k (mod 8) below n - n % 8, each in order; then
// h[k] = lane k + lane k + 4 for k < 4, and (h[0] + h[2]) + (h[1] + h[3]); then the last n % 8
// samples in order. Fewer than 8 samples are summed in order. One Float8 natively (AVX2, or two SSE
// registers), two wasm SIMD registers in the wasm: each lane the same float additions in the same
// order. (Eigen's g.row(o).sum() summed in its packet order natively, which also depends on where
// each row starts against its alignment, and in plain order in the wasm, which has no Eigen
// packets: the two builds' train losses parted in the last bit from the lesson's epoch 6.)
// PyTorch's sum (aten/src/ATen/native/cpu/SumKernel.cpp, cascade_sum) is another order again: the
// golden traces allow 1e-4 for such roundings. R rows side by side overlap their chains of
// dependent additions.
template <int R>
LRPLAY_INLINE void lane_row_sums(const Matrix& g, Index o0, float* out) {
  const Index n = g.cols(), end = n / 8 * 8;
  const float* row[R];
  float sum[R];
  for (int r = 0; r < R; ++r) row[r] = g.row(o0 + r).data();
  Index i = end;
  if (end > 0) {
    Float8 lanes[R];
    for (int r = 0; r < R; ++r) lanes[r] = load<Float8>(row[r]);
    for (Index j = 8; j < end; j += 8) {
      for (int r = 0; r < R; ++r) lanes[r] += load<Float8>(row[r] + j);
    }
    for (int r = 0; r < R; ++r) {
      Float4 low, high;
      std::memcpy(&low, &lanes[r], sizeof low);
      std::memcpy(&high, reinterpret_cast<const char*>(&lanes[r]) + sizeof low, sizeof high);
      const Float4 h = low + high;
      sum[r] = (h[0] + h[2]) + (h[1] + h[3]);
    }
  } else {
    for (int r = 0; r < R; ++r) sum[r] = row[r][0];
    i = 1;
  }
  for (; i < n; ++i) {
    for (int r = 0; r < R; ++r) sum[r] += row[r][i];
  }
  for (int r = 0; r < R; ++r) out[r] = sum[r];
}

// The kernels: each layer's product, forward and backward, runs through one of these.
LRPLAY_KERNEL void hidden_layer(Weights W, Index rows, const Matrix& in, Matrix& out,
                                const float* b) {
  product(W, rows, in, out, AddBiasRelu{b});
}

LRPLAY_KERNEL void output_layer(Weights W, Index rows, const Matrix& in, Matrix& out,
                                const float* b) {
  product(W, rows, in, out, AddBias{b});
}

// grad_input (rows x N) = W^T g, then ReLU backward where a (the layer's input) was not positive.
LRPLAY_KERNEL void input_gradient(Weights W_transposed, Index rows, const Matrix& g, Matrix& out,
                                  const Matrix& a) {
  product(W_transposed, rows, g, out, PassWherePositive{a});
}

// dW (g.rows() x x.rows(), row-major at dw) = g x^T, each element a dot_rows dot, four inputs at a
// time.
LRPLAY_KERNEL void weight_gradient(const Matrix& g, const Matrix& x, float* dw) {
  const Index in = x.rows();
  for (Index o = 0; o < g.rows(); ++o, dw += in) {
    const float* go = g.row(o).data();
    const auto dots = [&](auto block, Index k) LRPLAY_INLINE_LAMBDA {
      dot_rows<decltype(block)::value>(go, x, k, dw + k);
    };
#if defined(__wasm__)
    // Three at a time in the wasm: four keep eight Float4 partial sums, and V8 keeps only six of
    // them in x64's registers (two spilled to the stack and reloaded every eight samples).
    in_row_blocks<3>(in, dots);
#else
    in_row_blocks<4>(in, dots);
#endif
  }
}

// db[o] = the sum over samples of g's row o (lane_row_sums), four rows at a time.
LRPLAY_KERNEL void bias_gradient(const Matrix& g, float* db) {
  if (g.cols() == 0) {
    std::fill(db, db + g.rows(), 0.0f);  // the sum of nothing
    return;
  }
  in_row_blocks<4>(g.rows(), [&](auto block, Index o) LRPLAY_INLINE_LAMBDA {
    lane_row_sums<decltype(block)::value>(g, o, db + o);
  });
}

}  // namespace

}  // namespace lrplay
