// Strudel's sound names through the real engine render: waveforms, noises, drum names, drum
// machine banks and the default sample names all make sound (not silent, not clipped); `n`
// variants differ; substitutions and unknown names are said once.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "audio/engine.hpp"
#include "audio/sound_names.hpp"
#include "audio/soundfont.hpp"
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

// ---- General MIDI from the SoundFont (scripts/setup.sh --sounds installs it; scripts/test.sh
// does so before the suite runs, so these tests read the real FluidR3_GM.sf2)

namespace {

std::string SoundFontPath() {
  const std::string path = find_soundfont();
  INFO("no General MIDI SoundFont installed: run scripts/setup.sh --sounds (fluid-soundfont-gm)");
  REQUIRE(!path.empty());
  return path;
}

EngineConfig WithSoundFont() {
  EngineConfig c = BuiltinOnly();
  c.soundfont = SoundFontPath();
  return c;
}

// Fundamental frequency of the left channel over [from, to): the first lag whose normalised
// autocorrelation comes within 10% of the best (so a strong second harmonic is no octave error),
// refined by parabolic interpolation.
double Pitch(const std::vector<float>& out, int from, int to) {
  const int n = to - from, min_lag = 24, max_lag = 1200;  // 40 Hz .. 2 kHz
  std::vector<double> r(static_cast<size_t>(max_lag + 2), 0.0);
  auto x = [&](int f) { return static_cast<double>(out[static_cast<size_t>(f) * 2]); };
  for (int lag = min_lag - 1; lag <= max_lag + 1; ++lag) {
    double num = 0.0, e0 = 0.0, e1 = 0.0;
    for (int i = from; i + lag < from + n; ++i) {
      num += x(i) * x(i + lag);
      e0 += x(i) * x(i);
      e1 += x(i + lag) * x(i + lag);
    }
    r[static_cast<size_t>(lag)] = e0 > 0 && e1 > 0 ? num / std::sqrt(e0 * e1) : 0.0;
  }
  double best = 0.0;
  for (int lag = min_lag; lag <= max_lag; ++lag) best = std::max(best, r[static_cast<size_t>(lag)]);
  for (int lag = min_lag; lag <= max_lag; ++lag) {
    const double a = r[static_cast<size_t>(lag - 1)], b = r[static_cast<size_t>(lag)], c = r[static_cast<size_t>(lag + 1)];
    if (b >= 0.9 * best && b >= a && b >= c) {
      const double shift = (a - c) / (2.0 * (a - 2.0 * b + c));
      return 48000.0 / (lag + (std::isfinite(shift) ? shift : 0.0));
    }
  }
  return 0.0;
}

double Rms(const std::vector<float>& out, int from, int to) {
  double sum = 0.0;
  for (int f = from; f < to; ++f) sum += static_cast<double>(out[static_cast<size_t>(f) * 2]) * out[static_cast<size_t>(f) * 2];
  return std::sqrt(sum / (to - from));
}

}  // namespace

TEST_CASE("the SF2 reader finds every General MIDI program and the percussion kits") {
  detail::Sf2File file;
  std::string error;
  REQUIRE(file.Open(SoundFontPath(), error));
  bool program[128] = {};
  int kits = 0;
  for (const detail::Sf2Preset& p : file.presets()) {
    if (p.bank == 0 && p.program < 128) program[p.program] = !p.zones.empty();
    kits += p.bank == 128 && !p.zones.empty();
    for (const detail::Sf2Zone& z : p.zones) {
      INFO(p.name);
      REQUIRE(z.sample >= 0);
      CHECK(z.key_lo <= z.key_hi);
      CHECK(z.end > z.start);
    }
  }
  for (int i = 0; i < 128; ++i) {
    INFO("program " << i);
    CHECK(program[i]);
  }
  CHECK(kits >= 1);
  // a file that is not a SoundFont is an error naming it
  detail::Sf2File bad;
  const std::string dir = test::TempDir("sounds_badsf2");
  REQUIRE(test::WriteSound(dir + "/x.wav", 100, 1, 48000, SF_FORMAT_WAV | SF_FORMAT_PCM_16, [](int, int) { return 0.f; }));
  CHECK_FALSE(bad.Open(dir + "/x.wav", error));
  CHECK(error.find("x.wav") != std::string::npos);
}

TEST_CASE("every gm_ name makes sound from the SoundFont") {
  const EngineConfig config = WithSoundFont();
  for (const std::string& name : gm_sound_names()) {
    Engine engine(config);
    const SoundId id = engine.resolve_sound(name);
    INFO(name);
    REQUIRE(id != kNoSound);
    engine.wait_for_samples();
    // drums at their GM keys (36 bass drum), the others at c4
    CheckSounds(name, Play(engine, id, 0.5, 36000, name == "gm_drums" ? 36.f : 60.f));
    CHECK(engine.stats().samples_not_ready == 0);
  }
}

