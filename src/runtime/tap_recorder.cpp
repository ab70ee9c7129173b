// Recording the engine's output tap (tap_recorder.hpp).
#include "runtime/tap_recorder.hpp"

#include <chrono>
#include <vector>

#include "audio/wav_stream.hpp"

namespace mr::runtime {

namespace {
constexpr int kRingSec = 10;        // the output tap's ring: the writer may stall this long
constexpr int kChunkFrames = 4096;
constexpr int kPollMs = 20;         // the writer drains the ring this often
}  // namespace

bool TapRecorder::start(audio::Engine& engine, const std::string& wav_path, Report report, std::string& error) {
  if (engine_) {
    error = "a recording is running";
    return false;
  }
  const int channels = engine.config().channels;
  auto wav = std::make_shared<audio::WavStream>();
  if (!wav->open(wav_path, engine.config().rate_hz, channels, error)) return false;
  engine.arm_tap(engine.config().rate_hz * kRingSec);
  engine_ = &engine;
  stop_ = false;
  writer_ = std::thread([this, wav, channels, report = std::move(report)] {
    std::vector<float> buf(static_cast<size_t>(kChunkFrames * channels));
    int64_t dropped_reported = 0;
    bool write_failed = false;
    auto drain = [&] {
      for (int n; (n = engine_->read_tap(buf.data(), kChunkFrames)) > 0;)
        if (!write_failed && !wav->write(buf.data(), n)) {
          write_failed = true;
          if (report) report("recording: writing the WAV file failed (disk full?)");
        }
      const int64_t dropped = engine_->tap_dropped_frames();
      if (dropped > dropped_reported) {
        if (report)
          report("recording: " + std::to_string(dropped) + " frames dropped (the file writer fell behind); the WAV has gaps");
        dropped_reported = dropped;
      }
    };
    while (!stop_.load(std::memory_order_acquire)) {
      drain();
      std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
    }
    drain();  // the tap is disarmed by now: what is left in the ring
    wav->close();
  });
  return true;
}

void TapRecorder::stop() {
  if (!engine_) return;
  engine_->disarm_tap();
  stop_.store(true, std::memory_order_release);
  if (writer_.joinable()) writer_.join();
  engine_ = nullptr;
}

}  // namespace mr::runtime
