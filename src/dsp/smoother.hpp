// Smoother: one-pole ramp towards a target, for parameters whose jumps would click.
// time_sec is the time constant (63% of the way).
#pragma once

#include <cmath>
#include <cstddef>

namespace mr::dsp {

class Smoother {
 public:
  void Init(float sample_rate) {
    sample_rate_ = sample_rate;
    value_ = target_ = 0.0f;
    set_time_sec(0.005f);
  }
  void set_time_sec(float s) {
    coef_ = 1.0f - std::exp(-1.0f / std::fmax(s * sample_rate_, 1.0f));
  }
  void set_target(float t) { target_ = t; }
  void Reset(float v) { value_ = target_ = v; }
  float value() const { return value_; }
  inline float Tick() {
    value_ += (target_ - value_) * coef_;
    return value_;
  }
  void Process(float* out, size_t n) {
    float v = value_;
    const float t = target_, c = coef_;
    for (size_t i = 0; i < n; ++i) out[i] = v += (t - v) * c;
    value_ = v;
  }

 private:
  float sample_rate_ = 48000.0f;
  float value_ = 0.0f, target_ = 0.0f, coef_ = 1.0f;
};

}  // namespace mr::dsp