TEST_CASE("gm_ voices: pitch from the note, n picks the variant, controls apply, loops hold") {
  const EngineConfig config = WithSoundFont();
  auto play = [&config](const std::string& name, float note, float n, double dur, int frames,
                        const std::function<void(VoiceEvent&)>& more = nullptr) {
    Engine engine(config);
    VoiceEvent e;
    e.sound = engine.resolve_sound(name);
    REQUIRE(e.sound != kNoSound);
    engine.wait_for_samples();
    e.duration_sec = dur;
    e.set(Param::Note, note);
    if (n >= 0.f) e.set(Param::N, n);
    if (more) more(e);
    engine.push(e);
    return test::Render(engine, frames);
  };
  // tuning: a4 is 440 Hz, a3 220 Hz (root key, fine tune and the sample rate all count)
  const auto a4 = play("gm_flute", 69.f, -1.f, 1.0, 48000);
  const double hz = Pitch(a4, 9600, 38400);
  INFO("gm_flute a4: " << hz << " Hz");
  CHECK(std::fabs(hz - 440.0) / 440.0 < 0.01);
  const double hz3 = Pitch(play("gm_flute", 57.f, -1.f, 1.0, 48000), 9600, 38400);
  CHECK(std::fabs(hz3 - 220.0) / 220.0 < 0.01);
  // n walks the variants (gm_piano: grand, bright, electric grand, honky-tonk)
  const auto p0 = play("gm_piano", 60.f, 0.f, 0.5, 24000), p1 = play("gm_piano", 60.f, 1.f, 0.5, 24000),
             p2 = play("gm_piano", 60.f, 2.f, 0.5, 24000);
  CHECK(p0 != p1);
  CHECK(p1 != p2);
  CHECK(play("gm_piano", 60.f, 4.f, 0.5, 24000) == p0);  // wraps, as Strudel's getSoundIndex
  CHECK(play("gm_piano:1", 60.f, -1.f, 0.5, 24000) == p1);
  CHECK(play("gm_acoustic_grand_piano", 60.f, -1.f, 0.5, 24000) == p0);
  // per-voice controls: gain, the low-pass, the envelope's release, the speed
  const double plain = Rms(p0, 0, 24000);
  const auto quiet = play("gm_piano", 60.f, 0.f, 0.5, 24000, [](VoiceEvent& e) { e.set(Param::Gain, 0.5f); });
  CHECK(Rms(quiet, 0, 24000) < 0.2 * plain);
  const auto dark = play("gm_piano", 60.f, 0.f, 0.5, 24000, [](VoiceEvent& e) { e.set(Param::Cutoff, 200.f); });
  CHECK(dark != p0);
  CHECK(Rms(dark, 0, 24000) < 0.7 * plain);
  const auto thin = play("gm_piano", 60.f, 0.f, 0.5, 24000, [](VoiceEvent& e) { e.set(Param::HCutoff, 3000.f); });
  CHECK(Rms(thin, 0, 24000) < 0.7 * plain);
  const auto shaped = play("gm_piano", 60.f, 0.f, 0.5, 24000, [](VoiceEvent& e) { e.set(Param::Crush, 3.f); });
  CHECK(shaped != p0);
  // the envelope: a 50 ms attack starts quieter; the voice ends at its duration plus release
  const auto slow = play("gm_piano", 60.f, 0.f, 0.5, 24000, [](VoiceEvent& e) { e.set(Param::Attack, 0.05f); });
  CHECK(Rms(slow, 0, 480) < 0.5 * Rms(p0, 0, 480));
  const auto short_note = play("gm_piano", 60.f, 0.f, 0.2, 24000);
  CHECK(Rms(short_note, 12000, 14400) < 1e-4);  // held 0.2 s, then a 5 ms release
  const auto ring = play("gm_piano", 60.f, 0.f, 0.2, 24000, [](VoiceEvent& e) { e.set(Param::Release, 0.3f); });
  CHECK(Rms(ring, 12000, 14400) > 1e-3);
  const auto fast = play("gm_flute", 57.f, -1.f, 1.0, 48000, [](VoiceEvent& e) { e.set(Param::Speed, 2.f); });
  CHECK(std::fabs(Pitch(fast, 9600, 38400) - 440.0) / 440.0 < 0.01);
  // a sustained instrument loops while held (3 s), then releases
  const auto organ = play("gm_church_organ", 60.f, -1.f, 3.0, 48000 * 4);
  CHECK(Rms(organ, 48000 * 2 + 24000, 48000 * 3 - 2400) > 0.01);
  CHECK(Rms(organ, 48000 * 3 + 4800, 48000 * 4) < 1e-4);
  // drums: the note picks the drum of the kit, n the kit
  const auto kick = play("gm_drums", 36.f, -1.f, 0.2, 24000), snare = play("gm_drums", 38.f, -1.f, 0.2, 24000);
  CHECK(kick != snare);
  CHECK(play("gm_drums", 36.f, 1.f, 0.2, 24000) != kick);
}

