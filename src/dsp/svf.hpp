// Svf: zero-delay-feedback (trapezoidal) state-variable filter, 12 dB/octave, with low, high,
// band and notch outputs. Resonance as Q (0.5 .. ~40); cutoff prewarped so it is exact in Hz.
#pragma once

#include <cstddef>

#include "dsp/math.hpp"

namespace mr::dsp {

enum class FilterMode { kLowPass, kHighPass, kBandPass, kNotch };

class Svf {
 public:
  void Init(float sample_rate) {
    sample_rate_ = sample_rate;
    mode_ = FilterMode::kLowPass;
    ic1_ = ic2_ = 0.0f;
    cutoff_hz_ = 1000.0f;
    q_ = 0.7071f;
    Update();
  }
  void set_mode(FilterMode m) { mode_ = m; }
  void set_cutoff_hz(float hz) {
    cutoff_hz_ = hz;
    Update();
  }
  void set_q(float q) {
    q_ = Clamp(q, 0.05f, 100.0f);
    Update();
  }
  // Resonance 0..1 mapped to Q 0.5..40 (exponentially).
  void set_resonance_norm(float r) { set_q(0.5f * std::pow(80.0f, Clamp(r, 0.0f, 1.0f))); }
  void Reset() { ic1_ = ic2_ = 0.0f; }

  inline float Tick(float x) {
    float v3 = x - ic2_;
    float v1 = a1_ * ic1_ + a2_ * v3;
    float v2 = ic2_ + a2_ * ic1_ + a3_ * v3;
    ic1_ = FlushTiny(2.0f * v1 - ic1_);
    ic2_ = FlushTiny(2.0f * v2 - ic2_);
    switch (mode_) {
      case FilterMode::kHighPass: return x - k_ * v1 - v2;
      case FilterMode::kBandPass: return v1;
      case FilterMode::kNotch: return x - k_ * v1;
      case FilterMode::kLowPass:
      default: return v2;
    }
  }
  // The mode is chosen once per block and the state kept in locals.
  void Process(const float* in, float* out, size_t n) {
    switch (mode_) {
      case FilterMode::kHighPass: Run<FilterMode::kHighPass>(in, out, n); break;
      case FilterMode::kBandPass: Run<FilterMode::kBandPass>(in, out, n); break;
      case FilterMode::kNotch: Run<FilterMode::kNotch>(in, out, n); break;
      case FilterMode::kLowPass:
      default: Run<FilterMode::kLowPass>(in, out, n); break;
    }
  }
  // Cutoff in Hz per sample (a filter envelope: see FilterEnvelopeHz in ladder.hpp); the
  // coefficients follow every sample through FastTan. Leaves the filter at the last cutoff.
  void ProcessModulated(const float* in, const float* cutoff_hz, float* out, size_t n) {
    const float to_arg = kPi / sample_rate_;
    for (size_t i = 0; i < n; ++i) {
      float g = FastTan(Clamp(cutoff_hz[i] * to_arg, 1e-6f, kPi * 0.49f));
      a1_ = 1.0f / (1.0f + g * (g + k_));
      a2_ = g * a1_;
      a3_ = g * a2_;
      out[i] = Tick(in[i]);
    }
    if (n) cutoff_hz_ = cutoff_hz[n - 1];
  }

 private:
  template <FilterMode M>
  void Run(const float* in, float* out, size_t n) {
    float ic1 = ic1_, ic2 = ic2_;
    const float a1 = a1_, a2 = a2_, a3 = a3_, k = k_;
    // Chunks of 64 with the state flushed to zero between them: off the recursion's critical
    // path (flushing every sample cost 15% of the scalar voice's throughput).
    for (size_t start = 0; start < n; start += 64) {
      const size_t end = n - start < 64 ? n : start + 64;
      for (size_t i = start; i < end; ++i) {
        const float x = in[i];
        const float v3 = x - ic2;
        const float v1 = a1 * ic1 + a2 * v3;
        const float v2 = ic2 + a2 * ic1 + a3 * v3;
        ic1 = 2.0f * v1 - ic1;
        ic2 = 2.0f * v2 - ic2;
        if constexpr (M == FilterMode::kHighPass) out[i] = x - k * v1 - v2;
        else if constexpr (M == FilterMode::kBandPass) out[i] = v1;
        else if constexpr (M == FilterMode::kNotch) out[i] = x - k * v1;
        else out[i] = v2;
      }
      ic1 = FlushTiny(ic1);
      ic2 = FlushTiny(ic2);
    }
    ic1_ = ic1;
    ic2_ = ic2;
  }
  void Update() {
    float g = PrewarpGain(cutoff_hz_, sample_rate_);
    k_ = 1.0f / q_;
    a1_ = 1.0f / (1.0f + g * (g + k_));
    a2_ = g * a1_;
    a3_ = g * a2_;
  }
  float sample_rate_ = 48000.0f;
  FilterMode mode_ = FilterMode::kLowPass;
  float cutoff_hz_ = 1000.0f, q_ = 0.7071f;
  float k_ = 1.4142f, a1_ = 0.0f, a2_ = 0.0f, a3_ = 0.0f;
  float ic1_ = 0.0f, ic2_ = 0.0f;
};

}  // namespace mr::dsp
