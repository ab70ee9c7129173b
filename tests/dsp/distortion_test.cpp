// Degradation: crush (bits) quantises to 2^(bits-1) steps per unit with the matching noise
// floor; coarse (N) holds every Nth sample, which images a tone around multiples of rate / N;
// shape saturates without changing small signals much.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <vector>

#include "dsp/distortion.hpp"
#include "test_util.hpp"

using namespace mr::dsp;
using namespace mr::dsp::test;

TEST_CASE("crush quantises to 2^(bits-1) levels per unit") {
  for (float bits : {1.0f, 2.0f, 4.0f, 8.0f}) {
    Crush c;
    c.Init(kRate);
    c.set_bits(bits);
    std::vector<float> x = Sine(97.0f, 48000, 1.0f), y(x.size());
    c.Process(x.data(), y.data(), x.size());
    std::set<float> levels(y.begin(), y.end());
    // round(x * L) / L over [-1, 1] takes 2L + 1 values, L = 2^(bits - 1).
    CHECK(levels.size() == size_t(2 * std::exp2(bits - 1.0f) + 1));
    const float step = 1.0f / std::exp2(bits - 1.0f);
    for (size_t i = 0; i < x.size(); ++i) REQUIRE(std::fabs(y[i] - x[i]) <= 0.5f * step + 1e-6f);
  }
}

TEST_CASE("crush noise floor follows the bit depth, 16 bits is transparent") {
  auto snr = [](float bits) {
    Crush c;
    c.Init(kRate);
    c.set_bits(bits);
    std::vector<float> x = Sine(441.3f, 48000, 0.9f), y(x.size()), err(x.size());
    c.Process(x.data(), y.data(), x.size());
    for (size_t i = 0; i < x.size(); ++i) err[i] = y[i] - x[i];
    return Db(Rms(x) / Rms(err));
  };
  // 2^bits steps over [-1, 1]: SNR = 6.02 b + 1.76 dB for a full-scale sine, 0.92 dB less at 0.9.
  CHECK(snr(6.0f) == Approx(6.02 * 6 + 1.76 - 0.92).margin(1.0));
  CHECK(snr(10.0f) == Approx(6.02 * 10 + 1.76 - 0.92).margin(1.0));
  CHECK(snr(16.0f) > 85.0);
}

TEST_CASE("coarse holds each value for N samples and images a tone around rate / N") {
  Coarse c;
  c.Init(kRate);
  c.set_factor(8);
  std::vector<float> x = Sine(1000.0f, 48000, 0.5f), y(x.size());
  c.Process(x.data(), y.data(), x.size());
  for (size_t i = 0; i < y.size(); ++i) REQUIRE(y[i] == x[i - i % 8]);
  // Sample-and-hold at 6 kHz: images at 6k - 1k = 5 kHz and 6k + 1k = 7 kHz, strong.
  double fundamental = ToneAmplitude(y, 1000.0);
  CHECK(Db(ToneAmplitude(y, 5000.0) / fundamental) > -20.0);
  CHECK(Db(ToneAmplitude(y, 7000.0) / fundamental) > -20.0);
  // Coarse 1 is the identity.
  c.set_factor(1);
  c.Process(x.data(), y.data(), x.size());
  CHECK(y == x);
}

TEST_CASE("shape leaves quiet signals nearly alone and bounds loud ones") {
  Shape s;
  s.Init(kRate);
  s.set_amount_norm(0.9f);
  std::vector<float> loud = Sine(200.0f, 4800, 1.0f), y(loud.size());
  s.Process(loud.data(), y.data(), loud.size());
  CHECK(Peak(y) <= 1.0001f);
  // Strong third harmonic when driven.
  CHECK(Db(ToneAmplitude(y, 600.0) / ToneAmplitude(y, 200.0)) > -20.0);
  s.set_amount_norm(0.0f);
  s.Process(loud.data(), y.data(), loud.size());
  CHECK(y == loud);
}