TEST_CASE("stand-ins prefer the General MIDI instrument when the SoundFont is there") {
  Engine engine(WithSoundFont());
  CHECK(engine.resolve_sound("piano") == engine.resolve_sound("gm_piano"));
  CHECK(engine.resolve_sound("marimba") == engine.resolve_sound("gm_marimba"));
  std::string w;
  bool said = false;
  while (engine.poll_warning(w)) said = said || w.find("gm_marimba") != std::string::npos;
  CHECK(said);
}

TEST_CASE("without the SoundFont a gm_ name says once how to install it") {
  EngineConfig c = BuiltinOnly();
  c.soundfont = test::TempDir("sounds_nosf2") + "/none.sf2";
  Engine engine(c);
  CHECK(engine.resolve_sound("gm_piano") == kNoSound);
  CHECK(engine.resolve_sound("gm_violin") == kNoSound);
  CHECK(engine.resolve_sound("piano") != kNoSound);  // the built-in stand-in
  const auto said = Warnings(engine);
  int install = 0;
  for (const std::string& w : said) install += w.find("scripts/setup.sh --sounds") != std::string::npos;
  CHECK(install == 1);
  Engine other(WithSoundFont());
  CHECK(other.resolve_sound("gm_no_such_instrument") == kNoSound);
  const auto unknown = Warnings(other);
  REQUIRE(unknown.size() == 1u);
  CHECK(unknown[0].find("gm_no_such_instrument") != std::string::npos);
}

// ---- The SF2 reader on a small SoundFont made here: a preset over an instrument with two
// velocity zones (a sine and a square, each one loop of whole periods) and a global zone.

