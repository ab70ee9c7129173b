// Noise: white (xorshift32, deterministic per seed), pink (-3 dB/octave, sum of one-pole
// filtered white), brown (-6 dB/octave, leaky integrated white). Output roughly -1..1.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mr::dsp {

enum class NoiseColour { kWhite, kPink, kBrown };

class Noise {
 public:
  void Init(float sample_rate, uint32_t seed = 0x9e3779b9u) {
    sample_rate_ = sample_rate;
    colour_ = NoiseColour::kWhite;
    state_ = seed ? seed : 1u;
    for (float& b : pink_) b = 0.0f;
    brown_ = 0.0f;
  }
  void set_colour(NoiseColour c) { colour_ = c; }
  void set_seed(uint32_t seed) { state_ = seed ? seed : 1u; }

  // Uniform white in [-1, 1).
  inline float White() {
    uint32_t x = state_;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    state_ = x;
    return static_cast<float>(static_cast<int32_t>(x)) * (1.0f / 2147483648.0f);
  }

  inline float Tick() {
    float w = White();
    switch (colour_) {
      case NoiseColour::kPink: {
        // Parallel one-pole low-passes with poles spread by octaves-ish: their sum
        // approximates a 1/f power spectrum over the audio band (within about 1 dB).
        pink_[0] = 0.99886f * pink_[0] + w * 0.0555179f;
        pink_[1] = 0.99332f * pink_[1] + w * 0.0750759f;
        pink_[2] = 0.96900f * pink_[2] + w * 0.1538520f;
        pink_[3] = 0.86650f * pink_[3] + w * 0.3104856f;
        pink_[4] = 0.55000f * pink_[4] + w * 0.5329522f;
        pink_[5] = -0.7616f * pink_[5] - w * 0.0168980f;
        float out = pink_[0] + pink_[1] + pink_[2] + pink_[3] + pink_[4] + pink_[5] + pink_[6] +
                    w * 0.5362f;
        pink_[6] = w * 0.115926f;
        return out * 0.11f;
      }
      case NoiseColour::kBrown: {
        // Leak keeps the random walk bounded (corner ~ 8 Hz at 48 kHz); RMS about 0.3.
        brown_ = 0.999f * brown_ + 0.025f * w;
        return brown_;
      }
      case NoiseColour::kWhite:
      default:
        return w;
    }
  }

  void Process(float* out, size_t n) {
    for (size_t i = 0; i < n; ++i) out[i] = Tick();
  }

 private:
  float sample_rate_ = 48000.0f;
  NoiseColour colour_ = NoiseColour::kWhite;
  uint32_t state_ = 1u;
  float pink_[7] = {};
  float brown_ = 0.0f;
};

}  // namespace mr::dsp
