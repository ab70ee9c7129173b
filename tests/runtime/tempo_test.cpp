#include <catch2/catch.hpp>

#include "runtime/tempo_map.hpp"

using mr::pattern::Rational;
using mr::runtime::TempoMap;

TEST_CASE("tempo map converts cycles and frames exactly", "[runtime][tempo]") {
  TempoMap m(48000, Rational(1, 2));
  CHECK(m.frame_at(Rational(1)) == 96000);
  CHECK(m.frame_at(Rational(1, 3)) == 32000);
  CHECK(m.frame_at(Rational(1, 7)) == 13715);  // 96000/7 = 13714.28..., rounded up
  CHECK(m.cycle_at(96000) == Rational(1));
  CHECK(m.cycle_at(48000) == Rational(1, 2));
}

TEST_CASE("a tempo change takes effect at its exact cycle", "[runtime][tempo]") {
  TempoMap m(48000, Rational(1, 2));
  m.set_cps_at(Rational(2), Rational(1));
  CHECK(m.frame_at(Rational(2)) == 192000);
  CHECK(m.frame_at(Rational(3)) == 240000);  // one cycle at 1 cps = 48000 frames
  CHECK(m.frame_at(Rational(3, 2)) == 144000);  // before the change: the old tempo
  CHECK(m.cycle_at(240000) == Rational(3));
  CHECK(m.cps_at(Rational(5, 2)) == Rational(1));
  m.set_cps_at(Rational(13, 4), Rational(13, 24));  // setbpm(130)
  CHECK(m.frame_at(Rational(13, 4)) == 252000);
  CHECK(m.cycle_at(m.frame_at(Rational(4))) >= Rational(4));
  CHECK_THROWS(m.set_cps_at(Rational(1), Rational(1)));
}

TEST_CASE("consecutive ticks cover every onset exactly once", "[runtime][tempo]") {
  TempoMap m(44100, Rational(3, 5));
  m.set_cps_at(Rational(5, 3), Rational(7, 9));
  // Onsets every 1/12 cycle over 4 cycles; ticks of 256 frames.
  int counted = 0;
  for (int64_t f = 0; f < m.frame_at(Rational(4)) + 256; f += 256) {
    Rational a = m.cycle_at(f), b = m.cycle_at(f + 256);
    for (int k = 0; k < 48; ++k) {
      Rational c(k, 12);
      if (a <= c && c < b) {
        ++counted;
        int64_t frame = m.frame_at(c);
        CHECK(frame >= f);
        CHECK(frame < f + 256);
      }
    }
  }
  CHECK(counted == 48);
}
