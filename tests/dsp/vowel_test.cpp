// Vowel: each vowel's measured response peaks at its first two formants, the vowels differ,
// changes glide without clicks, bypass is exact.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dsp/vowel.hpp"
#include "test_util.hpp"

using namespace mr::dsp;
using namespace mr::dsp::test;

namespace {
double GainDb(char vowel, float hz) {
  Vowel v;
  v.Init(kRate);
  v.set_vowel(vowel);
  std::vector<float> x = Sine(hz, 19200, 0.1f), y(x.size());
  v.Process(x.data(), y.data(), x.size());
  return Db(ToneAmplitude(y, hz, 9600) / 0.1);
}
}  // namespace

TEST_CASE("each vowel peaks at its first two formants") {
  const char* names = "aeiou";
  for (int i = 0; i < 5; ++i) {
    INFO("vowel " << names[i]);
    const float f1 = Vowel::kTable[i][0].hz, f2 = Vowel::kTable[i][1].hz;
    const float between = std::sqrt(f1 * f2);
    CHECK(GainDb(names[i], f1) - GainDb(names[i], between) > 6.0);
    // /u/'s second formant (600 Hz, -20 dB) sits under the skirt of its first: not a peak.
    if (names[i] != 'u') CHECK(GainDb(names[i], f2) - GainDb(names[i], between) > 3.0);
    // First formant: the loudest point between 200 Hz and 1 kHz is at f1 (within 10%).
    float best_hz = 0;
    double best = -1e9;
    for (float hz = 200.0f; hz < 1000.0f; hz *= 1.02f) {
      double g = GainDb(names[i], hz);
      if (g > best) {
        best = g;
        best_hz = hz;
      }
    }
    CHECK(best_hz == Approx(f1).epsilon(0.1));
    CHECK(best == Approx(Vowel::kTable[i][0].db + Vowel::kMakeupDb).margin(2.0));
  }
}

TEST_CASE("vowel a and i are told apart by their formants") {
  // /a/ is open (high F1, low F2), /i/ closed (low F1, high F2).
  CHECK(GainDb('a', 650.0f) - GainDb('i', 650.0f) > 10.0);
  CHECK(GainDb('i', 1870.0f) - GainDb('a', 1870.0f) > 10.0);
}

TEST_CASE("vowel changes glide without clicks; other letters bypass exactly") {
  Vowel v;
  v.Init(kRate);
  std::vector<float> x(48000), y(48000);
  for (size_t i = 0; i < x.size(); ++i) x[i] = 0.3f * (2.0f * float((i * 150) % 48000) / 48000.0f - 1.0f);
  const char seq[] = "aeiouaeiou";
  long allocs;
  {
    AllocationScope scope;
    for (int b = 0; b < 10; ++b) {
      v.set_vowel(seq[b]);
      v.Process(x.data() + b * 4800, y.data() + b * 4800, 4800);
    }
    allocs = scope.count();
  }
  CHECK(allocs == 0);
  CHECK(!HasBadSample(y));
  // A click would be a sample-to-sample step far above the signal's own; the formant output of
  // a 150 Hz saw moves by at most a few hundredths per sample.
  float max_step = 0.0f;
  for (size_t i = 1; i < y.size(); ++i) max_step = std::fmax(max_step, std::fabs(y[i] - y[i - 1]));
  CHECK(max_step < 0.3f);
  CHECK(Rms(y, 4800) > 0.05);
  v.set_vowel('x');
  std::vector<float> z(x.size());
  v.Process(x.data(), z.data(), x.size());
  CHECK(z == x);
}
