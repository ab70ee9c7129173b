// The MIDI clock follower against simulated senders: a jittered 24-ppqn clock whose own crystal
// runs off the receiver's, for ten minutes; Start/Stop/Continue/Song Position; a tempo change.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "runtime/midi_clock_in.hpp"

using mr::runtime::MidiClockFollower;

namespace {
constexpr double kPpqn = 24;
}

TEST_CASE("a jittered MIDI clock stays locked for ten minutes", "[runtime][midiclock]") {
  // The sender: 120 bpm by its crystal, which runs 150 ppm fast against ours; each pulse reaches
  // us late by 1 ms plus a jitter of 0.5 ms (gaussian, clipped to +-2 ms: USB MIDI's order).
  const double bpm = 120.0 * (1.0 + 150e-6);
  const double period = 60.0 / bpm / kPpqn;
  const double t_start = 3.0;  // Start, then the first pulse (beat 0) at t_start
  std::mt19937 rng(17);
  std::normal_distribution<double> jitter(0.0, 0.0005);
  MidiClockFollower f(4.0);
  const uint8_t start[] = {0xFA}, pulse[] = {0xF8};
  f.message(start, 1, t_start - 0.01);
  double worst_ms = 0, first_minute = 0, last_minute = 0;
  int first_n = 0, last_n = 0;
  const int pulses = static_cast<int>(600.0 / period);
  for (int i = 0; i < pulses; ++i) {
    const double ideal = t_start + i * period;
    f.message(pulse, 1, ideal + 0.001 + std::clamp(jitter(rng), -0.002, 0.002));
    // Between this pulse and the next, where the scheduler would ask (mid-pulse).
    const double t = ideal + 0.001 + 0.5 * period;
    const double true_cycle = (t - 0.001 - t_start) / period / kPpqn / 4.0;
    const double err_ms = (f.cycle_at(t) - true_cycle) / f.cps() * 1000.0;
    if (t - t_start < 10.0) continue;  // locking in: the first bars
    REQUIRE(f.locked());
    worst_ms = std::max(worst_ms, std::abs(err_ms));
    if (t - t_start < 70.0) first_minute += err_ms, ++first_n;
    if (t - t_start > 540.0) last_minute += err_ms, ++last_n;
  }
  const double drift_ms = last_minute / last_n - first_minute / first_n;
  std::printf("midi clock: %d pulses over 600 s, worst |error| %.4f ms, drift (last minute - first) %.4f ms, bpm %.4f\n",
              pulses, worst_ms, drift_ms, f.bpm());
  CHECK(worst_ms < 1.0);
  CHECK(std::abs(drift_ms) < 0.1);
  CHECK(f.bpm() == Approx(bpm).epsilon(5e-4));  // the loop's period at the last pulse, jitter and all
  CHECK(f.cps() == Approx(bpm / 240.0).epsilon(5e-4));
}

TEST_CASE("MIDI clock start, stop, continue and song position move the position", "[runtime][midiclock]") {
  const double period = 60.0 / 120.0 / kPpqn;
  MidiClockFollower f(4.0);
  double t = 0;
  auto pulses = [&](int n) {
    for (int i = 0; i < n; ++i) f.pulse(t), t += period;
  };
  pulses(48);  // clock before Start: the tempo is followed, the position does not move
  CHECK_FALSE(f.playing());
  CHECK(f.beat_at(t) == 0.0);
  CHECK(f.bpm() == Approx(120.0).epsilon(1e-6));
  f.start(t - period / 2);
  pulses(1);  // beat 0
  CHECK(f.playing());
  CHECK(f.beat_at(t - period) == Approx(0.0).margin(1e-9));
  pulses(95);  // four beats: one cycle
  CHECK(f.cycle_at(t - period) == Approx(95.0 / 96.0).margin(1e-6));
  CHECK(f.cycle_at(t) == Approx(1.0).margin(1e-6));  // the next pulse is due: one cycle
  f.stop(t - period / 2);
  CHECK_FALSE(f.playing());
  const double held = f.beat_at(t);
  CHECK(held == Approx(4.0));
  pulses(30);  // stopped: held
  CHECK(f.beat_at(t) == held);
  f.resume(t - period / 2);
  pulses(1);
  CHECK(f.beat_at(t - period) == Approx(4.0).margin(1e-9));
  pulses(24);
  CHECK(f.beat_at(t - period) == Approx(5.0).margin(1e-6));
  f.stop(t - period / 2);
  const uint8_t spp[] = {0xF2, 0x20, 0x00};  // sixteenth 32: beat 8
  f.message(spp, 3, t);
  CHECK(f.beat_at(t) == Approx(8.0));
  f.song_position(-1);  // ignored
  f.resume(t);
  pulses(1);
  CHECK(f.beat_at(t - period) == Approx(8.0).margin(1e-9));
  f.start(t);  // Start goes back to 0
  pulses(1);
  CHECK(f.beat_at(t - period) == Approx(0.0).margin(1e-9));
}

TEST_CASE("a MIDI clock's tempo change is followed within a few beats", "[runtime][midiclock]") {
  MidiClockFollower f(4.0);
  double t = 1.0;
  f.start(t - 0.001);
  for (int i = 0; i < 24 * 64; ++i) f.pulse(t), t += 60.0 / 120.0 / kPpqn;
  CHECK(f.bpm() == Approx(120.0).epsilon(1e-6));
  const double beat_at_change = f.beat_at(t);
  const double p = 60.0 / 140.0 / kPpqn;
  for (int i = 0; i < 24 * 8; ++i) f.pulse(t), t += p;  // eight beats at 140
  CHECK(f.bpm() == Approx(140.0).epsilon(0.01));
  // The position stays the pulses' count: no beat lost or gained by the change.
  CHECK(f.beat_at(t - p) == Approx(beat_at_change + 8.0 - 1.0 / kPpqn).margin(0.01));
  // A gap in the clock (a cable pulled) starts the loop over rather than running on.
  const double before = f.beat_at(t);
  t += 2.0;
  CHECK(f.beat_at(t) <= before + 2.0 / kPpqn);
  f.pulse(t);
  CHECK(f.restarts() == 1);
}
