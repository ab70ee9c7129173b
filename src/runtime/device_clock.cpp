// The DLL clock model (device_clock.hpp).
#include "runtime/device_clock.hpp"

#include <algorithm>
#include <cmath>

namespace mr::runtime {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kResetSec = 0.05;    // an error larger than this is a discontinuity, not jitter
constexpr double kAcquireSec = 0.25;  // the phase is taken from the earliest observation this long
}  // namespace

DeviceClock::DeviceClock(double rate_hz, double bandwidth_hz)
    : nominal_(1.0 / rate_hz), bandwidth_(bandwidth_hz), period_(1.0 / rate_hz) {}

void DeviceClock::restart() {
  if (state_ == State::Empty) return;
  state_ = State::Waiting;
  period_ = nominal_;
  ++restarts_;
}

void DeviceClock::observe(int64_t frame, double sec) {
  switch (state_) {
    case State::Empty:
      // Until the frame first changes, the model is the nominal rate from here.
      state_ = State::Waiting;
      t_ref_ = sec;
      f_ref_ = frame;
      return;
    case State::Waiting:
      if (frame == f_ref_) return;
      state_ = State::Acquiring;
      f0_ = frame;
      t0_ = sec;
      acquire_end_ = sec + kAcquireSec;
      f_ref_ = frame;
      t_ref_ = sec;
      return;
    case State::Acquiring: {
      if (frame < f_ref_) break;  // handled below
      if (frame == f_ref_) return;
      // The earliest the frames seen so far can have been rendered, at the nominal rate.
      t0_ = std::min(t0_, sec - static_cast<double>(frame - f0_) * nominal_);
      f_ref_ = frame;
      t_ref_ = t0_ + static_cast<double>(frame - f0_) * nominal_;
      if (sec >= acquire_end_) state_ = State::Locked;
      return;
    }
    case State::Locked:
      break;
  }
  if (frame <= f_ref_) {
    if (frame < f_ref_) {  // the engine's clock went back: start over
      state_ = State::Empty;
      ++restarts_;
      observe(frame, sec);
    }
    return;
  }
  const double n = static_cast<double>(frame - f_ref_);
  const double predicted = t_ref_ + n * period_;
  const double e = sec - predicted;
  if (std::fabs(e) > kResetSec) {
    state_ = State::Empty;
    period_ = nominal_;
    ++restarts_;
    observe(frame, sec);
    return;
  }
  // Loop coefficients for this update's interval (n frames): critically damped second order.
  const double omega = 2.0 * kPi * bandwidth_ * n * period_;
  const double b = std::sqrt(2.0) * omega;
  const double c = omega * omega;
  t_ref_ = predicted + b * e;
  f_ref_ = frame;
  period_ += c * e / n;
  // The device runs within 1% of its nominal rate, or the observations are nonsense.
  if (period_ < nominal_ * 0.99 || period_ > nominal_ * 1.01) period_ = nominal_;
}

double DeviceClock::frame_at(double sec) const {
  return static_cast<double>(f_ref_) + (sec - t_ref_) / period_;
}

}  // namespace mr::runtime
