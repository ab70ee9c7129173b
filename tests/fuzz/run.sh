#!/bin/sh
# Builds the mini-notation fuzz targets with clang (libFuzzer, ASan and UBSan on the whole pattern
# library, which gets coverage instrumentation too) and runs each for SECONDS (default 60: the CI
# run; use 600 or more before calling a change done). Seeds: every string of the conformance cases.
# Usage: tests/fuzz/run.sh [SECONDS] [BUILD_DIR]   (FUZZ_SEED=N: libFuzzer's seed, for a
# repeatable run; CI uses 1. Any crash, hang, leak or sanitizer report fails the script.)
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-60}
build=${2:-$root/build-fuzz}
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMR_BUILD_GRAPHICS=OFF -DMR_BUILD_BENCH=OFF -DMR_BUILD_FUZZ=ON -DMR_SANITIZE=address,undefined \
  -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
cmake --build "$build" --target mini_parse_fuzz mini_query_fuzz
seeds="$build/fuzz-seeds"
mkdir -p "$seeds" "$build/fuzz-corpus"
python3 - "$root/tests/conformance/cases" "$seeds" <<'PY'
import glob, hashlib, json, re, sys
for f in glob.glob(sys.argv[1] + '/*.jsonl'):
    for line in open(f):
        for m in re.findall(r'"((?:[^"\\]|\\.)*)"', json.loads(line)['js']):
            open(sys.argv[2] + '/' + hashlib.md5(m.encode()).hexdigest(), 'w').write(m)
PY
cd "$build"
for t in mini_parse_fuzz mini_query_fuzz; do
  "./tests/fuzz/$t" -seed="${FUZZ_SEED:-0}" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=256 -print_final_stats=1 \
    "$build/fuzz-corpus" "$seeds"
done
