// moonrave as SuperDirt: the OSC codec (and its answer to garbage), SuperDirt's meaning of a
// /dirt/play, the clock model against a simulated drifting, jittery device, and the real server
// on loopback: handshake answered as SuperDirt answers it, and time-tagged kicks 0.5 s apart
// recorded 0.5 s apart from the engine's real output, with and without a stream of garbage.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sndfile.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "audio/device.hpp"
#include "audio/engine.hpp"
#include "runtime/device_clock.hpp"
#include "runtime/dirt_server.hpp"
#include "runtime/osc_codec.hpp"
#include "runtime/session.hpp"
#include "runtime/session_clock.hpp"
#include "runtime/tap_recorder.hpp"

using namespace mr::runtime;
namespace fs = std::filesystem;

namespace {

std::vector<osc::Arg> kick_args(const char* s = "bd") {
  return {{'s', "s"}, {'s', s}, {'s', "cps"}, {'f', 0.5}, {'s', "cycle"}, {'f', 1.0}, {'s', "delta"}, {'f', 0.5},
          {'s', "orbit"}, {'i', 0.0}, {'s', "_id_"}, {'s', "1"}, {'s', "sustain"}, {'f', 0.08}};
}

struct Udp {
  int fd = -1;
  sockaddr_in to{};
  explicit Udp(int port) {
    fd = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in me{};
    me.sin_family = AF_INET;
    me.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&me), sizeof me);
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  }
  ~Udp() { close(fd); }
  void send(const std::vector<uint8_t>& b) { sendto(fd, b.data(), b.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to); }
  bool receive(std::vector<osc::Message>& out, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    std::vector<uint8_t> buf(65536);
    const ssize_t n = recv(fd, buf.data(), buf.size(), 0);
    std::string error;
    return n > 0 && osc::decode_packet(buf.data(), static_cast<size_t>(n), out, error) == 0;
  }
};

std::vector<float> read_left(const fs::path& wav, int& rate) {
  SF_INFO info{};
  SNDFILE* f = sf_open(wav.string().c_str(), SFM_READ, &info);
  REQUIRE(f != nullptr);
  std::vector<float> frames(static_cast<size_t>(info.frames) * static_cast<size_t>(info.channels));
  sf_readf_float(f, frames.data(), info.frames);
  sf_close(f);
  rate = info.samplerate;
  std::vector<float> left(static_cast<size_t>(info.frames));
  for (size_t i = 0; i < left.size(); ++i) left[i] = frames[i * static_cast<size_t>(info.channels)];
  return left;
}

// Sample positions where the signal rises above `threshold` after at least 0.2 s below it.
std::vector<int64_t> onsets(const std::vector<float>& x, int rate, float threshold = 0.02f) {
  std::vector<int64_t> out;
  int64_t quiet = rate;
  for (size_t i = 0; i < x.size(); ++i) {
    if (std::fabs(x[i]) > threshold) {
      if (quiet >= rate / 5) out.push_back(static_cast<int64_t>(i));
      quiet = 0;
    } else {
      ++quiet;
    }
  }
  return out;
}

// A sound card that never loses frames: calls process() every `block` frames of real time, and
// when its thread wakes late (this machine busy) renders the blocks it missed at once, as a card
// with a deep hardware buffer would. Its frames are wall-clock time, so a recording's intervals
// are the intervals heard; the clock model sees the late wake-ups as jitter.
class SteadyDevice {
 public:
  SteadyDevice(mr::audio::Engine& engine, int block) : engine_(engine), block_(block), thread_([this] { run(); }) {}
  ~SteadyDevice() {
    stop_ = true;
    thread_.join();
  }

