#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a bounded time, starting
# from the seed corpus in tests/fuzz/corpus/. New inputs go to a scratch folder, not the repository.
# FUZZ_SECONDS (default 30) sets the time per target. A failing input is kept in build-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-30}"

CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLRPLAY_FUZZ=ON \
  -DLRPLAY_TESTS=OFF > /dev/null
cmake --build build-fuzz -j2 --target fuzz_csv fuzz_config

cd build-fuzz
for target in csv config; do
  scratch=$(mktemp -d)
  echo "fuzz_${target}: ${seconds} s"
  status=0
  "./tests/fuzz/fuzz_${target}" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
    -print_final_stats=1 "$scratch" "../tests/fuzz/corpus/${target}" > "fuzz_${target}.log" 2>&1 ||
    status=$?
  rm -rf "$scratch"
  grep -E "^(Done|stat::number_of_executed_units)" "fuzz_${target}.log" || true
  if [ "$status" -ne 0 ]; then
    grep -E -A25 "^==[0-9]+==" "fuzz_${target}.log" | head -40
    echo "fuzz_${target} found a failing input (build-fuzz/crash-* or leak-*); log: build-fuzz/fuzz_${target}.log"
    exit 1
  fi
done
