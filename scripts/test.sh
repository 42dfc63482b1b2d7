#!/usr/bin/env bash
# Every test of the project, as CI runs it (.ci/run): installs what is missing, checks that the
# C++ and web code are formatted (scripts/format.sh --check), then
#   1. the native core, CLI and GoogleTest suite (ctest), golden PyTorch traces included;
#   2. the same suite under AddressSanitizer + UndefinedBehaviorSanitizer, and the libFuzzer targets
#      for a bounded time (FUZZ_SECONDS each, default 30);
#   3. the wasm core and the page (Vite build), the wasm unit tests and the end-to-end tests in
#      headless Chromium and Firefox ESR (node's test runner), and the GitHub Pages workflow's syntax.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI="${CI:-}"

step() { printf '\n== %s\n' "$*"; }

step "dependencies"
bash scripts/install-deps.sh

step "formatting (clang-format, Prettier): run bash scripts/format.sh to fix"
bash scripts/format.sh --check

step "native build and ctest"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DLRPLAY_TESTS=ON > /dev/null
cmake --build build -j2
(cd build && ctest --output-on-failure -j2)

step "ctest under AddressSanitizer and UndefinedBehaviorSanitizer"
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DLRPLAY_SANITIZE=ON -DLRPLAY_TESTS=ON > /dev/null
cmake --build build-sanitize -j2
(cd build-sanitize && ctest --output-on-failure -j2)

step "fuzzing the CSV loader and the settings parser"
bash scripts/fuzz.sh

step "the GitHub Pages workflow (action-validator, offline)"
npx --no action-validator .github/workflows/pages.yml

step "wasm core and page build"
npm run build

step "wasm unit tests and end-to-end tests (headless Chromium, Firefox ESR)"
node --test --test-concurrency=1 tests/web/*.test.mjs
