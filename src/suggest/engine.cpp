// The suggestion engine's thread: trains, answers with the embedded model at once, then asks
// the remote providers (one request in flight each, superseded ones aborted).
#include "suggest/engine.hpp"

#include <chrono>

#include "suggest/remote.hpp"

namespace mr::suggest {

Engine::Engine() : thread_([this] { run(); }) {}

Engine::~Engine() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  latest_id_.store(~uint64_t{0});  // aborts a remote request in flight
  cv_.notify_all();
  thread_.join();
}

void Engine::set_vocabulary(Vocabulary v) {
  std::lock_guard<std::mutex> lock(mu_);
  vocabulary_ = std::make_unique<Vocabulary>(std::move(v));
  cv_.notify_all();
}

void Engine::train(std::string code, float weight) {
  std::lock_guard<std::mutex> lock(mu_);
  training_.emplace_back(std::move(code), weight);
  cv_.notify_all();
}

void Engine::add_remote(std::unique_ptr<RemoteProvider> provider) {
  std::lock_guard<std::mutex> lock(mu_);
  status_.push_back({provider->name(), "ok", 0});
  remotes_.push_back(std::move(provider));
}

void Engine::request(Request r) {
  std::lock_guard<std::mutex> lock(mu_);
  latest_id_.store(r.id, std::memory_order_release);
  pending_ = std::make_unique<Request>(std::move(r));
  cv_.notify_all();
}

bool Engine::poll(Answer& out) {
  std::lock_guard<std::mutex> lock(mu_);
  const uint64_t latest = latest_id_.load(std::memory_order_acquire);
  bool got = false;
  for (auto& a : answers_) {
    if (a.id == latest) {  // answers to superseded requests are dropped here
      out = std::move(a);
      got = true;
    }
  }
  answers_.clear();
  return got;
}

std::vector<ProviderStatus> Engine::status() const {
  std::lock_guard<std::mutex> lock(mu_);
  return status_;
}

void Engine::run() {
  using Clock = std::chrono::steady_clock;
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return stop_ || vocabulary_ || !training_.empty() || pending_; });
    if (stop_) return;
    if (vocabulary_) {
      auto v = std::move(vocabulary_);
      lock.unlock();
      predictor_.set_vocabulary(*v);
      lock.lock();
      continue;
    }
    if (pending_) {  // requests first: training can wait a keystroke
      auto req = std::move(pending_);
      lock.unlock();
      const auto t0 = Clock::now();
      const std::string_view text(req->text);
      const size_t cursor = std::min(req->cursor, req->text.size());
      Answer a;
      a.id = req->id;
      a.provider = "embedded";
      a.completions = predictor_.complete(text.substr(0, cursor), text.substr(cursor), 3);
      a.latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      lock.lock();
      answers_.push_back(a);
      const auto remotes = remotes_.size();
      lock.unlock();
      for (size_t i = 0; i < remotes; ++i) {
        RemoteProvider* rp = nullptr;
        {
          std::lock_guard<std::mutex> g(mu_);
          rp = remotes_[i].get();  // the provider object itself never moves
        }
        const std::string prefix(text.substr(0, cursor)), suffix(text.substr(cursor));
        RemoteResult rr = rp->complete(prefix, suffix, req->context, latest_id_, req->id);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        std::lock_guard<std::mutex> g(mu_);
        ProviderStatus& st = status_[i];
        st.last_latency_ms = rr.latency_ms;
        st.state = rr.outcome == RemoteResult::Outcome::Error ? "error: " + rr.error : outcome_name(rr.outcome);
        const bool usable = rr.outcome == RemoteResult::Outcome::Ok || rr.outcome == RemoteResult::Outcome::Partial;
        if (usable && !rr.text.empty() && predictor_.valid(prefix, rr.text)) {
          // The remote answer leads; the embedded ones stay below it.
          Answer ra = a;
          ra.provider = rp->name();
          ra.latency_ms = ms;
          ra.completions.insert(ra.completions.begin(), Completion{Completion::Kind::Line, rr.text, 1.0});
          if (ra.completions.size() > 3) ra.completions.resize(3);
          answers_.push_back(std::move(ra));
        }
      }
      lock.lock();
      continue;
    }
    if (!training_.empty()) {
      auto [code, w] = std::move(training_.front());
      training_.pop_front();
      lock.unlock();
      predictor_.train(code, w);
      lock.lock();
    }
  }
}

}  // namespace mr::suggest
