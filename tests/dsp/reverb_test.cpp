// Reverb: decay time follows size (RT60 by Schroeder integration), a dense tail, decorrelated
// stereo, stable and bounded at the longest size, no NaN or denormals, no allocation.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dsp/reverb.hpp"
#include "test_util.hpp"

using namespace mr::dsp;
using namespace mr::dsp::test;

namespace {

struct Stereo {
  std::vector<float> l, r;
};

// Wet impulse response of n frames.
Stereo Impulse(float size, float damp, size_t n, float rate = kRate) {
  Reverb rv;
  rv.Init(rate);
  rv.set_size_norm(size);
  rv.set_damp_norm(damp);
  rv.set_mix_norm(1.0f);
  Stereo s{std::vector<float>(n, 0.0f), std::vector<float>(n, 0.0f)};
  s.l[0] = s.r[0] = 1.0f;
  for (size_t i = 0; i < n; i += 128) rv.Process(s.l.data() + i, s.r.data() + i, std::min<size_t>(128, n - i));
  return s;
}

// RT60 from the Schroeder backward-integrated energy decay, fitted between -5 and -25 dB.
double Rt60(const Stereo& s, double rate = kRate) {
  const size_t n = s.l.size();
  std::vector<double> edc(n);
  double acc = 0;
  for (size_t i = n; i-- > 0;) {
    acc += double(s.l[i]) * s.l[i] + double(s.r[i]) * s.r[i];
    edc[i] = acc;
  }
  size_t t5 = 0, t25 = 0;
  for (size_t i = 0; i < n; ++i) {
    double db = 10.0 * std::log10(edc[i] / edc[0]);
    if (t5 == 0 && db <= -5.0) t5 = i;
    if (db <= -25.0) {
      t25 = i;
      break;
    }
  }
  REQUIRE(t25 > t5);
  return 3.0 * double(t25 - t5) / rate;
}

// The impulse response below 300 Hz (two one-pole low-passes).
Stereo Bass(Stereo s, float rate = kRate) {
  const float c = 1.0f - std::exp(-2.0f * float(M_PI) * 300.0f / rate);
  for (std::vector<float>* ch : {&s.l, &s.r}) {
    float a = 0.0f, b = 0.0f;
    for (float& v : *ch) {
      a += (v - a) * c;
      b += (a - b) * c;
      v = b;
    }
  }
  return s;
}

}  // namespace

// Broadband RT60 reads ~15% short of the set value: the modulated taps' linear interpolation
// damps the highest frequencies a little on every pass. Bass decays at the set time.
TEST_CASE("reverb decay time follows size: 0.3 s, 3 s and 30 s") {
  // Below 300 Hz, within 10%.
  CHECK(Rt60(Bass(Impulse(0.5f, 0.0f, 4 * 48000))) == Approx(3.0).epsilon(0.1));
  CHECK(Rt60(Bass(Impulse(1.0f, 0.0f, 16 * 48000))) == Approx(30.0).epsilon(0.1));
  // Broadband, within 25%.
  CHECK(Rt60(Impulse(0.0f, 0.0f, 48000)) == Approx(0.3).epsilon(0.25));
  CHECK(Rt60(Impulse(0.5f, 0.0f, 4 * 48000)) == Approx(3.0).epsilon(0.25));
  // The -25 dB point of a 30 s tail is 12.5 s away: render 16 s.
  CHECK(Rt60(Impulse(1.0f, 0.0f, 16 * 48000)) == Approx(30.0).epsilon(0.25));
}

TEST_CASE("reverb tail is dense and smooth, not a train of echoes") {
  Stereo s = Impulse(0.7f, 0.3f, 48000);
  // Kurtosis of the tail from 150 to 600 ms: a diffuse (Gaussian-like) tail is near 3, sparse
  // echoes give large values. The decay is removed by normalising each 10 ms window.
  double k_sum = 0;
  int windows = 0;
  for (size_t w = 7200; w + 480 <= 28800; w += 480) {
    double m2 = 0, m4 = 0;
    for (size_t i = w; i < w + 480; ++i) {
      double x = s.l[i];
      m2 += x * x;
      m4 += x * x * x * x;
    }
    m2 /= 480;
    m4 /= 480;
    k_sum += m4 / (m2 * m2);
    ++windows;
  }
  double kurtosis = k_sum / windows;
  CHECK(kurtosis < 4.5);
  // Energy keeps arriving: after the first reflections (the shortest line is ~32 ms at this
  // size) no 10 ms window up to 300 ms is near silent.
  double first = Rms(s.l, 1920, 2400);
  CHECK(first > 0.0);
  for (size_t w = 1920; w + 480 <= 14400; w += 480) CHECK(Db(Rms(s.l, w, w + 480) / first) > -20.0);
}

TEST_CASE("reverb left and right are decorrelated for a mono input") {
  Stereo s = Impulse(0.6f, 0.4f, 48000);
  double lr = 0, ll = 0, rr = 0;
  for (size_t i = 2400; i < s.l.size(); ++i) {
    lr += double(s.l[i]) * s.r[i];
    ll += double(s.l[i]) * s.l[i];
    rr += double(s.r[i]) * s.r[i];
  }
  CHECK(std::fabs(lr / std::sqrt(ll * rr)) < 0.3);
  CHECK(Db(std::sqrt(ll / rr)) == Approx(0.0).margin(2.0));
}

