// Reverb: stereo feedback-delay-network reverb (8 modulated delay lines, Householder feedback
// matrix, damping in the loop, input diffusion by allpasses), after Jot and Dattorro. Click-free
// parameter changes; tails from a small room (0.3 s) to a near-frozen hall (30 s).
//
//   mr::dsp::Reverb rv;
//   rv.Init(48000.0f);           // the only allocation (about 150 KB at 48 kHz): off the audio thread
//   rv.set_size_norm(0.8f);      // 0..1: decay time (RT60) 0.3 s .. 30 s, exponential, and room scale
//   rv.set_damp_norm(0.5f);      // 0..1: high-frequency loss in the tail (0 bright .. 1 dark)
//   rv.set_mix_norm(1.0f);       // 0..1: 0 dry only, 1 wet only (use 1 on a send bus)
//   rv.Process(left, right, n);  // in place, any n: no allocation, lock or syscall
//   rv.Reset();                  // clears the tail (also not allocating)
//
// Settings made after Init() or Reset() and before the next Process() apply at once; later
// ones ramp (gains across one block, room scale over seconds).
//
// Setters may be called on the audio thread between blocks (they cost a few pow()s). Decay time
// follows `size` at once; the room scale (0.8 .. 1.1) glides slowly (taps move, never jump), so
// a patterned `size` neither clicks nor audibly bends the tail's pitch.
// The wet level is normalised by decay time: long sizes ring longer, not louder.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "dsp/math.hpp"

namespace mr::dsp {

class Reverb {
 public:
  static constexpr int kLines = 8;
  static constexpr int kDiffusers = 4;

  Reverb() = default;
  Reverb(const Reverb&) = delete;
  Reverb& operator=(const Reverb&) = delete;

  // Allocates every buffer for sample_rate: call off the audio thread.
  void Init(float sample_rate) {
    sample_rate_ = sample_rate;
    const float ms = sample_rate * 0.001f;
    // Longest room scale (kMaxScale) plus modulation depth and interpolation margin.
    size_t need = static_cast<size_t>(kLineMs[kLines - 1] * kMaxScale * ms + kModDepthMs * ms) + 8;
    line_size_ = NextPow2(need);
    size_t total = line_size_ * kLines;
    for (int c = 0; c < 2; ++c)
      for (int d = 0; d < kDiffusers; ++d) {
        ap_len_[c][d] = static_cast<uint32_t>(kDiffuserMs[c][d] * ms);
        if (ap_len_[c][d] < 1) ap_len_[c][d] = 1;
        ap_size_[c][d] = NextPow2(ap_len_[c][d] + 1);
        total += ap_size_[c][d];
      }
    memory_.assign(total, 0.0f);
    float* p = memory_.data();
    for (int i = 0; i < kLines; ++i, p += line_size_) lines_[i] = p;
    for (int c = 0; c < 2; ++c)
      for (int d = 0; d < kDiffusers; ++d) {
        ap_buf_[c][d] = p;
        p += ap_size_[c][d];
      }
    mod_rot_c_ = std::cos(kTwoPi * kModHz / sample_rate);
    mod_rot_s_ = std::sin(kTwoPi * kModHz / sample_rate);
    mod_depth_ = kModDepthMs * ms * 0.5f;
    size_norm_ = 0.5f;
    damp_norm_ = 0.5f;
    mix_ = 0.3f;
    scale_ = scale_target_ = ScaleFor(size_norm_);
    scale_glide_ = 1.0f - std::exp(-1.0f / (kScaleGlideSec * sample_rate));
    Update();
    Reset();
  }

  // Decay time and room scale together, SuperDirt's `size`: 0 -> 0.3 s, 0.5 -> 3 s, 1 -> 30 s.
  void set_size_norm(float s) {
    size_norm_ = Clamp(s, 0.0f, 1.0f);
    scale_target_ = ScaleFor(size_norm_);
    Update();
  }
  // High-frequency damping in the feedback loop, 0 (bright) .. 1 (dark): a one-pole low-pass
  // in every line with its corner at 20 kHz * 0.05^damp (20 kHz .. 1 kHz).
  void set_damp_norm(float d) {
    damp_norm_ = Clamp(d, 0.0f, 1.0f);
    Update();
  }
  // Dry/wet crossfade, 0 = dry only .. 1 = wet only.
  void set_mix_norm(float m) { mix_ = Clamp(m, 0.0f, 1.0f); }
  float decay_sec() const { return 0.3f * std::pow(100.0f, size_norm_); }

