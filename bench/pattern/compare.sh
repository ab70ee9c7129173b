#!/bin/sh
# Times the same patterns in moonrave (pattern_bench) and in Strudel 1.2.6 under node
# (bench/strudel/run.sh), one query per cycle, and prints both with the speed-up.
# Usage: bench/pattern/compare.sh [build-dir] [cycles]
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
cycles=${2:-1000}
ours=$("$build/bench/pattern/pattern_bench" "$cycles")
theirs=$("$root/bench/strudel/run.sh" "$cycles")
echo "$ours"
echo "$theirs"
for name in dense nested random; do
  a=$(echo "$ours" | sed -n "s/^moonrave $name: .* = \([0-9]*\) events\/s/\1/p")
  b=$(echo "$theirs" | sed -n "s/^strudel $name: .* = \([0-9]*\) events\/s/\1/p")
  [ -n "$a" ] && [ -n "$b" ] && awk -v n="$name" -v a="$a" -v b="$b" \
    'BEGIN { printf "%-8s moonrave %12.0f ev/s  strudel %10.0f ev/s  x%.1f\n", n, a, b, a / b }'
done
