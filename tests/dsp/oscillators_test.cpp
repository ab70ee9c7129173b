// Sources by their spectra: PolyBLEP saw aliases far less than a naive saw, pulse width sets
// the missing harmonics, triangle has odd 1/n^2 harmonics, FM sidebands follow Bessel
// functions, supersaw spreads around its pitch. Plus DC blocker, pan, smoother, and a check that
// no unit allocates after Init.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dsp/dc_blocker.hpp"
#include "dsp/distortion.hpp"
#include "dsp/envelope.hpp"
#include "dsp/fm2.hpp"
#include "dsp/ladder.hpp"
#include "dsp/noise.hpp"
#include "dsp/oscillator.hpp"
#include "dsp/pan.hpp"
#include "dsp/smoother.hpp"
#include "dsp/supersaw.hpp"
#include "dsp/svf.hpp"
#include "dsp/vowel.hpp"
#include "test_util.hpp"

using namespace mr::dsp;
using namespace mr::dsp::test;

namespace {
std::vector<float> Osc(Waveform w, float hz, size_t n, float width = 0.5f) {
  Oscillator o;
  o.Init(kRate);
  o.set_waveform(w);
  o.set_frequency_hz(hz);
  o.set_pulse_width_norm(width);
  std::vector<float> x(n);
  o.Process(x.data(), n);
  return x;
}
// Power away from the harmonics of f0 (aliases) over power at them, in dB, from 20 Hz to 20 kHz.
double AliasDb(const std::vector<float>& x, double f0) {
  const size_t size = 16384;
  std::vector<double> psd = PowerSpectrum(x, size);
  double harm = 0, rest = 0;
  const double bin_hz = kRate / size;
  for (size_t k = size_t(20.0 / bin_hz); k < size_t(20000.0 / bin_hz); ++k) {
    double f = double(k) * bin_hz;
    double nearest = std::round(f / f0) * f0;
    (std::fabs(f - nearest) <= 4.0 * bin_hz ? harm : rest) += psd[k];
  }
  return 10.0 * std::log10(rest / harm);
}
}  // namespace

TEST_CASE("polyblep saw aliases at least 15 dB less than a naive saw, high up") {
  const float f0 = 2957.0f;
  std::vector<float> blep = Osc(Waveform::kSaw, f0, 65536), naive(65536);
  double phase = 0;
  for (float& v : naive) {
    v = float(2.0 * phase - 1.0);
    phase += f0 / kRate;
    phase -= std::floor(phase);
  }
  double a_blep = AliasDb(blep, f0), a_naive = AliasDb(naive, f0);
  CHECK(a_naive - a_blep > 15.0);
  CHECK(a_blep < -30.0);
}

TEST_CASE("pulse width sets the DC and the missing harmonics; square has odd harmonics") {
  std::vector<float> p = Osc(Waveform::kPulse, 250.0f, 48000, 0.25f);
  double mean = 0;
  for (float v : p) mean += v;
  CHECK(mean / p.size() == Approx(-0.5).margin(0.01));  // 2 w - 1
  double h1 = ToneAmplitude(p, 250.0);
  CHECK(Db(ToneAmplitude(p, 1000.0) / h1) < -40.0);  // every 4th harmonic vanishes at w = 1/4
  CHECK(Db(ToneAmplitude(p, 500.0) / h1) == Approx(Db(std::sin(M_PI * 0.5) / 2.0 / std::sin(M_PI * 0.25))).margin(0.5));
  std::vector<float> sq = Osc(Waveform::kPulse, 250.0f, 48000, 0.5f);
  double s1 = ToneAmplitude(sq, 250.0);
  CHECK(Db(ToneAmplitude(sq, 500.0) / s1) < -40.0);
  CHECK(Db(ToneAmplitude(sq, 750.0) / s1) == Approx(Db(1.0 / 3.0)).margin(0.3));
}

TEST_CASE("triangle has odd harmonics falling as 1 / n^2") {
  std::vector<float> t = Osc(Waveform::kTriangle, 200.0f, 48000);
  double h1 = ToneAmplitude(t, 200.0);
  CHECK(h1 == Approx(8.0 / (M_PI * M_PI)).epsilon(0.02));
  CHECK(Db(ToneAmplitude(t, 600.0) / h1) == Approx(Db(1.0 / 9.0)).margin(0.3));
  CHECK(Db(ToneAmplitude(t, 1000.0) / h1) == Approx(Db(1.0 / 25.0)).margin(0.5));
  CHECK(Db(ToneAmplitude(t, 400.0) / h1) < -40.0);
}

TEST_CASE("fm2 sidebands have Bessel amplitudes") {
  Fm2 fm;
  fm.Init(kRate);
  fm.set_frequency_hz(2000.0f);
  fm.set_ratio(0.25f);
  fm.set_index(1.0f);
  std::vector<float> x(48000);
  fm.Process(x.data(), x.size());
  // J0(1) = 0.7652, J1(1) = 0.4401, J2(1) = 0.1149, J3(1) = 0.0196
  CHECK(ToneAmplitude(x, 2000.0) == Approx(0.7652).margin(0.01));
  CHECK(ToneAmplitude(x, 2500.0) == Approx(0.4401).margin(0.01));
  CHECK(ToneAmplitude(x, 1500.0) == Approx(0.4401).margin(0.01));
  CHECK(ToneAmplitude(x, 3000.0) == Approx(0.1149).margin(0.01));
  CHECK(ToneAmplitude(x, 3500.0) == Approx(0.0196).margin(0.005));
}

