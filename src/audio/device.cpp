// RtAudio and null output backends.
#include "audio/device.hpp"

#include <RtAudio.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace mr::audio {
namespace {

RtAudio::Api api_by_name(const std::string& name) {
  if (name == "alsa") return RtAudio::LINUX_ALSA;
  if (name == "pulse") return RtAudio::LINUX_PULSE;
  if (name == "jack") return RtAudio::UNIX_JACK;
  return RtAudio::UNSPECIFIED;
}

class NullDevice final : public Device {
 public:
  // `catch_up_frames`: rendered at once before the real-time pace starts (the frames a lost
  // device left unrendered, so the clock resumes where wall time says it is).
  NullDevice(Engine& engine, int64_t catch_up_frames)
      : engine_(engine), catch_up_(catch_up_frames), thread_([this] { run(); }) {}
  ~NullDevice() override {
    stop_ = true;
    thread_.join();
  }
  std::string description() const override { return "null"; }

 private:
  void run() {
    const int block = std::max(1, engine_.config().block_frames);
    std::vector<float> buffer(static_cast<size_t>(block) * static_cast<size_t>(std::max(1, engine_.config().channels)));
    const auto period = std::chrono::duration<double>(static_cast<double>(block) / engine_.config().rate_hz);
    for (int64_t left = catch_up_; left > 0 && !stop_; left -= block)
      engine_.process(buffer.data(), static_cast<int>(std::min<int64_t>(block, left)));
    auto next = std::chrono::steady_clock::now();
    while (!stop_) {
      engine_.process(buffer.data(), block);
      next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(period);
      const auto now = std::chrono::steady_clock::now();
      if (now > next + std::chrono::duration_cast<std::chrono::steady_clock::duration>(period)) {
        // more than a block behind: what a sound card would have played as a gap
        engine_.note_xrun();
        next = now;
      }
      std::this_thread::sleep_until(next);
    }
  }
  Engine& engine_;
  const int64_t catch_up_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// RtAudio's error callback carries no user pointer: stream errors (a device unplugged, a server
// gone) are counted here and noticed by the supervisor.
std::atomic<int> g_stream_errors{0};
void OnStreamError(RtAudioError::Type type, const std::string&) {
  if (type != RtAudioError::WARNING && type != RtAudioError::DEBUG_WARNING) g_stream_errors.fetch_add(1);
}

class RtDevice final : public Device {
 public:
  RtDevice(Engine& engine, RtAudio::Api api) : engine_(engine), audio_(api) {}
  ~RtDevice() override {
    try {
      if (audio_.isStreamRunning()) audio_.stopStream();
      if (audio_.isStreamOpen()) audio_.closeStream();
    } catch (...) {
    }
  }
  // Opens the stream; start() runs it (so a replacement can open while the old output still runs).
  bool open(const DeviceConfig& config, std::string& error) {
    try {
      audio_.showWarnings(false);
      if (audio_.getDeviceCount() == 0) {
        error = "no audio output devices";
        return false;
      }
      RtAudio::StreamParameters params;
      params.deviceId = audio_.getDefaultOutputDevice();
      if (config.device != "default") {
        bool found = false;
        for (unsigned i = 0; i < audio_.getDeviceCount() && !found; ++i) {
          const RtAudio::DeviceInfo info = audio_.getDeviceInfo(i);
          if (info.outputChannels > 0 && (info.name.find(config.device) != std::string::npos || std::to_string(i) == config.device)) {
            params.deviceId = i;
            found = true;
          }
        }
        if (!found) {
          error = "audio device '" + config.device + "' not found";
          return false;
        }
      }
      params.nChannels = static_cast<unsigned>(std::max(1, engine_.config().channels));
      unsigned frames = static_cast<unsigned>(std::max(16, config.buffer_frames));
      RtAudio::StreamOptions options;
      options.flags = RTAUDIO_SCHEDULE_REALTIME | RTAUDIO_MINIMIZE_LATENCY;
      options.streamName = "moonrave";
      audio_.openStream(&params, nullptr, RTAUDIO_FLOAT32, static_cast<unsigned>(engine_.config().rate_hz), &frames,
                        &RtDevice::callback, this, &options, &OnStreamError);
      description_ = RtAudio::getApiDisplayName(audio_.getCurrentApi()) + ": " +
                     audio_.getDeviceInfo(params.deviceId).name + " (" + std::to_string(frames) + " frames)";
      return true;
    } catch (const RtAudioError& e) {
      error = e.getMessage();
      return false;
    }
  }
  bool start(std::string& error) {
    try {
      errors_at_start_ = g_stream_errors.load();
      audio_.startStream();
      return true;
    } catch (const RtAudioError& e) {
      error = e.getMessage();
      return false;
    }
  }
  // False once the stream has stopped by itself or reported an error.
  bool healthy() {
    try {
      return g_stream_errors.load() == errors_at_start_ && audio_.isStreamRunning();
    } catch (...) {
      return false;
    }
  }
  std::string description() const override { return description_; }
  // From now on the callback, if it ever runs again, outputs silence and leaves the engine
  // alone; returns once a callback in progress has finished (or after 50 ms: a dead server's).
  // Before start(), when another device drives the engine until this one takes over.
  void hold(bool on) { retired_.store(on); }
  void retire() {
    retired_.store(true);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
    while (busy_.load() && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
  }

 private:
  static int callback(void* out, void*, unsigned frames, double, RtAudioStreamStatus status, void* self) {
    auto* dev = static_cast<RtDevice*>(self);
    dev->busy_.store(true);
    dev->called_.store(true);
    if (dev->retired_.load()) {
      std::fill_n(static_cast<float*>(out), static_cast<size_t>(frames) * static_cast<size_t>(dev->engine_.config().channels), 0.f);
    } else {
      if (status & RTAUDIO_OUTPUT_UNDERFLOW) dev->engine_.note_xrun();
      dev->engine_.process(static_cast<float*>(out), static_cast<int>(frames));
    }
    dev->busy_.store(false);
    return 0;
  }
  std::atomic<bool> retired_{false}, busy_{false}, called_{false};

 public:
  // Waits (up to `ms`) for the stream's first callback.
  void wait_first_callback(int ms) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!called_.load() && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(std::chrono::microseconds(500));
  }

