// The one control table (base/controls.hpp) against Strudel 1.2.6's controls (the fixture that
// scripts/conformance/controls.mjs prints), against the pattern registry and the event builder,
// and every engine control rendered through the real engine: it must change the audio.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "audio/engine.hpp"
#include "base/controls.hpp"
#include "pattern/registry.hpp"
#include "runtime/events.hpp"

using namespace mr;

namespace {

struct StrudelRow {
  std::string key;
  std::vector<std::string> aliases;
  std::string tail;
};

std::vector<StrudelRow> StrudelControls() {
  std::ifstream in(std::string(MR_SOURCE_DIR) + "/tests/data/strudel_controls.tsv");
  std::vector<StrudelRow> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find('\t') == std::string::npos) continue;
    std::istringstream cols(line);
    StrudelRow r;
    std::string aliases;
    std::getline(cols, r.key, '\t');
    std::getline(cols, aliases, '\t');
    std::getline(cols, r.tail, '\t');
    std::istringstream as(aliases);
    for (std::string a; as >> a;) r.aliases.push_back(a);
    rows.push_back(r);
  }
  return rows;
}

pattern::Value map(pattern::ValueMap m) { return pattern::Value::map(std::move(m)); }

}  // namespace

TEST_CASE("every Strudel control is in the table with Strudel's key, aliases and list tail", "[controls]") {
  const std::vector<StrudelRow> rows = StrudelControls();
  REQUIRE(rows.size() > 400);
  for (const StrudelRow& r : rows) {
    INFO("Strudel control " << r.key);
    const controls::Control* c = controls::find(r.key);
    REQUIRE(c);
    CHECK(c->name == r.key);
    CHECK(std::string(c->tail) == r.tail);
    for (const std::string& a : r.aliases) {
      INFO("alias " << a);
      const controls::Control* ca = controls::find(a);
      REQUIRE(ca);
      CHECK(ca->name == r.key);
    }
  }
  // canonicalised as Strudel does
  CHECK(controls::find("size")->name == "roomsize");
  CHECK(controls::find("sz")->name == "roomsize");
  CHECK(controls::find("lpf")->name == "cutoff");
  CHECK(controls::find("hpf")->name == "hcutoff");
  CHECK(controls::find("lpq")->name == "resonance");
  CHECK(controls::find("legato")->name == "clip");
  CHECK(controls::find("unison")->consumer == controls::Consumer::kEngine);
}

TEST_CASE("the table has no name twice and every engine control is documented and probed", "[controls]") {
  std::set<std::string_view> seen;
  for (const controls::Control& c : controls::all()) {
    INFO(c.name);
    CHECK(seen.insert(c.name).second);
    for (std::string_view a : controls::split(c.aliases, ' ')) CHECK(seen.insert(a).second);
    CHECK(!c.doc.empty());
    if (c.consumer == controls::Consumer::kEngine) {
      CHECK(c.param >= 0);
      CHECK(&controls::engine(static_cast<controls::EngineParam>(c.param)) == &c);
      CHECK(c.probe.find('|') != std::string_view::npos);
      CHECK(!c.unit.empty());
      CHECK(c.lo <= c.def);
      CHECK(c.def <= c.hi);
    }
  }
}

TEST_CASE("every control is a registered pattern function writing its key", "[controls]") {
  const pattern::Registry& r = pattern::Registry::instance();
  for (const controls::Control& c : controls::all()) {
    INFO(c.name);
    const pattern::FunctionInfo* f = r.find(c.name);
    REQUIRE(f);
    if (f->category != "control") continue;  // a pattern function of that name (harmony's) wins
    CHECK(f->doc.find(std::string(c.doc)) == 0);
  }
}

TEST_CASE("an unknown control is one warning naming the closest known ones", "[controls]") {
  CHECK(controls::closest("lpff").front() == "lpf");
  CHECK(controls::closest("rooomsize").front() == "roomsize");
  CHECK(controls::closest("zzzzzzzzzzzzz").empty());
  auto resolve = [](const std::string& s) { return s == "saw" ? audio::SoundId{0x101} : audio::kNoSound; };
  audio::VoiceEvent e;
  std::string w;
  REQUIRE(runtime::value_to_event(map({{"s", "saw"}, {"cutof", 300.0}}), resolve, e, w));
  CHECK(w.find("unknown control 'cutof'") != std::string::npos);
  CHECK(w.find("cutoff") != std::string::npos);
  // Strudel's controls moonrave does not play are said by name, not dropped in silence
  audio::VoiceEvent u;
  REQUIRE(runtime::value_to_event(map({{"s", "saw"}, {"wtenv", 0.5}}), resolve, u, w));
  CHECK(w.find("'wtenv' is not played") != std::string::npos);
  // outputs-only and pattern-only controls are no warning
  audio::VoiceEvent m;
  REQUIRE(runtime::value_to_event(map({{"s", "saw"}, {"midichan", 2.0}, {"chord", "C"}}), resolve, m, w));
  CHECK(w.empty());
  // named values from the table
  audio::VoiceEvent f;
  REQUIRE(runtime::value_to_event(map({{"s", "saw"}, {"fmwave", "square"}, {"tremoloshape", "saw"}}), resolve, f, w));
  CHECK(f.get(audio::Param::FmWave, -1) == 1.f);
  CHECK(f.get(audio::Param::TremoloShape, -1) == 3.f);
}
