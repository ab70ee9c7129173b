// The device-lost path, for real: an engine playing through RtAudio's JACK backend on a JACK
// server of the test's own (jackd -d dummy). The server is killed mid-show (SIGKILL, as a crash):
// the output says it is lost, the null device carries the clock on and voices keep starting;
// the server comes back and the output returns to it by itself. Without jackd the test fails,
// saying so. (bench/audio/jack_device_lost.sh measures the gaps: docs/PERFORMANCE.md.)
#include <catch2/catch.hpp>

#include <RtAudio.h>

#include <string>
#include <vector>

#include "../support/jack_server.hpp"
#include "audio/device.hpp"
#include "audio/engine.hpp"

using namespace mr::audio;
using mr::test::JackServer;
using mr::test::WaitFor;

namespace {

// Ready when RtAudio's JACK backend sees the server's output ports.
bool JackOutputVisible() {
  RtAudio probe(RtAudio::UNIX_JACK);
  probe.showWarnings(false);
  return probe.getDeviceCount() > 0;
}

struct Messages {
  Device& device;
  std::vector<std::string> seen;
  bool has(const std::string& part) {
    std::string m;
    while (device.poll_message(m)) seen.push_back(m);
    for (const std::string& s : seen)
      if (s.find(part) != std::string::npos) return true;
    return false;
  }
  std::string all() const {
    std::string out;
    for (const std::string& s : seen) out += s + " | ";
    return out;
  }
};

}  // namespace

TEST_CASE("killing the JACK server mid-show falls back to null output and the output comes back with it",
          "[audio][device][jack]") {
  JackServer jack("device-test", JackOutputVisible);
  if (!jack.error().empty()) FAIL(jack.error());

  EngineConfig ec;
  ec.superdirt_sample_paths = false;
  Engine engine(ec);
  DeviceConfig dc;
  dc.api = "jack";
  dc.buffer_frames = 128;
  std::string warning;
  auto device = open_device(engine, dc, warning);
  REQUIRE(warning.empty());
  INFO("device: " << device->description());
  REQUIRE(device->description().find("Jack") != std::string::npos);
  // A long note, started now and then: voices_active says whether anything drives the engine.
  const SoundId saw = engine.resolve_sound("saw");
  auto play = [&] {
    VoiceEvent e;
    e.sound = saw;
    e.frame = engine.frame() + 960;
    e.duration_sec = 0.4;
    REQUIRE(engine.push(e));
  };
  auto sounding = [&] { return engine.stats().voices_active > 0; };
  // Playing through JACK: the server's clock drives the engine's.
  REQUIRE(WaitFor([&] { return engine.frame() > 48000 / 10; }, 5.0));
  play();
  REQUIRE(WaitFor(sounding, 2.0));

  Messages messages{*device, {}};
  jack.kill();
  REQUIRE(WaitFor([&] { return messages.has("lost"); }, 3.0));
  INFO("messages: " << messages.all());
  CHECK(messages.has("null output meanwhile"));
  CHECK(device->description().find("null") == 0);
  // With no server the clock goes on (the null device's) and new notes still start.
  const int64_t dead_at = engine.frame();
  REQUIRE(WaitFor([&] { return engine.frame() > dead_at + 48000 / 5; }, 5.0));
  REQUIRE(WaitFor([&] { return !sounding(); }, 3.0));
  play();
  CHECK(WaitFor(sounding, 2.0));

  // The server again: the supervisor's retry (every 3 s) finds it and the output moves back.
  REQUIRE(jack.start());
  REQUIRE(WaitFor([&] { return messages.has("audio output back"); }, 10.0));
  CHECK(device->description().find("Jack") != std::string::npos);
  const int64_t back_at = engine.frame();
  REQUIRE(WaitFor([&] { return engine.frame() > back_at + 48000 / 5; }, 5.0));
  REQUIRE(WaitFor([&] { return !sounding(); }, 3.0));
  play();
  CHECK(WaitFor(sounding, 2.0));
  // Nothing the test asked for was dropped along the way.
  CHECK(engine.stats().dropped_events == 0);
  device.reset();
}
