// Whole Strudel programs (tests/strudel/corpus/*.js) through the real runtime: evaluated as
// pasted (the Strudel dialect) and as their Lua port, each must give exactly the events Strudel
// 1.2.6's REPL gives (NAME.events, from scripts/conformance/gen-programs.mjs). Also: errors at
// the JavaScript's line and column, sounding atoms at the JavaScript's bytes, and a bare last
// expression in Lua playing in the slot "$".
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pattern/json.hpp"
#include "pattern/ops.hpp"
#include "runtime/performance.hpp"
#include "strudel/strudel.hpp"

using namespace mr::runtime;
using mr::pattern::Rational;
namespace fs = std::filesystem;

namespace {

std::string patterns_dir() { return std::string(MR_SOURCE_DIR) + "/patterns"; }

std::unique_ptr<Performance> performance() {
  PerformanceOptions po;
  po.prelude_paths = {patterns_dir() + "/prelude.lua", patterns_dir() + "/strudel.lua"};
  po.lua.require_paths = {patterns_dir()};
  po.lua.eval_budget_ms = 2000.0;
  auto p = std::make_unique<Performance>(po, [](const std::string&) { return true; });
  for (const std::string& e : p->startup_errors()) FAIL("prelude: " << e);
  return p;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Played {
  LuaError error;
  std::string events;
  std::vector<mr::pattern::Pattern> patterns;
};

Played play(const std::string& code, bool strudel, Rational to = Rational(4)) {
  auto perf = performance();
  EvalSource src;
  src.buffer = "set";
  src.code = code;
  src.strudel = strudel;
  Played out;
  out.error = perf->evaluate(src, Rational(0));
  if (!out.error.ok) return out;
  out.patterns = perf->audible_patterns();
  for (const std::string& l : mr::pattern::query_json_lines(mr::pattern::stack(out.patterns), Rational(0), to))
    out.events += l + "\n";
  return out;
}

Rational span_end(const std::string& code) {
  const size_t at = code.find("// span: ");
  if (at == std::string::npos) return Rational(4);
  std::istringstream in(code.substr(at + 9));
  std::string from, to;
  in >> from >> to;
  return Rational::parse(to);
}

}  // namespace

TEST_CASE("corpus: Strudel programs as pasted and as their Lua port give Strudel's events") {
  const fs::path dir = fs::path(MR_SOURCE_DIR) / "tests" / "strudel" / "corpus";
  int total = 0, pasted = 0, ported = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".js") continue;
    const fs::path events = fs::path(entry.path()).replace_extension(".events");
    REQUIRE(fs::exists(events));
    const std::string code = read(entry.path());
    const std::string want = read(events);
    const Rational to = span_end(code);
    ++total;
    INFO(entry.path().filename().string());
    Played js = play(code, true, to);
    INFO("as pasted: " << js.error.line << ":" << js.error.column << " " << js.error.message);
    CHECK(js.error.ok);
    CHECK(js.events == want);
    pasted += js.error.ok && js.events == want;
    mr::strudel::Translation t = mr::strudel::translate(code);
    REQUIRE(t.ok);
    Played lua = play(t.lua, false, to);
    INFO("port: " << lua.error.line << ":" << lua.error.column << " " << lua.error.message << "\n" << t.lua);
    CHECK(lua.error.ok);
    CHECK(lua.events == want);
    ported += lua.error.ok && lua.events == want;
  }
  WARN("corpus: " << pasted << "/" << total << " exact as pasted, " << ported << "/" << total << " through the port");
  CHECK(total >= 20);
}

TEST_CASE("errors in a Strudel program name the JavaScript line and column") {
  SECTION("a runtime error") {
    Played p = play("const a = 1\n\n$: s(\"bd\")\n  .nosuchthing(2)\n", true);
    CHECK_FALSE(p.error.ok);
    CHECK(p.error.line == 4);
    CHECK(p.error.column == 4);  // the name Lua says failed
  }
  SECTION("a syntax error") {
    Played p = play("$: s(\"bd\"\n$: s(\"hh\")\n", true);
    CHECK_FALSE(p.error.ok);
    CHECK(p.error.line == 2);
    CHECK(p.error.column == 1);
  }
  SECTION("a mini-notation error points into the JavaScript string") {
    Played p = play("// drums\n$: s(\"bd [sd\")\n", true);
    CHECK_FALSE(p.error.ok);
    CHECK(p.error.line == 2);
    CHECK(p.error.column >= 7);
    CHECK(p.error.column <= 14);
  }
}

TEST_CASE("the sounding atoms of a Strudel program are located in the JavaScript text") {
  const std::string js = "const x = 1 // one\n$: note(\"c3 e3\").s('sine')\n";
  Played p = play(js, true, Rational(1));
  REQUIRE(p.error.ok);
  REQUIRE(p.patterns.size() == 1);
  auto haps = p.patterns[0].query_arc(Rational(0), Rational(1));
  REQUIRE(haps.size() == 2);
  std::vector<std::string> atoms;
  for (const auto& h : haps)
    for (const auto& s : h.locations) atoms.push_back(js.substr(static_cast<size_t>(s.begin), static_cast<size_t>(s.end - s.begin)));
  CHECK(std::find(atoms.begin(), atoms.end(), "c3") != atoms.end());
  CHECK(std::find(atoms.begin(), atoms.end(), "e3") != atoms.end());
}

TEST_CASE("Lua: a bare pattern as the last statement plays in the slot \"$\"") {
  SECTION("alone") {
    Played p = play("local x = 2\ns(\"bd sd\")\n  :fast(x)\n", false, Rational(1));
    REQUIRE(p.error.ok);
    CHECK(p.patterns.size() == 1);
    CHECK(std::count(p.events.begin(), p.events.end(), '\n') == 4);
  }
  SECTION("not when the block gave a slot a pattern") {
    Played p = play("d1(s(\"bd\"))\ns(\"hh*8\")\n", false, Rational(1));
    REQUIRE(p.error.ok);
    CHECK(p.patterns.size() == 1);
    CHECK(std::count(p.events.begin(), p.events.end(), '\n') == 1);
  }
  SECTION("a statement that is not an expression is left alone") {
    Played p = play("local p = s(\"bd\")\n", false, Rational(1));
    REQUIRE(p.error.ok);
    CHECK(p.patterns.empty());
  }
}
