// The live scheduler's cycle following an Ableton Link session (link_session.hpp). Called on the
// runtime thread at every tick, before the scheduler advances, with the Link time at which the
// scheduler's horizon frame will be heard: it compares the session's cycle there with the
// scheduler's and retimes the scheduler's tempo map from the horizon on (Scheduler::retime), so
// nothing already queued to the engine moves and every onset still maps to exactly one frame.
//
// - The session's tempo is taken as it is (a peer's tempo change lands at the next tick).
// - A small phase error (the audio device's clock drifts against the system clock by tens of ppm;
//   a peer's change reaches us late) is slewed away: the tempo is raised or lowered by at most
//   kMaxSlew until the error is under kSettleSec, then set back to the session's. Errors under
//   kDeadbandSec are left alone, so a steady session costs no retiming at all.
// - A large one (joining a session, a peer moving the phase) is a jump forward to the session's
//   phase at the horizon, at once: the onsets in between are skipped, none is played twice.
// Joining alone makes the session follow us instead (its cycle is renumbered to ours).
//
// Tempos are rounded to multiples of 1/kCpsDen cycles a second, so the cycle positions at the
// retimed frames keep a bounded denominator however long the show runs.
#pragma once

#include <cstdint>

namespace mr::runtime {

class LinkSession;
class Scheduler;

class LinkFollower {
 public:
  static constexpr int64_t kCpsDen = 1 << 16;
  static constexpr double kDeadbandSec = 0.0005;
  static constexpr double kSettleSec = 0.0001;
  static constexpr double kJumpSec = 0.050;
  static constexpr double kSlewSec = 1.0;   // a phase error is slewed away over about this long
  static constexpr double kMaxSlew = 0.02;  // at most 2% faster or slower meanwhile

  // The next follow() joins afresh (after enabling Link).
  void reset() { joined_ = false; }
  // `horizon_micros`: the Link time (link.clock_micros()'s clock) at which the scheduler's
  // horizon frame is heard.
  void follow(Scheduler& scheduler, LinkSession& link, int64_t horizon_micros);

  // The phase error seen at the last follow (seconds; positive: we were behind the session).
  double last_error_sec() const { return last_error_sec_; }
  uint64_t jumps() const { return jumps_; }
  uint64_t retimes() const { return retimes_; }

 private:
  bool joined_ = false;
  bool slewing_ = false;
  int64_t offset_ = 0;  // our cycle = the session's cycle + offset_ (both counts are the peer's own)
  double last_error_sec_ = 0;
  uint64_t jumps_ = 0, retimes_ = 0;
};

}  // namespace mr::runtime
