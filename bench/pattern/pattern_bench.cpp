// Events per second for dense and deeply nested patterns, queried one cycle at a time (as the
// scheduler does) and over the whole range at once. Prints one line per case.
#include <chrono>
#include <cstdio>
#include <string>

#include "pattern/mini.hpp"
#include "pattern/ops.hpp"
#include "pattern/registry.hpp"

using namespace mr::pattern;

namespace {

Pattern control(const char* name, const Pattern& p) {
  const FunctionInfo* f = Registry::instance().find(name);
  Arg a = Arg::of(p);
  return f->impl(std::span<const Arg>(&a, 1));
}

void run(const char* label, const Pattern& pat, int cycles) {
  using clock = std::chrono::steady_clock;
  size_t events = 0;
  auto t0 = clock::now();
  for (int c = 0; c < cycles; ++c) events += pat.query_arc(Rational(c), Rational(c + 1)).size();
  double per_cycle_s = std::chrono::duration<double>(clock::now() - t0).count();
  t0 = clock::now();
  size_t whole_events = pat.query_arc(Rational(0), Rational(cycles)).size();
  double whole_s = std::chrono::duration<double>(clock::now() - t0).count();
  std::printf("%-52s cycles=%d events=%zu per-cycle: %.3f s %.0f ev/s | whole: %.3f s %.0f ev/s\n", label, cycles,
              events, per_cycle_s, static_cast<double>(events) / per_cycle_s, whole_s,
              static_cast<double>(whole_events) / whole_s);
}

}  // namespace

int main(int argc, char** argv) {
  int cycles = argc > 1 ? std::stoi(argv[1]) : 1000;
  run("s(\"bd*16, hh*32, [sn cp]*8\"):fast(4)", fast(control("s", mini("bd*16, hh*32, [sn cp]*8")), 4), cycles);
  run("n(\"<0 [1 2] [3 [4 [5 [6 7]]]]>*8\")", control("n", mini("<0 [1 2] [3 [4 [5 [6 7]]]]>*8")), cycles);
  run("\"[a [b [c [d [e [f [g h]]]]]]]*16\"", mini("[a [b [c [d [e [f [g h]]]]]]]*16"), cycles);
  run("\"{a b c, d e f g}%16 <x y>(5,8)\"", mini("{a b c, d e f g}%16 <x y>(5,8)"), cycles);
  run("\"bd? hh*8? [sn|cp]*4\"", mini("bd? hh*8? [sn|cp]*4"), cycles);
  return 0;
}
