// OSC out in SuperDirt's format, received by a liblo server on this machine; MIDI out that
// cannot open is a warning, not a failure.
#include <catch2/catch.hpp>

#include <lo/lo.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>
#include <thread>

#include "runtime/outputs.hpp"

using namespace mr::runtime;

namespace {

struct Received {
  std::mutex mutex;
  std::string path;
  std::vector<std::string> args;
  std::atomic<int> count{0};
};

int on_message(const char* path, const char* types, lo_arg** argv, int argc, lo_message, void* user) {
  auto* r = static_cast<Received*>(user);
  std::lock_guard<std::mutex> lock(r->mutex);
  r->path = path;
  r->args.clear();
  for (int i = 0; i < argc; ++i) {
    // OSC arguments are 4-byte aligned, lo_arg is an 8-byte aligned union: read the bytes.
    if (types[i] == 's') {
      r->args.push_back(reinterpret_cast<const char*>(argv[i]));
    } else if (types[i] == 'f') {
      float f = 0;
      std::memcpy(&f, argv[i], sizeof f);
      r->args.push_back(std::to_string(f));
    }
    else r->args.push_back("?");
  }
  ++r->count;
  return 0;
}

ScheduledHap hap() {
  ScheduledHap h;
  h.frame = 0;
  h.end_frame = 24000;
  h.cycle = mr::pattern::Rational(3, 2);
  h.cps = 0.5;
  h.duration_sec = 0.5;
  h.controls = mr::pattern::Value::map({{"s", "bd"}, {"n", 3}, {"speed", 2}});
  h.has_event = true;
  return h;
}

}  // namespace

TEST_CASE("a hap goes out as SuperDirt's /dirt/play with its controls", "[runtime][outputs]") {
  CHECK(Outputs::describe_superdirt(hap()) == "/dirt/play cps=0.5 cycle=1.5 delta=0.5 n=3 s=bd speed=2 orbit=0");
  Received got;
  lo_server_thread server = lo_server_thread_new(nullptr, nullptr);
  REQUIRE(server != nullptr);
  lo_server_thread_add_method(server, nullptr, nullptr, on_message, &got);
  lo_server_thread_start(server);
  const int port = lo_server_thread_get_port(server);
  {
    OutputsConfig config;
    config.osc = "127.0.0.1:" + std::to_string(port);
    std::vector<std::string> warnings;
    Outputs out(config, warnings);
    CHECK(warnings.empty());
    REQUIRE(out.osc_open());
    out.send(std::vector<ScheduledHap>{hap()}, [](int64_t) { return 0.0; });
    for (int i = 0; i < 400 && got.count.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  lo_server_thread_stop(server);
  lo_server_thread_free(server);
  REQUIRE(got.count.load() == 1);
  CHECK(got.path == "/dirt/play");
  REQUIRE(got.args.size() == 14);
  CHECK(got.args[0] == "cps");
  CHECK(got.args[8] == "s");
  CHECK(got.args[9] == "bd");
}

TEST_CASE("a MIDI port that is not there is a warning", "[runtime][outputs]") {
  OutputsConfig config;
  config.midi = "no such port anywhere 1234";
  std::vector<std::string> warnings;
  Outputs out(config, warnings);
  CHECK_FALSE(out.midi_open());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].rfind("MIDI: ", 0) == 0);
}
