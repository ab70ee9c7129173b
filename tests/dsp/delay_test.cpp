// FeedbackDelay: echoes at the set time, each feedback times the one before, darker when damped,
// stable at maximum feedback, silent in exact zeros afterwards.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dsp/delay.hpp"
#include "test_util.hpp"

using namespace mr::dsp;
using namespace mr::dsp::test;

namespace {
std::vector<float> ImpulseResponse(float time_sec, float feedback, float damping, size_t n) {
  FeedbackDelay d;
  d.Init(kRate, 2.0f);
  d.set_time_sec(time_sec);
  d.set_feedback_norm(feedback);
  d.set_damping_norm(damping);
  std::vector<float> x(n, 0.0f), y(n);
  x[0] = 1.0f;
  for (size_t i = 0; i < n; i += 128) d.Process(x.data() + i, y.data() + i, std::min<size_t>(128, n - i));
  return y;
}
}  // namespace

TEST_CASE("delay echoes at the set time, each echo feedback times the last") {
  std::vector<float> y = ImpulseResponse(0.1f, 0.5f, 0.0f, 48000);
  // Without damping each echo is one sample: 1, 0.5, 0.25, 0.125 at 4800, 9600, 14400, 19200.
  for (int k = 1; k <= 4; ++k) {
    CHECK(y[size_t(4800 * k)] == Approx(std::pow(0.5, k - 1)).margin(1e-6));
    CHECK(std::fabs(y[size_t(4800 * k) - 1]) < 1e-6f);
  }
  CHECK(std::fabs(y[100]) < 1e-9f);
}

TEST_CASE("delay damping makes each repeat darker") {
  std::vector<float> y = ImpulseResponse(0.1f, 0.7f, 0.6f, 48000);
  // Width of an echo (its energy spread) grows with every pass through the low-pass.
  auto spread = [&](size_t centre) {
    double e = 0, t = 0, t2 = 0;
    for (size_t i = centre - 100; i < centre + 400; ++i) {
      double p = double(y[i]) * y[i];
      e += p;
      t += p * double(i);
      t2 += p * double(i) * double(i);
    }
    double m = t / e;
    return std::sqrt(t2 / e - m * m);
  };
  CHECK(spread(9600) > spread(4800) * 1.2);
  CHECK(spread(19200) > spread(9600) * 1.1);
}

TEST_CASE("delay at maximum feedback stays bounded and ends in exact zeros") {
  FeedbackDelay d;
  d.Init(kRate, 2.0f);
  d.set_time_sec(0.01f);
  d.set_feedback_norm(5.0f);  // clamps to 0.98
  d.set_damping_norm(0.0f);
  std::vector<float> x = Sine(1000.0f, 48000, 1.0f), y(48000 * 40);
  x.resize(y.size(), 0.0f);
  d.Process(x.data(), y.data(), y.size());
  CHECK(Peak(y) < 60.0f);  // 1 / (1 - 0.98) = 50 at most
  CHECK(!HasBadSample(y));
  CHECK(Peak(std::vector<float>(y.end() - 48000, y.end())) == 0.0f);
}

TEST_CASE("delay allocates nothing after Init") {
  FeedbackDelay d;
  d.Init(kRate, 1.0f);
  std::vector<float> x = Sine(300.0f, 128), y(128);
  long allocs;
  {
    AllocationScope scope;
    for (int b = 0; b < 100; ++b) {
      d.set_time_sec(0.001f * float(b));
      d.set_feedback_norm(0.6f);
      d.Process(x.data(), y.data(), 128);
    }
    allocs = scope.count();
  }
  CHECK(allocs == 0);
}

TEST_CASE("delay time changes crossfade: no click, and the new time is exact") {
  FeedbackDelay d;
  d.Init(kRate, 2.0f);
  d.set_time_sec(0.2f);
  d.set_feedback_norm(0.5f);
  // 230 Hz: the old and new taps (0.2 s, 0.05 s) are 34.5 cycles apart, in opposite phase.
  std::vector<float> x = Sine(230.0f, 48000 * 2, 0.5f), y(x.size());
  for (size_t i = 0; i < x.size(); i += 128) {
    if (i == 128 * 377) d.set_time_sec(0.05f);  // at 1.005 s, near a peak of the sine
    d.Process(x.data() + i, y.data() + i, 128);
  }
  // A 0.5-amplitude 230 Hz sine moves at most 0.5 * 2 pi 230 / 48000 = 0.015 per sample; with
  // feedback 0.5 the sum of echoes at most twice that. A jump of the read head steps up to 2.
  float max_step = 0.0f;
  for (size_t i = 48000 - 4800; i < 48000 + 9600; ++i) max_step = std::fmax(max_step, std::fabs(y[i] - y[i - 1]));
  CHECK(max_step < 0.05f);
  // After the crossfade the echo of a click sits exactly at the new time.
  FeedbackDelay e;
  e.Init(kRate, 2.0f);
  e.set_time_sec(0.2f);
  e.set_feedback_norm(0.0f);
  e.set_damping_norm(0.0f);
  std::vector<float> z(48000 * 2, 0.0f), w(z.size());
  e.Process(z.data(), w.data(), 4800);
  e.set_time_sec(0.05f);
  e.Process(z.data(), w.data(), 1200);  // the 20 ms crossfade
  z[0] = 1.0f;
  e.Process(z.data(), w.data(), 4800);
  CHECK(w[2400] == 1.0f);
}
