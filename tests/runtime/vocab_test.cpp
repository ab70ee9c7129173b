// The runtime side of Strudel's vocabulary: register, slider, the tempo functions and cpm, the
// draw and output functions, through the real Lua bindings and a real performance.
#include <catch2/catch.hpp>

#include <algorithm>

#include "pattern/json.hpp"
#include "runtime/bindings.hpp"
#include "runtime/performance.hpp"

using namespace mr;
using mr::pattern::Rational;

namespace {

runtime::LuaHostOptions host_options() {
  runtime::LuaHostOptions o;
  o.memory_limit_bytes = size_t{64} << 20;
  return o;
}

std::vector<std::string> q_in(runtime::LuaHost& host, const std::string& expr, int64_t to = 1) {
  pattern::Pattern p = pattern::silence();
  runtime::LuaError e = runtime::eval_pattern(host, expr, p);
  if (!e.ok) return {"error: " + e.message};
  return pattern::query_json_lines(p, Rational(0), Rational(to));
}

std::vector<std::string> q(const std::string& expr, int64_t to = 1) {
  runtime::LuaHost host(host_options());
  runtime::bind_patterns(host);
  return q_in(host, expr, to);
}

bool has(const std::vector<std::string>& lines, const std::string& part) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("register defines a chainable function with patterned arguments", "[runtime][vocab]") {
  runtime::LuaHost host(host_options());
  runtime::bind_patterns(host);
  REQUIRE(host.run("register('twice', function(n, pat) return pat:fast(n * 2) end)", "set", 1).ok);
  // A plain argument reaches the function as a number (n * 2 is Lua arithmetic).
  CHECK(q_in(host, "s(\"bd\"):twice(1)").size() == 2);
  CHECK(q_in(host, "twice(2, s(\"bd\"))").size() == 4);
  CHECK(q_in(host, "twice(1)(s(\"bd\"))").size() == 2);
  // A patterned argument: one call per value, inner-joined (2 events in the first half, 4 in the second).
  CHECK(q_in(host, "s(\"bd\"):twice(\"<1 2>\")", 2).size() == 6);
  CHECK(q_in(host, "s(\"bd\"):twice(\"1 2\")").size() == 3);
  // Several arguments to a one-argument function are a sequence, as in Strudel.
  CHECK(q_in(host, "s(\"bd\"):twice(1, 2)") == q_in(host, "s(\"bd\"):twice(\"1 2\")"));
  REQUIRE(host.run("register('both', function(a, b, pat) return pat:fast(a + b) end)", "set", 1).ok);
  CHECK(q_in(host, "s(\"bd\"):both(1, 2)").size() == 3);
  auto bad = q_in(host, "s(\"bd\"):both(1)");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].find("both") != std::string::npos);
  CHECK(!host.run("register('no good', function(p) return p end)", "set", 1).ok);
}

TEST_CASE("slider is a value the stage can change while it plays", "[runtime][vocab]") {
  runtime::LuaHost host(host_options());
  runtime::bind_patterns(host);
  REQUIRE(host.run("pat = n(slider(3, 0, 10))", "set", 1).ok);
  CHECK(q_in(host, "pat") == std::vector<std::string>{R"({"whole":["0","1"],"part":["0","1"],"value":{"n":3}})"});
  auto list = runtime::sliders(host);
  REQUIRE(list.size() == 1);
  CHECK(list[0].line == 1);
  CHECK(list[0].min == 0);
  CHECK(list[0].max == 10);
  CHECK(runtime::set_slider(host, list[0].id, 7));
  CHECK(has(q_in(host, "pat"), "\"n\":7"));
  CHECK(runtime::set_slider(host, list[0].id, 99));  // clamped to the range
  CHECK(has(q_in(host, "pat"), "\"n\":10"));
  CHECK(!runtime::set_slider(host, "nope", 1));
  REQUIRE(host.run("other = sliderWithID('cutoff', 800, 100, 4000)", "set", 1).ok);
  CHECK(runtime::sliders(host).size() == 2);
  CHECK(runtime::set_slider(host, "cutoff", 200));
  CHECK(has(q_in(host, "other"), "\"value\":200"));
}

TEST_CASE("draw functions change no event and check their options", "[runtime][vocab]") {
  const auto plain = q("note(\"c2 a2 eb2\"):euclid(5, 8)");
  for (const char* f : {"pianoroll", "_pianoroll", "punchcard", "spiral", "pitchwheel", "scope", "_scope", "tscope",
                        "fscope", "spectrum", "_spectrum", "wordfall", "markcss"})
    CHECK(q(std::string("note(\"c2 a2 eb2\"):euclid(5, 8):") + f + "({labels = 1})") == plain);
  CHECK(q("note(\"c4\"):pianoroll(3)")[0].rfind("error: ", 0) == 0);
}

TEST_CASE("midi routes an event to the MIDI output by its channel", "[runtime][vocab]") {
  CHECK(has(q("note(\"c4\"):midi('IAC Driver Bus 1')"), "\"midichan\":1"));
  CHECK(has(q("note(\"c4\"):midichan(3):midi()"), "\"midichan\":3"));
  CHECK(q("s(\"bd*2\"):osc()") == q("s(\"bd*2\")"));
}

TEST_CASE("setcpm, setCpm, setCps set the tempo; cpm plays at its own", "[runtime][vocab]") {
  runtime::PerformanceOptions o;
  o.prelude_paths = {std::string(MR_SOURCE_DIR) + "/patterns/prelude.lua"};
  o.lua.memory_limit_bytes = size_t{64} << 20;
  o.scheduler.rate_hz = 48000;
  o.scheduler.cps = Rational(1, 2);
  runtime::Performance perf(o, [](const std::string&) -> audio::SoundId { return 1; });
  auto eval = [&](const std::string& code) { return perf.evaluate(runtime::EvalSource{"set", code, 1, 0}, Rational(0)); };
  REQUIRE(eval("setcpm(90)").ok);
  CHECK(perf.scheduler().tempo().cps_at(Rational(1)) == Rational(3, 2));
  REQUIRE(eval("setCpm(30)").ok);
  CHECK(perf.scheduler().tempo().cps_at(Rational(2)) == Rational(1, 2));
  REQUIRE(eval("setCps(0.25)").ok);
  CHECK(perf.scheduler().tempo().cps_at(Rational(3)) == Rational(1, 4));
  CHECK(!eval("setcpm(-1)").ok);
  // At 0.5 cps, cpm(60) is one cycle a second: twice as fast as the tempo.
  REQUIRE(eval("setcps(0.5)\nd1(s(\"bd\"):cpm(60))").ok);
  std::vector<runtime::ScheduledHap> haps;
  perf.advance(perf.scheduler().tempo().frame_at(Rational(2)), haps);
  const auto onsets = std::count_if(haps.begin(), haps.end(), [](const runtime::ScheduledHap& h) { return !h.is_uniform; });
  CHECK(onsets == 4);  // two cycles of the tempo: four of cpm(60)
  CHECK(q_in(perf.host(), "s(\"bd\"):hush()").empty());
}