TEST_CASE("reverb damping darkens the tail") {
  auto hf_to_lf = [](float damp) {
    Stereo s = Impulse(0.6f, damp, 48000);
    std::vector<float> tail(s.l.begin() + 24000, s.l.end());
    // Energy above ~6 kHz versus total, by first difference (a +6 dB/octave tilt) over RMS.
    std::vector<float> diff(tail.size());
    for (size_t i = 1; i < tail.size(); ++i) diff[i] = tail[i] - tail[i - 1];
    return Db(Rms(diff) / Rms(tail));
  };
  CHECK(hf_to_lf(0.0f) - hf_to_lf(0.9f) > 10.0);
}

TEST_CASE("reverb level is roughly independent of size, and bounded at the longest size") {
  auto steady = [](float size, std::vector<float>* keep) {
    Reverb rv;
    rv.Init(kRate);
    rv.set_size_norm(size);
    rv.set_damp_norm(0.0f);
    rv.set_mix_norm(1.0f);
    uint32_t seed = 12345;
    std::vector<float> l(128), r(128), all;
    for (int b = 0; b < 48000 * 20 / 128; ++b) {  // 20 s of full-scale white noise
      for (int i = 0; i < 128; ++i) {
        seed = seed * 1664525u + 1013904223u;
        l[i] = r[i] = float(int32_t(seed)) / 2147483648.0f;
      }
      rv.Process(l.data(), r.data(), 128);
      all.insert(all.end(), l.begin(), l.end());
    }
    if (keep) *keep = all;
    return Rms(all, all.size() - 48000 * 2);
  };
  std::vector<float> longest;
  double small = steady(0.0f, nullptr), large = steady(1.0f, &longest);
  CHECK(Db(large / small) == Approx(0.0).margin(8.0));
  CHECK(!HasBadSample(longest));
  CHECK(Peak(longest) < 4.0f);
}

TEST_CASE("reverb mix 0 is the dry signal, bit for bit") {
  Reverb rv;
  rv.Init(kRate);
  rv.set_mix_norm(0.0f);
  std::vector<float> l = Sine(440.0f, 4800), r = Sine(330.0f, 4800);
  std::vector<float> l0 = l, r0 = r;
  rv.Process(l.data(), r.data(), l.size());
  CHECK(l == l0);
  CHECK(r == r0);
}

TEST_CASE("reverb tail ends in exact zeros, never denormals, without flush-to-zero") {
  for (float size : {0.0f, 0.4f}) {
    Stereo s = Impulse(size, 0.5f, 48000 * 12);
    CHECK(!HasBadSample(s.l));
    CHECK(!HasBadSample(s.r));
    CHECK(Peak(std::vector<float>(s.l.end() - 4800, s.l.end())) == 0.0f);
  }
}

TEST_CASE("reverb allocates nothing while processing or changing parameters") {
  Reverb rv;
  rv.Init(kRate);
  std::vector<float> l = Sine(220.0f, 128), r = l;
  long allocs;
  {
    AllocationScope scope;
    for (int b = 0; b < 200; ++b) {
      rv.set_size_norm(float(b % 11) / 10.0f);
      rv.set_damp_norm(float(b % 7) / 6.0f);
      rv.set_mix_norm(0.5f);
      rv.Process(l.data(), r.data(), l.size());
    }
    rv.Reset();
    allocs = scope.count();
  }
  CHECK(allocs == 0);
  CHECK(!HasBadSample(l));
}

TEST_CASE("reverb size jumps neither click nor jump in level") {
  Reverb rv;
  rv.Init(kRate);
  rv.set_size_norm(0.2f);
  rv.set_mix_norm(1.0f);
  std::vector<float> x = Sine(330.0f, 48000 * 3, 0.5f), l(x), r(x);
  for (size_t i = 0; i < l.size(); i += 128) {
    if (i == 48000 * 3 / 2 / 128 * 128) rv.set_size_norm(1.0f);  // half way, the whole range
    rv.Process(l.data() + i, r.data() + i, 128);
  }
  // A click is a sample step far above the tail's own largest steps.
  auto max_step = [&](size_t from, size_t to) {
    float m = 0.0f;
    for (size_t i = from + 1; i < to; ++i) m = std::fmax(m, std::fabs(l[i] - l[i - 1]));
    return m;
  };
  const size_t change = 48000 * 3 / 2 / 128 * 128;
  CHECK(max_step(change - 4800, change + 4800) < 1.5f * max_step(change - 24000, change - 4800));
  CHECK(!HasBadSample(l));
}

TEST_CASE("reverb sounds the same at 96 kHz: decay time and tail colour") {
  const float hi = 96000.0f;
  Stereo a = Impulse(0.5f, 0.5f, 4 * 48000), b = Impulse(0.5f, 0.5f, 4 * 96000, hi);
  CHECK(Rt60(Bass(b, hi), hi) == Approx(Rt60(Bass(a))).epsilon(0.05));
  CHECK(Rt60(b, hi) == Approx(Rt60(a)).epsilon(0.15));
  // Colour: the share of tail energy above ~5 kHz, by a 4-pole low-pass split, within 2 dB.
  auto high_share = [](const std::vector<float>& x, float rate) {
    const float c = 1.0f - std::exp(-2.0f * float(M_PI) * 5000.0f / rate);
    float s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    double lo = 0, all = 0;
    for (size_t i = x.size() / 4; i < x.size() / 2; ++i) {
      s1 += (x[i] - s1) * c;
      s2 += (s1 - s2) * c;
      s3 += (s2 - s3) * c;
      s4 += (s3 - s4) * c;
      lo += double(s4) * s4;
      all += double(x[i]) * x[i];
    }
    return 10.0 * std::log10((all - lo) / all);
  };
  CHECK(high_share(b.l, hi) == Approx(high_share(a.l, kRate)).margin(2.0));
}
