// The voice pool's storage: packs of eight lanes, each lane one voice, every voice in a pack of
// the same kind, so one call renders eight voices in vector registers (no per-sample dispatch).
// Internal to the engine: no promises to other modules.
#pragma once

#include <cstdint>

#include "audio/event.hpp"
#include "audio/simd.hpp"
#include "base/audio_analysis.hpp"
#include "dsp/ladder.hpp"

namespace mr::dsp {
class Pluck;
}

namespace mr::audio::detail {

using simd::F8;
using simd::U8;
constexpr int kLanes = simd::kLanes;
constexpr int kMaxBlock = 128;  // frames rendered per call at most

// The orbit of an event: its number modulo the orbit count, as SuperDirt takes it.
inline int OrbitOf(const VoiceEvent& e) {
  const int o = e.get_int(Param::Orbit, 0.f, -(1 << 30), 1 << 30) % kOrbitCount;
  return o < 0 ? o + kOrbitCount : o;
}

enum class Kind : uint8_t { kFree, kSine, kSaw, kSquare, kTriangle, kSupersaw, kFm, kPluck, kBass, kDrum, kSampler };

// Built-in instrument names and their SoundIds.
enum Synth : uint32_t { kSine, kSaw, kSquare, kTriangle, kSupersaw, kFm, kPluck, kBass, kPad, kSynthCount };
inline constexpr const char* kSynthNames[] = {"sine", "saw", "square", "triangle", "supersaw", "fm", "pluck", "bass", "pad"};
// Strudel's (superdough's) other names for them; `pulse` is the square with its `pw`.
struct SynthAlias {
  const char* name;
  Synth synth;
};
inline constexpr SynthAlias kSynthAliases[] = {
    {"sawtooth", kSaw}, {"sin", kSine}, {"tri", kTriangle}, {"sqr", kSquare}, {"pulse", kSquare}};
// Strudel's drum names (tidal-drum-machines): bd sd rim cp hh oh cr rd ht mt lt sh cb tb perc misc fx
enum Drum : uint32_t { kBd, kSn, kHh, kOh, kCp, kRim, kLt, kMt, kHt, kCb, kCr, kRd, kSh, kTb, kPerc, kFx, kDrumCount };
inline constexpr const char* kDrumNames[] = {"bd", "sn", "hh", "oh", "cp", "rim", "lt", "mt", "ht", "cb", "cr",
                                             "rd", "sh", "tb", "perc", "fx"};
static_assert(kDrumCount <= 16, "drum SoundIds are kit * 16 + drum");
struct DrumAlias {
  const char* name;
  Drum drum;
};
// sd: Strudel's snare; misc: its "miscellaneous" slot; sbd: superdough's synthesized bass drum
inline constexpr DrumAlias kDrumAliases[] = {{"sd", kSn}, {"misc", kPerc}, {"sbd", kBd}};
inline constexpr const char* kKitNames[] = {"", "tr808", "tr909"};
constexpr int kKitCount = 3;
constexpr SoundId kSynthBase = 0x100;
constexpr SoundId kDrumBase = 0x1000;       // + kit * 16 + drum
constexpr SoundId kSampleBase = 0x100000;   // + bank << 12 | file index (see sampler.hpp)

struct SampleData;

// Per-voice effects, applied lane by lane after the pack render, only to voices that use them.
enum FxBit : uint32_t {
  kFxShape = 1u << 0,
  kFxCrush = 1u << 1,
  kFxCoarse = 1u << 2,
  kFxHpf = 1u << 3,
  kFxBpf = 1u << 4,
  kFxDistort = 1u << 5,
  kFxTremolo = 1u << 6,
  kFxVowel = 1u << 7,
  kFxPhaser = 1u << 8,
  kFxLadder = 1u << 9,
  kFxDjf = 1u << 10,
  kFxDrive = 1u << 11,
  kFxCompressor = 1u << 12,
  kFxLeslie = 1u << 13,
  kFxNoise = 1u << 14,
  kFxSquiz = 1u << 15,
};

// An ADSR as a pure function of age (frames): linear attack to 1, linear decay to sus, held
// until the gate, linear release to 0 (the filter, pitch and FM envelopes).
struct Adsr {
  float att = 1.f, dec = 1.f, sus = 0.f, rel = 1.f, gate = 0.f;
  float Held(float age) const {
    return age < att ? age / att : sus + (1.f - sus) * (age - att < dec ? 1.f - (age - att) / dec : 0.f);
  }
  float At(float age) const {
    if (age < gate) return Held(age);
    const float r = 1.f - (age - gate) / rel;
    return r > 0.f ? Held(gate) * r : 0.f;
  }
};

// A filter's cutoff under its envelope, as superdough: the env sweeps `depth` octaves from the
// cutoff (anchor 0) or around it (anchor 0..1); a negative depth sweeps down.
struct FilterEnv {
  bool on = false;
  float base_hz = 20000.f, depth = 0.f, anchor = 0.f;
  Adsr adsr;
  float Hz(float age) const;
};

// A scalar ZDF state-variable filter section (for the per-voice high/band-pass).
struct Svf1 {
  float a1 = 0.f, a2 = 0.f, a3 = 0.f, k = 1.f, ic1 = 0.f, ic2 = 0.f;
  void Set(float cutoff_hz, float q, float rate_hz);
};

// Two band-passes in parallel at formant frequencies (vowel a e i o u).
struct Formants {
  Svf1 f[3];
  float gain[3] = {};
};

struct Lane {
  bool live = false;    // occupies the lane (fading voices included)
  bool fading = false;  // stolen, cut or hushed: on its way out, does not count as a voice
  uint64_t order = 0;   // start order, for oldest-first stealing
  int orbit = 0, cut = 0;
  float gl = 0.f, gr = 0.f;                                  // equal-power pan gains
  float dry = 1.f, send_delay = 0.f, send_room = 0.f;        // orbit sends
  float loudness = 0.f;                                      // level x envelope at the last render
  uint32_t fx = 0;
  float rate = 48000.f;
  // low-pass envelope (synths: the vector filter's coefficients follow it per render call)
  FilterEnv lp_env, hp_env, bp_env;
  float q = 0.7071f, hp_q = 0.7071f, bp_q = 1.f;
  // pitch modulation, applied to the oscillators' increments (or a sample's) per render call:
  // accelerate, the pitch envelope, vibrato and the leslie's Doppler wobble
  bool pitch_mod = false;
  float accel_oct_per_frame = 0.f, accel_oct = 0.f, applied_ratio = 1.f;
  bool penv_on = false, pcurve_exp = false;
  float penv_semis = 0.f, panchor = 1.f;
  Adsr penv_adsr;
  float vib_dt = 0.f, vib_phase = 0.f, vib_semis = 0.f;
  float leslie = 0.f, leslie_dt = 0.f, leslie_phase = 0.f, leslie_semis = 0.f, leslie_am_phase = 0.f;
  // FM index envelope (kFm): the index follows it, ramped per render call
  bool fm_adsr_on = false, fm_exp = false, fm_decay_default = false;
  float fm_index = 0.f;
  Adsr fm_adsr;
  // pulse-width modulation (square)
  float pw_base = 0.5f, pw_sweep = 0.f, pw_dt = 0.f, pw_phase = 0.f;
  // per-voice effects
  float shape_k = 0.f, crush_levels = 0.f, distort = 0.f, postgain = 1.f;
  float shape_vol = 1.f, distort_vol = 1.f, drive_k = 0.f, noise = 0.f;
  uint32_t noise_rng = 1u;
  float trem_dt = 0.f, trem_depth = 0.f, trem_phase = 0.f, trem_skew = 0.5f;
  int trem_shape = 1;
  float phaser_dt = 0.f, phaser_phase = 0.f, phaser_pi_over_rate = 0.f, phaser_z[4] = {};  // four allpasses
  float phaser_center = 1000.f, phaser_oct = 1.f, phaser_depth = 0.75f;
  float comp_thresh = -3.f, comp_slope = 0.9f, comp_knee = 10.f, comp_att = 1.f, comp_rel = 1.f, comp_env = 0.f;
  Svf1 djf;
  bool djf_hp = false;
  // squiz: a segment buffer lent from the engine's pool (two halves of kSquizLen)
  float* squiz = nullptr;
  int squiz_slot = -1, squiz_wlen = 0, squiz_plen = 0, squiz_half = 0;
  float squiz_ratio = 1.f, squiz_rpos = 0.f, squiz_prev = 0.f;
  int coarse = 1, coarse_count = 0;
  float coarse_held = 0.f;
  Svf1 hp, bp;
  dsp::Ladder ladder;  // ftype 1: replaces the vector state-variable low-pass
  float fx_age = 0.f;  // frames the per-voice effects have run (their envelopes' clock)
  Formants vowel;
  // sampler
  const SampleData* sample = nullptr;
  double pos = 0.0, inc = 0.0, lo = 0.0, hi = 0.0, accel = 1.0;  // accel: inc multiplier per frame
  int loops_left = 0;
  bool ended = false;
  // pluck: a Karplus-Strong string lent from the engine's pool
  dsp::Pluck* pluck = nullptr;
  int pluck_slot = -1;
};

struct alignas(32) Pack {
  Kind kind = Kind::kFree;
  int live = 0;  // lanes in use
  // time and level
  F8 age{}, level{}, fade{}, fade_step{}, last_env{};
  // amplitude envelope: linear attack, linear decay to sus, hold until gate, linear release
  F8 att_inv{}, att_frames{}, dec_slope{}, sus{}, gate{}, rel_end{}, rel_slope{};
  // oscillators
  F8 ph[7]{}, dt[7]{}, inv_dt{}, pw{}, vgain[7]{};  // vgain: the supersaw's voice levels
  // fm: carrier and modulator waveform weights (sine, square, triangle, saw), index ramp
  F8 fm_cw[4]{}, fm_mw[4]{}, fm_step{};
  // low-pass state-variable filter (ZDF), coefficients ramped per render call
  F8 a1{}, a2{}, a3{}, k{}, ic1{}, ic2{};
  // a decaying envelope used by fm (index), pluck (amplitude) and drums (tone)
  F8 env1{}, env1_mult{}, mod_index{};
  // drums: pitch envelope, noise and metal through a mode-mixed filter, clap bursts
  F8 penv{}, pmult{}, f0dt{}, f1dt{}, tlvl{}, nenv{}, nmult{}, nmult_tail{}, nlvl{}, mlvl{};
  F8 cl{}, cb{}, ch{}, bcount{}, bperiod{}, bleft{};
  U8 rng{};
  Lane lanes[kLanes];
};

// Everything a lane's start needs beyond the event.
struct StartContext {
  float rate_hz = 48000.f;
  const SampleData* sample = nullptr;  // for Kind::kSampler: decoded data, ready
  dsp::Pluck* pluck = nullptr;         // for Kind::kPluck: a free string from the pool
  int pluck_slot = -1;
  float* squiz = nullptr;  // for a voice with squiz: a free segment buffer from the pool
  int squiz_slot = -1;
};

constexpr int kSquizLen = 1024;  // frames per squiz segment (a buffer holds two)

// The kind a sound renders with (kFree when the id is not a built-in or a sample).
Kind KindOf(SoundId sound);
// The kind an event renders with: its sound's, or kFm for a basic waveform with an FM index.
Kind KindFor(const VoiceEvent& e);

// Sets up lane `lane` of `pack` (of kind KindOf(e.sound)) for the event, starting at age 0.
void StartLane(Pack& pack, int lane, const VoiceEvent& e, const StartContext& ctx);
// Clears a lane so it renders silence at no risk (zero increments, zero level).
void ClearLane(Pack& pack, int lane);
// Starts a short linear fade to silence (stealing, cut groups, hush).
void FadeLane(Pack& pack, int lane, float fade_frames);

// Renders n (<= kMaxBlock) frames of all eight lanes into out[0..n) (lane j in element j).
void RenderPack(Pack& pack, int n, F8* out, float rate_hz);
// bus_l[i] += left[i] * gain_l, bus_r[i] += right[i] * gain_r, lane by lane, for i < n (the same
// AVX2 or baseline build as RenderPack).
void MixStereo(const F8* left, const F8* right, const F8* gain_l, const F8* gain_r, F8* bus_l, F8* bus_r, int n);
// True when RenderPack runs its AVX2/FMA build (else the SSE2 baseline).
bool RenderPackUsesAvx2();

// Multiplies the envelope RenderPack left in `out` by each pluck lane's string.
void RenderPluckLanes(Pack& pack, int n, F8* out);

// Per-voice effects on one lane's mono signal, in place.
void ApplyLaneFx(Lane& lane, float* x, int n);
// True when the event needs a squiz buffer.
inline bool WantsSquiz(const VoiceEvent& e) { return e.get(Param::Squiz, 1.f) > 1.f; }

// True when the lane has finished (envelope released, faded out or sample ended).
bool LaneDone(const Pack& pack, int lane);

}  // namespace mr::audio::detail
