#!/usr/bin/env bash
# Installs the Debian 12 packages Stillroom needs to build, run and test.
# Idempotent: installs only what is missing and says what it installs.
# Usage: tools/install-deps.sh [--check]   (--check: only report, exit 1 if something is missing)
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config glslc clang-format git
  # sanitizer build and fuzz targets: clang 14, its ASan/UBSan/libFuzzer runtimes, llvm-symbolizer
  clang-14 libclang-rt-14-dev llvm-14
  # libraries
  libvulkan-dev libglfw3-dev libglm-dev libassimp-dev libimgui-dev libstb-dev
  libmeshoptimizer-dev nlohmann-json3-dev libpugixml-dev libcli11-dev libgtest-dev
  # runtime: CPU Vulkan driver, validation layer, a quiet typeface
  mesa-vulkan-drivers vulkan-validationlayers fonts-inter
  # tests: virtual display, synthetic input, screen capture
  xvfb xauth xdotool imagemagick python3
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  echo "missing packages: ${missing[*]}"
  exit 1
fi

echo "stillroom: installing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "stillroom: need root to install: ${missing[*]}" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
