#include <catch2/catch.hpp>

#include "pattern/json.hpp"
#include "runtime/bindings.hpp"

using namespace mr;

namespace {
std::vector<std::string> q(const std::string& expr, int64_t to = 1) {
  runtime::LuaHostOptions o;
  o.memory_limit_bytes = size_t{64} << 20;
  runtime::LuaHost host(o);
  runtime::bind_patterns(host);
  pattern::Pattern p = pattern::silence();
  runtime::LuaError e = runtime::eval_pattern(host, expr, p);
  if (!e.ok) return {"error: " + e.message};
  return pattern::query_json_lines(p, pattern::Rational(0), pattern::Rational(to));
}
}  // namespace

TEST_CASE("the bridge gives global, method, curried and operator forms", "[runtime][bind]") {
  auto global = q("fast(2, s(\"bd\"))");
  CHECK(global == q("s(\"bd\"):fast(2)"));
  CHECK(global == q("fast(2)(s(\"bd\"))"));
  CHECK(global.size() == 2);
  CHECK(q("s(\"bd\")") == std::vector<std::string>{R"({"whole":["0","1"],"part":["0","1"],"value":{"s":"bd"}})"});
  auto sum = q("mini(\"0 1\") + 10");
  REQUIRE(sum.size() == 2);
  CHECK(sum[1].find("\"value\":11") != std::string::npos);
  CHECK(q("s(\"bd\"):every(2, function(p) return p:fast(2) end)", 2).size() == 3);
  CHECK(q("stack(s(\"bd\"), {1, 2})").size() >= 1);
}

TEST_CASE("bridge errors are Lua errors naming the function", "[runtime][bind]") {
  auto bad = q("s(\"bd [\")");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].rfind("error: ", 0) == 0);
  auto arity = q("s(\"bd\"):fast(1, 2, 3)");
  REQUIRE(arity.size() == 1);
  CHECK(arity[0].find("fast") != std::string::npos);
  auto host_err = q("s(\"bd\"):every(2, function(p) error('inner') end)", 2);
  REQUIRE(host_err.size() == 1);
  CHECK(host_err[0].find("inner") != std::string::npos);
}

TEST_CASE("strings take pattern methods, and keep Lua's own", "[runtime][bind]") {
  CHECK(q("(\"a b\"):fast(2)") == q("mini(\"a b\"):fast(2)"));
  CHECK(q("(\"a b\"):fast(2)").size() == 4);
  // Lua's string library wins where both have the name: library code keeps its meaning.
  CHECK(q("pure((\"abc\"):sub(2, 2) .. (\"x\"):rep(2) .. (\"q\"):upper())") ==
        std::vector<std::string>{R"({"whole":["0","1"],"part":["0","1"],"value":"bxxQ"})"});
  CHECK(q("mini(\"10 20\"):sub(3)").size() == 2);
}

TEST_CASE("names that are Lua keywords are called with a trailing underscore", "[runtime][bind]") {
  // and, or (logic) and end (a control) cannot follow ':' in Lua.
  CHECK(q("mini(\"1 0\"):and_(\"1 1\")") ==
        std::vector<std::string>{R"({"whole":["0","1/2"],"part":["0","1/2"],"value":1})",
                                 R"({"whole":["1/2","1"],"part":["1/2","1"],"value":0})"});
  CHECK(q("mini(\"0 0\"):or_(\"5 0\")") == q("mini(\"5 0\")"));
  CHECK(q("s(\"bd\"):end_(0.5)") ==
        std::vector<std::string>{R"({"whole":["0","1"],"part":["0","1"],"value":{"end":0.5,"s":"bd"}})"});
  CHECK(q("mini(\"1\"):and(1)")[0].rfind("error: ", 0) == 0);  // the keyword itself is Lua syntax
}
