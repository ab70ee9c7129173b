// What the audio thread publishes for the visuals, once per analysis hop, through a TripleBuffer.
// Smoothing and integration are defined in seconds, so visuals look the same at any frame rate.
#pragma once

#include <cstdint>

namespace mr::audio {

struct Analysis {
  int64_t frame = 0;            // engine frame at the end of the analysed window
  float fft[512] = {};          // master magnitude spectrum, bin k = k * rate / 1024 Hz
  float fft_smoothed[512] = {};  // one-pole smoothed over 0.1 s
  float fft_integrated[512] = {};  // leaky integral, time constant 4 s
  float waveform[512] = {};     // the last 512 master frames (mono)
  float orbit_rms[8] = {};
  float orbit_peak[8] = {};
  float master_rms = 0.f, master_peak = 0.f;
};

}  // namespace mr::audio
