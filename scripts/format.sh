#!/usr/bin/env bash
# Formats the C++ (clang-format, .clang-format) and the web code (Prettier, .prettierrc.json).
# --check only reports files that are not formatted.
set -euo pipefail
cd "$(dirname "$0")/.."
cpp_files=$(git ls-files 'cpp/*.cpp' 'cpp/*.hpp' 'tests/*.cpp' 'tests/fuzz/*.cpp' 'bench/*.cpp')
web_files=$(git ls-files 'web/*.js' 'web/*.css' 'web/*.html' 'tests/web/*.mjs' 'vite.config.js' | grep -v '^web/src/lesson/')
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run --Werror $cpp_files
  npx prettier --check $web_files
else
  clang-format -i $cpp_files
  npx prettier --write $web_files
fi
