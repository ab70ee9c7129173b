// HTTP completion providers on libcurl's multi interface: the transfer is driven in small
// polls so the deadline and supersession are checked every few milliseconds, whatever the
// server does (stalls, drips tokens, never answers).
#include "suggest/remote.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <nlohmann/json.hpp>

namespace mr::suggest {

using json = nlohmann::json;

const char* outcome_name(RemoteResult::Outcome o) {
  switch (o) {
    case RemoteResult::Outcome::Ok: return "ok";
    case RemoteResult::Outcome::Partial: return "partial";
    case RemoteResult::Outcome::Timeout: return "timeout";
    case RemoteResult::Outcome::Cancelled: return "cancelled";
    case RemoteResult::Outcome::Error: return "error";
    case RemoteResult::Outcome::CircuitOpen: return "circuit open";
  }
  return "?";
}

namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Text of one JSON event per protocol; sets done/error as the event says.
void take_event(const std::string& kind, const std::string& payload, std::string& text, bool& done,
                std::string& error) {
  json j = json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    error = "malformed event from the server";
    return;
  }
  if (j.contains("error")) {
    const json& e = j["error"];
    error = e.is_string() ? e.get<std::string>()
            : (e.is_object() && e.contains("message") && e["message"].is_string()) ? e["message"].get<std::string>()
                                                                                 : "server error";
    return;
  }
  if (kind == "ollama") {
    if (j.contains("response") && j["response"].is_string()) text += j["response"].get<std::string>();
    if (j.value("done", false)) done = true;
  } else if (kind == "openai") {
    if (j.contains("choices") && j["choices"].is_array() && !j["choices"].empty()) {
      const json& c = j["choices"][0];
      if (c.contains("text") && c["text"].is_string()) text += c["text"].get<std::string>();
      if (c.contains("finish_reason") && !c["finish_reason"].is_null()) done = true;
    }
  } else {  // llama.cpp: partials carry content; the final event has stop=true (content may be "")
    if (j.contains("content") && j["content"].is_string()) text += j["content"].get<std::string>();
    if (j.value("stop", false)) done = true;
  }
}

}  // namespace

void parse_stream(const std::string& kind, std::string& buffer, std::string& text, bool& done, std::string& error) {
  if (kind == "ollama") {
    // NDJSON: one object a line; a partial last line waits for more bytes.
    size_t nl;
    while (!done && error.empty() && (nl = buffer.find('\n')) != std::string::npos) {
      std::string line = buffer.substr(0, nl);
      buffer.erase(0, nl + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      take_event(kind, line, text, done, error);
    }
    return;
  }
  // SSE: events separated by a blank line (\n\n or \r\n\r\n); fields "data:" and "error:".
  while (!done && error.empty()) {
    size_t end = std::string::npos, sep = 0;
    for (size_t i = 0; i + 1 < buffer.size(); ++i) {
      if (buffer[i] == '\n' && buffer[i + 1] == '\n') {
        end = i, sep = 2;
        break;
      }
      if (buffer.compare(i, 4, "\r\n\r\n") == 0) {
        end = i, sep = 4;
        break;
      }
    }
    if (end == std::string::npos) return;
    std::string event = buffer.substr(0, end);
    buffer.erase(0, end + sep);
    size_t pos = 0;
    while (pos <= event.size()) {
      size_t nl = event.find('\n', pos);
      std::string line = event.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      pos = nl == std::string::npos ? event.size() + 1 : nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == ':') continue;  // comment
      auto field = [&](const char* name) -> std::optional<std::string> {
        const size_t n = std::char_traits<char>::length(name);
        if (line.compare(0, n, name) != 0) return std::nullopt;
        std::string v = line.substr(n);
        if (!v.empty() && v[0] == ' ') v.erase(0, 1);
        return v;
      };
      if (auto d = field("data:")) {
        if (*d == "[DONE]") {
          done = true;
        } else {
          take_event(kind, *d, text, done, error);
        }
      } else if (auto e = field("error:")) {
        json j = json::parse(*e, nullptr, false);
        error = (!j.is_discarded() && j.is_object() && j.contains("message") && j["message"].is_string())
                    ? j["message"].get<std::string>()
                    : *e;
      }
    }
  }
}

RemoteProvider::RemoteProvider(RemoteConfig config) : config_(std::move(config)) {
  global_init();
  config_.deadline_ms = std::clamp(config_.deadline_ms, 50.0, 1500.0);
  name_ = config_.kind + (config_.model.empty() ? "" : ":" + config_.model);
  while (!config_.url.empty() && config_.url.back() == '/') config_.url.pop_back();
}

