// Following a Link session (link_follower.hpp).
#include "runtime/link_follower.hpp"

#include "runtime/link_session.hpp"
#include "runtime/scheduler.hpp"

namespace mr::runtime {

void LinkFollower::follow(Scheduler& s, LinkSession& link, int64_t horizon_micros) {
  if (!follower_.joined() && link.peers() == 0) {
    // Alone: the session takes our tempo and our cycle count.
    const pattern::Rational horizon = s.horizon_cycle();
    link.set_cps_at(s.tempo().cps_at(horizon).to_double(), horizon_micros);
    link.request_cycle_at(horizon.to_double(), horizon_micros);
  }
  follower_.follow(s, link.cycle_at(horizon_micros), link.cps());
}

}  // namespace mr::runtime
