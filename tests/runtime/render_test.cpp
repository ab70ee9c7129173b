// Offline rendering on the virtual clock: determinism, frame-exact hot swaps (immediate and
// quantized), errors that leave every slot alone, a query error that silences one slot only,
// hostile snippets that change no frame of the music already playing, and replay == render.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "runtime/performance.hpp"
#include "runtime/render.hpp"
#include "render_util.hpp"

using namespace mr::runtime;
using mr::pattern::Rational;

namespace {

RenderOptions options(double seconds) { return test::options(seconds, 150.0); }
using test::block;
using test::patterns_dir;
using test::render;

double rms(const std::vector<float>& x, size_t from = 0, size_t to = SIZE_MAX) {
  to = std::min(to, x.size());
  double s = 0;
  for (size_t i = from; i < to; ++i) s += double(x[i]) * x[i];
  return to > from ? std::sqrt(s / double(to - from)) : 0.0;
}

// A performance with a resolver that names sounds by number, for checking scheduled events.
struct Harness {
  Performance perf;
  std::vector<ScheduledHap> haps;
  static PerformanceOptions opts() {
    PerformanceOptions o;
    o.prelude_paths = {patterns_dir() + "/prelude.lua"};
    o.lua.require_paths = {patterns_dir()};
    o.lua.eval_budget_ms = 150.0;
    o.lua.memory_limit_bytes = size_t{64} << 20;
    o.scheduler.rate_hz = 48000;
    o.scheduler.cps = Rational(1, 2);  // one cycle = 96000 frames
    return o;
  }
  Harness()
      : perf(opts(), [](const std::string& name) -> mr::audio::SoundId {
          return name == "bd" ? 1 : name == "sn" ? 2 : name == "hh" ? 3 : mr::audio::kNoSound;
        }) {}
  LuaError eval(const std::string& code, Rational at, int first_line = 1) {
    return perf.evaluate(EvalSource{"set", code, first_line, 0}, at);
  }
  // Advances to `frame` in 512-frame ticks, collecting the events.
  void run_to(int64_t frame) {
    while (perf.scheduler().horizon_frame() < frame)
      perf.advance(std::min<int64_t>(frame, perf.scheduler().horizon_frame() + 512), haps);
  }
  std::vector<int64_t> frames_of(mr::audio::SoundId sound) const {
    std::vector<int64_t> out;
    for (const ScheduledHap& h : haps)
      if (h.has_event && h.event.sound == sound) out.push_back(h.frame);
    return out;
  }
};

}  // namespace

TEST_CASE("offline render is deterministic and the seed changes the randomness", "[runtime][render]") {
  const std::string code = "setcps(0.6)\nd1(s('bd*4'))\nd2(s('hh*8'):gain(rand:range(0.2, 1)))\nd3(note('c3 e3 g3'):s('saw'):lpf(800))\n";
  auto a = render({block(0, code)}, options(2.0));
  auto b = render({block(0, code)}, options(2.0));
  REQUIRE(a.size() == size_t(2 * 96000));
  CHECK(a == b);
  CHECK(rms(a) > 0.01);
  RenderOptions seeded = options(2.0);
  seeded.seed = 7;
  auto c = render({block(0, code)}, seeded);
  CHECK(c != a);
}

TEST_CASE("render writes identical WAV bytes for identical input, and replay of the log matches", "[runtime][render]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("mr_render_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string code = "d1(s('bd ~ sn ~'))\nd2(note('<c3 eb3>*4'):s('bass'))\n";
  RenderReport report;
  std::string error;
  REQUIRE(render_performance_to_wav({block(0, code)}, options(1.5), (dir / "a.wav").string(), report, error));
  REQUIRE(render_performance_to_wav({block(0, code)}, options(1.5), (dir / "b.wav").string(), report, error));
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  const std::string a = slurp(dir / "a.wav");
  CHECK(a.size() == kFloatWavHeaderBytes + size_t(72000) * 8);
  CHECK(a == slurp(dir / "b.wav"));
  // The same material as a log, replayed with a tail of the same length: the same bytes.
  std::vector<LogBlock> parsed;
  REQUIRE(parse_performance_log("-- a comment before the first header\n" + format_performance_log({block(0, code)}), parsed, error));
  REQUIRE(parsed.size() == 1);
  RenderOptions tail = options(0);
  tail.seconds.reset();
  tail.tail_seconds = 1.5;
  REQUIRE(render_performance_to_wav(parsed, tail, (dir / "c.wav").string(), report, error));
  CHECK(slurp(dir / "c.wav") == a);
  fs::remove_all(dir);
}

