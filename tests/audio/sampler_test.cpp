// The sampler, measured on small files made here: Dirt-Samples naming (bank:index sorted by file
// name, n wrapping), pitch by speed and note, begin/end, loop, reverse, cut groups, formats, the
// missing-sample warning, and loading off the audio thread.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "test_util.hpp"

using namespace mr::audio;
using namespace mr::audio::test;

namespace {

constexpr int kRate = 48000;
constexpr int kWav = SF_FORMAT_WAV | SF_FORMAT_FLOAT;

EngineConfig SamplerConfig(const std::string& dir) {
  EngineConfig c;
  c.sample_paths = {dir};
  c.superdirt_sample_paths = false;
  c.synchronous_loading = true;
  return c;
}

// Frames (from 0) where the left channel is not silent: first and one past the last.
std::pair<int, int> Extent(const std::vector<float>& out, int ch = 2) {
  int first = -1, last = -1;
  for (size_t f = 0; f < out.size() / static_cast<size_t>(ch); ++f)
    if (std::fabs(out[f * static_cast<size_t>(ch)]) > 1e-6f) {
      if (first < 0) first = static_cast<int>(f);
      last = static_cast<int>(f) + 1;
    }
  return {first, last};
}

// Centre pan, default gain: a sample value x comes out as x * 0.8 * cos(pi / 4).
constexpr float kUnity = 0.8f * 0.70710678f;

}  // namespace

TEST_CASE("sampler: bank:index is the index-th file sorted by name; n adds and wraps") {
  const std::string dir = TempDir("sampler_names");
  std::filesystem::create_directories(dir + "/lvl");
  // written out of order; sorted: a b c d -> levels 0.1 0.2 0.3 0.4
  const char* names[] = {"d.wav", "a.wav", "c.wav", "b.wav"};
  const float levels[] = {0.4f, 0.1f, 0.3f, 0.2f};
  for (int i = 0; i < 4; ++i)
    REQUIRE(WriteSound(dir + "/lvl/" + names[i], 2400, 1, kRate, kWav, [&](int, int) { return levels[i]; }));
  auto level_of = [&](const std::string& name, float n) {
    Engine engine(SamplerConfig(dir));
    VoiceEvent e = Event(engine.resolve_sound(name), 0);
    if (n >= 0) e.set(Param::N, n);
    REQUIRE(e.sound != kNoSound);
    engine.push(e);
    const auto out = Render(engine, 4800);
    return out[1200 * 2] / kUnity;
  };
  CHECK(level_of("lvl", -1) == Approx(0.1f).epsilon(1e-4));
  CHECK(level_of("lvl:3", -1) == Approx(0.4f).epsilon(1e-4));
  CHECK(level_of("lvl:1", -1) == Approx(0.2f).epsilon(1e-4));
  CHECK(level_of("lvl", 2) == Approx(0.3f).epsilon(1e-4));
  CHECK(level_of("lvl:1", 2) == Approx(0.4f).epsilon(1e-4));
  CHECK(level_of("lvl", 5) == Approx(0.2f).epsilon(1e-4));  // 5 mod 4 = 1
  CHECK(level_of("lvl:6", -1) == Approx(0.3f).epsilon(1e-4));
}

