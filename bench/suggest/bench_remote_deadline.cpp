// The remote deadline, trial by trial: a loopback server speaking each protocol (llama.cpp,
// Ollama, OpenAI-style) answers after a delay on both sides of the deadline, drips tokens slower
// than the deadline, or never answers; the client must return by its deadline every time.
// Prints one line per case and a summary: trials, how many returned late, the worst overshoot.
//
// Usage: bench_remote_deadline [--deadline MS] [--repeats N] [--slack MS]
//   --slack: how far past the deadline a return still counts as on time (default 10 ms: thread
//   wake-up and teardown on a loaded machine).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "fake_server.hpp"
#include "suggest/remote.hpp"

using namespace mr::suggest;
using mr::test::FakeKnobs;
using mr::test::FakeServer;

namespace {

struct Case {
  const char* name;
  int first_token_ms;
  int token_interval_ms;
};

}  // namespace

int main(int argc, char** argv) {
  double deadline = 500;
  int repeats = 3;
  double slack = 10;
  for (int i = 1; i < argc; ++i) {
    auto next = [&]() -> double {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "bench_remote_deadline: %s needs a value\n", argv[i]);
        std::exit(2);
      }
      return std::atof(argv[++i]);
    };
    if (!std::strcmp(argv[i], "--deadline")) deadline = next();
    else if (!std::strcmp(argv[i], "--repeats")) repeats = static_cast<int>(next());
    else if (!std::strcmp(argv[i], "--slack")) slack = next();
    else {
      std::fprintf(stderr, "usage: bench_remote_deadline [--deadline MS] [--repeats N] [--slack MS]\n");
      return 2;
    }
  }
  const int d = static_cast<int>(deadline);
  const std::vector<Case> cases = {
      {"instant", 0, 0},
      {"half the deadline", d / 2, 0},
      {"just inside", d - 30, 0},
      {"just past", d + 10, 0},
      {"twice the deadline", 2 * d, 0},
      {"drips (first token in time)", d / 4, d},
      {"never answers (10 s)", 10000, 0},
  };

  FakeServer srv;
  int trials = 0, late = 0, n = 0;
  double worst = 0;
  std::printf("deadline %.0f ms, slack %.0f ms, %d repeats per case and protocol\n", deadline, slack, repeats);
  std::printf("%-10s %-30s %8s %8s %8s  outcomes\n", "protocol", "server", "min ms", "max ms", "late");
  for (const char* kind : {"llama.cpp", "ollama", "openai"}) {
    for (const Case& c : cases) {
      FakeKnobs k;
      k.first_token_ms = c.first_token_ms;
      k.token_interval_ms = c.token_interval_ms;
      srv.set(k);
      double lo = 1e9, hi = 0;
      int case_late = 0;
      std::string outcomes;
      for (int r = 0; r < repeats; ++r) {
        RemoteConfig cfg;
        cfg.kind = kind;
        cfg.url = srv.url();
        cfg.model = "fake";
        cfg.deadline_ms = deadline;
        RemoteProvider p(cfg);  // fresh: no cache hit, no open breaker
        std::atomic<uint64_t> current{1};
        std::string prefix = "d1(s(\"bd*" + std::to_string(++n) + "\"):";
        auto t0 = std::chrono::steady_clock::now();
        RemoteResult res = p.complete(prefix, ")\n", "", current, 1);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        lo = std::min(lo, ms);
        hi = std::max(hi, ms);
        worst = std::max(worst, ms - deadline);
        ++trials;
        if (ms > deadline + slack) ++case_late, ++late;
        if (!outcomes.empty()) outcomes += ",";
        outcomes += outcome_name(res.outcome);
      }
      std::printf("%-10s %-30s %8.1f %8.1f %8d  %s\n", kind, c.name, lo, hi, case_late, outcomes.c_str());
      std::fflush(stdout);
    }
  }
  srv.settle();
  std::printf("remote-deadline: trials=%d late=%d worst_overshoot_ms=%.1f deadline_ms=%.0f\n", trials, late,
              std::max(0.0, worst), deadline);
  return late == 0 ? 0 : 1;
}
