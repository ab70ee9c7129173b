// A protocol-faithful fake completion server on loopback, for the remote providers' tests:
// llama.cpp (/infill, SSE without [DONE]), Ollama (/api/generate, NDJSON) and OpenAI-style
// (/v1/completions, SSE ending in [DONE]), streamed or not, with controllable delays and faults.
// It records whether the client hung up before the answer was complete.
#pragma once

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace mr::test {

struct FakeKnobs {
  std::vector<std::string> pieces = {"fast", "(2", ")"};  // the completion, as streamed tokens
  int first_token_ms = 0;     // before the first token
  int token_interval_ms = 0;  // between tokens
  int status = 200;           // an error status sends the error envelope instead
  bool malformed = false;     // send a broken JSON event
  bool crlf = false;          // CRLF line endings in SSE
  bool comments = false;      // SSE comment lines and an unknown field
};

class FakeServer {
 public:
  FakeServer() {
    auto handler = [this](const std::string& kind) {
      return [this, kind](const httplib::Request& req, httplib::Response& res) { serve(kind, req, res); };
    };
    server_.Post("/infill", handler("llama.cpp"));
    server_.Post("/completion", handler("llama.cpp"));
    server_.Post("/api/generate", handler("ollama"));
    server_.Post("/v1/completions", handler("openai"));
    server_.Get("/health", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"status":"ok"})", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ~FakeServer() {
    server_.stop();
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void set(const FakeKnobs& k) {
    std::lock_guard<std::mutex> lock(mu_);
    knobs_ = k;
  }
  // Requests that the client closed before the server had sent everything.
  int disconnects() const { return disconnects_.load(); }
  int requests() const { return requests_.load(); }
  int completed() const { return completed_.load(); }
  std::string last_body() const {
    std::lock_guard<std::mutex> lock(mu_);
    return last_body_;
  }
  // Blocks until every request that started has ended (completed or saw the disconnect).
  void settle() const {
    for (int i = 0; i < 400 && active_.load() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

 private:
  static std::string event(const std::string& kind, const std::string& piece, bool last) {
    nlohmann::json j;
    if (kind == "ollama") {
      j = {{"model", "fake"}, {"created_at", "2026-01-01T00:00:00Z"}, {"response", piece}, {"done", last}};
      if (last) j["done_reason"] = "stop";
    } else if (kind == "openai") {
      j = {{"id", "cmpl-1"}, {"object", "text_completion"}, {"model", "fake"},
           {"choices", {{{"text", piece}, {"index", 0}, {"finish_reason", last ? nlohmann::json("stop") : nlohmann::json()}}}}};
    } else {
      j = {{"index", 0}, {"content", piece}, {"stop", last}, {"id_slot", 0}};
      if (last) j["stop_type"] = "eos";
    }
    return j.dump();
  }

  void serve(const std::string& kind, const httplib::Request& req, httplib::Response& res) {
    ++requests_;
    FakeKnobs k;
    {
      std::lock_guard<std::mutex> lock(mu_);
      k = knobs_;
      last_body_ = req.body;
    }
    if (k.status != 200) {
      res.status = k.status;
      res.set_content(R"({"error":{"code":)" + std::to_string(k.status) +
                          R"(,"message":"Loading model","type":"unavailable_error"}})",
                      "application/json");
      return;
    }
    const bool stream = nlohmann::json::parse(req.body, nullptr, false).value("stream", false);
    if (!stream) {
      std::this_thread::sleep_for(std::chrono::milliseconds(k.first_token_ms));
      std::string all;
      for (auto& p : k.pieces) all += p;
      res.set_content(event(kind, all, true), "application/json");
      ++completed_;
      return;
    }
    ++active_;
    const char* type = kind == "ollama" ? "application/x-ndjson" : "text/event-stream";
    res.set_chunked_content_provider(type, [this, kind, k](size_t, httplib::DataSink& sink) {
      const std::string nl = k.crlf ? "\r\n" : "\n";
      auto frame = [&](const std::string& payload) {
        return kind == "ollama" ? payload + "\n" : "data: " + payload + nl + nl;
      };
      auto send = [&](const std::string& s) { return sink.is_writable() && sink.write(s.data(), s.size()); };
      // Sleeps until `ms` from now in short slices, noticing a client that hung up. The end is
      // a point in time, so a loaded machine's late wake-ups do not add up.
      auto wait = [&](int ms) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (std::chrono::steady_clock::now() < until) {
          if (!sink.is_writable()) return false;
          std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
              std::chrono::milliseconds(5), until - std::chrono::steady_clock::now()));
        }
        return sink.is_writable();
      };
      bool ok = wait(k.first_token_ms);
      if (ok && k.comments && kind != "ollama") ok = send(": keep-alive" + nl + nl);
      for (size_t i = 0; ok && i < k.pieces.size(); ++i) {
        if (i > 0) ok = wait(k.token_interval_ms);
        if (!ok) break;
        ok = send(k.malformed && i == 1 ? frame("{\"content\": broken") : frame(event(kind, k.pieces[i], false)));
      }
      if (ok) ok = send(frame(event(kind, "", true)));
      if (ok && kind == "openai") ok = send("data: [DONE]" + nl + nl);
      if (ok) {
        ++completed_;
        sink.done();
      } else {
        ++disconnects_;
      }
      --active_;
      return ok;
    });
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mu_;
  FakeKnobs knobs_;
  std::string last_body_;
  std::atomic<int> requests_{0}, completed_{0}, disconnects_{0}, active_{0};
};

}  // namespace mr::test
