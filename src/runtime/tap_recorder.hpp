// A recording of the engine's real output: arms the engine's output tap and drains it into a
// float WAV file on a writer thread of its own (the audio thread only copies its blocks into the
// tap's ring). Used by the live session's start_recording and by `moonrave serve --record`.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "audio/engine.hpp"

namespace mr::runtime {

class TapRecorder {
 public:
  // `report` gets a line when writing fails or frames were dropped (called on the writer thread).
  using Report = std::function<void(const std::string&)>;
  TapRecorder() = default;
  ~TapRecorder() { stop(); }
  TapRecorder(const TapRecorder&) = delete;
  TapRecorder& operator=(const TapRecorder&) = delete;

  // False with `error` when the file cannot be opened or a recording is running.
  bool start(audio::Engine& engine, const std::string& wav_path, Report report, std::string& error);
  // Disarms the tap, writes what is left and closes the file; returns once it is complete.
  void stop();
  bool running() const { return engine_ != nullptr; }

 private:
  audio::Engine* engine_ = nullptr;
  std::atomic<bool> stop_{false};
  std::thread writer_;
};

}  // namespace mr::runtime
