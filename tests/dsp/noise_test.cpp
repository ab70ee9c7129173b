// Noise colours by their measured spectral slope (octave bands 100 Hz .. 12.8 kHz), level, DC
// and determinism.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dsp/noise.hpp"
#include "test_util.hpp"

using namespace mr::dsp;
using namespace mr::dsp::test;

namespace {
std::vector<float> Render(NoiseColour c, size_t n, uint32_t seed = 42) {
  Noise noise;
  noise.Init(kRate, seed);
  noise.set_colour(c);
  std::vector<float> x(n);
  noise.Process(x.data(), n);
  return x;
}
// Least-squares slope in dB per octave of the octave-band power density 100 Hz .. 12.8 kHz.
double SlopeDbPerOctave(const std::vector<float>& x) {
  const size_t size = 8192;
  std::vector<double> psd = PowerSpectrum(x, size);
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int n = 0;
  for (double lo = 100.0; lo < 12800.0; lo *= 2.0, ++n) {
    double oct = std::log2(lo / 100.0), db = 10.0 * std::log10(BandPower(psd, size, lo, 2.0 * lo));
    sx += oct;
    sy += db;
    sxx += oct * oct;
    sxy += oct * db;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}
double Mean(const std::vector<float>& x) {
  double s = 0;
  for (float v : x) s += v;
  return s / double(x.size());
}
}  // namespace

TEST_CASE("white noise is flat, pink falls 3 dB and brown 6 dB per octave") {
  const size_t n = 48000 * 10;
  CHECK(SlopeDbPerOctave(Render(NoiseColour::kWhite, n)) == Approx(0.0).margin(0.3));
  CHECK(SlopeDbPerOctave(Render(NoiseColour::kPink, n)) == Approx(-3.0).margin(0.5));
  CHECK(SlopeDbPerOctave(Render(NoiseColour::kBrown, n)) == Approx(-6.0).margin(0.7));
}

TEST_CASE("every noise colour is at a usable level, bounded, without DC") {
  for (NoiseColour c : {NoiseColour::kWhite, NoiseColour::kPink, NoiseColour::kBrown}) {
    std::vector<float> x = Render(c, 48000 * 10);
    CHECK(Rms(x) > 0.1);
    CHECK(Rms(x) < 0.6);
    CHECK(Peak(x) <= 1.6f);  // white is within +-1; pink and brown are near-Gaussian, 10 s peaks ~4.5 sigma
    CHECK(std::fabs(Mean(x)) < 0.05);
    CHECK(!HasBadSample(x));
  }
}

TEST_CASE("noise is deterministic per seed and differs between seeds") {
  CHECK(Render(NoiseColour::kPink, 1000, 7) == Render(NoiseColour::kPink, 1000, 7));
  CHECK(Render(NoiseColour::kPink, 1000, 7) != Render(NoiseColour::kPink, 1000, 8));
}
