#!/bin/sh
# Builds the mini-notation fuzz targets and the OSC decoder's with clang (libFuzzer, ASan and UBSan on the whole pattern
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
cmake --build "$build" --target mini_parse_fuzz mini_query_fuzz osc_decode_fuzz
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
# The OSC decoder: seeded with SuperDirt packets (a bundle of /dirt/play, a handshake, a hello).
osc_seeds="$build/osc-seeds"
mkdir -p "$osc_seeds" "$build/osc-corpus"
python3 - "$osc_seeds" <<'PY'
import struct, sys
def s(x):
    b = x.encode() + b"\0"
    return b + b"\0" * (-len(b) % 4)
def msg(path, args):
    tags, data = ",", b""
    for a in args:
        if isinstance(a, str): tags += "s"; data += s(a)
        elif isinstance(a, int): tags += "i"; data += struct.pack(">i", a)
        else: tags += "f"; data += struct.pack(">f", a)
    return s(path) + s(tags) + data
play = msg("/dirt/play", ["s", "bd", "cps", 0.5, "cycle", 4.0, "delta", 0.5, "orbit", 0, "n", 3.0])
bundle = b"#bundle\0" + struct.pack(">II", 3999999999, 1 << 31) + struct.pack(">I", len(play)) + play
for name, data in [("play", play), ("bundle", bundle), ("handshake", msg("/dirt/handshake", [])), ("hello", msg("/dirt/hello", []))]:
    open(sys.argv[1] + "/" + name, "wb").write(data)
PY
"./tests/fuzz/osc_decode_fuzz" -seed="${FUZZ_SEED:-0}" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=2048 -print_final_stats=1 \
  "$build/osc-corpus" "$osc_seeds"
