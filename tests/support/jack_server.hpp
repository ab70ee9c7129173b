// A JACK server of a test's own: jackd -d dummy (no sound card needed) under a name no other
// test uses, so tests run in parallel without meeting. Every JACK client of the process (RtAudio's,
// rtmidi's) finds it through JACK_DEFAULT_SERVER. kill() takes it away as a crash would
// (SIGKILL) and start() brings it back under the same name: the device-lost path, for real.
// Without jackd, error() says so and the test fails with it.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace mr::test {

inline bool WaitFor(const std::function<bool()>& done, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

class JackServer {
 public:
  // `ready`: true once a client of the caller's kind can connect (its probe opens one).
  JackServer(std::string tag, std::function<bool()> ready) : ready_(std::move(ready)) {
    static int count = 0;
    name_ = "moonrave-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(++count);
    const char* path = std::getenv("PATH");
    for (std::string rest = path ? path : "/usr/bin"; jackd_.empty() && !rest.empty();) {
      const size_t colon = rest.find(':');
      const std::string dir = rest.substr(0, colon);
      rest = colon == std::string::npos ? "" : rest.substr(colon + 1);
      if (!dir.empty() && ::access((dir + "/jackd").c_str(), X_OK) == 0) jackd_ = dir + "/jackd";
    }
    if (jackd_.empty()) {
      error_ = "jackd is not installed: this test needs a JACK server (scripts/setup.sh installs jackd2)";
      return;
    }
    ::setenv("JACK_NO_AUDIO_RESERVATION", "1", 1);
    ::setenv("JACK_DEFAULT_SERVER", name_.c_str(), 1);
    ::setenv("JACK_NO_START_SERVER", "1", 1);
    start();
  }
  ~JackServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  JackServer(const JackServer&) = delete;
  JackServer& operator=(const JackServer&) = delete;

  const std::string& error() const { return error_; }
  const std::string& name() const { return name_; }
  bool running() const { return pid_ > 0; }

  // Starts jackd and waits (up to 10 s) until it takes clients; false with error() set if not.
  bool start() {
    if (jackd_.empty() || pid_ > 0) return pid_ > 0;
    error_.clear();
    std::vector<std::string> args = {jackd_, "-n", name_, "-d", "dummy", "-r", "48000", "-p", "128"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    if (posix_spawn(&pid_, jackd_.c_str(), &fa, nullptr, argv.data(), environ) != 0) {
      pid_ = -1;
      error_ = "cannot start " + jackd_;
    }
    posix_spawn_file_actions_destroy(&fa);
    if (pid_ < 0) return false;
    const bool up = WaitFor(
        [&] {
          int status = 0;
          if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return true;
          }
          return ready_();
        },
        10.0);
    if (pid_ < 0) error_ = "jackd -n " + name_ + " -d dummy exited at start";
    else if (!up) error_ = "jackd -n " + name_ + " did not take clients within 10 s";
    return error_.empty();
  }
  // Takes the server away as a crash would: SIGKILL, no goodbye to its clients.
  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  std::function<bool()> ready_;
  std::string jackd_, name_, error_;
  pid_t pid_ = -1;
};

}  // namespace mr::test
