// Cross-thread paths, run under TSan: a control thread resolving sounds (new sample banks decode
// on the loader thread) and pushing events, the audio thread calling process(), and a reader
// taking the analysis, all at once.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "audio/engine.hpp"
#include "test_util.hpp"

using namespace mr::audio;

TEST_CASE("events pushed and banks loaded from one thread while another processes and a third reads") {
  const std::string dir = mr::audio::test::TempDir("threads");
  for (int b = 0; b < 6; ++b) {
    const std::string bank = dir + "/bank" + std::to_string(b);
    std::filesystem::create_directories(bank);
    for (int f = 0; f < 3; ++f)
      REQUIRE(mr::audio::test::WriteSound(bank + "/" + std::to_string(f) + ".wav", 4800, 1, 48000,
                                          SF_FORMAT_WAV | SF_FORMAT_PCM_16,
                                          [](int i, int) { return 0.2f * std::sin(0.05f * static_cast<float>(i)); }));
  }
  EngineConfig config;
  config.sample_paths = {dir};
  config.superdirt_sample_paths = false;
  Engine engine(config);
  const SoundId hh = engine.resolve_sound("hh");
  std::atomic<bool> done{false};
  std::thread audio([&] {
    std::vector<float> out(128 * 2);
    while (!done.load()) engine.process(out.data(), 128);
    engine.process(out.data(), 128);
  });
  std::atomic<long> reads{0};
  std::thread reader([&] {
    mr::AudioAnalysis a;
    while (!done.load())
      if (engine.read_analysis(a)) reads.fetch_add(1);
  });
  long pushed = 0;
  std::string warning;
  for (int i = 0; i < 20000; ++i) {
    VoiceEvent e;
    e.sound = i % 3 == 0 ? engine.resolve_sound("bank" + std::to_string(i / 3 % 6) + ":" + std::to_string(i % 3)) : hh;
    e.frame = engine.frame() + 64;
    e.duration_sec = 0.05;
    if (i % 5 == 0) e.set(Param::Room, 0.2f);
    if (engine.push(e)) ++pushed;
    if (i % 1000 == 0) {
      (void)engine.stats();
      while (engine.poll_warning(warning)) {}
    }
  }
  // let the reader catch at least one snapshot (three threads on two cores may starve it)
  for (int i = 0; i < 2000 && reads.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  done = true;
  audio.join();
  reader.join();
  CHECK(pushed > 0);
  CHECK(engine.frame() > 0);
  CHECK(reads.load() > 0);
}
