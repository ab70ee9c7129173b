// Orbits, the master chain and the analysis, measured: reverb and delay sends, multichannel
// orbits, the limiter's ceiling on a deliberately hot mix, click-free voice stealing, the
// spectrum's peak bin and per-orbit levels, low-pass slope, dsp_load and late events.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "test_util.hpp"

using namespace mr::audio;
using namespace mr::audio::test;

namespace {

double Energy(const std::vector<float>& out, int from, int to, int ch = 2, int channel = 0) {
  double e = 0;
  for (int f = from; f < to; ++f) e += static_cast<double>(out[static_cast<size_t>(f * ch + channel)]) * out[static_cast<size_t>(f * ch + channel)];
  return e;
}

}  // namespace

TEST_CASE("orbit: a reverb send rings on after the voice; none without it") {
  auto tail = [](float room) {
    Engine engine(Plain());
    VoiceEvent e = Event(engine.resolve_sound("saw"), 0, 0.1);
    if (room > 0) {
      e.set(Param::Room, room);
      e.set(Param::Size, 0.5f);
    }
    engine.push(e);
    const auto out = Render(engine, 48000);
    return Energy(out, 24000, 48000);  // 0.5 .. 1 s, long after the 0.15 s voice
  };
  CHECK(tail(0.f) == 0.0);
  CHECK(tail(0.5f) > 1e-3);
}

TEST_CASE("orbit: a delay send repeats at delaytime, fading by delayfeedback") {
  Engine engine(Plain());
  VoiceEvent e = Event(engine.resolve_sound("sine"), 0, 0.01);
  e.set(Param::Delay, 1.f);
  e.set(Param::DelayTime, 0.1f);
  e.set(Param::DelayFeedback, 0.5f);
  e.set(Param::Release, 0.005f);
  engine.push(e);
  const auto out = Render(engine, 48000);
  const double direct = Energy(out, 0, 960);
  const double gap = Energy(out, 1500, 4700);
  const double echo1 = Energy(out, 4800, 5800);
  const double echo2 = Energy(out, 9600, 10600);
  CHECK(gap < direct * 1e-6);
  CHECK(echo1 > direct * 0.5);   // the first repeat at full send (less the loop damping)
  CHECK(echo2 == Approx(echo1 * 0.25).epsilon(0.35));  // feedback 0.5: a quarter of the energy
}

TEST_CASE("orbit: multichannel orbits go to their channel pair") {
  EngineConfig c = Plain();
  c.channels = 4;
  c.multichannel_orbits = true;
  Engine engine(c);
  VoiceEvent e = Event(engine.resolve_sound("sine"), 0, 0.5);
  e.set(Param::Orbit, 1.f);
  engine.push(e);
  const auto out = Render(engine, 4800);
  CHECK(Energy(out, 0, 4800, 4, 0) == 0.0);
  CHECK(Energy(out, 0, 4800, 4, 1) == 0.0);
  CHECK(Energy(out, 0, 4800, 4, 2) > 1.0);
  CHECK(Energy(out, 0, 4800, 4, 3) > 1.0);
}

TEST_CASE("master: the limiter holds the ceiling on a deliberately hot mix") {
  Engine engine(Plain());
  const SoundId ids[] = {engine.resolve_sound("saw"), engine.resolve_sound("bd"), engine.resolve_sound("supersaw"),
                         engine.resolve_sound("square")};
  for (int i = 0; i < 200; ++i) {
    VoiceEvent e = Event(ids[i % 4], i * 97, 0.6);
    e.set(Param::Gain, 1.8f);  // gain^4: about 10x each
    e.set(Param::Note, 30.f + static_cast<float>(i % 12));
    e.set(Param::Room, 0.4f);
    engine.push(e);
  }
  const auto out = Render(engine, 48000);
  float peak = 0.f;
  bool finite = true;
  for (float x : out) {
    peak = std::max(peak, std::fabs(x));
    finite = finite && std::isfinite(x);
  }
  CHECK(finite);
  CHECK(peak <= 0.891251f);  // -1 dBFS
  CHECK(peak > 0.85f);       // and it is hot
}

