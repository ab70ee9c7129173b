// The master spectrum for the visuals, computed on the reader's thread (never the audio thread)
// from the last 2048 master samples, as Shadertoy's WebAudio analyser does: Blackman window,
// 2048-point FFT, magnitude / N, the first 512 of the 1024 bins (bin k = k * rate / 2048 Hz),
// decibels -100..-30 mapped to 0..1. Smoothing is defined in seconds of audio.
#pragma once

#include <complex>
#include <vector>

namespace mr::audio::detail {

class Spectrum {
 public:
  static constexpr int kSize = 2048;
  static constexpr int kBins = 512;

  Spectrum();
  // samples: kSize mono samples, oldest first; elapsed_sec: audio time since the last call.
  // Writes raw (0..1) and smoothed bins.
  void Analyse(const float* samples, float elapsed_sec, float* raw, float* smoothed);

 private:
  std::vector<float> window_;
  std::vector<std::complex<float>> twiddle_, buffer_;
  std::vector<float> smooth_mag_;
};

}  // namespace mr::audio::detail
