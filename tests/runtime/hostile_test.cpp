// The hostile corpus: evaluations a hostile or unlucky performer might try, each evaluated over
// a playing set in the real offline render (the same Performance, Lua bindings, scheduler and
// engine as a live show). After each one the set must still play, frame for frame, and the
// runtime must still answer. Categories: runaway Lua in every form (loops, recursion, pcall /
// xpcall / coroutine layers that try to catch the budget, hostile error objects, metamethods,
// table.sort comparators, gsub callbacks, __gc finalizers), sandbox escapes, bombs of strings,
// tables and string patterns, pattern explosions (huge fast, ply, segment, euclid, run, iter,
// stacks doubled thousands of times, deep nesting), absurd values for pattern functions and
// malformed mini-notation.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pattern/budget.hpp"
#include "pattern/ops.hpp"
#include "runtime/performance.hpp"
#include "runtime/render.hpp"
#include "render_util.hpp"

using namespace mr::runtime;
using mr::pattern::Rational;

namespace {

RenderOptions options(double seconds) { return test::options(seconds, 100.0); }
using test::block;
using test::patterns_dir;
using test::render;

double energy(const std::vector<float>& x, size_t from = 0, size_t to = SIZE_MAX) {
  double s = 0;
  for (size_t i = from; i < std::min(to, x.size()); ++i) s += double(x[i]) * x[i];
  return s;
}

const char* kMusic = "d1(s('bd*4'))\nd2(s('~ sn'))\nd3(note('c3 [e3 g3]'):s('saw'):lpf(900))\n";

// Each of these must fail (an evaluation error) or be refused at query time, and leave every
// frame of the music as it was.
const std::vector<std::string> kSilentHostile = {
    // runaway Lua
    "while true do end",
    "repeat until false",
    "local function f(n) return f(n + 1) + 1 end f(1)",
    "local function f() return f() end f()",
    "while true do pcall(function() while true do end end) end",
    "while true do pcall(error, 'x') end",
    "for i = 1, math.huge do local ok = pcall(function() for j = 1, math.huge do end end) end",
    "while true do xpcall(function() while true do end end, function(m) while true do end end) end",
    "while true do xpcall(function() while true do end end, function(m) return m end) end",
    "local mt = {__tostring = function() while true do end end} while true do pcall(error, setmetatable({}, mt)) end",
    "error(setmetatable({}, {__tostring = function() while true do end end}))",
    "local f f = coroutine.wrap(function() while true do pcall(function() while true do end end) end end) f()",
    "while true do coroutine.resume(coroutine.create(function() while true do end end)) end",
    "local co = coroutine.wrap(function() local g = coroutine.wrap(function() while true do pcall(function() "
    "while true do end end) end end) g() end) while true do pcall(co) end",
    "while true do coroutine.yield() end",
    "local t = {} for i = 1, 1000 do t[i] = i end while true do pcall(table.sort, t, function(a, b) while true do "
    "end end) end",
    "while true do pcall(string.gsub, string.rep('a', 100), 'a', function() while true do end end) end",
    "local t = setmetatable({}, {__index = function(t, k) return t[k + 1] end}) local x = t[1]",
    "local t = setmetatable({}, {__index = function(t, k) while true do end end}) while true do pcall(function() "
    "return t.x end) end",
    "local m = setmetatable({}, {__add = function(a, b) while true do end end}) while true do pcall(function() "
    "return m + m end) end",
    "setmetatable({}, {__gc = function() while true do end end}) error('and then a finalizer spins')",
    "local t = setmetatable({}, {__close = function() while true do end end}) do local x <close> = t end",
    "d4(s('hh*4'):every('<2 3>', function(x) error(setmetatable({}, {__tostring = function() while true do end "
    "end})) end))",
    "d5(s('hh*4'):every('<2 3>', function(x) while true do pcall(function() while true do end end) end end))",
    // sandbox escapes
    "os.execute('true')",
    "io.open('/etc/passwd')",
    "require('os').exit(1)",
    "package.loadlib('/lib/x86_64-linux-gnu/libc.so.6', 'system')",
    "load(string.dump(print))()",
    "debug.sethook()",
    "dofile('/etc/passwd')",
    "require('../../../etc/passwd')",
    "collectgarbage('stop') local t = {} while true do t[#t + 1] = {} end",
    // bombs of strings, tables, patterns
    "local s = string.rep('x', 1 << 20) for i = 1, 40 do s = s .. s end",
    "local s = string.rep('x', 1e12)",
    "local t = {} local i = 0 while true do i = i + 1 t[i] = {i, i, i} end",
    "local t = {} for i = 1, 1e9 do t[i] = i end",
    "table.concat(setmetatable({}, {__len = function() return 1e12 end}))",
    "local s = string.rep('a', 100000) s:find('.-.-.-.-b')",
    "local s = string.rep('a', 100000) s:match('(a*)*b')",
    "local s = string.rep('a', 50000) s:gsub('.-.-b', 'x')",
    "for w in string.rep('a', 100000):gmatch('.-.-.-b') do end",
    "string.rep('ab', 1e8):upper():upper():upper()",
    "d6(s(string.rep('bd ', 100000)))",
    "d6(s(string.rep('[', 5000) .. 'bd' .. string.rep(']', 5000)))",
    // pattern explosions from Lua arguments
    "d6(s('bd'):fast(1e12))",
    "d6(s('bd'):fast(1e300))",
    "d6(s('bd'):fast('<1 1e12>'))",
    "local p = s('bd') for i = 1, 5000 do p = stack(p, p) end d6(p)",
    "local p = s('bd') for i = 1, 100 do p = stack(p, p, p) end d6(p)",
    "local p = s('bd') for i = 1, 100000 do p = p:rev() end d6(p)",
    "local p = s('bd') for i = 1, 20000 do p = p:every(2, rev) end d6(p)",
    "d6(s('bd'):ply(1e12))",
    "d6(s('bd'):segment(1e12))",
    "d6(s('bd'):euclid(3, 1e12))",
    "d6(s('bd'):euclid(1e12, 1e12))",
    "d6(s('bd'):iter(1e12))",
    "d6(n(run(1e12)))",
    "d6(s('bd'):chop(1e9))",
    "d6(s('bd'):striate(1e9))",
    "d6(s('bd'):echo(1e9, 0.1, 0.5))",
    "d6(s('bd'):chunk(1e9, fast(2)))",
    "d6(s('bd'):firstOf(1e12, fast(2)))",
    "d6(s('bd'):shuffle(1e9))",
    "d6(s('bd'):slow(1e-300))",
    "d6(s('bd*1e12'))",
    "d6(s('bd!1000000000'))",
    "d6(s('bd(3,1000000000000)'))",
    "d6(n('0 .. 1000000000000'))",
    "d6(s('bd@1e300 sn'))",
    "d6(s('[bd sn]*<1 1e15>'))",
    "d6(s('bd'):fast(2 ^ 62))",
    "d6(s('bd'):late(1e300))",
    "d6(s('bd'):fast(0 / 0))",
    // malformed mini-notation
    "d6(s('bd [sn'))",
    "d6(s('bd <sn'))",
    "d6(s('bd {sn'))",
    "d6(s('bd(3,8'))",
    "d6(s('bd*'))",
    "d6(s('~ ~ ]]'))",
    "d6(s('bd:'))",
    "d6(s('\\0\\1\\2'))",
    // errors of every other kind
    "d6(nil)",
    "d6(42 .. {})",
    "d6(s('bd'):gain(setmetatable({}, {})))",
    "d6()",
};

}  // namespace

