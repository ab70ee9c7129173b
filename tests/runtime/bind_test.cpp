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
  auto arity = q("s(\"bd\"):fast()");
  REQUIRE(arity.size() == 1);
  CHECK(arity[0].find("fast") != std::string::npos);
  // Several arguments to a one-argument method are one sequence, as in Strudel: fast("1 2 3").
  CHECK(q("s(\"bd\"):fast(1, 2, 3)") == q("s(\"bd\"):fast(\"1 2 3\")"));
  auto fns = q("s(\"bd\"):jux(rev, rev)");
  REQUIRE(fns.size() == 1);
  CHECK(fns[0].find("jux") != std::string::npos);
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
  // sub with one argument on a string is Strudel's (the pattern), with two Lua's.
  CHECK(q("(\"10 20\"):sub(3)") == q("mini(\"10 20\"):sub(3)"));
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

TEST_CASE("voicing dictionaries: addVoicings, setVoicingRange, resetVoicings and their errors", "[runtime][bind][tonal]") {
  // A dictionary added from Lua is what dict(name) voices with (Strudel gives C3 G3: the top note
  // at or below the anchor c4); resetVoicings forgets it.
  auto added = q("(function() addVoicings('two', {[''] = {'1P 5P'}, m = {'1P 3m'}}) "
                 "return chord('C'):dict('two'):anchor('c4'):voicing() end)()");
  CHECK(added == std::vector<std::string>{R"({"whole":["0","1"],"part":["0","1"],"value":{"note":"C3"}})",
                                          R"({"whole":["0","1"],"part":["0","1"],"value":{"note":"G3"}})"});
  CHECK(q("(function() addVoicings('two', {[''] = {'1P 5P'}}) resetVoicings() "
          "return chord('C'):dict('two'):voicing() end)()")
            .empty());
  auto bad_dict = q("(function() addVoicings('x', {m = 3}) return pure(1) end)()");
  REQUIRE(bad_dict.size() == 1);
  CHECK(bad_dict[0].find("addVoicings") != std::string::npos);
  auto bad_range = q("(function() setVoicingRange('nope', {'C3', 'C5'}) return pure(1) end)()");
  REQUIRE(bad_range.size() == 1);
  CHECK(bad_range[0].find("no voicing dictionary \"nope\"") != std::string::npos);
  auto bad_note = q("(function() setVoicingRange('lefthand', {'C3', 'x'}) return pure(1) end)()");
  REQUIRE(bad_note.size() == 1);
  CHECK(bad_note[0].find("range note 2") != std::string::npos);
  q("resetVoicings() or pure(1)");
}

TEST_CASE("scaleTranspose needs scale(), as in Strudel, and says so", "[runtime][bind][tonal]") {
  CHECK(q("n('0 2'):scale('C:major'):scaleTranspose(1)") ==
        std::vector<std::string>{R"({"whole":["0","1/2"],"part":["0","1/2"],"value":{"note":"D3"}})",
                                 R"({"whole":["1/2","1"],"part":["1/2","1"],"value":{"note":"F3"}})"});
  try {
    q("note('c3 e3'):scaleTranspose(1)");
    FAIL("no error");
  } catch (const std::exception& e) {
    CHECK(std::string(e.what()).find("only use scaleTranspose after .scale") != std::string::npos);
  }
}

