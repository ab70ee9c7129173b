// Two-operator FM (phase modulation, as the DX family): a sine modulator at ratio x carrier
// frequency shifts the phase of a sine carrier by index x modulator (index in radians / 2pi units
// of "turns" avoided: index 1 = 1 radian peak deviation). Optional modulator self-feedback.
#pragma once

#include <cmath>
#include <cstddef>

#include "dsp/math.hpp"

namespace mr::dsp {

class Fm2 {
 public:
  void Init(float sample_rate) {
    sample_rate_ = sample_rate;
    carrier_phase_ = 0.0f;
    mod_phase_ = 0.0f;
    carrier_dt_ = 440.0f / sample_rate;
    ratio_ = 1.0f;
    index_ = 1.0f;
    feedback_ = 0.0f;
    last_mod_ = 0.0f;
  }
  void set_frequency_hz(float hz) { carrier_dt_ = Clamp(hz / sample_rate_, 0.0f, 0.49f); }
  // Modulator frequency / carrier frequency.
  void set_ratio(float r) { ratio_ = r; }
  // Peak phase deviation of the carrier in radians.
  void set_index(float i) { index_ = i; }
  // Modulator self-feedback in radians (0..~1.5 for a saw-like modulator).
  void set_feedback(float f) { feedback_ = f; }

  inline float Tick() {
    float mod = std::sin(kTwoPi * mod_phase_ + feedback_ * last_mod_);
    last_mod_ = mod;
    float out = std::sin(kTwoPi * carrier_phase_ + index_ * mod);
    carrier_phase_ += carrier_dt_;
    carrier_phase_ -= std::floor(carrier_phase_);
    mod_phase_ += carrier_dt_ * ratio_;
    mod_phase_ -= std::floor(mod_phase_);
    return out;
  }
  void Process(float* out, size_t n) {
    for (size_t i = 0; i < n; ++i) out[i] = Tick();
  }

 private:
  float sample_rate_ = 48000.0f;
  float carrier_phase_ = 0.0f, mod_phase_ = 0.0f;
  float carrier_dt_ = 0.0f, ratio_ = 1.0f, index_ = 1.0f, feedback_ = 0.0f, last_mod_ = 0.0f;
};

}  // namespace mr::dsp
