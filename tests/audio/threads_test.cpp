// A producer thread pushing events while a consumer thread calls process() (run under TSan).
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "audio/engine.hpp"

using namespace mr::audio;

TEST_CASE("events pushed from one thread while another processes") {
  Engine engine;
  const SoundId hh = engine.resolve_sound("hh");
  std::atomic<bool> done{false};
  std::thread audio([&] {
    std::vector<float> out(128 * 2);
    Analysis a;
    while (!done.load()) engine.process(out.data(), 128);
    engine.process(out.data(), 128);
    (void)a;
  });
  long pushed = 0;
  Analysis seen;
  for (int i = 0; i < 20000; ++i) {
    VoiceEvent e;
    e.sound = hh;
    e.frame = engine.frame() + 64;
    e.duration_sec = 0.05;
    if (engine.push(e)) ++pushed;
    engine.read_analysis(seen);
    if (i % 1000 == 0) (void)engine.stats();
  }
  done = true;
  audio.join();
  CHECK(pushed > 0);
  CHECK(engine.frame() > 0);
}
