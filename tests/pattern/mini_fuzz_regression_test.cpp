// Inputs the mini-notation fuzzers found: each must fail with a clear MiniParseError or parse and
// query quickly (the query fuzz target's timeout is what catches a blow-up; here the work is
// bounded by counting events, never by timing).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "pattern/mini.hpp"
#include "pattern/ops.hpp"

using namespace mr::pattern;

TEST_CASE("fuzz: a word where '*' needs a number is a parse error naming it") {
  try {
    (void)mini("bd?:4*b?b");
    FAIL("expected a MiniParseError");
  } catch (const MiniParseError& e) {
    CHECK(e.offset == 6);
    CHECK(std::string(e.what()).find("expected a number after '*'") != std::string::npos);
    CHECK(std::string(e.what()).find("'b'") != std::string::npos);
  }
  CHECK_THROWS_AS(mini("a/x"), MiniParseError);
  CHECK_THROWS_AS(mini("a(x,8)"), MiniParseError);
  CHECK_THROWS_AS(mini("a(3,8,y)"), MiniParseError);
  CHECK_THROWS_AS(mini("{a b}%c"), MiniParseError);
  CHECK_THROWS_AS(mini("a*Infinity"), MiniParseError);
  CHECK_THROWS_AS(mini("a*[2 3:4]"), MiniParseError);
  // Rests and patterned numbers are still fine.
  CHECK_NOTHROW(mini("a*<2 3>"));
  CHECK_NOTHROW(mini("a*[2 ~]"));
}

TEST_CASE("fuzz: long replications are refused past the density limit, and cost per event below it") {
  // Found as a >10 s query: 64447 steps in one cycle. Now over the limit (20000 a cycle).
  CHECK_THROWS_AS(mini("4-a32b.1b z!32222 _c4-a13b.bz!32222 _"), MiniParseError);
  CHECK_THROWS_AS(mini("C3:Major:b!!!!!77707"), MiniParseError);
  // Below it, a query touches only the steps it overlaps.
  const Pattern p = mini("4-a32b.1b z!8000 _c4-a13b.bz!8000 _");
  CHECK(p.query_arc(Rational(0), Rational(1, 16003)).size() == 1);
  CHECK(p.query_arc(Rational(1, 3), Rational(1, 3) + Rational(1, 1000)).size() <= 20);
  CHECK(p.query_arc(Rational(5, 2), Rational(5, 2)).size() <= 2);
  CHECK(p.query_arc(Rational(0), Rational(1)).size() == 16001);
}

TEST_CASE("fuzz: a patterned euclid step count builds its rhythm once, not per event") {
  // Found as a 10 s timeout: every query rebuilt a 1609-step rhythm step by step.
  const Pattern p = mini("a8 16(3,<1609>)Y2YY");
  const auto haps = p.query_arc(Rational(0), Rational(4));
  CHECK(haps.size() == 4 * 2 + 4 * 3);
}

TEST_CASE("fuzz: a chain of fast factors past the density limit is a parse error") {
  // 1*3*8*8000 is about 190000 events a cycle: refused at parse time with the reason.
  try {
    (void)mini("<20 1?>c 1*3*8*08e3");
    FAIL("expected a MiniParseError");
  } catch (const MiniParseError& e) {
    CHECK(std::string(e.what()).find("too dense") != std::string::npos);
  }
}

TEST_CASE("fuzz: a range of a range counts the first range's values in the density limit") {
  // "3 ..700 ..1" is 3..700, then each of those ..1: about 245000 events a cycle (a fuzz timeout).
  CHECK_THROWS_AS(mini("3 ..700 ..1"), MiniParseError);
  CHECK(mini("0 ..3").query_arc(Rational(0), Rational(1)).size() == 4);
}

TEST_CASE("fuzz: an operator over an event billions of cycles long queries only its part") {
  // "a/777777777777:b" (now refused by the parser): ':' queried the plain 'b' over the whole
  // event, cycle by cycle, until out of memory. The engine itself must not walk the whole.
  const Pattern slow_a = slow(pure(Value("a")), Rational(777777777777));
  const Pattern p = apply_op(slow_a, pure(Value("b")), [](const Value& x, const Value& y) { return Value::list({x, y}); },
                             Structure::In);
  const auto haps = p.query_arc(Rational(0), Rational(1));
  REQUIRE(haps.size() == 1);
  CHECK(haps[0].part == TimeSpan{Rational(0), Rational(1)});
  CHECK(haps[0].value.json() == R"(["a","b"])");
}

TEST_CASE("fuzz: a fractional replication is a parse error, not a division by zero") {
  // "!0.7" replicated a step 0.7 times: its weight was divided by zero when building.
  CHECK_THROWS_AS(mini("a@{aa*0.7 b e}%54!0.7 1111111111111111113 b"), MiniParseError);
  CHECK_THROWS_AS(mini("a!0.5"), MiniParseError);
  CHECK(mini("a!3 b").query_arc(Rational(0), Rational(1)).size() == 4);
}

TEST_CASE("fuzz: numbers that fail only when the pattern is built are parse errors") {
  // A euclid pulse count past 1e15 threw std::invalid_argument out of mini() (parse fuzz).
  CHECK_THROWS_AS(mini("a(2222222222222222222,6) b(22222222222222222222222222223,<1*6>,8)"), MiniParseError);
  CHECK_THROWS_AS(mini("a/1e300"), MiniParseError);
}

TEST_CASE("fuzz: factors past a million are parse errors") {
  // "/5550000621342192" made an event 5.5e15 cycles long, which ':' then walked (out of memory).
  CHECK_THROWS_AS(mini("0ndsn:[a b!]*2.0555555555555/5550000621342192?:[a b!]*4"), MiniParseError);
  CHECK_THROWS_AS(mini("a/2000000"), MiniParseError);
  CHECK_NOTHROW(mini("a/1000 b*<2 3>"));
}

TEST_CASE("fuzz: few pulses over many steps build in one pass") {
  // "a(5,9292)" paired the groups one step at a time, moving every leftover step each round
  // (quadratic: over ten seconds under the sanitizers).
  const auto haps = mini("a(5,9292)").query_arc(Rational(0), Rational(1));
  CHECK(haps.size() == 5);
  const auto b = bjorklund(5, 9292);
  REQUIRE(b.size() == 9292);
  CHECK(std::count(b.begin(), b.end(), true) == 5);
  // The same rhythms as before for the small sizes (Tidal's and Strudel's tables).
  const auto bits = [](int64_t k, int64_t n) {
    std::string s;
    for (bool x : bjorklund(k, n)) s += x ? 'x' : '.';
    return s;
  };
  CHECK(bits(3, 8) == "x..x..x.");
  CHECK(bits(5, 8) == "x.xx.xx.");
  CHECK(bits(2, 5) == "x.x..");
  CHECK(bits(7, 16) == "x..x.x.x..x.x.x.");
  CHECK(bits(5, 12) == "x..x.x..x.x.");
  CHECK(bits(-3, 8) == ".xx.xx.x");
}