 private:
  void run() {
    std::vector<float> buf(static_cast<size_t>(block_) * 2);
    const auto start = std::chrono::steady_clock::now();
    const double rate = engine_.config().rate_hz;
    int64_t done = 0;
    while (!stop_) {
      const double now = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      while (static_cast<double>(done + block_) <= now * rate) {
        engine_.process(buf.data(), block_);
        done += block_;
      }
      std::this_thread::sleep_until(start + std::chrono::duration<double>(static_cast<double>(done + block_) / rate));
    }
  }
  mr::audio::Engine& engine_;
  int block_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Plays 8 kicks time-tagged 0.5 s apart through a real server (null device, `buffer` frames a
// period) and returns the onsets of the recording; `garbage` interleaves malformed packets.
std::vector<int64_t> play_kicks(int buffer, bool garbage, DirtCounters& counters, int& rate) {
  const fs::path wav = fs::temp_directory_path() / ("moonrave_dirt_" + std::to_string(::getpid()) + ".wav");
  mr::audio::EngineConfig ec;
  ec.block_frames = buffer;
  ec.superdirt_sample_paths = false;
  mr::audio::Engine engine(ec);
  DirtServer server(engine, DirtServerOptions{"127.0.0.1", 0, 0.0, 0.5});
  std::string error;
  REQUIRE(server.start(error));
  auto device = std::make_unique<SteadyDevice>(engine, buffer);
  TapRecorder rec;
  REQUIRE(rec.start(engine, wav.string(), nullptr, error));
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // the clock model settles
  Udp udp(server.port());
  std::mt19937 rng(7);
  const double t0 = osc::unix_now() + 0.3;
  for (int k = 0; k < 8; ++k) {
    const double due = t0 + 0.5 * k;
    // Tidal sends each bundle about 0.2-0.25 s ahead of its time.
    while (osc::unix_now() < due - 0.22) {
      if (garbage) {
        std::vector<uint8_t> junk(4 * (1 + rng() % 64));
        for (auto& b : junk) b = static_cast<uint8_t>(rng());
        if (rng() % 3 == 0) junk[0] = '/';
        if (rng() % 5 == 0) std::copy_n("#bundle", 8, junk.begin());
        udp.send(junk);
        std::vector<uint8_t> cut = osc::encode_bundle(osc::timetag_from_unix(due), "/dirt/play", kick_args());
        cut.resize(cut.size() - 4 * (1 + rng() % 3));
        udp.send(cut);
        udp.send(osc::encode_message("/dirt/play", {{'s', "s"}}));  // a name without a value
        udp.send(osc::encode_message("/nowhere", {{'f', 1.0}}));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    udp.send(osc::encode_bundle(osc::timetag_from_unix(due), "/dirt/play", kick_args()));
  }
  while (osc::unix_now() < t0 + 4.0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  rec.stop();
  device.reset();
  counters = server.status().counters;
  std::vector<float> left = read_left(wav, rate);
  if (!std::getenv("MR_KEEP_DIRT_WAV")) fs::remove(wav);
  return onsets(left, rate);
}

}  // namespace

TEST_CASE("the OSC codec decodes messages and nested bundles with their time tags", "[runtime][dirt]") {
  const osc::TimeTag t = osc::timetag_from_unix(1796300000.25);
  CHECK(osc::unix_from_timetag(t) == Approx(1796300000.25).margin(1e-6));
  std::vector<uint8_t> b = osc::encode_bundle(t, "/dirt/play", kick_args());
  std::vector<osc::Message> out;
  std::string error;
  REQUIRE(osc::decode_packet(b.data(), b.size(), out, error) == 0);
  REQUIRE(out.size() == 1);
  CHECK(out[0].path == "/dirt/play");
  CHECK(out[0].time.sec == t.sec);
  CHECK(out[0].args.size() == 14);
  CHECK(out[0].args[1].value.string() == "bd");
  CHECK(out[0].args[9].type == 'i');
  // a nested bundle: #bundle, tag, [size, inner bundle]
  std::vector<uint8_t> outer = {'#', 'b', 'u', 'n', 'd', 'l', 'e', 0, 0, 0, 0, 0, 0, 0, 0, 1};
  const uint32_t n = static_cast<uint32_t>(b.size());
  for (int s = 24; s >= 0; s -= 8) outer.push_back(static_cast<uint8_t>(n >> s));
  outer.insert(outer.end(), b.begin(), b.end());
  out.clear();
  REQUIRE(osc::decode_packet(outer.data(), outer.size(), out, error) == 0);
  REQUIRE(out.size() == 1);
  CHECK(out[0].time.sec == t.sec);  // the inner bundle's time
  // a bare message is immediate
  std::vector<uint8_t> m = osc::encode_message("/dirt/hello", {});
  out.clear();
  REQUIRE(osc::decode_packet(m.data(), m.size(), out, error) == 0);
  CHECK(out.at(0).time.immediate());
}

TEST_CASE("garbage never crashes the decoder and is counted", "[runtime][dirt]") {
  std::mt19937 rng(1);
  const std::vector<uint8_t> good = osc::encode_bundle(osc::timetag_from_unix(1e9), "/dirt/play", kick_args());
  int malformed = 0, decoded = 0;
  for (int i = 0; i < 20000; ++i) {
    std::vector<uint8_t> p;
    switch (i % 4) {
      case 0: p.resize(rng() % 200); for (auto& x : p) x = static_cast<uint8_t>(rng()); break;
      case 1: p = good; p.resize(rng() % good.size()); break;  // truncated
      case 2: p = good; for (int k = 0; k < 3; ++k) p[rng() % p.size()] = static_cast<uint8_t>(rng()); break;
      default: p = good; p[16 + rng() % 4] = static_cast<uint8_t>(rng()); break;  // element size
    }
    std::vector<osc::Message> out;
    std::string error;
    const int bad = osc::decode_packet(p.data(), p.size(), out, error);
    if (bad > 0) {
      ++malformed;
      CHECK_FALSE(error.empty());
    }
    decoded += static_cast<int>(out.size());
    for (const osc::Message& m : out) {
      DirtPlay play;
      dirt_play(m, play, error);  // never throws, whatever the pairs
    }
  }
  CHECK(malformed > 10000);
  CHECK(decoded > 100);  // bit flips in values still decode
  std::vector<osc::Message> out;
  std::string error;
  CHECK(osc::decode_packet("abc", 3, out, error) == 1);
  CHECK(error.find("multiple of 4") != std::string::npos);
}

TEST_CASE("a /dirt/play means what it means in SuperDirt", "[runtime][dirt]") {
  osc::Message m;
  m.path = "/dirt/play";
  m.args = {{'s', "s"}, {'s', "superpiano"}, {'s', "sustain"}, {'f', 0.7}, {'s', "orbit"}, {'i', 13.0},
            {'s', "delta"}, {'f', 0.25}, {'s', "cps"}, {'f', 0.75}, {'s', "cycle"}, {'d', 12.5},
            {'s', "legato"}, {'f', 2.0}, {'s', "speed"}, {'N', {}}};
  DirtPlay p;
  std::string error;
  REQUIRE(dirt_play(m, p, error));
  CHECK(p.controls.get("s")->string() == "pluck");
  CHECK(p.sound == "superpiano");
  CHECK(p.controls.get("duration")->number() == Approx(0.7));  // sustain: seconds
  CHECK(p.controls.get("sustain") == nullptr);
  CHECK(p.controls.get("orbit")->number() == 1);                // 13 mod 12
  CHECK(p.controls.get("legato")->number() == 2);
  CHECK(p.delta == Approx(0.25));
  CHECK(p.cps == Approx(0.75));
  CHECK(p.cycle == Approx(12.5));
  CHECK(p.bad == "speed");  // a nil is left out and named
  m.args = {{'s', "note"}, {'f', 7.0}, {'s', "octave"}, {'i', 6.0}, {'s', "s"}, {'s', "superfm"}};
  REQUIRE(dirt_play(m, p, error));
  CHECK(p.controls.get("note")->number() == 67);  // note 0 is c5 = MIDI 60 in SuperDirt
  CHECK(p.controls.get("octave")->number() == 5);  // SuperDirt's octave 5 is the engine's 4
  m.args = {{'s', "midinote"}, {'f', 64.0}, {'s', "s"}, {'s', "triangle"}};  // Strudel's .osc() for note names
  REQUIRE(dirt_play(m, p, error));
  CHECK(p.controls.get("note")->number() == 64);
  m.args = {{'s', "orbit"}, {'i', -1.0}, {'s', "s"}, {'s', "superkick"}};
  REQUIRE(dirt_play(m, p, error));
  CHECK(p.controls.get("orbit")->number() == 11);
  CHECK(p.controls.get("s")->string() == "bd");
  m.args = {{'s', "s"}};
  CHECK_FALSE(dirt_play(m, p, error));
  CHECK(error.find("even") != std::string::npos);
  m.args = {{'f', 1.0}, {'s', "bd"}};
  CHECK_FALSE(dirt_play(m, p, error));
  CHECK(error.find("control name") != std::string::npos);
  for (const DirtSynth& d : dirt_synths()) {
    mr::audio::Engine engine;
    CHECK(engine.resolve_sound(d.plays) != mr::audio::kNoSound);  // every mapping plays something
  }
}

TEST_CASE("the clock model follows a drifting, jittery device to well under a millisecond", "[runtime][dirt]") {
  for (int buffer : {64, 256, 1024}) {
    for (double ppm : {-80.0, 0.0, 120.0}) {
      const double rate = 48000 * (1 + ppm * 1e-6);  // the device's true rate, system seconds
      DeviceClock clock(48000);
      std::mt19937 rng(static_cast<unsigned>(buffer + ppm));
      std::uniform_real_distribution<double> wake(0, 0.0015);  // the audio thread wakes late, up to 1.5 ms
      std::uniform_real_distribution<double> poll(0, 0.001);   // and we see it up to 1 ms later
      const double t0 = 1796300000.0;
      int64_t frame = 0;
      double worst = 0;
      for (double t = 0; t < 60; t += buffer / rate) {
        frame += buffer;
        clock.observe(frame, t0 + t + wake(rng) + poll(rng));
        if (t > 5) {
          // two time tags 0.5 s apart map to frames that far apart on the device's true clock
          const double d = clock.frame_at(t0 + t + 0.5) - clock.frame_at(t0 + t);
          worst = std::max(worst, std::fabs(d - 0.5 * rate));
        }
      }
      INFO("buffer " << buffer << " ppm " << ppm << ": worst interval error " << worst << " frames");
      CHECK(worst < 4.8);  // 0.1 ms
      // The rate itself, where the jitter is smaller than the period (with 64 frames it settles slower).
      if (buffer >= 256) CHECK(clock.rate() == Approx(rate).epsilon(5e-5));
    }
  }
}

TEST_CASE("the server answers the handshake and hello as SuperDirt does", "[runtime][dirt][threads]") {
  mr::audio::Engine engine;
  DirtServer server(engine, DirtServerOptions{"127.0.0.1", 0, 0.0, 0.5});
  std::string error;
  REQUIRE(server.start(error));
  DirtServer second(engine, DirtServerOptions{"127.0.0.1", server.port(), 0.0, 0.5});
  CHECK_FALSE(second.start(error));  // the port is taken: a clear error
  CHECK(error.find("in use") != std::string::npos);
  Udp udp(server.port());
  udp.send(osc::encode_message("/dirt/handshake", {}));
  std::vector<osc::Message> got;
  REQUIRE(udp.receive(got, 2000));
  REQUIRE(got.size() == 1);
  CHECK(got[0].path == "/dirt/handshake/reply");
  REQUIRE(got[0].args.size() == 5 + kDirtControlBusses);
  CHECK(got[0].args[0].value.string() == "&serverHostname");
  CHECK(got[0].args[1].value.string() == "127.0.0.1");
  CHECK(got[0].args[2].value.string() == "&serverPort");
  CHECK(got[0].args[3].type == 'i');
  CHECK(got[0].args[3].value.number() == server.port());
  CHECK(got[0].args[4].value.string() == "&controlBusIndices");
  CHECK(got[0].args[5].type == 'i');  // Tidal takes the integers after it as its busses
  udp.send(osc::encode_message("/dirt/hello", {}));
  got.clear();
  REQUIRE(udp.receive(got, 2000));
  CHECK(got.at(0).path == "/dirt/hello/reply");
  for (int i = 0; i < 200 && server.status().counters.hellos == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(server.status().counters.handshakes == 1);
  CHECK(server.status().counters.hellos == 1);
  // Strudel's .osc() (@strudel/osc: parseControlsFromHap): cps, cycle, delta (in cycles there),
  // then the hap's controls, note names sent as midinote, a bank prefixed to s; a bundle 0.1 s ahead.
  udp.send(osc::encode_bundle(osc::timetag_from_unix(osc::unix_now() + 0.1), "/dirt/play",
                              {{'s', "cps"}, {'f', 0.5}, {'s', "cycle"}, {'f', 3.0}, {'s', "delta"}, {'f', 0.25},
                               {'s', "s"}, {'s', "sawtooth"}, {'s', "note"}, {'s', "c4"}, {'s', "midinote"}, {'f', 48.0},
                               {'s', "lpf"}, {'f', 800.0}}));
  udp.send(osc::encode_bundle(osc::timetag_from_unix(osc::unix_now() + 0.1), "/dirt/play",
                              {{'s', "cps"}, {'f', 0.5}, {'s', "cycle"}, {'f', 3.0}, {'s', "delta"}, {'f', 0.25},
                               {'s', "s"}, {'s', "hh"}, {'s', "n"}, {'f', 1.0}}));
  for (int i = 0; i < 400 && server.status().counters.plays < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const double sent = osc::unix_now();
  const DirtStatus st = server.status();
  CHECK(st.counters.plays == 2);
  CHECK(st.counters.malformed == 0);
  CHECK(st.unknown.empty());
  CHECK(st.cps == Approx(0.5));
  CHECK(st.cycle == Approx(3.0 + (st.time - sent) * 0.5).margin(0.1));  // the cycle sent, advancing at its cps
}

TEST_CASE("kicks time-tagged 0.5 s apart are recorded 0.5 s apart, garbage or not", "[runtime][dirt][threads]") {
  for (int buffer : {128, 512}) {
    for (bool garbage : {false, true}) {
      DirtCounters c{};
      int rate = 0;
      const std::vector<int64_t> on = play_kicks(buffer, garbage, c, rate);
      INFO("buffer " << buffer << (garbage ? " with garbage" : ""));
      REQUIRE(on.size() == 8);
      double worst = 0;
      std::string intervals;
      for (size_t k = 1; k < on.size(); ++k) {
        worst = std::max(worst, std::fabs(static_cast<double>(on[k] - on[k - 1]) - 0.5 * rate));
        intervals += " " + std::to_string(on[k] - on[k - 1]);
      }
      std::printf("dirt onsets, buffer %d%s: intervals%s; worst error %.0f frames (%.3f ms)\n", buffer,
                  garbage ? " with garbage" : "", intervals.c_str(), worst, worst * 1000.0 / rate);
      CHECK(worst <= rate / 1000.0);  // within 1 ms
      CHECK(c.plays == 8);  // the garbage played nothing and took nothing away
      CHECK(c.late == 0);
      if (garbage) {
        CHECK(c.malformed > 100);
        CHECK(c.unknown_address > 50);
      } else {
        CHECK(c.malformed == 0);
      }
    }
  }
}

TEST_CASE("the window's session listens as SuperDirt (inputs.superdirt) while its own patterns play",
          "[runtime][dirt][threads][session]") {
  const fs::path dir = fs::temp_directory_path() / ("moonrave_dirt_session_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  setenv("XDG_STATE_HOME", dir.string().c_str(), 1);
  Config config;
  config.inputs.superdirt = true;
  config.inputs.superdirt_port = 0;  // any free port: the notice names it
  int port = 0;
  {
    // The audio thread: a steady card (as SteadyDevice above) rendering the session's engine.
    SessionClock clock;
    Session s(config, &clock);
    std::vector<float> out;
    std::atomic<bool> stop{false};
    std::thread audio([&] {
      const auto start = std::chrono::steady_clock::now();
      const int block = 128;
      int64_t done = 0;
      while (!stop) {
        const double now = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        while (static_cast<double>(done + block) <= now * 48000.0) {
          clock.render(block, out);
          done += block;
        }
        std::this_thread::sleep_until(start + std::chrono::duration<double>(static_cast<double>(done + block) / 48000.0));
      }
    });
    struct Joiner {
      std::atomic<bool>& stop;
      std::thread& thread;
      ~Joiner() {
        stop = true;
        if (thread.joinable()) thread.join();
      }
    } joiner{stop, audio};
    EvalResult r;
    for (int i = 0; i < 400 && port == 0; ++i) {
      while (s.poll_result(r)) {
        const size_t at = r.message.find("127.0.0.1:");
        if (r.ok && at != std::string::npos) port = std::atoi(r.message.c_str() + at + 10);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(port > 0);
    // The runtime's own scheduler pushes to the engine too (silent hats): two sources, one queue.
    EvalRequest set;
    set.buffer = "set";
    set.code = "d1(s('hh*16'):gain(0))";
    s.evaluate(set);
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // the clock model settles
    Udp udp(port);
    const double t0 = osc::unix_now() + 0.3;
    for (int k = 0; k < 4; ++k) {
      const double due = t0 + 0.5 * k;
      while (osc::unix_now() < due - 0.22) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      udp.send(osc::encode_bundle(osc::timetag_from_unix(due), "/dirt/play", kick_args()));
    }
    while (osc::unix_now() < t0 + 2.0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    // Each sound received is a uniform for the shaders: dirt_bd, its last onset just past.
    std::vector<UniformValue> uniforms;
    s.uniforms(std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(), uniforms);
    bool found = false;
    for (const UniformValue& u : uniforms)
      if (u.name == "dirt_bd") found = u.value == 1.f && u.since_event_sec < 1.0f;
    CHECK(found);
    stop = true;
    audio.join();
    const int rate = 48000;
    std::vector<float> left(out.size() / 2);
    for (size_t i = 0; i < left.size(); ++i) left[i] = out[2 * i];
    const std::vector<int64_t> on = onsets(left, rate);
    INFO(left.size() << " frames");
    REQUIRE(on.size() == 4);
    double worst = 0;
    for (size_t k = 1; k < on.size(); ++k)
      worst = std::max(worst, std::fabs(static_cast<double>(on[k] - on[k - 1]) - 0.5 * rate));
    std::printf("window as SuperDirt: worst interval error %.0f frames (%.3f ms)\n", worst, worst * 1000.0 / rate);
    CHECK(worst <= rate / 1000.0);
  }
  unsetenv("XDG_STATE_HOME");
  fs::remove_all(dir);
}
