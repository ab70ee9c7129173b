#!/usr/bin/env bash
# The whole test suite, as CI runs it: set-up check, the release build with every test, the unit
# tests under AddressSanitizer + UBSan, the threaded tests under ThreadSanitizer, and a short
# fuzzing run of the mini-notation parser and queries.
# Ends with CTest's summary of the full suite. Usage: scripts/test.sh [--fast] (--fast: skip the
# sanitizer builds).
set -euo pipefail
cd "$(dirname "$0")/.."

fast=0
for a in "$@"; do
  case "$a" in
    --fast) fast=1 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "test.sh: unknown option '$a' (try --help)" >&2; exit 2 ;;
  esac
done

jobs=$(nproc 2>/dev/null || echo 2)
# ccache: key objects by paths relative to this checkout, so a fresh clone elsewhere reuses them.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "set-up"
scripts/setup.sh --sounds --tidal  # the General MIDI SoundFont (the gm_ tests play the real file) and
                                   # TidalCycles 1.7.10 (the serve test runs real Tidal against moonrave serve)

configure() {  # dir, extra cmake args...
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >"$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log"; exit 1; }
}

# Tests that open windows get a virtual X display of their own.
with_display() {
  if [ -n "${DISPLAY:-}" ] && xdpyinfo >/dev/null 2>&1; then "$@"; else xvfb-run -a -s "-screen 0 1920x1080x24" "$@"; fi
}

if [ $fast -eq 0 ]; then
  step "AddressSanitizer + UBSan: unit tests"
  configure build-asan -DMR_SANITIZE=address,undefined -DMR_BUILD_GRAPHICS=OFF -DMR_BUILD_BENCH=OFF
  cmake --build build-asan -j"$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan -L unit --output-on-failure -j"$jobs"

  step "ThreadSanitizer: threaded tests"
  configure build-tsan -DMR_SANITIZE=thread -DMR_BUILD_GRAPHICS=OFF -DMR_BUILD_BENCH=OFF
  cmake --build build-tsan -j"$jobs"
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    ctest --test-dir build-tsan -L threads --output-on-failure

  step "fuzzing: mini-notation parse and query, 30 s each (libFuzzer, ASan + UBSan)"
  if ! FUZZ_SEED=1 tests/fuzz/run.sh 30 "$PWD/build-fuzz" >build-fuzz.log 2>&1; then
    tail -n 80 build-fuzz.log
    echo "fuzzing found a problem: the whole log is build-fuzz.log" >&2
    exit 1
  fi
  grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units)' build-fuzz.log || true
fi

step "release build: every target, benchmarks included"
configure build
cmake --build build -j"$jobs"

step "full suite"
with_display ctest --test-dir build --output-on-failure -j"$jobs"
