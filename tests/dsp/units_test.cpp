// Numbers from the DSP units: oscillator frequency, filter slope, envelope shape.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dsp/envelope.hpp"
#include "dsp/oscillator.hpp"
#include "dsp/svf.hpp"

namespace {
constexpr float kRate = 48000.0f;

double Rms(const std::vector<float>& x, size_t from) {
  double s = 0;
  for (size_t i = from; i < x.size(); ++i) s += double(x[i]) * x[i];
  return std::sqrt(s / double(x.size() - from));
}
}  // namespace

TEST_CASE("saw oscillator runs at its frequency by upward zero crossings") {
  mr::dsp::Oscillator osc;
  osc.Init(kRate);
  osc.set_waveform(mr::dsp::Waveform::kSine);
  osc.set_frequency_hz(440.0f);
  std::vector<float> x(48000);
  osc.Process(x.data(), x.size());
  int crossings = 0;
  for (size_t i = 1; i < x.size(); ++i)
    if (x[i - 1] < 0.0f && x[i] >= 0.0f) ++crossings;
  REQUIRE(crossings >= 439);
  REQUIRE(crossings <= 441);
}

TEST_CASE("svf low-pass at 1 kHz attenuates 8 kHz by about 36 dB") {
  auto gain_at = [](float hz) {
    mr::dsp::Svf f;
    f.Init(kRate);
    f.set_cutoff_hz(1000.0f);
    f.set_q(0.7071f);
    std::vector<float> x(24000);
    for (size_t i = 0; i < x.size(); ++i) x[i] = std::sin(2.0f * float(M_PI) * hz * float(i) / kRate);
    std::vector<float> y(x.size());
    f.Process(x.data(), y.data(), x.size());
    return 20.0 * std::log10(Rms(y, 4800) / Rms(x, 4800));
  };
  double att = gain_at(1000.0f) - gain_at(8000.0f);
  REQUIRE(att > 33.0);
  REQUIRE(att < 42.0);
}

TEST_CASE("adsr rises to 1, decays to sustain and releases to exact zero") {
  mr::dsp::Adsr env;
  env.Init(kRate);
  env.set_attack_sec(0.01f);
  env.set_decay_sec(0.05f);
  env.set_sustain_norm(0.5f);
  env.set_release_sec(0.05f);
  env.NoteOn();
  float peak = 0.0f;
  for (int i = 0; i < 480; ++i) peak = std::fmax(peak, env.Tick());
  REQUIRE(peak == Approx(1.0f).margin(0.01));
  for (int i = 0; i < 9600; ++i) env.Tick();
  REQUIRE(env.value() == Approx(0.5f).margin(0.001));
  env.NoteOff();
  for (int i = 0; i < 48000 && !env.is_done(); ++i) env.Tick();
  REQUIRE(env.is_done());
  REQUIRE(env.value() == 0.0f);
}
