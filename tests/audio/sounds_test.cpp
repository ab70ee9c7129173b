// Strudel's sound names through the real engine render: waveforms, noises, drum names, drum
// machine banks and the default sample names all make sound (not silent, not clipped); `n`
// variants differ; substitutions and unknown names are said once.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "audio/engine.hpp"
#include "audio/sound_names.hpp"
#include "test_util.hpp"

using namespace mr::audio;

namespace {

EngineConfig BuiltinOnly() {
  EngineConfig c;
  c.superdirt_sample_paths = false;
  c.synchronous_loading = true;
  return c;
}

struct Level {
  float peak = 0.f;
  double rms = 0.0;
  bool finite = true;
};

// Renders one voice of `sound` (a note of `dur` seconds, at c4 unless note < 0) for `frames`.
std::vector<float> Play(Engine& engine, SoundId sound, double dur = 0.4, int frames = 24000, float note = -1.f,
                        float n = -1.f) {
  VoiceEvent e;
  e.sound = sound;
  e.frame = 0;
  e.duration_sec = dur;
  if (note >= 0.f) e.set(Param::Note, note);
  if (n >= 0.f) e.set(Param::N, n);
  engine.push(e);
  return test::Render(engine, frames);
}

Level Measure(const std::vector<float>& out) {
  Level l;
  double sum = 0.0;
  for (float x : out) {
    l.finite = l.finite && std::isfinite(x);
    l.peak = std::max(l.peak, std::fabs(x));
    sum += static_cast<double>(x) * x;
  }
  l.rms = std::sqrt(sum / static_cast<double>(out.size()));
  return l;
}

// Sounds, is finite and stays under the limiter's ceiling (-1 dBFS) without leaning on it hard.
void CheckSounds(const std::string& name, const std::vector<float>& out) {
  const Level l = Measure(out);
  INFO(name << ": peak " << l.peak << " rms " << l.rms);
  CHECK(l.finite);
  CHECK(l.peak > 0.01f);
  CHECK(l.rms > 0.001);
  CHECK(l.peak <= 0.8913f);
}

void CheckName(const std::string& name, float note = -1.f) {
  Engine engine(BuiltinOnly());
  const SoundId id = engine.resolve_sound(name);
  INFO(name);
  REQUIRE(id != kNoSound);
  CheckSounds(name, Play(engine, id, 0.4, 24000, note));
}

std::vector<std::string> Warnings(Engine& engine) {
  std::vector<std::string> all;
  std::string w;
  while (engine.poll_warning(w)) all.push_back(w);
  return all;
}

}  // namespace

TEST_CASE("Strudel's waveform and noise names make sound") {
  for (const char* name : {"sine", "sin", "sawtooth", "saw", "square", "sqr", "triangle", "tri", "supersaw", "pulse",
                           "white", "pink", "brown", "crackle", "SawTooth"})
    CheckName(name, 60.f);
  // the aliases are the same synths: identical renders
  auto render = [](const char* name) {
    Engine engine(BuiltinOnly());
    return Play(engine, engine.resolve_sound(name), 0.3, 12000, 57.f);
  };
  CHECK(render("sawtooth") == render("saw"));
  CHECK(render("tri") == render("triangle"));
  CHECK(render("sawtooth") != render("square"));
}

TEST_CASE("noises last the event and ignore the note, as superdough's") {
  Engine engine(BuiltinOnly());
  const SoundId pink = engine.resolve_sound("pink");
  const auto out = Play(engine, pink, 0.25, 24000);
  double early = 0.0, late = 0.0;
  for (int f = 2400; f < 9600; ++f) early += std::fabs(out[static_cast<size_t>(f) * 2]);
  for (int f = 14400; f < 21600; ++f) late += std::fabs(out[static_cast<size_t>(f) * 2]);
  CHECK(early > 10.0);
  CHECK(late == 0.0);  // released after 0.25 s
  Engine a(BuiltinOnly()), b(BuiltinOnly());
  CHECK(Play(a, a.resolve_sound("white"), 0.2, 12000, 40.f) == Play(b, b.resolve_sound("white"), 0.2, 12000, 80.f));
}

TEST_CASE("Strudel's drum names make sound on every built-in kit") {
  for (const char* drum : {"bd", "sd", "hh", "oh", "cp", "rim", "lt", "mt", "ht", "cr", "rd", "cb", "sh", "perc", "tb",
                           "misc", "fx", "sn", "sbd"})
    for (const char* kit : {"", "tr808_", "tr909_"}) CheckName(std::string(kit) + drum);
  // the new drums are drums of their own
  Engine engine(BuiltinOnly());
  std::vector<std::vector<float>> renders;
  for (const char* drum : {"rd", "sh", "tb", "perc", "fx", "cr", "hh"}) renders.push_back(Play(engine, engine.resolve_sound(drum)));
  for (size_t i = 0; i < renders.size(); ++i)
    for (size_t k = i + 1; k < renders.size(); ++k) CHECK(renders[i] != renders[k]);
}

