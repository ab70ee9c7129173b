// No value silences the master: any finite value of any control on one voice leaves the other
// voices audible; a voice whose output is not finite or absurd is silenced alone and counted;
// the master stays finite and under its ceiling. Measured on the real engine render: the other
// voices' level is their projection onto a render of them alone.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "dsp/limiter.hpp"
#include "test_util.hpp"

using namespace mr::audio;
using namespace mr::audio::test;

namespace {

constexpr int kFrames = 12000;

// A kick every 100 ms and a sine pad: "the rest of the set".
void PushSet(Engine& e) {
  const SoundId bd = e.resolve_sound("bd"), sine = e.resolve_sound("sine");
  for (int64_t f = 0; f < kFrames; f += 2400) e.push(Event(bd, f, 0.1));
  VoiceEvent pad = Event(sine, 0, 0.5);
  pad.set(Param::Note, 57);
  e.push(pad);
}

double Dot(const std::vector<float>& a, const std::vector<float>& b) {
  double s = 0;
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) s += double(a[i]) * b[i];
  return s;
}

}  // namespace

TEST_CASE("guard: any value of any control on one voice leaves the others audible, the master finite") {
  Engine clean_engine(Plain());
  PushSet(clean_engine);
  const std::vector<float> clean = Render(clean_engine, kFrames);
  const double clean_energy = Dot(clean, clean);
  REQUIRE(clean_energy > 1.0);
  const float values[] = {1e9f, -1e9f, 1e-30f, 3e38f, std::numeric_limits<float>::infinity(),
                          std::numeric_limits<float>::quiet_NaN()};
  const char* sounds[] = {"saw", "pluck", "bd"};
  int worst_param = -1;
  double worst = 1e9;
  for (int p = 0; p < static_cast<int>(Param::kCount); ++p)
    for (float v : values) {
      for (const char* sound : sounds) {
        Engine e(Plain());
        PushSet(e);
        VoiceEvent x = Event(e.resolve_sound(sound), 1000, 0.3);
        x.set(Param::Note, 48);
        x.set(static_cast<Param>(p), v);
        e.push(x);
        const std::vector<float> out = Render(e, kFrames);
        bool finite = true;
        float peak = 0.f;
        for (float s : out) {
          finite = finite && std::isfinite(s);
          peak = std::max(peak, std::fabs(s));
        }
        INFO("param #" << p << " = " << v << " on " << sound);
        REQUIRE(finite);
        REQUIRE(peak <= 0.9f);  // the -1 dBFS ceiling
        // The rest of the set is still there: its projection is at least -20 dB of its level alone.
        const double kept = Dot(out, clean) / clean_energy;
        if (kept < worst) worst = kept, worst_param = p;
        REQUIRE(kept > 0.1);
      }
    }
  INFO("worst: param #" << worst_param << " kept " << worst);
  CHECK(worst > 0.1);
}

TEST_CASE("guard: gain(1e9) on a voice silences that voice alone, at once, and counts it") {
  Engine e(Plain());
  PushSet(e);
  VoiceEvent loud = Event(e.resolve_sound("saw"), 2400, 0.3);
  loud.set(Param::Gain, 1e9f);
  e.push(loud);
  Engine ref(Plain());
  PushSet(ref);
  const std::vector<float> out = Render(e, kFrames), clean = Render(ref, kFrames);
  CHECK(e.stats().silenced_voices == 1);
  // What sounds is the rest of the set, unchanged but for the block where the voice started.
  double diff = 0;
  for (size_t i = 2 * (2400 + 128); i < out.size(); ++i) diff += std::fabs(out[i] - clean[i]);
  CHECK(diff / double(out.size()) < 1e-3);
  // A loud but plausible voice is held at the voice ceiling, not silenced.
  Engine f(Plain());
  VoiceEvent hot = Event(f.resolve_sound("saw"), 0, 0.3);
  hot.set(Param::Gain, 8.f);
  f.push(hot);
  const std::vector<float> h = Render(f, 9600);
  float peak = 0.f;
  for (float s : h) peak = std::max(peak, std::fabs(s));
  CHECK(f.stats().silenced_voices == 0);
  CHECK(peak > 0.5f);
}

TEST_CASE("limiter: sane for every finite input from 1e-30 to 1e30, NaN and infinities never out") {
  mr::dsp::Limiter lim;
  lim.Init(48000.f);
  const float ceiling = lim.ceiling();
  std::vector<float> l(128), r(128);
  for (int decade = -30; decade <= 30; ++decade)
    for (float sign : {1.f, -1.f}) {
      const float x = sign * std::pow(10.f, static_cast<float>(decade));
      for (int blk = 0; blk < 4; ++blk) {
        for (size_t i = 0; i < l.size(); ++i) {
          l[i] = (i % 2 ? x : -x);
          r[i] = (i % 7 == 3) ? std::numeric_limits<float>::quiet_NaN() : (i % 11 == 5) ? std::numeric_limits<float>::infinity() : x;
        }
        lim.Process(l.data(), r.data(), l.size());
        for (size_t i = 0; i < l.size(); ++i) {
          INFO("input " << x);
          REQUIRE(std::isfinite(l[i]));
          REQUIRE(std::isfinite(r[i]));
          REQUIRE(std::fabs(l[i]) <= ceiling);
          REQUIRE(std::fabs(r[i]) <= ceiling);
        }
      }
    }
  // After the loudest, a quiet signal comes back to unity gain within the release.
  for (int blk = 0; blk < 400; ++blk) {
    std::fill(l.begin(), l.end(), 0.25f);
    std::fill(r.begin(), r.end(), 0.25f);
    lim.Process(l.data(), r.data(), l.size());
  }
  CHECK(l.back() == Approx(0.25f).margin(1e-4));
}
