// The live scheduler's cycle following an external timeline: an Ableton Link session
// (link_follower.hpp) or a MIDI clock (midi_clock_in.hpp). Called on the runtime thread at every
// tick, before the scheduler advances, with the timeline's cycle and tempo at the moment the
// scheduler's horizon frame will be heard: it compares that cycle with the scheduler's and
// retimes the scheduler's tempo map from the horizon on (Scheduler::retime), so nothing already
// queued to the engine moves and every onset still maps to exactly one frame.
//
// - The timeline's tempo is taken as it is (a change lands at the next tick); with a tolerance,
//   only once it differs from the tempo followed by more than that (a MIDI clock's tempo is an
//   estimate that moves a little with every pulse: the phase loop below absorbs the rest).
// - A small phase error (the audio device's clock drifts against the system clock by tens of ppm;
//   a change reaches us late) is slewed away: the tempo is raised or lowered by at most kMaxSlew
//   until the error is under kSettleSec, then set back to the timeline's. Errors under
//   kDeadbandSec are left alone, so a steady timeline costs no retiming at all.
// - A large one (joining, the timeline's phase moved: over kJumpSec, or the jump given) is a jump
//   forward to the timeline's phase at the horizon, at once: the onsets in between are skipped,
//   none is played twice. A MIDI clock's is larger, and so is its slew: its tempo is an estimate
//   that lags a sudden change by a beat or two, and the error that makes meanwhile (tens of ms)
//   is slewed, not jumped.
// Our cycle count is kept: the timeline's is followed up to whole cycles (offset()).
//
// Tempos are rounded to multiples of 1/kCpsDen cycles a second, so the cycle positions at the
// retimed frames keep a bounded denominator however long the show runs.
#pragma once

#include <cstdint>

#include "pattern/rational.hpp"

namespace mr::runtime {

class Scheduler;

class CycleFollower {
 public:
  static constexpr int64_t kCpsDen = 1 << 16;
  static constexpr double kDeadbandSec = 0.0005;
  static constexpr double kSettleSec = 0.0001;
  static constexpr double kJumpSec = 0.050;
  static constexpr double kSlewSec = 1.0;   // a phase error is slewed away over about this long
  static constexpr double kMaxSlew = 0.02;  // at most 2% faster or slower meanwhile

  struct Options {
    double tempo_tolerance = 0.0;  // relative tempo change below which the tempo followed is kept
    double jump_sec = kJumpSec;    // the phase error past which the follower jumps
    double slew_sec = kSlewSec;    // a phase error is slewed away over about this long
    double max_slew = kMaxSlew;    // the most the tempo is raised or lowered meanwhile
  };
  CycleFollower() = default;
  explicit CycleFollower(const Options& o) : o_(o) {}
  // How the live session follows a MIDI clock (midi_clock_in.hpp): its tempo moves a little with
  // every pulse (kept within 0.05%), and lags a sudden change by a beat or two (slewed harder).
  static Options midi_clock_options() { return Options{5e-4, 0.25, 0.25, 0.1}; }

  // The next follow() joins afresh.
  void reset() { joined_ = false; }
  bool joined() const { return joined_; }
  // `their_cycle` and `their_cps`: the timeline's cycle at the moment the scheduler's horizon frame
  // is heard, and its tempo.
  void follow(Scheduler& scheduler, double their_cycle, double their_cps);

  // The timeline went quiet (a MIDI clock stopped): the scheduler plays on from the horizon at the
  // tempo followed, without the slew it may have had. The next follow() carries on.
  void hold(Scheduler& scheduler);
  // The timeline's tempo as followed (cycles a second; 0 before the first follow()).
  double followed_cps() const { return base_cps_; }
  // Our cycle = the timeline's + offset() (whole cycles).
  int64_t offset() const { return offset_; }
  // The phase error seen at the last follow (seconds; positive: we were behind the timeline).
  double last_error_sec() const { return last_error_sec_; }
  uint64_t jumps() const { return jumps_; }
  uint64_t retimes() const { return retimes_; }

  static pattern::Rational rounded_cps(double cps);

 private:
  Options o_;
  bool joined_ = false;
  bool slewing_ = false;
  int64_t offset_ = 0;
  double base_cps_ = 0;  // the timeline's tempo as followed (with a tolerance, changed only past it)
  double last_error_sec_ = 0;
  uint64_t jumps_ = 0, retimes_ = 0;
};

}  // namespace mr::runtime
