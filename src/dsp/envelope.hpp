// Envelopes. Adsr: exponential segments (attack aims past 1 so it ends briskly; decay and
// release reach -60 dB of their distance in the set time, then end exactly). LinearAr: linear
// attack, hold at 1, linear release from the current level, each arriving exactly on its frame
// (SuperCollider's Env.linen shape).
#pragma once

#include <cmath>
#include <cstddef>

#include "dsp/math.hpp"

namespace mr::dsp {

class Adsr {
 public:
  enum class Stage { kIdle, kAttack, kDecay, kSustain, kRelease };

  void Init(float sample_rate) {
    sample_rate_ = sample_rate;
    stage_ = Stage::kIdle;
    value_ = 0.0f;
    sustain_ = 0.7f;
    set_attack_sec(0.005f);
    set_decay_sec(0.1f);
    set_release_sec(0.2f);
  }
  void set_attack_sec(float s) {
    float n = std::fmax(s * sample_rate_, 1.0f);
    attack_coef_ = std::pow(1.0f - 1.0f / kAttackTarget, 1.0f / n);
  }
  void set_decay_sec(float s) { decay_coef_ = Coef(s); }
  void set_sustain_norm(float level) { sustain_ = Clamp(level, 0.0f, 1.0f); }
  void set_release_sec(float s) { release_coef_ = Coef(s); }

  void NoteOn() { stage_ = Stage::kAttack; }
  void NoteOff() {
    if (stage_ != Stage::kIdle) stage_ = Stage::kRelease;
  }
  bool is_done() const { return stage_ == Stage::kIdle; }
  Stage stage() const { return stage_; }
  float value() const { return value_; }

  inline float Tick() {
    switch (stage_) {
      case Stage::kAttack:
        value_ = kAttackTarget + (value_ - kAttackTarget) * attack_coef_;
        if (value_ >= 1.0f) {
          value_ = 1.0f;
          stage_ = Stage::kDecay;
          distance_ = 1.0f - sustain_;
        }
        break;
      case Stage::kDecay:
        // The distance to sustain is kept on its own: sustain + distance * coef would stall a
        // few ulps above sustain once the step falls below half an ulp (slow decays do that).
        distance_ *= decay_coef_;
        value_ = sustain_ + distance_;
        if (distance_ < 1e-5f) {
          value_ = sustain_;
          stage_ = Stage::kSustain;
        }
        break;
      case Stage::kSustain: value_ = sustain_; break;
      case Stage::kRelease:
        value_ *= release_coef_;
        if (value_ < 1e-5f) {  // -100 dB: end exactly at zero, no denormal tail
          value_ = 0.0f;
          stage_ = Stage::kIdle;
        }
        break;
      case Stage::kIdle:
      default: break;
    }
    return value_;
  }
  void Process(float* out, size_t n) {
    for (size_t i = 0; i < n; ++i) out[i] = Tick();
  }

 private:
  static constexpr float kAttackTarget = 1.5f;
  float Coef(float sec) const {
    float n = std::fmax(sec * sample_rate_, 1.0f);
    return std::exp(-6.9077553f / n);  // ln(1000): -60 dB in n samples
  }
  float sample_rate_ = 48000.0f;
  Stage stage_ = Stage::kIdle;
  float value_ = 0.0f, sustain_ = 0.7f, distance_ = 0.0f;
  float attack_coef_ = 0.0f, decay_coef_ = 0.0f, release_coef_ = 0.0f;
};

class LinearAr {
 public:
  void Init(float sample_rate) {
    sample_rate_ = sample_rate;
    value_ = 0.0f;
    step_ = 0.0f;
    target_ = 0.0f;
    remaining_ = 0;
    attack_sec_ = 0.01f;
    release_sec_ = 0.01f;
  }
  void set_attack_sec(float s) { attack_sec_ = s; }
  void set_release_sec(float s) { release_sec_ = s; }
  // Rises from the current level to 1, arriving exactly attack_sec later.
  void NoteOn() { Aim(1.0f, attack_sec_); }
  // Releases from the current level to 0 over release_sec, landing on exact zero.
  void NoteOff() { Aim(0.0f, release_sec_); }
  bool is_done() const { return target_ == 0.0f && value_ == 0.0f; }
  float value() const { return value_; }
  inline float Tick() {
    if (remaining_ > 0) value_ = --remaining_ == 0 ? target_ : value_ + step_;
    return value_;
  }
  // The ramp part and the flat part as two plain loops.
  void Process(float* out, size_t n) {
    size_t ramp = remaining_ < static_cast<long>(n) ? static_cast<size_t>(remaining_) : n;
    size_t i = 0;
    if (ramp > 0) {
      float v = value_;
      const float step = step_;
      for (; i + 1 < ramp; ++i) out[i] = v += step;
      remaining_ -= static_cast<long>(ramp);
      v = remaining_ == 0 ? target_ : v + step;
      out[i++] = v;
      value_ = v;
    }
    for (const float v = value_; i < n; ++i) out[i] = v;
  }

 private:
  void Aim(float target, float sec) {
    target_ = target;
    remaining_ = static_cast<long>(std::fmax(std::round(sec * sample_rate_), 1.0f));
    step_ = (target - value_) / static_cast<float>(remaining_);
  }
  float sample_rate_ = 48000.0f;
  float value_ = 0.0f, step_ = 0.0f, target_ = 0.0f;
  long remaining_ = 0;
  float attack_sec_ = 0.01f, release_sec_ = 0.01f;
};

}  // namespace mr::dsp
