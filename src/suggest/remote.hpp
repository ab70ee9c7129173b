// Remote completion providers over HTTP: llama.cpp's server (/infill, fill-in-the-middle),
// Ollama (/api/generate with suffix) and OpenAI-compatible servers (/v1/completions). The
// client enforces its own hard deadline (servers' own limits are not reliable), streams so
// that partial text is usable at the deadline, aborts a superseded request, caches by
// prefix/suffix, and a circuit breaker stops asking a server that keeps timing out.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>

namespace mr::suggest {

struct RemoteConfig {
  std::string kind;  // "llama.cpp" | "ollama" | "openai"
  std::string url;   // base, e.g. http://127.0.0.1:8080
  std::string model;  // ollama and openai
  double deadline_ms = 500;  // hard: clamped to [50, 1500]
  int max_tokens = 32;
  int breaker_failures = 3;        // consecutive timeouts/errors that open the circuit
  double breaker_open_ms = 10000;  // how long it stays open before one trial request
};

struct RemoteResult {
  enum class Outcome : uint8_t { Ok, Partial, Timeout, Cancelled, Error, CircuitOpen };
  Outcome outcome = Outcome::Error;
  std::string text;   // the completion (first line only), possibly partial
  std::string error;  // for Error: what went wrong, for the status line
  double latency_ms = 0;
  bool from_cache = false;
};

const char* outcome_name(RemoteResult::Outcome o);

class RemoteProvider {
 public:
  explicit RemoteProvider(RemoteConfig config);
  ~RemoteProvider();
  RemoteProvider(const RemoteProvider&) = delete;
  RemoteProvider& operator=(const RemoteProvider&) = delete;

  const std::string& name() const { return name_; }
  const RemoteConfig& config() const { return config_; }

  // Completes at the cursor between prefix and suffix. Returns by the deadline at the latest,
  // or as soon as `current_id` no longer equals `my_id` (a newer request superseded this one).
  // Partial streamed text received by the deadline is returned as Outcome::Partial.
  RemoteResult complete(const std::string& prefix, const std::string& suffix, const std::string& context,
                        const std::atomic<uint64_t>& current_id, uint64_t my_id);

  // The request body this provider sends (exposed for tests).
  std::string request_body(const std::string& prefix, const std::string& suffix, const std::string& context) const;
  std::string endpoint() const;

 private:
  bool cache_get(const std::string& prefix, const std::string& suffix, std::string& out);
  void cache_put(const std::string& prefix, const std::string& suffix, const std::string& text);

  RemoteConfig config_;
  std::string name_;
  // Circuit breaker.
  int failures_ = 0;
  std::chrono::steady_clock::time_point open_until_{};
  // LRU cache: key -> text.
  static constexpr size_t kCacheSize = 250;
  std::list<std::string> lru_;
  std::unordered_map<std::string, std::pair<std::string, std::list<std::string>::iterator>> cache_;
};

// Parses the streamed body so far into text, per protocol. Exposed for tests of the framing
// rules (SSE with or without a space after "data:", CRLF, comments, [DONE], error lines; NDJSON
// with partial lines). `done` becomes true at the end of the stream; `error` is set on an error
// event. Consumes complete events from `buffer` and appends their text to `text`.
void parse_stream(const std::string& kind, std::string& buffer, std::string& text, bool& done, std::string& error);

}  // namespace mr::suggest
