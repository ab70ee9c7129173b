// `moonrave query 'LUA EXPRESSION' [--from A] [--to B]`: a pattern's events as JSON lines,
// evaluated in a sandboxed Lua state with the whole pattern API. `--file SET` instead evaluates
// a whole set (Lua, or a Strudel program) as the performance does and prints everything it
// plays: all audible slots stacked.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli.hpp"
#include "app/commands.hpp"
#include "app/render_common.hpp"
#include "pattern/json.hpp"
#include "pattern/ops.hpp"
#include "pattern/rational.hpp"
#include "runtime/bindings.hpp"
#include "runtime/performance.hpp"
#include "strudel/strudel.hpp"

namespace mr::app {

namespace {

int query_file(const ParsedArgs& args, const std::string& file, const pattern::Rational& from, const pattern::Rational& to) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "moonrave query: cannot read %s\n", file.c_str());
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  runtime::RenderOptions ro;
  if (!render_options_from(args, "query", ro)) return 1;
  runtime::PerformanceOptions po;
  po.lua = ro.lua;
  po.prelude_paths = ro.prelude_paths;
  po.scheduler.rate_hz = ro.rate_hz;
  po.scheduler.cps = pattern::Rational::from_double(ro.cps);
  runtime::Performance perf(po, [](const std::string&) { return true; });
  for (const std::string& e : perf.startup_errors()) std::fprintf(stderr, "moonrave query: prelude: %s\n", e.c_str());
  runtime::EvalSource src;
  src.buffer = "set";
  src.code = ss.str();
  src.strudel = strudel::is_strudel_file(file, src.code);
  runtime::LuaError e = perf.evaluate(src, pattern::Rational(0));
  if (!e.ok) {
    std::fprintf(stderr, "moonrave query: %s:%d:%d: %s\n", file.c_str(), e.line, e.column, e.message.c_str());
    return 1;
  }
  for (const std::string& w : perf.take_warnings()) std::fprintf(stderr, "moonrave query: %s\n", w.c_str());
  try {
    const pattern::Pattern all = pattern::stack(perf.audible_patterns());
    for (const std::string& line : pattern::query_json_lines(all, from, to)) std::cout << line << '\n';
  } catch (const std::exception& ex) {
    std::fprintf(stderr, "moonrave query: %s\n", ex.what());
    return 1;
  }
  return 0;
}

}  // namespace

int run_query(const ParsedArgs& args) {
  const auto file = args.get("--file");
  if (args.positional.size() != (file ? 0u : 1u)) {
    std::fprintf(stderr, "moonrave query: give one Lua expression, e.g. moonrave query 's(\"bd sn\")', or --file SET\n");
    return 2;
  }
  pattern::Rational from(0), to(1);
  try {
    if (auto f = args.get("--from")) from = pattern::Rational::parse(*f);
    if (auto t = args.get("--to")) to = pattern::Rational::parse(*t);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "moonrave query: --from/--to must be numbers or fractions (%s)\n", e.what());
    return 2;
  }
  if (file) return query_file(args, *file, from, to);
  runtime::LuaHostOptions options;
  options.memory_limit_bytes = size_t{256} << 20;
  options.eval_budget_ms = 2000.0;
  options.require_paths = {"patterns"};
  runtime::LuaHost host(options);
  runtime::bind_patterns(host);
  pattern::Pattern pat = pattern::silence();
  runtime::LuaError e = runtime::eval_pattern(host, args.positional[0], pat);
  if (!e.ok) {
    std::fprintf(stderr, "moonrave query: %s%s\n", e.column > 0 ? ("column " + std::to_string(e.column) + ": ").c_str() : "",
                 e.message.c_str());
    return 1;
  }
  try {
    for (const std::string& line : pattern::query_json_lines(pat, from, to)) std::cout << line << '\n';
  } catch (const std::exception& ex) {
    std::fprintf(stderr, "moonrave query: %s\n", ex.what());
    return 1;
  }
  return 0;
}

}  // namespace mr::app
