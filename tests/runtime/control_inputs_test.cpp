// Controller input over OSC: `/ctrl name value` sent by liblo to a real ControlInputs receiver
// on loopback changes what `ctrl("name")` gives while a slot plays (queried by the real
// scheduler through the real Lua bindings); offline (no inputs) ctrl gives its default.
#include <catch2/catch.hpp>

#include <lo/lo.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "runtime/control_inputs.hpp"
#include "runtime/performance.hpp"

using namespace mr::runtime;

namespace {

Performance make(ControlInputs* inputs) {
  PerformanceOptions po;
  const std::string patterns = default_patterns_dir();
  po.prelude_paths = {patterns + "/prelude.lua"};
  po.lua.require_paths = {patterns};
  po.inputs = inputs;
  return Performance(po, [](const std::string&) -> mr::audio::SoundId { return 1; });
}

// The lpf values of the onsets in the next cycle (0.5 cps at 48 kHz: 96000 frames a cycle).
std::vector<double> next_cycle_lpf(Performance& perf) {
  std::vector<ScheduledHap> haps;
  perf.advance(perf.scheduler().horizon_frame() + 96000, haps);
  std::vector<double> out;
  for (const ScheduledHap& h : haps) {
    double v = -1;
    // lpf is an alias: the control map holds the canonical name.
    if (const mr::pattern::Value* x = h.controls.get("cutoff")) x->to_number(v);
    out.push_back(v);
  }
  return out;
}

bool wait_value(ControlInputs& in, const std::string& name, double want) {
  for (int i = 0; i < 200; ++i) {
    if (auto v = in.value(name); v && *v == want) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

TEST_CASE("OSC /ctrl changes ctrl() while the pattern plays", "[runtime][ctrl]") {
  ControlInputs inputs;
  std::string error;
  REQUIRE(inputs.listen_osc(0, error));
  REQUIRE(inputs.osc_port() > 0);
  const std::string port = std::to_string(inputs.osc_port());
  lo_address to = lo_address_new("127.0.0.1", port.c_str());

  Performance perf = make(&inputs);
  LuaError e = perf.evaluate(EvalSource{"set", "d1(s('saw*4'):lpf(ctrl('cutoff', 0.5):range(200, 4000)))", 1, 0}, 0);
  REQUIRE(e.ok);
  // Nothing received yet: the default, 0.5 -> 2100 Hz.
  for (double v : next_cycle_lpf(perf)) CHECK(v == Approx(2100.0));

  lo_send(to, "/ctrl", "sf", "cutoff", 0.25f);
  REQUIRE(wait_value(inputs, "cutoff", 0.25));
  std::vector<double> after = next_cycle_lpf(perf);
  REQUIRE(after.size() == 4);
  for (double v : after) CHECK(v == Approx(200.0 + 0.25 * 3800.0));

  // Tidal's numbered controls: an integer name; any number type for the value.
  LuaError e2 = perf.evaluate(EvalSource{"set", "d1(s('saw*2'):lpf(ctrl(74):range(100, 1100)))", 1, 0}, 0);
  REQUIRE(e2.ok);
  lo_send(to, "/ctrl", "ii", 74, 1);
  REQUIRE(wait_value(inputs, "74", 1.0));
  std::vector<double> numbered = next_cycle_lpf(perf);
  REQUIRE(numbered.size() == 2);
  for (double v : numbered) CHECK(v == Approx(1100.0));

  // Malformed messages change nothing.
  lo_send(to, "/ctrl", "s", "cutoff");
  lo_send(to, "/ctrl", "fs", 1.0f, "x");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(inputs.value("cutoff") == 0.25);
  lo_address_free(to);
}

TEST_CASE("without inputs (render, replay) ctrl() is its default", "[runtime][ctrl]") {
  Performance perf = make(nullptr);
  REQUIRE(perf.evaluate(EvalSource{"set", "d1(s('saw*4'):lpf(ctrl('cutoff'):range(200, 4000)))", 1, 0}, 0).ok);
  for (double v : next_cycle_lpf(perf)) CHECK(v == Approx(200.0));
  LuaError bad = perf.evaluate(EvalSource{"set", "d1(s('saw'):lpf(ctrl({})))", 1, 0}, 0);
  CHECK_FALSE(bad.ok);
  CHECK(bad.message.find("ctrl: give the control's name") != std::string::npos);
}

TEST_CASE("a control name too long for the queue is refused, counted", "[runtime][ctrl]") {
  ControlInputs inputs;
  CHECK(inputs.push("short", 1.0));
  CHECK_FALSE(inputs.push(std::string(ControlInputs::kMaxName + 1, 'x'), 1.0));
  CHECK(inputs.dropped() == 1);
  CHECK(inputs.value("short") == 1.0);
  CHECK_FALSE(inputs.value("nothing").has_value());
}
