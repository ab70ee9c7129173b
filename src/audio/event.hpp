// The plain-data event that crosses from the runtime thread to the audio thread: what to play,
// when (an exact frame of the engine's clock) and with which controls. Trivially copyable, so it
// travels through an SpscQueue with no allocation.
#pragma once

#include <cmath>
#include <cstdint>
#include <type_traits>

#include "audio/params.hpp"

namespace mr::audio {

// A sound resolved off the audio thread (Engine::resolve_sound): a synth, a built-in drum or a
// sample bank. 0 means "not found" (the runtime has already warned, once, by name).
using SoundId = uint32_t;
constexpr SoundId kNoSound = 0;
// Not a sound: an event with this id cancels (Engine::cancel_slot).
constexpr SoundId kCancelSound = 0xFFFFFFFFu;

struct VoiceEvent {
  int64_t frame = 0;          // engine frame at which the voice starts (sample-accurate)
  double duration_sec = 0.0;  // the hap's whole duration in seconds (legato/sustain base)
  SoundId sound = kNoSound;
  uint32_t slot = 0;          // the runtime's tag for the slot that made it (0: none)
  float cps = 0.5f;           // the tempo at the event (tremolosync)
  static constexpr int kMaskWords = (kParamCount + 63) / 64;
  uint64_t set_mask[kMaskWords] = {};  // bit i (word i / 64) set when params[i] was given
  float params[kParamCount] = {};

  bool has(Param p) const {
    const int i = static_cast<int>(p);
    return (set_mask[i >> 6] >> (i & 63)) & 1u;
  }
  // The value, or the fallback when not given or not finite (a NaN must never reach a filter or
  // a reverb, where it would stay for good).
  float get(Param p, float fallback) const {
    const float v = params[static_cast<int>(p)];
    return has(p) && std::isfinite(v) ? v : fallback;
  }
  void set(Param p, float v) {
    params[static_cast<int>(p)] = v;
    const int i = static_cast<int>(p);
    set_mask[i >> 6] |= uint64_t{1} << (i & 63);
  }
  void clear(Param p) {
    const int i = static_cast<int>(p);
    set_mask[i >> 6] &= ~(uint64_t{1} << (i & 63));
  }
  // The value, or the control table's default.
  float get(Param p) const { return get(p, param_default(p)); }
  // The value truncated toward zero to an int, saturated to [lo, hi] before the cast (a float out
  // of int's range must never be cast: 1e9 or -3e38 from a pattern is undefined behaviour there).
  int get_int(Param p, float fallback, int lo, int hi) const {
    const float v = get(p, fallback);
    if (!(v > static_cast<float>(lo))) return lo;
    if (!(v < static_cast<float>(hi))) return hi;
    return static_cast<int>(v);
  }
};

static_assert(std::is_trivially_copyable_v<VoiceEvent>, "VoiceEvent crosses threads through an SpscQueue");

}  // namespace mr::audio
