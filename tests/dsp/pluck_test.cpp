// Pluck: exact pitch (fractional period), decay time as set, brightness changes the spectrum,
// deterministic, no allocation per note, exact zeros when it has died.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dsp/pluck.hpp"
#include "test_util.hpp"

using namespace mr::dsp;
using namespace mr::dsp::test;

namespace {
std::vector<float> Note(float hz, float decay, float bright, size_t n) {
  Pluck p;
  p.Init(kRate);
  p.set_decay_sec(decay);
  p.set_brightness_norm(bright);
  p.Strike(hz);
  std::vector<float> y(n);
  for (size_t i = 0; i < n; i += 128) p.Process(y.data() + i, std::min<size_t>(128, n - i));
  return y;
}
// Frequency of the strongest DFT bin near hz (0.1 Hz steps over +-3%).
double PeakNear(const std::vector<float>& y, double hz) {
  double best = 0, best_hz = 0;
  for (double f = hz * 0.97; f < hz * 1.03; f += 0.1) {
    double a = ToneAmplitude(y.data(), 48000, f);
    if (a > best) {
      best = a;
      best_hz = f;
    }
  }
  return best_hz;
}
}  // namespace

TEST_CASE("pluck pitch is exact, including periods that are not whole samples") {
  for (float hz : {82.41f, 110.0f, 261.63f, 440.0f, 1318.5f}) {
    std::vector<float> y = Note(hz, 4.0f, 0.5f, 48000);
    CHECK(PeakNear(y, hz) == Approx(hz).epsilon(0.002));  // 3.5 cents
  }
}

TEST_CASE("pluck fundamental decays 60 dB in the decay time") {
  for (float decay : {0.5f, 2.0f}) {
    std::vector<float> y = Note(220.0f, decay, 0.5f, size_t(48000 * decay));
    // Fundamental amplitude early and one third of the decay later: -20 dB.
    size_t third = size_t(48000 * decay / 3.0f);
    double a0 = ToneAmplitude(y.data() + 2400, 4800, 220.0);
    double a1 = ToneAmplitude(y.data() + 2400 + third, 4800, 220.0);
    CHECK(Db(a1 / a0) == Approx(-20.0).margin(3.0));
  }
}

TEST_CASE("pluck brightness sets how much high harmonic content there is") {
  auto hf = [](float bright) {
    std::vector<float> y = Note(110.0f, 2.0f, bright, 24000);
    std::vector<float> d(y.size());
    for (size_t i = 1; i < y.size(); ++i) d[i] = y[i] - y[i - 1];
    return Db(Rms(d, 4800) / Rms(y, 4800));
  };
  CHECK(hf(1.0f) - hf(0.0f) > 10.0);
}

TEST_CASE("pluck is bounded, deterministic, ends in zeros, and allocates nothing") {
  std::vector<float> a = Note(55.0f, 0.3f, 1.0f, 48000 * 8), b = Note(55.0f, 0.3f, 1.0f, 48000 * 8);
  CHECK(a == b);
  CHECK(Peak(a) <= 1.0f);
  CHECK(!HasBadSample(a));
  CHECK(a.back() == 0.0f);
  Pluck p;
  p.Init(kRate);
  std::vector<float> y(128);
  long allocs;
  {
    AllocationScope scope;
    for (int k = 0; k < 50; ++k) {
      p.Strike(40.0f + 30.0f * float(k));
      p.set_decay_sec(1.0f);
      p.Process(y.data(), y.size());
      p.Damp(0.05f);
      p.Process(y.data(), y.size());
    }
    allocs = scope.count();
  }
  CHECK(allocs == 0);
}
