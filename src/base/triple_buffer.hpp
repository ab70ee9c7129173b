// A lock-free triple buffer: one writer publishes whole snapshots, one reader always gets the
// newest complete one, and neither ever waits for the other. Used for analysis (FFT, scope,
// levels) from the audio thread to the UI, and for status from the runtime to the UI.
#pragma once

#include <atomic>
#include <cstdint>

namespace mr {

template <typename T>
class TripleBuffer {
 public:
  TripleBuffer() = default;
  TripleBuffer(const TripleBuffer&) = delete;
  TripleBuffer& operator=(const TripleBuffer&) = delete;

  // Writer: fill write_buffer(), then publish().
  T& write_buffer() { return buffers_[write_]; }
  void publish() {
    const uint8_t prev = middle_.exchange(static_cast<uint8_t>(write_ | kFresh), std::memory_order_acq_rel);
    write_ = prev & kIndex;
  }

  // Reader: true when a newer snapshot than the last one read was taken; read_buffer() is it.
  bool update() {
    if ((middle_.load(std::memory_order_relaxed) & kFresh) == 0) return false;
    const uint8_t prev = middle_.exchange(read_, std::memory_order_acq_rel);
    read_ = prev & kIndex;
    return true;
  }
  const T& read_buffer() const { return buffers_[read_]; }

 private:
  static constexpr uint8_t kIndex = 3;
  static constexpr uint8_t kFresh = 4;
  T buffers_[3]{};
  uint8_t write_ = 0;
  uint8_t read_ = 1;
  std::atomic<uint8_t> middle_{2};
};

}  // namespace mr
