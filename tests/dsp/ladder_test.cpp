// Ladder: measured magnitude response of every mode, self-oscillation at the cutoff, bounded
// at extreme settings under a per-sample cutoff sweep, modulated path equal to the fixed one.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dsp/ladder.hpp"
#include "dsp/svf.hpp"
#include "test_util.hpp"

using namespace mr::dsp;
using namespace mr::dsp::test;

namespace {
// Small-signal gain in dB at hz (amplitude 0.05 keeps the input stage linear).
double GainDb(LadderMode mode, float cutoff, float res, float hz) {
  Ladder f;
  f.Init(kRate);
  f.set_mode(mode);
  f.set_cutoff_hz(cutoff);
  f.set_resonance_norm(res);
  std::vector<float> x = Sine(hz, 24000, 0.05f), y(x.size());
  f.Process(x.data(), y.data(), x.size());
  return Db(ToneAmplitude(y, hz, 12000) / 0.05);
}
}  // namespace

TEST_CASE("ladder low-pass 24: flat passband, -12 dB at cutoff, about 24 dB per octave") {
  CHECK(GainDb(LadderMode::kLowPass24, 1000.0f, 0.0f, 100.0f) == Approx(0.0).margin(0.5));
  CHECK(GainDb(LadderMode::kLowPass24, 1000.0f, 0.0f, 1000.0f) == Approx(-12.0).margin(0.5));
  double octave = GainDb(LadderMode::kLowPass24, 1000.0f, 0.0f, 4000.0f) -
                  GainDb(LadderMode::kLowPass24, 1000.0f, 0.0f, 8000.0f);
  CHECK(octave == Approx(24.0).margin(3.0));
  CHECK(GainDb(LadderMode::kLowPass24, 1000.0f, 0.0f, 8000.0f) < -60.0);
}

TEST_CASE("ladder low-pass 12 falls at about 12 dB per octave") {
  double octave = GainDb(LadderMode::kLowPass12, 1000.0f, 0.0f, 4000.0f) -
                  GainDb(LadderMode::kLowPass12, 1000.0f, 0.0f, 8000.0f);
  CHECK(octave == Approx(12.0).margin(2.0));
}

TEST_CASE("ladder high-pass 24 mirrors the low-pass") {
  CHECK(GainDb(LadderMode::kHighPass24, 1000.0f, 0.0f, 12000.0f) == Approx(0.0).margin(1.0));
  CHECK(GainDb(LadderMode::kHighPass24, 1000.0f, 0.0f, 1000.0f) == Approx(-12.0).margin(1.0));
  CHECK(GainDb(LadderMode::kHighPass24, 1000.0f, 0.0f, 125.0f) < -65.0);
}

TEST_CASE("ladder band-pass peaks at the cutoff, notch removes it") {
  CHECK(GainDb(LadderMode::kBandPass, 1000.0f, 0.0f, 1000.0f) == Approx(0.0).margin(1.0));
  // 4 L^2 (1 - L)^2: 12 dB per octave on each side, so about -24 dB three octaves away.
  CHECK(GainDb(LadderMode::kBandPass, 1000.0f, 0.0f, 125.0f) == Approx(-24.0).margin(2.0));
  CHECK(GainDb(LadderMode::kBandPass, 1000.0f, 0.0f, 8000.0f) < -22.0);
  CHECK(GainDb(LadderMode::kNotch, 1000.0f, 0.0f, 1000.0f) < -40.0);
  CHECK(GainDb(LadderMode::kNotch, 1000.0f, 0.0f, 50.0f) == Approx(0.0).margin(1.0));
  CHECK(GainDb(LadderMode::kNotch, 1000.0f, 0.0f, 16000.0f) == Approx(0.0).margin(1.5));
}

TEST_CASE("ladder resonance makes a peak at the cutoff") {
  double flat = GainDb(LadderMode::kLowPass24, 1000.0f, 0.0f, 1000.0f);
  double peaked = GainDb(LadderMode::kLowPass24, 1000.0f, 0.8f, 1000.0f);
  CHECK(peaked - flat > 15.0);
  // Bass: DC gain (1 + k / 2) / (1 + k) with k = 3.44, about -4.3 dB (half the loss made up).
  CHECK(GainDb(LadderMode::kLowPass24, 1000.0f, 0.8f, 100.0f) == Approx(-4.3).margin(0.5));
}

