#include "runtime/midi_clock_in.hpp"

#include <algorithm>
#include <cmath>

namespace mr::runtime {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr int kPulsesPerBeat = 24;
}  // namespace

MidiClockFollower::MidiClockFollower(double beats_per_cycle, double bandwidth_hz)
    : beats_per_cycle_(beats_per_cycle > 0 ? beats_per_cycle : 4.0), bandwidth_(bandwidth_hz) {}

void MidiClockFollower::pulse(double sec) {
  // The loop: a gap of more than a quarter second (under 10 bpm), or time going back, starts it over.
  if (pulses_seen_ > 0 && (sec < last_sec_ || sec - last_sec_ > 0.25)) {
    pulses_seen_ = 0;
    ++restarts_;
  }
  const bool advance = playing_ && !pending_play_;
  if (pulses_seen_ == 0) {
    t0_ = t1_ = sec;
  } else if (pulses_seen_ == 1) {
    e2_ = sec - last_sec_;  // the first period, the loop's starting estimate
    t0_ = sec;
    t1_ = sec + e2_;
  } else {
    // Second order: b and c from the bandwidth at the update period (critically damped). The
    // first period is two raw pulses' difference (off by their jitter), so the loop starts wide
    // and narrows to its bandwidth over the first bars.
    const double bw = pulses_seen_ < 4 * kPulsesPerBeat    ? std::max(bandwidth_, 4.0)
                      : pulses_seen_ < 16 * kPulsesPerBeat ? std::max(bandwidth_, 1.0)
                                                           : bandwidth_;
    const double w = 2.0 * kPi * bw * e2_;
    const double b = std::sqrt(2.0) * w, c = w * w;
    const double e = sec - t1_;
    t0_ = t1_;
    t1_ += b * e + e2_;
    e2_ += c * e;
  }
  ++pulses_seen_;
  last_sec_ = sec;
  if (pending_play_) {
    pending_play_ = false;
    playing_ = true;
    pos0_ = static_cast<double>(held_);
  } else if (advance) {
    pos0_ += 1.0;
  }
}

void MidiClockFollower::start(double) {
  held_ = 0;
  pending_play_ = true;
}

void MidiClockFollower::stop(double sec) {
  if (playing_) {
    // The position reached: the pulses that have come (a pulse is not counted before it comes).
    (void)sec;
    held_ = static_cast<int64_t>(std::llround(pos0_)) + 1;
  }
  playing_ = false;
  pending_play_ = false;
}

void MidiClockFollower::resume(double) { pending_play_ = true; }

void MidiClockFollower::song_position(int sixteenths) {
  if (playing_ || sixteenths < 0) return;
  held_ = static_cast<int64_t>(sixteenths) * (kPulsesPerBeat / 4);
}

void MidiClockFollower::message(const uint8_t* bytes, int size, double sec) {
  if (size < 1) return;
  switch (bytes[0]) {
    case 0xF8: pulse(sec); break;
    case 0xFA: start(sec); break;
    case 0xFB: resume(sec); break;
    case 0xFC: stop(sec); break;
    case 0xF2:
      if (size >= 3) song_position((bytes[1] & 0x7F) | ((bytes[2] & 0x7F) << 7));
      break;
    default: break;
  }
}

bool MidiClockFollower::locked() const { return pulses_seen_ >= kPulsesPerBeat; }

double MidiClockFollower::bpm() const {
  if (pulses_seen_ < 2 || e2_ <= 0) return 0.0;
  return 60.0 / (e2_ * kPulsesPerBeat);
}

bool MidiClockFollower::fresh(double sec) const {
  return playing_ && locked() && t1_ > t0_ && sec - t0_ <= 2.0 * (t1_ - t0_);
}

double MidiClockFollower::beat_at(double sec) const {
  if (!playing_) return static_cast<double>(held_) / kPulsesPerBeat;
  double frac = 0.0;
  if (pulses_seen_ >= 2 && t1_ > t0_) {
    // Between pulses by the loop's period; ahead of the last pulse by at most one pulse more
    // (the next one is due), so a missing clock does not run the position away.
    frac = (sec - t0_) / (t1_ - t0_);
    if (frac < -1) frac = -1;
    if (frac > 2) frac = 2;
  }
  return (pos0_ + frac) / kPulsesPerBeat;
}

}  // namespace mr::runtime
