#!/usr/bin/env bash
# Relinks build-wasm (as `npm run wasm` leaves it) with function names into
# build-wasm/lrplay-names.wasm and prints what the wasm holds (bench/wasm_breakdown.py).
set -euo pipefail
cd "$(dirname "$0")/../build-wasm"
link=$(sed 's# -o lrplay.js# --profiling-funcs -o lrplay-names.js#' CMakeFiles/lrplay_wasm.dir/link.txt)
eval "$link"
python3 ../bench/wasm_breakdown.py lrplay-names.wasm .
