// Voice starts and the vectorised renders: one template per kind, eight voices per call, state
// copied into locals for the loop and written back after (no per-sample dispatch or branches on
// parameters; per-lane differences are data).
#include "audio/voices.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "audio/drums.hpp"
#include "audio/sampler.hpp"
#include "dsp/pluck.hpp"

namespace mr::audio::detail {
namespace {

using namespace simd;
constexpr float kPi = 3.14159265358979f;

// A ZDF SVF's coefficients for a cutoff (Hz) and Q.
void SvfCoefs(float cutoff_hz, float q, float rate, float& a1, float& a2, float& a3, float& k) {
  const float g = std::tan(kPi * std::clamp(cutoff_hz, 10.f, 0.45f * rate) / rate);
  k = 1.f / std::clamp(q, 0.5f, 40.f);
  a1 = 1.f / (1.f + g * (g + k));
  a2 = g * a1;
  a3 = g * a2;
}

// Resonance as given (0..1 SuperDirt style, or a Q above 1 as Strudel's lpq) to Q.
float ResonanceToQ(float r) {
  if (r <= 0.f) return 0.7071f;
  if (r <= 1.f) return 0.7071f * std::pow(40.f / 0.7071f, r);
  return std::min(r, 40.f);
}

// An LFO's value 0..1 at phase ph (0..1): tri, sine, ramp, saw or square, peaking at `skew`.
float LfoAt(float ph, int shape, float skew) {
  const float k = std::clamp(skew, 0.001f, 0.999f);
  switch (shape) {
    case 0: return ph < k ? ph / k : (1.f - ph) / (1.f - k);
    case 2: return ph;
    case 3: return 1.f - ph;
    case 4: return ph < k ? 1.f : 0.f;
    default: {
      const float w = ph < k ? 0.5f * ph / k : 0.5f + 0.5f * (ph - k) / (1.f - k);
      return 0.5f - 0.5f * std::cos(6.28318530718f * w);
    }
  }
}

float OscGain(Kind k) {
  switch (k) {
    case Kind::kSine: return 0.5f;
    case Kind::kSaw: return 0.35f;
    case Kind::kSquare: return 0.3f;
    case Kind::kTriangle: return 0.5f;
    case Kind::kSupersaw: return 0.45f;
    case Kind::kFm: return 0.5f;
    case Kind::kBass: return 0.45f;
    default: return 1.f;
  }
}

// Amplitude envelope, a pure function of age (so a lane that starts mid-block needs no mask).
struct Env {
  F8 att_inv, att_frames, dec_slope, sus, gate, rel_end, rel_slope;
  explicit Env(const Pack& p)
      : att_inv(p.att_inv), att_frames(p.att_frames), dec_slope(p.dec_slope), sus(p.sus), gate(p.gate),
        rel_end(p.rel_end), rel_slope(p.rel_slope) {}
  MR_SIMD_INLINE F8 At(F8 age) const {
    const F8 a = (age + 1.f) * att_inv;
    const F8 d = Max(sus, 1.f - (age - att_frames) * dec_slope);
    const F8 pre = Min(Min(a, d), Splat(1.f));  // 1 while held (hold)
    const F8 r = Select(age < gate, Splat(1e30f), (rel_end - age) * rel_slope);
    return Max(F8{}, Min(pre, r));
  }
};

// Common shell: envelope, level, fade, low-pass filter; Osc(i) gives the raw oscillator. With
// kRamp the filter's coefficients move by (da1, da2, da3) a frame (the filter envelopes).
template <bool kRamp, typename Osc>
MR_SIMD_INLINE void RenderSvf(Pack& p, int n, F8* out, F8 gain, Osc&& osc, F8 da1, F8 da2, F8 da3) {
  const Env env(p);
  F8 age = p.age, fade = p.fade;
  const F8 fade_step = p.fade_step, level = p.level * gain;
  F8 a1 = p.a1, a2 = p.a2, a3 = p.a3, ic1 = p.ic1, ic2 = p.ic2;
  F8 e{};
  for (int i = 0; i < n; ++i) {
    const F8 x = osc();
    if constexpr (kRamp) {
      a1 += da1;
      a2 += da2;
      a3 += da3;
    }
    const F8 v3 = x - ic2;
    const F8 v1 = a1 * ic1 + a2 * v3;
    const F8 v2 = ic2 + a2 * ic1 + a3 * v3;
    ic1 = v1 + v1 - ic1;
    ic2 = v2 + v2 - ic2;
    e = env.At(age) * fade;
    out[i] = v2 * e * level;
    age += 1.f;
    fade = Max(F8{}, fade - fade_step);
  }
  p.age = age;
  p.fade = fade;
  p.last_env = e;
  p.ic1 = ic1;
  p.ic2 = ic2;
  if constexpr (kRamp) {
    p.a1 = a1;
    p.a2 = a2;
    p.a3 = a3;
  }
}

template <typename Osc>
MR_SIMD_INLINE void RenderFiltered(Pack& p, int n, F8* out, F8 gain, Osc&& osc) {
  RenderSvf<false>(p, n, out, gain, osc, F8{}, F8{}, F8{});
}

// Moves the low-pass coefficients to where the filter envelopes will be after n frames, then
// sets a per-sample ramp (linear in coefficients: smooth enough over <= 128 frames).
void UpdateFilterEnv(Pack& p, int n, float rate, F8& da1, F8& da2, F8& da3) {
  da1 = da2 = da3 = F8{};
  for (int j = 0; j < kLanes; ++j) {
    const Lane& l = p.lanes[j];
    if (!l.live || !l.lp_env.on || (l.fx & kFxLadder)) continue;
    const float fc = l.lp_env.Hz(p.age[j] + static_cast<float>(n));
    float a1, a2, a3, k;
    SvfCoefs(fc, l.q, rate, a1, a2, a3, k);
    const float inv = 1.f / static_cast<float>(n);
    da1[j] = (a1 - p.a1[j]) * inv;
    da2[j] = (a2 - p.a2[j]) * inv;
    da3[j] = (a3 - p.a3[j]) * inv;
  }
}

template <typename Osc>
MR_SIMD_INLINE void RenderFilteredEnv(Pack& p, int n, F8* out, F8 gain, float rate, Osc&& osc) {
  F8 da1, da2, da3;
  UpdateFilterEnv(p, n, rate, da1, da2, da3);
  bool ramp = false;
  for (int j = 0; j < kLanes; ++j) ramp = ramp || da1[j] != 0.f || da2[j] != 0.f || da3[j] != 0.f;
  if (!ramp) return RenderSvf<false>(p, n, out, gain, osc, da1, da2, da3);
  RenderSvf<true>(p, n, out, gain, osc, da1, da2, da3);
}

MR_SIMD_INLINE F8 Saw(F8 t, F8 dt, F8 inv_dt) { return t + t - 1.f - PolyBlep(t, dt, inv_dt); }

MR_SIMD_INLINE void RenderKind(Pack& p, int n, F8* out, float rate) {
  const F8 gain = Splat(OscGain(p.kind));
  switch (p.kind) {
    case Kind::kSine: {
      F8 ph = p.ph[0];
      const F8 dt = p.dt[0];
      RenderFiltered(p, n, out, gain, [&]() MR_LAMBDA_INLINE {
        const F8 s = SinTurns(ph);
        ph = Wrap1(ph + dt);
        return s;
      });
      p.ph[0] = ph;
      break;
    }
    case Kind::kSaw: {
      F8 ph = p.ph[0];
      const F8 dt = p.dt[0], inv = p.inv_dt;
      RenderFilteredEnv(p, n, out, gain, rate, [&]() MR_LAMBDA_INLINE {
        const F8 s = Saw(ph, dt, inv);
        ph = Wrap1(ph + dt);
        return s;
      });
      p.ph[0] = ph;
      break;
    }
    case Kind::kSquare: {
      F8 ph = p.ph[0];
      const F8 dt = p.dt[0], inv = p.inv_dt, w = p.pw;
      RenderFilteredEnv(p, n, out, gain, rate, [&]() MR_LAMBDA_INLINE {
        F8 t2 = ph + 1.f - w;
        t2 = Wrap1(t2);
        const F8 s = Select(ph < w, Splat(1.f), Splat(-1.f)) + PolyBlep(ph, dt, inv) - PolyBlep(t2, dt, inv);
        ph = Wrap1(ph + dt);
        return s;
      });
      p.ph[0] = ph;
      break;
    }
    case Kind::kTriangle: {
      F8 ph = p.ph[0];
      const F8 dt = p.dt[0], inv = p.inv_dt;
      RenderFilteredEnv(p, n, out, gain, rate, [&]() MR_LAMBDA_INLINE {
        F8 t2 = ph + 0.5f;
        t2 = Wrap1(t2);
        const F8 s = 1.f - 4.f * Abs(ph - 0.5f) + 8.f * dt * (PolyBlamp(ph, dt, inv) - PolyBlamp(t2, dt, inv));
        ph = Wrap1(ph + dt);
        return s;
      });
      p.ph[0] = ph;
      break;
    }
    case Kind::kSupersaw: {
      F8 ph[7], dt[7], inv[7];
      for (int v = 0; v < 7; ++v) {
        ph[v] = p.ph[v];
        dt[v] = p.dt[v];
        inv[v] = 1.f / Max(dt[v], Splat(1e-6f));
      }
      F8 vg[7];
      for (int v = 0; v < 7; ++v) vg[v] = p.vgain[v];
      RenderFilteredEnv(p, n, out, gain, rate, [&]() MR_LAMBDA_INLINE {
        F8 s{};
        for (int v = 0; v < 7; ++v) s += Saw(ph[v], dt[v], inv[v]) * vg[v];
        for (int v = 0; v < 7; ++v) ph[v] = Wrap1(ph[v] + dt[v]);
        return s;
      });
      for (int v = 0; v < 7; ++v) p.ph[v] = ph[v];
      break;
    }
    case Kind::kFm: {
      // phase modulation: the index (in turns) ramps per render call along its envelope; the
      // carrier and the modulator are a mix of sine, square, triangle and saw by weight
      F8 pc = p.ph[0], pm = p.ph[1], ie = p.env1;
      const F8 dc = p.dt[0], dm = p.dt[1], step = p.fm_step;
      const F8 c0 = p.fm_cw[0], c1 = p.fm_cw[1], c2 = p.fm_cw[2], c3 = p.fm_cw[3];
      const F8 m0 = p.fm_mw[0], m1 = p.fm_mw[1], m2 = p.fm_mw[2], m3 = p.fm_mw[3];
      auto wave = [](F8 t, F8 w0, F8 w1, F8 w2, F8 w3) MR_LAMBDA_INLINE {
        return w0 * SinTurns(t) + w1 * Select(t < 0.5f, Splat(1.f), Splat(-1.f)) +
               w2 * (4.f * Abs(t - 0.5f) - 1.f) + w3 * (t + t - 1.f);
      };
      RenderFiltered(p, n, out, gain, [&]() MR_LAMBDA_INLINE {
        F8 arg = pc + ie * wave(pm, m0, m1, m2, m3);
        arg -= Floor(arg);
        const F8 s = wave(arg, c0, c1, c2, c3);
        pc = Wrap1(pc + dc);
        pm = Wrap1(pm + dm);
        ie += step;
        return s;
      });
      p.ph[0] = pc;
      p.ph[1] = pm;
      p.env1 = ie;
      break;
    }
    case Kind::kBass: {
      F8 ph = p.ph[0], sub = p.ph[1];
      const F8 dt = p.dt[0], inv = p.inv_dt, dsub = p.dt[1];
      RenderFilteredEnv(p, n, out, gain, rate, [&]() MR_LAMBDA_INLINE {
        const F8 s = 0.8f * Saw(ph, dt, inv) + 0.7f * SinTurns(sub);
        ph = Wrap1(ph + dt);
        sub = Wrap1(sub + dsub);
        return s;
      });
      p.ph[0] = ph;
      p.ph[1] = sub;
      break;
    }
    default: break;
  }
}

MR_SIMD_INLINE void RenderDrums(Pack& p, int n, F8* out) {
  const Env env(p);
  F8 age = p.age, fade = p.fade;
  const F8 fade_step = p.fade_step, level = p.level;
  F8 ic1 = p.ic1, ic2 = p.ic2;
  const F8 a1 = p.a1, a2 = p.a2, a3 = p.a3, k = p.k, cl = p.cl, cb = p.cb, ch = p.ch;
  F8 ph0 = p.ph[0], ph1 = p.ph[1], ph2 = p.ph[2], ph3 = p.ph[3], ph4 = p.ph[4];
  const F8 d1 = p.dt[1], d2 = p.dt[2], d3 = p.dt[3], d4 = p.dt[4];
  F8 penv = p.penv, tenv = p.env1, nenv = p.nenv, nmult = p.nmult, bcount = p.bcount, bleft = p.bleft;
  const F8 pmult = p.pmult, tmult = p.env1_mult, f0 = p.f0dt, f1 = p.f1dt, tlvl = p.tlvl, nlvl = p.nlvl,
           mlvl = p.mlvl, tail = p.nmult_tail, bperiod = p.bperiod;
  U8 rng = p.rng;
  F8 e{};
  const F8 one = Splat(1.f), minus = Splat(-1.f);
  for (int i = 0; i < n; ++i) {
    penv *= pmult;
    ph0 = Wrap1(ph0 + f0 + f1 * penv);
    const F8 tone = SinTurns(ph0) * tenv * tlvl;
    tenv *= tmult;
    const F8 metal = Select(ph1 < 0.5f, one, minus) + Select(ph2 < 0.5f, one, minus) + Select(ph3 < 0.5f, one, minus) +
                     Select(ph4 < 0.5f, one, minus);
    ph1 = Wrap1(ph1 + d1);
    ph2 = Wrap1(ph2 + d2);
    ph3 = Wrap1(ph3 + d3);
    ph4 = Wrap1(ph4 + d4);
    // clap bursts: the noise envelope restarts every burst period while bursts are left; the
    // last one decays with the tail constant
    bcount -= 1.f;
    const auto burst = (bcount <= 0.f) & (bleft > 0.f);
    nenv = Select(burst, one, nenv);
    bcount = Select(burst, bperiod, bcount);
    bleft = Select(burst, bleft - 1.f, bleft);
    nmult = Select(burst & (bleft <= 0.f), tail, nmult);
    const F8 x = WhiteNoise(rng) * nlvl + metal * mlvl;
    const F8 v3 = x - ic2;
    const F8 v1 = a1 * ic1 + a2 * v3;
    const F8 v2 = ic2 + a2 * ic1 + a3 * v3;
    ic1 = v1 + v1 - ic1;
    ic2 = v2 + v2 - ic2;
    const F8 filtered = cl * v2 + cb * v1 + ch * (x - k * v1 - v2);
    const F8 s = tone + filtered * nenv;
    nenv *= nmult;
    e = env.At(age) * fade;
    out[i] = s * e * level;
    age += 1.f;
    fade = Max(F8{}, fade - fade_step);
  }
  p.age = age;
  p.fade = fade;
  p.last_env = e;
  p.ic1 = ic1;
  p.ic2 = ic2;
  p.ph[0] = ph0;
  p.ph[1] = ph1;
  p.ph[2] = ph2;
  p.ph[3] = ph3;
  p.ph[4] = ph4;
  p.penv = penv;
  p.env1 = tenv;
  p.nenv = nenv;
  p.nmult = nmult;
  p.bcount = bcount;
  p.bleft = bleft;
  p.rng = rng;
}

// Sampler packs: the vector part is the envelope; the sample reads are per lane.
MR_SIMD_INLINE void RenderEnvelope(Pack& p, int n, F8* out) {
  const Env env(p);
  F8 age = p.age, fade = p.fade;
  const F8 fade_step = p.fade_step, level = p.level;
  F8 e{};
  for (int i = 0; i < n; ++i) {
    e = env.At(age) * fade;
    out[i] = e * level;
    age += 1.f;
    fade = Max(F8{}, fade - fade_step);
  }
  p.age = age;
  p.fade = fade;
  p.last_env = e;
}

}  // namespace

void Svf1::Set(float cutoff_hz, float q, float rate_hz) { SvfCoefs(cutoff_hz, q, rate_hz, a1, a2, a3, k); }

Kind KindOf(SoundId sound) {
  if (sound >= kSampleBase) return Kind::kSampler;
  if (sound >= kDrumBase) return (sound - kDrumBase) / 16 < kKitCount && (sound - kDrumBase) % 16 < kDrumCount ? Kind::kDrum : Kind::kFree;
  if (sound < kSynthBase || sound >= kSynthBase + kSynthCount) return Kind::kFree;
  switch (sound - kSynthBase) {
    case kSine: return Kind::kSine;
    case kSaw: return Kind::kSaw;
    case kSquare: return Kind::kSquare;
    case kTriangle: return Kind::kTriangle;
    case kSupersaw: case kPad: return Kind::kSupersaw;
    case kFm: return Kind::kFm;
    case kPluck: return Kind::kPluck;
    case kBass: return Kind::kBass;
    default: return Kind::kFree;
  }
}

Kind KindFor(const VoiceEvent& e) {
  const Kind k = KindOf(e.sound);
  const bool basic = k == Kind::kSine || k == Kind::kSaw || k == Kind::kSquare || k == Kind::kTriangle;
  return basic && e.get(Param::FmI) > 0.f ? Kind::kFm : k;
}

void ClearLane(Pack& p, int j) {
  p.lanes[j] = Lane{};
  p.age[j] = 0.f;
  p.level[j] = 0.f;
  p.fade[j] = 0.f;
  p.fade_step[j] = 0.f;
  p.last_env[j] = 0.f;
  p.att_inv[j] = 1.f;
  p.att_frames[j] = 1.f;
  p.dec_slope[j] = 0.f;
  p.sus[j] = 1.f;
  p.gate[j] = 0.f;
  p.rel_end[j] = 0.f;
  p.rel_slope[j] = 0.f;
  for (int v = 0; v < 7; ++v) p.ph[v][j] = p.dt[v][j] = 0.f;
  p.inv_dt[j] = 0.f;
  p.pw[j] = 0.5f;
  for (int v = 0; v < 7; ++v) p.vgain[v][j] = 0.f;
  for (int w = 0; w < 4; ++w) p.fm_cw[w][j] = p.fm_mw[w][j] = 0.f;
  p.fm_step[j] = 0.f;
  p.a1[j] = 1.f;
  p.a2[j] = p.a3[j] = p.ic1[j] = p.ic2[j] = 0.f;
  p.k[j] = 1.f;
  p.env1[j] = p.env1_mult[j] = p.mod_index[j] = 0.f;
  p.penv[j] = p.pmult[j] = p.f0dt[j] = p.f1dt[j] = p.tlvl[j] = 0.f;
  p.nenv[j] = p.nmult[j] = p.nmult_tail[j] = p.nlvl[j] = p.mlvl[j] = 0.f;
  p.cl[j] = p.cb[j] = p.ch[j] = p.bcount[j] = p.bperiod[j] = p.bleft[j] = 0.f;
  p.rng[j] = 1u;
}

void FadeLane(Pack& p, int j, float fade_frames) {
  Lane& l = p.lanes[j];
  if (!l.live) return;
  l.fading = true;
  const float step = 1.f / std::max(1.f, fade_frames);
  p.fade_step[j] = std::max(p.fade_step[j], step);
}

bool LaneDone(const Pack& p, int j) {
  const Lane& l = p.lanes[j];
  if (!l.live) return false;
  return p.fade[j] <= 0.f || p.age[j] >= p.rel_end[j] || l.ended;
}

float FilterEnv::Hz(float age) const {
  if (!on) return base_hz;
  const float e = adsr.At(age), d = std::fabs(depth);
  const float oct = depth >= 0.f ? d * (e - anchor) : d * (1.f - anchor - e);
  return base_hz * std::exp2(oct);
}

namespace {

// An envelope's segments from four controls, as superdough's getADSRValues: the table's
// defaults when none is given; with some given, sustain 1 unless a decay is given.
Adsr MakeAdsr(const VoiceEvent& e, Param a, Param d, Param s, Param r, float gate, float rate, bool filter) {
  const bool any = e.has(a) || e.has(d) || e.has(s) || e.has(r);
  Adsr x;
  float sus = e.get(s);
  if (any && !e.has(s)) sus = e.has(d) ? 0.f : 1.f;
  if (filter && !any) sus = e.get(s);
  x.att = std::max(1.f, std::max(0.001f, e.get(a)) * rate);
  x.dec = std::max(1.f, std::max(0.001f, e.get(d)) * rate);
  x.sus = std::clamp(sus, 0.f, 1.f);
  x.rel = std::max(1.f, std::max(0.01f, e.get(r)) * rate);
  x.gate = gate;
  return x;
}

// A filter's envelope: on when its depth or any segment is given (depth 1 then, as superdough).
void SetFilterEnv(FilterEnv& f, const VoiceEvent& e, Param cutoff, Param env, Param a, Param d, Param s, Param r,
                  float base_hz, float anchor, float gate, float rate) {
  (void)cutoff;
  f.base_hz = base_hz;
  f.on = e.has(env) || e.has(a) || e.has(d) || e.has(s) || e.has(r);
  if (!f.on) return;
  f.depth = std::clamp(e.get(env), -10.f, 10.f);
  f.anchor = anchor;
  f.adsr = MakeAdsr(e, a, d, s, r, gate, rate, true);
  f.on = f.depth != 0.f;
}

}  // namespace

// The FM index (turns) at an age: its ADSR, the fm synth's 0.25 s decay, or constant.
float FmIndexAt(const Lane& l, float age) {
  if (l.fm_adsr_on) {
    float v = l.fm_adsr.At(age);
    if (l.fm_exp) v *= v;  // an exponential-like curve
    return l.fm_index * v;
  }
  if (l.fm_decay_default) return l.fm_index * std::exp(-4.f * age / l.rate);
  return l.fm_index;
}

void StartLane(Pack& p, int j, const VoiceEvent& e, const StartContext& ctx) {
  ClearLane(p, j);
  const float rate = ctx.rate_hz;
  const Kind kind = p.kind;
  Lane& l = p.lanes[j];
  l.live = true;

  // level, pan, orbit and sends
  const float gain = e.get(Param::Gain, 1.f);
  p.level[j] = e.get(Param::Amp, 0.4f) * gain * gain * gain * gain * e.get(Param::Velocity, 1.f) * 2.f;
  p.fade[j] = 1.f;
  const float pan = std::clamp(e.get(Param::Pan, 0.5f), 0.f, 1.f);
  l.gl = std::cos(pan * kPi * 0.5f);
  l.gr = std::sin(pan * kPi * 0.5f);
  l.orbit = OrbitOf(e);
  l.cut = e.get_int(Param::Cut, 0.f, -(1 << 30), 1 << 30);
  l.dry = std::clamp(e.get(Param::Dry, 1.f), 0.f, 1.f);
  l.send_room = std::clamp(e.get(Param::Room, 0.f), 0.f, 1.f);
  l.send_delay = std::clamp(e.get(Param::Delay, 0.f), 0.f, 1.f);
  l.postgain = e.get(Param::Postgain, 1.f);
  l.rate = rate;

  // amplitude envelope
  const bool is_drum = kind == Kind::kDrum, is_sampler = kind == Kind::kSampler;
  const bool is_pad = e.sound == kSynthBase + kPad;
  const float att = e.get(Param::Attack, is_pad ? 0.3f : (is_drum || is_sampler) ? 0.f : 0.002f);
  float rel = e.get(Param::Release, is_pad ? 0.8f : is_drum ? 0.01f : is_sampler ? 0.005f : kind == Kind::kPluck ? 0.4f : 0.05f);
  // hold: the peak lasts `hold` seconds before the decay (the decay starts after attack + hold)
  const float att_frames = std::max(1.f, att * rate);
  const float hold_frames = std::max(0.f, e.get(Param::Hold) * rate);
  const float dec_start = att_frames + hold_frames;
  const float rel_frames = std::max(1.f, rel * rate);
  // pluck's `decay` is its string's ring time, not an envelope segment
  const bool adsr = kind != Kind::kPluck && (e.has(Param::Decay) || e.has(Param::SustainLevel));
  const float sus = adsr ? std::clamp(e.get(Param::SustainLevel, e.has(Param::Decay) ? 0.f : 1.f), 0.f, 1.f) : 1.f;
  const float dec_frames = std::max(1.f, e.get(Param::Decay, 0.1f) * rate);
  double gate_sec = e.has(Param::Duration) ? e.get(Param::Duration, 1.f) : e.duration_sec * e.get(Param::Clip, 1.f);
  const DrumPatch* drum = nullptr;
  if (is_drum) {
    // `n` walks through the kits (default, tr808, tr909), as it walks through a sample bank
    const int n = e.get_int(Param::N, 0.f, -(1 << 30), 1 << 30);
    const int kit = ((static_cast<int>((e.sound - kDrumBase) / 16) + n) % kKitCount + kKitCount) % kKitCount;
    drum = &kDrumPatches[kit][(e.sound - kDrumBase) % 16];
    if (!e.has(Param::Duration) && !e.has(Param::Clip)) gate_sec = drum->len_sec;
    gate_sec = std::min<double>(gate_sec, drum->len_sec);
  }
  // a sample plays to its end; a held one (SoundFont instrument, noise) lasts the event, as a synth
  if (is_sampler && !e.has(Param::Duration) && !e.has(Param::Clip) && !(ctx.sample && ctx.sample->held)) gate_sec = 1e9;
  // float age stays exact below 2^24 frames: hold at most 2^23 (about 3 minutes at 48 kHz)
  const float gate = static_cast<float>(std::clamp(gate_sec * rate, 0.0, 8388608.0));
  const float pre_at_gate =
      std::min(1.f, std::min((gate + 1.f) / att_frames, std::max(sus, 1.f - (gate - dec_start) * (1.f - sus) / dec_frames)));
  const float lg = std::clamp(pre_at_gate, 0.f, 1.f);
  p.att_inv[j] = 1.f / att_frames;
  p.att_frames[j] = dec_start;
  p.dec_slope[j] = (1.f - sus) / dec_frames;
  p.sus[j] = sus;
  p.gate[j] = gate;
  p.rel_end[j] = gate + rel_frames;
  p.rel_slope[j] = lg / rel_frames;

  // pitch
  float note = e.get(Param::Note, 60.f);
  if (e.has(Param::N) && !is_drum && !is_sampler) note += e.get(Param::N, 0.f);
  if (e.has(Param::Octave)) note += 12.f * (e.get(Param::Octave, 4.f) - 4.f);
  const float freq = e.has(Param::Freq) ? e.get(Param::Freq, 440.f) : 440.f * std::exp2((note - 69.f) / 12.f);
  const float dt = std::clamp(freq / rate, 1e-6f, 0.49f);

  // per-voice effects
  auto gain_curve = [](float g) { return g * g; };  // shapevol, distortvol (superdough's curve)
  if (e.has(Param::Shape) && e.get(Param::Shape, 0.f) > 0.f) {
    const float a = std::clamp(e.get(Param::Shape, 0.f), 0.f, 0.99f);
    l.shape_k = 2.f * a / (1.f - a);
    l.shape_vol = gain_curve(std::clamp(e.get(Param::ShapeVol), 0.f, 4.f));
    l.fx |= kFxShape;
  }
  if (e.has(Param::Distort) && e.get(Param::Distort, 0.f) > 0.f) {
    l.distort = 50.f * std::clamp(e.get(Param::Distort, 0.f), 0.f, 1.f);
    l.distort_vol = gain_curve(std::clamp(e.get(Param::DistortVol), 0.f, 4.f));
    l.fx |= kFxDistort;
  }
  if (e.has(Param::Djf)) {
    // below 0.5 a low-pass closing from 20 kHz to 40 Hz, above it a high-pass opening to 10 kHz
    const float v = std::clamp(e.get(Param::Djf), 0.f, 1.f);
    if (v < 0.49f || v > 0.51f) {
      l.djf_hp = v > 0.5f;
      const float hz = l.djf_hp ? 20.f * std::exp2((v - 0.5f) * 18.f) : 20000.f * std::exp2(-(0.5f - v) * 18.f);
      l.djf.Set(hz, 0.8f, rate);
      l.fx |= kFxDjf;
    }
  }
  if (e.has(Param::Compressor)) {
    l.comp_thresh = std::clamp(e.get(Param::Compressor), -100.f, 0.f);
    l.comp_slope = 1.f - 1.f / std::max(1.f, e.get(Param::CompressorRatio));
    l.comp_knee = std::clamp(e.get(Param::CompressorKnee), 0.f, 40.f);
    l.comp_att = 1.f - std::exp(-1.f / std::max(1.f, e.get(Param::CompressorAttack) * rate));
    l.comp_rel = 1.f - std::exp(-1.f / std::max(1.f, e.get(Param::CompressorRelease) * rate));
    l.fx |= kFxCompressor;
  }
  if (e.has(Param::Noise) && e.get(Param::Noise) > 0.f) {
    l.noise = std::clamp(e.get(Param::Noise), 0.f, 1.f);
    l.noise_rng = static_cast<uint32_t>(e.frame * 747796405u) | 1u;
    l.fx |= kFxNoise;
  }
  if (ctx.squiz && WantsSquiz(e)) {
    l.squiz = ctx.squiz;
    l.squiz_slot = ctx.squiz_slot;
    l.squiz_ratio = std::clamp(e.get(Param::Squiz), 1.f, 64.f);
    l.fx |= kFxSquiz;
  }
  if (e.has(Param::Leslie) && e.get(Param::Leslie) > 0.f) {
    // a rotating horn: a Doppler pitch wobble (up to half a semitone at lsize 1) and an
    // amplitude wobble, at lrate
    l.leslie = std::clamp(e.get(Param::Leslie), 0.f, 1.f);
    l.leslie_dt = std::clamp(e.get(Param::LRate), 0.f, 20.f) / rate;
    l.leslie_semis = 0.5f * l.leslie * std::clamp(e.get(Param::LSize), 0.f, 1.f);
    l.pitch_mod = true;
    l.fx |= kFxLeslie;
  }
  if (e.has(Param::Crush)) {
    l.crush_levels = std::exp2(std::clamp(e.get(Param::Crush, 16.f), 1.f, 16.f) - 1.f);
    l.fx |= kFxCrush;
  }
  if (e.has(Param::Coarse) && e.get(Param::Coarse, 1.f) > 1.f) {
    l.coarse = e.get_int(Param::Coarse, 1.f, 1, 1 << 20);
    l.fx |= kFxCoarse;
  }
  const float anchor = std::clamp(e.get(Param::FAnchor), 0.f, 1.f);
  if (e.has(Param::HCutoff)) {
    l.hp_q = ResonanceToQ(e.get(Param::HResonance, 0.f));
    SetFilterEnv(l.hp_env, e, Param::HCutoff, Param::HpEnv, Param::HpAttack, Param::HpDecay, Param::HpSustain,
                 Param::HpRelease, e.get(Param::HCutoff, 20.f), anchor, gate, rate);
    l.hp.Set(l.hp_env.Hz(0.f), l.hp_q, rate);
    l.fx |= kFxHpf;
  }
  if (e.has(Param::Bandf)) {
    l.bp_q = std::max(0.5f, e.get(Param::Bandq, 1.f));
    SetFilterEnv(l.bp_env, e, Param::Bandf, Param::BpEnv, Param::BpAttack, Param::BpDecay, Param::BpSustain,
                 Param::BpRelease, e.get(Param::Bandf, 1000.f), anchor, gate, rate);
    l.bp.Set(l.bp_env.Hz(0.f), l.bp_q, rate);
    l.fx |= kFxBpf;
  }
  if (e.has(Param::Tremolo) || e.has(Param::TremoloSync)) {
    const float hz = e.has(Param::TremoloSync) ? e.get(Param::TremoloSync) * e.cps : e.get(Param::Tremolo, 4.f);
    l.trem_dt = std::clamp(hz, 0.f, 1000.f) / rate;
    l.trem_depth = std::clamp(e.get(Param::TremoloDepth), 0.f, 1.f);
    l.trem_shape = e.get_int(Param::TremoloShape, 0.f, 0, 4);
    l.trem_skew = e.get(Param::TremoloSkew);
    l.trem_phase = e.get(Param::TremoloPhase) - std::floor(e.get(Param::TremoloPhase));
    l.fx |= kFxTremolo;
  }
  if (e.has(Param::Phaser) && e.get(Param::Phaser, 0.f) > 0.f && e.get(Param::PhaserDepth) > 0.f) {
    l.phaser_dt = std::min(e.get(Param::Phaser, 1.f), 20.f) / rate;
    l.phaser_pi_over_rate = kPi / rate;
    l.phaser_center = std::clamp(e.get(Param::PhaserCenter), 50.f, 0.4f * rate);
    l.phaser_oct = std::log2(1.f + 0.5f * std::max(0.f, e.get(Param::PhaserSweep)) / l.phaser_center);
    l.phaser_depth = std::clamp(e.get(Param::PhaserDepth), 0.f, 1.f);
    l.fx |= kFxPhaser;
  }
  if (e.has(Param::Vowel)) {
    static constexpr float kFormants[5][3] = {
        {730, 1090, 2440}, {530, 1840, 2480}, {270, 2290, 3010}, {570, 840, 2410}, {300, 870, 2240}};
    static constexpr float kGains[3] = {1.f, 0.5f, 0.3f};
    const int v = e.get_int(Param::Vowel, 0.f, 0, 6) - 1;
    if (v >= 0 && v < 5) {
      for (int f = 0; f < 3; ++f) {
        l.vowel.f[f].Set(kFormants[v][f], 8.f, rate);
        l.vowel.gain[f] = kGains[f] * 2.2f;
      }
      l.fx |= kFxVowel;
    }
  }

  // low-pass filter and its envelope
  float cutoff = 0.45f * rate, q = 0.7071f;
  if (kind == Kind::kBass) { cutoff = 320.f; q = 1.4f; }
  if (is_pad) { cutoff = 1800.f; }
  if (e.has(Param::Cutoff)) cutoff = e.get(Param::Cutoff, cutoff);
  if (e.has(Param::Resonance)) q = ResonanceToQ(e.get(Param::Resonance, 0.f));
  l.q = q;
  SetFilterEnv(l.lp_env, e, Param::Cutoff, Param::LpEnv, Param::LpAttack, Param::LpDecay, Param::LpSustain,
               Param::LpRelease, cutoff, anchor, gate, rate);
  if (kind == Kind::kBass && !l.lp_env.on) {
    // the bass's own pluck of the filter: 3 octaves, decaying in 0.22 s
    l.lp_env.on = true;
    l.lp_env.depth = 3.f;
    l.lp_env.adsr = Adsr{std::max(1.f, 0.001f * rate), 0.22f * rate, 0.f, 0.1f * rate, 1e9f};
  }
  // sampler packs render no vector low-pass: their low-pass is the per-voice one (12 dB unless ladder)
  const bool ladder = e.get(Param::FType, 0.f) >= 1.f;
  if ((ladder || (is_sampler && (e.has(Param::Cutoff) || l.lp_env.on))) && kind != Kind::kDrum && kind != Kind::kPluck) {
    // the ladder runs per voice after the oscillator; the vector low-pass stands open
    l.ladder.Init(rate);
    l.ladder.set_mode(ladder ? dsp::LadderMode::kLowPass24 : dsp::LadderMode::kLowPass12);
    l.ladder.set_resonance_norm(std::clamp(e.get(Param::Resonance, 0.f) > 1.f ? e.get(Param::Resonance, 0.f) / 40.f
                                                                                 : e.get(Param::Resonance, 0.f),
                                           0.f, 0.95f));
    l.ladder.set_cutoff_hz(l.lp_env.Hz(0.f));
    if (e.has(Param::Drive)) l.ladder.set_drive(std::exp(std::clamp(e.get(Param::Drive), -2.f, 3.f)));
    l.fx |= kFxLadder;
  } else if (e.has(Param::Drive) && e.get(Param::Drive) > 0.f) {
    l.drive_k = std::exp(std::clamp(e.get(Param::Drive), 0.f, 5.f)) - 1.f;
    l.fx |= kFxDrive;
  }
  {
    const bool per_voice = (l.fx & kFxLadder) != 0;
    float a1, a2, a3, k;
    SvfCoefs(per_voice ? 0.45f * rate : l.lp_env.Hz(0.f), q, rate, a1, a2, a3, k);
    p.a1[j] = a1;
    p.a2[j] = a2;
    p.a3[j] = a3;
    p.k[j] = k;
  }

  // oscillators
  if (!is_drum && !is_sampler && kind != Kind::kPluck) {
    l.accel_oct_per_frame = e.get(Param::Accelerate, 0.f) / rate;
    l.pitch_mod = l.pitch_mod || l.accel_oct_per_frame != 0.f;
  }
  if (!is_drum && kind != Kind::kPluck) {
    // the pitch envelope (superdough's defaults: attack 0.2 s, sustain 1, anchored at psustain)
    if (e.has(Param::PEnv) || e.has(Param::PAttack) || e.has(Param::PDecay) || e.has(Param::PSustain) ||
        e.has(Param::PRelease)) {
      l.penv_on = l.pitch_mod = true;
      l.penv_semis = e.get(Param::PEnv);
      l.penv_adsr = MakeAdsr(e, Param::PAttack, Param::PDecay, Param::PSustain, Param::PRelease, gate, rate, false);
      l.panchor = std::clamp(e.get(Param::PAnchor, l.penv_adsr.sus), 0.f, 1.f);
      l.pcurve_exp = e.get(Param::PCurve) >= 1.f;
    }
    if (e.get(Param::Vib) > 0.f) {
      l.vib_dt = std::min(e.get(Param::Vib), 100.f) / rate;
      l.vib_semis = std::clamp(e.get(Param::VibMod), 0.f, 24.f);
      l.pitch_mod = true;
    }
  }
  p.dt[0][j] = dt;
  p.inv_dt[j] = 1.f / dt;
  switch (kind) {
    case Kind::kSquare:
      l.pw_base = p.pw[j] = std::clamp(e.get(Param::PulseWidth, 0.5f), 0.02f, 0.98f);
      if (e.get(Param::PwSweep) > 0.f) {
        l.pw_sweep = std::min(e.get(Param::PwSweep), 0.5f);
        l.pw_dt = std::clamp(e.get(Param::PwRate), 0.f, 50.f) / rate;
      }
      break;
    case Kind::kSupersaw: {
      static constexpr float kSpread[7] = {-1.0f, -0.62f, -0.3f, 0.0f, 0.29f, 0.6f, 0.97f};
      const float detune = std::clamp(e.get(Param::Detune, is_pad ? 0.2f : 0.3f), 0.f, 12.f);
      for (int v = 0; v < 7; ++v) {
        p.dt[v][j] = std::clamp(dt * std::exp2(kSpread[v] * detune / 12.f), 1e-6f, 0.49f);
        p.ph[v][j] = static_cast<float>(v) * 0.618034f - std::floor(static_cast<float>(v) * 0.618034f);
      }
      // unison: the voices nearest the centre sound; spread: the detuned voices' level against
      // the centre (a mono voice: superdough pans them instead)
      static constexpr int kOrder[7] = {3, 2, 4, 1, 5, 0, 6};
      const int voices = e.get_int(Param::Unison, param_default(Param::Unison), 1, 7);
      const float spread = std::clamp(e.get(Param::Spread), 0.f, 1.f);
      for (int v = 0; v < 7; ++v) p.vgain[v][j] = 0.f;
      for (int i = 0; i < voices; ++i) p.vgain[kOrder[i]][j] = i == 0 ? (voices == 1 ? 1.f : 1.f - 0.5f * spread) : 0.35f * spread;
      break;
    }
    case Kind::kFm: {
      // the fm synth (index 2, harmonicity 2, the index decaying in 0.25 s) or a basic waveform
      // with an FM index (superdough's defaults: harmonicity 1, no index envelope)
      const bool fm_synth = e.sound == kSynthBase + kFm;
      p.dt[1][j] = std::clamp(dt * e.get(Param::FmH, fm_synth ? 2.f : 1.f), 0.f, 0.49f);
      l.fm_index = std::clamp(e.get(Param::FmI, 2.f), 0.f, 100.f) * (1.f / 6.28318530718f);
      int carrier = 0;  // sine
      if (e.sound == kSynthBase + kSquare) carrier = 1;
      if (e.sound == kSynthBase + kTriangle) carrier = 2;
      if (e.sound == kSynthBase + kSaw) carrier = 3;
      const int mod = e.get_int(Param::FmWave, param_default(Param::FmWave), 0, 3);
      for (int w = 0; w < 4; ++w) {
        p.fm_cw[w][j] = w == carrier ? 1.f : 0.f;
        p.fm_mw[w][j] = w == mod ? 1.f : 0.f;
      }
      if (e.has(Param::FmAttack) || e.has(Param::FmDecay) || e.has(Param::FmSustain) || e.has(Param::FmRelease)) {
        l.fm_adsr_on = true;
        l.fm_adsr = MakeAdsr(e, Param::FmAttack, Param::FmDecay, Param::FmSustain, Param::FmRelease, gate, rate, false);
        l.fm_exp = e.get(Param::FmEnv) < 0.5f;
      } else {
        l.fm_decay_default = fm_synth;
      }
      p.env1[j] = FmIndexAt(l, 0.f);
      p.fm_step[j] = 0.f;
      break;
    }
    case Kind::kPluck:
      l.pluck = ctx.pluck;
      l.pluck_slot = ctx.pluck_slot;
      if (l.pluck) {
        l.pluck->set_decay_sec(std::max(0.05f, e.get(Param::Decay, 2.f)));
        // brightness from the cutoff when given (200 Hz dark .. 8 kHz bright), else 0.6
        const float bright = e.has(Param::Cutoff)
                                 ? std::clamp(std::log2(e.get(Param::Cutoff, 2000.f) / 200.f) / 5.3f, 0.f, 1.f)
                                 : 0.6f;
        l.pluck->set_brightness_norm(bright);
        l.pluck->Strike(freq);
      } else {
        l.ended = true;
      }
      break;
    case Kind::kBass: p.dt[1][j] = dt * 0.5f; break;
    case Kind::kDrum: {
      const float speed = std::max(0.01f, std::fabs(e.get(Param::Speed, 1.f)));
      auto mult = [&](float tc) { return std::exp(-1.f / std::max(1.f, tc * rate)); };
      p.f0dt[j] = drum->f0_hz * speed / rate;
      p.f1dt[j] = drum->f1_hz * speed / rate;
      p.penv[j] = 1.f;
      p.pmult[j] = mult(drum->pitch_tc_sec);
      p.env1[j] = 1.f;
      p.env1_mult[j] = mult(drum->tone_tc_sec);
      p.tlvl[j] = drum->tone_lvl;
      p.nlvl[j] = drum->noise_lvl;
      p.mlvl[j] = drum->metal_lvl * 0.25f;
      p.nenv[j] = 1.f;
      p.nmult[j] = mult(drum->noise_tc_sec);
      p.nmult_tail[j] = drum->bursts > 0.f ? mult(drum->tail_tc_sec) : p.nmult[j];
      const float metal[4] = {drum->m1, drum->m2, drum->m3, drum->m4};
      for (int m = 0; m < 4; ++m) p.dt[1 + m][j] = std::min(0.49f, metal[m] * speed / rate);
      float a1, a2, a3, k;
      SvfCoefs(drum->filt_hz * speed, drum->filt_q, rate, a1, a2, a3, k);
      p.a1[j] = a1;
      p.a2[j] = a2;
      p.a3[j] = a3;
      p.k[j] = k;
      p.cl[j] = drum->lp;
      p.cb[j] = drum->bp;
      p.ch[j] = drum->hp;
      p.bperiod[j] = drum->burst_sec * rate;
      p.bcount[j] = p.bperiod[j];
      p.bleft[j] = drum->bursts;
      const uint32_t which = static_cast<uint32_t>(drum - &kDrumPatches[0][0]);  // kit and drum
      uint32_t seed = static_cast<uint32_t>(e.frame * 2654435761u) ^ 0x9e3779b9u ^ ((kDrumBase + which) * 40503u);
      p.rng[j] = seed ? seed : 1u;
      break;
    }
    case Kind::kSampler: StartSamplerLane(p, j, e, ctx); break;
    default: break;
  }
}

namespace {

// One body, compiled twice: for AVX2 and FMA (eight lanes in one register; exactly the features
// checked below) and for the baseline (SSE2). Chosen once at start-up by the CPU's features
// (MR_AUDIO_NO_AVX2=1 forces the baseline, to measure it). A plain branch rather than an ifunc, whose resolver runs before the
// sanitizers' runtimes exist.
MR_SIMD_INLINE void RenderPackBody(Pack& p, int n, F8* out, float rate_hz) {
  switch (p.kind) {
    case Kind::kDrum: RenderDrums(p, n, out); break;
    case Kind::kSampler:
    case Kind::kPluck: RenderEnvelope(p, n, out); break;
    case Kind::kFree: break;
    default: RenderKind(p, n, out, rate_hz); break;
  }
}

MR_SIMD_INLINE void MixStereoBody(const F8* left, const F8* right, const F8* gain_l, const F8* gain_r, F8* bus_l,
                                  F8* bus_r, int n) {
  const F8 gl = *gain_l, gr = *gain_r;
  for (int i = 0; i < n; ++i) {
    bus_l[i] += left[i] * gl;
    bus_r[i] += right[i] * gr;
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2,fma"))) void RenderPackV3(Pack& p, int n, F8* out, float rate_hz) {
  RenderPackBody(p, n, out, rate_hz);
}
__attribute__((target("avx2,fma"))) void MixStereoV3(const F8* left, const F8* right, const F8* gain_l,
                                                       const F8* gain_r, F8* bus_l, F8* bus_r, int n) {
  MixStereoBody(left, right, gain_l, gain_r, bus_l, bus_r, n);
}
const bool kUseV3 = [] {
  __builtin_cpu_init();
  const char* off = std::getenv("MR_AUDIO_NO_AVX2");
  return !(off && *off && *off != '0') && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}();
#endif

}  // namespace

// Per render call, before the kernels: the pitch modulations move the increments (synths) or
// the read rate (samples) to where they are at the call's start (calls are <= 128 frames:
// steps of a few cents at most for any sane setting), the pulse width follows its LFO and the
// FM index ramps to its envelope's value at the call's end.
void ModulateLanes(Pack& p, int n) {
  if (p.kind == Kind::kDrum || p.kind == Kind::kPluck) return;
  const bool sampler = p.kind == Kind::kSampler;
  const float nf = static_cast<float>(n);
  constexpr float kTwoPi = 6.28318530718f;
  for (int j = 0; j < kLanes; ++j) {
    Lane& l = p.lanes[j];
    if (!l.live) continue;
    if (l.pitch_mod) {
      const float age = p.age[j];
      float semis = 0.f;
      if (l.penv_on) {
        float v = l.penv_adsr.At(age);
        if (l.pcurve_exp) v = (std::exp2(4.f * v) - 1.f) * (1.f / 15.f);
        semis += l.penv_semis * (v - l.panchor);
      }
      if (l.vib_dt > 0.f) semis += l.vib_semis * std::sin(kTwoPi * l.vib_phase);
      if (l.leslie > 0.f) semis += l.leslie_semis * std::sin(kTwoPi * l.leslie_phase);
      const float ratio = std::exp2(l.accel_oct + semis * (1.f / 12.f));
      const float f = ratio / l.applied_ratio;
      l.applied_ratio = ratio;
      if (sampler) {
        l.inc *= static_cast<double>(f);
      } else {
        for (int v = 0; v < 7; ++v) p.dt[v][j] = std::min(0.49f, p.dt[v][j] * f);
        p.inv_dt[j] = 1.f / std::max(1e-6f, p.dt[0][j]);
      }
      l.accel_oct += l.accel_oct_per_frame * nf;
      l.vib_phase += l.vib_dt * nf;
      l.vib_phase -= std::floor(l.vib_phase);
      l.leslie_phase += l.leslie_dt * nf;
      l.leslie_phase -= std::floor(l.leslie_phase);
    }
    if (l.pw_sweep > 0.f) {
      p.pw[j] = std::clamp(l.pw_base + l.pw_sweep * std::sin(kTwoPi * l.pw_phase), 0.02f, 0.98f);
      l.pw_phase += l.pw_dt * nf;
      l.pw_phase -= std::floor(l.pw_phase);
    }
    if (p.kind == Kind::kFm) p.fm_step[j] = (FmIndexAt(l, p.age[j] + nf) - p.env1[j]) / nf;
  }
}

void RenderPack(Pack& p, int n, F8* out, float rate_hz) {
  ModulateLanes(p, n);
#if defined(__x86_64__) && defined(__GNUC__)
  if (kUseV3) return RenderPackV3(p, n, out, rate_hz);
#endif
  RenderPackBody(p, n, out, rate_hz);
}

void MixStereo(const F8* left, const F8* right, const F8* gain_l, const F8* gain_r, F8* bus_l, F8* bus_r, int n) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (kUseV3) return MixStereoV3(left, right, gain_l, gain_r, bus_l, bus_r, n);
#endif
  MixStereoBody(left, right, gain_l, gain_r, bus_l, bus_r, n);
}

bool RenderPackUsesAvx2() {
#if defined(__x86_64__) && defined(__GNUC__)
  return kUseV3;
#else
  return false;
#endif
}

void RenderPluckLanes(Pack& p, int n, F8* out) {
  float string[kMaxBlock];
  for (int j = 0; j < kLanes; ++j) {
    Lane& l = p.lanes[j];
    if (!l.live || !l.pluck) continue;
    l.pluck->Process(string, static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) out[i][j] *= string[i] * 1.2f;
  }
}

void ApplyLaneFx(Lane& l, float* x, int n) {
  const uint32_t fx = l.fx;
  auto svf = [](Svf1& f, float in, float& bp) {
    const float v3 = in - f.ic2;
    const float v1 = f.a1 * f.ic1 + f.a2 * v3;
    const float v2 = f.ic2 + f.a2 * f.ic1 + f.a3 * v3;
    f.ic1 = 2.f * v1 - f.ic1;
    f.ic2 = 2.f * v2 - f.ic2;
    bp = v1;
    return v2;
  };
  const float age0 = l.fx_age;
  l.fx_age += static_cast<float>(n);
  if (fx & kFxNoise) {
    // white noise at the voice's level and envelope (of the last render call)
    const float g = l.noise * l.loudness * 0.5f;
    uint32_t r = l.noise_rng;
    for (int i = 0; i < n; ++i) {
      r ^= r << 13, r ^= r >> 17, r ^= r << 5;
      x[i] += g * (static_cast<float>(r) * (2.f / 4294967296.f) - 1.f);
    }
    l.noise_rng = r;
  }
  if (fx & kFxLadder) {
    // cutoff per 16 frames from the filter envelope
    float cut[kMaxBlock];
    for (int i0 = 0; i0 < n; i0 += 16) {
      const float hz = l.lp_env.Hz(age0 + static_cast<float>(i0));
      for (int i = i0; i < std::min(n, i0 + 16); ++i) cut[i] = hz;
    }
    l.ladder.ProcessModulated(x, cut, x, static_cast<size_t>(n));
  }
  if (fx & kFxDrive) {
    const float k = l.drive_k;
    for (int i = 0; i < n; ++i) x[i] = x[i] * (1.f + k) / (1.f + k * std::fabs(x[i]));
  }
  if (fx & kFxHpf) {
    for (int i = 0; i < n; ++i) {
      if (l.hp_env.on && (i & 15) == 0) l.hp.Set(l.hp_env.Hz(age0 + static_cast<float>(i)), l.hp_q, l.rate);
      float bp;
      const float lp = svf(l.hp, x[i], bp);
      x[i] = x[i] - l.hp.k * bp - lp;
    }
  }
  if (fx & kFxBpf) {
    for (int i = 0; i < n; ++i) {
      if (l.bp_env.on && (i & 15) == 0) l.bp.Set(l.bp_env.Hz(age0 + static_cast<float>(i)), l.bp_q, l.rate);
      float bp;
      svf(l.bp, x[i], bp);
      x[i] = bp;
    }
  }
  if (fx & kFxDjf) {
    for (int i = 0; i < n; ++i) {
      float bp;
      const float lp = svf(l.djf, x[i], bp);
      x[i] = l.djf_hp ? x[i] - l.djf.k * bp - lp : lp;
    }
  }
  if (fx & kFxVowel) {
    for (int i = 0; i < n; ++i) {
      float sum = 0.f;
      for (int f = 0; f < 3; ++f) {
        float bp;
        svf(l.vowel.f[f], x[i], bp);
        sum += bp * l.vowel.gain[f];
      }
      x[i] = sum;
    }
  }
  if (fx & kFxShape) {
    const float k = l.shape_k;
    const float v = l.shape_vol;
    for (int i = 0; i < n; ++i) x[i] = x[i] * (1.f + k) / (1.f + k * std::fabs(x[i])) * v;
  }
  if (fx & kFxDistort) {
    const float k = l.distort, v = 0.7f * l.distort_vol;
    for (int i = 0; i < n; ++i) x[i] = x[i] * (1.f + k) / (1.f + k * std::fabs(x[i])) * v;
  }
  if (fx & kFxSquiz) {
    // SuperDirt's squiz: the signal cut into segments at rising zero crossings (at most
    // kSquizLen frames); the last whole segment replays `ratio` times faster, repeated, while
    // the next one records
    float* buf = l.squiz;
    const float ratio = l.squiz_ratio;
    for (int i = 0; i < n; ++i) {
      const float in = x[i];
      buf[l.squiz_half * kSquizLen + l.squiz_wlen++] = in;
      if ((l.squiz_prev < 0.f && in >= 0.f && l.squiz_wlen >= 8) || l.squiz_wlen >= kSquizLen) {
        l.squiz_plen = l.squiz_wlen;
        l.squiz_wlen = 0;
        l.squiz_half ^= 1;
        l.squiz_rpos = 0.f;
      }
      l.squiz_prev = in;
      float out = 0.f;
      if (l.squiz_plen > 0) {
        out = buf[(l.squiz_half ^ 1) * kSquizLen + static_cast<int>(l.squiz_rpos)];
        l.squiz_rpos += ratio;
        while (l.squiz_rpos >= static_cast<float>(l.squiz_plen)) l.squiz_rpos -= static_cast<float>(l.squiz_plen);
      }
      x[i] = out;
    }
  }
  if (fx & kFxCrush) {
    const float q = l.crush_levels;
    for (int i = 0; i < n; ++i) x[i] = std::round(x[i] * q) / q;
  }
  if (fx & kFxCoarse) {
    for (int i = 0; i < n; ++i) {
      if (l.coarse_count == 0) l.coarse_held = x[i];
      if (++l.coarse_count >= l.coarse) l.coarse_count = 0;
      x[i] = l.coarse_held;
    }
  }
  if (fx & kFxPhaser) {
    // four allpass stages swept between 200 Hz and 3.2 kHz by a sine LFO, mixed with the dry
    // signal: notches that move (coefficients per 16 frames)
    // four allpass stages swept around phasercenter by phasersweep (exponentially) by a sine
    // LFO, mixed with the dry signal by phaserdepth: notches that move (coefficients per 16
    // frames)
    const float wet = 0.5f * l.phaser_depth, dry = 1.f - wet;
    for (int i0 = 0; i0 < n; i0 += 16) {
      const float lfo = std::sin(6.28318530718f * l.phaser_phase);
      const float hz = l.phaser_center * std::exp2(l.phaser_oct * lfo);
      const float t = std::tan(std::min(hz * l.phaser_pi_over_rate, 1.5f));
      const float a = (t - 1.f) / (t + 1.f);
      const int end = std::min(n, i0 + 16);
      for (int i = i0; i < end; ++i) {
        float y = x[i];
        for (float& z : l.phaser_z) {
          const float out = a * y + z;
          z = y - a * out;
          y = out;
        }
        x[i] = dry * x[i] + wet * y;
      }
      l.phaser_phase += l.phaser_dt * static_cast<float>(end - i0);
      l.phaser_phase -= std::floor(l.phaser_phase);
    }
  }
  if (fx & kFxCompressor) {
    // feed-forward, soft knee, on the voice (superdough's is a Web Audio compressor per voice)
    const float t = l.comp_thresh, knee = l.comp_knee, slope = l.comp_slope;
    for (int i = 0; i < n; ++i) {
      const float a = std::fabs(x[i]);
      l.comp_env += (a - l.comp_env) * (a > l.comp_env ? l.comp_att : l.comp_rel);
      const float over = 20.f * std::log10(std::max(l.comp_env, 1e-6f)) - t;
      float gr = 0.f;
      if (2.f * over >= knee) gr = slope * over;
      else if (2.f * over > -knee && knee > 0.f) gr = slope * (over + 0.5f * knee) * (over + 0.5f * knee) / (2.f * knee);
      x[i] *= std::exp2(-gr * 0.166096404744f);  // 10^(-gr / 20)
    }
  }
  if (fx & kFxTremolo) {
    // amplitude (1 - depth) + depth x the LFO (0..1), as superdough
    for (int i = 0; i < n; ++i) {
      x[i] *= 1.f - l.trem_depth + l.trem_depth * LfoAt(l.trem_phase, l.trem_shape, l.trem_skew);
      l.trem_phase += l.trem_dt;
      l.trem_phase -= std::floor(l.trem_phase);
    }
  }
  if (fx & kFxLeslie) {
    // the horn's amplitude wobble, in step with its Doppler pitch wobble (ModulateLanes)
    const float depth = 0.3f * l.leslie;
    for (int i = 0; i < n; ++i) {
      x[i] *= 1.f - depth * (0.5f + 0.5f * std::cos(6.28318530718f * l.leslie_am_phase));
      l.leslie_am_phase += l.leslie_dt;
      l.leslie_am_phase -= std::floor(l.leslie_am_phase);
    }
  }
}

}  // namespace mr::audio::detail
