// Svf: every mode's measured response at the cutoff and an octave away, resonance peak,
// ring-down to exact zeros processed block-wise without flush-to-zero.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dsp/svf.hpp"
#include "test_util.hpp"

using namespace mr::dsp;
using namespace mr::dsp::test;

namespace {
double GainDb(FilterMode mode, float cutoff, float q, float hz) {
  Svf f;
  f.Init(kRate);
  f.set_mode(mode);
  f.set_cutoff_hz(cutoff);
  f.set_q(q);
  std::vector<float> x = Sine(hz, 24000, 0.5f), y(x.size());
  f.Process(x.data(), y.data(), x.size());
  return Db(ToneAmplitude(y, hz, 12000) / 0.5);
}
}  // namespace

TEST_CASE("svf modes: 12 dB per octave skirts, -3 dB (Butterworth) at the cutoff, notch") {
  const float q = 0.7071f;
  CHECK(GainDb(FilterMode::kLowPass, 1000.0f, q, 1000.0f) == Approx(-3.0).margin(0.2));
  CHECK(GainDb(FilterMode::kLowPass, 1000.0f, q, 100.0f) == Approx(0.0).margin(0.2));
  CHECK(GainDb(FilterMode::kLowPass, 1000.0f, q, 4000.0f) - GainDb(FilterMode::kLowPass, 1000.0f, q, 8000.0f) ==
        Approx(12.0).margin(1.5));
  CHECK(GainDb(FilterMode::kHighPass, 1000.0f, q, 1000.0f) == Approx(-3.0).margin(0.2));
  CHECK(GainDb(FilterMode::kHighPass, 1000.0f, q, 125.0f) < -33.0);
  CHECK(GainDb(FilterMode::kBandPass, 1000.0f, 4.0f, 1000.0f) == Approx(Db(4.0)).margin(0.3));  // peak = Q
  CHECK(GainDb(FilterMode::kNotch, 1000.0f, q, 1000.0f) < -40.0);
  CHECK(GainDb(FilterMode::kLowPass, 1000.0f, 8.0f, 1000.0f) == Approx(Db(8.0)).margin(0.3));  // resonance
}

TEST_CASE("svf rings down to exact zeros, block by block, without flush-to-zero") {
  for (float cutoff : {50.0f, 1000.0f, 20000.0f}) for (float q : {0.5f, 10.0f}) {
    Svf f;
    f.Init(kRate);
    f.set_cutoff_hz(cutoff);
    f.set_q(q);
    std::vector<float> x(48000 * 3, 0.0f), y(x.size());
    x[0] = 1.0f;
    for (size_t i = 0; i < x.size(); i += 128) f.Process(x.data() + i, y.data() + i, 128);
    INFO("cutoff " << cutoff << " q " << q);
    CHECK(!HasBadSample(y));
    CHECK(y.back() == 0.0f);
  }
}
