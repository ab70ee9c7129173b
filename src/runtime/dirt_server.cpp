// The SuperDirt server (dirt_server.hpp).
#include "runtime/dirt_server.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

#include "runtime/device_clock.hpp"
#include "runtime/events.hpp"

namespace mr::runtime {

namespace {

constexpr size_t kMaxPacket = 65536;
constexpr int kPollMs = 1;               // the thread wakes this often to observe the engine's clock
constexpr int kMaxPacketsPerWake = 256;  // then observes the clock again, even in a flood
constexpr double kReportEverySec = 1.0;  // one report per kind at most this often
constexpr size_t kMaxMessages = 200;
constexpr double kMaxDeltaSec = 3600;    // a longer event length is taken as this

std::string address_name(const void* from, unsigned len) {
  if (len < sizeof(sockaddr_in) || static_cast<const sockaddr*>(from)->sa_family != AF_INET) return "?";
  const auto* in = static_cast<const sockaddr_in*>(from);
  char buf[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf);
  return std::string(buf) + ":" + std::to_string(ntohs(in->sin_port));
}

}  // namespace

const std::vector<DirtSynth>& dirt_synths() {
  // SuperDirt's synths (library/default-synths-extra.scd and its drum synths) and the closest
  // built-in instrument. Controls keep their meaning (n and note are semitones for a synth).
  static const std::vector<DirtSynth> table = {
      {"superpiano", "pluck"},     {"supersaw", "supersaw"},   {"superfm", "fm"},
      {"superhammond", "sine"},    {"superzow", "saw"},        {"supersquare", "square"},
      {"superpwm", "pulse"},       {"superchip", "square"},    {"supercomparator", "square"},
      {"superhex", "saw"},         {"superreese", "bass"},     {"superhoover", "supersaw"},
      {"supergong", "fm"},         {"superfork", "sine"},      {"supervibe", "sine"},
      {"supermandolin", "pluck"},  {"superprimes", "pluck"},   {"supertron", "saw"},
      {"superstatic", "white"},    {"supernoise", "white"},    {"superkick", "bd"},
      {"supersnare", "sn"},        {"superhat", "hh"},         {"superclap", "cp"},
      {"soskick", "bd"},           {"sossnare", "sn"},         {"soshats", "hh"},
      {"sostoms", "mt"},           {"sosbell", "fm"},
  };
  return table;
}

std::string dirt_sound_name(const std::string& s) {
  for (const DirtSynth& d : dirt_synths())
    if (s == d.name) return d.plays;
  return s;
}

bool dirt_play(const osc::Message& m, DirtPlay& out, std::string& error) {
  out = DirtPlay{};
  error.clear();
  if (m.args.size() % 2 != 0) {
    error = "/dirt/play with " + std::to_string(m.args.size()) + " arguments (name/value pairs want an even count)";
    return false;
  }
  pattern::ValueMap kv;
  for (size_t i = 0; i < m.args.size(); i += 2) {
    const osc::Arg& name = m.args[i];
    const osc::Arg& arg = m.args[i + 1];
    if (!name.value.is_string() || name.value.string().empty()) {
      error = "/dirt/play: argument " + std::to_string(i + 1) + " should be a control name (a string), is of type '" +
              std::string(1, name.type) + "'";
      return false;
    }
    const std::string& key = name.value.string();
    double x = 0;
    const bool number = arg.value.is_number() && arg.value.to_number(x);
    if (!(arg.value.is_string() || (number && std::isfinite(x)))) {
      if (out.bad_count++ == 0) out.bad = key;
      continue;
    }
    if (key == "_id_") {
      out.id = arg.value.is_string() ? arg.value.string() : arg.value.json();
    } else if (key == "cps" && number) {
      out.cps = x;
    } else if (key == "cycle" && number) {
      out.cycle = x;
      out.has_cycle = true;
    } else if (key == "delta" && number) {
      out.delta = std::clamp(x, 0.0, kMaxDeltaSec);
    } else if (key == "latency") {
      // SuperDirt's own field, computed from the time tag; a sender's is not used
    } else if (key == "sustain") {
      kv.emplace_back("duration", arg.value);  // SuperDirt's sustain: seconds the sound lasts
    } else if (key == "note" && number) {
      kv.emplace_back("note", x + 60.0);  // SuperDirt's note 0 is c5, MIDI 60
    } else if (key == "midinote") {
      kv.emplace_back("note", arg.value);  // a MIDI note number (Strudel's .osc() sends note names so)
    } else if (key == "octave" && number) {
      kv.emplace_back("octave", x - 1.0);  // SuperDirt's octave 5 is moonrave's 4 (the default)
    } else if (key == "orbit" && number) {
      // Modulo in floating point: a huge or non-finite orbit from the wire must not overflow a cast.
      const double orb = std::isfinite(x) ? std::fmod(std::floor(x), double(kDirtOrbits)) : 0.0;
      kv.emplace_back("orbit", orb < 0 ? orb + kDirtOrbits : orb);
    } else if ((key == "s" || key == "sound") && arg.value.is_string()) {
      out.sound = arg.value.string();
      kv.emplace_back("s", dirt_sound_name(out.sound));
    } else {
      kv.emplace_back(key, arg.value);
    }
  }
  out.controls = pattern::Value::map(std::move(kv));
  return true;
}

struct DirtServer::Clock {
  explicit Clock(double rate) : model(rate) {}
  DeviceClock model;
};

DirtServer::DirtServer(audio::Engine& engine, const DirtServerOptions& options)
    : engine_(engine), options_(options), clock_(std::make_unique<Clock>(engine.config().rate_hz)) {
  cps_ = options.cps;
  cycle_time_ = osc::unix_now();
}

DirtServer::~DirtServer() {
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) close(fd_);
}

