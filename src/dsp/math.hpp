// Small numeric helpers shared by the DSP units: constants, conversions, clamps.
// Everything here is inline and allocation-free; units are in the names.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace mr::dsp {

inline constexpr float kPi = 3.14159265358979323846f;
inline constexpr float kTwoPi = 6.28318530717958647692f;

inline float Clamp(float x, float lo, float hi) { return x < lo ? lo : (x > hi ? hi : x); }

// Decibels to linear gain (0 dB = 1).
inline float DbToGain(float db) { return std::pow(10.0f, db * 0.05f); }

// Linear gain to decibels; silence maps to -240 dB rather than -inf.
inline float GainToDb(float gain) { return 20.0f * std::log10(gain > 1e-12f ? gain : 1e-12f); }

// MIDI note number to Hz (69 = a4 = 440 Hz).
inline float MidiToHz(float note) { return 440.0f * std::exp2((note - 69.0f) / 12.0f); }

// ZDF (bilinear, prewarped) integrator gain for a cutoff in Hz; clamped below Nyquist.
inline float PrewarpGain(float cutoff_hz, float sample_rate) {
  float norm = Clamp(cutoff_hz / sample_rate, 1e-6f, 0.49f);
  return std::tan(kPi * norm);
}

// tan(x) for 0 <= x < pi/2 by a (5,4) Padé approximant: 1e-6 relative below pi/4, about 1% at
// 0.49 of the sample rate. Used where the cutoff moves every sample.
inline float FastTan(float x) {
  float x2 = x * x;
  return x * (945.0f - 105.0f * x2 + x2 * x2) / (945.0f - 420.0f * x2 + 15.0f * x2 * x2);
}

// Soft clip with tanh's shape and exact saturation at +-1 beyond |x| = 3 (rational, no exp).
inline float SoftClip(float x) {
  x = Clamp(x, -3.0f, 3.0f);
  float x2 = x * x;
  return x * (27.0f + x2) / (27.0f + 9.0f * x2);
}

// Flushes a tiny value to exact zero (for state that decays forever, e.g. feedback loops).
inline float FlushTiny(float x) { return std::fabs(x) < 1e-20f ? 0.0f : x; }

}  // namespace mr::dsp