TEST_CASE("sampler: onset on the frame, duration by speed, note, begin/end and loop") {
  const std::string dir = TempDir("sampler_play");
  std::filesystem::create_directories(dir + "/dc");
  REQUIRE(WriteSound(dir + "/dc/one.wav", 4800, 1, kRate, kWav, [](int, int) { return 0.5f; }));
  auto extent = [&](auto&& set) {
    Engine engine(SamplerConfig(dir));
    VoiceEvent e = Event(engine.resolve_sound("dc"), 1000);
    set(e);
    engine.push(e);
    return Extent(Render(engine, 48000));
  };
  CHECK(extent([](VoiceEvent&) {}) == std::pair<int, int>{1000, 5800});
  CHECK(extent([](VoiceEvent& e) { e.set(Param::Speed, 2.f); }) == std::pair<int, int>{1000, 3400});
  CHECK(extent([](VoiceEvent& e) { e.set(Param::Speed, 0.5f); }) == std::pair<int, int>{1000, 10600});
  // note 48 is an octave above Strudel's reference c2 (36): twice the speed
  CHECK(extent([](VoiceEvent& e) { e.set(Param::Note, 48.f); }) == std::pair<int, int>{1000, 3400});
  CHECK(extent([](VoiceEvent& e) { e.set(Param::Begin, 0.5f); }) == std::pair<int, int>{1000, 3400});
  CHECK(extent([](VoiceEvent& e) {
          e.set(Param::Begin, 0.25f);
          e.set(Param::End, 0.5f);
        }) == std::pair<int, int>{1000, 2200});
  CHECK(extent([](VoiceEvent& e) { e.set(Param::Loop, 3.f); }) == std::pair<int, int>{1000, 1000 + 3 * 4800});
  // accelerate 1 octave/s: the 0.1 s file ends at t where (2^t - 1) / ln 2 = 0.1, t = 0.09671 s
  const auto accel = extent([](VoiceEvent& e) { e.set(Param::Accelerate, 1.f); });
  CHECK(std::abs(accel.second - (1000 + 4642)) <= 2);
  // a file at another rate plays at its own pitch: 24 kHz, 2400 frames = 0.1 s
  std::filesystem::create_directories(dir + "/slow");
  REQUIRE(WriteSound(dir + "/slow/x.wav", 2400, 1, 24000, kWav, [](int, int) { return 0.5f; }));
  Engine engine(SamplerConfig(dir));
  engine.push(Event(engine.resolve_sound("slow"), 0));
  CHECK(Extent(Render(engine, 48000)) == std::pair<int, int>{0, 4800});
}

TEST_CASE("sampler: negative speed plays backwards; stereo files keep their channels") {
  const std::string dir = TempDir("sampler_reverse");
  std::filesystem::create_directories(dir + "/ramp");
  std::filesystem::create_directories(dir + "/st");
  REQUIRE(WriteSound(dir + "/ramp/r.wav", 1000, 1, kRate, kWav, [](int i, int) { return 0.001f * static_cast<float>(i + 1); }));
  REQUIRE(WriteSound(dir + "/st/s.wav", 1000, 2, kRate, kWav, [](int, int c) { return c == 0 ? 0.5f : -0.25f; }));
  Engine engine(SamplerConfig(dir));
  VoiceEvent e = Event(engine.resolve_sound("ramp"), 0);
  e.set(Param::Speed, -1.f);
  engine.push(e);
  const auto out = Render(engine, 2000);
  CHECK(out[0] / kUnity == Approx(1.0f).epsilon(1e-3));
  CHECK(out[999 * 2] / kUnity == Approx(0.001f).epsilon(1e-2));
  CHECK(out[500 * 2] < out[100 * 2]);
  Engine engine2(SamplerConfig(dir));
  engine2.push(Event(engine2.resolve_sound("st"), 0));
  const auto st = Render(engine2, 2000);
  CHECK(st[500 * 2] / kUnity == Approx(0.5f).epsilon(1e-4));
  CHECK(st[500 * 2 + 1] / kUnity == Approx(-0.25f).epsilon(1e-4));
}

TEST_CASE("sampler: a cut group stops the previous voice of the group, with a short fade") {
  const std::string dir = TempDir("sampler_cut");
  std::filesystem::create_directories(dir + "/long");
  REQUIRE(WriteSound(dir + "/long/l.wav", 48000, 1, kRate, kWav, [](int, int) { return 0.25f; }));
  Engine engine(SamplerConfig(dir));
  const SoundId id = engine.resolve_sound("long");
  VoiceEvent a = Event(id, 0), b = Event(id, 10000);
  a.set(Param::Cut, 1.f);
  b.set(Param::Cut, 1.f);
  engine.push(a);
  engine.push(b);
  const auto out = Render(engine, 24000);
  CHECK(out[5000 * 2] / kUnity == Approx(0.25f).epsilon(1e-4));
  CHECK(out[12000 * 2] / kUnity == Approx(0.25f).epsilon(1e-4));  // one voice, not two
  // the first voice fades out over 5 ms (240 frames) rather than stopping dead
  CHECK(out[10120 * 2] / kUnity == Approx(0.375f).epsilon(0.02));
  CHECK(out[10300 * 2] / kUnity == Approx(0.25f).epsilon(1e-4));
  // without the cut both overlap
  Engine engine2(SamplerConfig(dir));
  const SoundId id2 = engine2.resolve_sound("long");
  engine2.push(Event(id2, 0));
  engine2.push(Event(id2, 10000));
  CHECK(Render(engine2, 24000)[12000 * 2] / kUnity == Approx(0.5f).epsilon(1e-4));
}

