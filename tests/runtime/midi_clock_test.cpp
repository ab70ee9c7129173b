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

// ---- The scheduler following a MIDI clock (cycle_follower.hpp), as the live session does ----
//
// A simulated sender (jittered pulses at a tempo by its own crystal) and a simulated audio device
// whose clock runs 80 ppm fast against the system's: the scheduler ticks every 4 ms, feeds the
// pulses that came into the follower and follows its cycle at the horizon. Every onset must land
// on the clock's sixteenth grid at the time it is heard.

#include "pattern/mini.hpp"
#include "runtime/cycle_follower.hpp"
#include "runtime/scheduler.hpp"

using mr::pattern::Rational;
using mr::runtime::CycleFollower;
using mr::runtime::ScheduledHap;
using mr::runtime::Scheduler;
using mr::runtime::SchedulerOptions;

namespace {
struct ClockRig {
  static constexpr int64_t kRate = 48000, kTick = 192, kLookahead = 4800;
  static constexpr double kPpm = 80.0, kLatencySec = 0.001;
  Scheduler s;
  MidiClockFollower clock{4.0};
  CycleFollower follower{CycleFollower::midi_clock_options()};  // as the live session follows one
  std::mt19937 rng{23};
  std::normal_distribution<double> jitter{0.0, 0.0005};
  int64_t engine = 0;
  // The sender: pulse k of the current run is due at run_start + (k - run_first) * period.
  double period = 60.0 / 132.0 / kPpqn;
  double run_start = 1.0, next_due = 1.0;
  int64_t pulse_index = 0, run_first = 0;
  bool sending = true;
  std::vector<ScheduledHap> haps;
  Rational last_onset{-1};
  int doubled = 0, backwards = 0, onsets = 0;
  double worst_error_sec = 0, error_sum_sec = 0;
  int error_n = 0;

  ClockRig() : s(options(), [](const std::string&) { return mr::audio::SoundId{1}; }) {
    s.set_uniform("pulse", mr::pattern::mini("1*16"), "set", Rational(0));
    const uint8_t start[] = {0xFA};
    clock.message(start, 1, run_start - 0.01);
  }
  static SchedulerOptions options() {
    SchedulerOptions o;
    o.rate_hz = kRate;
    o.cps = Rational(1, 2);
    return o;
  }
  static double sec_of(int64_t frame) { return static_cast<double>(frame) / kRate * (1.0 + kPpm * 1e-6); }
  // The sender's cycle (as received) at `sec`: pulses since the last Start, 96 a cycle.
  double true_cycle(double sec) const {
    return (static_cast<double>(pulse_index - run_first) - 1 + (sec - kLatencySec - (next_due - period)) / period) / 96.0;
  }
  void tick(bool measure) {
    engine += kTick;
    const double now = sec_of(engine);
    const uint8_t pulse[] = {0xF8};
    while (sending && next_due + kLatencySec <= now) {
      clock.message(pulse, 1, next_due + kLatencySec + std::clamp(jitter(rng), -0.002, 0.002));
      ++pulse_index;
      next_due += period;
    }
    if (clock.fresh(now)) follower.follow(s, clock.cycle_ahead(now, sec_of(s.horizon_frame())), clock.cps());
    haps.clear();
    s.advance(engine + kLookahead, haps);
    for (const ScheduledHap& h : haps) {
      ++onsets;
      if (h.cycle == last_onset) ++doubled;
      if (h.cycle < last_onset) ++backwards;
      last_onset = h.cycle;
      if (!measure) continue;
      const double at = true_cycle(sec_of(h.frame)) * 16.0;
      const double off = (at - std::round(at)) / 16.0 * 96.0 * period;
      worst_error_sec = std::max(worst_error_sec, std::abs(off));
      error_sum_sec += off;
      ++error_n;
    }
  }
  void run(double seconds, bool measure) {
    const auto n = static_cast<int64_t>(seconds * kRate / kTick);
    for (int64_t i = 0; i < n; ++i) tick(measure);
  }
  double mean_error_sec() {
    const double m = error_n ? error_sum_sec / error_n : 0.0;
    error_sum_sec = 0;
    error_n = 0;
    return m;
  }
  // Stop, then Start again at `sec` from now: the next pulse is beat 0.
  void restart_after(double sec) {
    const uint8_t stop[] = {0xFC}, start[] = {0xFA};
    clock.message(stop, 1, sec_of(engine));
    run(sec, false);
    clock.message(start, 1, sec_of(engine));
    run_first = pulse_index;
  }
};
}  // namespace