TEST_CASE("loopAtCps, scrub and sysex: values, patterned arguments and errors", "[runtime][bind]") {
  // speed = cps / cycles, slowed by cycles; the cps argument is patterned like the cycles.
  CHECK(q("s(\"x\"):loopAtCps(2, 1)", 2) ==
        std::vector<std::string>{R"({"whole":["0","2"],"part":["0","2"],"value":{"s":"x","speed":0.5,"unit":"c"}})"});
  CHECK(q("s(\"x\"):loopAtCps(1, \"1 2\")") ==
        std::vector<std::string>{R"({"whole":["0","1"],"part":["0","1/2"],"value":{"s":"x","speed":1,"unit":"c"}})",
                                 R"({"whole":["0","1"],"part":["1/2","1"],"value":{"s":"x","speed":2,"unit":"c"}})"});
  CHECK(q("s(\"x\"):loopatcps(2, 1)", 2) == q("s(\"x\"):loopAtCps(2, 1)", 2));
  // scrub: the structure is the positions'; "pos:speed" multiplies the speed.
  CHECK(q("s(\"x\"):speed(2):scrub(\"0.25 0.5:3\")") ==
        std::vector<std::string>{
            R"({"whole":["0","1/2"],"part":["0","1/2"],"value":{"begin":0.25,"clip":1,"s":"x","speed":2}})",
            R"({"whole":["1/2","1"],"part":["1/2","1"],"value":{"begin":0.5,"clip":1,"s":"x","speed":6}})"});
  CHECK(q("note(\"c4\"):sysex({\"0x77\", \"1:2\"})") == q("note(\"c4\"):sysexid(\"0x77\"):sysexdata(\"1:2\")"));
  const auto bad = q("note(\"c4\"):sysex(\"0x77\")");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].find("sysex: expects a list {id, data}") != std::string::npos);
}

TEST_CASE("tag: events carry their tags through combinators, and filter's hap:hasTag reads them", "[runtime][bind]") {
  const std::string has = ":filter(function(h) return h:hasTag(\"x\") end)";
  // Kept through set, arithmetic, time shifts, joins and stacks; only the tagged half passes.
  CHECK(q("stack(s(\"a b\"):tag(\"x\"):gain(0.5):add(n(1)):fast(2):late(0.25), s(\"c\"))" + has).size() == 4);
  CHECK(q("s(\"a b\"):when(\"1 0\", function(p) return p:tag(\"x\") end)" + has) == q("s(\"a ~\")"));
  // Several tags: each is found; a tag given is not another.
  CHECK(q("s(\"a\"):tag(\"x\"):tag(2):filter(function(h) return h:hasTag(2) and h:hasTag(\"x\") end)").size() == 1);
  CHECK(q("s(\"a\"):tag(\"y\")" + has).empty());
  CHECK(q("s(\"a\")" + has).empty());
  // queryArc's haps answer hasTag too.
  CHECK(q("pure(tostring(s(\"a b\"):tag(\"x\"):queryArc(0, 1)[2]:hasTag(\"x\")))") ==
        std::vector<std::string>{R"({"whole":["0","1"],"part":["0","1"],"value":"true"})"});
  CHECK(q("pure(tostring(s(\"a b\"):queryArc(0, 1)[2]:hasTag(\"x\")))") ==
        std::vector<std::string>{R"({"whole":["0","1"],"part":["0","1"],"value":"false"})"});
  const auto bad = q("s(\"a\"):tag(function() end)");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].find("tag: the tag must be a string or a number") != std::string::npos);
}

TEST_CASE("drawLine: Strudel's text of a pattern, and its errors", "[runtime][bind]") {
  auto text = [](const std::string& e) {
    const auto l = q("pure(" + e + ")");
    return l.size() == 1 ? l[0] : std::string("none");
  };
  // The texts Strudel 1.2.6's drawLine gives for the same patterns.
  CHECK(text("drawLine(\"0 [1 2 3]\", 10)").find(R"("value":"|0--123|0--123")") != std::string::npos);
  CHECK(text("mini(\"[a,b] c\"):drawLine(12)").find(R"("value":"|ac|ac|ac|ac\n|b.|b.|b.|b.")") != std::string::npos);
  CHECK(text("drawLine(\"a . b c d\", 9)").find(R"("value":"|a--bcd|a--bcd")") != std::string::npos);
  CHECK(text("drawLine(mini(\"a b\"):slow(2), 10)").find(R"("value":"|a|b|a|b|a")") != std::string::npos);
  CHECK(text("drawLine(\"<a ~>\", 8)").find("drawLine: cycle 1 has no event starting in it") != std::string::npos);
  CHECK(text("drawLine(sine, 8)").find("drawLine: a signal has no events") != std::string::npos);
}