 private:
  Engine& engine_;
  RtAudio audio_;
  std::string description_;
  int errors_at_start_ = 0;
};

// Keeps the output alive: when the real device fails while running, the null device takes over
// at once (the clock and visuals go on) and the real one is retried every few seconds. Only one
// of the two ever calls Engine::process at a time.
class SupervisedDevice final : public Device {
 public:
  SupervisedDevice(Engine& engine, const DeviceConfig& config, std::unique_ptr<RtDevice> rt)
      : engine_(engine), config_(config), rt_(std::move(rt)), thread_([this] { run(); }) {}
  ~SupervisedDevice() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  std::string description() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return rt_ ? rt_->description() : "null (" + lost_ + ")";
  }
  bool poll_message(std::string& out) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (messages_.empty()) return false;
    out = std::move(messages_.front());
    messages_.erase(messages_.begin());
    return true;
  }

 private:
  void run() {
    std::unique_lock<std::mutex> lock(mu_);
    auto next_retry = std::chrono::steady_clock::now();
    // Checked every few milliseconds (about one block): a stream error (the server gone), or a
    // callback that has not advanced the engine's clock for a while (a server that hangs), is a
    // lost device; the null device carries the clock on from where it stopped.
    const auto block = std::chrono::microseconds(static_cast<int64_t>(
        std::max(64, config_.buffer_frames) * 1e6 / std::max(8000, engine_.config().rate_hz)));
    // A server that stops calling for a quarter of a second is hung; shorter pauses are the
    // machine's (a busy VM stalls a JACK server for 10 to 20 ms now and then): giving up on
    // those would trade a glitch for seconds of silence. A server that dies says so at once
    // (the stream stops), and the null device catches the clock up however long noticing took.
    const auto stall = std::max<std::chrono::microseconds>(std::chrono::milliseconds(250), block * 6);
    int64_t last_frame = engine_.frame();
    auto last_progress = std::chrono::steady_clock::now();
    while (!stop_) {
      cv_.wait_for(lock, std::min<std::chrono::microseconds>(block, std::chrono::milliseconds(5)));
      if (stop_) break;
      const auto now = std::chrono::steady_clock::now();
      const int64_t frame = engine_.frame();
      if (frame != last_frame) last_frame = frame, last_progress = now;
      const bool stalled = rt_ && now - last_progress > stall;
      if (rt_ && (stalled || !rt_->healthy())) {
        // The frames the dead output did not ask for since its last block, less the block it
        // had already taken: the null device renders them at once, so the clock loses at most a
        // block to the loss however long noticing it took (a stall waits `stall` by design).
        const double missed_sec = std::chrono::duration<double>(now - last_progress).count();
        const int64_t catch_up = std::clamp<int64_t>(
            static_cast<int64_t>(missed_sec * engine_.config().rate_hz) - std::max(64, config_.buffer_frames), 0,
            engine_.config().rate_hz);
        last_progress = now;
        lost_ = rt_->description() + " lost; retrying";
        messages_.push_back("audio output " + lost_ + " (null output meanwhile)");
        // Retired at once (its callback no longer touches the engine), then closed on a thread of
        // its own: RtAudio's JACK backend closes the stream itself when the server shuts down,
        // and a stop from here would wait forever on it; a hung server would hang it too.
        rt_->retire();
        std::thread([dead = std::move(rt_)]() mutable { dead.reset(); }).detach();
        null_ = std::make_unique<NullDevice>(engine_, catch_up);
        // The first retry soon (a server that hung may be back), then every 3 s.
        next_retry = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
      } else if (!rt_ && std::chrono::steady_clock::now() >= next_retry) {
        next_retry = std::chrono::steady_clock::now() + std::chrono::seconds(3);
        lock.unlock();
        std::string error;
        std::unique_ptr<RtDevice> fresh;
        try {
          fresh = std::make_unique<RtDevice>(engine_, api_by_name(config_.api));
          if (!fresh->open(config_, error)) fresh.reset();
        } catch (...) {
          fresh.reset();
        }
        lock.lock();
        if (fresh && !stop_) {
          // The real stream starts silent while null still drives the clock; null's thread is
          // joined before the real callback may touch the engine: the gap is about one block.
          fresh->hold(true);
          const bool started = fresh->start(error);
          if (started) fresh->wait_first_callback(500);
          null_.reset();
          if (started) {
            fresh->hold(false);
            rt_ = std::move(fresh);
            last_progress = std::chrono::steady_clock::now();
            messages_.push_back("audio output back: " + rt_->description());
          } else {
            null_ = open_null_device(engine_);
          }
        }
      }
    }
    rt_.reset();
    null_.reset();
  }
  Engine& engine_;
  DeviceConfig config_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::unique_ptr<RtDevice> rt_;
  std::unique_ptr<Device> null_;
  std::string lost_;
  std::vector<std::string> messages_;
  std::thread thread_;
};

}  // namespace

std::unique_ptr<Device> open_null_device(Engine& engine) { return std::make_unique<NullDevice>(engine, 0); }

std::unique_ptr<Device> open_device(Engine& engine, const DeviceConfig& config, std::string& warning) {
  if (config.api == "null") return open_null_device(engine);
  std::string error;
  try {
    auto dev = std::make_unique<RtDevice>(engine, api_by_name(config.api));
    if (dev->open(config, error) && dev->start(error)) return std::make_unique<SupervisedDevice>(engine, config, std::move(dev));
  } catch (const std::exception& e) {
    error = e.what();
  }
  warning = "audio output unavailable (" + error + "); using the null device";
  return open_null_device(engine);
}

}  // namespace mr::audio
