// LRPLAY_COLD marks set-up code (run once per run, not once per epoch) in a file whose other
// functions are hot: clang optimizes it for size, as the cold files' -Oz does in the wasm build
// (CMakeLists.txt). GCC has no such attribute; the native build needs none.
#pragma once

#if defined(__clang__)
#define LRPLAY_COLD __attribute__((minsize))
#else
#define LRPLAY_COLD
#endif
