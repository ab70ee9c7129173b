// The tempo map: cycles <-> engine frames, exactly. Each segment starts at an exact cycle and an
// exact (fractional) frame position and runs at a rational cps, so a tempo change takes effect at
// an exact position and every onset maps to one frame: an onset at cycle c sounds at frame
// ceil(frame(c)), and a tick over frames [f0, f1) plays exactly the onsets with
// cycle_at(f0) <= c < cycle_at(f1), so consecutive ticks neither lose nor double an event.
#pragma once

#include <cstdint>
#include <vector>

#include "pattern/rational.hpp"

namespace mr::runtime {

class TempoMap {
 public:
  using Rational = pattern::Rational;
  TempoMap(int64_t rate_hz, Rational cps);

  // From `cycle` on, the tempo is `cps` (cycle must not precede the last change).
  void set_cps_at(const Rational& cycle, const Rational& cps);
  // The same, dropping changes planned after `cycle` first (a quantized change overtaken by an
  // immediate one); `cycle` must not precede the last change at or before it.
  void replace_from(const Rational& cycle, const Rational& cps);
  // Following an outside clock (Ableton Link): from the integer frame `frame` on, cycle `cycle`
  // at `cps`; every other segment is dropped, so the map stays one segment long however often it
  // is retimed (frames before `frame` are then read through the new segment). `cycle` may differ
  // from cycle_at(frame): a phase jump. The caller keeps the denominators bounded (the follower's
  // tempos share one denominator, so the cycles at its frames do too).
  void rebase(int64_t frame, const Rational& cycle, const Rational& cps);
  Rational cps_at(const Rational& cycle) const;
  // The exact cycle position at a frame boundary.
  Rational cycle_at(int64_t frame) const;
  // The first frame at or after the cycle position.
  int64_t frame_at(const Rational& cycle) const;
  int64_t rate() const { return rate_; }

 private:
  struct Segment {
    Rational cycle;
    Rational frame;  // exact frame position of `cycle`
    Rational cps;
  };
  const Segment& segment_for_cycle(const Rational& cycle) const;
  int64_t rate_;
  std::vector<Segment> segments_;
};

}  // namespace mr::runtime
