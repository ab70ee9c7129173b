// The GPU-time watchdog's policy, apart from GL so it can be tested: given each frame's measured
// GPU time it lowers the visuals' resolution scale, then reverts to the last good shader, and
// raises the scale again when frames are fast. Every action comes with a message for the UI.
#pragma once

#include <string>

namespace mr::gfx {

class Watchdog {
 public:
  enum class Act { None, LowerScale, RaiseScale, Revert, GiveUp };
  struct Action {
    Act act = Act::None;
    float scale = 1.0f;    // the new scale (LowerScale, RaiseScale)
    std::string message;   // what to tell the performer
  };

  static constexpr float kMinScale = 0.25f;
  static constexpr int kSlowFrames = 3;     // consecutive slow frames before acting
  static constexpr int kFastFrames = 120;   // consecutive fast frames before raising the scale
  static constexpr int kSettleFrames = 4;   // measurements ignored after an action (still in flight)

  void set_budget_ms(double ms) { budget_ms_ = ms > 0.0 ? ms : 50.0; }
  double budget_ms() const { return budget_ms_; }
  // A new shader or a new requested scale: start counting afresh.
  void reset();

  // One measured frame: `gpu_ms` at `scale`; `requested` is the performer's scale; `can_revert`
  // whether a previous good shader exists.
  Action on_frame(double gpu_ms, float scale, float requested, bool can_revert);

 private:
  double budget_ms_ = 50.0;
  int slow_ = 0, fast_ = 0, settle_ = 0;
  bool gave_up_ = false;
};

}  // namespace mr::gfx
