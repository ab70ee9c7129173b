// RtAudio and null output backends.
#include "audio/device.hpp"

#include <RtAudio.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace mr::audio {
namespace {

class NullDevice final : public Device {
 public:
  explicit NullDevice(Engine& engine) : engine_(engine), thread_([this] { run(); }) {}
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
    auto next = std::chrono::steady_clock::now();
    while (!stop_) {
      engine_.process(buffer.data(), block);
      next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(period);
      std::this_thread::sleep_until(next);
    }
  }
  Engine& engine_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

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
                        &RtDevice::callback, this, &options);
      audio_.startStream();
      description_ = RtAudio::getApiDisplayName(audio_.getCurrentApi()) + ": " +
                     audio_.getDeviceInfo(params.deviceId).name + " (" + std::to_string(frames) + " frames)";
      return true;
    } catch (const RtAudioError& e) {
      error = e.getMessage();
      return false;
    }
  }
  std::string description() const override { return description_; }

 private:
  static int callback(void* out, void*, unsigned frames, double, RtAudioStreamStatus status, void* self) {
    auto* dev = static_cast<RtDevice*>(self);
    if (status & RTAUDIO_OUTPUT_UNDERFLOW) dev->engine_.note_xrun();
    dev->engine_.process(static_cast<float*>(out), static_cast<int>(frames));
    return 0;
  }
  Engine& engine_;
  RtAudio audio_;
  std::string description_;
};

RtAudio::Api api_by_name(const std::string& name) {
  if (name == "alsa") return RtAudio::LINUX_ALSA;
  if (name == "pulse") return RtAudio::LINUX_PULSE;
  if (name == "jack") return RtAudio::UNIX_JACK;
  return RtAudio::UNSPECIFIED;
}

}  // namespace

std::unique_ptr<Device> open_null_device(Engine& engine) { return std::make_unique<NullDevice>(engine); }

std::unique_ptr<Device> open_device(Engine& engine, const DeviceConfig& config, std::string& warning) {
  if (config.api == "null") return open_null_device(engine);
  std::string error;
  try {
    auto dev = std::make_unique<RtDevice>(engine, api_by_name(config.api));
    if (dev->open(config, error)) return dev;
  } catch (const std::exception& e) {
    error = e.what();
  }
  warning = "audio output unavailable (" + error + "); using the null device";
  return open_null_device(engine);
}

}  // namespace mr::audio
