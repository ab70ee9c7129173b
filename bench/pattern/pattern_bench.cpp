// Events per second for dense and deeply nested patterns, queried one cycle at a time (as the
// scheduler does), after 20 cycles of warm-up. The three named cases are the ones
// bench/strudel/bench.mjs times in Strudel (compare.sh runs both side by side); the patterns are
// built through the Lua API exactly as a user writes them.
// Usage: pattern_bench [cycles] [name]  (name: run only that case, e.g. for a profiler)
#include <chrono>
#include <cstdio>
#include <string>

#include "pattern/pattern.hpp"
#include "runtime/bindings.hpp"

using namespace mr::pattern;

namespace {

const char* g_only = nullptr;

void run(mr::runtime::LuaHost& host, const char* name, const std::string& lua, int cycles) {
  if (g_only && std::string(g_only) != name) return;
  Pattern pat;
  auto e = mr::runtime::eval_pattern(host, lua, pat);
  if (!e.ok) {
    std::printf("moonrave %s: error: %s\n", name, e.message.c_str());
    return;
  }
  for (int c = 0; c < 20; ++c) (void)pat.query_arc(Rational(c), Rational(c + 1));
  using clock = std::chrono::steady_clock;
  size_t events = 0;
  const auto t0 = clock::now();
  for (int c = 0; c < cycles; ++c) events += pat.query_arc(Rational(c), Rational(c + 1)).size();
  const double secs = std::chrono::duration<double>(clock::now() - t0).count();
  std::printf("moonrave %s: %zu events in %.3f s = %.0f events/s\n", name, events, secs,
              static_cast<double>(events) / secs);
}

}  // namespace

int main(int argc, char** argv) {
  const int cycles = argc > 1 ? std::stoi(argv[1]) : 1000;
  if (argc > 2) g_only = argv[2];
  mr::runtime::LuaHostOptions options;
  options.eval_budget_ms = 10000;
  mr::runtime::LuaHost host(options);
  mr::runtime::bind_patterns(host);
  run(host, "dense", R"x(s("bd*16, hh*32, [sn cp]*8"):fast(4))x", cycles);
  run(host, "nested",
      R"x(s("[bd [sn [hh [cp rim]]]]*4, <bd [sn sn] [hh hh hh]>*8"):every(2, function(x) return x:fast(2) end))x"
      R"x(:off(0.125, function(x) return x:gain(0.5) end):jux(rev))x",
      cycles);
  run(host, "random",
      R"x(n("0*32?, [1|2|3]*16"):degradeBy(0.3):sometimes(function(x) return x:speed(2) end):lpf(sine:range(200, 2000)))x",
      cycles);
  run(host, "deep", R"x(mini("[a [b [c [d [e [f [g h]]]]]]]*16"))x", cycles);
  run(host, "polymeter", R"x(mini("{a b c, d e f g}%16 <x y>(5,8)"))x", cycles);
  return 0;
}
