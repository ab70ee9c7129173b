// The clock model between the system clock (what OSC time tags are in) and the engine's frame
// clock, as JACK's and scsynth's: a second-order delay-locked loop (F. Adriaensen, "Using a DLL
// to filter time", 2005) fed with observations "frame F had been rendered at system time t". It
// estimates the device's real period against the system clock, so the frame of a time tag is
// smooth (no jump by a buffer when the device wakes late) and follows the device's drift.
//
// The observations come from polling the engine's frame counter, so they are late, never early:
// the loop's phase starts from the earliest of the first quarter second of them (at the nominal
// rate), not from the first one, which may be late by a whole scheduling delay. Std only; the
// owner calls it from one thread.
#pragma once

#include <cstdint>

namespace mr::runtime {

class DeviceClock {
 public:
  // `rate_hz`: the device's nominal rate. `bandwidth_hz`: the loop's bandwidth (narrow: the phase
  // must not follow the jitter of the observations; the rate starts at the nominal one).
  explicit DeviceClock(double rate_hz, double bandwidth_hz = 0.1);

  // The engine had rendered `frame` frames when the system clock read `sec`. Observations with
  // the same frame as the last one are ignored (the owner polls); a jump of more than 50 ms
  // against the model (a clock step, a stalled device) starts the model over.
  void observe(int64_t frame, double sec);
  // Starts over from the next frame change (the device lost frames: an xrun).
  void restart();

  bool locked() const { return state_ != State::Empty; }
  // The engine frame (fractional) rendered at system time `sec`, per the model.
  double frame_at(double sec) const;
  // The device's measured rate against the system clock (frames per system second).
  double rate() const { return 1.0 / period_; }
  int64_t restarts() const { return restarts_; }

 private:
  enum class State { Empty, Waiting, Acquiring, Locked };
  double nominal_;
  double bandwidth_;
  double period_;     // system seconds per frame
  State state_ = State::Empty;
  int64_t f0_ = 0;         // Acquiring: the first changed frame, and the earliest
  double t0_ = 0;          //   time it can have been rendered at (the minimum over observations)
  double acquire_end_ = 0;
  double t_ref_ = 0;       // Locked: filtered system time at which f_ref_ frames had been rendered
  int64_t f_ref_ = 0;
  int64_t restarts_ = 0;
};

}  // namespace mr::runtime
