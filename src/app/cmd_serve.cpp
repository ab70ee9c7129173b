// `moonrave serve`: moonrave as SuperDirt. A headless sound server on UDP (default
// 127.0.0.1:57120) that TidalCycles' superdirtTarget and Strudel's .osc() play through: the engine
// and its audio device, the SuperDirt protocol server (runtime/dirt_server.hpp), and optionally a
// recording of the engine's real output and a status line a second.
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "app/commands.hpp"
#include "app/paths.hpp"
#include "audio/device.hpp"
#include "audio/engine.hpp"
#include "runtime/config.hpp"
#include "runtime/dirt_server.hpp"
#include "runtime/link_session.hpp"
#include "runtime/tap_recorder.hpp"

namespace mr::app {

namespace {

volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_signal(int) { g_stop = 1; }

void print_counters(std::FILE* f, const runtime::DirtCounters& c) {
  std::fprintf(f,
               " plays=%llu handshakes=%llu late=%llu malformed=%llu unknown_address=%llu bad_values=%llu "
               "unknown_sounds=%llu dropped=%llu",
               static_cast<unsigned long long>(c.plays), static_cast<unsigned long long>(c.handshakes),
               static_cast<unsigned long long>(c.late), static_cast<unsigned long long>(c.malformed),
               static_cast<unsigned long long>(c.unknown_address), static_cast<unsigned long long>(c.bad_values),
               static_cast<unsigned long long>(c.unknown_sounds), static_cast<unsigned long long>(c.dropped));
}

}  // namespace

int run_serve(const ParsedArgs& args) {
  runtime::Config config;
  std::string error;
  const fs::path cfg = args.has("--config") ? fs::path(*args.get("--config")) : config_file();
  if (!runtime::load_config(cfg.string(), config, error)) {
    std::fprintf(stderr, "moonrave serve: %s\n", error.c_str());
    return 1;
  }
  runtime::DirtServerOptions options;
  if (auto l = args.get("--listen")) {
    const size_t colon = l->rfind(':');
    if (colon == std::string::npos || colon == 0) throw UsageError("--listen wants ADDR:PORT, got '" + *l + "'");
    options.host = l->substr(0, colon);
    try {
      size_t used = 0;
      options.port = std::stoi(l->substr(colon + 1), &used);
      if (used != l->size() - colon - 1 || options.port < 0 || options.port > 65535) throw std::invalid_argument("port");
    } catch (const std::exception&) {
      throw UsageError("--listen: '" + l->substr(colon + 1) + "' is not a port number (0-65535)");
    }
  }
  if (args.has("--port")) options.port = static_cast<int>(args.integer("--port", 57120, 0, 65535));
  options.cps = args.number("--cps", config.runtime.cps, 0.001, 100);
  options.latency_sec = args.number("--latency", config.audio.latency_ms, -1000, 10000) / 1000.0;
  const double seconds = args.number("--seconds", 0, 0, 7 * 24 * 3600);
  if (auto a = args.get("--audio")) config.audio.api = *a;
  if (auto d = args.get("--device")) config.audio.device = *d;
  const int buffer = static_cast<int>(args.integer("--buffer", config.audio.buffer_frames, 16, 8192));
  const bool use_link = args.has("--link") || config.runtime.link;
  const double beats_per_cycle = args.number("--beats-per-cycle", config.runtime.beats_per_cycle, 1, 64);

  audio::EngineConfig ec;
  ec.rate_hz = config.audio.rate_hz > 0 ? config.audio.rate_hz : 48000;
  ec.channels = 2;
  ec.block_frames = buffer;  // the null device's period
  for (const std::string& p : config.sample_paths) ec.sample_paths.push_back(expand_user(p).string());
  for (const fs::path& p : default_sample_paths()) ec.sample_paths.push_back(p.string());
  audio::Engine engine(ec);

  runtime::DirtServer server(engine, options);
  if (!server.start(error)) {
    std::fprintf(stderr, "moonrave serve: %s\n", error.c_str());
    return 1;
  }
  audio::DeviceConfig dc;
  dc.api = config.audio.api;
  dc.device = config.audio.device;
  dc.buffer_frames = buffer;
  std::string warning;
  std::unique_ptr<audio::Device> device = audio::open_device(engine, dc, warning);
  if (!warning.empty()) std::fprintf(stderr, "moonrave serve: audio: %s\n", warning.c_str());

  // Ableton Link: the status clock is the session's (joining adopts its tempo and phase; alone,
  // the session starts at --cps). Only this thread touches it.
  std::unique_ptr<runtime::LinkSession> link;
  if (use_link) {
    link = std::make_unique<runtime::LinkSession>(options.cps, beats_per_cycle);
    link->enable_start_stop_sync(true);
    link->enable(true);
  }

  runtime::TapRecorder recorder;
  if (auto out = args.get("--record")) {
    if (!recorder.start(engine, *out, [](const std::string& line) { std::fprintf(stderr, "moonrave serve: %s\n", line.c_str()); },
                        error)) {
      std::fprintf(stderr, "moonrave serve: cannot record to %s: %s\n", out->c_str(), error.c_str());
      return 1;
    }
  }
  std::printf("listening=%s:%d audio=%s\n", options.host.c_str(), server.port(), device->description().c_str());
  std::fflush(stdout);
  std::fprintf(stderr, "moonrave serve: SuperDirt's protocol on %s:%d (Tidal: startTidal superdirtTarget ...); Ctrl+C stops\n",
               options.host.c_str(), server.port());

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  const auto start = std::chrono::steady_clock::now();
  auto next_status = start + std::chrono::seconds(1);
  while (!g_stop) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::string line;
    while (server.poll_message(line)) std::fprintf(stderr, "moonrave %s\n", line.c_str());
    while (engine.poll_warning(line)) std::fprintf(stderr, "moonrave serve: %s\n", line.c_str());
    while (device->poll_message(line)) std::fprintf(stderr, "moonrave serve: audio: %s\n", line.c_str());
    const auto now = std::chrono::steady_clock::now();
    if (args.has("--status") && now >= next_status) {
      next_status += std::chrono::seconds(1);
      const runtime::DirtStatus s = server.status();
      if (link) {
        // The cycle at the stamped wall time, from the session's timeline.
        const runtime::LinkWallClock w = runtime::link_wall_clock(*link);
        std::printf("time=%.6f cycle=%.6f cps=%.6f peers=%zu link=on playing=%d", w.unix_sec, link->cycle_at(w.micros),
                    link->cps(), link->peers(), link->playing() ? 1 : 0);
      } else {
        std::printf("time=%.3f cycle=%.4f cps=%g peers=0", s.time, s.cycle, s.cps);
      }
      print_counters(stdout, s.counters);
      std::printf("\n");
      std::fflush(stdout);
    }
    if (seconds > 0 && now - start >= std::chrono::duration<double>(seconds)) break;
  }
  recorder.stop();
  link.reset();
  device.reset();
  const runtime::DirtStatus s = server.status();
  std::fprintf(stderr, "moonrave serve: packets=%llu", static_cast<unsigned long long>(s.counters.packets));
  print_counters(stderr, s.counters);
  std::fprintf(stderr, " xruns=%lld late_events=%lld", static_cast<long long>(engine.stats().xruns),
               static_cast<long long>(engine.stats().late_events));
  std::fprintf(stderr, "\nmoonrave serve: sounds played:");
  for (const auto& [name, n] : s.sounds) std::fprintf(stderr, " %s=%llu", name.c_str(), static_cast<unsigned long long>(n));
  if (!s.unknown.empty()) {
    std::fprintf(stderr, "; unknown:");
    for (const auto& [name, n] : s.unknown) std::fprintf(stderr, " %s=%llu", name.c_str(), static_cast<unsigned long long>(n));
  }
  std::fprintf(stderr, "\n");
  return 0;
}

}  // namespace mr::app