TEST_CASE("voices: stealing at the limit fades the quietest voice out without a click") {
  EngineConfig c = Plain();
  c.max_voices = 4;
  Engine engine(c);
  const SoundId sine = engine.resolve_sound("sine");
  for (int i = 0; i < 8; ++i) {
    VoiceEvent e = Event(sine, i < 4 ? 0 : 24000 + i * 1000, 2.0);
    e.set(Param::Note, 43.f);  // ~98 Hz: its own slope is small
    e.set(Param::Gain, 0.8f);
    engine.push(e);
  }
  const auto out = Render(engine, 48000);
  float jump = 0.f, peak = 0.f;
  for (size_t f = 1; f < 48000; ++f) {
    jump = std::max(jump, std::fabs(out[f * 2] - out[f * 2 - 2]));
    peak = std::max(peak, std::fabs(out[f * 2]));
  }
  CHECK(engine.stats().stolen_voices == 4);
  CHECK(engine.stats().peak_voices == 4);
  CHECK(peak > 0.3f);
  // a hard cut of one voice would step by its amplitude (~0.1); the 5 ms fade keeps steps tiny
  CHECK(jump < 0.02f);
}

TEST_CASE("voices: legato and sustain set the gate; equal-power pan") {
  Engine engine(Plain());
  VoiceEvent e = Event(engine.resolve_sound("sine"), 0, 0.5);
  e.set(Param::Clip, 0.5f);
  e.set(Param::Release, 0.01f);
  e.set(Param::Pan, 0.25f);
  engine.push(e);
  const auto out = Render(engine, 48000);
  // sounds at 0.2 s, silent after 0.25 + 0.01 s
  CHECK(Energy(out, 9000, 10000) > 0.0);
  CHECK(Energy(out, 12600, 48000) == 0.0);
  const double l = Energy(out, 1000, 9000, 2, 0), r = Energy(out, 1000, 9000, 2, 1);
  // pan 0.25: cos^2(pi/8) and sin^2(pi/8)
  CHECK(l / (l + r) == Approx(0.853553).epsilon(1e-3));
}

TEST_CASE("filter: a low-pass at 1 kHz attenuates 8 kHz by 12 dB/octave (3 octaves: ~36 dB)") {
  auto level = [](float freq, bool filtered) {
    Engine engine(Plain());
    VoiceEvent e = Event(engine.resolve_sound("sine"), 0, 1.0);
    e.set(Param::Freq, freq);
    if (filtered) e.set(Param::Cutoff, 1000.f);
    engine.push(e);
    const auto out = Render(engine, 24000);
    return 10.0 * std::log10(Energy(out, 4800, 24000));
  };
  const double atten = level(8000.f, false) - level(8000.f, true);
  CHECK(atten > 34.0);
  CHECK(atten < 40.0);
  CHECK(level(250.f, false) - level(250.f, true) < 0.5);
}

TEST_CASE("orbits: twelve of them, an orbit number taken modulo twelve as SuperDirt takes it") {
  // orbit -> the orbit whose level rises (every other orbit stays silent)
  const std::pair<float, int> cases[] = {{11.f, 11}, {12.f, 0}, {13.f, 1}, {-1.f, 11}, {8.f, 8}, {1e9f, 1000000000 % 12}};
  for (const auto& [orbit, expected] : cases) {
    Engine engine(Plain());
    VoiceEvent e = Event(engine.resolve_sound("sine"), 0, 1.0);
    e.set(Param::Orbit, orbit);
    engine.push(e);
    Render(engine, 4800);
    mr::AudioAnalysis a;
    REQUIRE(engine.read_analysis(a));
    INFO("orbit " << orbit);
    for (int k = 0; k < mr::kOrbitCount; ++k) {
      INFO("level of orbit " << k);
      if (k == expected) CHECK(a.orbit_rms[static_cast<size_t>(k)] > 0.005f);
      else CHECK(a.orbit_rms[static_cast<size_t>(k)] == 0.f);
    }
  }
}

TEST_CASE("analysis: the spectrum peaks at the sine's bin; orbit levels; waveform") {
  Engine engine(Plain());
  VoiceEvent e = Event(engine.resolve_sound("sine"), 0, 2.0);
  e.set(Param::Freq, 3000.f);  // bin 3000 * 2048 / 48000 = 128
  e.set(Param::Orbit, 2.f);
  e.set(Param::Gain, 0.5f);  // quiet enough (about -43 dB in its bin) not to saturate at -30 dB
  engine.push(e);
  Render(engine, 9600);
  mr::AudioAnalysis a;
  REQUIRE(engine.read_analysis(a));
  int best = 0;
  for (int k = 0; k < 512; ++k)
    if (a.fft[k] > a.fft[best]) best = k;
  CHECK(best == 128);
  CHECK(a.fft[128] > 0.6f);
  CHECK(a.fft[128] < 1.f);
  CHECK(a.fft[20] < 0.1f);
  CHECK(a.fft_smoothed[128] > 0.5f);
  CHECK(a.orbit_rms[2] > 0.005f);
  CHECK(a.orbit_rms[0] == 0.f);
  CHECK(a.orbit_peak[2] >= a.orbit_rms[2]);
  CHECK(a.master_peak > 0.01f);
  float wpeak = 0.f;
  for (float x : a.waveform) wpeak = std::max(wpeak, std::fabs(x));
  CHECK(wpeak > 0.01f);
  CHECK(!engine.read_analysis(a));  // nothing new since
}

