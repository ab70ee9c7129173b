// What the engine gives the visuals (Engine::read_analysis): the master spectrum in Shadertoy's
// layout, a scope, and levels per orbit. The audio thread only copies samples into a lock-free
// ring and publishes levels through a triple buffer; the FFT runs in read_analysis's caller.
// Smoothing and integration are defined in seconds of audio, so visuals look the same at any
// frame rate.
#pragma once

#include <cstdint>

namespace mr::audio {

struct Analysis {
  int64_t frame = 0;  // engine frame at the end of the analysed window
  // Master spectrum as Shadertoy's WebAudio analyser (fftSize 2048, Blackman window): bin k is
  // k * rate / 2048 Hz (the first 512 of 1024 bins), -100..-30 dB mapped to 0..1.
  float fft[512] = {};
  float fft_smoothed[512] = {};    // WebAudio smoothing 0.8 per 1/60 s of audio (Shadertoy's look)
  float fft_integrated[512] = {};  // integral of fft over time (units 0..1 x seconds), leak 4 s
  float waveform[512] = {};        // the last 512 master frames (mono, -1..1)
  float orbit_rms[8] = {};         // per orbit, RMS with a 50 ms time constant
  float orbit_peak[8] = {};        // per orbit, peak falling with a 0.3 s time constant
  float master_rms = 0.f, master_peak = 0.f;  // after the limiter, same time constants
  float rate_hz = 48000.f;                    // the engine's sample rate (for bin frequencies)
};

}  // namespace mr::audio