TEST_CASE("ladder at full resonance self-oscillates at the cutoff, bounded") {
  for (float fc : {110.0f, 1000.0f, 5000.0f}) {
    Ladder f;
    f.Init(kRate);
    f.set_cutoff_hz(fc);
    f.set_resonance_norm(1.0f);
    std::vector<float> x(96000, 0.0f), y(x.size());
    x[0] = 0.01f;  // a tiny kick, then silence
    f.Process(x.data(), y.data(), x.size());
    int crossings = 0;
    for (size_t i = 48001; i < y.size(); ++i)
      if (y[i - 1] < 0.0f && y[i] >= 0.0f) ++crossings;
    CHECK(crossings == Approx(fc).epsilon(0.01));
    float peak = Peak(y, 48000);
    CHECK(peak > 0.4f);
    CHECK(peak < 1.5f);
  }
}

TEST_CASE("ladder stays finite and bounded at extreme settings under a per-sample sweep") {
  for (LadderMode mode : {LadderMode::kLowPass24, LadderMode::kLowPass12, LadderMode::kHighPass24,
                          LadderMode::kBandPass, LadderMode::kNotch}) {
    Ladder f;
    f.Init(kRate);
    f.set_mode(mode);
    f.set_resonance_norm(1.0f);
    f.set_drive(20.0f);
    uint32_t seed = 7;
    std::vector<float> x(96000), cut(x.size()), y(x.size());
    for (size_t i = 0; i < x.size(); ++i) {
      seed = seed * 1664525u + 1013904223u;
      x[i] = 4.0f * (float(int32_t(seed)) / 2147483648.0f);  // +12 dB noise
      cut[i] = 20.0f * std::exp2(10.2f * float((i * 37) % 4800) / 4800.0f);  // 20 Hz .. 23.5 kHz saw sweep
    }
    f.ProcessModulated(x.data(), cut.data(), y.data(), x.size());
    CHECK(!HasBadSample(y));
    CHECK(Peak(y) < 40.0f);  // u is clipped to +-2, so |y| <= 16 by the mixing weights
  }
}

TEST_CASE("ladder modulated path with a constant cutoff matches the fixed path") {
  Ladder a, b;
  for (Ladder* f : {&a, &b}) {
    f->Init(kRate);
    f->set_cutoff_hz(2000.0f);
    f->set_resonance_norm(0.6f);
  }
  std::vector<float> x = Sine(300.0f, 4800, 0.5f), ya(x.size()), yb(x.size()), cut(x.size(), 2000.0f);
  a.Process(x.data(), ya.data(), x.size());
  b.ProcessModulated(x.data(), cut.data(), yb.data(), x.size());
  std::vector<float> diff(x.size());
  for (size_t i = 0; i < x.size(); ++i) diff[i] = ya[i] - yb[i];
  CHECK(Db(Rms(diff) / Rms(ya)) < -80.0);
}

TEST_CASE("ladder and svf filter envelope sweep the cutoff") {
  // An envelope going 0 -> 1 over 4 octaves above 200 Hz: the brightness of a saw-like input
  // (energy above 2 kHz) must rise by a lot from the start to the end of the sweep.
  std::vector<float> x(48000), cut(x.size()), y(x.size()), z(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = 0.2f * (2.0f * float((i * 110) % 48000) / 48000.0f - 1.0f);
    cut[i] = FilterEnvelopeHz(200.0f, float(i) / float(x.size()), 4.0f);
  }
  CHECK(cut.back() == Approx(3200.0f).epsilon(0.01));
  Ladder f;
  f.Init(kRate);
  f.ProcessModulated(x.data(), cut.data(), y.data(), x.size());
  Svf s;
  s.Init(kRate);
  s.ProcessModulated(x.data(), cut.data(), z.data(), x.size());
  for (const std::vector<float>* out : {&y, &z}) {
    double early = ToneAmplitude(out->data() + 2400, 4800, 2200.0);
    double late = ToneAmplitude(out->data() + 43200, 4800, 2200.0);
    CHECK(Db(late / early) > 20.0);
  }
}

TEST_CASE("ladder rings down to exact zero without flush-to-zero") {
  Ladder f;
  f.Init(kRate);
  f.set_resonance_norm(0.7f);
  std::vector<float> x(48000 * 4, 0.0f), y(x.size());
  x[0] = 1.0f;
  f.Process(x.data(), y.data(), x.size());
  CHECK(!HasBadSample(y));
  CHECK(y.back() == 0.0f);
}