RemoteProvider::~RemoteProvider() = default;

std::string RemoteProvider::endpoint() const {
  if (config_.kind == "ollama") return config_.url + "/api/generate";
  if (config_.kind == "openai") return config_.url + "/v1/completions";
  return config_.url + "/infill";
}

std::string RemoteProvider::request_body(const std::string& prefix, const std::string& suffix,
                                         const std::string& context) const {
  json b;
  const json stop = json::array({"\n"});  // single-line completions
  if (config_.kind == "ollama") {
    b = {{"model", config_.model},
         {"prompt", context.empty() ? prefix : "-- context:\n" + context + "\n" + prefix},
         {"suffix", suffix},
         {"stream", true},
         {"keep_alive", "5m"},
         {"options", {{"temperature", 0}, {"num_predict", config_.max_tokens}, {"stop", stop}}}};
  } else if (config_.kind == "openai") {
    b = {{"prompt", prefix}, {"suffix", suffix}, {"max_tokens", config_.max_tokens}, {"temperature", 0},
         {"stop", stop},     {"stream", true}};
    if (!config_.model.empty()) b["model"] = config_.model;
  } else {
    // llama.cpp /infill: the cursor line's start goes into `prompt` so typing on one line keeps
    // the server's KV cache hot (only the prompt's tail changes).
    const size_t line_start = prefix.rfind('\n');
    const std::string before_line = line_start == std::string::npos ? "" : prefix.substr(0, line_start + 1);
    const std::string line = line_start == std::string::npos ? prefix : prefix.substr(line_start + 1);
    b = {{"input_prefix", before_line},
         {"input_suffix", suffix},
         {"prompt", line},
         {"n_predict", config_.max_tokens},
         {"stop", stop},
         {"stream", true},
         {"cache_prompt", true},
         {"t_max_predict_ms", static_cast<int>(config_.deadline_ms)},
         {"samplers", json::array({"top_k", "top_p", "infill"})},
         {"top_k", 40},
         {"top_p", 0.9}};
    if (!context.empty()) b["input_extra"] = json::array({{{"filename", "other-slots.lua"}, {"text", context}}});
  }
  return b.dump();
}

namespace {
std::string cache_key(const std::string& prefix, const std::string& suffix) {
  // The recent prefix and the near suffix decide a completion; older text only bloats the key.
  const size_t keep = 2048;
  std::string k = prefix.size() > keep ? prefix.substr(prefix.size() - keep) : prefix;
  k += '\x01';
  k += suffix.substr(0, 256);
  return k;
}
}  // namespace

bool RemoteProvider::cache_get(const std::string& prefix, const std::string& suffix, std::string& out) {
  auto it = cache_.find(cache_key(prefix, suffix));
  if (it != cache_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second.second);
    out = it->second.first;
    return true;
  }
  // Typed through: an earlier answer whose start is what was typed since still applies.
  for (size_t i = 1; i <= 64 && i <= prefix.size(); ++i) {
    const std::string typed = prefix.substr(prefix.size() - i);
    if (typed.find('\n') != std::string::npos) break;
    auto jt = cache_.find(cache_key(prefix.substr(0, prefix.size() - i), suffix));
    if (jt != cache_.end() && jt->second.first.size() > typed.size() && jt->second.first.compare(0, i, typed) == 0) {
      out = jt->second.first.substr(i);
      return true;
    }
  }
  return false;
}

void RemoteProvider::cache_put(const std::string& prefix, const std::string& suffix, const std::string& text) {
  std::string key = cache_key(prefix, suffix);
  auto it = cache_.find(key);
  if (it != cache_.end()) {
    it->second.first = text;
    lru_.splice(lru_.begin(), lru_, it->second.second);
    return;
  }
  lru_.push_front(key);
  cache_.emplace(key, std::make_pair(text, lru_.begin()));
  if (cache_.size() > kCacheSize) {
    cache_.erase(lru_.back());
    lru_.pop_back();
  }
}

namespace {
size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}
std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }
}  // namespace

