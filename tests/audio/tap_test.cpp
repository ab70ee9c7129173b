// The output tap (recordings): the frames it hands the reader are the frames process() output,
// bit for bit; what does not fit in its ring is dropped and counted, never waited for.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <vector>

#include "audio/engine.hpp"

using namespace mr::audio;

namespace {

EngineConfig Config() {
  EngineConfig c;
  c.superdirt_sample_paths = false;
  return c;
}

// A deterministic pattern: a synth note every 1000 frames, panned across.
void PushPattern(Engine& engine, int frames) {
  const SoundId saw = engine.resolve_sound("supersaw");
  const SoundId bd = engine.resolve_sound("bd");
  REQUIRE(saw != kNoSound);
  REQUIRE(bd != kNoSound);
  for (int f = 0, k = 0; f < frames; f += 1000, ++k) {
    VoiceEvent e;
    e.sound = k % 2 ? saw : bd;
    e.frame = f;
    e.duration_sec = 0.05;
    e.set(Param::Pan, static_cast<float>(k % 5) / 4.f);
    e.set(Param::Note, static_cast<float>(k % 12));
    REQUIRE(engine.push(e));
  }
}

}  // namespace

TEST_CASE("the armed output tap holds exactly the frames process() output", "[audio][tap]") {
  Engine engine(Config());
  const int ch = engine.config().channels;
  PushPattern(engine, 20000);
  engine.arm_tap(48000);
  std::vector<float> out;
  const int sizes[] = {128, 64, 300, 1, 517, 128};  // splits inside process() too
  int total = 0;
  for (int rep = 0; total < 20000; ++rep) {
    const int n = sizes[rep % 6];
    std::vector<float> block(static_cast<size_t>(n * ch));
    engine.process(block.data(), n);
    out.insert(out.end(), block.begin(), block.end());
    total += n;
  }
  std::vector<float> tapped(static_cast<size_t>(48000 * ch));
  // read in two pieces, as the writer does
  const int a = engine.read_tap(tapped.data(), 7000);
  const int b = engine.read_tap(tapped.data() + static_cast<size_t>(a * ch), 48000);
  CHECK(a == 7000);
  REQUIRE(a + b == total);
  CHECK(engine.read_tap(tapped.data(), 48000) == 0);
  CHECK(engine.tap_dropped_frames() == 0);
  tapped.resize(out.size());
  CHECK(std::memcmp(tapped.data(), out.data(), out.size() * sizeof(float)) == 0);
  float peak = 0.f;
  for (float x : out) peak = std::max(peak, std::fabs(x));
  CHECK(peak > 0.01f);  // the pattern sounds: the comparison is not of silence
}

TEST_CASE("a full tap drops and counts frames; a disarmed one takes none", "[audio][tap]") {
  Engine engine(Config());
  const int ch = engine.config().channels;
  PushPattern(engine, 4000);
  std::vector<float> block(static_cast<size_t>(128 * ch)), first;
  engine.process(block.data(), 128);  // before arming: not tapped
  engine.arm_tap(256);
  for (int i = 0; i < 3; ++i) {
    engine.process(block.data(), 128);
    if (i < 2) first.insert(first.end(), block.begin(), block.end());
  }
  CHECK(engine.tap_dropped_frames() == 128);
  std::vector<float> tapped(static_cast<size_t>(512 * ch));
  REQUIRE(engine.read_tap(tapped.data(), 512) == 256);
  tapped.resize(first.size());
  CHECK(tapped == first);
  // the ring wraps: read as it fills
  for (int i = 0; i < 10; ++i) {
    engine.process(block.data(), 128);
    std::vector<float> got(static_cast<size_t>(128 * ch));
    REQUIRE(engine.read_tap(got.data(), 128) == 128);
    CHECK(got == block);
  }
  CHECK(engine.tap_dropped_frames() == 128);
  engine.disarm_tap();
  engine.process(block.data(), 128);
  CHECK(engine.read_tap(tapped.data(), 512) == 0);
  // armed again: a fresh count
  engine.arm_tap(256);
  CHECK(engine.tap_dropped_frames() == 0);
  engine.process(block.data(), 128);
  CHECK(engine.read_tap(tapped.data(), 512) == 128);
}
