// The engine rendered offline and analysed independently: frame-exact onsets, pitch, levels,
// determinism, warnings.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "audio/engine.hpp"

using namespace mr::audio;

namespace {

// Renders `frames` output frames, without the limiter's latency (frame f is the event's frame f).
std::vector<float> render(Engine& engine, int frames) {
  const int latency = engine.latency_frames();
  std::vector<float> out(static_cast<size_t>(frames + latency) * 2);
  for (int done = 0; done < frames + latency; done += 128)
    engine.process(out.data() + done * 2, std::min(128, frames + latency - done));
  out.erase(out.begin(), out.begin() + latency * 2);
  return out;
}

// The built-in instruments only: a machine with Dirt-Samples installed would otherwise play its
// bd.wav instead of the synthesized bd.
EngineConfig BuiltinOnly() {
  EngineConfig c;
  c.superdirt_sample_paths = false;
  return c;
}

VoiceEvent event(SoundId sound, int64_t frame, double dur) {
  VoiceEvent e;
  e.sound = sound;
  e.frame = frame;
  e.duration_sec = dur;
  return e;
}

}  // namespace

TEST_CASE("param names and aliases") {
  CHECK(param_by_name("lpf") == Param::Cutoff);
  CHECK(param_by_name("cutoff") == Param::Cutoff);
  CHECK(param_by_name("sz") == Param::Size);
  CHECK(param_by_name("delayfb") == Param::DelayFeedback);
  CHECK(!param_by_name("nonsense").has_value());
}

TEST_CASE("bd x4 at 0.5 cps starts exactly at 0, 0.5, 1.0, 1.5 s") {
  Engine engine(BuiltinOnly());
  const SoundId bd = engine.resolve_sound("bd");
  REQUIRE(bd != kNoSound);
  for (int i = 0; i < 4; ++i) REQUIRE(engine.push(event(bd, i * 24000, 0.5)));
  const auto out = render(engine, 48000 * 2);
  std::vector<int> onsets;
  bool quiet = true;
  for (int f = 0; f < 96000; ++f) {
    const float a = std::fabs(out[static_cast<size_t>(f) * 2]);
    if (quiet && a > 1e-6f) { onsets.push_back(f); quiet = false; }
    if (!quiet && f + 1 < 96000 && f % 24000 == 23999) quiet = true;  // next onset window
  }
  REQUIRE(onsets.size() == 4);
  for (int i = 0; i < 4; ++i) CHECK(onsets[static_cast<size_t>(i)] == i * 24000);
}

TEST_CASE("note a4 on the sine synth is 440 Hz within 0.1%") {
  Engine engine(BuiltinOnly());
  VoiceEvent e = event(engine.resolve_sound("sine"), 0, 1.0);
  e.set(Param::Note, 69.f);
  engine.push(e);
  const auto out = render(engine, 48000);
  // count positive-going zero crossings between 0.1 s and 0.9 s, interpolated
  double first = -1, last = -1;
  int crossings = 0;
  for (int f = 4800; f < 43200; ++f) {
    const float a = out[static_cast<size_t>(f - 1) * 2], b = out[static_cast<size_t>(f) * 2];
    if (a < 0.f && b >= 0.f) {
      const double t = f - 1 + a / (a - b);
      if (first < 0) first = t; else ++crossings;
      last = t;
    }
  }
  const double hz = crossings / ((last - first) / 48000.0);
  CHECK(std::fabs(hz - 440.0) / 440.0 < 0.001);
}

TEST_CASE("every instrument sounds, without NaN, under the ceiling") {
  for (const std::string& name : builtin_sound_names()) {
    for (const char* kit : {"", "tr808_", "tr909_"}) {
      Engine engine(BuiltinOnly());
      const SoundId id = engine.resolve_sound(std::string(kit) + name);
      if (id == kNoSound) continue;
      engine.push(event(id, 0, 0.5));
      const auto out = render(engine, 24000);
      float peak = 0.f;
      bool finite = true;
      for (float x : out) { peak = std::max(peak, std::fabs(x)); finite = finite && std::isfinite(x); }
      INFO(kit << name);
      CHECK(finite);
      CHECK(peak > 0.01f);
      CHECK(peak <= 0.8913f);
    }
  }
}

TEST_CASE("a hot mix stays under -1 dBFS; renders are identical; unknown names warn once") {
  auto run = [] {
    Engine engine(BuiltinOnly());
    for (int i = 0; i < 64; ++i) {
      VoiceEvent e = event(engine.resolve_sound(i % 2 ? "bd" : "supersaw"), i * 300, 0.5);
      e.set(Param::Gain, 1.6f);
      engine.push(e);
    }
    return render(engine, 48000);
  };
  const auto a = run(), b = run();
  float peak = 0.f;
  for (float x : a) peak = std::max(peak, std::fabs(x));
  CHECK(peak <= 0.891251f);
  CHECK(peak > 0.5f);
  CHECK(a == b);
  Engine engine(BuiltinOnly());
  CHECK(engine.resolve_sound("nosuchsound") == kNoSound);
  CHECK(engine.resolve_sound("nosuchsound") == kNoSound);
  std::string w;
  CHECK(engine.poll_warning(w));
  CHECK(w.find("nosuchsound") != std::string::npos);
  CHECK(!engine.poll_warning(w));
}

#include <fstream>
#include <iterator>

#include "audio/offline.hpp"

TEST_CASE("offline WAV renders are byte-identical") {
  auto render_file = [](const std::string& path) {
    Engine engine(BuiltinOnly());
    for (int i = 0; i < 8; ++i) engine.push(event(engine.resolve_sound(i % 2 ? "hh" : "bass"), i * 6000, 0.1));
    std::string error;
    REQUIRE(render_to_wav(engine, 48000, path, WavFormat::kPcm16, error));
    std::ifstream in(path, std::ios::binary);
    return std::vector<char>(std::istreambuf_iterator<char>(in), {});
  };
  const std::string dir = MR_BINARY_DIR;
  const auto a = render_file(dir + "/audio_offline_a.wav");
  const auto b = render_file(dir + "/audio_offline_b.wav");
  CHECK(a.size() > 48000 * 2 * 2);
  CHECK(a == b);
}

#include <chrono>
#include <thread>

#include "audio/device.hpp"

TEST_CASE("the null device keeps the clock running") {
  Engine engine(BuiltinOnly());
  std::string warning;
  DeviceConfig config;
  config.api = "null";
  auto device = open_device(engine, config, warning);
  REQUIRE(device);
  CHECK(device->description() == "null");
  for (int i = 0; i < 2000 && engine.frame() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(engine.frame() > 0);
}

TEST_CASE("built-in drums: n and :index walk through the kits") {
  auto render_drum = [](const std::string& name, float n) {
    EngineConfig c;
    c.superdirt_sample_paths = false;
    Engine engine(c);
    VoiceEvent e = event(engine.resolve_sound(name), 0, 0.5);
    if (n >= 0) e.set(Param::N, n);
    engine.push(e);
    return render(engine, 24000);
  };
  const auto plain = render_drum("bd", -1);
  CHECK(render_drum("bd:1", -1) == render_drum("tr808_bd", -1));
  CHECK(render_drum("bd", 2) == render_drum("tr909_bd", -1));
  CHECK(render_drum("bd", 3) == plain);
  CHECK(render_drum("bd:1", -1) != plain);
}
