// A bounded, wait-free single-producer/single-consumer queue of trivially copyable items.
// The one data path into the audio thread: the producer (runtime) pushes, the consumer
// (audio callback) pops; neither allocates, locks or waits after construction.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>

namespace mr {

template <typename T>
class SpscQueue {
  static_assert(std::is_trivially_copyable_v<T>, "the audio boundary carries plain data only");

 public:
  // capacity is rounded up to a power of two; memory is allocated here, never later.
  explicit SpscQueue(size_t capacity) {
    size_t n = 2;
    while (n < capacity + 1) n <<= 1;
    mask_ = n - 1;
    slots_ = std::make_unique<T[]>(n);
  }
  SpscQueue(const SpscQueue&) = delete;
  SpscQueue& operator=(const SpscQueue&) = delete;

  // Producer side. False when full (the caller counts it; nothing blocks).
  bool push(const T& item) {
    const size_t head = head_.load(std::memory_order_relaxed);
    const size_t next = (head + 1) & mask_;
    if (next == tail_cache_) {
      tail_cache_ = tail_.load(std::memory_order_acquire);
      if (next == tail_cache_) return false;
    }
    slots_[head] = item;
    head_.store(next, std::memory_order_release);
    return true;
  }

  // Consumer side. False when empty.
  bool pop(T& out) {
    const size_t tail = tail_.load(std::memory_order_relaxed);
    if (tail == head_cache_) {
      head_cache_ = head_.load(std::memory_order_acquire);
      if (tail == head_cache_) return false;
    }
    out = slots_[tail];
    tail_.store((tail + 1) & mask_, std::memory_order_release);
    return true;
  }

  // Consumer side: the oldest item without removing it, or nullptr.
  const T* peek() {
    const size_t tail = tail_.load(std::memory_order_relaxed);
    if (tail == head_cache_) {
      head_cache_ = head_.load(std::memory_order_acquire);
      if (tail == head_cache_) return nullptr;
    }
    return &slots_[tail];
  }

  // Either side: an estimate, exact when the other side is idle.
  size_t size_approx() const {
    const size_t h = head_.load(std::memory_order_acquire);
    const size_t t = tail_.load(std::memory_order_acquire);
    return (h - t) & mask_;
  }
  size_t capacity() const { return mask_; }

 private:
  static constexpr size_t kLine = 64;  // keep producer and consumer indices on separate lines
  std::unique_ptr<T[]> slots_;
  size_t mask_ = 0;
  alignas(kLine) std::atomic<size_t> head_{0};  // written by the producer
  size_t tail_cache_ = 0;                        // producer's view of tail_
  alignas(kLine) std::atomic<size_t> tail_{0};  // written by the consumer
  size_t head_cache_ = 0;                        // consumer's view of head_
};

}  // namespace mr
