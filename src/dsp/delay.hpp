// Delay: a fractional delay line (memory sized once at Init, never after) and a feedback delay
// effect with one-pole damping in the loop (SuperDirt's delaytime / delayfeedback).
//
//   mr::dsp::FeedbackDelay d;  d.Init(48000.0f, 2.0f);   // allocates 2 s: off the audio thread
//   d.set_time_sec(0.375f);        // crossfades to the new tap over 20 ms (never a click)
//   d.set_feedback_norm(0.6f);     // 0 .. 0.98
//   d.set_damping_norm(0.3f);      // 0 bright .. 1 dark repeats (loop low-pass 20 kHz .. 1 kHz)
//   d.Process(in, out, n);         // writes the wet signal only; in == out allowed
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "dsp/math.hpp"

namespace mr::dsp {

class DelayLine {
 public:
  DelayLine() = default;
  DelayLine(const DelayLine&) = delete;
  DelayLine& operator=(const DelayLine&) = delete;

  // Allocates at least max_delay_sec of memory (a power of two, so wrapping is a mask): call
  // off the audio thread.
  void Init(float sample_rate, float max_delay_sec) {
    size_t need = static_cast<size_t>(std::ceil(max_delay_sec * sample_rate)) + 4;
    size_t size = 1;
    while (size < need) size <<= 1;
    buffer_.assign(size, 0.0f);
    mask_ = size - 1;
    max_delay_ = need - 4;
    write_ = 0;
  }
  size_t max_delay_frames() const { return max_delay_; }
  void Reset() {  // silence (no allocation: safe on the audio thread)
    for (float& x : buffer_) x = 0.0f;
  }
  inline void Write(float x) {
    buffer_[write_] = x;
    write_ = (write_ + 1) & mask_;
  }
  // Reads the sample written delay_frames ago (linear interpolation, 1 <= delay <= max).
  inline float Read(float delay_frames) const {
    float d = Clamp(delay_frames, 1.0f, static_cast<float>(max_delay_));
    size_t whole = static_cast<size_t>(d);
    float frac = d - static_cast<float>(whole);
    size_t a = (write_ - whole) & mask_;
    size_t b = (a - 1) & mask_;
    return buffer_[a] + (buffer_[b] - buffer_[a]) * frac;
  }

 private:
  std::vector<float> buffer_;
  size_t mask_ = 0, max_delay_ = 0, write_ = 0;
};

class FeedbackDelay {
 public:
  void Init(float sample_rate, float max_delay_sec) {
    sample_rate_ = sample_rate;
    line_.Init(sample_rate, max_delay_sec);
    frames_ = next_frames_ = target_frames_ = 0.25f * sample_rate;
    fade_ = 0.0f;
    fading_ = false;
    fade_step_ = 1.0f / std::fmax(kFadeSec * sample_rate, 1.0f);
    feedback_ = 0.5f;
    set_damping_norm(0.2f);
    lp_ = 0.0f;
    fresh_ = true;
  }
  // A new time crossfades from the old tap to the new one over 20 ms (a jump of the read head
  // would click, a glide would bend the pitch); set before the first Process, it applies at once.
  void set_time_sec(float s) { target_frames_ = s * sample_rate_; }
  void Reset() {
    line_.Reset();
    lp_ = 0.0f;
  }
  void set_feedback_norm(float f) { feedback_ = Clamp(f, 0.0f, 0.98f); }
  // 0 = bright repeats, 1 = each repeat much darker: the loop's low-pass corner goes from
  // 20 kHz to 1 kHz (in Hz, so repeats sound the same at any sample rate).
  void set_damping_norm(float d) {
    float corner_hz = 20000.0f * std::pow(0.05f, Clamp(d, 0.0f, 1.0f));
    damp_ = d <= 0.0f ? 0.0f : std::exp(-kTwoPi * std::fmin(corner_hz, 0.45f * sample_rate_) / sample_rate_);
  }

  // Writes the wet signal only.
  void Process(const float* in, float* out, size_t n) {
    if (fresh_) {
      fresh_ = false;
      frames_ = next_frames_ = target_frames_;
    }
    float lp = lp_;
    const float damp = damp_, feedback = feedback_;
    for (size_t i = 0; i < n; ++i) {
      if (!fading_ && target_frames_ != frames_) {  // a change during a fade waits for its end
        next_frames_ = target_frames_;
        fade_ = 0.0f;
        fading_ = true;
      }
      float y = line_.Read(frames_);
      if (fading_) {
        y += (line_.Read(next_frames_) - y) * fade_;
        fade_ += fade_step_;
        if (fade_ >= 1.0f) {
          frames_ = next_frames_;
          fading_ = false;
        }
      }
      lp = FlushTiny(y + (lp - y) * damp);  // keeps the recirculating tail out of denormals
      line_.Write(in[i] + lp * feedback);
      out[i] = y;
    }
    lp_ = lp;
  }

 private:
  static constexpr float kFadeSec = 0.02f;
  DelayLine line_;
  float sample_rate_ = 48000.0f;
  float frames_ = 0.0f, next_frames_ = 0.0f, target_frames_ = 0.0f;
  float fade_ = 0.0f, fade_step_ = 0.001f;
  bool fading_ = false, fresh_ = true;
  float feedback_ = 0.5f, damp_ = 0.0f, lp_ = 0.0f;
};

}  // namespace mr::dsp
