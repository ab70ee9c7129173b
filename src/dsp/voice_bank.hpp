// VoiceBank: kLanes subtractive voices side by side in SIMD lanes (band-limited PolyBLEP saw ->
// resonant ZDF state-variable low-pass -> linear attack/release envelope -> gain -> equal-power
// pan), rendered a block at a time. One voice per lane turns the per-sample recursions (phase,
// filter state, envelope), which cannot be vectorised along time, into straight-line vector code
// across voices: this is what makes a dense set cost a fraction of a core.
//
//   mr::dsp::VoiceBank bank;          // plain data, no allocation ever
//   bank.Init(48000.0f);              // every lane silent
//   bank.Start(lane, freq_hz, cutoff_hz, q, gain, pan, attack_sec);
//   bank.Release(lane, release_sec);  // linear release from the current level
//   bank.set_cutoff_hz(lane, hz);     // any time between blocks
//   VoiceBank::Bus bus;  bus.Clear(n);   // lane-wise stereo accumulator, n <= Bus::kMaxFrames
//   bank.Render(bus, n);              // adds this bank's lanes into the bus
//   bus.MixDown(left, right, n);      // sums the lanes into (adds onto) plain stereo buffers
//
// Render picks an AVX2 build of the same loop at run time where the CPU has it (same results:
// the code has no fused multiply-adds, and C++20 mode does not contract). Denormals: run under
// ScopedFlushDenormals, as the audio callback does; the lanes carry no flush of their own.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstring>

#include "dsp/math.hpp"
#include "dsp/pan.hpp"

namespace mr::dsp {

class VoiceBank {
 public:
  static constexpr int kLanes = 8;

  // Lane-wise stereo accumulator: frame i of lane k at [i * kLanes + k].
  struct Bus {
    static constexpr int kMaxFrames = 256;
    alignas(64) float left[kMaxFrames * kLanes];
    alignas(64) float right[kMaxFrames * kLanes];
    void Clear(int n) {
      std::memset(left, 0, sizeof(float) * static_cast<size_t>(n) * kLanes);
      std::memset(right, 0, sizeof(float) * static_cast<size_t>(n) * kLanes);
    }
    // Adds the sum over lanes of each frame onto out_l / out_r.
    void MixDown(float* out_l, float* out_r, int n) const {
      for (int i = 0; i < n; ++i) {
        float l = 0.0f, r = 0.0f;
        for (int k = 0; k < kLanes; ++k) {
          l += left[i * kLanes + k];
          r += right[i * kLanes + k];
        }
        out_l[i] += l;
        out_r[i] += r;
      }
    }
  };

  void Init(float sample_rate) {
    std::memset(static_cast<void*>(&s_), 0, sizeof(s_));
    sample_rate_ = sample_rate;
    for (int k = 0; k < kLanes; ++k) {
      s_.dt[k] = 0.001f;
      s_.inv_dt[k] = 1000.0f;
      SetFilter(k, 1000.0f, 0.7071f);
    }
  }

  // Starts lane k from phase 0 and filter rest (a new note), attack from the current level.
  void Start(int k, float freq_hz, float cutoff_hz, float q, float gain, float pan, float attack_sec) {
    set_frequency_hz(k, freq_hz);
    SetFilter(k, cutoff_hz, q);
    PanGains g = EqualPowerPan(pan);
    s_.gain_l[k] = gain * g.left;
    s_.gain_r[k] = gain * g.right;
    s_.phase[k] = 0.0f;
    s_.ic1[k] = s_.ic2[k] = 0.0f;
    s_.step[k] = 1.0f / std::fmax(attack_sec * sample_rate_, 1.0f);
  }
  // Linear release from the current level to zero over release_sec (SuperCollider's Env.linen).
  void Release(int k, float release_sec) {
    s_.step[k] = -std::fmax(s_.env[k], 1e-6f) / std::fmax(release_sec * sample_rate_, 1.0f);
  }
  void set_frequency_hz(int k, float hz) {
    float dt = Clamp(hz / sample_rate_, 1e-6f, 0.45f);
    s_.dt[k] = dt;
    s_.inv_dt[k] = 1.0f / dt;
  }
  void set_cutoff_hz(int k, float hz) { SetFilter(k, hz, q_[k]); }
  // True when lane k is silent and not rising (free to reuse).
  bool is_idle(int k) const { return s_.env[k] == 0.0f && s_.step[k] <= 0.0f; }
  float envelope(int k) const { return s_.env[k]; }

  void Render(Bus& bus, int n);

 private:
  template <int W>
  friend void RenderLanes(VoiceBank& bank, VoiceBank::Bus& bus, int n);

  void SetFilter(int k, float cutoff_hz, float q) {
    q_[k] = Clamp(q, 0.05f, 100.0f);
    float g = PrewarpGain(cutoff_hz, sample_rate_);
    float kq = 1.0f / q_[k];
    float a1 = 1.0f / (1.0f + g * (g + kq));
    s_.a1[k] = a1;
    s_.a2[k] = g * a1;
    s_.a3[k] = g * g * a1;
  }

