// Pluck: Karplus-Strong plucked string. A delay line one period long is filled with a burst of
// filtered noise at Pluck() and recirculates through a linear-phase loop low-pass and a
// first-order allpass that tunes the fractional part of the period, so pitch is exact (not
// rounded to whole samples) and every partial decays at a rate set in seconds.
//
//   mr::dsp::Pluck p;  p.Init(48000.0f);     // allocates one period at the lowest pitch (20 Hz)
//   p.set_decay_sec(2.0f);                   // time for the fundamental to fall 60 dB
//   p.set_brightness_norm(0.7f);             // 0 dark/muted .. 1 bright/metallic
//   p.Strike(220.0f);                        // excites at 220 Hz (O(period) work, no allocation)
//   p.Process(out, n);                       // generator, output roughly -1..1
//   p.Damp(0.1f);                            // mute: the string dies within about 0.1 s
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "dsp/math.hpp"

namespace mr::dsp {

class Pluck {
 public:
  Pluck() = default;
  Pluck(const Pluck&) = delete;
  Pluck& operator=(const Pluck&) = delete;

  // Allocates the line for min_hz: call off the audio thread.
  void Init(float sample_rate, float min_hz = 20.0f, uint32_t seed = 0x1234567u) {
    sample_rate_ = sample_rate;
    line_.assign(static_cast<size_t>(sample_rate / min_hz) + 4, 0.0f);
    seed_ = seed ? seed : 1u;
    decay_sec_ = 2.0f;
    brightness_ = 0.5f;
    length_ = 2;
    pos_ = 0;
    ap_x1_ = ap_y1_ = prev_ = 0.0f;
    loop_gain_ = 0.0f;
  }
  void set_decay_sec(float s) {
    decay_sec_ = std::fmax(s, 0.001f);
    UpdateGain();
  }
  void set_brightness_norm(float b) { brightness_ = Clamp(b, 0.0f, 1.0f); }
  float frequency_hz() const { return frequency_hz_; }

  // Excites the string at freq_hz: refills the line (O(period) work, no allocation).
  void Strike(float freq_hz) {
    const size_t max_len = line_.size() - 2;
    frequency_hz_ = Clamp(freq_hz, sample_rate_ / float(max_len), sample_rate_ * 0.25f);
    // Period P = L + 1 (loop FIR) + d (allpass); keep d in [0.5, 1.5) where it is flattest.
    const float period = sample_rate_ / frequency_hz_;
    size_t len = static_cast<size_t>(period - 1.5f);
    if (len < 1) len = 1;
    const float d = period - 1.0f - float(len);
    ap_coef_ = (1.0f - d) / (1.0f + d);
    length_ = len;
    // Loop FIR [a, 1 - 2a, a]: linear phase (delay exactly 1), a = 0.25 zeroes Nyquist.
    fir_a_ = 0.25f * (1.0f - brightness_) + 0.02f;
    UpdateGain();
    // Excitation: white noise through a one-pole low-pass (darker when less bright), DC removed.
    float lp = 0.0f, mean = 0.0f;
    const float smooth = 0.85f * (1.0f - brightness_);
    for (size_t i = 0; i < len; ++i) {
      float w = White();
      lp = w + (lp - w) * smooth;
      line_[i] = lp;
      mean += lp;
    }
    mean /= float(len);
    float peak = 1e-9f;
    for (size_t i = 0; i < len; ++i) {
      line_[i] -= mean;
      peak = std::fmax(peak, std::fabs(line_[i]));
    }
    for (size_t i = 0; i < len; ++i) line_[i] *= 0.9f / peak;
    pos_ = 0;
    ap_x1_ = ap_y1_ = prev_ = 0.0f;
    prev2_ = 0.0f;
  }
  // Shortens the decay to about sec (a palm mute, or a note-off).
  void Damp(float sec) {
    decay_sec_ = std::fmax(std::fmin(decay_sec_, sec), 0.001f);
    UpdateGain();
  }

  void Process(float* out, size_t n) {
    float* line = line_.data();
    const size_t len = length_;
    size_t pos = pos_;
    float x1 = ap_x1_, y1 = ap_y1_, p1 = prev_, p2 = prev2_;
    const float a = fir_a_, b = 1.0f - 2.0f * fir_a_, c = ap_coef_, g = loop_gain_;
    for (size_t i = 0; i < n; ++i) {
      const float x = line[pos];
      // Linear-phase 3-tap low-pass over the last three line outputs.
      const float f = a * (x + p2) + b * p1;
      p2 = p1;
      p1 = x;
      // First-order allpass: fractional delay d at low frequencies.
      const float y = c * f + x1 - c * y1;
      x1 = f;
      y1 = FlushTiny(y);
      line[pos] = y1 * g;
      pos = pos + 1 == len ? 0 : pos + 1;
      out[i] = x;
    }
    pos_ = pos;
    ap_x1_ = x1;
    ap_y1_ = y1;
    prev_ = p1;
    prev2_ = p2;
  }

 private:
  void UpdateGain() {
    // Per pass (one period) the fundamental must lose 60 dB / (decay_sec * f) ...
    float per_pass = std::pow(10.0f, -3.0f / (decay_sec_ * frequency_hz_));
    // ... and the loop FIR already takes |H(f)| = 1 - 2a (1 - cos w) of it.
    float w = kTwoPi * frequency_hz_ / sample_rate_;
    float fir = 1.0f - 2.0f * fir_a_ * (1.0f - std::cos(w));
    loop_gain_ = Clamp(per_pass / std::fmax(fir, 1e-3f), 0.0f, 0.9999f);
  }
  inline float White() {
    uint32_t x = seed_;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    seed_ = x;
    return static_cast<float>(static_cast<int32_t>(x)) * (1.0f / 2147483648.0f);
  }

  float sample_rate_ = 48000.0f;
  std::vector<float> line_;
  size_t length_ = 2, pos_ = 0;
  uint32_t seed_ = 1u;
  float frequency_hz_ = 220.0f, decay_sec_ = 2.0f, brightness_ = 0.5f;
  float fir_a_ = 0.1f, ap_coef_ = 0.0f, loop_gain_ = 0.0f;
  float ap_x1_ = 0.0f, ap_y1_ = 0.0f, prev_ = 0.0f, prev2_ = 0.0f;
};

}  // namespace mr::dsp
