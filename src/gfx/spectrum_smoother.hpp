// Spectrum smoothing and integration defined in seconds, not per frame, so texFFTSmoothed,
// texFFTIntegrated and Shadertoy's audio texture look the same at 30 and at 144 frames per second.
// The constants are the two tools' own, which assume 60 frames per second: Bonzomatic keeps 0.9
// of the smoothed value per frame and adds the smoothed value to the integral once per frame;
// Shadertoy (WebAudio's AnalyserNode) keeps 0.8 per read.
#pragma once

#include <array>

namespace mr::gfx {

class SpectrumSmoother {
 public:
  static constexpr int kBins = 512;
  static constexpr double kReferenceFps = 60.0;

  // Keeps `retain_per_frame` of the old value per 1/60 s (0.9 Bonzomatic, 0.8 Shadertoy).
  explicit SpectrumSmoother(double retain_per_frame = 0.9);

  // Advances by dt_sec with `fft` (kBins values) held constant over that span. Exact for
  // piecewise-constant input: the result does not depend on how the span is cut into frames.
  void update(const float* fft, double dt_sec);
  void reset();

  const std::array<float, kBins>& smoothed() const { return smoothed_; }
  // Running integral of smoothed() in units of "frames at 60 fps" (Bonzomatic's scale).
  const std::array<float, kBins>& integrated() const { return integrated_; }

 private:
  double rate_per_sec_;  // decay rate lambda: retain = exp(-lambda * dt)
  std::array<float, kBins> smoothed_{};
  std::array<float, kBins> integrated_{};
};

}  // namespace mr::gfx
