// Limiter: stereo lookahead brickwall limiter for the master bus. The output never exceeds the
// ceiling (a proof, not a tuning: see Process), gain reduction is smooth (no clicks), and the two
// channels share one gain so the stereo image stays put.
//
//   mr::dsp::Limiter lim;
//   lim.Init(48000.0f);               // allocates the lookahead buffers (default 5 ms): off the audio thread
//   lim.Init(48000.0f, 0.002f);       // ... or with another lookahead in seconds (also the latency)
//   lim.set_ceiling_db(-1.0f);        // dBFS the output never exceeds (default -1)
//   lim.set_release_sec(0.08f);       // time for the gain to recover after a peak
//   lim.Process(left, right, n);      // in place, any n; no allocation, lock or syscall
//   lim.latency_frames();             // the output is delayed by this many frames
//   lim.gain_reduction_db();          // current reduction (<= 0) for a meter
//
// NaN or infinite input is replaced by silence: the limiter is the last thing before the PA.
// The ceiling bounds sample values, not the reconstructed (inter-sample) peak, which can sit up
// to a few tenths of a dB higher on dense material: keep the ceiling at -1 dBFS or below for a PA.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "dsp/math.hpp"

namespace mr::dsp {

class Limiter {
 public:
  Limiter() = default;
  Limiter(const Limiter&) = delete;
  Limiter& operator=(const Limiter&) = delete;

  // Allocates the lookahead buffers: call off the audio thread. lookahead_sec >= 1 frame.
  void Init(float sample_rate, float lookahead_sec = 0.005f) {
    sample_rate_ = sample_rate;
    size_t look = static_cast<size_t>(std::lround(lookahead_sec * sample_rate));
    look_ = look < 1 ? 1 : look;
    delay_l_.assign(look_, 0.0f);
    delay_r_.assign(look_, 0.0f);
    box_.assign(look_, 1.0f);
    min_value_.assign(look_ + 2, 1.0f);
    min_time_.assign(look_ + 2, 0);
    set_ceiling_db(-1.0f);
    set_release_sec(0.08f);
    Reset();
  }
  void set_ceiling_db(float db) { ceiling_ = DbToGain(Clamp(db, -60.0f, 0.0f)); }
  float ceiling() const { return ceiling_; }
  void set_release_sec(float s) {
    release_coef_ = 1.0 - std::exp(-1.0 / std::fmax(s * sample_rate_, 1.0f));
  }
  size_t latency_frames() const { return look_; }
  float gain_reduction_db() const { return GainToDb(static_cast<float>(box_sum_ / double(look_))); }

  void Reset() {
    for (size_t i = 0; i < look_; ++i) {
      delay_l_[i] = delay_r_[i] = 0.0f;
      box_[i] = 1.0f;
    }
    pos_ = 0;
    box_sum_ = static_cast<double>(look_);
    env_ = 1.0f;
    head_ = tail_ = 0;
    now_ = 0;
  }

  // The sample leaving the delay entered L frames ago. The gain applied to it is the mean, over
  // the last L frames, of a signal h(j) <= min of the required gain over inputs j-L .. j. The
  // leaving sample lies in every one of those L windows, so each term, and thus the mean, is <=
  // its required gain: |out| <= ceiling. A final clamp only absorbs float rounding.
  void Process(float* left, float* right, size_t n) {
    const size_t look = look_;
    const size_t ring = look + 2;  // the queue holds up to L + 1 entries
    const float ceiling = ceiling_;
    double env = env_;  // double: a float release would stall ~1e-4 short of its target
    double box_sum = box_sum_;
    for (size_t s = 0; s < n; ++s) {
      float l = left[s], r = right[s];
      if (!(std::fabs(l) < 1e30f)) l = 0.0f;  // NaN fails every comparison
      if (!(std::fabs(r) < 1e30f)) r = 0.0f;
      float peak = std::fmax(std::fabs(l), std::fabs(r));
      float need = peak > ceiling ? ceiling / peak : 1.0f;

      // Sliding minimum of `need` over the last L + 1 frames (monotonic queue, O(1) amortised).
      while (head_ != tail_ && min_value_[(tail_ + ring - 1) % ring] >= need)
        tail_ = (tail_ + ring - 1) % ring;
      min_value_[tail_] = need;
      min_time_[tail_] = now_;
      tail_ = (tail_ + 1) % ring;
      if (now_ - min_time_[head_] > look) head_ = (head_ + 1) % ring;
      float h = min_value_[head_];
      ++now_;

      // Instant attack, smooth release; env <= h always, which keeps the proof above.
      env = h < env ? h : env + (h - env) * release_coef_;
      if (h - env < 1e-7) env = h;  // land exactly (unity gain is then bit-transparent)

      box_sum += static_cast<double>(static_cast<float>(env)) - static_cast<double>(box_[pos_]);
      box_[pos_] = static_cast<float>(env);
      float g = static_cast<float>(box_sum / static_cast<double>(look));

      float out_l = delay_l_[pos_] * g, out_r = delay_r_[pos_] * g;
      delay_l_[pos_] = l;
      delay_r_[pos_] = r;
      pos_ = pos_ + 1 == look ? 0 : pos_ + 1;
      left[s] = Clamp(out_l, -ceiling, ceiling);
      right[s] = Clamp(out_r, -ceiling, ceiling);
    }
    env_ = env;
    // Recompute the running sum once per block so rounding never accumulates.
    double exact = 0.0;
    for (size_t i = 0; i < look; ++i) exact += box_[i];
    box_sum_ = exact;
  }

 private:
  float sample_rate_ = 48000.0f;
  size_t look_ = 1;
  std::vector<float> delay_l_, delay_r_, box_;
  std::vector<float> min_value_;
  std::vector<uint64_t> min_time_;
  size_t head_ = 0, tail_ = 0, pos_ = 0;
  uint64_t now_ = 0;
  double box_sum_ = 1.0;
  double env_ = 1.0;
  float ceiling_ = 1.0f;
  double release_coef_ = 0.001;
};

}  // namespace mr::dsp
