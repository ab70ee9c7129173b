// Runtime benchmarks (numbers in docs/PERFORMANCE.md):
//  1. the scheduler's cost per tick (query 16 busy slots, make VoiceEvents) for live-sized ticks;
//  2. evaluation-to-sound latency: a live session (real-time paced, no device) is asked to play a
//     new sound at once; the time from the request to its first audible frame, in ms, against the
//     lookahead (the bar: under 1.5 x lookahead).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <time.h>

#include "audio/engine.hpp"
#include "runtime/performance.hpp"
#include "runtime/session.hpp"
#include "runtime/session_clock.hpp"

using namespace mr::runtime;
using Clock = std::chrono::steady_clock;

namespace {

// CPU time of this thread, in microseconds: immune to other load on a shared machine.
double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

double pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

void tick_cost() {
  mr::audio::Engine engine;
  PerformanceOptions o;
  o.prelude_paths = {std::string(MR_BENCH_SOURCE_DIR) + "/patterns/prelude.lua"};
  o.lua.require_paths = {std::string(MR_BENCH_SOURCE_DIR) + "/patterns"};
  Performance perf(o, [&](const std::string& n) { return engine.resolve_sound(n); });
  std::string code = "setcps(0.6)\n";
  const char* pats[] = {
      "s('bd*4'):gain(0.9)",
      "s('hh*16'):gain(rand:range(0.3, 0.6)):pan(sine:range(0.2, 0.8))",
      "s('~ cp'):room(0.3)",
      "n('0 3 5 7 10 7 5 3'):scale('C:minor'):s('saw'):lpf(saw:slow(4):range(300, 2000))",
      "note('<[c4,eb4,g4] [ab3,c4,eb4]>'):s('pad')",
      "s('bd*2 [~ bd] ~ bd'):every(4, function(x) return x:fast(2) end)",
      "s('[hh hh] [hh oh]'):sometimes(function(x) return x:speed(2) end)",
      "n('<0 2 4 6>*8'):scale('A:dorian'):s('pluck'):delay(0.3)",
      "s('rim*8'):degradeBy(0.3)",
      "note('c2 ~ c2 eb2'):s('bass'):lpf(600)",
      "s('lt mt ht lt'):fast(2)",
      "n(run(16)):scale('C:major'):s('sine'):gain(0.3)",
      "s('sn(3,8)')",
      "s('cb*<4 8>')",
      "note('c5 e5 g5 b5'):s('fm'):fast(4)",
      "s('hh*32'):gain(0.2)",
  };
  for (int i = 0; i < 16; ++i) code += "d" + std::to_string(i + 1) + "(" + pats[i] + ")\n";
  LuaError e = perf.evaluate(EvalSource{"bench", code, 1, 0}, 0);
  if (!e.ok) {
    std::printf("evaluation failed: %s (line %d)\n", e.message.c_str(), e.line);
    std::exit(1);
  }
  std::vector<ScheduledHap> haps;
  for (int tick_frames : {192, 512, 4800}) {
    std::vector<double> us, cpu;
    size_t events = 0;
    const int ticks = std::max(200, 48000 * 60 / tick_frames / 4);
    for (int i = 0; i < ticks; ++i) {
      haps.clear();
      auto t0 = Clock::now();
      const double c0 = thread_cpu_us();
      perf.advance(perf.scheduler().horizon_frame() + tick_frames, haps);
      cpu.push_back(thread_cpu_us() - c0);
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      events += haps.size();
    }
    double mean = 0;
    for (double x : us) mean += x;
    mean /= static_cast<double>(us.size());
    double cpu_mean = 0;
    for (double x : cpu) cpu_mean += x;
    cpu_mean /= static_cast<double>(cpu.size());
    std::printf("tick %5d frames (%5.1f ms): 16 slots, %6.1f events/tick, wall mean %7.1f us p50 %7.1f us p99 %7.1f us; "
                "cpu mean %7.1f us p99 %7.1f us\n",
                tick_frames, tick_frames / 48.0, static_cast<double>(events) / ticks, mean, pct(us, 0.5), pct(us, 0.99),
                cpu_mean, pct(cpu, 0.99));
  }
}

void eval_latency(const std::string& code) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "moonrave_bench_state";
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  config.runtime.lookahead_ms = 100.0;
  SessionClock clock;
  std::vector<float> out;
  Session s(config, &clock);
  auto next = Clock::now();
  const int block = 256;  // a device buffer of 256 frames
  auto render_block = [&] {
    next += std::chrono::microseconds(block * 1000000 / 48000);
    std::this_thread::sleep_until(next);
    clock.render(block, out);
  };
  std::vector<double> ms, swap_ms;
  for (int trial = 0; trial < 12; ++trial) {
    EvalRequest hush;
    hush.code = "hush()";
    s.evaluate(hush);
    for (int i = 0; i < 190; ++i) render_block();  // 1 s: the last sound has faded
    out.clear();
    EvalRequest r;
    r.code = code;
    r.quantize = Quantize::Immediate;
    const size_t request_sample = out.size();
    const int64_t request_frame = clock.frame();
    const uint64_t id = s.evaluate(r);
    bool heard = false, applied = false;
    for (int i = 0; i < 200 && !heard; ++i) {
      render_block();
      EvalResult res;
      while (!applied && s.poll_result(res)) {
        // The swap point, where the new pattern takes over its slot.
        if (res.id != id || !res.ok || res.log) continue;
        const double frame = res.at_cycle / config.runtime.cps * 48000.0;
        swap_ms.push_back((frame - static_cast<double>(request_frame)) * 1000.0 / 48000.0 + block * 1000.0 / 48000.0);
        applied = true;
      }
      for (size_t k = request_sample; k < out.size(); ++k)
        if (std::fabs(out[k]) > 1e-3f) {
          // Audio-clock time from the request to the first sounding frame, plus the device
          // buffer it would still sit in before reaching the speakers.
          const double frame_ms = static_cast<double>((k - request_sample) / 2) * 1000.0 / 48000.0;
          ms.push_back(frame_ms + block * 1000.0 / 48000.0);
          heard = true;
          break;
        }
    }
  }
  double mean = 0;
  for (double x : ms) mean += x;
  mean /= std::max<size_t>(1, ms.size());
  std::printf("%s: evaluation to sound (immediate, lookahead %.0f ms, %zu trials): mean %.1f ms, p50 %.1f ms, max %.1f ms "
              "(bar: %.0f ms)\n",
              code.c_str(), config.runtime.lookahead_ms, ms.size(), mean, pct(ms, 0.5), pct(ms, 1.0), 1.5 * config.runtime.lookahead_ms);
  double swap_mean = 0;
  for (double x : swap_ms) swap_mean += x;
  swap_mean /= std::max<size_t>(1, swap_ms.size());
  // The bar: one 4 ms tick plus one 256-frame block (5.3 ms), plus the evaluation's own time.
  std::printf("evaluation to swap point (immediate, %zu trials, device block %d frames included): mean %.1f ms, "
              "p50 %.1f ms, max %.1f ms (one tick + one block: %.1f ms)\n",
              swap_ms.size(), block, swap_mean, pct(swap_ms, 0.5), pct(swap_ms, 1.0), 4.0 + block * 1000.0 / 48000.0);
  std::filesystem::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string what = argc > 1 ? argv[1] : "all";
  if (what == "all" || what == "tick") tick_cost();
  if (what == "all" || what == "latency") {
    eval_latency("d1(s('bd*16'))");   // onsets every 125 ms: the grid's wait is part of the figure
    eval_latency("d1(s('bd*128'))");  // onsets every 15.6 ms
  }
  return 0;
}
