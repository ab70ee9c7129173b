// Delay: a fractional delay line (memory sized once at Init, never after) and a feedback delay
// effect with one-pole damping in the loop (SuperDirt's delaytime / delayfeedback).
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

#include "dsp/math.hpp"

namespace mr::dsp {

class DelayLine {
 public:
  DelayLine() = default;
  DelayLine(const DelayLine&) = delete;
  DelayLine& operator=(const DelayLine&) = delete;

  // Allocates max_delay_sec of memory: call off the audio thread.
  void Init(float sample_rate, float max_delay_sec) {
    size_t n = static_cast<size_t>(std::ceil(max_delay_sec * sample_rate)) + 4;
    buffer_.assign(n, 0.0f);
    write_ = 0;
  }
  size_t max_delay_frames() const { return buffer_.size() - 4; }
  inline void Write(float x) {
    buffer_[write_] = x;
    write_ = write_ + 1 == buffer_.size() ? 0 : write_ + 1;
  }
  // Reads the sample written delay_frames ago (linear interpolation, 1 <= delay <= max).
  inline float Read(float delay_frames) const {
    const size_t size = buffer_.size();
    float d = Clamp(delay_frames, 1.0f, static_cast<float>(size - 4));
    size_t whole = static_cast<size_t>(d);
    float frac = d - static_cast<float>(whole);
    size_t a = (write_ + size - whole) % size;
    size_t b = (a + size - 1) % size;
    return buffer_[a] + (buffer_[b] - buffer_[a]) * frac;
  }

 private:
  std::vector<float> buffer_;
  size_t write_ = 0;
};

class FeedbackDelay {
 public:
  void Init(float sample_rate, float max_delay_sec) {
    sample_rate_ = sample_rate;
    line_.Init(sample_rate, max_delay_sec);
    delay_frames_ = 0.25f * sample_rate;
    feedback_ = 0.5f;
    damp_ = 0.2f;
    lp_ = 0.0f;
  }
  void set_time_sec(float s) { delay_frames_ = s * sample_rate_; }
  void set_feedback_norm(float f) { feedback_ = Clamp(f, 0.0f, 0.98f); }
  // 0 = bright repeats, 1 = each repeat much darker.
  void set_damping_norm(float d) { damp_ = Clamp(d, 0.0f, 0.95f); }

  // Writes the wet signal only.
  void Process(const float* in, float* out, size_t n) {
    float lp = lp_;
    for (size_t i = 0; i < n; ++i) {
      float y = line_.Read(delay_frames_);
      lp = FlushTiny(y + (lp - y) * damp_);
      line_.Write(in[i] + lp * feedback_);
      out[i] = y;
    }
    lp_ = lp;
  }

 private:
  DelayLine line_;
  float sample_rate_ = 48000.0f;
  float delay_frames_ = 0.0f, feedback_ = 0.5f, damp_ = 0.2f, lp_ = 0.0f;
};

}  // namespace mr::dsp