TEST_CASE("the performance log round-trips and rejects bad headers", "[runtime][log]") {
  std::vector<LogBlock> blocks;
  std::string error;
  const std::string text = "--@ cycle=0 buffer=set line=3 seed=2\nd1(s('bd'))\n--@ cycle=17/4 buffer=scratch\nhush()\n";
  REQUIRE(parse_performance_log(text, blocks, error));
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].first_line == 3);
  CHECK(blocks[0].fields.at("seed") == "2");
  CHECK(blocks[1].cycle == Rational(17, 4));
  CHECK(blocks[1].code == "hush()\n");
  CHECK(format_performance_log(blocks) == "--@ cycle=0 buffer=set line=3 seed=2\nd1(s('bd'))\n--@ cycle=17/4 buffer=scratch\nhush()\n");
  CHECK_FALSE(parse_performance_log("--@ buffer=x\n", blocks, error));
  CHECK(error.find("line 1") != std::string::npos);
  CHECK_FALSE(parse_performance_log("--@ cycle=2\nx=1\n--@ cycle=1\n", blocks, error));
}

TEST_CASE("a quantized swap lands on the cycle boundary, frame-exact, nothing lost or doubled", "[runtime][swap]") {
  Harness h;
  REQUIRE(h.eval("d1(s('bd*4'))", 0).ok);
  h.run_to(30000);  // the horizon is inside cycle 0
  Scheduler& s = h.perf.scheduler();
  REQUIRE(s.horizon_cycle() < Rational(1));
  REQUIRE(h.eval("d1(s('sn*2'))", s.next_cycle()).ok);
  h.run_to(96000 * 2);
  CHECK(h.frames_of(1) == std::vector<int64_t>{0, 24000, 48000, 72000});
  CHECK(h.frames_of(2) == std::vector<int64_t>{96000, 144000});
}

TEST_CASE("an immediate swap takes effect at the horizon, frame-exact", "[runtime][swap]") {
  Harness h;
  REQUIRE(h.eval("d1(s('bd*8'))", 0).ok);
  h.run_to(50000);
  const Rational at = h.perf.scheduler().immediate_cycle();
  REQUIRE(h.eval("d1(s('sn*8'))", at).ok);
  h.run_to(96000);
  // bd up to the swap (12000 frames apart), sn from the first eighth at or after it.
  CHECK(h.frames_of(1) == std::vector<int64_t>{0, 12000, 24000, 36000, 48000});
  CHECK(h.frames_of(2) == std::vector<int64_t>{60000, 72000, 84000});
}

TEST_CASE("an evaluation error leaves every slot as it was and names line and column", "[runtime][errors]") {
  Harness h;
  REQUIRE(h.eval("d1(s('bd*4'))\nd2(s('hh*2'))", 0).ok);
  LuaError e = h.eval("d1(s('sn*4'))\nhush()\nerror('boom')", 0, 10);
  CHECK_FALSE(e.ok);
  CHECK(e.line == 12);
  CHECK(e.message.find("boom") != std::string::npos);
  LuaError syntax = h.eval("d1(s('sn'))\nd2(s('hh') +)", 0, 5);
  CHECK_FALSE(syntax.ok);
  CHECK(syntax.line == 6);
  CHECK(syntax.column > 0);
  CHECK(h.perf.slot_names() == std::vector<std::string>{"d1", "d2"});
  h.run_to(96000);
  CHECK(h.frames_of(1).size() == 4);
  CHECK(h.frames_of(3).size() == 2);
  CHECK(h.frames_of(2).empty());
}

