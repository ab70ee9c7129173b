// MIDI input for real: a JACK server of the test's own (jackd -d dummy), a controller and a clock
// played by rtmidi outputs on it, and a live Session (on the null audio device) that opens them
// as the config says: its pattern's lpf follows the controller's CC while it plays (received, as
// SuperDirt would receive it, over OSC), and its cycle follows the 24-ppqn clock's tempo and
// phase. Without jackd the test fails, saying so.
#include <catch2/catch.hpp>

#include <lo/lo.h>
#include <rtmidi/RtMidi.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "../support/jack_server.hpp"
#include "runtime/session.hpp"

using namespace mr::runtime;

namespace {
using mr::test::JackServer;
bool wait_for(const std::function<bool()>& done, double seconds) { return mr::test::WaitFor(done, seconds); }

// Ready when an rtmidi client can connect (rtmidi connects when it lists ports).
bool MidiClientConnects() {
  std::string e;
  RtMidiIn probe(RtMidi::UNIX_JACK, "moonrave-test-probe");
  probe.setErrorCallback([](RtMidiError::Type, const std::string& t, void* u) { *static_cast<std::string*>(u) = t; }, &e);
  probe.getPortCount();
  return e.empty();
}

// The /dirt/play messages a Session sends: the value of one control in each, as they come.
struct DirtReceiver {
  lo_server_thread server = nullptr;
  std::mutex mutex;
  std::vector<double> values;
  std::string control;

  explicit DirtReceiver(std::string c) : control(std::move(c)) {
    server = lo_server_thread_new_with_proto(nullptr, LO_UDP, nullptr);
    lo_server_thread_add_method(server, "/dirt/play", nullptr, &DirtReceiver::on_play, this);
    lo_server_thread_start(server);
  }
  ~DirtReceiver() { lo_server_thread_free(server); }
  int port() const { return lo_server_thread_get_port(server); }
  static int on_play(const char*, const char* types, lo_arg** argv, int argc, lo_message, void* user) {
    auto* r = static_cast<DirtReceiver*>(user);
    for (int i = 0; i + 1 < argc; i += 2) {
      if (types[i] != 's' || r->control != reinterpret_cast<const char*>(argv[i])) continue;
      double v = 0;
      if (types[i + 1] == 'f') {
        float f = 0;
        std::memcpy(&f, argv[i + 1], sizeof f);
        v = f;
      } else if (types[i + 1] == 'd') {
        std::memcpy(&v, argv[i + 1], sizeof v);
      } else if (types[i + 1] == 'i') {
        int32_t n = 0;
        std::memcpy(&n, argv[i + 1], sizeof n);
        v = n;
      }
      std::lock_guard<std::mutex> lock(r->mutex);
      r->values.push_back(v);
    }
    return 0;
  }
  size_t size() {
    std::lock_guard<std::mutex> lock(mutex);
    return values.size();
  }
  std::vector<double> take() {
    std::lock_guard<std::mutex> lock(mutex);
    std::vector<double> out;
    out.swap(values);
    return out;
  }
};

}  // namespace

TEST_CASE("a controller's CC through JACK MIDI changes a playing session's pattern", "[runtime][midi][jack]") {
  JackServer jack("midi-test", MidiClientConnects);
  if (!jack.error().empty()) FAIL(jack.error());
  // The controller: an rtmidi output on the JACK server, as a hardware controller's port is.
  RtMidiOut controller(RtMidi::UNIX_JACK, "moonrave-test-controller");
  controller.openVirtualPort("knobs");

  DirtReceiver dirt("cutoff");
  Config config;
  config.audio.api = "null";
  config.runtime.lua_memory_mb = 64;
  config.inputs.midi = "moonrave-test-controller";
  config.inputs.midi_api = "jack";
  config.outputs.osc = "127.0.0.1:" + std::to_string(dirt.port());
  config.outputs.engine = true;
  Session s(config);
  std::vector<std::string> messages;
  auto drain = [&] {
    EvalResult r;
    while (s.poll_result(r)) messages.push_back(r.message);
  };
  EvalRequest play;
  play.buffer = "set";
  play.code = "d1(s('saw*16'):lpf(cc(74):range(200, 4000)))";
  s.evaluate(play);
  REQUIRE(wait_for([&] { drain(); return std::any_of(messages.begin(), messages.end(), [](const std::string& m) { return m.find("applied") == 0; }); }, 10.0));
  INFO("session said: " << [&] { std::string all; for (auto& m : messages) all += m + " | "; return all; }());
  REQUIRE(std::any_of(messages.begin(), messages.end(), [](const std::string& m) { return m.find("midi in: listening to 'moonrave-test-controller:knobs'") == 0; }));

  // Playing, before any CC: lpf at the bottom of its range.
  REQUIRE(wait_for([&] { return dirt.size() >= 4; }, 5.0));
  for (double v : dirt.take()) CHECK(v == Approx(200.0));

  // The knob turned up: CC 74 = 127 on channel 1.
  const auto sent = std::chrono::steady_clock::now();
  std::vector<unsigned char> cc = {0xB0, 74, 127};
  controller.sendMessage(&cc);
  double seen_after_ms = -1;
  REQUIRE(wait_for([&] {
    for (double v : dirt.take())
      if (std::abs(v - 4000.0) < 1e-3) {
        seen_after_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent).count();
        return true;
      }
    return false;
  }, 5.0));
  WARN("the first onset at lpf 4000 left the session " << seen_after_ms << " ms after the CC was sent");
  // From then on every onset has it (the value is the latest, sampled at each query).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  dirt.take();
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  const std::vector<double> later = dirt.take();
  REQUIRE(later.size() >= 6);  // 8 a second
  for (double v : later) CHECK(v == Approx(4000.0));
  // Half way: 64 / 127.
  cc = {0xB0, 74, 64};
  controller.sendMessage(&cc);
  CHECK(wait_for([&] {
    for (double v : dirt.take())
      if (std::abs(v - (200.0 + 64 / 127.0 * 3800.0)) < 1e-2) return true;
    return false;
  }, 5.0));
}

