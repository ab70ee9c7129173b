#include <catch2/catch.hpp>

#include "runtime/events.hpp"

using namespace mr;

namespace {
audio::SoundId resolve(const std::string& name) {
  if (name == "tr808_bd") return 7;
  if (name == "saw" || name == "triangle") return 3;
  return audio::kNoSound;
}
pattern::Value map(pattern::ValueMap m) { return pattern::Value::map(std::move(m)); }
}  // namespace

TEST_CASE("control maps become voice events", "[runtime][events]") {
  audio::VoiceEvent e;
  std::string w;
  REQUIRE(runtime::value_to_event(map({{"s", "bd"}, {"bank", "tr808"}, {"lpf", 800.0}}), resolve, e, w));
  CHECK(e.sound == 7);
  CHECK(e.get(audio::Param::Cutoff, 0) == 800.0f);
  audio::VoiceEvent n;
  REQUIRE(runtime::value_to_event(map({{"s", "saw"}, {"note", "a4"}, {"vowel", "o"}}), resolve, n, w));
  CHECK(n.get(audio::Param::Note, 0) == 69.0f);
  CHECK(n.get(audio::Param::Vowel, 0) == 4.0f);
  audio::VoiceEvent c;
  REQUIRE(runtime::value_to_event(map({{"note", "c"}}), resolve, c, w));
  CHECK(c.get(audio::Param::Note, 0) == 48.0f);
  audio::VoiceEvent bad;
  CHECK_FALSE(runtime::value_to_event(map({{"s", "nosuch"}}), resolve, bad, w));
  CHECK(w.find("nosuch") != std::string::npos);
}

TEST_CASE("filter types by name, and a word where a number belongs is named", "[runtime][events]") {
  std::string w;
  audio::VoiceEvent ladder;
  REQUIRE(runtime::value_to_event(map({{"s", "saw"}, {"ftype", "ladder"}}), resolve, ladder, w));
  CHECK(ladder.get(audio::Param::FType, -1) == 1.0f);
  CHECK(w.empty());
  audio::VoiceEvent svf;
  REQUIRE(runtime::value_to_event(map({{"s", "saw"}, {"ftype", "12db"}}), resolve, svf, w));
  CHECK(svf.get(audio::Param::FType, -1) == 0.0f);
  audio::VoiceEvent odd;
  REQUIRE(runtime::value_to_event(map({{"s", "saw"}, {"ftype", "moog"}}), resolve, odd, w));
  CHECK_FALSE(odd.has(audio::Param::FType));
  CHECK(w.find("moog") != std::string::npos);
  audio::VoiceEvent loud;
  REQUIRE(runtime::value_to_event(map({{"s", "saw"}, {"gain", "loud"}}), resolve, loud, w));
  CHECK(w.find("'gain' wants a number") != std::string::npos);
  audio::VoiceEvent numeric;
  REQUIRE(runtime::value_to_event(map({{"s", "saw"}, {"gain", "0.5"}}), resolve, numeric, w));
  CHECK(numeric.get(audio::Param::Gain, 0) == 0.5f);
  CHECK(w.empty());
}

TEST_CASE("sustain is the envelope's level and duration the seconds held, as in Strudel", "[runtime][events]") {
  std::string w;
  audio::VoiceEvent e;
  REQUIRE(runtime::value_to_event(map({{"s", "saw"}, {"sustain", 0.3}, {"dur", 2.0}, {"det", 0.2}}), resolve, e, w));
  CHECK(w.empty());
  CHECK(e.get(audio::Param::SustainLevel, -1) == Approx(0.3));
  CHECK(e.get(audio::Param::Duration, -1) == 2.0f);
  CHECK(e.get(audio::Param::Detune, -1) == Approx(0.2));
  audio::VoiceEvent d;
  REQUIRE(runtime::value_to_event(map({{"s", "saw"}, {"duration", 0.25}}), resolve, d, w));
  CHECK(d.get(audio::Param::Duration, -1) == 0.25f);
  CHECK_FALSE(d.has(audio::Param::SustainLevel));
}
