// Vowel: formant filter, SuperDirt's `vowel` (a e i o u). Five band-passes (the formants of a
// tenor voice: centre, level and bandwidth from the usual singing-voice tables) in parallel,
// summed with their levels. Changing vowel glides the formants over ~20 ms, so a patterned
// `vowel` does not click.
//
//   mr::dsp::Vowel v;  v.Init(48000.0f);
//   v.set_vowel('o');             // 'a' 'e' 'i' 'o' 'u'; anything else = bypass (dry)
//   v.Process(in, out, n);        // in == out allowed; no allocation
#pragma once

#include <cmath>
#include <cstddef>

#include "dsp/math.hpp"

namespace mr::dsp {

class Vowel {
 public:
  static constexpr int kFormants = 5;
  // Gain on top of each formant's level: five narrow bands keep only a slice of a bright
  // source's energy: with this a saw at 55-220 Hz comes out 1-9 dB below its input, and a lone
  // harmonic sitting on the first formant 10 dB above.
  static constexpr float kMakeupDb = 10.0f;
  struct Formant {
    float hz, db, bandwidth_hz;
  };
  // Tenor formants (frequency, level, bandwidth) for a e i o u.
  static constexpr Formant kTable[5][kFormants] = {
      {{650, 0, 80}, {1080, -6, 90}, {2650, -7, 120}, {2900, -8, 130}, {3250, -22, 140}},
      {{400, 0, 70}, {1700, -14, 80}, {2600, -12, 100}, {3200, -14, 120}, {3580, -20, 120}},
      {{290, 0, 40}, {1870, -15, 90}, {2800, -18, 100}, {3250, -20, 120}, {3540, -30, 120}},
      {{400, 0, 40}, {800, -10, 80}, {2600, -12, 100}, {2800, -12, 120}, {3000, -26, 120}},
      {{350, 0, 40}, {600, -20, 60}, {2700, -17, 100}, {2900, -14, 120}, {3300, -26, 120}},
  };

  void Init(float sample_rate) {
    sample_rate_ = sample_rate;
    glide_ = 1.0f - std::exp(-1.0f / (0.02f * sample_rate));
    for (int f = 0; f < kFormants; ++f) ic1_[f] = ic2_[f] = 0.0f;
    index_ = -1;
    set_vowel('a');
    for (int f = 0; f < kFormants; ++f) {
      cur_hz_[f] = target_hz_[f];
      cur_bw_[f] = target_bw_[f];
      cur_gain_[f] = target_gain_[f];
    }
    index_ = -1;  // starts bypassed until a vowel is set
  }
  // 'a' 'e' 'i' 'o' 'u' (either case); any other character bypasses the filter.
  void set_vowel(char c) {
    const char* names = "aeiou";
    int idx = -1;
    for (int i = 0; i < 5; ++i)
      if (c == names[i] || c == names[i] - 'a' + 'A') idx = i;
    if (idx < 0) {
      index_ = -1;
      return;
    }
    for (int f = 0; f < kFormants; ++f) {
      target_hz_[f] = kTable[idx][f].hz;
      target_bw_[f] = kTable[idx][f].bandwidth_hz;
      // Band-pass peaks are unity: level per formant, plus a make-up so a bright source keeps
      // roughly its loudness through five narrow bands.
      target_gain_[f] = DbToGain(kTable[idx][f].db + kMakeupDb);
    }
    if (index_ < 0) {  // from bypass: jump, there is nothing to glide from
      for (int f = 0; f < kFormants; ++f) {
        cur_hz_[f] = target_hz_[f];
        cur_bw_[f] = target_bw_[f];
        cur_gain_[f] = target_gain_[f];
      }
    }
    index_ = idx;
  }
  int vowel_index() const { return index_; }

  void Process(const float* in, float* out, size_t n) {
    if (index_ < 0) {
      if (in != out)
        for (size_t i = 0; i < n; ++i) out[i] = in[i];
      return;
    }
    // Coefficients per sub-block of 16 frames: the glide is smooth at that rate.
    for (size_t start = 0; start < n; start += 16) {
      size_t len = n - start < 16 ? n - start : 16;
      float a1[kFormants], a2[kFormants], a3[kFormants], k[kFormants], gain[kFormants];
      const float glide = 1.0f - std::pow(1.0f - glide_, float(len));
      for (int f = 0; f < kFormants; ++f) {
        cur_hz_[f] += (target_hz_[f] - cur_hz_[f]) * glide;
        cur_bw_[f] += (target_bw_[f] - cur_bw_[f]) * glide;
        cur_gain_[f] += (target_gain_[f] - cur_gain_[f]) * glide;
        float g = FastTan(Clamp(cur_hz_[f] / sample_rate_, 1e-5f, 0.45f) * kPi);
        k[f] = cur_bw_[f] / cur_hz_[f];  // 1 / Q
        a1[f] = 1.0f / (1.0f + g * (g + k[f]));
        a2[f] = g * a1[f];
        a3[f] = g * a2[f];
        gain[f] = cur_gain_[f] * k[f];  // k * band output = unity-peak band-pass
      }
      for (size_t i = start; i < start + len; ++i) {
        const float x = in[i];
        float y = 0.0f;
        for (int f = 0; f < kFormants; ++f) {
          const float v3 = x - ic2_[f];
          const float v1 = a1[f] * ic1_[f] + a2[f] * v3;
          const float v2 = ic2_[f] + a2[f] * ic1_[f] + a3[f] * v3;
          ic1_[f] = FlushTiny(2.0f * v1 - ic1_[f]);
          ic2_[f] = FlushTiny(2.0f * v2 - ic2_[f]);
          y += v1 * gain[f];
        }
        out[i] = y;
      }
    }
  }

 private:
  float sample_rate_ = 48000.0f, glide_ = 0.001f;
  int index_ = -1;
  float target_hz_[kFormants] = {}, target_bw_[kFormants] = {}, target_gain_[kFormants] = {};
  float cur_hz_[kFormants] = {}, cur_bw_[kFormants] = {}, cur_gain_[kFormants] = {};
  float ic1_[kFormants] = {}, ic2_[kFormants] = {};
};

}  // namespace mr::dsp