TEST_CASE("stats: late events are counted and still start; dsp_load is measured") {
  Engine engine(Plain());
  std::vector<float> out(256);
  for (int b = 0; b < 100; ++b) engine.process(out.data(), 128);
  engine.push(Event(engine.resolve_sound("hh"), 100));  // long past
  engine.process(out.data(), 128);
  CHECK(engine.stats().late_events == 1);
  CHECK(engine.stats().voices_active == 1);
  CHECK(engine.stats().dsp_load > 0.f);
  CHECK(engine.stats().dsp_load < 1.f);
}

TEST_CASE("pluck: a Karplus-Strong string at the note's pitch; more strings than the pool are dropped") {
  Engine engine(Plain());
  VoiceEvent e = Event(engine.resolve_sound("pluck"), 0, 1.0);
  e.set(Param::Note, 57.f);  // a3, 220 Hz
  engine.push(e);
  const auto out = Render(engine, 24000);
  // autocorrelation peak between 150 and 300 Hz
  int best = 0;
  double best_r = -1e9;
  for (int lag = 160; lag <= 320; ++lag) {
    double r = 0;
    for (int f = 2000; f < 12000; ++f) r += static_cast<double>(out[static_cast<size_t>(f) * 2]) * out[static_cast<size_t>(f + lag) * 2];
    if (r > best_r) { best_r = r; best = lag; }
  }
  CHECK(48000.0 / best == Approx(220.0).epsilon(0.005));
  Engine many(Plain());
  for (int i = 0; i < 80; ++i) many.push(Event(many.resolve_sound("pluck"), i, 1.0));
  Render(many, 4800);
  CHECK(many.stats().dropped_events == 16);
  CHECK(many.stats().voices_active == 64);
}

TEST_CASE("robustness: absurd controls give finite output under the ceiling") {
  Engine engine(Plain());
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  const char* sounds[] = {"saw", "supersaw", "fm", "bd", "pluck", "square", "bass"};
  int i = 0;
  for (const char* s : sounds) {
    for (int k = 0; k < 6; ++k, ++i) {
      VoiceEvent e = Event(engine.resolve_sound(s), i * 50, 0.2);
      switch (k) {
        case 0: e.set(Param::Freq, -100.f); e.set(Param::Cutoff, 0.f); break;
        case 1: e.set(Param::Freq, 1e6f); e.set(Param::Resonance, 100.f); break;
        case 2: e.set(Param::Gain, 50.f); e.set(Param::Shape, 5.f); break;
        case 3: e.set(Param::Pan, nan); e.set(Param::Attack, -1.f); e.set(Param::Release, inf); break;
        case 4: e.set(Param::Crush, 0.f); e.set(Param::Coarse, 1e9f); e.set(Param::HCutoff, -5.f); break;
        default: e.set(Param::Room, 7.f); e.set(Param::Size, -3.f); e.set(Param::Delay, 2.f); e.set(Param::DelayTime, 1e9f); break;
      }
      engine.push(e);
    }
  }
  const auto out = Render(engine, 48000);
  bool finite = true;
  float peak = 0.f;
  for (float x : out) {
    finite = finite && std::isfinite(x);
    peak = std::max(peak, std::fabs(x));
  }
  CHECK(finite);
  CHECK(peak <= 0.891251f);
  CHECK(peak > 0.1f);
  // and nothing got stuck: a plain voice afterwards is heard on the same orbit
  engine.push(Event(engine.resolve_sound("sine"), engine.frame() + 100, 0.5));
  const auto after = Render(engine, 24000);
  float later = 0.f;
  for (size_t f = 20000; f < 24000; ++f) later = std::max(later, std::fabs(after[f * 2]));
  CHECK(later > 0.05f);
}