TEST_CASE("mute, solo, hush and once act at the evaluation's cycle", "[runtime][slots]") {
  Harness h;
  REQUIRE(h.eval("d1(s('bd*4'))\nd2(s('hh*4'))", 0).ok);
  REQUIRE(h.eval("mute('d2')", 1).ok);
  REQUIRE(h.eval("solo('d2') unmute('d2')", 2).ok);
  REQUIRE(h.eval("hush() once(s('sn*2'))", 3).ok);
  h.run_to(96000 * 5);
  CHECK(h.frames_of(1) == std::vector<int64_t>{0, 24000, 48000, 72000, 96000, 120000, 144000, 168000});
  CHECK(h.frames_of(3).size() == 4 + 4);  // cycle 0, and cycle 2 (soloed)
  CHECK(h.frames_of(2) == std::vector<int64_t>{288000, 336000});
  CHECK(h.perf.slot_names().empty());
}

TEST_CASE("setcps changes the tempo at the evaluation's exact position", "[runtime][tempo]") {
  Harness h;
  REQUIRE(h.eval("d1(s('bd*2'))", 0).ok);
  REQUIRE(h.eval("setcps(1)", 1).ok);
  h.run_to(96000 + 48000 * 2);
  CHECK(h.frames_of(1) == std::vector<int64_t>{0, 48000, 96000, 120000, 144000, 168000});
}

TEST_CASE("an error while a pattern is queried silences that slot only, reported once", "[runtime][errors]") {
  Harness h;
  REQUIRE(h.eval("d1(s('bd*4'))", 0).ok);
  REQUIRE(h.eval("d2(s('hh*4'))", 0).ok);
  // Cycle 1 on, d2's function fails when the pattern is queried (the arguments are patterned).
  REQUIRE(h.eval("d2(s('hh*4'):every('<2 3>', function(x) error('bad function') end))", 1).ok);
  h.run_to(96000 * 4);
  CHECK(h.frames_of(1).size() == 16);  // d1 never missed a beat
  // d2: its first pattern played cycle 0 and, restored as the last good one, plays on.
  CHECK(h.frames_of(3).size() == 16);
  std::vector<std::string> messages;
  std::string m;
  while (h.perf.scheduler().poll_message(m)) messages.push_back(m);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].find("d2") == 0);
  CHECK(messages[0].find("bad function") != std::string::npos);
}

TEST_CASE("hostile snippets never change a frame of the music already playing", "[runtime][hostile]") {
  const std::string music = "d1(s('bd*4'))\nd2(s('~ sn'))\nd3(note('c3 [e3 g3]'):s('saw'):lpf(900))\n";
  const std::vector<std::string> hostile = {
      "while true do end",
      "local function f(n) return f(n + 1) + 1 end f(1)",
      "local t = {} local i = 0 while true do i = i + 1 t[i] = {i, i, i} end",
      "local s = string.rep('x', 1 << 20) for i = 1, 40 do s = s .. s end",
      "d4(s('bd'):fast(1000000))",
      "d5(s('hh*4'):every('<2 3>', function(x) error('boom') end))",
      "d6(s('hh*4'):every('<2 3>', function(x) while true do end end))",
      "d7(s(string.rep('bd ', 100000)))",
  };
  RenderOptions o = options(5.0);
  auto clean = render({block(0, music)}, o);
  REQUIRE(rms(clean) > 0.01);
  std::vector<LogBlock> show = {block(0, music)};
  Rational at(1, 3);
  for (const std::string& h : hostile) {
    show.push_back(block(at, h));
    at += Rational(1, 4);
  }
  RenderReport report;
  auto attacked = render(show, o, &report);
  std::string all;
  for (const auto& m : report.messages) all += m + "\n";
  INFO(all);
  CHECK(report.eval_errors == 5);  // the loop, the recursion, the table, the string bombs
  CHECK(report.messages.size() >= 7);
  CHECK(all.find("d4: more than 2048 events a cycle") != std::string::npos);
  CHECK(all.find("d5: ") != std::string::npos);
  CHECK(all.find("d6: ") != std::string::npos);
  CHECK(all.find("ran past its budget of 50 ms") != std::string::npos);
  CHECK(all.find("a pattern string of 300000 bytes") != std::string::npos);
  REQUIRE(attacked.size() == clean.size());
  size_t first_diff = clean.size();
  for (size_t i = 0; i < clean.size(); ++i)
    if (clean[i] != attacked[i]) {
      first_diff = i;
      break;
    }
  CHECK(first_diff == clean.size());
}

