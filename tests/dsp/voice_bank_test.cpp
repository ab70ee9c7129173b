// VoiceBank: eight SIMD lanes render what the scalar units (Oscillator, Svf, LinearAr,
// EqualPowerPan) render voice by voice; the AVX2 build of the loop gives identical bits; lanes
// release to idle; nothing allocates.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <vector>

#include "dsp/envelope.hpp"
#include "dsp/oscillator.hpp"
#include "dsp/pan.hpp"
#include "dsp/svf.hpp"
#include "dsp/voice_bank.hpp"
#include "test_util.hpp"

using namespace mr::dsp;
using namespace mr::dsp::test;

namespace {
struct Params {
  float freq, cutoff, q, gain, pan;
};
Params LaneParams(int k) {
  return {55.0f * std::exp2(float(k * 7 % 36) / 12.0f), 300.0f + 450.0f * float(k), 4.0f, 0.2f,
          -0.9f + 1.8f * float(k) / 7.0f};
}
}  // namespace

TEST_CASE("voice bank lanes match the scalar units voice by voice") {
  const int frames = 9600, release_at = 38 * 128;
  std::vector<float> ref_l(frames, 0.0f), ref_r(frames, 0.0f);
  for (int k = 0; k < VoiceBank::kLanes; ++k) {
    Params p = LaneParams(k);
    Oscillator osc;
    osc.Init(kRate);
    osc.set_frequency_hz(p.freq);
    Svf svf;
    svf.Init(kRate);
    svf.set_cutoff_hz(p.cutoff);
    svf.set_q(p.q);
    LinearAr env;
    env.Init(kRate);
    env.set_attack_sec(0.01f);
    env.set_release_sec(0.01f);
    env.NoteOn();
    PanGains g = EqualPowerPan(p.pan);
    for (int i = 0; i < frames; ++i) {
      if (i == release_at) env.NoteOff();
      float y = svf.Tick(osc.Tick()) * env.Tick() * p.gain;
      ref_l[i] += y * g.left;
      ref_r[i] += y * g.right;
    }
  }
  VoiceBank bank;
  bank.Init(kRate);
  for (int k = 0; k < VoiceBank::kLanes; ++k) {
    Params p = LaneParams(k);
    bank.Start(k, p.freq, p.cutoff, p.q, p.gain, p.pan, 0.01f);
  }
  auto bus = std::make_unique<VoiceBank::Bus>();
  std::vector<float> l(frames, 0.0f), r(frames, 0.0f);
  for (int i = 0; i < frames; i += 128) {
    if (i == release_at)
      for (int k = 0; k < VoiceBank::kLanes; ++k) bank.Release(k, 0.01f);
    bus->Clear(128);
    bank.Render(*bus, 128);
    bus->MixDown(l.data() + i, r.data() + i, 128);
  }
  std::vector<float> dl(frames), dr(frames);
  for (int i = 0; i < frames; ++i) {
    dl[i] = l[i] - ref_l[i];
    dr[i] = r[i] - ref_r[i];
  }
  CHECK(Rms(ref_l) > 0.05);
  CHECK(Db(Rms(dl) / Rms(ref_l)) < -60.0);
  CHECK(Db(Rms(dr) / Rms(ref_r)) < -60.0);
  // Released lanes are idle and silent by the end.
  for (int k = 0; k < VoiceBank::kLanes; ++k) CHECK(bank.is_idle(k));
  CHECK(l.back() == 0.0f);
}

TEST_CASE("voice bank: the dispatched loop and the portable one give identical bits") {
  VoiceBank a, b;
  a.Init(kRate);
  b.Init(kRate);
  for (int k = 0; k < VoiceBank::kLanes; ++k) {
    Params p = LaneParams(k);
    a.Start(k, p.freq, p.cutoff, p.q, p.gain, p.pan, 0.005f);
    b.Start(k, p.freq, p.cutoff, p.q, p.gain, p.pan, 0.005f);
  }
  auto bus_a = std::make_unique<VoiceBank::Bus>(), bus_b = std::make_unique<VoiceBank::Bus>();
  bool same = true;
  long allocs;
  {
    AllocationScope scope;
    for (int blk = 0; blk < 100; ++blk) {
      bus_a->Clear(128);
      bus_b->Clear(128);
      a.Render(*bus_a, 128);
      RenderLanes<VoiceBank::kLanes>(b, *bus_b, 128);
      same = same && std::memcmp(bus_a->left, bus_b->left, sizeof(float) * 128 * VoiceBank::kLanes) == 0;
    }
    allocs = scope.count();
  }
  CHECK(same);
  CHECK(allocs == 0);
}