TEST_CASE("hush: every voice fades out within 10 ms, without a click") {
  Engine engine(Plain());
  for (int i = 0; i < 8; ++i) {
    VoiceEvent e = Event(engine.resolve_sound("sine"), 0, 5.0);
    e.set(Param::Note, 40.f + static_cast<float>(i));
    e.set(Param::Gain, 0.7f);
    engine.push(e);
  }
  // the raw output stream (with the limiter's latency), hushed at frame 24064
  std::vector<float> out(static_cast<size_t>(28800) * 2);
  for (int f = 0; f < 28800; f += 128) {
    if (f == 24064) engine.hush();
    engine.process(out.data() + static_cast<size_t>(f) * 2, 128);
  }
  float jump = 0.f;
  for (size_t f = 1; f < out.size() / 2; ++f) jump = std::max(jump, std::fabs(out[f * 2] - out[f * 2 - 2]));
  CHECK(Energy(out, 20000, 24000) > 1.0);
  CHECK(jump < 0.03f);
  CHECK(Energy(out, 24064 + 960, 28800) == 0.0);  // silent from 20 ms after the hush
  CHECK(engine.stats().voices_active == 0);
}

TEST_CASE("phaser: a steady sine swells and dips as the notches sweep past") {
  auto window_range_db = [](bool phaser) {
    Engine engine(Plain());
    VoiceEvent e = Event(engine.resolve_sound("sine"), 0, 2.0);
    e.set(Param::Freq, 700.f);
    if (phaser) e.set(Param::Phaser, 2.f);
    engine.push(e);
    const auto out = Render(engine, 48000);
    double lo = 1e9, hi = 0;
    for (int w = 4800; w + 1200 <= 48000; w += 1200) {
      const double e2 = Energy(out, w, w + 1200);
      lo = std::min(lo, e2);
      hi = std::max(hi, e2);
    }
    return 10.0 * std::log10(hi / std::max(lo, 1e-12));
  };
  CHECK(window_range_db(false) < 0.1);
  CHECK(window_range_db(true) > 6.0);
}

TEST_CASE("ftype 1: the ladder low-pass falls at 24 dB/octave") {
  auto level = [](float freq, bool filtered) {
    Engine engine(Plain());
    VoiceEvent e = Event(engine.resolve_sound("sine"), 0, 1.0);
    e.set(Param::Freq, freq);
    if (filtered) {
      e.set(Param::Cutoff, 1000.f);
      e.set(Param::FType, 1.f);
    }
    engine.push(e);
    const auto out = Render(engine, 24000);
    return 10.0 * std::log10(Energy(out, 4800, 24000) + 1e-30);
  };
  const double atten = level(8000.f, false) - level(8000.f, true);
  CHECK(atten > 60.0);
  CHECK(level(200.f, false) - level(200.f, true) < 3.0);
}

TEST_CASE("orbit: a new delaytime while the echoes ring does not click") {
  Engine engine(Plain());
  VoiceEvent a = Event(engine.resolve_sound("sine"), 0, 0.4);
  a.set(Param::Delay, 0.8f);
  a.set(Param::DelayTime, 0.1f);
  a.set(Param::DelayFeedback, 0.7f);
  a.set(Param::Note, 57.f);
  engine.push(a);
  VoiceEvent b = Event(engine.resolve_sound("sine"), 24000, 0.05);  // quiet, only to move the tap
  b.set(Param::Gain, 0.3f);
  b.set(Param::Delay, 0.1f);
  b.set(Param::DelayTime, 0.173f);
  engine.push(b);
  const auto out = Render(engine, 48000);
  float jump = 0.f, peak = 0.f;
  for (size_t f = 20000; f < 40000; ++f) {
    jump = std::max(jump, std::fabs(out[f * 2] - out[f * 2 - 2]));
    peak = std::max(peak, std::fabs(out[f * 2]));
  }
  CHECK(peak > 0.1f);
  // a 220 Hz sine moves at most peak * 2 pi 220 / 48000 = 0.029 * peak per frame; a jumping tap
  // would step by up to twice the peak
  CHECK(jump < 0.06f * peak);
}

TEST_CASE("accelerate glides a synth's pitch in octaves per second") {
  Engine engine(Plain());
  VoiceEvent e = Event(engine.resolve_sound("sine"), 0, 1.5);
  e.set(Param::Freq, 220.f);
  e.set(Param::Accelerate, 1.f);
  engine.push(e);
  const auto out = Render(engine, 60000);
  // frequency from zero crossings in a 40 ms window around t = 1 s: 440 Hz
  int crossings = 0;
  double first = -1, last = -1;
  for (int f = 47040; f < 48960; ++f) {
    const float a = out[static_cast<size_t>(f - 1) * 2], b = out[static_cast<size_t>(f) * 2];
    if (a < 0.f && b >= 0.f) {
      const double t = f - 1 + a / (a - b);
      if (first < 0) first = t; else ++crossings;
      last = t;
    }
  }
  REQUIRE(crossings > 5);
  CHECK(crossings / ((last - first) / 48000.0) == Approx(440.0).epsilon(0.02));
}
