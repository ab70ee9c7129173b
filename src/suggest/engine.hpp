// The suggestion engine: its own thread, so the editor never waits. The editor sends the buffer
// and cursor when typing pauses, with a request id; answers carry the id, and an answer to a
// request that has since been superseded is dropped. The embedded model answers at once; a
// remote provider (if configured) may replace that answer only if it arrives before its deadline.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "suggest/predictor.hpp"

namespace mr::suggest {

class RemoteProvider;

struct Request {
  uint64_t id = 0;
  std::string text;    // the whole buffer
  size_t cursor = 0;   // byte offset of the cursor in text
  std::string context;  // the other slots' code and loaded sample names, for remote providers
};

struct Answer {
  uint64_t id = 0;
  std::string provider;  // "embedded", or the remote provider's name
  std::vector<Completion> completions;
  double latency_ms = 0;  // from the request to this answer
};

struct ProviderStatus {
  std::string name;
  std::string state;  // "ok", "off", "timeout", "error: ...", "circuit open"
  double last_latency_ms = 0;
};

class Engine {
 public:
  Engine();
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Before or after start: the vocabulary and training text (the engine thread trains).
  void set_vocabulary(Vocabulary v);
  void train(std::string code, float weight = 1.0f);
  void add_remote(std::unique_ptr<RemoteProvider> provider);

  // UI thread: never blocks for longer than a queue lock.
  void request(Request r);
  // The newest answer for the newest request, if one arrived since the last call.
  bool poll(Answer& out);
  std::vector<ProviderStatus> status() const;

 private:
  void run();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<std::string, float>> training_;
  std::unique_ptr<Vocabulary> vocabulary_;
  std::unique_ptr<Request> pending_;
  std::vector<Answer> answers_;
  std::atomic<uint64_t> latest_id_{0};
  std::vector<std::unique_ptr<RemoteProvider>> remotes_;
  std::vector<ProviderStatus> status_;
  bool stop_ = false;
  Predictor predictor_;  // touched only by the engine thread
  std::thread thread_;
};

}  // namespace mr::suggest