TEST_CASE("the scheduler follows a jittered MIDI clock for ten minutes through a drifting device clock", "[runtime][midiclock]") {
  ClockRig rig;
  rig.run(20.0, false);  // the loop narrows over the first bars; the follower joins and settles
  CHECK(rig.follower.joined());
  CHECK(rig.s.tempo().cps_at(rig.s.horizon_cycle()).to_double() == Approx(132.0 / 240.0).epsilon(0.021));
  const uint64_t retimes_before = rig.follower.retimes();
  rig.run(60.0, true);
  const double first_minute = rig.mean_error_sec();
  rig.run(480.0, true);
  rig.mean_error_sec();
  rig.run(60.0, true);
  const double last_minute = rig.mean_error_sec();
  const double drift_ms = (last_minute - first_minute) * 1e3;
  std::printf("scheduler on midi clock: 600 s at 132 bpm, device +80 ppm: worst onset error %.3f ms, drift %.4f ms, "
              "%llu retimes, %d onsets\n",
              rig.worst_error_sec * 1e3, drift_ms, static_cast<unsigned long long>(rig.follower.retimes() - retimes_before),
              rig.onsets);
  CHECK(rig.worst_error_sec < 0.001);
  CHECK(std::abs(drift_ms) < 1.0);
  CHECK(rig.doubled == 0);
  CHECK(rig.backwards == 0);
  CHECK(rig.follower.jumps() <= 1);  // the join, at most
  CHECK(rig.s.tempo().cps_at(rig.s.horizon_cycle()).to_double() == Approx(132.0 / 240.0).epsilon(0.021));
}

TEST_CASE("a MIDI clock's tempo change, stop and restart: adopted, landed forward, nothing doubled", "[runtime][midiclock]") {
  ClockRig rig;
  rig.run(20.0, false);
  const uint64_t jumps = rig.follower.jumps();
  // 132 -> 100 bpm, from the next pulse on.
  rig.period = 60.0 / 100.0 / kPpqn;
  double worst_ms = 0;
  for (int i = 0; i < 2500; ++i) {
    rig.run(0.004, false);
    worst_ms = std::max(worst_ms, std::abs(rig.follower.last_error_sec()) * 1e3);
  }
  std::printf("midi clock 132 -> 100 bpm: worst phase error meanwhile %.1f ms\n", worst_ms);
  CHECK(worst_ms < 100.0);
  CHECK(rig.s.tempo().cps_at(rig.s.horizon_cycle()).to_double() == Approx(100.0 / 240.0).epsilon(0.021));
  CHECK(rig.follower.jumps() == jumps);  // slewed, not jumped
  rig.run(10.0, true);
  CHECK(rig.worst_error_sec < 0.001);
  // Stop: the scheduler plays on at the tempo it had; Start again 1.3 s later (beat 0 at the next
  // pulse): a jump forward onto the clock's bar.
  rig.sending = false;
  rig.restart_after(0.5);
  rig.next_due = ClockRig::sec_of(rig.engine) + 0.8;
  rig.sending = true;
  rig.run(5.0, false);
  CHECK(rig.follower.jumps() == jumps + 1);
  rig.worst_error_sec = 0;
  rig.run(10.0, true);
  CHECK(rig.worst_error_sec < 0.001);
  CHECK(rig.doubled == 0);
  CHECK(rig.backwards == 0);
}