bool DirtServer::start(std::string& error) {
  const std::string where = options_.host + ":" + std::to_string(options_.port);
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(options_.host.c_str(), std::to_string(options_.port).c_str(), &hints, &found); rc != 0) {
    error = "cannot listen on " + where + ": " + gai_strerror(rc);
    return false;
  }
  fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0 || bind(fd_, found->ai_addr, found->ai_addrlen) != 0) {
    error = "cannot listen on " + where + ": " + std::strerror(errno) +
            (errno == EADDRINUSE ? " (SuperDirt or another moonrave serve running? --port picks another)" : "");
    freeaddrinfo(found);
    return false;
  }
  freeaddrinfo(found);
  const int rcvbuf = 1 << 20;
  setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  sockaddr_in bound{};
  socklen_t len = sizeof bound;
  getsockname(fd_, reinterpret_cast<sockaddr*>(&bound), &len);
  port_ = ntohs(bound.sin_port);
  clock_->model.observe(engine_.frame(), osc::unix_now());
  thread_ = std::thread([this] { run(); });
  return true;
}

void DirtServer::run() {
  std::vector<uint8_t> buf(kMaxPacket);
  int64_t xruns = engine_.stats().xruns;
  while (!stop_.load(std::memory_order_relaxed)) {
    pollfd p{fd_, POLLIN, 0};
    poll(&p, 1, kPollMs);
    // The device lost frames (an xrun): its frame clock jumped against the system clock.
    if (const int64_t x = engine_.stats().xruns; x != xruns) {
      xruns = x;
      clock_->model.restart();
    }
    clock_->model.observe(engine_.frame(), osc::unix_now());
    for (int i = 0; i < kMaxPacketsPerWake; ++i) {
      sockaddr_storage from{};
      socklen_t from_len = sizeof from;
      const ssize_t n = recvfrom(fd_, buf.data(), buf.size(), MSG_DONTWAIT, reinterpret_cast<sockaddr*>(&from), &from_len);
      if (n < 0) break;
      handle(buf.data(), static_cast<size_t>(n), &from, from_len);
    }
  }
}

void DirtServer::report(const std::string& kind, const std::string& text) {
  // under mutex_
  const double now = osc::unix_now();
  Rate& r = rates_[kind];
  if (now - r.last < kReportEverySec) {
    ++r.suppressed;
    return;
  }
  std::string line = text;
  if (r.suppressed > 0) line += " (and " + std::to_string(r.suppressed) + " more like it in the last second)";
  r.last = now;
  r.suppressed = 0;
  if (messages_.size() < kMaxMessages) messages_.push_back(std::move(line));
}

bool DirtServer::poll_message(std::string& out) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (messages_.empty()) return false;
  out = std::move(messages_.front());
  messages_.pop_front();
  return true;
}

void DirtServer::reply(const void* to, unsigned to_len, const std::string& path, const std::vector<osc::Arg>& args) {
  const std::vector<uint8_t> bytes = osc::encode_message(path, args);
  sendto(fd_, bytes.data(), bytes.size(), MSG_DONTWAIT, static_cast<const sockaddr*>(to), to_len);
}

void DirtServer::handle(const uint8_t* data, size_t size, const void* from, unsigned from_len) {
  std::vector<osc::Message> messages;
  std::string error;
  const int bad = osc::decode_packet(data, size, messages, error);
  const std::string sender = address_name(from, from_len);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++counters_.packets;
    last_sender_ = sender;
    if (bad > 0) {
      counters_.malformed += static_cast<uint64_t>(bad);
      report("malformed", "serve: malformed OSC from " + sender + ": " + error + "; ignored");
    }
  }
  for (const osc::Message& m : messages) {
    if (m.path == "/dirt/play" || m.path == "/play2") {
      play(m);
    } else if (m.path == "/dirt/handshake") {
      std::vector<osc::Arg> args = {{'s', "&serverHostname"}, {'s', options_.host}, {'s', "&serverPort"},
                                    {'i', static_cast<double>(port_)}, {'s', "&controlBusIndices"}};
      for (int i = 0; i < kDirtControlBusses; ++i) args.push_back({'i', static_cast<double>(i)});
      reply(from, from_len, "/dirt/handshake/reply", args);
      std::lock_guard<std::mutex> lock(mutex_);
      ++counters_.handshakes;
    } else if (m.path == "/dirt/hello") {
      reply(from, from_len, "/dirt/hello/reply", {});
      std::lock_guard<std::mutex> lock(mutex_);
      ++counters_.hellos;
    } else {
      std::lock_guard<std::mutex> lock(mutex_);
      ++counters_.unknown_address;
      report("address", "serve: no such address here: '" + m.path.substr(0, 80) + "' from " + sender +
                            " (this server answers /dirt/play, /dirt/handshake and /dirt/hello)");
    }
  }
}

