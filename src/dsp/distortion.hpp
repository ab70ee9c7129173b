// Waveshaping and degradation with SuperDirt's parameter meanings: Shape (`shape` 0..1, soft
// saturation that gets harder towards 1), Crush (`crush` bits, 1..16: fewer is rougher) and
// Coarse (`coarse` N: sample-and-hold every N samples, a sample-rate reduction).
#pragma once

#include <cmath>
#include <cstddef>

#include "dsp/math.hpp"

namespace mr::dsp {

class Shape {
 public:
  void Init(float /*sample_rate*/) { set_amount_norm(0.0f); }
  void set_amount_norm(float a) {
    a = Clamp(a, 0.0f, 0.99f);
    k_ = 2.0f * a / (1.0f - a);
  }
  inline float Tick(float x) const { return x * (1.0f + k_) / (1.0f + k_ * std::fabs(x)); }
  void Process(const float* in, float* out, size_t n) const {
    for (size_t i = 0; i < n; ++i) out[i] = Tick(in[i]);
  }

 private:
  float k_ = 0.0f;
};

class Crush {
 public:
  void Init(float /*sample_rate*/) { set_bits(16.0f); }
  void set_bits(float bits) { levels_ = std::exp2(Clamp(bits, 1.0f, 24.0f) - 1.0f); }
  inline float Tick(float x) const { return std::round(x * levels_) / levels_; }
  void Process(const float* in, float* out, size_t n) const {
    for (size_t i = 0; i < n; ++i) out[i] = Tick(in[i]);
  }

 private:
  float levels_ = 32768.0f;
};

class Coarse {
 public:
  void Init(float /*sample_rate*/) {
    factor_ = 1;
    count_ = 0;
    held_ = 0.0f;
  }
  void set_factor(int n) { factor_ = n < 1 ? 1 : n; }
  inline float Tick(float x) {
    if (count_ == 0) held_ = x;
    if (++count_ >= factor_) count_ = 0;
    return held_;
  }
  void Process(const float* in, float* out, size_t n) {
    for (size_t i = 0; i < n; ++i) out[i] = Tick(in[i]);
  }

 private:
  int factor_ = 1, count_ = 0;
  float held_ = 0.0f;
};

}  // namespace mr::dsp
