// The live scheduler's cycle following an Ableton Link session (link_session.hpp): Link's side of
// cycle_follower.hpp, which does the following. Called on the runtime thread at every tick,
// before the scheduler advances, with the Link time at which the scheduler's horizon frame will
// be heard. Joining alone makes the session follow us instead (its tempo and cycle count are set
// to ours); joining peers keeps our cycle count and lands on the session's phase.
#pragma once

#include <cstdint>

#include "runtime/cycle_follower.hpp"

namespace mr::runtime {

class LinkSession;
class Scheduler;

class LinkFollower {
 public:
  static constexpr int64_t kCpsDen = CycleFollower::kCpsDen;

  // The next follow() joins afresh (after enabling Link).
  void reset() { follower_.reset(); }
  // `horizon_micros`: the Link time (link.clock_micros()'s clock) at which the scheduler's
  // horizon frame is heard.
  void follow(Scheduler& scheduler, LinkSession& link, int64_t horizon_micros);

  // The phase error seen at the last follow (seconds; positive: we were behind the session).
  double last_error_sec() const { return follower_.last_error_sec(); }
  uint64_t jumps() const { return follower_.jumps(); }
  uint64_t retimes() const { return follower_.retimes(); }

 private:
  CycleFollower follower_;  // every change of the session's tempo is taken as it is
};

}  // namespace mr::runtime
