// JavaScript's pow, bit for bit: js_pow gives V8's results (node 20's `x ** y` and Math.pow) on
// arguments where the C library's pow gives another last bit. Strudel's perlin (x ** 3, 4, 5),
// echo's gains and the `pow` operator go through it, so moonrave's numbers equal Strudel's.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "pattern/jsmath.hpp"

namespace {

double bits(uint64_t b) {
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

uint64_t bits_of(double x) {
  uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

// {x, y, V8's x ** y}, as IEEE bits: each one where glibc's pow differs in the last bit.
struct Case {
  uint64_t x, y, want;
};
constexpr Case kCases[] = {
    {0x3ff0000008244cf4ULL, 0x41f40d11983fded1ULL, 0x4ea6fada51355966ULL},
    {0xc006e3b910377175ULL, 0xc022000000000000ULL, 0xbf14663a1a57e8a0ULL},
    {0xc00b0dee842365aaULL, 0xc010000000000000ULL, 0x3f7f50e87786bb20ULL},
    {0xbff5bc308015cf89ULL, 0x4014000000000000ULL, 0xc0128111cdd92f28ULL},
    {0x4b5b5b3c2624ae50ULL, 0x3ffbb5f000772e90ULL, 0x53b76a0277f106b2ULL},
    {0xbfe8ab22101b3d3aULL, 0xc018000000000000ULL, 0x40130f279889a038ULL},
    {0xc0004404c025d12aULL, 0x4022000000000000ULL, 0xc0828e71ffeff142ULL},
    {0x4006fec98029c1d3ULL, 0xc00cdf91ffeb5a24ULL, 0x3f96a9cde827cdc6ULL},
    {0x401aca25000aafa0ULL, 0x4002d298202d893cULL, 0x4055ef9d7923831eULL},
    {0x3fffde1d80df1f97ULL, 0x40047af48053b264ULL, 0x40175705648ce5eeULL},
    {0xc0055af270006ed2ULL, 0x4018000000000000ULL, 0x40769d142bc699daULL},
    {0x4016c60c94214104ULL, 0x4008e403804e4d2cULL, 0x406bff78b46aa2f6ULL},
    {0x401b103554423cb8ULL, 0xbf64f9fe92342400ULL, 0x3fefd7fe47a6653aULL},
    {0x3fedfaf5003100baULL, 0x4008000000000000ULL, 0x3fea50b63b969bf6ULL},
    {0x4023647f2adcb366ULL, 0x4002eca30034d6feULL, 0x406af68c30b6899cULL},
    {0xbfff458de01a2f8dULL, 0xc008000000000000ULL, 0xbfc124e61b438ef6ULL},
    {0x3feffffffea49002ULL, 0x41ef8da71b11c980ULL, 0x3ef78072c58ff96aULL},
    {0x3ff000000b49ee2bULL, 0x41dd2fa87bd09ce5ULL, 0x475c8334c3b6916aULL},
    {0x39b2a40090d57cceULL, 0x3fe7d62f00050868ULL, 0x3b4989e8984e1e5cULL},
    {0xbfec8ca0e838aedeULL, 0xc020000000000000ULL, 0x4003ee41f40c0b34ULL},
    {0x3fe6bcab403c04ecULL, 0x4008000000000000ULL, 0x3fd6f52d70275430ULL},
    {0x3fe2ec43c0237acaULL, 0x4014000000000000ULL, 0x3fb282cffbb3735aULL},
    {0x1b3f9d8c9e445172ULL, 0x3fd241420067caf0ULL, 0x3577a43040020d36ULL},
    {0x3fefffffe6bdb85dULL, 0x41f7c4004b23a60aULL, 0x24df8cb5a2940032ULL},
    {0x4010d453f43d684cULL, 0xc007d7257faa0fbfULL, 0x3f8c4c36ba8f6efeULL},
    {0x3fd4a9d40005ceb8ULL, 0x4010000000000000ULL, 0x3f864122354a9b72ULL},
    {0x3ff0000009e0b6d2ULL, 0x41f90191c4c9fb9dULL, 0x56347096f2af9562ULL},
    {0x3fefffffed7b0aceULL, 0x41d9df1600064d4cULL, 0x3a88318685e8c6e4ULL},
    {0x40193ff6100b2967ULL, 0x40065ccaa005fe3cULL, 0x4065902b1677b916ULL},
    {0x563f2738d098be76ULL, 0x3f95d1600eaad800ULL, 0x406858871d58892aULL},
    {0x3fdd742e0008f75cULL, 0x4010000000000000ULL, 0x3fa6f7b961c9cc8aULL},
    {0x3ff000000d01b577ULL, 0x41fc5829127fabaeULL, 0x612d4c5ab8fc6754ULL},
    {0x16b2b8f2e95b3321ULL, 0xbfec4ce9ff7016e4ULL, 0x646691617894ccfcULL},
    {0x3fdbcfc0800e381dULL, 0x4008000000000000ULL, 0x3fb501ecadcc25f2ULL},
    {0x3fd56e2300011dfeULL, 0x4010000000000000ULL, 0x3f89bf14cd56e972ULL},
    {0x3feec3cb00066ef6ULL, 0x4014000000000000ULL, 0x3fea4865ec800c34ULL},
    {0x27cb2f2b44dcbf5cULL, 0xbffa9e745fbe596aULL, 0x6817d14bff4d36baULL},
    {0x3fe500094036aaf8ULL, 0x4010000000000000ULL, 0x3fc7bdb1d51ad920ULL},
    {0x3fefffffed7033a5ULL, 0x4202642ef9a8d132ULL, 0x2126a1ba95ea54e0ULL},
    {0x2ae87ebf0aaa3132ULL, 0xbff59d7d7fc296afULL, 0x5c55b4b842b1e4daULL},
    {0x3fe16baad00b864dULL, 0x4008000000000000ULL, 0x3fc4a6bbedecf8dcULL},
    {0x222ef3dd29c440f0ULL, 0x3fae51100ff6cd80ULL, 0x3e2c17d73224ddf2ULL},
    {0x3fdd9a0a80519321ULL, 0x4010000000000000ULL, 0x3fa76eb625860922ULL},
    {0x3fe0503510396308ULL, 0x4014000000000000ULL, 0x3fa1a10d944ffbaaULL},
    {0x3fe3613080005165ULL, 0x4008000000000000ULL, 0x3fcc6e6d59954992ULL},
    {0x3fc1237e002101acULL, 0x4014000000000000ULL, 0x3f06903268b506daULL},
    {0x3f9a1598027f0674ULL, 0x4014000000000000ULL, 0x3e47082c3d26bc86ULL},
    {0x3fa61da00062bbc2ULL, 0x4014000000000000ULL, 0x3e842e9c487a9b68ULL},
};

}  // namespace

TEST_CASE("js_pow: V8's pow bit for bit where the C library's differs") {
  int differs_from_libm = 0;
  for (const Case& c : kCases) {
    const double x = bits(c.x), y = bits(c.y);
    INFO("x = " << x << ", y = " << y);
    CHECK(bits_of(mr::pattern::js_pow(x, y)) == c.want);
    if (bits_of(std::pow(x, y)) != c.want) ++differs_from_libm;
  }
  // The table is of cases where the C library disagrees: were it to agree everywhere, the test
  // would prove nothing about js_pow.
  CHECK(differs_from_libm == static_cast<int>(std::size(kCases)));
}

TEST_CASE("js_pow: JavaScript's special cases") {
  using mr::pattern::js_pow;
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(js_pow(nan, 0) == 1);
  CHECK(std::isnan(js_pow(1, nan)));  // JavaScript, unlike C: NaN
  CHECK(std::isnan(js_pow(1, inf)));
  CHECK(std::isnan(js_pow(-1, -inf)));
  CHECK(js_pow(2, inf) == inf);
  CHECK(js_pow(0.5, inf) == 0);
  CHECK(js_pow(0, -1) == inf);
  CHECK(std::signbit(js_pow(-0.0, 3)));
  CHECK(js_pow(-0.0, -3) == -inf);
  CHECK(std::isnan(js_pow(-8, 1.0 / 3)));
  CHECK(js_pow(-2, 3) == -8);
  CHECK(js_pow(-2, 4) == 16);
  CHECK(js_pow(10, 308) == 1e308);
  CHECK(js_pow(10, 309) == inf);
  CHECK(js_pow(2, -1074) == std::numeric_limits<double>::denorm_min());
  CHECK(js_pow(2, -1075) == 0);
  CHECK(js_pow(3, 0.5) == std::sqrt(3.0));
}
