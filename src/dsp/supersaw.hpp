// Supersaw: seven PolyBLEP saws detuned symmetrically around the centre frequency and mixed,
// the centre louder than the sides. `detune_norm` 0..1 spreads up to +-1 semitone at the edge.
#pragma once

#include <cmath>
#include <cstddef>

#include "dsp/oscillator.hpp"

namespace mr::dsp {

class Supersaw {
 public:
  static constexpr int kVoices = 7;

  void Init(float sample_rate) {
    sample_rate_ = sample_rate;
    frequency_hz_ = 110.0f;
    detune_norm_ = 0.3f;
    mix_norm_ = 0.6f;
    for (int i = 0; i < kVoices; ++i) {
      saws_[i].Init(sample_rate);
      // Spread start phases so the stack does not start with one big edge.
      saws_[i].set_phase_norm(static_cast<float>(i) * 0.618034f);
    }
    Update();
  }
  void set_frequency_hz(float hz) {
    frequency_hz_ = hz;
    Update();
  }
  void set_detune_norm(float d) {
    detune_norm_ = Clamp(d, 0.0f, 1.0f);
    Update();
  }
  // Level of the six side saws relative to the centre (0 = centre only).
  void set_mix_norm(float m) { mix_norm_ = Clamp(m, 0.0f, 1.0f); }

  inline float Tick() {
    float side = 0.0f;
    for (int i = 0; i < kVoices; ++i)
      if (i != kVoices / 2) side += saws_[i].Tick();
    float centre = saws_[kVoices / 2].Tick();
    // 1/sqrt(7)-ish normalisation keeps the stack near -1..1 RMS-wise.
    return (centre * (1.0f - 0.5f * mix_norm_) + side * mix_norm_ * 0.35f) * 0.7f;
  }
  void Process(float* out, size_t n) {
    for (size_t i = 0; i < n; ++i) out[i] = Tick();
  }

 private:
  void Update() {
    // Offsets in semitones (curved so the inner pair stays close).
    static constexpr float kSpread[kVoices] = {-1.0f, -0.62f, -0.3f, 0.0f, 0.29f, 0.6f, 0.97f};
    for (int i = 0; i < kVoices; ++i) {
      float semis = kSpread[i] * detune_norm_;
      saws_[i].set_frequency_hz(frequency_hz_ * std::exp2(semis / 12.0f));
    }
  }
  float sample_rate_ = 48000.0f;
  float frequency_hz_ = 110.0f;
  float detune_norm_ = 0.3f;
  float mix_norm_ = 0.6f;
  Oscillator saws_[kVoices];
};

}  // namespace mr::dsp
