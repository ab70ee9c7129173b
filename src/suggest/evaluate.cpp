// Keystroke-by-keystroke replay of held-out files.
#include "suggest/evaluate.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "suggest/tokens.hpp"

namespace mr::suggest {

double EvalStats::percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<ptrdiff_t>(k), v.end());
  return v[k];
}

void EvalStats::merge(const EvalStats& o) {
  files += o.files;
  positions += o.positions;
  top1 += o.top1;
  top3 += o.top3;
  chars += o.chars;
  keystrokes += o.keystrokes;
  latency_ms.insert(latency_ms.end(), o.latency_ms.begin(), o.latency_ms.end());
  cpu_ms.insert(cpu_ms.end(), o.cpu_ms.begin(), o.cpu_ms.end());
}

std::string strip_comments(std::string_view code) {
  // Keep everything but comments: walk the tokens and copy the gaps' whitespace only.
  std::string out;
  size_t line_start = 0;
  while (line_start < code.size()) {
    size_t nl = code.find('\n', line_start);
    std::string_view line = code.substr(line_start, nl == std::string_view::npos ? std::string_view::npos : nl - line_start);
    // Find "--" outside strings.
    char quote = 0;
    size_t cut = line.size();
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (quote) {
        if (c == '\\') ++i;
        else if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '-' && i + 1 < line.size() && line[i + 1] == '-') {
        cut = i;
        break;
      }
    }
    std::string_view kept = line.substr(0, cut);
    while (!kept.empty() && (kept.back() == ' ' || kept.back() == '\t')) kept.remove_suffix(1);
    // A line that was only a comment disappears entirely.
    if (!(kept.empty() && cut < line.size())) {
      out.append(kept);
      if (nl != std::string_view::npos) out.push_back('\n');
    }
    if (nl == std::string_view::npos) break;
    line_start = nl + 1;
  }
  return out;
}

EvalStats evaluate_file(Predictor& p, std::string_view raw) {
  using Clock = std::chrono::steady_clock;
  const std::string code = strip_comments(raw);
  EvalStats s;
  s.files = 1;

  // Next-token accuracy at every position inside every token (its leading space included).
  for (const Token& t : tokenize(code)) {
    if (t.kind == Token::Kind::Newline) continue;
    const std::string sym = t.symbol();
    const size_t start = static_cast<size_t>(t.begin) - (t.space_before ? 1 : 0);
    for (size_t pos = start; pos < static_cast<size_t>(t.end); ++pos) {
      const std::string target = sym.substr(pos - start);
      std::vector<std::string> top = p.next_tokens(std::string_view(code).substr(0, pos), 3);
      ++s.positions;
      if (!top.empty() && top[0] == target) ++s.top1;
      if (std::find(top.begin(), top.end(), target) != top.end()) ++s.top3;
    }
  }

  // Keystrokes: type the file; whenever the first suggestion is exactly what comes next (two
  // characters or more), press Tab once instead of typing it.
  size_t pos = 0;
  while (pos < code.size()) {
    timespec c0{}, c1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
    const auto t0 = Clock::now();
    std::vector<Completion> c = p.complete(std::string_view(code).substr(0, pos), /*after: typed from scratch*/ "", 3);
    s.latency_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
    s.cpu_ms.push_back(static_cast<double>(c1.tv_sec - c0.tv_sec) * 1e3 + static_cast<double>(c1.tv_nsec - c0.tv_nsec) / 1e6);
    ++s.keystrokes;
    if (!c.empty() && c[0].text.size() >= 2 && code.compare(pos, c[0].text.size(), c[0].text) == 0) {
      pos += c[0].text.size();
    } else {
      ++pos;
    }
  }
  s.chars = code.size();
  return s;
}

std::string summary_line(const EvalStats& s) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "suggest-eval: files=%zu top1=%.1f%% top3=%.1f%% saved=%.1f%% p50_ms=%.3f p99_ms=%.3f",
                s.files, s.top1_pct(), s.top3_pct(), s.saved_pct(), s.percentile_ms(0.5), s.percentile_ms(0.99));
  return buf;
}

}  // namespace mr::suggest
