// moonrave as SuperDirt: a UDP server speaking SuperDirt's OSC protocol, so TidalCycles (and
// Strudel's .osc()) play through the engine. `/dirt/play` (in time-tagged bundles, or bare and
// played at once) becomes an audio::VoiceEvent at the engine frame of its time tag, through the
// clock model (device_clock.hpp) and the engine's event queue, the scheduler's path;
// `/dirt/handshake` gets SuperDirt's `/dirt/handshake/reply`, `/dirt/hello` its `/dirt/hello/reply`.
// Receiving, decoding and resolving happen on the server's own thread, never the audio thread;
// malformed packets, unknown addresses and bad values are counted and reported (at most once a
// second per kind), never played.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "audio/engine.hpp"
#include "pattern/value.hpp"
#include "runtime/events.hpp"
#include "runtime/osc_codec.hpp"

namespace mr::runtime {

constexpr int kDirtOrbits = kOrbitCount;  // the engine has as many as SuperDirt usually starts: ~dirt.start(57120, 0 ! 12)
constexpr double kDirtMaxAheadSec = 42;  // SuperDirt's maxLatency: further ahead plays in 0.2 s
constexpr int kDirtControlBusses = 128;  // SuperDirt's numControlBusses (the handshake's indices)

// SuperDirt's synth names and the built-in sound that plays each (the reference lists them).
struct DirtSynth {
  const char* name;
  const char* plays;
};
const std::vector<DirtSynth>& dirt_synths();
// The moonrave sound name for a SuperDirt `s` value (a synth name mapped, anything else as is).
std::string dirt_sound_name(const std::string& s);

// A `/dirt/play` message's name/value pairs as SuperDirt means them, turned into the control map
// the runtime's event builder (events.hpp) reads: `sustain` (seconds in SuperDirt) becomes
// `duration`, `note` is relative to c5 (MIDI 60) and `octave` 5 is the default, `midinote` is a
// MIDI note, `orbit` is taken modulo kDirtOrbits, synth names are mapped, `cps`, `cycle` and
// `delta` (the event's length in seconds, what `legato` multiplies) are taken out into the
// fields below, `_id_` is the stream's name. Returns false, with `error` set, when the pairs are
// malformed (a name that is not a string, a name without a value); a value that is not a finite
// number or a string is left out and named in `bad`.
struct DirtPlay {
  pattern::Value controls;  // a map
  double cps = -1, cycle = 0, delta = 0;
  bool has_cycle = false;
  std::string id;
  std::string sound;  // `s` as sent (before the synth name is mapped)
  std::string bad;  // the first control whose value was left out
  int bad_count = 0;
};
bool dirt_play(const osc::Message& m, DirtPlay& out, std::string& error);

struct DirtServerOptions {
  std::string host = "127.0.0.1";  // the address to listen on
  int port = 57120;                // 0: any free port (tests read port())
  double latency_sec = 0.0;        // added to every time tag (sync with other gear)
  double cps = 0.5;                // the status clock's tempo until a message brings one
  // false: the server pushes to the engine itself (moonrave serve: it is the engine's only
  // producer). true: plays wait for pump() on the thread that owns the engine's queue (the
  // window's runtime thread, whose scheduler pushes too: the queue takes one producer).
  bool hand_off = false;
};

struct DirtCounters {
  uint64_t packets = 0;
  uint64_t plays = 0;            // /dirt/play messages that made a sound
  uint64_t handshakes = 0;
  uint64_t hellos = 0;
  uint64_t late = 0;             // time tag already past at arrival: played at once
  uint64_t too_far = 0;          // more than kDirtMaxAheadSec ahead: played in 0.2 s
  uint64_t malformed = 0;        // undecodable packets or parts, malformed /dirt/play pairs
  uint64_t unknown_address = 0;  // messages to an address SuperDirt does not answer
  uint64_t bad_values = 0;       // values left out (not a finite number or a string)
  uint64_t unknown_sounds = 0;   // /dirt/play whose sound resolved to nothing
  uint64_t dropped = 0;          // the engine's queue was full
};

struct DirtStatus {
  double time = 0;   // Unix seconds now
  double cycle = 0;  // the cycle now: the last message's, advanced at its cps; else our own clock
  double cps = 0.5;
  DirtCounters counters;
  std::map<std::string, uint64_t> sounds;  // every sound played, with its count
  std::map<std::string, uint64_t> unknown;  // every sound that resolved to nothing
  std::string last_sender;  // host:port of the last packet
};

class DirtServer {
 public:
  explicit DirtServer(audio::Engine& engine, const DirtServerOptions& options = {});
  ~DirtServer();
  DirtServer(const DirtServer&) = delete;
  DirtServer& operator=(const DirtServer&) = delete;

  // Binds the UDP socket and starts the server's thread; false with `error` naming the address
  // and why (port in use, bad address). The server is then the engine's only event producer.
  bool start(std::string& error);
  int port() const { return port_; }
  // Any thread.
  DirtStatus status() const;
  // Reports (malformed packets, unknown sounds...), rate-limited per kind; one line each.
  bool poll_message(std::string& out);
  // With hand_off: resolves and pushes the plays waiting, on the caller's thread (the one that
  // owns the engine's queue); `played` hears each sound pushed, with its frame. Returns how many.
  size_t pump(const SoundResolver& resolve, const std::function<bool(const audio::VoiceEvent&)>& push,
              const std::function<void(const std::string& sound, int64_t frame)>& played = nullptr);

 private:
  void run();
  void handle(const uint8_t* data, size_t size, const void* from, unsigned from_len);
  struct Pending {  // a play decoded and timed, not yet resolved
    pattern::Value controls;
    std::string sound;
    int64_t frame = 0;
    double delta = 0;
  };
  static constexpr size_t kMaxHandOff = 8192;
  void play(const osc::Message& m);
  void deliver(const Pending& pending, const SoundResolver& resolve,
               const std::function<bool(const audio::VoiceEvent&)>& push,
               const std::function<void(const std::string& sound, int64_t frame)>& played);
  void reply(const void* to, unsigned to_len, const std::string& path, const std::vector<osc::Arg>& args);
  void report(const std::string& kind, const std::string& text);

  audio::Engine& engine_;
  DirtServerOptions options_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  struct Clock;
  std::unique_ptr<Clock> clock_;
  std::map<std::string, audio::SoundId> resolved_;  // the delivering thread only

  mutable std::mutex mutex_;  // guards what follows
  DirtCounters counters_;
  std::map<std::string, uint64_t> sounds_, unknown_;
  double cps_ = 0.5, cycle_ = 0, cycle_time_ = 0;  // the last message's cycle and its time
  std::string last_sender_;
  std::deque<std::string> messages_;
  std::deque<Pending> handed_;  // with hand_off: plays waiting for pump()
  struct Rate {
    double last = -1e9;
    uint64_t suppressed = 0;
  };
  std::map<std::string, Rate> rates_;
};

}  // namespace mr::runtime
