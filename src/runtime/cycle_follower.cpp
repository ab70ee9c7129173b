// Following an external timeline (cycle_follower.hpp).
#include "runtime/cycle_follower.hpp"

#include <algorithm>
#include <cmath>

#include "runtime/scheduler.hpp"

namespace mr::runtime {

using Rational = pattern::Rational;

Rational CycleFollower::rounded_cps(double cps) {
  const int64_t n = std::max<int64_t>(1, std::llround(cps * static_cast<double>(kCpsDen)));
  return Rational(n, kCpsDen);
}

void CycleFollower::follow(Scheduler& s, double their_cycle, double their_cps) {
  const Rational horizon = s.horizon_cycle();
  const double c = horizon.to_double();
  if (!joined_) {
    joined_ = true;
    slewing_ = false;
    offset_ = std::llround(c - their_cycle);
    base_cps_ = their_cps;
  }
  if (o_.tempo_tolerance <= 0 || std::abs(their_cps - base_cps_) > o_.tempo_tolerance * base_cps_) base_cps_ = their_cps;
  double e = their_cycle + static_cast<double>(offset_) - c;  // cycles
  // Our count follows the timeline's by whole cycles: a renumbering there is not a phase error.
  if (std::abs(e) > 0.5) {
    const double whole = std::round(e);
    offset_ -= static_cast<int64_t>(whole);
    e -= whole;
  }
  const double e_sec = e / their_cps;
  last_error_sec_ = e_sec;
  const Rational target = rounded_cps(base_cps_);
  if (std::abs(e_sec) > o_.jump_sec) {
    // Forward only: behind the timeline by e, or ahead by -e, is behind by 1 + e of the next cycle.
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
    const double slew = std::clamp(e_sec / o_.slew_sec, -o_.max_slew, o_.max_slew);
    want = rounded_cps(base_cps_ * (1.0 + slew));
  }
  if (want != s.tempo().cps_at(horizon)) {
    s.retime(horizon, want);
    ++retimes_;
  }
}

}  // namespace mr::runtime

namespace mr::runtime {

void CycleFollower::hold(Scheduler& s) {
  slewing_ = false;
  if (!joined_ || base_cps_ <= 0) return;
  const pattern::Rational want = rounded_cps(base_cps_);
  if (want != s.tempo().cps_at(s.horizon_cycle())) {
    s.retime(s.horizon_cycle(), want);
    ++retimes_;
  }
}

}  // namespace mr::runtime
