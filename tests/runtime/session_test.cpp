#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "runtime/render.hpp"
#include "runtime/session.hpp"
#include "runtime/session_clock.hpp"

using namespace mr::runtime;
using mr::pattern::Rational;

namespace {
EvalResult wait_result(Session& s) {
  EvalResult r;
  for (int i = 0; i < 2000 && !s.poll_result(r); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return r;
}
}  // namespace

TEST_CASE("session evaluates on its thread, reports errors and logs every evaluation", "[runtime][session]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "moonrave_session_test";
  fs::remove_all(dir);
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  config.audio.api = "null";
  config.runtime.eval_budget_ms = 50.0;
  config.runtime.lua_memory_mb = 32;
  std::string log;
  {
    Session s(config);
    EvalRequest ok;
    ok.buffer = "set";
    ok.code = "x = 1";
    uint64_t id1 = s.evaluate(ok);
    EvalResult r1 = wait_result(s);
    CHECK(r1.id == id1);
    CHECK(r1.ok);

    EvalRequest bad;
    bad.buffer = "set";
    bad.code = "local y = 2\nwhile true do end";
    bad.first_line = 20;
    uint64_t id2 = s.evaluate(bad);
    EvalResult r2 = wait_result(s);
    CHECK(r2.id == id2);
    CHECK_FALSE(r2.ok);
    CHECK(r2.line == 21);

    EvalRequest after;
    after.code = "assert(x == 1)";
    s.evaluate(after);
    CHECK(wait_result(s).ok);
    CHECK(s.status().device == "null");

    EvalRequest play;
    play.buffer = "set";
    play.code = "d1(s('bd*2'))\np('bass', note('c2'))\ns('hh'):play('hats')\nmute('bass')";
    s.evaluate(play);
    EvalResult rp = wait_result(s);
    INFO(rp.message);
    CHECK(rp.ok);
    CHECK(s.status().slots == std::vector<std::string>{"d1", "-bass", "hats"});
    s.hush();
    CHECK(wait_result(s).ok);
    CHECK(s.status().slots.empty());
    log = s.log_path();
  }
  REQUIRE_FALSE(log.empty());
  std::ifstream in(log);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  CHECK(text.rfind("--@ cycle=", 0) == 0);
  CHECK(text.find(" buffer=set ") != std::string::npos);
  CHECK(text.find(" buffer=scratch ") != std::string::npos);
  CHECK(text.find("\nassert(x == 1)\n") != std::string::npos);
  CHECK(text.find("\nhush()\n") != std::string::npos);
  std::vector<LogBlock> blocks;
  std::string error;
  CHECK(parse_performance_log(text, blocks, error));
  REQUIRE(blocks.size() == 5);
  CHECK(blocks[0].code == "x = 1\n");
  CHECK(blocks[0].fields["outcome"] == "ok");
  CHECK(blocks[1].code == "local y = 2\nwhile true do end\n");
  CHECK(blocks[1].fields["outcome"] == "error");
  CHECK(blocks[1].first_line == 20);
  CHECK(blocks[4].code == "hush()\n");
  unsetenv("XDG_STATE_HOME");
  fs::remove_all(dir);
}

TEST_CASE("write_file_atomic replaces a file whole", "[runtime][session]") {
  namespace fs = std::filesystem;
  fs::path p = fs::temp_directory_path() / "moonrave_atomic_test.lua";
  REQUIRE(write_file_atomic(p.string(), "d1(s('bd'))\n"));
  REQUIRE(write_file_atomic(p.string(), "d2(s('sn'))\n"));
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == "d2(s('sn'))\n");
  CHECK_FALSE(fs::exists(p.string() + ".tmp"));
  fs::remove(p);
}

