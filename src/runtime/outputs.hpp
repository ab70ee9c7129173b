// Outputs beside the engine, on the runtime thread: OSC (liblo), in SuperDirt's format so a Tidal
// user's SuperCollider plays moonrave's patterns, and MIDI (rtmidi) notes, control changes and
// clock. Both are timestamped with the same latency compensation as the engine: OSC messages go
// in bundles whose time tag is the event's due time; MIDI (which has no time tags) is sent by a
// thread of its own at each message's due time. A missing port or host is one warning, never a
// failure.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pattern/rational.hpp"
#include "runtime/config.hpp"
#include "runtime/scheduler.hpp"

namespace mr::runtime {

class Outputs {
 public:
  // Opens what `config` names; `warnings` gets one line per output that did not open.
  Outputs(const OutputsConfig& config, std::vector<std::string>& warnings);
  ~Outputs();
  Outputs(const Outputs&) = delete;
  Outputs& operator=(const Outputs&) = delete;

  bool osc_open() const;
  bool midi_open() const;
  // Sends the haps of one tick. `delay_sec(frame)` is how long from now the frame is heard.
  template <typename DelayFn>
  void send(const std::vector<ScheduledHap>& haps, DelayFn delay_sec) {
    for (const ScheduledHap& h : haps) {
      if (h.is_uniform) continue;
      if (h.is_midi) send_midi(h, delay_sec(h.frame), delay_sec(h.end_frame));
      else if (h.has_event || h.controls.is_map()) send_osc(h, delay_sec(h.frame));
    }
  }
  // MIDI clock pulses for the cycles [c0, c1) (24 a beat, 4 beats a cycle).
  template <typename DelayFn>
  void clock(const pattern::Rational& c0, const pattern::Rational& c1, const TempoMap& tempo, DelayFn delay_sec) {
    if (!clock_on_) return;
    const pattern::Rational step(1, 96);
    pattern::Rational c = (c0 / step).ceil() * step;
    for (; c < c1; c += step) send_clock(delay_sec(tempo.frame_at(c)));
  }

  // One OSC message for a hap (exposed for tests): address and the argument list as text.
  static std::string describe_superdirt(const ScheduledHap& h);

 private:
  void send_osc(const ScheduledHap& h, double delay_sec);
  void send_midi(const ScheduledHap& h, double on_sec, double off_sec);
  void send_clock(double delay_sec);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool clock_on_ = false;
};

}  // namespace mr::runtime
