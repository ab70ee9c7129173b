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
  void set_resonance_norm(float r) {
    k_ = 4.3f * Clamp(r, 0.0f, 1.0f);
    Update();
  }
  // Input gain into the saturating stage: 1 = slight warmth at full scale, 4 = warm, 10 = dirty.
  void set_drive(float d) { drive_ = Clamp(d, 0.1f, 20.0f); }
  void Reset() { s1_ = s2_ = s3_ = s4_ = 0.0f; }

  inline float Tick(float x) {
    float out;
    Process(&x, &out, 1);
    return out;
  }

  // The mode is chosen once per block; state lives in locals.
  void Process(const float* in, float* out, size_t n) { Dispatch<false>(in, nullptr, out, n); }
  // Cutoff in Hz per sample (clamped below 0.49 of the sample rate).
  void ProcessModulated(const float* in, const float* cutoff_hz, float* out, size_t n) {
    Dispatch<true>(in, cutoff_hz, out, n);
  }

 private:
  // What the loop needs from g and k: the four one-pole TPT stages y_k = G y_{k-1} + s_k/(1 + g)
  // compose to y4 = G^4 u + S, and u = x - k y4 is solved for u without a unit delay.
  struct Coefs {
    float G, G2, G3, inv, den_inv;
  };
  Coefs Compute(float g) const {
    Coefs c;
    c.inv = 1.0f / (1.0f + g);
    c.G = g * c.inv;
    c.G2 = c.G * c.G;
    c.G3 = c.G2 * c.G;
    c.den_inv = 1.0f / (1.0f + k_ * c.G2 * c.G2);
    return c;
  }
  template <bool kModulated>
  void Dispatch(const float* in, const float* cutoff_hz, float* out, size_t n) {
    switch (mode_) {
      case LadderMode::kLowPass12: Run<LadderMode::kLowPass12, kModulated>(in, cutoff_hz, out, n); break;
      case LadderMode::kHighPass24: Run<LadderMode::kHighPass24, kModulated>(in, cutoff_hz, out, n); break;
      case LadderMode::kBandPass: Run<LadderMode::kBandPass, kModulated>(in, cutoff_hz, out, n); break;
      case LadderMode::kNotch: Run<LadderMode::kNotch, kModulated>(in, cutoff_hz, out, n); break;
      case LadderMode::kLowPass24:
      default: Run<LadderMode::kLowPass24, kModulated>(in, cutoff_hz, out, n); break;
    }
  }
  template <LadderMode M, bool kModulated>
  void Run(const float* in, const float* cutoff_hz, float* out, size_t n) {
    float s1 = s1_, s2 = s2_, s3 = s3_, s4 = s4_;
    const float k = k_, drive = drive_, makeup = 1.0f + 0.5f * k_;
    const float to_arg = kPi / sample_rate_;
    Coefs c = coefs_;
    // Chunks of 64: the state is flushed to zero between them, off the per-sample critical path.
    for (size_t start = 0; start < n; start += 64) {
      const size_t end = n - start < 64 ? n : start + 64;
      for (size_t i = start; i < end; ++i) {
        if constexpr (kModulated) c = Compute(FastTan(Clamp(cutoff_hz[i] * to_arg, 1e-6f, kPi * 0.49f)));
        const float S = (c.G3 * s1 + c.G2 * s2 + c.G * s3 + s4) * c.inv;
        float u = (drive * in[i] - k * S) * c.den_inv;
        // Bounds every stage: a TPT one-pole's output stays within its input's range.
        u = kSat * SoftClip(u * (1.0f / kSat));
        float v = (u - s1) * c.G;
        const float y1 = v + s1;
        s1 = y1 + v;
        v = (y1 - s2) * c.G;
        const float y2 = v + s2;
        s2 = y2 + v;
        v = (y2 - s3) * c.G;
        const float y3 = v + s3;
        s3 = y3 + v;
        v = (y3 - s4) * c.G;
        const float y4 = v + s4;
        s4 = y4 + v;
        if constexpr (M == LadderMode::kLowPass12) out[i] = y2 * makeup;
        else if constexpr (M == LadderMode::kHighPass24) out[i] = u - 4.0f * y1 + 6.0f * y2 - 4.0f * y3 + y4;
        else if constexpr (M == LadderMode::kBandPass) out[i] = 4.0f * (y2 - 2.0f * y3 + y4);
        else if constexpr (M == LadderMode::kNotch) out[i] = u - 2.0f * y1 + 2.0f * y2;
        else out[i] = y4 * makeup;
      }
      s1 = FlushTiny(s1);
      s2 = FlushTiny(s2);
      s3 = FlushTiny(s3);
      s4 = FlushTiny(s4);
    }
    s1_ = s1;
    s2_ = s2;
    s3_ = s3;
    s4_ = s4;
    if constexpr (kModulated) {
      if (n) set_cutoff_hz(cutoff_hz[n - 1]);  // leaves the filter at the last cutoff
    }
  }
  void Update() {
    g_ = PrewarpGain(cutoff_hz_, sample_rate_);
    coefs_ = Compute(g_);
  }
  static constexpr float kSat = 2.0f;  // saturation level of the input stage

  float sample_rate_ = 48000.0f;
  LadderMode mode_ = LadderMode::kLowPass24;
  float cutoff_hz_ = 1000.0f, k_ = 0.0f, drive_ = 1.0f, g_ = 0.0f;
  float s1_ = 0.0f, s2_ = 0.0f, s3_ = 0.0f, s4_ = 0.0f;
  Coefs coefs_{};
};

}  // namespace mr::dsp
