// Output backends that drive Engine::process(): RtAudio (ALSA, PulseAudio, JACK) and a null
// device that keeps the clock running in real time on its own thread. A dead or busy device
// reports and falls back to null; it never crashes the program. A device lost while running is
// replaced by null output at once and retried every 3 s (see Device::poll_message).
#pragma once

#include <memory>
#include <string>

#include "audio/engine.hpp"

namespace mr::audio {

struct DeviceConfig {
  std::string api = "auto";        // auto | alsa | pulse | jack | null
  std::string device = "default";  // "default", a name substring or an index
  int buffer_frames = 256;
};

class Device {
 public:
  virtual ~Device() = default;
  virtual std::string description() const = 0;  // e.g. "ALSA: hw:0 (256 frames)" or "null"
  // Any thread: a change the performer should see ("output lost, null meanwhile", "back").
  virtual bool poll_message(std::string& out) { (void)out; return false; }
};

// Opens the configured device for `engine` and starts it; on failure returns a running null
// device and sets `warning` to why.
std::unique_ptr<Device> open_device(Engine& engine, const DeviceConfig& config, std::string& warning);
// A null device: calls process() in real time on its own thread.
std::unique_ptr<Device> open_null_device(Engine& engine);

}  // namespace mr::audio