  void Reset() {
    for (float& x : memory_) x = 0.0f;
    for (int i = 0; i < kLines; ++i) lp_[i] = 0.0f;
    write_ = 0;
    for (int c = 0; c < 2; ++c)
      for (int d = 0; d < kDiffusers; ++d) ap_pos_[c][d] = 0;
    mod_c_ = 1.0f;
    mod_s_ = 0.0f;
    scale_ = scale_target_;
    fresh_ = true;
  }

  // In place: left/right hold the dry input and receive dry * (1 - mix) + wet * mix.
  void Process(float* left, float* right, size_t n) {
    const uint32_t mask = static_cast<uint32_t>(line_size_ - 1);
    if (fresh_) {  // settings made since Init or Reset apply at once: nothing to glide from
      fresh_ = false;
      scale_ = scale_target_;
      dry_ = 1.0f - mix_;
      wet_ = mix_ * out_gain_;
    }
    // Dry and wet gains ramp across the block: a size or mix change never steps the output.
    const float dry_end = 1.0f - mix_, wet_end = mix_ * out_gain_;
    const float inv_n = n ? 1.0f / static_cast<float>(n) : 0.0f;
    const float dry_step = (dry_end - dry_) * inv_n, wet_step = (wet_end - wet_) * inv_n;
    float dry = dry_, wet = wet_;
    const float damp = damp_, scale_step = scale_glide_;
    float scale = scale_;
    const float scale_target = scale_target_;
    float mc = mod_c_, ms = mod_s_;
    uint32_t w = write_;
    float lp[kLines];
    float gain[kLines];
    for (int i = 0; i < kLines; ++i) {
      lp[i] = lp_[i];
      gain[i] = gain_[i];
    }
    for (size_t s = 0; s < n; ++s) {
      // Two quadrature LFOs (a rotating phasor) move each tap by a different combination.
      const float nc = mc * mod_rot_c_ - ms * mod_rot_s_;
      ms = ms * mod_rot_c_ + mc * mod_rot_s_;
      mc = nc;
      scale += (scale_target - scale) * scale_step;

      float in_l = Diffuse(0, left[s]);
      float in_r = Diffuse(1, right[s]);

      float o[kLines];
      for (int i = 0; i < kLines; ++i) {
        float m = (i & 1 ? ms : mc) * (i & 2 ? -mod_depth_ : mod_depth_);
        float d = line_len_[i] * scale + mod_depth_ + m;
        uint32_t whole = static_cast<uint32_t>(d);
        float frac = d - static_cast<float>(whole);
        const float* line = lines_[i];
        float a = line[(w - whole) & mask];
        float b = line[(w - whole - 1) & mask];
        o[i] = a + (b - a) * frac;
      }
      float sum = 0.0f;
      for (int i = 0; i < kLines; ++i) {
        lp[i] = FlushTiny(o[i] + (lp[i] - o[i]) * damp);
        sum += lp[i] * gain[i];
      }
      // Householder reflection I - 2/N * 1 1^T: lossless, every line feeds every other.
      sum *= 2.0f / kLines;
      for (int i = 0; i < kLines; ++i) {
        float inject = (i & 1) ? (i & 4 ? -in_r : in_r) : (i & 2 ? -in_l : in_l);
        lines_[i][w & mask] = lp[i] * gain[i] - sum + inject;
      }
      // Two orthogonal Hadamard rows give decorrelated left and right.
      float wl = o[0] + o[1] + o[2] + o[3] - o[4] - o[5] - o[6] - o[7];
      float wr = o[0] - o[1] + o[2] - o[3] + o[4] - o[5] + o[6] - o[7];
      dry += dry_step;
      wet += wet_step;
      left[s] = left[s] * dry + wl * wet;
      right[s] = right[s] * dry + wr * wet;
      ++w;
    }
    dry_ = dry_end;
    wet_ = wet_end;
    // Renormalise the phasor once per block so its amplitude never drifts.
    float mag = 1.0f / std::sqrt(mc * mc + ms * ms);
    mod_c_ = mc * mag;
    mod_s_ = ms * mag;
    scale_ = scale;
    write_ = w;
    for (int i = 0; i < kLines; ++i) lp_[i] = lp[i];
  }

