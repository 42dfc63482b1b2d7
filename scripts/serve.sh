#!/usr/bin/env bash
# The main job: installs what is missing, builds the native core and CLI, the wasm core and the page,
# then serves the page (dist/) on localhost and prints its URL. Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-4173}"

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DLRPLAY_TESTS=OFF > /dev/null
cmake --build build -j2 --target lrplay
npm run build

echo
echo "lrplay is served at http://localhost:${port}/  (CLI: build/lrplay --help; static site: dist/)"
echo
exec node node_modules/vite/bin/vite.js preview --port "$port" --strictPort --host 127.0.0.1