RemoteResult RemoteProvider::complete(const std::string& prefix, const std::string& suffix, const std::string& context,
                                      const std::atomic<uint64_t>& current_id, uint64_t my_id) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  auto elapsed_ms = [&] { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); };
  RemoteResult r;

  std::string cached;
  if (cache_get(prefix, suffix, cached)) {
    r.outcome = RemoteResult::Outcome::Ok;
    r.text = cached;
    r.from_cache = true;
    r.latency_ms = elapsed_ms();
    return r;
  }
  if (failures_ >= config_.breaker_failures) {
    if (Clock::now() < open_until_) {
      r.outcome = RemoteResult::Outcome::CircuitOpen;
      return r;
    }
    failures_ = config_.breaker_failures - 1;  // half-open: one trial; a failure re-opens it
  }

  const std::string body = request_body(prefix, suffix, context);
  std::string received, buffer, text, error;
  bool done = false;

  CURL* easy = curl_easy_init();
  CURLM* multi = curl_multi_init();
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(easy, CURLOPT_URL, endpoint().c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &received);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.deadline_ms) + 50);  // belt and braces
  curl_multi_add_handle(multi, easy);

  long http_status = 0;
  bool finished = false, timed_out = false, cancelled = false;
  while (!finished) {
    int running = 0;
    curl_multi_perform(multi, &running);
    if (!received.empty()) {
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &http_status);
      if (http_status >= 200 && http_status < 300) {
        buffer += received;
        received.clear();
        parse_stream(config_.kind, buffer, text, done, error);
        if (text.find('\n') != std::string::npos) done = true;  // one line is all we show
        if (done || !error.empty()) break;
      }
    }
    if (running == 0) {
      finished = true;
      break;
    }
    if (current_id.load(std::memory_order_acquire) != my_id) {
      cancelled = true;
      break;
    }
    const double left = config_.deadline_ms - elapsed_ms();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::min(5.0, std::max(1.0, left))), nullptr);
  }
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &http_status);
  if (finished) {
    // Whatever arrived with the end of the transfer.
    int msgs = 0;
    CURLcode code = CURLE_OK;
    while (CURLMsg* m = curl_multi_info_read(multi, &msgs))
      if (m->msg == CURLMSG_DONE) code = m->data.result;
    if (http_status >= 200 && http_status < 300) {
      buffer += received;
      parse_stream(config_.kind, buffer, text, done, error);
      if (!done && error.empty() && !buffer.empty()) {
        // A non-streaming answer (one JSON object, no framing) is accepted too.
        std::string t;
        bool d = false;
        std::string e;
        take_event(config_.kind, buffer, t, d, e);
        if (e.empty()) text += t, done = true;
      }
    } else if (code != CURLE_OK) {
      error = curl_easy_strerror(code);
    } else {
      json j = json::parse(received, nullptr, false);
      std::string msg;
      if (!j.is_discarded() && j.is_object() && j.contains("error")) {
        const json& e = j["error"];
        msg = e.is_string() ? e.get<std::string>()
              : (e.is_object() && e.contains("message") && e["message"].is_string()) ? e["message"].get<std::string>()
                                                                                   : "";
      }
      error = "HTTP " + std::to_string(http_status) + (msg.empty() ? "" : ": " + msg);
    }
  }
  // Removing the handle closes the connection: a superseded or late request stops generating.
  curl_multi_remove_handle(multi, easy);
  curl_easy_cleanup(easy);
  curl_multi_cleanup(multi);
  curl_slist_free_all(headers);

  r.latency_ms = elapsed_ms();
  r.text = first_line(text);
  if (cancelled) {
    r.outcome = RemoteResult::Outcome::Cancelled;
  } else if (!error.empty()) {
    r.outcome = RemoteResult::Outcome::Error;
    r.error = error;
  } else if (done) {
    r.outcome = RemoteResult::Outcome::Ok;
  } else if (timed_out && !r.text.empty()) {
    r.outcome = RemoteResult::Outcome::Partial;
  } else if (timed_out) {
    r.outcome = RemoteResult::Outcome::Timeout;
  } else {
    r.outcome = RemoteResult::Outcome::Error;
    r.error = "the stream ended without a final event";
  }

  if (r.outcome == RemoteResult::Outcome::Ok) {
    failures_ = 0;
    cache_put(prefix, suffix, r.text);
  } else if (r.outcome == RemoteResult::Outcome::Timeout || r.outcome == RemoteResult::Outcome::Error) {
    if (++failures_ >= config_.breaker_failures)
      open_until_ = Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(config_.breaker_open_ms));
  } else if (r.outcome == RemoteResult::Outcome::Partial) {
    failures_ = 0;  // it answered, just slowly
  }
  return r;
}

}  // namespace mr::suggest
