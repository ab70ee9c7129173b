// Ableton Link: moonrave as a peer in a shared tempo session (Debian's ableton-link-dev). One
// cycle is `beats_per_cycle` Link beats (4 by default) and the quantum is one cycle, so peers
// agree on where a cycle starts: moonrave's cycle at a wall time is the session's beat there
// divided by beats_per_cycle (its phase within the quantum is the session's; the whole number of
// cycles is this peer's own count, as Link's beats are). cps = bpm / 60 / beats_per_cycle.
//
// Only the app-thread session state is used (capture/commit on the caller's thread: the runtime
// thread or `serve`'s main loop); the audio thread never touches Link. Link's own threads do the
// network. Offline paths (render, replay) never make one. The Link header stays inside
// link_session.cpp (it pulls in asio).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace mr::runtime {

class LinkSession {
 public:
  // Not yet enabled; the tempo is this peer's until it joins a session that has one.
  explicit LinkSession(double cps, double beats_per_cycle = 4.0);
  ~LinkSession();
  LinkSession(const LinkSession&) = delete;
  LinkSession& operator=(const LinkSession&) = delete;

  // Joins (or leaves) the session. Joining adopts the session's tempo and phase if it has peers.
  void enable(bool on);
  bool enabled() const;
  // Start/stop sync with peers that take part in it (Live's "Start Stop Sync").
  void enable_start_stop_sync(bool on);
  void set_beats_per_cycle(double beats);
  double beats_per_cycle() const { return beats_per_cycle_; }

  // Link's clock (CLOCK_MONOTONIC, microseconds) now.
  int64_t clock_micros() const;
  // The session's tempo now, in cycles per second.
  double cps() const;
  // Sets the session's tempo from now on, for every peer (the phase is kept).
  void set_cps(double cps);
  // The same, the session's beat at Link time `micros` kept (a change at a known position).
  void set_cps_at(double cps, int64_t micros);
  // The cycle (beat / beats_per_cycle) at Link time `micros`.
  double cycle_at(int64_t micros) const;
  // The Link time (microseconds) at which `cycle` falls, under the tempo now.
  int64_t micros_at(double cycle) const;
  // Renumbers this peer's cycles so that `cycle` falls at `micros` (alone: exactly; with peers:
  // at the nearest time with the session's phase), keeping the tempo.
  void request_cycle_at(double cycle, int64_t micros);
  bool playing() const;
  void set_playing(bool playing);
  std::size_t peers() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  double beats_per_cycle_;
};

// Unix time (system clock, seconds) and Link time (microseconds) read together: the offset
// between them is taken around one Link clock reading (what status lines stamp phases with).
struct LinkWallClock {
  double unix_sec;
  int64_t micros;
};
LinkWallClock link_wall_clock(const LinkSession& link);

}  // namespace mr::runtime
