// Limiter: the ceiling holds for a hard square at +12 dB and for random hot bursts; below the
// ceiling it is a pure delay; limiting a steady tone is clean; NaN never reaches the output.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dsp/limiter.hpp"
#include "test_util.hpp"

using namespace mr::dsp;
using namespace mr::dsp::test;

namespace {
void Run(Limiter& lim, std::vector<float>& l, std::vector<float>& r, size_t block = 128) {
  for (size_t i = 0; i < l.size(); i += block)
    lim.Process(l.data() + i, r.data() + i, std::min(block, l.size() - i));
}
}  // namespace

TEST_CASE("limiter holds -1 dBFS on a hard square at +12 dB") {
  Limiter lim;
  lim.Init(kRate);
  lim.set_ceiling_db(-1.0f);
  const float ceiling = DbToGain(-1.0f);
  const float hot = DbToGain(12.0f);
  std::vector<float> l(48000), r(48000);
  for (size_t i = 0; i < l.size(); ++i) {
    l[i] = (i / 120) % 2 ? hot : -hot;  // 200 Hz square, from the first sample
    r[i] = i < 24000 ? l[i] : 0.25f * l[i];
  }
  Run(lim, l, r);
  CHECK(Peak(l) <= ceiling);
  CHECK(Peak(r) <= ceiling);
  // And it is not simply muted: after the lookahead the square sits at the ceiling.
  CHECK(Peak(std::vector<float>(l.begin() + 1000, l.end())) > 0.98f * ceiling);
  CHECK(Rms(l, 1000) > 0.95 * ceiling);
  // One gain for both channels: the quieter right channel keeps its 4:1 ratio to the left.
  CHECK(Rms(r, 30000) / Rms(l, 30000) == Approx(0.25).epsilon(0.01));
}

TEST_CASE("limiter holds its ceiling on random hot bursts with any block size") {
  for (float ceiling_db : {0.0f, -1.0f, -6.0f}) {
    Limiter lim;
    lim.Init(kRate, 0.003f);
    lim.set_ceiling_db(ceiling_db);
    lim.set_release_sec(0.02f);
    uint32_t seed = 99;
    auto rnd = [&seed] {
      seed = seed * 1664525u + 1013904223u;
      return float(seed >> 8) / 16777216.0f;
    };
    std::vector<float> l(96000), r(96000);
    float gain = 1.0f;
    for (size_t i = 0; i < l.size(); ++i) {
      if (i % 500 == 0) gain = DbToGain(-20.0f + 44.0f * rnd());  // -20 .. +24 dB
      l[i] = gain * (2.0f * rnd() - 1.0f);
      r[i] = gain * (2.0f * rnd() - 1.0f);
    }
    size_t pos = 0, block = 1;
    while (pos < l.size()) {  // ragged block sizes: 1, 2, 3 ... 400 frames
      size_t n = std::min(block, l.size() - pos);
      lim.Process(l.data() + pos, r.data() + pos, n);
      pos += n;
      block = block % 400 + 1;
    }
    CHECK(Peak(l) <= DbToGain(ceiling_db));
    CHECK(Peak(r) <= DbToGain(ceiling_db));
  }
}

TEST_CASE("limiter below the ceiling is an exact delay of latency_frames") {
  Limiter lim;
  lim.Init(kRate);
  std::vector<float> l = Sine(1000.0f, 9600, 0.5f), r = Sine(300.0f, 9600, 0.8f);
  std::vector<float> l0 = l, r0 = r;
  Run(lim, l, r, 100);
  const size_t d = lim.latency_frames();
  CHECK(d == 240);
  for (size_t i = 0; i < d; ++i) REQUIRE(l[i] == 0.0f);
  for (size_t i = d; i < l.size(); ++i) {
    REQUIRE(l[i] == l0[i - d]);
    REQUIRE(r[i] == r0[i - d]);
  }
}

TEST_CASE("limiter turns a +12 dB sine into a clean sine at the ceiling") {
  Limiter lim;
  lim.Init(kRate);
  lim.set_ceiling_db(-1.0f);
  std::vector<float> l = Sine(200.0f, 48000, DbToGain(12.0f)), r = l;
  Run(lim, l, r);
  const double ceiling = DbToGain(-1.0f);
  CHECK(Peak(l) <= ceiling);
  double fundamental = ToneAmplitude(l, 200.0, 24000);
  CHECK(fundamental == Approx(ceiling).epsilon(0.05));
  // Gain moves slowly against a steady tone, so harmonics stay far down (no clipping).
  for (double h : {400.0, 600.0, 1000.0}) CHECK(Db(ToneAmplitude(l, h, 24000) / fundamental) < -50.0);
}

TEST_CASE("limiter releases: a quiet passage after a loud one comes back to unity gain") {
  Limiter lim;
  lim.Init(kRate);
  lim.set_release_sec(0.05f);
  std::vector<float> l(48000), r(48000);
  for (size_t i = 0; i < l.size(); ++i) l[i] = r[i] = (i < 4800 ? 4.0f : 0.3f) * ((i / 24) % 2 ? 1.f : -1.f);
  Run(lim, l, r);
  CHECK(lim.gain_reduction_db() == Approx(0.0).margin(0.01));
  CHECK(Peak(std::vector<float>(l.end() - 4800, l.end())) == Approx(0.3f).epsilon(1e-5));
}

TEST_CASE("limiter turns NaN and infinity into silence and allocates nothing") {
  Limiter lim;
  lim.Init(kRate);
  std::vector<float> l = Sine(100.0f, 4800, 2.0f), r = l;
  l[100] = std::nanf("");
  r[200] = INFINITY;
  r[300] = -INFINITY;
  long allocs;
  {
    AllocationScope scope;
    Run(lim, l, r);
    lim.set_ceiling_db(-3.0f);
    lim.set_release_sec(0.2f);
    Run(lim, l, r);
    allocs = scope.count();
  }
  CHECK(allocs == 0);
  CHECK(!HasBadSample(l));
  CHECK(!HasBadSample(r));
  CHECK(Peak(l) <= DbToGain(-1.0f));
}
