// A session without an audio device, for tests and benchmarks: the caller plays the audio thread
// by calling render(), so the live runtime (thread, ticks, stepwise evaluation) runs against an
// engine clock the caller controls, and the audio it makes can be compared frame by frame.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "audio/engine.hpp"

namespace mr::runtime {

class SessionClock {
 public:
  // Called by the Session with its engine (before its runtime thread starts).
  void attach(audio::Engine& engine) { engine_.store(&engine); }
  bool attached() const { return engine_.load() != nullptr; }
  // The audio thread's job: renders `frames` frames of interleaved stereo into `out` (appended).
  void render(int frames, std::vector<float>& out) {
    audio::Engine* e = engine_.load();
    const size_t at = out.size();
    const int ch = e->config().channels;
    out.resize(at + static_cast<size_t>(frames) * static_cast<size_t>(ch));
    e->process(out.data() + at, frames);
  }
  int64_t frame() const { return engine_.load()->frame(); }
  // The frame up to which the session has scheduled events (set by its runtime thread each tick):
  // rendering up to it can never make an event late.
  int64_t horizon() const { return horizon_.load(std::memory_order_acquire); }
  void set_horizon(int64_t frame) { horizon_.store(frame, std::memory_order_release); }

 private:
  std::atomic<audio::Engine*> engine_{nullptr};
  std::atomic<int64_t> horizon_{0};
};

}  // namespace mr::runtime
