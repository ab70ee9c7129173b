// Oscillator: band-limited saw, pulse (with width) and triangle by PolyBLEP/PolyBLAMP, and a
// plain sine. Output is -1..1. Frequency changes take effect at the next sample.
#pragma once

#include <cmath>
#include <cstddef>

#include "dsp/math.hpp"
#include "dsp/polyblep.hpp"

namespace mr::dsp {

enum class Waveform { kSaw, kPulse, kTriangle, kSine };

class Oscillator {
 public:
  Oscillator() = default;

  void Init(float sample_rate) {
    sample_rate_ = sample_rate;
    waveform_ = Waveform::kSaw;
    phase_ = 0.0f;
    dt_ = 440.0f / sample_rate;
    width_ = 0.5f;
  }
  void set_waveform(Waveform w) { waveform_ = w; }
  void set_frequency_hz(float hz) { set_frequency_norm(hz / sample_rate_); }
  // Frequency as a fraction of the sample rate; kept below Nyquist.
  void set_frequency_norm(float norm) { dt_ = Clamp(norm, 0.0f, 0.49f); }
  // Pulse width as a fraction of the period (0.5 = square).
  void set_pulse_width_norm(float w) { width_ = Clamp(w, 0.02f, 0.98f); }
  // Phase in [0, 1): 0 is the start of the saw ramp.
  void set_phase_norm(float p) { phase_ = p - std::floor(p); }
  float phase_norm() const { return phase_; }

  inline float Tick() {
    float out;
    switch (waveform_) {
      case Waveform::kSaw: out = Shape<Waveform::kSaw>(phase_, dt_, width_); break;
      case Waveform::kPulse: out = Shape<Waveform::kPulse>(phase_, dt_, width_); break;
      case Waveform::kTriangle: out = Shape<Waveform::kTriangle>(phase_, dt_, width_); break;
      case Waveform::kSine:
      default: out = Shape<Waveform::kSine>(phase_, dt_, width_); break;
    }
    float p = phase_ + dt_;
    if (p >= 1.0f) p -= 1.0f;
    phase_ = p;
    return out;
  }

  // Generator: writes n samples. The waveform is chosen once per block, not per sample.
  void Process(float* out, size_t n) {
    switch (waveform_) {
      case Waveform::kSaw: Run<Waveform::kSaw>(out, n); break;
      case Waveform::kPulse: Run<Waveform::kPulse>(out, n); break;
      case Waveform::kTriangle: Run<Waveform::kTriangle>(out, n); break;
      case Waveform::kSine:
      default: Run<Waveform::kSine>(out, n); break;
    }
  }

 private:
  template <Waveform W>
  static inline float Shape(float t, float dt, float width) {
    if constexpr (W == Waveform::kSaw) {
      return 2.0f * t - 1.0f - PolyBlep(t, dt);
    } else if constexpr (W == Waveform::kPulse) {
      float t2 = t + 1.0f - width;
      t2 -= static_cast<float>(static_cast<int>(t2));
      return (t < width ? 1.0f : -1.0f) + PolyBlep(t, dt) - PolyBlep(t2, dt);
    } else if constexpr (W == Waveform::kTriangle) {
      // Corners at phase 0 (slope +8 per period) and 0.5 (slope -8); BLAMP rounds both.
      float t2 = t + 0.5f;
      t2 -= static_cast<float>(static_cast<int>(t2));
      float out = 1.0f - 4.0f * std::fabs(t - 0.5f);
      return out + 8.0f * dt * (PolyBlamp(t, dt) - PolyBlamp(t2, dt));
    } else {
      return std::sin(kTwoPi * t);
    }
  }
  template <Waveform W>
  void Run(float* out, size_t n) {
    float t = phase_;
    const float dt = dt_, width = width_;
    for (size_t i = 0; i < n; ++i) {
      out[i] = Shape<W>(t, dt, width);
      t += dt;
      if (t >= 1.0f) t -= 1.0f;
    }
    phase_ = t;
  }

  float sample_rate_ = 48000.0f;
  Waveform waveform_ = Waveform::kSaw;
  float phase_ = 0.0f;
  float dt_ = 0.0f;
  float width_ = 0.5f;
};

// Sine by phase accumulation in double (exact frequency over long notes).
class SineOscillator {
 public:
  void Init(float sample_rate) {
    sample_rate_ = sample_rate;
    phase_ = 0.0;
    dt_ = 440.0 / sample_rate;
  }
  void set_frequency_hz(float hz) { dt_ = static_cast<double>(hz) / sample_rate_; }
  void set_phase_norm(float p) { phase_ = p - std::floor(p); }
  inline float Tick() {
    float out = std::sin(static_cast<float>(phase_) * kTwoPi);
    phase_ += dt_;
    if (phase_ >= 1.0) phase_ -= 1.0;
    return out;
  }
  void Process(float* out, size_t n) {
    for (size_t i = 0; i < n; ++i) out[i] = Tick();
  }

 private:
  float sample_rate_ = 48000.0f;
  double phase_ = 0.0;
  double dt_ = 0.0;
};

}  // namespace mr::dsp
