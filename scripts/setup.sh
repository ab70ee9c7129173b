#!/usr/bin/env bash
# Installs everything moonrave needs to build, run and test on Debian 12 (bookworm).
# Idempotent: when every package is already there it only checks and returns in a second.
# Usage: scripts/setup.sh [--bench] [--sounds] [--tidal]   (--bench: also what the side-by-side
# benchmarks run against: SuperCollider's scsynth, GNU time and numpy;
# --sounds: the General MIDI SoundFont that Strudel's gm_ names play from, fluid-soundfont-gm,
# 142 MB; scripts/test.sh installs it; --tidal: TidalCycles 1.7 for ghc, about 800 MB, to play
# Tidal through `moonrave serve` and for its test; scripts/test.sh installs it too)
set -euo pipefail

bench=0
sounds=0
tidal=0
for a in "$@"; do
  case "$a" in
    --bench) bench=1 ;;
    --sounds) sounds=1 ;;
    --tidal) tidal=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) printf 'setup.sh: unknown option %s (try --help)\n' "$a" >&2; exit 2 ;;
  esac
done

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config ccache clang libclang-rt-14-dev
  # libraries (libjack-jackd2-dev, not libjack-dev: jack2's headers coexist with scsynth's jackd2)
  libsdl2-dev libglew-dev libgl-dev libegl-dev libjack-jackd2-dev librtaudio-dev libasound2-dev liblua5.4-dev lua5.4
  libimgui-dev catch2 libsndfile1-dev liblo-dev librtmidi-dev libcurl4-openssl-dev libstb-dev libcpp-httplib-dev nlohmann-json3-dev
  ableton-link-dev libasio-dev
  # running headless and the window tests: X virtual framebuffer, Mesa's software GL
  xvfb xauth libgl1-mesa-dri libegl-mesa0 mesa-utils xdotool
  # fonts for the editor and tools to measure audio
  fonts-jetbrains-mono fonts-dejavu-core sox
  # a JACK server (jackd -d dummy) for the MIDI input tests, and the live soak and device-lost benchmarks
  jackd2
)
if [ $bench -eq 1 ]; then
  PACKAGES+=(supercollider-server time python3-numpy)
fi
if [ $sounds -eq 1 ]; then
  PACKAGES+=(fluid-soundfont-gm)  # /usr/share/sounds/sf2/FluidR3_GM.sf2
fi
if [ $tidal -eq 1 ]; then
  PACKAGES+=(ghc libghc-tidal-dev)  # TidalCycles 1.7.10; `ghci` runs BootTidal-style scripts
fi

say() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

# One dpkg-query for all packages: the packages already installed, one name a line.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null |
            awk '$4 == "installed" {print $1}' || true)
missing=()
for p in "${PACKAGES[@]}"; do
  grep -qx "$p" <<<"$installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  say "all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    say "need root to install: ${missing[*]}"
    say "run this script as root, or install sudo"
    exit 1
  fi
fi

if ! grep -qs 'bookworm' /etc/os-release; then
  say "warning: this script is written for Debian 12 (bookworm); trying anyway"
fi

say "installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
say "done"
