#!/bin/sh
# Kills jackd under a playing engine and starts it again: the device-lost path, for real.
# jackd's dummy driver needs no sound card (scripts/setup.sh --bench installs jackd2).
# Usage: bench/audio/jack_device_lost.sh [build-dir]
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
command -v jackd >/dev/null || { echo "jack_device_lost.sh: jackd is missing (scripts/setup.sh --bench)" >&2; exit 2; }
export JACK_NO_AUDIO_RESERVATION=1
# A server name of its own, so that it runs beside another JACK server (the tests', a soak's).
export JACK_DEFAULT_SERVER=moonrave-device-lost-$$
log=$(mktemp)
jackd -n "$JACK_DEFAULT_SERVER" -d dummy -r 48000 -p 128 >"$log" 2>&1 &
jack=$!
sleep 1.5
"$build/bench/audio/device_lost_bench" 14 128 &
bench=$!
sleep 4
echo "killing jackd (pid $jack)"
kill -9 $jack
wait $jack 2>/dev/null || true
sleep 4
echo "starting jackd again"
jackd -n "$JACK_DEFAULT_SERVER" -d dummy -r 48000 -p 128 >>"$log" 2>&1 &
jack=$!
rc=0
wait $bench || rc=$?
kill $jack 2>/dev/null || true
wait $jack 2>/dev/null || true
rm -f "$log"
exit $rc