TEST_CASE("a MIDI clock through JACK sets a playing session's tempo and phase", "[runtime][midi][jack][midiclock]") {
  JackServer jack("midi-test", MidiClientConnects);
  if (!jack.error().empty()) FAIL(jack.error());
  RtMidiOut sender(RtMidi::UNIX_JACK, "moonrave-test-clock");
  sender.openVirtualPort("clock");

  Config config;
  config.audio.api = "null";
  config.runtime.lua_memory_mb = 64;
  config.runtime.cps = 0.5;  // 120 bpm; the clock plays 150
  config.inputs.midi = "moonrave-test-clock";
  config.inputs.midi_api = "jack";
  config.inputs.midi_clock = true;
  Session s(config);
  std::vector<std::string> messages;
  auto drain = [&] {
    EvalResult r;
    while (s.poll_result(r)) messages.push_back(r.message);
  };
  EvalRequest play;
  play.buffer = "set";
  play.code = "d1(s('bd*4'))";
  s.evaluate(play);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(s.status().midi_clock == 0);  // no clock yet

  // The clock: Start, then a pulse every 1/24 beat at 150 bpm, on the steady clock.
  const double bpm = 150.0, period = 60.0 / bpm / 24.0;
  std::atomic<bool> stop{false};
  std::atomic<double> t0{0};  // steady seconds of pulse 0 (beat 0)
  auto steady = [] { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); };
  std::thread clock([&] {
    std::vector<unsigned char> start = {0xFA}, pulse = {0xF8};
    sender.sendMessage(&start);
    const auto first = std::chrono::steady_clock::now() + std::chrono::milliseconds(20);
    t0 = std::chrono::duration<double>(first.time_since_epoch()).count();
    for (int64_t k = 0; !stop; ++k) {
      std::this_thread::sleep_until(first + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                std::chrono::duration<double>(k * period)));
      sender.sendMessage(&pulse);
    }
    std::vector<unsigned char> end = {0xFC};
    sender.sendMessage(&end);
  });
  const double sent = steady();
  const double want_cps = bpm / 240.0;
  const bool adopted = wait_for([&] { return std::abs(s.status().cps - want_cps) < want_cps * 0.01; }, 10.0);
  const double adopted_after = steady() - sent;
  drain();
  INFO("session said: " << [&] { std::string all; for (auto& m : messages) all += m + " | "; return all; }());
  CHECK(std::any_of(messages.begin(), messages.end(), [](const std::string& m) { return m.find("midi clock: following 'moonrave-test-clock:clock'") == 0; }));
  REQUIRE(adopted);
  // Settled: the cycle sounding now is the clock's (as it arrived) at the same moment, up to a
  // constant: the status reads the engine's frame counter, a device block ahead of the device
  // clock's model that the follower places frames with, plus JACK's period or two of delivery.
  // Locked is that constant holding still.
  std::this_thread::sleep_for(std::chrono::milliseconds(4000));
  double lo = 1, hi = -1, sum = 0;
  for (int i = 0; i < 40; ++i) {
    const double now = steady();
    const double ours = s.status().cycle;
    const double theirs = (now - t0.load()) / period / 96.0;
    double d = std::fmod(std::fmod(ours - theirs, 1.0) + 1.5, 1.0) - 0.5;  // in [-0.5, 0.5)
    lo = std::min(lo, d);
    hi = std::max(hi, d);
    sum += d;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  const double ms = 1e3 / want_cps;
  WARN("150 bpm adopted " << adopted_after << " s after the clock started; our cycle minus the clock's: mean "
       << sum / 40 * ms << " ms, from " << lo * ms << " to " << hi * ms << " ms");
  CHECK(s.status().cps == Approx(want_cps).epsilon(0.02));  // the clock's, give or take a phase slew
  CHECK(s.status().midi_clock == 1);
  CHECK(std::abs(sum / 40) < 0.015);  // 24 ms: a block, the device buffer, JACK's delivery
  CHECK(hi - lo < 0.005);             // 8 ms: the status cycle's 4 ms steps, scheduling
  CHECK(s.status().late_events == 0);
  // Stop: the set plays on at the clock's tempo.
  stop = true;
  clock.join();
  const double c1 = s.status().cycle;
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  CHECK(s.status().cycle - c1 == Approx(want_cps).epsilon(0.05));
  CHECK(s.status().midi_clock == 0);
  CHECK(s.status().cps == Approx(want_cps).epsilon(0.005));
}