namespace {

// Plays the audio thread for a SessionClock session: renders `frames` in 512-frame blocks, each
// only once the session has scheduled past it (so the comparison below is exact, whatever the
// machine's load), and gives up if the runtime thread stops scheduling for 5 s.
bool play(SessionClock& clock, int64_t frames, std::vector<float>& out) {
  const int64_t end = clock.frame() + frames;
  while (clock.frame() < end) {
    const int n = static_cast<int>(std::min<int64_t>(512, end - clock.frame()));
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (clock.horizon() < clock.frame() + n) {
      if (std::chrono::steady_clock::now() > give_up) return false;
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    clock.render(n, out);
  }
  return true;
}

EvalRequest request(const std::string& code, Quantize q = Quantize::Immediate) {
  EvalRequest r;
  r.buffer = "live";
  r.code = code;
  r.quantize = q;
  return r;
}

}  // namespace

TEST_CASE("a live session's audio is replayed sample-identically from its log, hostile code included",
          "[runtime][session][replay]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("moonrave_live_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  config.runtime.eval_budget_ms = 300.0;  // longer than the lookahead
  config.runtime.lookahead_ms = 100.0;
  config.runtime.lua_memory_mb = 64;
  fs::create_directories(dir);
  SessionClock clock;
  std::vector<float> live;
  std::string log;
  uint64_t late = 0;
  int64_t rec_start = 0, rec_stop = 0;
  {
    Session s(config, &clock);
    REQUIRE(play(clock, 4800, live));
    s.evaluate(request("d1(s('bd*4'))\nd2(note('c3 e3'):s('saw'):lpf(700))"));
    REQUIRE(play(clock, 48000, live));
    rec_start = clock.frame();
    REQUIRE(s.start_recording((dir / "rec.wav").string()));
    CHECK(s.status().recording);
    s.evaluate(request("d3(s('hh*8'))", Quantize::Cycle));
    REQUIRE(play(clock, 48000, live));
    // Spins for its whole budget: the scheduler must keep ticking meanwhile (play() would give up).
    uint64_t id = s.evaluate(request("while true do end"));
    EvalResult r;
    while (!s.poll_result(r) || r.id != id) REQUIRE(play(clock, 512, live));
    CHECK_FALSE(r.ok);
    CHECK(r.message.find("budget") != std::string::npos);
    // A runaway density and a generated mini-notation bomb: the music plays on, frame-exact.
    s.evaluate(request("d4(s('bd'):fast(1000000))"));
    id = s.evaluate(request("d5(s(string.rep('bd ', 100000)))"));
    while (!s.poll_result(r) || r.id != id) REQUIRE(play(clock, 512, live));
    CHECK_FALSE(r.ok);
    s.evaluate(request("d2(s('~ sn'))"));
    REQUIRE(play(clock, 96000, live));
    rec_stop = clock.frame();
    s.stop_recording();
    CHECK_FALSE(s.status().recording);
    late = s.status().late_events;
    log = s.log_path();
  }
  CHECK(late == 0);
  std::ifstream in(log);
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<LogBlock> blocks;
  std::string error;
  REQUIRE(parse_performance_log(ss.str(), blocks, error));
  REQUIRE(blocks.size() == 6);
  CHECK(blocks[2].fields.at("outcome") == "error");
  CHECK(blocks[3].fields.at("outcome") == "ok");
  CHECK(blocks[4].fields.at("outcome") == "error");
  RenderOptions o;
  o.seconds = static_cast<double>(live.size() / 2) / 48000.0;
  o.prelude_paths = {std::string(MR_SOURCE_DIR) + "/patterns/prelude.lua"};
  std::vector<float> replayed;
  RenderReport report;
  REQUIRE(render_performance(
      blocks, o, [&](const float* x, int n) { replayed.insert(replayed.end(), x, x + 2 * n); return true; }, report,
      error));
  REQUIRE(replayed.size() == live.size());
  // The file starts after the master chain's latency, which the live output still contains.
  const size_t shift = 2 * static_cast<size_t>(report.latency_frames);
  REQUIRE(shift < live.size() / 2);
  size_t first_diff = live.size();
  for (size_t i = 0; i + shift < live.size(); ++i)
    if (live[i + shift] != replayed[i]) {
      first_diff = i;
      break;
    }
  CHECK(first_diff == live.size());
  double energy = 0;
  for (float x : live) energy += double(x) * x;
  CHECK(energy > 1.0);
  // The recording (the engine's output tap) holds exactly the frames that sounded meanwhile.
  std::ifstream rec(dir / "rec.wav", std::ios::binary);
  std::stringstream rs;
  rs << rec.rdbuf();
  const std::string wav = rs.str();
  size_t data = 12;  // the RIFF chunks after "RIFF" size "WAVE", up to "data"
  while (data + 8 <= wav.size() && wav.compare(data, 4, "data") != 0) {
    uint32_t len = 0;
    std::memcpy(&len, wav.data() + data + 4, 4);
    data += 8 + len + (len & 1);
  }
  REQUIRE(data + 8 <= wav.size());
  data += 8;
  REQUIRE(wav.size() - data == static_cast<size_t>(rec_stop - rec_start) * 8);
  std::vector<float> recorded((wav.size() - data) / 4);
  std::memcpy(recorded.data(), wav.data() + data, wav.size() - data);
  CHECK(std::equal(recorded.begin(), recorded.end(), live.begin() + 2 * rec_start));
  // and the performance log beside it
  CHECK(fs::file_size(dir / "rec.log") == ss.str().size());
  unsetenv("XDG_STATE_HOME");
  fs::remove_all(dir);
}

TEST_CASE("live, in real time, an evaluation that spins for its whole budget causes no late event",
          "[runtime][session][budget]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("moonrave_rt_test_" + std::to_string(::getpid()));
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  config.runtime.eval_budget_ms = 400.0;
  config.runtime.lookahead_ms = 100.0;
  SessionClock clock;
  std::vector<float> out;
  Session s(config, &clock);
  s.evaluate(request("d1(s('hh*16'))"));
  // The audio thread's pace: 512 frames every 512/48000 s, whatever the runtime thread does.
  auto next = std::chrono::steady_clock::now();
  auto render_for = [&](double sec) {
    const int blocks = static_cast<int>(sec * 48000 / 512);
    for (int i = 0; i < blocks; ++i) {
      next += std::chrono::microseconds(512 * 1000000 / 48000);
      std::this_thread::sleep_until(next);
      clock.render(512, out);
    }
  };
  render_for(0.3);
  uint64_t id = s.evaluate(request("local x = 0 while true do x = x + 1 end"));
  render_for(0.8);
  EvalResult r;
  bool got = false;
  while (s.poll_result(r))
    if (r.id == id) got = true;
  CHECK(got);
  CHECK(s.status().late_events == 0);
  unsetenv("XDG_STATE_HOME");
  fs::remove_all(dir);
}

TEST_CASE("a live session publishes the sounding mini-notation spans and the uniforms", "[runtime][session][spans]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("moonrave_spans_test_" + std::to_string(::getpid()));
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  SessionClock clock;
  std::vector<float> out;
  Session s(config, &clock);
  EvalRequest r = request("-- a comment\nd1(s(\"bd sn\"))\nuniform('pulse', '1 0.25')");
  r.first_byte = 1000;
  r.revision = (uint64_t{7} << 32) + 41;  // the editor's text version: the spans come back with it
  const uint64_t id = s.evaluate(r);
  EvalResult res;
  while (!s.poll_result(res) || res.id != id) REQUIRE(play(clock, 512, out));
  REQUIRE(res.ok);
  // A cycle on: the "bd" that began before the evaluation landed never sounded, so the first
  // half cycle after it may have no span; every hap from here on has been published.
  REQUIRE(play(clock, 96000, out));
  const double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  std::vector<ActiveSpan> spans;
  s.active_spans(now, spans);
  INFO("engine frame " << clock.frame() << ", " << res.message);
  REQUIRE(spans.size() == 1);  // "bd" and "sn" each last half a cycle: one sounds at any time
  CHECK(spans[0].buffer == "live");
  CHECK(spans[0].revision == r.revision);
  const std::string code = r.code;
  const int32_t bd = 1000 + static_cast<int32_t>(code.find("bd")), sn = 1000 + static_cast<int32_t>(code.find("sn"));
  CHECK((spans[0].begin == bd || spans[0].begin == sn));
  CHECK(spans[0].end == spans[0].begin + 2);
  std::vector<UniformValue> uniforms;
  s.uniforms(now, uniforms);
  REQUIRE(uniforms.size() == 1);
  CHECK(uniforms[0].name == "pulse");
  CHECK((uniforms[0].value == 1.0f || uniforms[0].value == 0.25f));
  CHECK(uniforms[0].since_event_sec < 1.01f);
  unsetenv("XDG_STATE_HOME");
  fs::remove_all(dir);
}

TEST_CASE("hush (and panic) silence within one audio block while an evaluation spins", "[runtime][session][hush]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("moonrave_hush_test_" + std::to_string(::getpid()));
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  config.runtime.eval_budget_ms = 3000.0;  // it would spin for 3 s: the hush must not wait for it
  config.runtime.lookahead_ms = 100.0;
  SessionClock clock;
  std::vector<float> out;
  Session s(config, &clock);
  auto next = std::chrono::steady_clock::now();
  auto render_for = [&](double sec) {  // the audio thread's pace, whatever the runtime does
    const int blocks = static_cast<int>(sec * 48000 / 128);
    for (int i = 0; i < blocks; ++i) {
      next += std::chrono::microseconds(128 * 1000000 / 48000);
      std::this_thread::sleep_until(next);
      clock.render(128, out);
    }
  };
  auto peak = [&](size_t from_frame, size_t to_frame) {
    float p = 0.f;
    for (size_t i = 2 * from_frame; i < std::min(out.size(), 2 * to_frame); ++i) p = std::max(p, std::fabs(out[i]));
    return p;
  };
  s.evaluate(request("d1(note('c3 e3 g3 c4'):s('saw'):legato(1))\nd2(s('hh*16'))"));
  render_for(0.6);
  const uint64_t id = s.evaluate(request("local x = 0 while true do x = x + 1 end"));
  render_for(0.1);  // it spins now
  const size_t at = out.size() / 2;
  REQUIRE(peak(at - 4800, at) > 0.05f);
  const auto t0 = std::chrono::steady_clock::now();
  s.hush();
  render_for(0.4);
  // The engine's fade (10 ms) starts in the block after the key; with the limiter's 5 ms
  // lookahead the output is silent 128 + 480 + 240 frames later, and stays so.
  const size_t latency = 240;
  CHECK(peak(at + 128 + 480 + latency, out.size() / 2) < 1e-4f);
  CHECK(peak(at + latency + 128 + 240, at + latency + 128 + 480) < peak(at - 128, at));  // fading in the first blocks
  // The spinning evaluation was stopped by the hush, long before its 3 s budget.
  EvalResult r;
  bool stopped = false;
  while (s.poll_result(r))
    if (r.id == id) stopped = r.message == "stopped by hush";
  CHECK(stopped);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
  CHECK(s.status().slots.empty());
  unsetenv("XDG_STATE_HOME");
  fs::remove_all(dir);
}

TEST_CASE("an immediate evaluation swaps at the next block: its queued events are cancelled, replay is exact",
          "[runtime][session][swap]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("moonrave_swap_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  config.runtime.lookahead_ms = 100.0;
  config.audio.buffer_frames = 256;
  SessionClock clock;
  std::vector<float> live;
  std::string log;
  std::vector<double> swap_frames;
  {
    Session s(config, &clock);
    REQUIRE(play(clock, 4800, live));
    s.evaluate(request("d1(s('hh*32'))\nd2(note('c3 e3'):s('saw'))"));
    REQUIRE(play(clock, 48000, live));
    for (const char* code : {"d1(s('bd*32'))", "d1(s('cp*16'))\nd2(note('g3'):s('square'))", "hush()", "d3(s('sn*8'))"}) {
      const int64_t request_frame = clock.frame();
      const uint64_t id = s.evaluate(request(code));
      EvalResult r;
      // The audio thread goes on in blocks of 128 frames while the runtime works (up to the
      // horizon the runtime publishes: the virtual clock's rule for never being late).
      while (!s.poll_result(r) || r.id != id) {
        std::this_thread::sleep_for(std::chrono::microseconds(2667));
        if (clock.horizon() >= clock.frame() + 128) clock.render(128, live);
      }
      REQUIRE(r.ok);
      REQUIRE(r.message.rfind("applied at cycle ", 0) == 0);
      char said[48];
      std::snprintf(said, sizeof said, "applied at cycle %.2f", r.at_cycle);
      CHECK(r.message == said);  // two decimals, as a performer reads it
      swap_frames.push_back(r.at_cycle * 2 * 48000.0 - static_cast<double>(request_frame));  // 0.5 cps
      REQUIRE(play(clock, 24000, live));
    }
    CHECK(s.status().late_events == 0);
    log = s.log_path();
  }
  // Each swap point is one tick (192 frames) and one block (256) past the engine's frame when the
  // evaluation finished: well inside the 100 ms lookahead where it used to land.
  for (double f : swap_frames) {
    CHECK(f >= 0);
    CHECK(f < 4800 * 0.5);
  }
  // The replay of the log is sample-identical: the old patterns' queued events after each swap
  // point were cancelled in the engine, exactly as the replay never scheduled them.
  std::ifstream in(log);
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<LogBlock> blocks;
  std::string error;
  REQUIRE(parse_performance_log(ss.str(), blocks, error));
  RenderOptions o;
  o.seconds = static_cast<double>(live.size() / 2) / 48000.0;
  o.prelude_paths = {std::string(MR_SOURCE_DIR) + "/patterns/prelude.lua"};
  std::vector<float> replayed;
  RenderReport report;
  REQUIRE(render_performance(
      blocks, o, [&](const float* x, int n) { replayed.insert(replayed.end(), x, x + 2 * n); return true; }, report,
      error));
  REQUIRE(replayed.size() == live.size());
  const size_t shift = 2 * static_cast<size_t>(report.latency_frames);
  size_t first_diff = live.size();
  for (size_t i = 0; i + shift < live.size(); ++i)
    if (live[i + shift] != replayed[i]) {
      first_diff = i;
      break;
    }
  CHECK(first_diff == live.size());
  unsetenv("XDG_STATE_HOME");
  fs::remove_all(dir);
}

TEST_CASE("a live session hands log() lines to the window as log results, a bounded number at a time",
          "[runtime][session][log]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("moonrave_log_test_" + std::to_string(::getpid()));
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  SessionClock clock;
  std::vector<float> out;
  Session s(config, &clock);
  const uint64_t id = s.evaluate(request("d1(note(\"c e\"):s(\"sawtooth\"):log())"));
  EvalResult res;
  while (!s.poll_result(res) || res.id != id) REQUIRE(play(clock, 512, out));
  REQUIRE(res.ok);
  CHECK_FALSE(res.log);
  REQUIRE(play(clock, 96000 * 2, out));  // two cycles
  std::vector<std::string> lines;
  while (s.poll_result(res)) {
    CHECK(res.log);
    CHECK(res.ok);
    lines.push_back(res.message);
  }
  REQUIRE(lines.size() >= 3);
  CHECK(std::find(lines.begin(), lines.end(), "[hap] 3/2 → 2/1: note:e s:sawtooth") != lines.end());
  for (const std::string& l : lines) CHECK(l.rfind("[hap] ", 0) == 0);

  // Nobody takes them for 16 cycles of 256 events: at most 512 wait, then a line says how many
  // more were dropped.
  const uint64_t id2 = s.evaluate(request("d1(s(\"bd*256\"):log())"));
  while (!s.poll_result(res) || res.id != id2) REQUIRE(play(clock, 512, out));
  REQUIRE(play(clock, 96000 * 16, out));
  // The session goes on scheduling while they are taken, so the line that says how many were
  // dropped may come during the taking or after it: it comes after the 512 that waited, before
  // the first line that found room again.
  std::vector<std::string> got;
  auto take = [&] {
    while (s.poll_result(res)) {
      CHECK(res.log);
      got.push_back(res.message);
    }
  };
  auto said = [&] {
    return std::find_if(got.begin(), got.end(), [](const std::string& l) { return l.rfind("[log] ", 0) == 0; });
  };
  take();
  CHECK(got.size() >= 500);
  for (int i = 0; i < 400 && said() == got.end(); ++i) {
    REQUIRE(play(clock, 512, out));
    take();
  }
  REQUIRE(said() != got.end());
  const size_t before = static_cast<size_t>(said() - got.begin());
  CHECK(before >= 500);
  CHECK(before <= 512 + 32);  // a few more may come while they are taken (scheduled ahead)
  INFO(*said());
  CHECK(said()->find("line(s) dropped") != std::string::npos);
  for (size_t i = 0; i < before; ++i) CHECK(got[i].rfind("[hap] ", 0) == 0);
  unsetenv("XDG_STATE_HOME");
  fs::remove_all(dir);
}

TEST_CASE("a live session lists the sliders with their buffer line and changes one while it plays", "[runtime][session][slider]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("moonrave_slider_test_" + std::to_string(::getpid()));
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  SessionClock clock;
  std::vector<float> out;
  Session s(config, &clock);
  // A block that starts at the buffer's line 5: the slider is on its second line, line 6.
  EvalRequest r = request("-- cutoff\nd1(note('c3'):s('sawtooth'):lpf(slider(800, 200, 4000, 100)))");
  r.first_line = 5;
  const uint64_t id = s.evaluate(r);
  EvalResult res;
  while (!s.poll_result(res) || res.id != id) REQUIRE(play(clock, 512, out));
  REQUIRE(res.ok);
  std::vector<SliderInfo> list = s.sliders();
  REQUIRE(list.size() == 1);
  CHECK(list[0].id == "slider_6_0");
  CHECK(list[0].buffer == "live");
  CHECK(list[0].line == 6);
  CHECK(list[0].value == 800);
  CHECK(s.set_slider("slider_6_0", 1234));  // to its step of 100
  CHECK(s.sliders()[0].value == 1200);
  CHECK(s.set_slider("slider_6_0", 99999));  // clamped to its range
  CHECK(s.sliders()[0].value == 4000);
  CHECK_FALSE(s.set_slider("slider_1_0", 1));
  unsetenv("XDG_STATE_HOME");
  fs::remove_all(dir);
}
