// Ladder: zero-delay-feedback 4-pole transistor-ladder filter (Zavalishin's TPT form, the
// feedback loop solved exactly each sample) with a saturating input stage, so resonance goes up
// to self-oscillation (resonance_norm near 1 = sustained sine at the cutoff) and stays bounded.
// Modes by mixing the stage outputs (Oberheim Xpander style): 24 dB/oct low-pass, 12 dB/oct
// low-pass, 24 dB/oct high-pass, band-pass, notch.
//
//   mr::dsp::Ladder f;  f.Init(48000.0f);
//   f.set_mode(LadderMode::kLowPass24);  f.set_cutoff_hz(800.0f);  f.set_resonance_norm(0.5f);
//   f.Process(in, out, n);                         // fixed cutoff (in == out allowed)
//   f.ProcessModulated(in, cutoff_hz, out, n);     // per-sample cutoff (a filter envelope)
//
// Filter envelope: fill cutoff_hz[i] = FilterEnvelopeHz(base_hz, env[i], amount_oct) from an
// Adsr block. Low-pass modes restore half of the passband loss that resonance causes.
#pragma once

#include <cmath>
#include <cstddef>

#include "dsp/math.hpp"

namespace mr::dsp {

enum class LadderMode { kLowPass24, kLowPass12, kHighPass24, kBandPass, kNotch };

// Cutoff swept by an envelope value (0..1) over amount_oct octaves above (or below) base_hz.
inline float FilterEnvelopeHz(float base_hz, float env, float amount_oct) {
  return base_hz * std::exp2(env * amount_oct);
}

class Ladder {
 public:
  void Init(float sample_rate) {
    sample_rate_ = sample_rate;
    mode_ = LadderMode::kLowPass24;
    cutoff_hz_ = 1000.0f;
    drive_ = 1.0f;
    set_resonance_norm(0.0f);
    Reset();
    Update();
  }
  void set_mode(LadderMode m) { mode_ = m; }
  void set_cutoff_hz(float hz) {
    cutoff_hz_ = hz;
    Update();
  }
  // 0 = none .. 1 = self-oscillation: feedback k = 4.3 r crosses the threshold (k = 4) at about
  // 0.93; at 1 the filter sings a sine of about 0.8 peak at the cutoff, with or without input.
  void set_resonance_norm(float r) { k_ = 4.3f * Clamp(r, 0.0f, 1.0f); }
  // Input gain into the saturating stage: 1 = slight warmth at full scale, 4 = warm, 10 = dirty.
  void set_drive(float d) { drive_ = Clamp(d, 0.1f, 20.0f); }
  void Reset() { s1_ = s2_ = s3_ = s4_ = 0.0f; }

  inline float Tick(float x) { return TickWithG(x, g_); }

  void Process(const float* in, float* out, size_t n) {
    const float g = g_;
    for (size_t i = 0; i < n; ++i) out[i] = TickWithG(in[i], g);
  }
  // Cutoff in Hz per sample (clamped below 0.49 of the sample rate).
  void ProcessModulated(const float* in, const float* cutoff_hz, float* out, size_t n) {
    const float to_arg = kPi / sample_rate_;
    for (size_t i = 0; i < n; ++i) {
      float arg = Clamp(cutoff_hz[i] * to_arg, 1e-6f, kPi * 0.49f);
      out[i] = TickWithG(in[i], FastTan(arg));
    }
  }

 private:
  // One sample: the four one-pole TPT stages y_k = G y_{k-1} + s_k / (1 + g) compose to
  // y4 = G^4 u + S; with u = x - k y4 that is solved for u without a unit delay.
  inline float TickWithG(float x, float g) {
    const float inv = 1.0f / (1.0f + g);
    const float G = g * inv;
    const float G2 = G * G;
    const float S = (G2 * G * s1_ + G2 * s2_ + G * s3_ + s4_) * inv;
    const float k = k_;
    float u = (drive_ * x - k * S) / (1.0f + k * G2 * G2);
    u = kSat * SoftClip(u * (1.0f / kSat));  // bounds every stage: each TPT one-pole's output stays within its input's range
    float v = (u - s1_) * G;
    const float y1 = v + s1_;
    s1_ = FlushTiny(y1 + v);
    v = (y1 - s2_) * G;
    const float y2 = v + s2_;
    s2_ = FlushTiny(y2 + v);
    v = (y2 - s3_) * G;
    const float y3 = v + s3_;
    s3_ = FlushTiny(y3 + v);
    v = (y3 - s4_) * G;
    const float y4 = v + s4_;
    s4_ = FlushTiny(y4 + v);
    const float makeup = 1.0f + 0.5f * k;
    switch (mode_) {
      case LadderMode::kLowPass12: return y2 * makeup;
      case LadderMode::kHighPass24: return u - 4.0f * y1 + 6.0f * y2 - 4.0f * y3 + y4;
      case LadderMode::kBandPass: return 4.0f * (y2 - 2.0f * y3 + y4);
      case LadderMode::kNotch: return u - 2.0f * y1 + 2.0f * y2;
      case LadderMode::kLowPass24:
      default: return y4 * makeup;
    }
  }
  void Update() { g_ = PrewarpGain(cutoff_hz_, sample_rate_); }
  static constexpr float kSat = 2.0f;  // saturation level of the input stage

  float sample_rate_ = 48000.0f;
  LadderMode mode_ = LadderMode::kLowPass24;
  float cutoff_hz_ = 1000.0f, k_ = 0.0f, drive_ = 1.0f, g_ = 0.0f;
  float s1_ = 0.0f, s2_ = 0.0f, s3_ = 0.0f, s4_ = 0.0f;
};

}  // namespace mr::dsp
