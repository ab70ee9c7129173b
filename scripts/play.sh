#!/usr/bin/env bash
# From a fresh Debian 12 machine to sound: installs what is missing, builds moonrave, and opens
# the performance window on the welcome set (or FILE). Without a display or an audio device,
# moonrave says so and renders the set to a WAV file instead.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
printf '\033[1mplay:\033[0m building moonrave (the first build takes a few minutes)\n' >&2
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >build.configure.log 2>&1 ||
  { cat build.configure.log; exit 1; }
cmake --build build --target moonrave -j"$(nproc 2>/dev/null || echo 2)"
exec build/src/app/moonrave "$@"