TEST_CASE("the hostile corpus never changes a frame of the set already playing, and the runtime answers after",
          "[runtime][hostile][corpus]") {
  RenderOptions o = options(0);
  o.seconds.reset();
  o.cycles = 6;  // 12 s at 0.5 cps
  RenderReport clean_report;
  std::vector<LogBlock> base = {block(0, kMusic)};
  // The runtime answers after the corpus: a last evaluation plays a new slot from cycle 5.
  const std::string last = "d7(s('hh*8'))";
  auto clean = render({block(0, kMusic)}, o, &clean_report);
  REQUIRE(energy(clean) > 1.0);
  std::vector<LogBlock> show = base;
  Rational at(1, 8);
  for (const std::string& h : kSilentHostile) {
    show.push_back(block(at, h));
    at += Rational(1, 32);
  }
  REQUIRE(at < Rational(5));
  show.push_back(block(5, last));
  RenderReport report;
  auto attacked = render(show, o, &report);
  std::string all;
  for (const auto& m : report.messages) all += m + "\n";
  INFO(all);
  REQUIRE(attacked.size() == clean.size());
  const size_t cycle5 = 2 * static_cast<size_t>(5 * 96000);
  size_t first_diff = attacked.size();
  for (size_t i = 0; i < attacked.size(); ++i)
    if (attacked[i] != clean[i]) {
      first_diff = i;
      break;
    }
  // Nothing of the corpus sounds: the first frame that differs is the last evaluation's.
  CHECK(first_diff >= cycle5);
  CHECK(first_diff < cycle5 + 2 * 4800);
  // Every entry failed: at evaluation, or at query time (reported for its slot).
  CHECK(report.eval_errors > 40);
  CHECK(all.find("evaluation stopped: it ran past its budget") != std::string::npos);
  CHECK(all.find("steps of work") != std::string::npos);
  CHECK(all.find("could take about") != std::string::npos);
  CHECK(all.find("ran past its budget of 50 ms") != std::string::npos);
  for (const auto& m : report.messages) CHECK(m.size() < 2000);  // clear errors, not dumps
}

