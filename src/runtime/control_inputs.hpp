// Control values from outside (Tidal's controller input): OSC `/ctrl name value` on UDP (Tidal's
// port 6010, on 127.0.0.1) gives `ctrl("name")`. The receiving thread (its own) only pushes (name, value) into
// a lock-free single-producer/single-consumer queue; the consumer (the runtime thread, the only
// one that queries patterns) drains it into its table of latest values when a pattern asks, so a
// value is sampled at query time and no lock is shared. Offline paths (render, replay) have no
// inputs: `ctrl` gives its default there, deterministically.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "base/spsc_queue.hpp"

namespace mr::runtime {

constexpr int kCtrlOscPort = 6010;  // Tidal's controller input port

class ControlInputs {
 public:
  ControlInputs();
  ~ControlInputs();
  ControlInputs(const ControlInputs&) = delete;
  ControlInputs& operator=(const ControlInputs&) = delete;

  // Listens for `/ctrl name value` (name a string or an integer, value a number; Tidal's
  // `ctrl` messages) on UDP 127.0.0.1:`port` (0: a free port, see osc_port()), on a thread of
  // its own; false with `error` naming the port and why when it cannot.
  bool listen_osc(int port, std::string& error);
  int osc_port() const { return port_; }

  // The producer side (one thread: the OSC receiver). False when the queue is full (dropped,
  // counted) or the name is longer than kMaxName.
  bool push(std::string_view name, double value);
  // The consumer side (one thread): the latest value of `name`, the queue drained first.
  std::optional<double> value(const std::string& name);
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  uint64_t received() const { return received_.load(std::memory_order_relaxed); }

  static constexpr size_t kMaxName = 47;

 private:
  struct Item {
    char name[kMaxName + 1];
    double value;
  };
  void drain();
  void run();
  SpscQueue<Item> queue_;
  std::map<std::string, double> latest_;  // the consumer's
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::atomic<uint64_t> dropped_{0}, received_{0};  // the producer's
};

}  // namespace mr::runtime