namespace {

struct Riff {
  std::string bytes;
  void u8(int v) { bytes.push_back(static_cast<char>(v & 0xff)); }
  void u16(int v) { u8(v); u8(v >> 8); }
  void u32(uint32_t v) { u16(static_cast<int>(v & 0xffff)); u16(static_cast<int>(v >> 16)); }
  void name(const std::string& s) { for (size_t i = 0; i < 20; ++i) u8(i < s.size() ? s[i] : 0); }
  static std::string Chunk(const char* id, const std::string& body) {
    Riff r;
    r.bytes = id;
    r.u32(static_cast<uint32_t>(body.size()));
    return r.bytes + body + (body.size() % 2 ? std::string(1, '\0') : std::string());
  }
  static std::string List(const char* type, const std::string& body) { return Chunk("LIST", type + body); }
};

std::string WriteTestSoundFont(const std::string& path) {
  const int kFrames = 1000, kPad = 46;
  Riff smpl;
  for (int s = 0; s < 2; ++s) {
    for (int i = 0; i < kFrames; ++i) {
      const double phase = s == 0 ? i / 100.0 : i / 50.0;  // 441 Hz and 882 Hz at 44.1 kHz
      const double v = s == 0 ? std::sin(2 * M_PI * phase) : (std::fmod(phase, 1.0) < 0.5 ? 1.0 : -1.0);
      smpl.u16(static_cast<int>(std::lround(v * 16000.0)) & 0xffff);
    }
    for (int i = 0; i < kPad; ++i) smpl.u16(0);
  }
  Riff phdr, pbag, pgen, inst, ibag, igen, shdr, pmod, imod;
  phdr.name("Test Piano"); phdr.u16(0); phdr.u16(0); phdr.u16(0); phdr.u32(0); phdr.u32(0); phdr.u32(0);
  phdr.name("EOP"); phdr.u16(0); phdr.u16(0); phdr.u16(1); phdr.u32(0); phdr.u32(0); phdr.u32(0);
  pbag.u16(0); pbag.u16(0); pbag.u16(1); pbag.u16(0);
  pgen.u16(41); pgen.u16(0); pgen.u16(0); pgen.u16(0);  // instrument 0; terminal
  for (int i = 0; i < 2; ++i) { pmod.u32(0); pmod.u32(0); pmod.u16(0); }
  inst.name("Test"); inst.u16(0);
  inst.name("EOI"); inst.u16(3);
  for (int g : {0, 1, 3, 5}) { ibag.u16(g); ibag.u16(0); }
  igen.u16(54); igen.u16(1);                            // global: loop continuously
  igen.u16(44); igen.u16(0 | 63 << 8); igen.u16(53); igen.u16(0);    // velocity 0-63: the sine
  igen.u16(44); igen.u16(64 | 127 << 8); igen.u16(53); igen.u16(1);  // velocity 64-127: the square
  igen.u16(0); igen.u16(0);
  for (int i = 0; i < 2; ++i) { imod.u32(0); imod.u32(0); imod.u16(0); }
  for (int s = 0; s < 2; ++s) {
    const uint32_t start = static_cast<uint32_t>(s * (kFrames + kPad));
    shdr.name(s == 0 ? "sine" : "square");
    shdr.u32(start); shdr.u32(start + kFrames); shdr.u32(start + 100); shdr.u32(start + 900);
    shdr.u32(44100); shdr.u8(s == 0 ? 69 : 81); shdr.u8(0); shdr.u16(0); shdr.u16(1);
  }
  shdr.name("EOS"); for (int i = 0; i < 26; ++i) shdr.u8(0);
  Riff ifil;
  ifil.u16(2); ifil.u16(1);
  const std::string body = std::string("sfbk") + Riff::List("INFO", Riff::Chunk("ifil", ifil.bytes)) +
                           Riff::List("sdta", Riff::Chunk("smpl", smpl.bytes)) +
                           Riff::List("pdta", Riff::Chunk("phdr", phdr.bytes) + Riff::Chunk("pbag", pbag.bytes) +
                                                  Riff::Chunk("pmod", pmod.bytes) + Riff::Chunk("pgen", pgen.bytes) +
                                                  Riff::Chunk("inst", inst.bytes) + Riff::Chunk("ibag", ibag.bytes) +
                                                  Riff::Chunk("imod", imod.bytes) + Riff::Chunk("igen", igen.bytes) +
                                                  Riff::Chunk("shdr", shdr.bytes));
  Riff size;
  size.u32(static_cast<uint32_t>(body.size()));
  std::ofstream f(path, std::ios::binary);
  f << "RIFF" << size.bytes << body;
  return path;
}

}  // namespace

TEST_CASE("the SF2 reader: zones by velocity, root keys, loops, sample rate (a SoundFont made here)") {
  const std::string path = WriteTestSoundFont(test::TempDir("sounds_sf2") + "/test.sf2");
  detail::Sf2File file;
  std::string error;
  REQUIRE(file.Open(path, error));
  REQUIRE(file.presets().size() == 1u);
  const detail::Sf2Preset& p = file.presets()[0];
  CHECK(p.name == "Test Piano");
  REQUIRE(p.zones.size() == 2u);
  CHECK(p.zones[0].vel_hi == 63);
  CHECK(p.zones[1].vel_lo == 64);
  CHECK(p.zones[0].root_key == 69);
  CHECK(p.zones[1].root_key == 81);
  CHECK(p.zones[0].loops);  // from the global zone
  CHECK(p.zones[1].loop_start == 1046 + 100);
  EngineConfig c = BuiltinOnly();
  c.soundfont = path;
  auto play = [&c](float note, float velocity) {
    Engine engine(c);
    VoiceEvent e;
    e.sound = engine.resolve_sound("gm_acoustic_grand_piano");  // program 0
    REQUIRE(e.sound != kNoSound);
    e.duration_sec = 1.0;
    e.set(Param::Note, note);
    e.set(Param::Velocity, velocity);
    engine.push(e);
    return test::Render(engine, 48000);
  };
  // 1000 frames of 44.1 kHz are 23 ms: a second of sound is the loop at work; pitch is the
  // zone's root key at the file's rate (a4 = 441 Hz here, as recorded)
  const auto soft = play(69.f, 0.3f), loud = play(69.f, 1.f), octave = play(81.f, 0.3f);
  CHECK(Rms(soft, 36000, 43200) > 0.01);
  CHECK(std::fabs(Pitch(soft, 24000, 43200) - 441.0) < 2.0);
  CHECK(std::fabs(Pitch(loud, 24000, 43200) - 441.0) < 2.0);
  CHECK(std::fabs(Pitch(octave, 24000, 43200) - 882.0) < 4.0);
  // the loud zone is the square: more energy at the same peak
  CHECK(Rms(loud, 24000, 43200) > 1.1 * Rms(soft, 24000, 43200));
  CHECK(soft != loud);
}
