// MIDI input: the tables behind cc(), midinote() and midivel(), fed as rtmidi's callback feeds
// them, and what the Lua functions make of them while a pattern plays (midi_jack_test.cpp plays
// them through a real JACK server).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "runtime/midi_input.hpp"
#include "runtime/performance.hpp"

using namespace mr::runtime;

namespace {

Performance make(MidiInput* midi) {
  PerformanceOptions po;
  const std::string patterns = default_patterns_dir();
  po.prelude_paths = {patterns + "/prelude.lua"};
  po.lua.require_paths = {patterns};
  po.midi = midi;
  return Performance(po, [](const std::string&) -> mr::audio::SoundId { return 1; });
}

// The values of `control` at the onsets of the next cycle (0.5 cps at 48 kHz).
std::vector<double> next_cycle(Performance& perf, const char* control) {
  std::vector<ScheduledHap> haps;
  perf.advance(perf.scheduler().horizon_frame() + 96000, haps);
  std::vector<double> out;
  for (const ScheduledHap& h : haps) {
    double v = -1;
    if (const mr::pattern::Value* x = h.controls.get(control)) x->to_number(v);
    out.push_back(v);
  }
  return out;
}

void send(MidiInput& in, size_t port, std::vector<uint8_t> bytes) { in.receive(port, bytes.data(), bytes.size(), 0.0); }

}  // namespace

TEST_CASE("cc() is the latest control change of the channel and port asked for", "[runtime][midi]") {
  MidiInput in;
  const size_t nano = in.add_port_for_test("nanoKONTROL2 MIDI 1");
  const size_t keys = in.add_port_for_test("Keystation 49");
  MidiPortSelector any;
  CHECK_FALSE(in.cc(74, 0, any).has_value());
  send(in, nano, {0xB0, 74, 127});  // channel 1
  CHECK(in.cc(74, 0, any) == 1.0);
  send(in, keys, {0xB3, 74, 0});  // channel 4, another port: the latest of any
  CHECK(in.cc(74, 0, any) == 0.0);
  CHECK(in.cc(74, 1, any) == 1.0);
  CHECK(in.cc(74, 4, any) == 0.0);
  CHECK_FALSE(in.cc(74, 2, any).has_value());
  CHECK(in.cc(74, 0, MidiPortSelector{"nano", -1}) == 1.0);
  CHECK(in.cc(74, 0, MidiPortSelector{"", 1}) == 0.0);
  CHECK_FALSE(in.cc(75, 0, any).has_value());
  // Clock bytes go to their own queue, not to the tables.
  send(in, nano, {0xF8});
  MidiInput::ClockMessage m{};
  REQUIRE(in.pop_clock(m));
  CHECK(m.bytes[0] == 0xF8);
  CHECK(m.port == nano);
  CHECK_FALSE(in.pop_clock(m));
}

TEST_CASE("midinote() is the notes held, midivel() the last one's velocity", "[runtime][midi]") {
  MidiInput in;
  const size_t p = in.add_port_for_test("keys");
  Performance perf = make(&in);
  REQUIRE(perf.evaluate(EvalSource{"set", "d1(s('saw*4'):note(midinote()):velocity(midivel()))", 1, 0}, 0).ok);
  CHECK(next_cycle(perf, "note").empty());  // no key down: rests
  send(in, p, {0x90, 60, 127});
  send(in, p, {0x90, 64, 64});
  std::vector<ScheduledHap> haps;
  perf.advance(perf.scheduler().horizon_frame() + 96000, haps);
  REQUIRE(haps.size() == 8);  // a chord of two at each of the four onsets
  for (size_t i = 0; i < haps.size(); ++i) {
    double note = 0, vel = 0;
    haps[i].controls.get("note")->to_number(note);
    haps[i].controls.get("velocity")->to_number(vel);
    CHECK(note == (i % 2 == 0 ? 60 : 64));
    CHECK(vel == Approx(64 / 127.0));
  }
  send(in, p, {0x80, 64, 0});
  send(in, p, {0x90, 60, 0});  // a note-on of velocity 0 is a note-off
  CHECK(next_cycle(perf, "note").empty());
  send(in, p, {0x91, 67, 100});
  send(in, p, {0xB1, 123, 0});  // all notes off
  CHECK(next_cycle(perf, "note").empty());
}

TEST_CASE("cc() changes a pattern's value while it plays; offline it is 0", "[runtime][midi]") {
  MidiInput in;
  const size_t p = in.add_port_for_test("nano");
  Performance perf = make(&in);
  REQUIRE(perf.evaluate(EvalSource{"set", "d1(s('saw*4'):lpf(cc(74):range(200, 4000)))", 1, 0}, 0).ok);
  for (double v : next_cycle(perf, "cutoff")) CHECK(v == Approx(200.0));
  send(in, p, {0xB0, 74, 64});
  std::vector<double> after = next_cycle(perf, "cutoff");
  REQUIRE(after.size() == 4);
  for (double v : after) CHECK(v == Approx(200.0 + 64 / 127.0 * 3800.0));
  // Strudel's spelling: midin(port) returns cc.
  REQUIRE(perf.evaluate(EvalSource{"set", "local k = midin('nano')\nd1(s('saw*2'):lpq(k(74)))", 1, 0}, 0).ok);
  for (double v : next_cycle(perf, "resonance")) CHECK(v == Approx(64 / 127.0));
  // Strudel's own program, as strudel.cc runs it.
  EvalSource js{"set.js", "let cc = await midin('nano')\ns(\"saw*4\").lpf(cc(74).range(200, 4000))", 1, 0, true, true};
  REQUIRE(perf.evaluate(js, 0).ok);
  send(in, p, {0xB0, 74, 127});
  std::vector<double> js_values = next_cycle(perf, "cutoff");
  REQUIRE(js_values.size() == 4);
  for (double v : js_values) CHECK(v == Approx(4000.0));
  send(in, p, {0xB0, 74, 64});
  // A port that is not open is said, and reads 0.
  REQUIRE(perf.evaluate(EvalSource{"set", "hush()\nd1(s('saw*2'):lpq(cc(74, 1, 'launchpad')))", 1, 0}, 0).ok);
  const std::vector<std::string> w = perf.take_warnings();
  CHECK(std::any_of(w.begin(), w.end(), [](const std::string& m) { return m.find("cc: no MIDI input named like 'launchpad'") == 0; }));
  for (double v : next_cycle(perf, "resonance")) CHECK(v == 0.0);
  CHECK_FALSE(perf.evaluate(EvalSource{"set", "cc(128)", 1, 0}, 0).ok);
  CHECK_FALSE(perf.evaluate(EvalSource{"set", "cc(1, 17)", 1, 0}, 0).ok);

  Performance offline = make(nullptr);
  REQUIRE(offline.evaluate(EvalSource{"set", "d1(s('saw*4'):lpf(cc(74):range(200, 4000)))", 1, 0}, 0).ok);
  for (double v : next_cycle(offline, "cutoff")) CHECK(v == Approx(200.0));
  CHECK(offline.take_warnings().empty());
}

