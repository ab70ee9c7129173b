// The live session (session.hpp). This first version runs evaluations on the runtime thread in
// the sandboxed Lua host and writes the performance log; the scheduler, the engine and the
// device join it as they land (status() reports the null device until then).
#include "runtime/session.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "runtime/bindings.hpp"
#include "runtime/lua_host.hpp"

namespace mr::runtime {

namespace {

std::string state_dir() {
  if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x) return std::string(x) + "/moonrave";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.local/state/moonrave";
  return "moonrave-state";
}

std::string timestamp_name() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

}  // namespace

struct Session::Impl {
  Config config;
  mutable std::mutex mutex;
  std::condition_variable wake;
  std::deque<std::pair<uint64_t, EvalRequest>> requests;
  std::deque<EvalResult> results;
  bool stop = false;
  std::atomic<uint64_t> next_id{1};
  std::string log_path;
  std::ofstream log;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::atomic<double> cps{0.5};
  std::vector<std::string> slots;  // guarded by mutex
  std::thread thread;

  // The cycle now, as an exact fraction of milliseconds (the scheduler's frame clock replaces it).
  std::string cycle_fraction() const {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    // cycle = ms * cps / 1000, with cps kept to 1/1000 resolution: (ms * cps_milli) / 10^6
    auto cps_milli = static_cast<long long>(cps.load() * 1000.0 + 0.5);
    long long num = static_cast<long long>(ms) * cps_milli, den = 1000000;
    long long a = num, b = den;
    while (b) {
      long long t = a % b;
      a = b;
      b = t;
    }
    if (a == 0) return "0";
    num /= a;
    den /= a;
    return den == 1 ? std::to_string(num) : std::to_string(num) + "/" + std::to_string(den);
  }

  void run() {
    LuaHostOptions options;
    options.memory_limit_bytes = static_cast<size_t>(config.runtime.lua_memory_mb) << 20;
    options.eval_budget_ms = config.runtime.eval_budget_ms;
    options.trusted = config.runtime.trust;
    options.require_paths = config.runtime.library_paths;
    options.require_paths.push_back("patterns");
    LuaHost host(options);
    bind_patterns(host);
    for (const char* path : {"patterns/prelude.lua"}) {
      std::ifstream in(path, std::ios::binary);
      if (!in) continue;
      std::stringstream ss;
      ss << in.rdbuf();
      LuaError e = host.run(ss.str(), "prelude", 1);
      if (!e.ok) {
        std::lock_guard<std::mutex> lock(mutex);
        results.push_back(EvalResult{0, false, "prelude: " + e.message, e.line, e.column});
      }
      break;
    }
    for (;;) {
      std::pair<uint64_t, EvalRequest> job;
      {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [&] { return stop || !requests.empty(); });
        if (stop) return;
        job = std::move(requests.front());
        requests.pop_front();
      }
      const EvalRequest& r = job.second;
      if (log.is_open()) {
        log << "--@ cycle=" << cycle_fraction() << " buffer=" << (r.buffer.empty() ? "scratch" : r.buffer) << "\n"
            << r.code;
        if (r.code.empty() || r.code.back() != '\n') log << "\n";
        log.flush();
      }
      LuaError e = host.run(r.code, r.buffer.empty() ? "scratch" : r.buffer, r.first_line);
      EvalResult res;
      res.id = job.first;
      res.ok = e.ok;
      res.message = e.message;
      res.line = e.line;
      res.column = e.column;
      std::vector<std::string> names = slot_names(host);
      std::lock_guard<std::mutex> lock(mutex);
      slots = std::move(names);
      results.push_back(std::move(res));
    }
  }
};

Session::Session(const Config& config) : impl_(std::make_unique<Impl>()) {
  impl_->config = config;
  impl_->cps = config.runtime.cps;
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::path(state_dir()) / "logs";
  std::filesystem::create_directories(dir, ec);
  if (!ec) {
    impl_->log_path = (dir / (timestamp_name() + ".log")).string();
    impl_->log.open(impl_->log_path, std::ios::app);
  }
  impl_->thread = std::thread([this] { impl_->run(); });
}

Session::~Session() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stop = true;
  }
  impl_->wake.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

uint64_t Session::evaluate(EvalRequest request) {
  uint64_t id = impl_->next_id++;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->requests.emplace_back(id, std::move(request));
  }
  impl_->wake.notify_one();
  return id;
}

bool Session::poll_result(EvalResult& out) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->results.empty()) return false;
  out = std::move(impl_->results.front());
  impl_->results.pop_front();
  return true;
}

void Session::hush() {
  EvalRequest r;
  r.buffer = "scratch";
  r.code = "hush()";
  evaluate(std::move(r));
}

Status Session::status() const {
  Status s;
  s.cps = impl_->cps.load();
  s.bpm = s.cps * 240.0;
  double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - impl_->start).count();
  s.cycle = sec * s.cps;
  s.device = "null";
  std::lock_guard<std::mutex> lock(impl_->mutex);
  s.slots = impl_->slots;
  return s;
}

void Session::active_spans(double, std::vector<ActiveSpan>& out) const { out.clear(); }
void Session::uniforms(double, std::vector<UniformValue>& out) const { out.clear(); }
bool Session::read_analysis(audio::Analysis&) { return false; }
bool Session::start_recording(const std::string&) { return false; }
void Session::stop_recording() {}
std::string Session::log_path() const { return impl_->log_path; }

bool write_file_atomic(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out << text;
    out.flush();
    if (!out) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

}  // namespace mr::runtime
