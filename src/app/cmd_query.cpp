// `moonrave query 'LUA EXPRESSION' [--from A] [--to B]`: a pattern's events as JSON lines,
// evaluated in a sandboxed Lua state with the whole pattern API.
#include <cstdio>
#include <iostream>

#include "app/cli.hpp"
#include "app/commands.hpp"
#include "pattern/json.hpp"
#include "pattern/rational.hpp"
#include "runtime/bindings.hpp"

namespace mr::app {

int run_query(const ParsedArgs& args) {
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "moonrave query: give one Lua expression, e.g. moonrave query 's(\"bd sn\")'\n");
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
