// The numeric controls the engine understands, in SuperDirt's vocabulary. One X-macro table is
// the single source for the enum, the control names the runtime maps from, and the docs.
// Units are in the comments; values arrive as the pattern gave them (SuperDirt semantics).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mr::audio {

// X(Enum, "name", "unit / meaning")
#define MR_AUDIO_PARAMS(X)                                                              \
  X(Note, "note", "MIDI note number (60 = c4 = middle C, as Strudel; a4 = 69 = 440 Hz)")       \
  X(N, "n", "sample index within a bank, or semitones for synths")                     \
  X(Freq, "freq", "Hz; overrides note")                                                 \
  X(Octave, "octave", "octave shift: note + 12 * (octave - 4) when given")                            \
  X(Gain, "gain", "amplitude multiplier, 1 = unity, curved as SuperDirt (gain^4)")      \
  X(Velocity, "velocity", "0..1 amplitude multiplier")                                  \
  X(Amp, "amp", "linear amplitude (default 0.4)")                                        \
  X(Pan, "pan", "0 = left, 0.5 = centre, 1 = right (equal power)")                      \
  X(Speed, "speed", "playback rate multiplier; negative plays backwards")               \
  X(Begin, "begin", "0..1 start position in the sample")                                \
  X(End, "end", "0..1 end position in the sample")                                      \
  X(Loop, "loop", "number of times to loop the begin..end region")                      \
  X(Cut, "cut", "cut group: a new voice in the group stops the others")                 \
  X(Legato, "legato", "duration as a multiple of the event's length")                   \
  X(Duration, "duration", "seconds the voice is held (dur; default: the event's length)")  \
  X(Attack, "attack", "seconds")                                                        \
  X(Decay, "decay", "seconds")                                                          \
  X(SustainLevel, "sustainlevel", "0..1 level of the ADSR sustain segment")             \
  X(Release, "release", "seconds")                                                      \
  X(Hold, "hold", "seconds held at full level before release")                          \
  X(Cutoff, "cutoff", "Hz, low-pass filter (alias lpf)")                                \
  X(Resonance, "resonance", "0..1 low-pass resonance (alias lpq)")                      \
  X(HCutoff, "hcutoff", "Hz, high-pass filter (alias hpf)")                             \
  X(HResonance, "hresonance", "0..1 high-pass resonance (alias hpq)")                   \
  X(Bandf, "bandf", "Hz, band-pass centre (alias bpf)")                                 \
  X(Bandq, "bandq", "band-pass Q (alias bpq)")                                          \
  X(LpEnv, "lpenv", "low-pass envelope depth, in octaves")                              \
  X(LpAttack, "lpattack", "seconds, filter envelope attack")                            \
  X(LpDecay, "lpdecay", "seconds, filter envelope decay")                               \
  X(Room, "room", "0..1 reverb send of the orbit")                                      \
  X(Size, "size", "0..1 reverb size (alias sz)")                                        \
  X(Dry, "dry", "0..1 dry level when sending to reverb")                                \
  X(Delay, "delay", "0..1 delay send")                                                  \
  X(DelayTime, "delaytime", "seconds (alias delayt)")                                   \
  X(DelayFeedback, "delayfeedback", "0..<1 (alias delayfb)")                            \
  X(Crush, "crush", "bit depth 1..16; lower is harsher")                                \
  X(Coarse, "coarse", "sample-rate reduction factor, 1 = off")                          \
  X(Shape, "shape", "0..1 waveshaping distortion")                                      \
  X(Distort, "distort", "0..1 hard distortion")                                         \
  X(Vowel, "vowel", "formant filter: 1=a 2=e 3=i 4=o 5=u (names mapped by the runtime)") \
  X(Orbit, "orbit", "effect bus 0..7")                                                  \
  X(Detune, "detune", "semitones spread (supersaw) or detune")                          \
  X(Voices, "voices", "number of supersaw voices")                                      \
  X(Accelerate, "accelerate", "pitch glide in octaves per second")                      \
  X(FmH, "fmh", "FM harmonicity ratio")                                                 \
  X(FmI, "fmi", "FM modulation index")                                                  \
  X(PulseWidth, "pw", "pulse width 0..1")                                               \
  X(Channel, "channel", "output channel pair for multichannel output")                  \
  X(Squiz, "squiz", "pitch-shift-like squish, 1 = off")                                 \
  X(Tremolo, "tremolo", "tremolo rate in Hz (tremolodepth sets depth)")                 \
  X(TremoloDepth, "tremolodepth", "0..1")                                               \
  X(Phaser, "phaser", "phaser rate in Hz")                                              \
  X(Postgain, "postgain", "linear gain after effects")                                 \
  X(FType, "ftype", "low-pass type: 0 = 12 dB/oct state-variable, 1 = 24 dB/oct ladder")

enum class Param : uint8_t {
#define MR_X(e, name, doc) e,
  MR_AUDIO_PARAMS(MR_X)
#undef MR_X
  kCount
};
constexpr int kParamCount = static_cast<int>(Param::kCount);
static_assert(kParamCount <= 64, "VoiceEvent::set_mask has 64 bits");

struct ParamInfo {
  Param param;
  std::string_view name;
  std::string_view doc;
};

constexpr ParamInfo kParamInfo[] = {
#define MR_X(e, name, doc) {Param::e, name, doc},
    MR_AUDIO_PARAMS(MR_X)
#undef MR_X
};

// The canonical name or a SuperDirt/Strudel alias (lpf, lpq, hpf, hpq, bpf, bpq, sz, delayt,
// delayfb, att, rel, ...) to the param; nullopt for names the engine does not use.
std::optional<Param> param_by_name(std::string_view name);

}  // namespace mr::audio
