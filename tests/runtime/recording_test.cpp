// Recording a live session (null audio output, in real time): the engine's output tap drained
// into a WAV file off the audio thread, with the performance log beside it.
#include <catch2/catch.hpp>

#include <sndfile.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "runtime/session.hpp"

using namespace mr::runtime;

TEST_CASE("a live session records its output to a WAV file with the performance log beside it",
          "[runtime][session][record]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("moonrave_record_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  config.audio.api = "null";
  config.sample_paths = {};
  const fs::path wav = dir / "take.wav";
  double elapsed_sec = 0.0;
  {
    Session s(config);
    EvalRequest play;
    play.buffer = "live";
    play.code = "d1(s('bd*8'))\nd2(note('c3 e3 g3'):s('saw'))";
    play.quantize = Quantize::Immediate;
    s.evaluate(play);
    EvalResult r;
    for (int i = 0; i < 2000 && !s.poll_result(r); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    INFO(r.message);
    REQUIRE(r.ok);
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(s.start_recording(wav.string()));
    CHECK(s.status().recording);
    CHECK_FALSE(s.start_recording((dir / "second.wav").string()));  // one recording at a time
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    s.stop_recording();
    elapsed_sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK_FALSE(s.status().recording);
    while (s.poll_result(r)) CHECK(r.message.find("frames dropped") == std::string::npos);
  }
  SF_INFO info{};
  SNDFILE* f = sf_open(wav.string().c_str(), SFM_READ, &info);
  REQUIRE(f != nullptr);
  std::vector<float> frames(static_cast<size_t>(info.frames) * static_cast<size_t>(std::max(1, info.channels)));
  const sf_count_t got = sf_readf_float(f, frames.data(), info.frames);
  sf_close(f);
  CHECK(got == info.frames);
  CHECK(info.samplerate == 48000);
  CHECK(info.channels == 2);
  // about one second: the null output renders in real time, never ahead (it may fall behind
  // on a loaded machine, so the lower bound is loose)
  CHECK(info.frames >= 24000);
  CHECK(static_cast<double>(info.frames) <= (elapsed_sec + 0.05) * 48000.0);
  float peak = 0.f;
  for (float x : frames) peak = std::max(peak, std::fabs(x));
  CHECK(peak > 0.05f);
  CHECK(peak <= 1.f);
  // the performance log beside it
  std::ifstream in(dir / "take.log");
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str().find("d1(s('bd*8'))") != std::string::npos);
  unsetenv("XDG_STATE_HOME");
  fs::remove_all(dir);
}

TEST_CASE("recording into a folder that does not exist fails without arming anything", "[runtime][session][record]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("moonrave_record_test2_" + std::to_string(::getpid()));
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  config.audio.api = "null";
  {
    Session s(config);
    CHECK_FALSE(s.start_recording((dir / "no" / "such" / "folder" / "x.wav").string()));
    CHECK_FALSE(s.status().recording);
    s.stop_recording();  // nothing to stop
  }
  unsetenv("XDG_STATE_HOME");
  fs::remove_all(dir);
}
