// Rational time, JavaScript number printing, the query JSON format, mini-notation structure and
// Strudel's legacy random numbers (values computed from the documented algorithm).
#include <catch2/catch.hpp>

#include "pattern/json.hpp"
#include "pattern/mini.hpp"
#include "pattern/ops.hpp"

using namespace mr::pattern;

TEST_CASE("rationals stay reduced and overflow is an error") {
  CHECK(Rational(2, 4) == Rational(1, 2));
  CHECK(Rational(3, -6).str() == "-1/2");
  CHECK((Rational(1, 3) + Rational(1, 6)).str() == "1/2");
  CHECK(Rational(-1, 3).floor() == Rational(-1));
  CHECK(Rational(7, 2).frac() == Rational(1, 2));
  CHECK(Rational::parse("0.125") == Rational(1, 8));
  CHECK(Rational::parse("-1/4") == Rational(-1, 4));
  CHECK_THROWS_AS(Rational(INT64_MAX) * Rational(2), RationalOverflow);
  CHECK_THROWS_AS(Rational(1, INT64_MAX) * Rational(1, 3), RationalOverflow);
}

TEST_CASE("doubles become fractions as fraction.js makes them") {
  CHECK(Rational::from_double(0.1) == Rational(1, 10));
  CHECK(Rational::from_double(1.5) == Rational(3, 2));
  CHECK(Rational::from_double(1.0 / 3.0) == Rational(1, 3));
  CHECK(Rational::from_double(-0.25) == Rational(-1, 4));
  CHECK(Rational::from_double(3) == Rational(3));
}

TEST_CASE("numbers print as JavaScript prints them") {
  CHECK(js_number(1) == "1");
  CHECK(js_number(0.5) == "0.5");
  CHECK(js_number(-2.25) == "-2.25");
  CHECK(js_number(1e21) == "1e+21");
  CHECK(js_number(1.5e-7) == "1.5e-7");
  CHECK(js_number(0.000001) == "0.000001");
  CHECK(js_number(123456789012) == "123456789012");
}

TEST_CASE("query lines are sorted JSON with exact times") {
  auto lines = query_json_lines(mini("a [b c]"), Rational(0), Rational(1));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == R"({"whole":["0","1/2"],"part":["0","1/2"],"value":"a"})");
  CHECK(lines[1] == R"({"whole":["1/2","3/4"],"part":["1/2","3/4"],"value":"b"})");
  CHECK(lines[2] == R"({"whole":["3/4","1"],"part":["3/4","1"],"value":"c"})");
}

TEST_CASE("mini-notation: alternation, numbers and source spans") {
  auto haps = mini("<1 2>*2").query_arc(0, 1);
  REQUIRE(haps.size() == 2);
  CHECK(haps[0].value == Value(1));
  CHECK(haps[1].value == Value(2));
  auto one = mini("bd sn", 10).query_arc(0, Rational(1, 2));
  REQUIRE(one.size() == 1);
  REQUIRE(!one[0].locations.empty());
  CHECK(one[0].locations[0] == SourceSpan{10, 12});
  CHECK_THROWS_AS(mini("[a b"), MiniParseError);
}

TEST_CASE("legacy random numbers match Strudel's algorithm") {
  CHECK(rand_at(Rational(0)) == 0.0);
  CHECK(rand_at(Rational(1, 2)) == Approx(0.2604806162416935).epsilon(1e-15));
  CHECK(rand_at(Rational(1)) == Approx(0.5195421651005745).epsilon(1e-15));
  CHECK(rand_at(Rational(5, 4)) == Approx(0.7287282031029463).epsilon(1e-15));
  CHECK(rand_at(Rational(7, 3)) == Approx(0.42431837879121304).epsilon(1e-15));
}

TEST_CASE("signals stay in range over many spans") {
  Pattern sigs[] = {sine(), saw(), tri(), square(), rand_signal(), perlin()};
  for (const Pattern& p : sigs) {
    for (int i = 0; i < 200; ++i) {
      Rational b(i * 37 % 1000, 97);
      for (const Hap& h : p.query_arc(b, b + Rational(1, 7))) {
        double x = 0;
        REQUIRE(h.value.to_number(x));
        CHECK(x >= 0.0);
        CHECK(x <= 1.0);
      }
    }
  }
}

TEST_CASE("rational arithmetic: fast paths agree with exact results") {
  // Products, sums and quotients of small fractions, checked against cross-multiplication.
  for (int64_t a = -7; a <= 7; ++a)
    for (int64_t b = 1; b <= 9; ++b)
      for (int64_t c = -7; c <= 7; ++c)
        for (int64_t d = 1; d <= 9; ++d) {
          const Rational x(a, b), y(c, d);
          CHECK(x * y == Rational(a * c, b * d));
          CHECK(x + y == Rational(a * d + c * b, b * d));
          CHECK(x - y == Rational(a * d - c * b, b * d));
          if (c != 0) CHECK(x / y == Rational(a * d, b * c));
        }
  CHECK(Rational(0, 5) * Rational(3, 7) == Rational(0));
  CHECK((Rational(INT64_MAX / 3, 7) + Rational(1, 7)).den() == 7);
  CHECK_THROWS_AS(Rational(INT64_MAX - 1, 3) + Rational(INT64_MAX - 1, 5), RationalOverflow);
  CHECK_THROWS_AS(Rational(1, INT64_MAX - 2) / Rational(INT64_MAX - 4, 1), RationalOverflow);
}