TEST_CASE("mini-notation spans are offset to buffer bytes", "[runtime][spans]") {
  Harness h;
  const std::string code = "-- drums\nd1(s(\"bd sn\"))";
  REQUIRE(h.perf.evaluate(EvalSource{"set", code, 1, 100}, 0).ok);
  h.run_to(96000);
  REQUIRE(h.haps.size() == 2);
  REQUIRE(h.haps[0].locations.size() == 1);
  const size_t bd = code.find("bd");
  CHECK(h.haps[0].locations[0].begin == int32_t(100 + bd));
  CHECK(h.haps[0].locations[0].end == int32_t(100 + bd + 2));
  CHECK(h.haps[0].buffer == "set");
}

TEST_CASE("errors point at their column: mini-notation by byte, runtime errors by the name", "[runtime][errors]") {
  Harness h;
  LuaError mini = h.eval("d1(s('bd'))\nd2(s('bd [sn'))", 0, 10);
  CHECK_FALSE(mini.ok);
  CHECK(mini.message.find("mini-notation") != std::string::npos);
  CHECK(mini.line == 11);
  CHECK(mini.column >= 7);
  CHECK(mini.column <= 13);
  LuaError call = h.eval("local x = 1\n  foo(2)", 0, 1);
  CHECK_FALSE(call.ok);
  CHECK(call.line == 2);
  CHECK(call.column == 3);
  LuaError field = h.eval("local t = {}\nlocal y = t.bar()", 0, 4);
  CHECK(field.line == 5);
  CHECK(field.column == 13);
}

TEST_CASE("an immediate tempo change overtakes a quantized one planned later", "[runtime][tempo]") {
  Harness h;
  REQUIRE(h.eval("d1(s('bd*2'))", 0).ok);
  h.run_to(24000);
  REQUIRE(h.eval("setcps(2)", h.perf.scheduler().next_cycle()).ok);  // planned at cycle 1
  REQUIRE(h.eval("setcps(1)", h.perf.scheduler().immediate_cycle()).ok);  // at the horizon, earlier
  h.run_to(96000);
  // From frame 24000 (cycle 1/4) on, one cycle lasts 48000 frames: onsets at cycle 1/2, 1, 3/2.
  CHECK(h.frames_of(1) == std::vector<int64_t>{0, 36000, 60000, 84000});
}

TEST_CASE("the float WAV header is the format's own: 18-byte fmt and a fact chunk", "[runtime][render]") {
  const std::string h = float_wav_header(48000, 2, 1000);
  REQUIRE(h.size() == kFloatWavHeaderBytes);
  auto u32 = [&](size_t at) {
    return uint32_t(uint8_t(h[at])) | uint32_t(uint8_t(h[at + 1])) << 8 | uint32_t(uint8_t(h[at + 2])) << 16 |
           uint32_t(uint8_t(h[at + 3])) << 24;
  };
  CHECK(h.substr(0, 4) == "RIFF");
  CHECK(u32(4) == 50 + 8000);  // everything after the RIFF size
  CHECK(h.substr(8, 8) == "WAVEfmt ");
  CHECK(u32(16) == 18);
  CHECK(h[20] == 3);  // IEEE float
  CHECK(h.substr(38, 4) == "fact");
  CHECK(u32(46) == 1000);  // frames
  CHECK(h.substr(50, 4) == "data");
  CHECK(u32(54) == 8000);
  CHECK(float_wav_header(48000, 2, 7).size() == kFloatWavHeaderBytes);
}