void DirtServer::play(const osc::Message& m) {
  DirtPlay p;
  std::string error;
  if (!dirt_play(m, p, error)) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++counters_.malformed;
    report("malformed", "serve: " + error + "; ignored");
    return;
  }
  const double now = osc::unix_now();
  const double due = (m.time.immediate() ? now : osc::unix_from_timetag(m.time)) + options_.latency_sec;
  bool too_far = false;
  double at = due;
  if (due - now > kDirtMaxAheadSec) {
    too_far = true;
    at = now + 0.2;
  }
  int64_t frame = static_cast<int64_t>(std::llround(clock_->model.frame_at(at)));
  const int64_t engine_now = engine_.frame();
  const bool late = frame < engine_now;
  if (late) frame = engine_now;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (p.cps > 0) cps_ = p.cps;
    if (p.has_cycle) {
      cycle_ = p.cycle;
      cycle_time_ = due;
    }
    if (p.bad_count > 0) {
      counters_.bad_values += static_cast<uint64_t>(p.bad_count);
      report("value", "serve: /dirt/play: the value of '" + p.bad + "' is not a finite number or a string; left out");
    }
    if (too_far) {
      ++counters_.too_far;
      report("far", "serve: a /dirt/play time-tagged more than 42 s ahead (clocks not in sync?): played in 0.2 s");
    }
    if (late) {
      ++counters_.late;
      report("late", "serve: a /dirt/play arrived after its time: played at once");
    }
    if (options_.hand_off) {
      if (handed_.size() >= kMaxHandOff) {
        ++counters_.dropped;
        report("dropped", "serve: the runtime is not taking plays (" + std::to_string(kMaxHandOff) + " waiting): one dropped");
      } else {
        handed_.push_back(Pending{std::move(p.controls), std::move(p.sound), frame, p.delta});
      }
      return;
    }
  }
  deliver(Pending{std::move(p.controls), std::move(p.sound), frame, p.delta},
          [this](const std::string& name) { return engine_.resolve_sound(name); },
          [this](const audio::VoiceEvent& e) { return engine_.push(e); }, nullptr);
}

void DirtServer::deliver(const Pending& pending, const SoundResolver& resolve_sound,
                         const std::function<bool(const audio::VoiceEvent&)>& push,
                         const std::function<void(const std::string& sound, int64_t frame)>& played) {
  audio::VoiceEvent e;
  std::string warning;
  auto resolve = [&](const std::string& name) {
    auto it = resolved_.find(name);
    if (it != resolved_.end()) return it->second;
    const audio::SoundId id = resolve_sound(name);
    resolved_.emplace(name, id);
    return id;
  };
  const bool ok = value_to_event(pending.controls, resolve, e, warning);
  e.frame = pending.frame;
  e.duration_sec = pending.delta;
  bool pushed = false;
  if (ok) pushed = push(e);
  if (pushed && played) played(pending.sound, pending.frame);

  const std::string& sound = pending.sound;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!ok) {
    if (e.sound == audio::kNoSound && !sound.empty() && warning.rfind("unknown sound", 0) == 0) {
      ++counters_.unknown_sounds;
      ++unknown_[sound.substr(0, 64)];
    } else {
      ++counters_.malformed;
    }
    report("event:" + warning.substr(0, 40), "serve: /dirt/play: " + warning);
    return;
  }
  if (!warning.empty()) report("event:" + warning.substr(0, 40), "serve: /dirt/play: " + warning);
  if (!pushed) {
    ++counters_.dropped;
    report("dropped", "serve: the engine's event queue is full: an event dropped");
    return;
  }
  ++counters_.plays;
  if (sounds_.size() < 1000 || sounds_.count(sound)) ++sounds_[sound];
}

size_t DirtServer::pump(const SoundResolver& resolve, const std::function<bool(const audio::VoiceEvent&)>& push,
                        const std::function<void(const std::string& sound, int64_t frame)>& played) {
  std::deque<Pending> taken;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    taken.swap(handed_);
  }
  for (const Pending& p : taken) deliver(p, resolve, push, played);
  return taken.size();
}

DirtStatus DirtServer::status() const {
  std::lock_guard<std::mutex> lock(mutex_);
  DirtStatus s;
  s.time = osc::unix_now();
  s.cps = cps_;
  s.cycle = cycle_ + (s.time - cycle_time_) * cps_;
  s.counters = counters_;
  s.sounds = sounds_;
  s.unknown = unknown_;
  s.last_sender = last_sender_;
  return s;
}

}  // namespace mr::runtime
