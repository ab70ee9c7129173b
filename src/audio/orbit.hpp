// An orbit: SuperDirt's effect bus. Voices add into its dry bus and its delay and reverb send
// buses; the orbit runs one stereo feedback delay and one FDN reverb on the sends (only while
// they ring) and sums dry + wet. Effect parameters are the orbit's, set by the events that name
// them (delaytime, delayfeedback, size); changes crossfade (delay) or glide (size): no clicks.
#pragma once

#include <algorithm>
#include <cmath>

#include "audio/voices.hpp"
#include "dsp/delay.hpp"
#include "dsp/reverb.hpp"

namespace mr::audio::detail {

class Orbit {
 public:
  static constexpr float kMaxDelaySec = 2.5f;  // 16 delay lines of this per engine

  // Allocates the delay and reverb memory: off the audio thread.
  void Init(float rate_hz) {
    rate_ = rate_hz;
    delay_l_.Init(rate_hz, kMaxDelaySec);
    delay_r_.Init(rate_hz, kMaxDelaySec);
    delay_l_.set_damping_norm(0.3f);
    delay_r_.set_damping_norm(0.3f);
    delay_l_.set_time_sec(delay_time_);
    delay_r_.set_time_sec(delay_time_);
    reverb_.Init(rate_hz);
    reverb_.set_mix_norm(1.f);
    reverb_.set_damp_norm(0.5f);
    reverb_.set_size_norm(size_);
  }
  // Starts a block of n frames: the dry bus is zeroed, the send buses when first fed.
  void Clear(int n) {
    n_ = n;
    std::fill(dry_l, dry_l + n, 0.f);
    std::fill(dry_r, dry_r + n, 0.f);
    delay_fed_ = room_fed_ = false;
  }
  // Voices: mark the send buses fed before adding into them (they are zeroed here, once).
  void FeedDelay() {
    if (delay_fed_) return;
    std::fill(delay_l, delay_l + n_, 0.f);
    std::fill(delay_r, delay_r + n_, 0.f);
    delay_fed_ = true;
  }
  void FeedRoom() {
    if (room_fed_) return;
    std::fill(room_l, room_l + n_, 0.f);
    std::fill(room_r, room_r + n_, 0.f);
    room_fed_ = true;
  }
  float dry_l[kMaxBlock] = {}, dry_r[kMaxBlock] = {};
  float delay_l[kMaxBlock] = {}, delay_r[kMaxBlock] = {};
  float room_l[kMaxBlock] = {}, room_r[kMaxBlock] = {};

  void set_delay_time_sec(float s) { delay_target_ = std::clamp(s, 0.001f, kMaxDelaySec - 0.01f); }
  void set_delay_feedback(float f) { feedback_ = std::clamp(f, 0.f, 0.95f); }
  void set_size(float s) { size_target_ = std::clamp(s, 0.f, 1.f); }
  // roomfade: the reverb's decay in seconds, as the size that gives it (0.3 s .. 30 s)
  void set_fade_sec(float sec) {
    if (sec > 0.f) set_size(std::log(std::clamp(sec, 0.3f, 30.f) / 0.3f) / std::log(100.f));
  }
  // roomdim: the tail's damping, from the frequency it darkens to (10 kHz bright .. 200 Hz dark)
  void set_room_dim_hz(float hz) {
    reverb_.set_damp_norm(std::clamp(1.f - std::log(std::clamp(hz, 200.f, 10000.f) / 200.f) / std::log(50.f), 0.f, 1.f));
  }
  // roomlp: a one-pole low-pass on the reverb's output
  void set_room_lp_hz(float hz) {
    room_lp_ = 1.f - std::exp(-6.28318530718f * std::clamp(hz, 20.f, 0.45f * rate_) / rate_);
  }

  // Runs the effects for n frames and writes dry + wet into out_l/out_r (overwriting).
  void Process(int n, float* out_l, float* out_r) {
    for (int i = 0; i < n; ++i) {
      out_l[i] = dry_l[i];
      out_r[i] = dry_r[i];
    }
    if (delay_fed_) delay_tail_ = static_cast<int64_t>(DelayTailSec() * rate_) + n;
    if (delay_tail_ > 0) {
      // a new time crossfades between taps inside the delay (no click, no pitch bend)
      if (delay_time_ != delay_target_) {
        delay_time_ = delay_target_;
        delay_l_.set_time_sec(delay_time_);
        delay_r_.set_time_sec(delay_time_);
      }
      delay_l_.set_feedback_norm(feedback_);
      delay_r_.set_feedback_norm(feedback_);
      if (!delay_fed_) std::fill(delay_l, delay_l + n, 0.f), std::fill(delay_r, delay_r + n, 0.f);
      delay_l_.Process(delay_l, delay_l, static_cast<size_t>(n));
      delay_r_.Process(delay_r, delay_r, static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) {
        out_l[i] += delay_l[i];
        out_r[i] += delay_r[i];
      }
      delay_tail_ -= n;
    }
    if (room_fed_) room_tail_ = static_cast<int64_t>((reverb_.decay_sec() + 0.2f) * rate_) + n;
    if (room_tail_ > 0) {
      if (size_ != size_target_) {
        size_ += std::clamp(size_target_ - size_, -0.02f, 0.02f);
        reverb_.set_size_norm(size_);
      }
      if (!room_fed_) std::fill(room_l, room_l + n, 0.f), std::fill(room_r, room_r + n, 0.f);
      reverb_.Process(room_l, room_r, static_cast<size_t>(n));
      if (room_lp_ < 1.f) {
        for (int i = 0; i < n; ++i) {
          lp_l_ += room_lp_ * (room_l[i] - lp_l_);
          lp_r_ += room_lp_ * (room_r[i] - lp_r_);
          room_l[i] = lp_l_;
          room_r[i] = lp_r_;
        }
      }
      for (int i = 0; i < n; ++i) {
        out_l[i] += room_l[i];
        out_r[i] += room_r[i];
      }
      room_tail_ -= n;
    }
  }
  bool ringing() const { return delay_tail_ > 0 || room_tail_ > 0; }
  // Silences the delay and the reverb at once (the engine's guard, when their output went bad).
  void Reset() {
    delay_l_.Reset();
    delay_r_.Reset();
    reverb_.Reset();
    delay_tail_ = room_tail_ = 0;
  }

 private:
  float DelayTailSec() const {
    // repeats until -60 dB
    const float fb = std::max(feedback_, 0.01f);
    return delay_target_ * (1.f + std::log(0.001f) / std::log(fb)) + 0.05f;
  }
  float rate_ = 48000.f;
  int n_ = 0;
  dsp::FeedbackDelay delay_l_, delay_r_;
  dsp::Reverb reverb_;
  bool delay_fed_ = false, room_fed_ = false;
  int64_t delay_tail_ = 0, room_tail_ = 0;
  float delay_time_ = 0.25f, delay_target_ = 0.25f, feedback_ = 0.5f;
  float size_ = 0.3f, size_target_ = 0.3f;
  float room_lp_ = 1.f, lp_l_ = 0.f, lp_r_ = 0.f;
};

}  // namespace mr::audio::detail
