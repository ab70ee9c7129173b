#!/usr/bin/env bash
# Side-by-side voice benchmark: scsynth (non-real-time) and moonrave's bench_voice render the same
# N voices of Saw -> RLPF (Q 4) -> Env.linen (10 ms edges) -> Pan2 for DUR seconds at 48 kHz, in
# the same run, alternating, REPS times each; prints medians and the ratio.
#
# usage: bench/dsp/run.sh [N ...]      (default: 16 64 256)
# env:   DUR=60 REPS=3 SCBLOCK=64 (scsynth -z) MODES="simd scalar" BUILD=build (where bench_voice is built)
#        SCEN=sustained|notes (notes: each slot retriggers a 0.2 s note every 0.25 s, voice churn;
#        voice-samples then count sounding note time only, as the scsynth script does)
#        SCBENCH=/work/shared/bench/scsynth (run_scsynth_bench.sh, voices.py) WORK=/tmp/mr-voice-bench
# Both sides write their stereo float WAV and are timed as whole processes (user + sys CPU).
# Needs: scsynth (Debian: supercollider-server), /usr/bin/time, python3.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
BIN=${BENCH_VOICE:-$ROOT/$BUILD/bench/dsp/bench_voice}
SCBENCH=${SCBENCH:-/work/shared/bench/scsynth}
DUR=${DUR:-60}; REPS=${REPS:-3}; MODES=${MODES:-"simd scalar"}; SCEN=${SCEN:-sustained}
WORK=${WORK:-${TMPDIR:-/tmp}/mr-voice-bench}; mkdir -p "$WORK"
PY=${PY:-/usr/bin/python3}; [ -x "$PY" ] || PY=python3
NS=("$@"); [ ${#NS[@]} -gt 0 ] || NS=(16 64 256)

if [ ! -x "$BIN" ]; then
  cmake --build "$ROOT/$BUILD" --target bench_voice >/dev/null
fi
HAVE_SC=1
if ! command -v scsynth >/dev/null || [ ! -x "$SCBENCH/run_scsynth_bench.sh" ]; then
  echo "scsynth or $SCBENCH/run_scsynth_bench.sh missing: moonrave only (apt-get install supercollider-server)" >&2
  HAVE_SC=0
fi

# CPU seconds (user + sys, microsecond resolution) of one child process.
cpu_of() {
  "$PY" - "$@" <<'PYEOF'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{r.ru_utime + r.ru_stime:.4f}")
PYEOF
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "# $(date -u +%F) $(uname -m) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "# SCEN=$SCEN DUR=$DUR s, REPS=$REPS (medians), 48 kHz; moonrave blocks of 128 frames, scsynth -z ${SCBLOCK:-64}"
printf '%-6s %-16s %-12s %-14s %s\n' N engine cpu_s voice-samp/s "ratio vs scsynth"
for N in "${NS[@]}"; do
  "$PY" "$SCBENCH/voices.py" "$N" >"$WORK/params_$N.txt" 2>/dev/null || true
  [ -s "$WORK/params_$N.txt" ] && PARAMS=(--params "$WORK/params_$N.txt") || PARAMS=()
  declare -A CPUS=()
  for ((r = 0; r < REPS; r++)); do
    if [ $HAVE_SC = 1 ]; then
      line=$(SCEN=$SCEN DUR=$DUR BLOCK=${SCBLOCK:-64} WORK="$WORK" "$SCBENCH/run_scsynth_bench.sh" "$N" 2>/dev/null)
      CPUS[sc]+="$(sed -n 's/.*cpu_s=\([0-9.]*\).*/\1/p' <<<"$line") "
    fi
    for m in $MODES; do
      c=$(cpu_of "$BIN" "$N" --dur "$DUR" --mode "$m" --scen "$SCEN" "${PARAMS[@]}" --out "$WORK/moonrave_${m}_$N.wav")
      rm -f "$WORK/moonrave_${m}_$N.wav"
      CPUS[$m]+="$c "
    done
  done
  if [ "$SCEN" = notes ]; then
    VS=$("$PY" -c "import sys; sys.path.insert(0, '$SCBENCH'); from voices import note_events, NOTE_DUR; print(len(note_events($N, $DUR)) * NOTE_DUR * 48000)")
  else
    VS=$(awk -v n="$N" -v d="$DUR" 'BEGIN{print n*48000*d}')
  fi
  SC_VSPS=""
  if [ $HAVE_SC = 1 ]; then
    c=$(median ${CPUS[sc]}); SC_VSPS=$(awk -v v="$VS" -v c="$c" 'BEGIN{print v/c}')
    printf '%-6s %-16s %-12s %-14.4g %s\n' "$N" scsynth "$c" "$SC_VSPS" "1.00"
  fi
  for m in $MODES; do
    c=$(median ${CPUS[$m]}); v=$(awk -v v="$VS" -v c="$c" 'BEGIN{print v/c}')
    ratio=$([ -n "$SC_VSPS" ] && awk -v a="$v" -v b="$SC_VSPS" 'BEGIN{printf "%.2f", a/b}' || echo "-")
    printf '%-6s %-16s %-12s %-14.4g %s\n' "$N" "moonrave-$m" "$c" "$v" "$ratio"
  done
  unset CPUS
done
