// What the engine's analysis gives the visuals, in one plain struct both sides use
// (audio::Engine::read_analysis fills it, gfx::Visuals::set_audio reads it): the master spectrum
// in Shadertoy's layout, a scope, and levels per orbit. Smoothing is defined in seconds of
// audio, so visuals look the same at any frame rate.
#pragma once

#include <array>
#include <cstdint>

namespace mr {

// The orbits: effect buses, each its own delay and reverb (SuperDirt has 12; an orbit number is
// taken modulo the count, as SuperDirt takes it).
constexpr int kOrbitCount = 12;

struct AudioAnalysis {
  int64_t frame = 0;  // engine frame at the end of the analysed window
  // Master spectrum as Shadertoy's WebAudio analyser (fftSize 2048, Blackman window): bin k is
  // k * rate / 2048 Hz (the first 512 of 1024 bins), -100..-30 dB mapped to 0..1.
  std::array<float, 512> fft{};
  std::array<float, 512> fft_smoothed{};  // WebAudio smoothing 0.8 per 1/60 s of audio (Shadertoy's look)
  std::array<float, 512> waveform{};      // the last 512 master frames (mono, -1..1)
  std::array<float, kOrbitCount> orbit_rms{};      // per orbit, RMS with a 50 ms time constant
  std::array<float, kOrbitCount> orbit_peak{};      // per orbit, peak falling with a 0.3 s time constant
  float master_rms = 0.f, master_peak = 0.f;  // after the limiter, same time constants
  float rate_hz = 48000.f;                    // the engine's sample rate (bin frequencies, iSampleRate)
};

}  // namespace mr
