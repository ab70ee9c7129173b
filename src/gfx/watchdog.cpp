#include "gfx/watchdog.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mr::gfx {

void Watchdog::reset() {
  slow_ = fast_ = 0;
  settle_ = kSettleFrames;
  gave_up_ = false;
}

Watchdog::Action Watchdog::on_frame(double gpu_ms, float scale, float requested, bool can_revert) {
  Action a;
  if (settle_ > 0) {
    --settle_;
    return a;
  }
  const bool slow = gpu_ms > budget_ms_;
  slow_ = slow ? slow_ + 1 : 0;
  fast_ = gpu_ms < 0.25 * budget_ms_ ? fast_ + 1 : 0;
  char msg[200];
  // One frame four times over budget is enough: waiting for three would freeze the room.
  if (slow_ >= kSlowFrames || (slow && gpu_ms > 4.0 * budget_ms_)) {
    slow_ = 0;
    if (scale > kMinScale + 1e-3f) {
      a.act = Act::LowerScale;
      a.scale = std::max(kMinScale, scale * 0.70710678f);  // half the pixels
      std::snprintf(msg, sizeof msg, "%.0f ms per frame on the GPU (budget %.0f ms): resolution lowered to %d%%",
                    gpu_ms, budget_ms_, static_cast<int>(std::lround(a.scale * 100)));
    } else if (can_revert) {
      a.act = Act::Revert;
      a.scale = requested;
      std::snprintf(msg, sizeof msg, "%.0f ms per frame even at %d%% (budget %.0f ms): back to the last good shader",
                    gpu_ms, static_cast<int>(std::lround(scale * 100)), budget_ms_);
    } else if (!gave_up_) {
      gave_up_ = true;
      a.act = Act::GiveUp;
      std::snprintf(msg, sizeof msg, "%.0f ms per frame even at %d%% (budget %.0f ms) and no earlier shader to go back to",
                    gpu_ms, static_cast<int>(std::lround(scale * 100)), budget_ms_);
    } else {
      return a;
    }
    a.message = msg;
    settle_ = kSettleFrames;
    fast_ = 0;
    return a;
  }
  if (fast_ >= kFastFrames && scale < requested - 1e-3f) {
    fast_ = 0;
    a.act = Act::RaiseScale;
    a.scale = std::min(requested, scale * 1.41421356f);
    std::snprintf(msg, sizeof msg, "frames are fast again (%.1f ms): resolution raised to %d%%", gpu_ms,
                  static_cast<int>(std::lround(a.scale * 100)));
    a.message = msg;
    settle_ = kSettleFrames;
  }
  return a;
}

}  // namespace mr::gfx
