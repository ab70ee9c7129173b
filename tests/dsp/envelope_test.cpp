// Envelopes: the ADSR's segments are exponential (equal dB per unit time in decay and release,
// concave attack) and hit their times; LinearAr is a straight line; retriggers never jump.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "dsp/envelope.hpp"
#include "test_util.hpp"

using namespace mr::dsp;
using namespace mr::dsp::test;

TEST_CASE("adsr attack is exponential (concave) and reaches 1 at the attack time") {
  Adsr env;
  env.Init(kRate);
  env.set_attack_sec(0.1f);
  env.NoteOn();
  std::vector<float> x(4802);
  env.Process(x.data(), x.size());
  // Aiming at 1.5: at half time 1.5 (1 - sqrt(1/3)) = 0.634, well above a line's 0.5.
  CHECK(x[2399] == Approx(0.634f).margin(0.01));
  CHECK(x[4700] < 0.99f);
  CHECK(x[4799] == Approx(1.0f).margin(1e-4));
  CHECK(env.stage() == Adsr::Stage::kDecay);
}

TEST_CASE("adsr decay and release fall by equal dB per unit time, 60 dB in the set time") {
  Adsr env;
  env.Init(kRate);
  env.set_attack_sec(0.0f);
  env.set_decay_sec(0.2f);
  env.set_sustain_norm(0.25f);
  env.set_release_sec(0.4f);
  env.NoteOn();
  env.Tick();  // attack in one sample
  std::vector<float> d(9600);
  env.Process(d.data(), d.size());
  // Distance to sustain: 0.75 -> 0.75e-3 at 0.2 s, half way (-30 dB) at 0.1 s.
  CHECK(Db((d[4799] - 0.25) / 0.75) == Approx(-30.0).margin(1.0));
  CHECK(Db((d[9599] - 0.25) / 0.75) == Approx(-60.0).margin(1.0));
  std::vector<float> rest(9600);
  env.Process(rest.data(), rest.size());  // the segment ends at 1e-5 of its distance (-97 dB)
  CHECK(env.stage() == Adsr::Stage::kSustain);
  CHECK(rest.back() == 0.25f);
  env.NoteOff();
  // Release ends at an absolute 1e-5 (-100 dB): from 0.25 that is 88 dB, 0.59 s here.
  std::vector<float> r(33600);
  env.Process(r.data(), r.size());
  CHECK(Db(r[4799] / 0.25) == Approx(-15.0).margin(0.5));
  CHECK(Db(r[9599] / 0.25) == Approx(-30.0).margin(0.5));
  CHECK(Db(r[14399] / 0.25) == Approx(-45.0).margin(0.5));
  CHECK(Db(r[19199] / 0.25) == Approx(-60.0).margin(0.5));
  CHECK(env.is_done());
  CHECK(r.back() == 0.0f);
  CHECK(!HasBadSample(r));
}

TEST_CASE("adsr retriggered during release rises from where it is, without a jump") {
  Adsr env;
  env.Init(kRate);
  env.set_attack_sec(0.01f);
  env.set_release_sec(0.5f);
  env.NoteOn();
  std::vector<float> x(48000);
  env.Process(x.data(), 4800);
  env.NoteOff();
  env.Process(x.data() + 4800, 4800);
  env.NoteOn();
  env.Process(x.data() + 9600, 38400);
  float max_step = 0.0f;
  for (size_t i = 1; i < x.size(); ++i) max_step = std::fmax(max_step, std::fabs(x[i] - x[i - 1]));
  CHECK(max_step < 0.01f);  // the attack's first step is about 1.5 / 480 * ln 3
}

TEST_CASE("linear ar is a straight line up and down") {
  LinearAr env;
  env.Init(kRate);
  env.set_attack_sec(0.01f);
  env.set_release_sec(0.02f);
  env.NoteOn();
  std::vector<float> x(960);
  env.Process(x.data(), 960);
  CHECK(x[239] == Approx(0.5f).margin(0.003));
  CHECK(x[479] == Approx(1.0f));
  CHECK(x[959] == 1.0f);
  env.NoteOff();
  env.Process(x.data(), 960);
  CHECK(x[479] == Approx(0.5f).margin(0.003));
  CHECK(x[959] == Approx(0.0f).margin(1e-6));
  env.Process(x.data(), 2);  // rounding may leave one step's remainder
  CHECK(x[1] == 0.0f);
  CHECK(env.is_done());
}
