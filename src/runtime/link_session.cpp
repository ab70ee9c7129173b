#include "runtime/link_session.hpp"

#include <ableton/Link.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>

namespace mr::runtime {

struct LinkSession::Impl {
  explicit Impl(double bpm) : link(bpm) {}
  ableton::Link link;
};

namespace {
double clamp_bpm(double bpm) { return std::clamp(bpm, 20.0, 999.0); }  // Link's tempo range
}  // namespace

LinkSession::LinkSession(double cps, double beats_per_cycle)
    : impl_(std::make_unique<Impl>(clamp_bpm(cps * 60.0 * beats_per_cycle))), beats_per_cycle_(beats_per_cycle) {}

LinkSession::~LinkSession() { impl_->link.enable(false); }

void LinkSession::enable(bool on) { impl_->link.enable(on); }
bool LinkSession::enabled() const { return impl_->link.isEnabled(); }
void LinkSession::enable_start_stop_sync(bool on) { impl_->link.enableStartStopSync(on); }
void LinkSession::set_beats_per_cycle(double beats) {
  if (beats > 0 && std::isfinite(beats)) beats_per_cycle_ = beats;
}

int64_t LinkSession::clock_micros() const { return impl_->link.clock().micros().count(); }

double LinkSession::cps() const {
  return impl_->link.captureAppSessionState().tempo() / 60.0 / beats_per_cycle_;
}

void LinkSession::set_cps(double cps) {
  auto state = impl_->link.captureAppSessionState();
  state.setTempo(clamp_bpm(cps * 60.0 * beats_per_cycle_), impl_->link.clock().micros());
  impl_->link.commitAppSessionState(state);
}

void LinkSession::set_cps_at(double cps, int64_t micros) {
  auto state = impl_->link.captureAppSessionState();
  state.setTempo(clamp_bpm(cps * 60.0 * beats_per_cycle_), std::chrono::microseconds(micros));
  impl_->link.commitAppSessionState(state);
}

double LinkSession::cycle_at(int64_t micros) const {
  const auto state = impl_->link.captureAppSessionState();
  return state.beatAtTime(std::chrono::microseconds(micros), beats_per_cycle_) / beats_per_cycle_;
}

int64_t LinkSession::micros_at(double cycle) const {
  const auto state = impl_->link.captureAppSessionState();
  return state.timeAtBeat(cycle * beats_per_cycle_, beats_per_cycle_).count();
}

void LinkSession::request_cycle_at(double cycle, int64_t micros) {
  auto state = impl_->link.captureAppSessionState();
  state.requestBeatAtTime(cycle * beats_per_cycle_, std::chrono::microseconds(micros), beats_per_cycle_);
  impl_->link.commitAppSessionState(state);
}

bool LinkSession::playing() const { return impl_->link.captureAppSessionState().isPlaying(); }

void LinkSession::set_playing(bool playing) {
  auto state = impl_->link.captureAppSessionState();
  state.setIsPlaying(playing, impl_->link.clock().micros());
  impl_->link.commitAppSessionState(state);
}

std::size_t LinkSession::peers() const { return impl_->link.numPeers(); }

LinkWallClock link_wall_clock(const LinkSession& link) {
  // The system clock read on both sides of Link's: the midpoint is within half the spread.
  using namespace std::chrono;
  const double a = duration<double>(system_clock::now().time_since_epoch()).count();
  const int64_t m = link.clock_micros();
  const double b = duration<double>(system_clock::now().time_since_epoch()).count();
  return {0.5 * (a + b), m};
}

}  // namespace mr::runtime
