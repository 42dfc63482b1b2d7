#!/usr/bin/env bash
# Compiles the core to WebAssembly (Emscripten) and puts lrplay.js + lrplay.wasm where the page imports them.
set -euo pipefail
cd "$(dirname "$0")/.."
emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release > build-wasm.log 2>&1 || { cat build-wasm.log; exit 1; }
cmake --build build-wasm -j2
mkdir -p web/src/wasm
cp build-wasm/lrplay.js build-wasm/lrplay.wasm web/src/wasm/
