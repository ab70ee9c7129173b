// DcBlocker: first-order high-pass (~10 Hz) that removes DC offset.
#pragma once

#include <cstddef>

#include "dsp/math.hpp"

namespace mr::dsp {

class DcBlocker {
 public:
  void Init(float sample_rate) {
    r_ = 1.0f - kTwoPi * 10.0f / sample_rate;
    x1_ = y1_ = 0.0f;
  }
  inline float Tick(float x) {
    float y = x - x1_ + r_ * y1_;
    x1_ = x;
    y1_ = FlushTiny(y);
    return y;
  }
  void Process(const float* in, float* out, size_t n) {
    for (size_t i = 0; i < n; ++i) out[i] = Tick(in[i]);
  }

 private:
  float r_ = 0.999f, x1_ = 0.0f, y1_ = 0.0f;
};

}  // namespace mr::dsp