 private:
  // Mutually incommensurate line lengths (ms at room scale 1), spread over 30..75 ms.
  static constexpr float kLineMs[kLines] = {31.3f, 37.9f, 41.2f, 47.5f, 53.1f, 59.7f, 67.3f, 73.9f};
  static constexpr float kDiffuserMs[2][kDiffusers] = {{4.77f, 3.59f, 12.73f, 9.30f},
                                                       {4.93f, 3.71f, 12.11f, 8.93f}};
  static constexpr float kDiffuserGain = 0.6f;
  static constexpr float kMaxScale = 1.1f;
  static constexpr float kModDepthMs = 0.6f;  // peak-to-peak tap movement: chorus the tail, no pitch wobble
  static constexpr float kModHz = 0.37f;
  static constexpr float kWetGain = 0.64f;  // steady wet level near the dry level for noise in
  // The room scale glides with a 2 s time constant: moving taps bend the tail's pitch, and this
  // slowly the bend stays under ~20 cents even for a jump across the whole size range.
  static constexpr float kScaleGlideSec = 2.0f;

  static size_t NextPow2(size_t n) {
    size_t p = 1;
    while (p < n) p <<= 1;
    return p;
  }
  static float ScaleFor(float size) { return 0.8f + 0.3f * size; }

  void Update() {
    const float ms = sample_rate_ * 0.001f;
    const float t60 = decay_sec();
    float mean_g2 = 0.0f;
    for (int i = 0; i < kLines; ++i) {
      line_len_[i] = kLineMs[i] * ms;
      // Gain per pass so that each line falls 60 dB in t60 at the target room scale.
      float pass_sec = line_len_[i] * scale_target_ / sample_rate_;
      gain_[i] = std::pow(10.0f, -3.0f * pass_sec / t60);
      mean_g2 += gain_[i] * gain_[i];
    }
    mean_g2 /= kLines;
    // Loop low-pass corner from 20 kHz (damp 0, nearly open) down to 1 kHz (damp 1), in Hz so
    // the tail's colour does not depend on the sample rate.
    const float corner_hz = 20000.0f * std::pow(0.05f, damp_norm_);
    damp_ = std::exp(-kTwoPi * std::fmin(corner_hz, 0.45f * sample_rate_) / sample_rate_);
    // Tail energy grows like 1 / (1 - g^2): scale it back so size changes length, not level.
    out_gain_ = kWetGain * std::sqrt(1.0f - mean_g2);
  }

  // Channel c's chain of Schroeder allpasses: smears transients before they enter the loop.
  inline float Diffuse(int c, float x) {
    for (int d = 0; d < kDiffusers; ++d) {
      float* buf = ap_buf_[c][d];
      const uint32_t m = static_cast<uint32_t>(ap_size_[c][d] - 1);
      uint32_t pos = ap_pos_[c][d];
      float delayed = buf[(pos - ap_len_[c][d]) & m];
      float v = x - kDiffuserGain * delayed;
      buf[pos & m] = FlushTiny(v);
      x = delayed + kDiffuserGain * v;
      ap_pos_[c][d] = pos + 1;
    }
    return x;
  }

  float sample_rate_ = 48000.0f;
  std::vector<float> memory_;
  size_t line_size_ = 0;
  float* lines_[kLines] = {};
  float line_len_[kLines] = {};
  float gain_[kLines] = {};
  float lp_[kLines] = {};
  uint32_t write_ = 0;
  float* ap_buf_[2][kDiffusers] = {};
  uint32_t ap_len_[2][kDiffusers] = {};
  size_t ap_size_[2][kDiffusers] = {};
  uint32_t ap_pos_[2][kDiffusers] = {};
  float size_norm_ = 0.5f, damp_norm_ = 0.5f, mix_ = 0.3f;
  float damp_ = 0.4f, out_gain_ = 0.1f;
  float dry_ = 0.7f, wet_ = 0.0f;  // gains reached at the end of the last block
  bool fresh_ = true;
  float scale_ = 1.0f, scale_target_ = 1.0f, scale_glide_ = 0.0f;
  float mod_c_ = 1.0f, mod_s_ = 0.0f, mod_rot_c_ = 1.0f, mod_rot_s_ = 0.0f, mod_depth_ = 0.0f;
};

}  // namespace mr::dsp