  // Structure of arrays: one row of kLanes floats per quantity, loaded as one vector.
  struct State {
    alignas(32) float phase[kLanes], dt[kLanes], inv_dt[kLanes];
    alignas(32) float ic1[kLanes], ic2[kLanes], a1[kLanes], a2[kLanes], a3[kLanes];
    alignas(32) float env[kLanes], step[kLanes], gain_l[kLanes], gain_r[kLanes];
  };
  State s_{};
  float q_[kLanes] = {};
  float sample_rate_ = 48000.0f;
};

// The loop, written once with GCC/Clang vector extensions (W floats per vector; W = kLanes).
// Everything stays in one function so that no vector crosses a call (no ABI questions), and the
// state lives in registers for the whole block.
template <int W>
inline __attribute__((always_inline)) void RenderLanes(VoiceBank& bank, VoiceBank::Bus& bus, int n) {
  typedef float V __attribute__((vector_size(sizeof(float) * W)));
  auto& s = bank.s_;
  V phase, dt, inv_dt, ic1, ic2, a1, a2, a3, env, step, gl, gr;
  std::memcpy(&phase, s.phase, sizeof(V));
  std::memcpy(&dt, s.dt, sizeof(V));
  std::memcpy(&inv_dt, s.inv_dt, sizeof(V));
  std::memcpy(&ic1, s.ic1, sizeof(V));
  std::memcpy(&ic2, s.ic2, sizeof(V));
  std::memcpy(&a1, s.a1, sizeof(V));
  std::memcpy(&a2, s.a2, sizeof(V));
  std::memcpy(&a3, s.a3, sizeof(V));
  std::memcpy(&env, s.env, sizeof(V));
  std::memcpy(&step, s.step, sizeof(V));
  std::memcpy(&gl, s.gain_l, sizeof(V));
  std::memcpy(&gr, s.gain_r, sizeof(V));
  const V zero = V{} + 0.0f, one = zero + 1.0f, two = zero + 2.0f;
  const V one_minus_dt = one - dt;
  float* out_l = bus.left;
  float* out_r = bus.right;
  for (int i = 0; i < n; ++i) {
    // PolyBLEP saw: the naive ramp minus a two-sample polynomial step at each wrap.
    const V t = phase;
    V saw = two * t - one;
    const V x1 = t * inv_dt;                // just after the wrap: t in [0, dt)
    const V x2 = (t - one) * inv_dt;        // just before it: t in (1 - dt, 1)
    const V b1 = two * x1 - x1 * x1 - one;
    const V b2 = x2 * x2 + two * x2 + one;
    saw -= (t < dt ? b1 : zero) + (t > one_minus_dt ? b2 : zero);
    V p = t + dt;
    phase = p >= one ? p - one : p;

    // Trapezoidal SVF, low-pass output (Simper's form, as Svf).
    const V v3 = saw - ic2;
    const V v1 = a1 * ic1 + a2 * v3;
    const V v2 = ic2 + a2 * ic1 + a3 * v3;
    ic1 = two * v1 - ic1;
    ic2 = two * v2 - ic2;

    // Linear envelope: rises to 1 or falls to 0 by `step`, then holds.
    V e = env + step;
    e = e > one ? one : e;
    env = e < zero ? zero : e;

    const V y = v2 * env;
    V bl, br;
    std::memcpy(&bl, out_l + i * W, sizeof(V));
    std::memcpy(&br, out_r + i * W, sizeof(V));
    bl += y * gl;
    br += y * gr;
    std::memcpy(out_l + i * W, &bl, sizeof(V));
    std::memcpy(out_r + i * W, &br, sizeof(V));
  }
  std::memcpy(s.phase, &phase, sizeof(V));
  std::memcpy(s.ic1, &ic1, sizeof(V));
  std::memcpy(s.ic2, &ic2, sizeof(V));
  std::memcpy(s.env, &env, sizeof(V));
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__AVX2__)
#define MR_DSP_VOICE_BANK_DISPATCH 1
__attribute__((target("avx2"))) inline void RenderLanesAvx2(VoiceBank& bank, VoiceBank::Bus& bus, int n) {
  RenderLanes<VoiceBank::kLanes>(bank, bus, n);
}
#endif

inline void VoiceBank::Render(Bus& bus, int n) {
#ifdef MR_DSP_VOICE_BANK_DISPATCH
  // A plain load of libgcc's CPU model (filled before main): no static guard, no lock.
  if (__builtin_cpu_supports("avx2")) {
    RenderLanesAvx2(*this, bus, n);
    return;
  }
#endif
  RenderLanes<kLanes>(*this, bus, n);
}

}  // namespace mr::dsp
