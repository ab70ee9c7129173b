// The one control table (base/controls.hpp) against Strudel 1.2.6's controls (the fixture that
// scripts/conformance/controls.mjs prints), against the pattern registry and the event builder,
// and every engine control rendered through the real engine: it must change the audio.
#include <catch2/catch.hpp>

#include <sndfile.h>
#include <unistd.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iterator>
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

namespace {

struct Render {
  std::vector<float> audio;
  std::string warning;
};

// A probe's side ("key=value ..."): numbers as numbers, anything else as a string.
pattern::ValueMap ParseProbe(std::string_view text) {
  pattern::ValueMap m;
  for (std::string_view kv : controls::split(text, ' ')) {
    const size_t eq = kv.find('=');
    const std::string key(kv.substr(0, eq)), val(kv.substr(eq + 1));
    char* end = nullptr;
    const double x = std::strtod(val.c_str(), &end);
    if (end && *end == '\0') m.push_back({key, x});
    else m.push_back({key, val});
  }
  return m;
}

// Two overlapping events of the probe's voice (cut groups need two) through the real event
// builder and engine, four channels with orbits on their own pairs (orbit needs them).
Render RenderProbe(const pattern::ValueMap& controls, const std::string& samples) {
  audio::EngineConfig cfg;
  cfg.channels = 4;
  cfg.multichannel_orbits = true;
  cfg.superdirt_sample_paths = false;
  cfg.synchronous_loading = true;
  cfg.sample_paths = {samples};
  audio::Engine engine(cfg);
  Render r;
  for (int i = 0; i < 2; ++i) {
    audio::VoiceEvent e;
    std::string w;
    REQUIRE(runtime::value_to_event(map(controls), [&](const std::string& s) { return engine.resolve_sound(s); }, e, w));
    if (r.warning.empty()) r.warning = w;
    e.frame = i * 12000;
    e.duration_sec = 0.5;
    engine.push(e);
  }
  const int frames = 72000;
  r.audio.assign(static_cast<size_t>(frames) * 4, 0.f);
  for (int done = 0; done < frames; done += 128)
    engine.process(r.audio.data() + static_cast<size_t>(done) * 4, std::min(128, frames - done));
  return r;
}

double Rms(const std::vector<float>& x) {
  double s = 0;
  for (float v : x) s += static_cast<double>(v) * v;
  return std::sqrt(s / static_cast<double>(x.size()));
}

}  // namespace

TEST_CASE("every engine control changes the rendered audio of a voice", "[controls][audio]") {
  // a sample bank "smp" for the sampler's controls: half a second of a rising sine
  const std::string dir = std::string(MR_BINARY_DIR) + "/test_tmp/controls_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir + "/smp");
  {
    SF_INFO info{};
    info.samplerate = 48000;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    SNDFILE* f = sf_open((dir + "/smp/a.wav").c_str(), SFM_WRITE, &info);
    REQUIRE(f);
    std::vector<float> x(24000);
    for (size_t i = 0; i < x.size(); ++i) x[i] = 0.5f * std::sin(0.02f * static_cast<float>(i) * (1.f + static_cast<float>(i) / 24000.f));
    sf_writef_float(f, x.data(), static_cast<sf_count_t>(x.size()));
    sf_close(f);
  }
  int tested = 0;
  for (const controls::Control& c : controls::all()) {
    if (c.consumer != controls::Consumer::kEngine) continue;
    INFO("control " << c.name << ", probe " << c.probe);
    const size_t bar = c.probe.find('|');
    REQUIRE(bar != std::string_view::npos);
    const pattern::ValueMap base = ParseProbe(c.probe.substr(0, bar));
    pattern::ValueMap with = base;
    for (const auto& kv : ParseProbe(c.probe.substr(bar + 1))) {
      CHECK(controls::find(kv.first) == &c);  // the setting is this control alone
      with.push_back(kv);
    }
    const Render a = RenderProbe(base, dir), b = RenderProbe(with, dir);
    CHECK(a.warning.empty());
    CHECK(b.warning.empty());
    std::vector<float> diff(a.audio.size());
    for (size_t i = 0; i < diff.size(); ++i) diff[i] = a.audio[i] - b.audio[i];
    const double level = std::max(Rms(a.audio), Rms(b.audio));
    CHECK(level > 1e-3);
    CHECK(Rms(diff) > 0.01 * level);
    ++tested;
  }
  CHECK(tested == controls::kEngineParamCount);
  std::filesystem::remove_all(dir);
}

TEST_CASE("every engine control is read by the engine's code", "[controls]") {
  std::string code;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(MR_SOURCE_DIR) + "/src/audio")) {
    if (entry.path().filename() == "params.hpp") continue;
    std::ifstream in(entry.path());
    code += std::string(std::istreambuf_iterator<char>(in), {});
  }
  static const char* kIds[] = {
#define MR_X(id, ...) #id,
      MR_ENGINE_CONTROLS(MR_X)
#undef MR_X
  };
  for (const char* id : kIds) {
    INFO("Param::" << id);
    const std::string ref = std::string("Param::") + id;
    bool read = false;
    for (size_t at = code.find(ref); at != std::string::npos && !read; at = code.find(ref, at + 1)) {
      const char next = at + ref.size() < code.size() ? code[at + ref.size()] : ' ';
      read = !std::isalnum(static_cast<unsigned char>(next)) && next != '_';
    }
    CHECK(read);
  }
}