TEST_CASE("a runaway caught by the performer's own pcall is still stopped, with the budget's message",
          "[runtime][hostile][budget]") {
  PerformanceOptions po;
  po.prelude_paths = {patterns_dir() + "/prelude.lua"};
  po.lua.require_paths = {patterns_dir()};
  po.lua.eval_budget_ms = 80.0;
  Performance perf(po, [](const std::string&) -> mr::audio::SoundId { return 1; });
  for (const std::string code : {
           "while true do pcall(function() while true do end end) end",
           "local mt = {__tostring = function() while true do end end} while true do pcall(error, setmetatable({}, mt)) end",
           "while true do xpcall(function() while true do end end, function() while true do end end) end",
           "local f = coroutine.wrap(function() while true do pcall(function() while true do end end) end end) "
           "while true do pcall(f) end",
       }) {
    INFO(code);
    LuaError e = perf.evaluate(EvalSource{"set", code, 1, 0}, 0);
    CHECK_FALSE(e.ok);
    CHECK(e.message.find("ran past its budget of 80 ms") != std::string::npos);
    // The runtime answers at once afterwards.
    LuaError ok = perf.evaluate(EvalSource{"set", "d1(s('bd'))", 1, 0}, 0);
    CHECK(ok.ok);
  }
}

TEST_CASE("queries are bounded: fast(1e12) and a stack doubled 5000 times fail fast, the last good pattern plays",
          "[runtime][hostile][query]") {
  PerformanceOptions po;
  po.prelude_paths = {patterns_dir() + "/prelude.lua"};
  po.lua.require_paths = {patterns_dir()};
  po.scheduler.cps = Rational(1, 2);
  Performance perf(po, [](const std::string& n) -> mr::audio::SoundId { return n == "bd" ? 1 : n == "sn" ? 2 : 0; });
  std::vector<ScheduledHap> haps;
  auto run_to = [&](int64_t frame) {
    while (perf.scheduler().horizon_frame() < frame)
      perf.advance(std::min<int64_t>(frame, perf.scheduler().horizon_frame() + 512), haps);
  };
  REQUIRE(perf.evaluate(EvalSource{"set", "d1(s('bd*4'))", 1, 0}, 0).ok);
  run_to(96000);
  std::string all;
  for (const std::string code : {"d1(s('sn'):fast(1e12))", "local p = s('sn') for i = 1, 5000 do p = stack(p, p) end d1(p)",
                                 "d1(s('sn'):ply(1e12))", "d1(s('sn'):segment(1e12))"}) {
    INFO(code);
    haps.clear();
    const uint64_t errors = perf.scheduler().query_errors();
    REQUIRE(perf.evaluate(EvalSource{"set", code, 1, 0}, perf.scheduler().horizon_cycle()).ok);
    const int64_t from = perf.scheduler().horizon_frame();
    run_to(from + 96000);
    CHECK(perf.scheduler().query_errors() == errors + 1);
    // The last good pattern (bd*4) plays on: 4 onsets in the cycle that followed.
    int bd = 0, sn = 0;
    for (const ScheduledHap& h : haps) {
      bd += h.has_event && h.event.sound == 1;
      sn += h.has_event && h.event.sound == 2;
    }
    CHECK(bd >= 3);
    CHECK(sn == 0);
    std::string m;
    while (perf.scheduler().poll_message(m)) all += m + "\n";
    // Back to the good pattern for the next round.
    REQUIRE(perf.evaluate(EvalSource{"set", "d1(s('bd*4'))", 1, 0}, perf.scheduler().horizon_cycle()).ok);
  }
  INFO(all);
  CHECK(all.find("d1: the query did more than") != std::string::npos);
  CHECK(all.find("steps of work") != std::string::npos);
  CHECK(all.find("d1: the pattern is nested more than 4000 combinators deep") != std::string::npos);
  CHECK(all.find("last good pattern plays on") != std::string::npos);
}

