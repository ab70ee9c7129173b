// The suggestion harness: replays held-out pattern files keystroke by keystroke against a
// predictor and measures what a performer would get: next-token accuracy (top-1, top-3), the
// share of keystrokes saved by accepting the first suggestion with one key, and latency.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "suggest/predictor.hpp"

namespace mr::suggest {

struct EvalStats {
  size_t files = 0;
  size_t positions = 0;  // cursor positions where a next token was predicted
  size_t top1 = 0;
  size_t top3 = 0;
  size_t chars = 0;       // characters of code typed (comments excluded)
  size_t keystrokes = 0;  // keys pressed when accepting correct first suggestions with Tab
  std::vector<double> latency_ms;  // one per completion request, wall clock
  std::vector<double> cpu_ms;      // the same requests in thread CPU time (immune to a busy machine)

  double top1_pct() const { return positions ? 100.0 * static_cast<double>(top1) / static_cast<double>(positions) : 0; }
  double top3_pct() const { return positions ? 100.0 * static_cast<double>(top3) / static_cast<double>(positions) : 0; }
  double saved_pct() const {
    return chars ? 100.0 * (1.0 - static_cast<double>(keystrokes) / static_cast<double>(chars)) : 0;
  }
  double percentile_ms(double q) const { return percentile(latency_ms, q); }
  double cpu_percentile_ms(double q) const { return percentile(cpu_ms, q); }
  static double percentile(std::vector<double> v, double q);
  void merge(const EvalStats& o);
};

// Lua comments removed (what is left is the code the model is asked to complete).
std::string strip_comments(std::string_view code);
// Replays one file (comments stripped) against `p`; `p` is not trained on it.
EvalStats evaluate_file(Predictor& p, std::string_view code);
// The harness's last line: "suggest-eval: files=N top1=X% top3=Y% saved=Z% p50_ms=A p99_ms=B".
std::string summary_line(const EvalStats& s);

}  // namespace mr::suggest
