// Following a Link session (link_follower.hpp).
#include "runtime/link_follower.hpp"

#include <algorithm>
#include <cmath>

#include "runtime/link_session.hpp"
#include "runtime/scheduler.hpp"

namespace mr::runtime {

namespace {
using Rational = pattern::Rational;

Rational rounded_cps(double cps) {
  const int64_t n = std::max<int64_t>(1, std::llround(cps * static_cast<double>(LinkFollower::kCpsDen)));
  return Rational(n, LinkFollower::kCpsDen);
}
}  // namespace

void LinkFollower::follow(Scheduler& s, LinkSession& link, int64_t horizon_micros) {
  const Rational horizon = s.horizon_cycle();
  const double c = horizon.to_double();
  if (!joined_) {
    joined_ = true;
    slewing_ = false;
    if (link.peers() == 0) {
      // Alone: the session takes our tempo and our cycle count.
      link.set_cps_at(s.tempo().cps_at(horizon).to_double(), horizon_micros);
      link.request_cycle_at(c, horizon_micros);
      offset_ = 0;
    } else {
      offset_ = std::llround(c - link.cycle_at(horizon_micros));
    }
  }
  const double session_cps = link.cps();
  double e = link.cycle_at(horizon_micros) + static_cast<double>(offset_) - c;  // cycles
  // Our count follows the session's by whole cycles: a renumbering there is not a phase error.
  if (std::abs(e) > 0.5) {
    const double whole = std::round(e);
    offset_ -= static_cast<int64_t>(whole);
    e -= whole;
  }
  double e_sec = e / session_cps;
  last_error_sec_ = e_sec;
  const Rational target = rounded_cps(session_cps);
  if (std::abs(e_sec) > kJumpSec) {
    // Forward only: behind the session by e, or ahead by -e, is behind by 1 + e of the next one.
    if (e < 0) {
      offset_ += 1;
      e += 1;
    }
    const double grid = static_cast<double>(kCpsDen) * static_cast<double>(s.tempo().rate());
    const auto n = static_cast<int64_t>(std::ceil((c + e) * grid));
    s.retime(Rational(n, static_cast<int64_t>(grid)), target);
    slewing_ = false;
    ++jumps_;
    ++retimes_;
    return;
  }
  if (std::abs(e_sec) > kDeadbandSec) slewing_ = true;
  if (std::abs(e_sec) < kSettleSec) slewing_ = false;
  Rational want = target;
  if (slewing_) {
    const double slew = std::clamp(e_sec / kSlewSec, -kMaxSlew, kMaxSlew);
    want = rounded_cps(session_cps * (1.0 + slew));
  }
  if (want != s.tempo().cps_at(horizon)) {
    s.retime(horizon, want);
    ++retimes_;
  }
}

}  // namespace mr::runtime