TEST_CASE("the work budget is deterministic and every combinator honours it", "[pattern][budget]") {
  using namespace mr::pattern;
  // The same query under the same budget fails at the same point, every time.
  Pattern p = fast(pure(1.0), Rational(1000000000000));
  for (int i = 0; i < 3; ++i) {
    WorkScope scope(100000, "the query");
    CHECK_THROWS_AS(p.query_arc(0, 1), WorkBudgetExceeded);
    CHECK(scope.used() > 100000);
  }
  // Once spent, every later charge throws again at once.
  WorkScope spent(10, "the query");
  CHECK_THROWS_AS(p.query_arc(0, 1), WorkBudgetExceeded);
  CHECK_THROWS_AS(pure(1.0).query_arc(0, 1), WorkBudgetExceeded);
  // A deep chain is an error, not a stack overflow.
  WorkScope roomy(int64_t{1} << 30, "the query");
  Pattern deep = pure(1.0);
  for (int i = 0; i < kMaxQueryDepth + 10; ++i) deep = rev(deep);
  CHECK_THROWS_AS(deep.query_arc(0, 1), WorkBudgetExceeded);
  // An ordinary pattern's work per cycle is far below the scheduler's budget.
  WorkScope normal(int64_t{1} << 19, "the query");
  Pattern ok = stack({fast(pure(1.0), 16), euclid(pure(2.0), 5, 8, 0), rev(fastcat({pure(1.0), pure(2.0)}))});
  CHECK(ok.query_arc(0, 1).size() == 16 + 5 + 2);
  CHECK(normal.used() < 1000);
}

// Not part of the suite: each entry alone, with its time, for finding the slow ones.
TEST_CASE("probe the hostile corpus one entry at a time", "[.probe]") {
  for (const std::string& h : kSilentHostile) {
    const auto t0 = std::chrono::steady_clock::now();
    std::fprintf(stderr, "%-60.60s ", h.c_str());
    std::fflush(stderr);
    RenderOptions o = options(3.0);
    RenderReport report;
    render({block(0, kMusic), block(Rational(1, 8), h)}, o, &report);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "%8.0f ms  %s\n", ms, report.messages.empty() ? "" : report.messages.back().substr(0, 100).c_str());
  }
}

// Not part of the suite: the most work one slot's query takes in each example set.
TEST_CASE("probe the example sets' query work", "[.probe_examples]") {
  namespace fs = std::filesystem;
  for (const auto& entry : fs::directory_iterator(std::string(MR_SOURCE_DIR) + "/examples")) {
    if (entry.path().extension() != ".lua") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    PerformanceOptions po;
    po.prelude_paths = {patterns_dir() + "/prelude.lua"};
    po.lua.require_paths = {patterns_dir()};
    po.scheduler.query_work = int64_t{1} << 40;
    po.scheduler.query_work_per_cycle = 0;
    Performance perf(po, [](const std::string&) -> mr::audio::SoundId { return 1; });
    LuaError e = perf.evaluate(EvalSource{"set", ss.str(), 1, 0}, 0);
    std::vector<ScheduledHap> haps;
    perf.advance(4800, haps);
    const int64_t first = perf.scheduler().max_query_work();
    for (int64_t f = 4800; f < 96000 * 16; f += 192) {
      haps.clear();
      perf.advance(f + 192, haps);
    }
    std::fprintf(stderr, "%-30s ok=%d first(4800 frames)=%lld  max=%lld\n", entry.path().filename().c_str(), e.ok,
                 static_cast<long long>(first), static_cast<long long>(perf.scheduler().max_query_work()));
  }
}
