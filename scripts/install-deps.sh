#!/usr/bin/env bash
# Installs what lrplay needs on a fresh Debian 12 machine: Debian packages (as root, or through sudo
# when it asks no password) and the npm packages pinned by package-lock.json. Does nothing that is
# already done. `--build-only`: only what `npm run build` needs (no test tools, no browsers), as the
# GitHub Pages workflow (.github/workflows/pages.yml) uses it on Ubuntu.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make libeigen3-dev emscripten)
if [ "${1:-}" != "--build-only" ]; then
  packages+=(libgtest-dev libbenchmark-dev chromium firefox-esr clang libclang-rt-14-dev)
fi
# Vite 8 needs Node >= 20.19; machines of this project's kind ship one. Debian's own is only a fallback.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || ! sudo -n true 2>/dev/null || as_root=(sudo)
  if [ "$(id -u)" -eq 0 ] || [ "${#as_root[@]}" -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    "${as_root[@]}" apt-get update -q
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  else
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# npm ci only when node_modules is missing or older than the lock file, and never through a symlink
# (a git worktree sharing another checkout's node_modules: npm ci would empty that one first).
if [ -L node_modules ]; then
  echo "node_modules is a symlink to $(readlink node_modules): left as it is (no npm ci)"
elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