TEST_CASE("render: the engine's analysis at chosen frames, as the live window reads it (shot's path)") {
  RenderOptions o = options(2.0);
  std::vector<mr::AudioAnalysis> analyses;
  o.analysis_frames = {0, 24000, 48000, 72000, 72000};
  o.analyses = &analyses;
  // A sine that starts at 1 s (cps 0.5: cycle 0.5), so the first analyses are silent.
  const auto out = render({block(Rational(0), "d1(note(\"~ a4\"):s(\"sine\"):sustain(2))")}, o);
  REQUIRE(analyses.size() == 5);
  CHECK(analyses[0].master_rms == 0.0f);
  CHECK(analyses[1].master_rms == 0.0f);
  CHECK(analyses[3].master_rms > 0.01f);
  CHECK(analyses[3].master_peak >= analyses[3].master_rms);
  CHECK(analyses[3].frame >= 72000);  // read at the end of the block that reaches the frame
  CHECK(analyses[3].frame < 72000 + 4096);
  CHECK(analyses[4].frame == analyses[3].frame);
  // The spectrum's peak is a4 (440 Hz: bin 440 * 2048 / 48000 = 18.8).
  int best = 0;
  for (int k = 0; k < 512; ++k)
    if (analyses[3].fft[k] > analyses[3].fft[best]) best = k;
  CHECK(std::abs(best - 19) <= 1);
  // The scope is the output's last 512 frames (mono): it moves.
  float lo = 1, hi = -1;
  for (float v : analyses[3].waveform) lo = std::min(lo, v), hi = std::max(hi, v);
  CHECK(hi - lo > 0.02f);
  CHECK(out.size() >= 2 * 96000);
}

TEST_CASE("a whole-buffer evaluation makes the playing set what the buffer names; a block leaves the others", "[runtime][render]") {
  Harness h;
  auto eval = [&](const std::string& code, Rational at, bool whole) {
    EvalSource src{"set", code, 1, 0};
    src.replace_set = whole;
    return h.perf.evaluate(src, at);
  };
  auto cycles_of = [&](mr::audio::SoundId sound) {
    std::vector<Rational> out;
    for (const ScheduledHap& x : h.haps)
      if (x.has_event && x.event.sound == sound) out.push_back(x.cycle);
    return out;
  };
  REQUIRE(eval("d1(s('bd*4'))\nd2(s('hh*8'))", Rational(0), true).ok);
  h.run_to(96000);  // cycle 1
  // The whole buffer now names d1 (new pattern) and d3, not d2: d2 stops at cycle 2, as sn starts.
  REQUIRE(eval("d1(s('sn*2'))\nd3(s('bd'))", Rational(2), true).ok);
  CHECK(h.perf.slot_names() == std::vector<std::string>{"d1", "d3"});
  h.run_to(4 * 96000);
  const auto hh = cycles_of(3), sn = cycles_of(2);
  REQUIRE(!hh.empty());
  REQUIRE(!sn.empty());
  CHECK(hh.back() == Rational(15, 8));  // the last hat of cycle 1
  CHECK(hh.size() == 16);               // cycles 0 and 1, eight each
  CHECK(sn.front() == Rational(2));     // the new set starts at the same cycle
  // A block evaluation replaces d1 only: d3 plays on.
  REQUIRE(eval("d1(s('hh*2'))", Rational(5), false).ok);
  CHECK(h.perf.slot_names() == std::vector<std::string>{"d1", "d3"});
  h.haps.clear();
  h.run_to(7 * 96000);
  int bd_after = 0;
  for (const Rational& c : cycles_of(1)) bd_after += c >= Rational(5) ? 1 : 0;
  CHECK(bd_after == 2);  // d3's bd in cycles 5 and 6
}
