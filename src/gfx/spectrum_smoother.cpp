#include "gfx/spectrum_smoother.hpp"

#include <algorithm>
#include <cmath>

namespace mr::gfx {

SpectrumSmoother::SpectrumSmoother(double retain_per_frame)
    : rate_per_sec_(-std::log(std::clamp(retain_per_frame, 1e-6, 0.999999)) * kReferenceFps) {}

void SpectrumSmoother::reset() {
  smoothed_.fill(0.0f);
  integrated_.fill(0.0f);
}

void SpectrumSmoother::update(const float* fft, double dt_sec) {
  if (!(dt_sec > 0.0)) return;
  dt_sec = std::min(dt_sec, 1.0);  // a stalled frame must not make the integral jump
  const double retain = std::exp(-rate_per_sec_ * dt_sec);
  // Over the span s(t) = x + (s0 - x) e^{-lambda t}; its integral is x dt + (s0 - x)(1 - e^{-lambda dt}) / lambda.
  const double tail = (1.0 - retain) / rate_per_sec_;
  for (int i = 0; i < kBins; ++i) {
    const double x = fft[i];
    const double s0 = smoothed_[i];
    integrated_[i] += static_cast<float>((x * dt_sec + (s0 - x) * tail) * kReferenceFps);
    smoothed_[i] = static_cast<float>(x + (s0 - x) * retain);
  }
}

}  // namespace mr::gfx
