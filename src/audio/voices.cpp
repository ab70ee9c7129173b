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

// The filter envelope (0..1) at a lane's age in frames.
float FilterEnvAt(const Lane& l, float age) {
  if (age < l.lpatt_frames) return age / l.lpatt_frames;
  return std::max(0.f, 1.f - (age - l.lpatt_frames) / l.lpdec_frames);
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
    const F8 pre = Min(a, d);
    const F8 r = Select(age < gate, Splat(1e30f), (rel_end - age) * rel_slope);
    return Max(F8{}, Min(pre, r));
  }
};

// Common shell: envelope, level, fade, low-pass filter; Osc(i) gives the raw oscillator.
template <typename Osc>
MR_SIMD_INLINE void RenderFiltered(Pack& p, int n, F8* out, F8 gain, Osc&& osc) {
  const Env env(p);
  F8 age = p.age, fade = p.fade;
  const F8 fade_step = p.fade_step, level = p.level * gain;
  F8 a1 = p.a1, a2 = p.a2, a3 = p.a3, ic1 = p.ic1, ic2 = p.ic2;
  F8 e{};
  for (int i = 0; i < n; ++i) {
    const F8 x = osc();
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
}

// Moves the low-pass coefficients to where the filter envelopes will be after n frames, then
// sets a per-sample ramp (linear in coefficients: smooth enough over <= 128 frames).
void UpdateFilterEnv(Pack& p, int n, float rate, F8& da1, F8& da2, F8& da3) {
  da1 = da2 = da3 = F8{};
  for (int j = 0; j < kLanes; ++j) {
    const Lane& l = p.lanes[j];
    if (!l.live || !l.filter_env) continue;
    const float fc = l.cutoff_hz * std::exp2(l.lpenv * FilterEnvAt(l, p.age[j] + static_cast<float>(n)));
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
  if (!ramp) return RenderFiltered(p, n, out, gain, osc);
  const Env env(p);
  F8 age = p.age, fade = p.fade;
  const F8 fade_step = p.fade_step, level = p.level * gain;
  F8 a1 = p.a1, a2 = p.a2, a3 = p.a3, ic1 = p.ic1, ic2 = p.ic2;
  F8 e{};
  for (int i = 0; i < n; ++i) {
    const F8 x = osc();
    a1 += da1;
    a2 += da2;
    a3 += da3;
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
  p.a1 = a1;
  p.a2 = a2;
  p.a3 = a3;
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
      const F8 centre_gain = 1.f - 0.5f * p.side_mix, side_gain = p.side_mix * 0.35f;
      RenderFilteredEnv(p, n, out, gain, rate, [&]() MR_LAMBDA_INLINE {
        F8 side{};
        for (int v = 0; v < 7; ++v) {
          if (v != 3) side += Saw(ph[v], dt[v], inv[v]);
        }
        const F8 s = Saw(ph[3], dt[3], inv[3]) * centre_gain + side * side_gain;
        for (int v = 0; v < 7; ++v) ph[v] = Wrap1(ph[v] + dt[v]);
        return s;
      });
      for (int v = 0; v < 7; ++v) p.ph[v] = ph[v];
      break;
    }
    case Kind::kFm: {
      F8 pc = p.ph[0], pm = p.ph[1], ie = p.env1;
      const F8 dc = p.dt[0], dm = p.dt[1], mult = p.env1_mult, index = p.mod_index * (1.f / 6.28318530718f);
      RenderFiltered(p, n, out, gain, [&]() MR_LAMBDA_INLINE {
        F8 arg = pc + index * ie * SinTurns(pm);
        arg -= Floor(arg);
        const F8 s = SinTurns(arg);
        pc = Wrap1(pc + dc);
        pm = Wrap1(pm + dm);
        ie *= mult;
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
  p.side_mix[j] = 0.f;
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
  l.orbit = std::clamp(static_cast<int>(e.get(Param::Orbit, 0.f)), 0, 7);
  l.cut = static_cast<int>(e.get(Param::Cut, 0.f));
  l.dry = std::clamp(e.get(Param::Dry, 1.f), 0.f, 1.f);
  l.send_room = std::clamp(e.get(Param::Room, 0.f), 0.f, 1.f);
  l.send_delay = std::clamp(e.get(Param::Delay, 0.f), 0.f, 1.f);
  l.postgain = e.get(Param::Postgain, 1.f);

  // amplitude envelope
  const bool is_drum = kind == Kind::kDrum, is_sampler = kind == Kind::kSampler;
  const bool is_pad = e.sound == kSynthBase + kPad;
  const float att = e.get(Param::Attack, is_pad ? 0.3f : (is_drum || is_sampler) ? 0.f : 0.002f);
  float rel = e.get(Param::Release, is_pad ? 0.8f : is_drum ? 0.01f : is_sampler ? 0.005f : kind == Kind::kPluck ? 0.4f : 0.05f);
  const float att_frames = std::max(1.f, att * rate);
  const float rel_frames = std::max(1.f, rel * rate);
  // pluck's `decay` is its string's ring time, not an envelope segment
  const bool adsr = kind != Kind::kPluck && (e.has(Param::Decay) || e.has(Param::SustainLevel));
  const float sus = adsr ? std::clamp(e.get(Param::SustainLevel, e.has(Param::Decay) ? 0.f : 1.f), 0.f, 1.f) : 1.f;
  const float dec_frames = std::max(1.f, e.get(Param::Decay, 0.1f) * rate);
  double gate_sec = e.has(Param::Duration) ? e.get(Param::Duration, 1.f) : e.duration_sec * e.get(Param::Clip, 1.f);
  const DrumPatch* drum = nullptr;
  if (is_drum) {
    // `n` walks through the kits (default, tr808, tr909), as it walks through a sample bank
    const int n = static_cast<int>(e.get(Param::N, 0.f));
    const int kit = ((static_cast<int>((e.sound - kDrumBase) / 16) + n) % kKitCount + kKitCount) % kKitCount;
    drum = &kDrumPatches[kit][(e.sound - kDrumBase) % 16];
    if (!e.has(Param::Duration) && !e.has(Param::Clip)) gate_sec = drum->len_sec;
    gate_sec = std::min<double>(gate_sec, drum->len_sec);
  }
  // a sample plays to its end; a held one (SoundFont instrument, noise) lasts the event, as a synth
  if (is_sampler && !e.has(Param::Duration) && !e.has(Param::Clip) && !(ctx.sample && ctx.sample->held)) gate_sec = 1e9;
  // float age stays exact below 2^24 frames: hold at most 2^23 (about 3 minutes at 48 kHz)
  const float gate = static_cast<float>(std::clamp(gate_sec * rate, 0.0, 8388608.0));
  const float pre_at_gate = std::min((gate + 1.f) / att_frames, std::max(sus, 1.f - (gate - att_frames) * (1.f - sus) / dec_frames));
  const float lg = std::clamp(pre_at_gate, 0.f, 1.f);
  p.att_inv[j] = 1.f / att_frames;
  p.att_frames[j] = att_frames;
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
  if (e.has(Param::Shape) && e.get(Param::Shape, 0.f) > 0.f) {
    const float a = std::clamp(e.get(Param::Shape, 0.f), 0.f, 0.99f);
    l.shape_k = 2.f * a / (1.f - a);
    l.fx |= kFxShape;
  }
  if (e.has(Param::Distort) && e.get(Param::Distort, 0.f) > 0.f) {
    l.distort = 50.f * std::clamp(e.get(Param::Distort, 0.f), 0.f, 1.f);
    l.fx |= kFxDistort;
  }
  if (e.has(Param::Crush)) {
    l.crush_levels = std::exp2(std::clamp(e.get(Param::Crush, 16.f), 1.f, 16.f) - 1.f);
    l.fx |= kFxCrush;
  }
  if (e.has(Param::Coarse) && e.get(Param::Coarse, 1.f) > 1.f) {
    l.coarse = static_cast<int>(e.get(Param::Coarse, 1.f));
    l.fx |= kFxCoarse;
  }
  if (e.has(Param::HCutoff)) {
    l.hp.Set(e.get(Param::HCutoff, 20.f), ResonanceToQ(e.get(Param::HResonance, 0.f)), rate);
    l.fx |= kFxHpf;
  }
  if (e.has(Param::Bandf)) {
    l.bp.Set(e.get(Param::Bandf, 1000.f), std::max(0.5f, e.get(Param::Bandq, 1.f)), rate);
    l.fx |= kFxBpf;
  }
  if (e.has(Param::Tremolo)) {
    l.trem_dt = e.get(Param::Tremolo, 4.f) / rate;
    l.trem_depth = std::clamp(e.get(Param::TremoloDepth, 0.5f), 0.f, 1.f);
    l.fx |= kFxTremolo;
  }
  if (e.has(Param::Phaser) && e.get(Param::Phaser, 0.f) > 0.f) {
    l.phaser_dt = std::min(e.get(Param::Phaser, 1.f), 20.f) / rate;
    l.phaser_pi_over_rate = kPi / rate;
    l.fx |= kFxPhaser;
  }
  if (e.has(Param::Vowel)) {
    static constexpr float kFormants[5][3] = {
        {730, 1090, 2440}, {530, 1840, 2480}, {270, 2290, 3010}, {570, 840, 2410}, {300, 870, 2240}};
    static constexpr float kGains[3] = {1.f, 0.5f, 0.3f};
    const int v = static_cast<int>(e.get(Param::Vowel, 0.f)) - 1;
    if (v >= 0 && v < 5) {
      for (int f = 0; f < 3; ++f) {
        l.vowel.f[f].Set(kFormants[v][f], 8.f, rate);
        l.vowel.gain[f] = kGains[f] * 2.2f;
      }
      l.fx |= kFxVowel;
    }
  }

  // low-pass filter and its envelope
  float cutoff = 0.45f * rate, q = 0.7071f, lpenv = 0.f, lpatt = 0.001f, lpdec = 0.2f;
  if (kind == Kind::kBass) { cutoff = 320.f; q = 1.4f; lpenv = 3.f; lpdec = 0.22f; }
  if (is_pad) { cutoff = 1800.f; }
  if (e.has(Param::Cutoff)) cutoff = e.get(Param::Cutoff, cutoff);
  if (e.has(Param::Resonance)) q = ResonanceToQ(e.get(Param::Resonance, 0.f));
  if (e.has(Param::LpEnv)) lpenv = e.get(Param::LpEnv, 0.f);
  if (e.has(Param::LpAttack)) lpatt = e.get(Param::LpAttack, lpatt);
  if (e.has(Param::LpDecay)) lpdec = e.get(Param::LpDecay, lpdec);
  l.cutoff_hz = cutoff;
  l.q = q;
  l.lpenv = lpenv;
  l.lpatt_frames = std::max(1.f, lpatt * rate);
  l.lpdec_frames = std::max(1.f, lpdec * rate);
  l.filter_env = lpenv != 0.f;
  // sampler packs render no vector low-pass: their low-pass is the per-voice one (12 dB unless ladder)
  const bool ladder = e.get(Param::FType, 0.f) >= 1.f;
  if ((ladder || (is_sampler && (e.has(Param::Cutoff) || lpenv != 0.f))) && kind != Kind::kDrum && kind != Kind::kPluck) {
    // the ladder runs per voice after the oscillator; the vector low-pass stands open
    l.ladder.Init(rate);
    l.ladder.set_mode(ladder ? dsp::LadderMode::kLowPass24 : dsp::LadderMode::kLowPass12);
    l.ladder.set_resonance_norm(std::clamp(e.get(Param::Resonance, 0.f) > 1.f ? e.get(Param::Resonance, 0.f) / 40.f
                                                                                 : e.get(Param::Resonance, 0.f),
                                           0.f, 0.95f));
    l.ladder.set_cutoff_hz(cutoff * std::exp2(lpenv * FilterEnvAt(l, 0.f)));
    l.fx |= kFxLadder;
    l.filter_env = false;
    cutoff = 0.45f * rate;
    lpenv = 0.f;
  }
  {
    float a1, a2, a3, k;
    SvfCoefs(cutoff * std::exp2(lpenv * FilterEnvAt(l, 0.f)), q, rate, a1, a2, a3, k);
    p.a1[j] = a1;
    p.a2[j] = a2;
    p.a3[j] = a3;
    p.k[j] = k;
  }

  // oscillators
  if (!is_drum && !is_sampler && kind != Kind::kPluck) l.accel_oct_per_frame = e.get(Param::Accelerate, 0.f) / rate;
  p.dt[0][j] = dt;
  p.inv_dt[j] = 1.f / dt;
  switch (kind) {
    case Kind::kSquare: p.pw[j] = std::clamp(e.get(Param::PulseWidth, 0.5f), 0.02f, 0.98f); break;
    case Kind::kSupersaw: {
      static constexpr float kSpread[7] = {-1.0f, -0.62f, -0.3f, 0.0f, 0.29f, 0.6f, 0.97f};
      const float detune = std::clamp(e.get(Param::Detune, is_pad ? 0.2f : 0.3f), 0.f, 12.f);
      for (int v = 0; v < 7; ++v) {
        p.dt[v][j] = std::clamp(dt * std::exp2(kSpread[v] * detune / 12.f), 1e-6f, 0.49f);
        p.ph[v][j] = static_cast<float>(v) * 0.618034f - std::floor(static_cast<float>(v) * 0.618034f);
      }
      p.side_mix[j] = 0.6f;
      break;
    }
    case Kind::kFm:
      p.dt[1][j] = std::clamp(dt * e.get(Param::FmH, 2.f), 0.f, 0.49f);
      p.mod_index[j] = e.get(Param::FmI, 2.f);
      p.env1[j] = 1.f;
      p.env1_mult[j] = std::exp(-4.f / rate);
      break;
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

void RenderPack(Pack& p, int n, F8* out, float rate_hz) {
  if (p.kind != Kind::kDrum && p.kind != Kind::kSampler && p.kind != Kind::kPluck) {
    // accelerate: the oscillators' increments move once per call (<= 128 frames: steps of a few
    // cents at most for any sane glide)
    for (int j = 0; j < kLanes; ++j) {
      const Lane& l = p.lanes[j];
      if (!l.live || l.accel_oct_per_frame == 0.f) continue;
      const float f = std::exp2(l.accel_oct_per_frame * static_cast<float>(n));
      for (int v = 0; v < 7; ++v) p.dt[v][j] = std::min(0.49f, p.dt[v][j] * f);
      p.inv_dt[j] = 1.f / std::max(1e-6f, p.dt[0][j]);
    }
  }
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
  if (fx & kFxLadder) {
    // cutoff per 16 frames from the filter envelope
    float cut[kMaxBlock];
    for (int i0 = 0; i0 < n; i0 += 16) {
      const float hz = l.cutoff_hz * std::exp2(l.lpenv * FilterEnvAt(l, l.ladder_age + static_cast<float>(i0)));
      for (int i = i0; i < std::min(n, i0 + 16); ++i) cut[i] = hz;
    }
    l.ladder.ProcessModulated(x, cut, x, static_cast<size_t>(n));
    l.ladder_age += static_cast<float>(n);
  }
  if (fx & kFxHpf) {
    for (int i = 0; i < n; ++i) {
      float bp;
      const float lp = svf(l.hp, x[i], bp);
      x[i] = x[i] - l.hp.k * bp - lp;
    }
  }
  if (fx & kFxBpf) {
    for (int i = 0; i < n; ++i) {
      float bp;
      svf(l.bp, x[i], bp);
      x[i] = bp;
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
    for (int i = 0; i < n; ++i) x[i] = x[i] * (1.f + k) / (1.f + k * std::fabs(x[i]));
  }
  if (fx & kFxDistort) {
    const float k = l.distort;
    for (int i = 0; i < n; ++i) x[i] = x[i] * (1.f + k) / (1.f + k * std::fabs(x[i])) * 0.7f;
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
    for (int i0 = 0; i0 < n; i0 += 16) {
      const float lfo = 0.5f + 0.5f * std::sin(6.28318530718f * l.phaser_phase);
      const float hz = 200.f * std::exp2(4.f * lfo);
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
        x[i] = 0.5f * (x[i] + y);
      }
      l.phaser_phase += l.phaser_dt * static_cast<float>(end - i0);
      l.phaser_phase -= std::floor(l.phaser_phase);
    }
  }
  if (fx & kFxTremolo) {
    for (int i = 0; i < n; ++i) {
      const float s = std::sin(6.28318530718f * l.trem_phase);
      x[i] *= 1.f - l.trem_depth * (0.5f + 0.5f * s);
      l.trem_phase += l.trem_dt;
      l.trem_phase -= std::floor(l.trem_phase);
    }
  }
}

}  // namespace mr::audio::detail
