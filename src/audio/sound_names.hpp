// Strudel's sound names and what plays them here: the drum machines of its default sample map
// (tidal-drum-machines: RolandTR909, LinnDrum, ... and their short aliases TR909, Linn, ...)
// mapped onto the built-in kits, and its default sample names (piano, casio, jazz, the VCSL
// instruments, ...) mapped onto the closest General MIDI instrument or built-in sound. The synth
// and drum names themselves (and their Strudel aliases) live in voices.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "audio/voices.hpp"

namespace mr::audio::detail {

struct DrumMachine {
  const char* name;   // as Strudel's sample map spells it: RolandTR909
  const char* alias;  // its aliasBank short name: TR909
  uint8_t kit;        // the built-in kit that stands in for it (0 default, 1 tr808, 2 tr909)
};
extern const DrumMachine kDrumMachines[];
extern const int kDrumMachineCount;

// A sample name of Strudel's default map that no folder here provides, and what plays instead:
// the General MIDI instrument when the SoundFont is installed, else the built-in sounds (one per
// sample of the original, `n` or `name:i` picking among them).
struct StandIn {
  const char* name;
  const char* gm;        // "" when no GM instrument is close
  const char* builtins;  // space-separated built-in names
};
extern const StandIn kStandIns[];
extern const int kStandInCount;

std::string Lower(std::string_view s);

// The built-in synth for a lower-case name or Strudel alias (sawtooth, tri, pulse...), or kNoSound.
SoundId FindSynth(std::string_view lower);
// One of superdough's noises (white pink brown crackle)? Its index 0..3, or -1.
int FindNoise(std::string_view lower);
extern const char* const kNoiseNames[4];

// A built-in drum by a lower-case name: bd, sd (Strudel's snare), kit- or machine-prefixed
// (tr808_bd, rolandtr909_sd, linndrum_hh, tr707_cp), with `:i` walking the kits as `n` does.
// `machine` is set to the drum machine's name when one stood in for a machine's samples.
SoundId FindDrum(std::string_view lower, const DrumMachine** machine);

const StandIn* FindStandIn(std::string_view lower);

}  // namespace mr::audio::detail