TEST_CASE("sampler: flac, aiff and ogg decode through libsndfile") {
  const std::string dir = TempDir("sampler_formats");
  struct F { const char* name; int format; };
  const F formats[] = {{"f.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16}, {"a.aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_16},
                       {"o.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS}};
  for (const F& f : formats) {
    const std::string bank = std::string("fmt_") + f.name[0];
    std::filesystem::create_directories(dir + "/" + bank);
    REQUIRE(WriteSound(dir + "/" + bank + "/" + f.name, 9600, 1, kRate, f.format,
                       [](int i, int) { return 0.5f * std::sin(6.2831853f * 440.f * static_cast<float>(i) / kRate); }));
    Engine engine(SamplerConfig(dir));
    const SoundId id = engine.resolve_sound(bank);
    REQUIRE(id != kNoSound);
    engine.push(Event(id, 0));
    const auto out = Render(engine, 12000);
    float peak = 0.f;
    for (float x : out) peak = std::max(peak, std::fabs(x));
    INFO(f.name);
    CHECK(peak / kUnity == Approx(0.5f).epsilon(0.1));
  }
}

TEST_CASE("sampler: a missing sample is one warning naming it; other sounds play on") {
  const std::string dir = TempDir("sampler_missing");
  Engine engine(SamplerConfig(dir));
  CHECK(engine.resolve_sound("nosuchbank:2") == kNoSound);
  CHECK(engine.resolve_sound("nosuchbank:2") == kNoSound);
  std::string w;
  REQUIRE(engine.poll_warning(w));
  CHECK(w.find("nosuchbank") != std::string::npos);
  CHECK(!engine.poll_warning(w));
  engine.push(Event(engine.resolve_sound("sine"), 0));
  const auto out = Render(engine, 4800);
  CHECK(std::fabs(out[2400 * 2]) + std::fabs(out[2401 * 2]) > 0.f);
}

TEST_CASE("sampler: files decode on the loader thread; the audio thread never waits") {
  const std::string dir = TempDir("sampler_async");
  std::filesystem::create_directories(dir + "/big");
  // a longer file (2 s) so the decode takes a while
  REQUIRE(WriteSound(dir + "/big/b.wav", 96000, 2, kRate, kWav, [](int, int) { return 0.25f; }));
  EngineConfig c = SamplerConfig(dir);
  c.synchronous_loading = false;
  Engine engine(c);
  const SoundId id = engine.resolve_sound("big");
  REQUIRE(id != kNoSound);
  engine.wait_for_samples();
  engine.push(Event(id, 0));
  const auto out = Render(engine, 4800);
  CHECK(out[100 * 2] / kUnity == Approx(0.25f).epsilon(1e-4));
  CHECK(engine.stats().samples_not_ready == 0);
}

#include <fstream>
#include <iterator>

#include "audio/offline.hpp"

TEST_CASE("sampler: offline renders with samples and orbit effects are byte-identical") {
  const std::string dir = TempDir("sampler_offline");
  std::filesystem::create_directories(dir + "/kit");
  for (int f = 0; f < 3; ++f)
    REQUIRE(WriteSound(dir + "/kit/" + std::to_string(f) + ".wav", 6000, 2, 44100, SF_FORMAT_WAV | SF_FORMAT_PCM_24,
                       [f](int i, int c) { return 0.3f * std::sin(0.01f * static_cast<float>((f + 1) * i + c * 7)); }));
  auto render_file = [&](const std::string& path) {
    Engine engine(SamplerConfig(dir));
    for (int i = 0; i < 24; ++i) {
      VoiceEvent e = Event(engine.resolve_sound(i % 3 == 2 ? "sn" : "kit:" + std::to_string(i % 3)), i * 3000, 0.1);
      e.set(Param::Speed, 0.5f + 0.25f * static_cast<float>(i % 4));
      e.set(Param::Room, 0.3f);
      e.set(Param::Delay, 0.2f);
      engine.push(e);
    }
    std::string error;
    REQUIRE(render_to_wav(engine, 96000, path, WavFormat::kFloat32, error));
    std::ifstream in(path, std::ios::binary);
    return std::vector<char>(std::istreambuf_iterator<char>(in), {});
  };
  const auto a = render_file(dir + "/a.wav");
  const auto b = render_file(dir + "/b.wav");
  CHECK(a.size() > 96000 * 2 * 4);
  CHECK(a == b);
}
