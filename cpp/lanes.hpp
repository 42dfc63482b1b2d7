// Small vectors of floats and doubles (GCC/Clang vector extensions) for the hot kernels
// (cpp/mlp_kernels.hpp, cpp/vector_math.cpp), and how each kernel is compiled for AVX2 as well.
#pragma once

#include <cstdint>
#include <cstring>

namespace lrplay {

// Everything a kernel calls is inlined into it, so that each kernel's clone (next) is compiled
// whole for its instruction set.
#define LRPLAY_INLINE inline __attribute__((always_inline))
// The same for a lambda, written after its parameters: a lambda is not cloned with the kernel it
// is in, so it too must be inlined to be compiled for the clone's instruction set.
#define LRPLAY_INLINE_LAMBDA __attribute__((always_inline))
// On x86-64 Linux each kernel is also compiled for AVX2, and the dynamic loader picks that clone on
// a CPU that has it (GCC's target_clones, an ifunc): the same lanewise operations in the same
// order, more lanes to a register, so the results are the default clone's bit for bit (no FMA:
// -ffp-contract=off). The wasm build has one copy.
// (-DLRPLAY_KERNEL= builds the default copy alone, to test it on an AVX2 machine.)
#ifndef LRPLAY_KERNEL
#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__) && !defined(__clang__)
#define LRPLAY_KERNEL __attribute__((target_clones("avx2", "default")))
#else
#define LRPLAY_KERNEL
#endif
#endif
#if defined(__GNUC__) && !defined(__clang__)
// GCC warns that a vector (below) passed by value would change the calling convention without
// AVX; every function that takes or returns one is inlined, so no call passes one.
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

// Four and eight floats, four doubles and their bits as one value: lanewise arithmetic, each
// operation rounded once as the scalar one is (-ffp-contract=off), so the results are a scalar
// loop's bit for bit. 32 bytes are one AVX register, or two SSE or wasm SIMD registers.
typedef float Float4 __attribute__((vector_size(16)));
typedef float Float8 __attribute__((vector_size(32)));
typedef double Double4 __attribute__((vector_size(32)));
typedef std::uint64_t Bits4x64 __attribute__((vector_size(32)));

// A vector from or to (unaligned) memory.
template <class V>
LRPLAY_INLINE V load(const float* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <class V>
LRPLAY_INLINE void store(float* p, V v) {
  std::memcpy(p, &v, sizeof v);
}

// The same bytes read as another type of the same size (a vector's bits, or bits as a vector).
template <class To, class From>
LRPLAY_INLINE To bit_cast(const From& from) {
  static_assert(sizeof(To) == sizeof(From), "bit_cast between types of one size");
  To to;
  std::memcpy(&to, &from, sizeof to);
  return to;
}

}  // namespace lrplay
