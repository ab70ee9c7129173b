#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "gfx/spectrum_smoother.hpp"
#include "gfx/watchdog.hpp"

using namespace mr::gfx;

namespace {

// Runs `seconds` of a step input (bin 0 jumps 0 -> 1 at t=0, drops to 0 at t=0.5 s) at `fps`.
SpectrumSmoother run(double fps, double seconds) {
  SpectrumSmoother s(0.9);
  std::vector<float> on(SpectrumSmoother::kBins, 0.0f), off(SpectrumSmoother::kBins, 0.0f);
  on[0] = 1.0f;
  const int frames = static_cast<int>(std::lround(seconds * fps));
  for (int i = 0; i < frames; ++i) {
    const double t = i / fps;
    s.update(t < 0.5 ? on.data() : off.data(), 1.0 / fps);
  }
  return s;
}

}  // namespace

TEST_CASE("FFT smoothing and integration are the same at 30 and 144 fps") {
  // 0.5 s and 1 s are whole frames at both rates.
  for (double seconds : {0.5, 1.0}) {
    const auto a = run(30.0, seconds);
    const auto b = run(144.0, seconds);
    INFO(seconds);
    CHECK(a.smoothed()[0] == Approx(b.smoothed()[0]).margin(1e-5));
    CHECK(a.integrated()[0] == Approx(b.integrated()[0]).margin(1e-4));
    CHECK(a.smoothed()[1] == 0.0f);
  }
  // And the value is Bonzomatic's at its own 60 fps: 1 - 0.9^15 after 15 frames of 1.
  const auto c = run(60.0, 0.25);
  CHECK(c.smoothed()[0] == Approx(1.0 - std::pow(0.9, 15)).margin(1e-5));
  // A per-frame smoother (0.9 per frame whatever the rate) would differ a lot; guard the premise.
  CHECK(std::pow(0.9, 0.25 * 144) < 0.5 * std::pow(0.9, 0.25 * 30));
}

TEST_CASE("the integral grows with the smoothed value, in 60 fps frame units") {
  SpectrumSmoother s(0.9);
  std::vector<float> one(SpectrumSmoother::kBins, 1.0f);
  for (int i = 0; i < 600; ++i) s.update(one.data(), 1.0 / 60);  // 10 s of a constant 1
  // After the smoothed value settles, each second adds 60.
  const float at10 = s.integrated()[5];
  for (int i = 0; i < 60; ++i) s.update(one.data(), 1.0 / 60);
  CHECK(s.integrated()[5] - at10 == Approx(60.0).epsilon(1e-3));
}

TEST_CASE("watchdog: slow frames lower the scale, then revert, and say so") {
  Watchdog w;
  w.set_budget_ms(20.0);
  w.reset();
  for (int i = 0; i < Watchdog::kSettleFrames; ++i) CHECK(w.on_frame(100.0, 1.0f, 1.0f, true).act == Watchdog::Act::None);
  // Slightly slow: three frames in a row.
  CHECK(w.on_frame(25.0, 1.0f, 1.0f, true).act == Watchdog::Act::None);
  CHECK(w.on_frame(25.0, 1.0f, 1.0f, true).act == Watchdog::Act::None);
  auto a = w.on_frame(25.0, 1.0f, 1.0f, true);
  REQUIRE(a.act == Watchdog::Act::LowerScale);
  CHECK(a.scale == Approx(0.7071).margin(1e-3));
  CHECK(a.message.find("resolution lowered to 71%") != std::string::npos);
  // At the lowest scale, a very slow frame reverts at once.
  for (int i = 0; i < Watchdog::kSettleFrames; ++i) w.on_frame(500.0, 0.25f, 1.0f, true);
  a = w.on_frame(500.0, 0.25f, 1.0f, true);
  CHECK(a.act == Watchdog::Act::Revert);
  CHECK(a.message.find("last good shader") != std::string::npos);
  // With nothing to revert to it says so once.
  Watchdog g;
  g.set_budget_ms(20.0);
  CHECK(g.on_frame(500.0, 0.25f, 1.0f, false).act == Watchdog::Act::GiveUp);
  CHECK(g.on_frame(500.0, 0.25f, 1.0f, false).act == Watchdog::Act::None);
}

TEST_CASE("watchdog: fast frames raise the scale back up to the requested one") {
  Watchdog w;
  w.set_budget_ms(20.0);
  Watchdog::Action a;
  int n = 0;
  while (a.act == Watchdog::Act::None && n < 1000) {
    a = w.on_frame(1.0, 0.5f, 1.0f, true);
    ++n;
  }
  CHECK(a.act == Watchdog::Act::RaiseScale);
  CHECK(a.scale == Approx(0.7071).margin(1e-3));
  CHECK(n == Watchdog::kFastFrames);
  // Never above the requested scale.
  Watchdog v;
  for (int i = 0; i < 500; ++i) CHECK(v.on_frame(1.0, 1.0f, 1.0f, true).act == Watchdog::Act::None);
}
