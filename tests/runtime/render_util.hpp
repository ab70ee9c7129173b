// What the offline-render tests share: the options of a render with the project's prelude and
// Lua library, a logged block, and a render into one interleaved stereo buffer.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "runtime/render.hpp"

namespace mr::runtime::test {

inline std::string patterns_dir() { return std::string(MR_SOURCE_DIR) + "/patterns"; }

inline RenderOptions options(double seconds, double eval_budget_ms) {
  RenderOptions o;
  o.seconds = seconds;
  o.prelude_paths = {patterns_dir() + "/prelude.lua"};
  o.lua.require_paths = {patterns_dir()};
  o.lua.eval_budget_ms = eval_budget_ms;
  o.lua.memory_limit_bytes = size_t{64} << 20;
  return o;
}

inline LogBlock block(pattern::Rational cycle, const std::string& code) {
  LogBlock b;
  b.cycle = cycle;
  b.buffer = "set";
  b.code = code;
  return b;
}

// The whole render; it must succeed. `report_out`, when given, receives the render's report.
inline std::vector<float> render(const std::vector<LogBlock>& blocks, const RenderOptions& o,
                                 RenderReport* report_out = nullptr) {
  std::vector<float> out;
  RenderReport report;
  std::string error;
  const bool ok = render_performance(
      blocks, o, [&](const float* x, int n) { out.insert(out.end(), x, x + 2 * n); return true; }, report, error);
  INFO(error);
  REQUIRE(ok);
  if (report_out) *report_out = report;
  return out;
}

}  // namespace mr::runtime::test
