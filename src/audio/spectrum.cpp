// Radix-2 FFT and the WebAudio-style magnitude mapping.
#include "audio/spectrum.hpp"

#include <algorithm>
#include <cmath>

namespace mr::audio::detail {
namespace {
constexpr double kTwoPi = 6.283185307179586;
constexpr float kMinDb = -100.f, kMaxDb = -30.f;
// WebAudio's smoothingTimeConstant 0.8 applies once per analyser call; Shadertoy calls it once
// per 60 Hz frame. Here it is per second of audio: 0.8 every 1/60 s, whatever the frame rate.
constexpr float kSmoothPerSec = 60.f;

float ToUnit(float mag) {
  const float db = 20.f * std::log10(std::max(mag, 1e-12f));
  return std::clamp((db - kMinDb) / (kMaxDb - kMinDb), 0.f, 1.f);
}
}  // namespace

Spectrum::Spectrum()
    : window_(kSize), twiddle_(kSize / 2), buffer_(kSize), smooth_mag_(kBins, 0.f) {
  // Blackman, alpha 0.16, as the WebAudio specification
  for (int i = 0; i < kSize; ++i) {
    const double x = static_cast<double>(i) / kSize;
    window_[i] = static_cast<float>(0.42 - 0.5 * std::cos(kTwoPi * x) + 0.08 * std::cos(2 * kTwoPi * x));
  }
  for (int i = 0; i < kSize / 2; ++i)
    twiddle_[i] = std::polar(1.f, static_cast<float>(-kTwoPi * i / kSize));
}

void Spectrum::Analyse(const float* samples, float elapsed_sec, float* raw, float* smoothed) {
  // bit-reversed load
  int bits = 0;
  while ((1 << bits) < kSize) ++bits;
  for (int i = 0; i < kSize; ++i) {
    int r = 0;
    for (int b = 0; b < bits; ++b) r |= ((i >> b) & 1) << (bits - 1 - b);
    buffer_[r] = {samples[i] * window_[i], 0.f};
  }
  for (int len = 2; len <= kSize; len <<= 1) {
    const int half = len / 2, step = kSize / len;
    for (int i = 0; i < kSize; i += len) {
      for (int k = 0; k < half; ++k) {
        const std::complex<float> t = twiddle_[k * step] * buffer_[i + k + half];
        buffer_[i + k + half] = buffer_[i + k] - t;
        buffer_[i + k] += t;
      }
    }
  }
  const float tau = std::pow(0.8f, std::max(0.f, elapsed_sec) * kSmoothPerSec);
  for (int k = 0; k < kBins; ++k) {
    const float mag = std::abs(buffer_[k]) / kSize;
    smooth_mag_[k] = tau * smooth_mag_[k] + (1.f - tau) * mag;
    if (!std::isfinite(smooth_mag_[k])) smooth_mag_[k] = 0.f;
    raw[k] = ToUnit(mag);
    smoothed[k] = ToUnit(smooth_mag_[k]);
  }
}

}  // namespace mr::audio::detail