TEST_CASE("every drum machine of Strudel's map plays, by its name and its alias, said once") {
  for (int m = 0; m < detail::kDrumMachineCount; ++m) {
    const detail::DrumMachine& machine = detail::kDrumMachines[m];
    for (const std::string& bank : {std::string(machine.name), std::string(machine.alias)}) {
      Engine engine(BuiltinOnly());
      for (const char* drum : {"bd", "sd", "hh", "cp"}) {
        const SoundId id = engine.resolve_sound(bank + "_" + drum);
        INFO(bank << "_" << drum);
        REQUIRE(id != kNoSound);
        CheckSounds(bank + "_" + drum, Play(engine, id));
      }
      // case does not matter, as in Strudel
      CHECK(engine.resolve_sound(detail::Lower(bank) + "_bd") == engine.resolve_sound(bank + "_bd"));
      const auto said = Warnings(engine);
      const bool modelled = std::string(machine.name) == "RolandTR808" || std::string(machine.name) == "RolandTR909";
      INFO(bank);
      CHECK(said.size() == (modelled ? 0u : 1u));
      if (!said.empty()) CHECK(said[0].find(machine.name) != std::string::npos);
    }
  }
  Engine engine(BuiltinOnly());
  CHECK(engine.resolve_sound("RolandTR808_bd") == engine.resolve_sound("tr808_bd"));
  CHECK(engine.resolve_sound("RolandTR909_sd") == engine.resolve_sound("tr909_sn"));
  CHECK(engine.resolve_sound("NoSuchMachine_bd") == kNoSound);
}

TEST_CASE("a sample folder named as Strudel's bank sound replaces the stand-in kit") {
  const std::string dir = test::TempDir("sounds_bank");
  std::filesystem::create_directories(dir + "/RolandTR707_bd");
  REQUIRE(test::WriteSound(dir + "/RolandTR707_bd/a.wav", 4800, 1, 48000, SF_FORMAT_WAV | SF_FORMAT_PCM_16,
                           [](int i, int) { return 0.5f * std::sin(0.05f * static_cast<float>(i)); }));
  EngineConfig c = BuiltinOnly();
  c.sample_paths = {dir};
  Engine engine(c);
  const SoundId sample = engine.resolve_sound("RolandTR707_bd");
  CHECK(sample != engine.resolve_sound("tr909_bd"));
  CheckSounds("RolandTR707_bd folder", Play(engine, sample));
  CHECK(Warnings(engine).empty());
}

TEST_CASE("Strudel's default sample names play the closest built-in sound, said once") {
  for (int i = 0; i < detail::kStandInCount; ++i) {
    const detail::StandIn& s = detail::kStandIns[i];
    Engine engine(BuiltinOnly());
    const SoundId id = engine.resolve_sound(s.name);
    INFO(s.name);
    REQUIRE(id != kNoSound);
    CheckSounds(s.name, Play(engine, id, 0.4, 24000, 60.f));
    engine.resolve_sound(s.name);
    engine.resolve_sound(std::string(s.name) + ":1");
    const auto said = Warnings(engine);
    CHECK(said.size() == 1u);
    if (!said.empty()) CHECK(said[0].find(s.name) != std::string::npos);
  }
  // n (and name:i) walk through the stand-ins of a kit-like set
  Engine e0(BuiltinOnly()), e3(BuiltinOnly());
  const auto n0 = Play(e0, e0.resolve_sound("jazz"), 0.3, 12000, -1.f, 0.f);
  const auto n3 = Play(e3, e3.resolve_sound("jazz"), 0.3, 12000, -1.f, 3.f);
  CHECK(n0 != n3);
  Engine other(BuiltinOnly());
  CHECK(Play(other, other.resolve_sound("jazz:3"), 0.3, 12000) == n3);
  Engine hh(BuiltinOnly());
  CHECK(Play(hh, hh.resolve_sound("hh"), 0.3, 12000) == n3);
}

TEST_CASE("an unknown name is still one warning naming it") {
  Engine engine(BuiltinOnly());
  CHECK(engine.resolve_sound("nosuchsound") == kNoSound);
  CHECK(engine.resolve_sound("nosuchsound") == kNoSound);
  const auto said = Warnings(engine);
  REQUIRE(said.size() == 1u);
  CHECK(said[0].find("nosuchsound") != std::string::npos);
}