TEST_CASE("supersaw spreads its seven saws around the pitch, bounded") {
  Supersaw s;
  s.Init(kRate);
  s.set_frequency_hz(220.0f);
  s.set_detune_norm(1.0f);
  s.set_mix_norm(1.0f);
  std::vector<float> x(96000);
  s.Process(x.data(), x.size());
  CHECK(Peak(x) < 2.0f);
  CHECK(Rms(x) > 0.2);
  // The outer saws sit about a semitone away: energy there, not only at 220 Hz.
  double centre = ToneAmplitude(x, 220.0);
  CHECK(Db(ToneAmplitude(x, 220.0 * std::exp2(-1.0 / 12.0)) / centre) > -12.0);
  CHECK(Db(ToneAmplitude(x, 220.0 * std::exp2(0.97 / 12.0)) / centre) > -12.0);
}

TEST_CASE("dc blocker removes an offset and passes bass") {
  DcBlocker dc;
  dc.Init(kRate);
  std::vector<float> x = Sine(100.0f, 48000, 0.5f), y(x.size());
  for (float& v : x) v += 0.5f;
  dc.Process(x.data(), y.data(), x.size());
  double mean = 0;
  for (size_t i = 24000; i < y.size(); ++i) mean += y[i];
  CHECK(std::fabs(mean / 24000) < 1e-3);
  CHECK(Db(ToneAmplitude(y, 100.0, 24000) / 0.5) == Approx(0.0).margin(0.1));
}

TEST_CASE("equal-power pan keeps L^2 + R^2 = 1, centre at -3 dB") {
  for (float p = -1.0f; p <= 1.0f; p += 0.125f) {
    PanGains g = EqualPowerPan(p);
    CHECK(g.left * g.left + g.right * g.right == Approx(1.0f).epsilon(1e-5));
  }
  CHECK(EqualPowerPan(0.0f).left == Approx(std::sqrt(0.5f)));
  CHECK(EqualPowerPan(-1.0f).right == Approx(0.0f).margin(1e-6));
  CHECK(EqualPowerPan(1.0f).left == Approx(0.0f).margin(1e-6));
}

TEST_CASE("smoother reaches 63% in its time constant") {
  Smoother s;
  s.Init(kRate);
  s.set_time_sec(0.01f);
  s.set_target(1.0f);
  std::vector<float> x(2400);
  s.Process(x.data(), x.size());
  CHECK(x[479] == Approx(1.0 - std::exp(-1.0)).margin(0.005));
  CHECK(x[2399] == Approx(1.0 - std::exp(-5.0)).margin(0.005));
}

TEST_CASE("no unit allocates after Init, whatever is set between blocks") {
  Oscillator osc;
  Svf svf;
  Ladder ladder;
  Adsr adsr;
  LinearAr ar;
  Noise noise;
  Supersaw saw;
  Fm2 fm;
  DcBlocker dc;
  Shape shape;
  Crush crush;
  Coarse coarse;
  Smoother smooth;
  Vowel vowel;
  osc.Init(kRate);
  svf.Init(kRate);
  ladder.Init(kRate);
  adsr.Init(kRate);
  ar.Init(kRate);
  noise.Init(kRate);
  saw.Init(kRate);
  fm.Init(kRate);
  dc.Init(kRate);
  shape.Init(kRate);
  crush.Init(kRate);
  coarse.Init(kRate);
  smooth.Init(kRate);
  vowel.Init(kRate);
  std::vector<float> a(128), b(128), cut(128, 500.0f);
  long allocs;
  {
    AllocationScope scope;
    for (int blk = 0; blk < 64; ++blk) {
      const float f = 50.0f * float(blk + 1);
      osc.set_waveform(Waveform(blk % 4));
      osc.set_frequency_hz(f);
      osc.Process(a.data(), 128);
      svf.set_cutoff_hz(f * 4.0f);
      svf.Process(a.data(), b.data(), 128);
      ladder.set_cutoff_hz(f * 2.0f);
      ladder.Process(b.data(), b.data(), 128);
      ladder.ProcessModulated(b.data(), cut.data(), b.data(), 128);
      if (blk % 8 == 0) adsr.NoteOn();
      if (blk % 8 == 4) adsr.NoteOff();
      adsr.Process(a.data(), 128);
      ar.NoteOn();
      ar.Process(a.data(), 128);
      noise.set_colour(NoiseColour(blk % 3));
      noise.Process(a.data(), 128);
      saw.set_frequency_hz(f);
      saw.Process(a.data(), 128);
      fm.set_index(float(blk % 5));
      fm.Process(a.data(), 128);
      dc.Process(a.data(), b.data(), 128);
      shape.set_amount_norm(0.5f);
      shape.Process(a.data(), b.data(), 128);
      crush.set_bits(float(blk % 16 + 1));
      crush.Process(a.data(), b.data(), 128);
      coarse.set_factor(blk % 8 + 1);
      coarse.Process(a.data(), b.data(), 128);
      smooth.set_target(float(blk % 2));
      smooth.Process(a.data(), 128);
      vowel.set_vowel("aeiou"[blk % 5]);
      vowel.Process(a.data(), b.data(), 128);
    }
    allocs = scope.count();
  }
  CHECK(allocs == 0);
  CHECK(!HasBadSample(b));
}
