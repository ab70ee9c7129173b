// The device-lost path, for real: plays through JACK (RtAudio) for SECONDS while
// jack_device_lost.sh kills jackd and starts it again; prints every device message with its
// time, the engine clock's longest stall (how long no frame was rendered by anyone: the
// fallback's gap), the clock's lag behind wall time across the loss and the return (what the
// gaps cost the clock once the null device has caught up), and whether the output came back.
// Exit code 0 when the output was lost and came back.
// Usage: device_lost_bench SECONDS [BUFFER_FRAMES]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "audio/device.hpp"
#include "audio/engine.hpp"

using namespace mr::audio;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::stod(argv[1]) : 12.0;
  const int buffer = argc > 2 ? std::stoi(argv[2]) : 128;
  EngineConfig ec;
  ec.superdirt_sample_paths = false;
  Engine engine(ec);
  DeviceConfig dc;
  dc.api = "jack";
  dc.buffer_frames = buffer;
  std::string warning;
  auto device = open_device(engine, dc, warning);
  if (!warning.empty()) {
    std::printf("device_lost_bench: %s\n", warning.c_str());
    return 1;
  }
  std::printf("device: %s\n", device->description().c_str());
  const auto t0 = Clock::now();
  auto since = [&](Clock::time_point t) { return std::chrono::duration<double, std::milli>(t - t0).count(); };
  int64_t last_frame = engine.frame();
  auto last_progress = Clock::now();
  double worst_stall_ms = 0, worst_at = 0;
  bool lost = false, back = false;
  // The clock's lag behind wall time (ms), its least in each phase (just after a block, which the
  // output renders ahead): the loss and the return each cost the rise of the lag across them
  // (frames the clock never rendered).
  auto lag_ms = [&](Clock::time_point now, int64_t f) { return since(now) - f * 1000.0 / ec.rate_hz; };
  double lag_before = 1e9, lag_dead = 1e9, lag_after = 1e9;
  const SoundId saw = engine.resolve_sound("saw");
  int64_t next_note = 0;
  while (since(Clock::now()) < seconds * 1000.0) {
    std::this_thread::sleep_for(std::chrono::microseconds(500));
    const auto now = Clock::now();
    const int64_t f = engine.frame();
    if (f != last_frame) {
      const double stall = std::chrono::duration<double, std::milli>(now - last_progress).count();
      if (stall > worst_stall_ms) worst_stall_ms = stall, worst_at = since(now);
      if (stall > 8.0) std::printf("%8.1f ms  the engine clock stood still for %.1f ms\n", since(now), stall);
      last_frame = f;
      last_progress = now;
    }
    if (f >= next_note) {  // a note every 100 ms, so the output is not silence
      VoiceEvent e;
      e.sound = saw;
      e.frame = f + 2400;
      e.duration_sec = 0.05;
      engine.push(e);
      next_note = f + 4800;
    }
    const double lag = lag_ms(now, f);
    double& least = back ? lag_after : lost ? lag_dead : lag_before;
    least = std::min(least, lag);
    std::string m;
    while (device->poll_message(m)) {
      std::printf("%8.1f ms  %s  (engine frame %lld)\n", since(now), m.c_str(), static_cast<long long>(f));
      if (m.find("lost") != std::string::npos) lost = true;
      if (m.find("back") != std::string::npos) back = true;
    }
  }
  const double block_ms = buffer * 1000.0 / ec.rate_hz;
  std::printf("longest clock stall %.1f ms (at %.0f ms; one block is %.2f ms, the watchdog's check %.1f ms)\n",
              worst_stall_ms, worst_at, block_ms, std::min(5.0, block_ms));
  std::printf("clock lag behind wall time: %.1f ms before the loss, %.1f ms on null, %.1f ms after the return "
              "(the loss cost %.1f ms of clock, the return %.1f ms)\n",
              lag_before, lag_dead, lag_after, lag_dead - lag_before, lag_after - lag_dead);
  std::printf("lost: %s, back: %s, frames rendered %lld (%.2f s), xruns %lld, late events %lld\n", lost ? "yes" : "no",
              back ? "yes" : "no", static_cast<long long>(engine.frame()), engine.frame() / double(ec.rate_hz),
              static_cast<long long>(engine.stats().xruns), static_cast<long long>(engine.stats().late_events));
  device.reset();
  return lost && back ? 0 : 1;
}
