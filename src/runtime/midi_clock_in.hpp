// Following an external MIDI clock (24 pulses a quarter note, as Live, drum machines and
// moonrave's own MIDI clock out send it): the pulses' arrival times are jittered by the sender,
// the USB or network transport and the input thread, so the beat is not read from the last pulse
// but from a second-order delay-locked loop over them (F. Adriaensen, "Using a DLL to filter
// time", 2005; device_clock.hpp uses the same loop for the audio device): it estimates the pulse
// period and the time of the current pulse, so the cycle at any time between pulses is smooth
// and follows a tempo change within a few beats. Start (0xFA), Stop (0xFC), Continue (0xFB) and
// Song Position Pointer (0xF2, in sixteenth notes) move the position as the MIDI spec says: the
// first pulse after Start is beat 0, Stop holds the position (the tempo is still followed while
// pulses arrive), Continue resumes from it, a song position sets it (6 pulses a sixteenth).
//
// Std only; the owner feeds it from one thread (time in seconds on one monotonic clock).
#pragma once

#include <cstdint>

namespace mr::runtime {

class MidiClockFollower {
 public:
  // `beats_per_cycle`: quarter notes a cycle (4). `bandwidth_hz`: the loop's bandwidth (narrower
  // smooths more jitter and follows tempo changes more slowly).
  explicit MidiClockFollower(double beats_per_cycle = 4.0, double bandwidth_hz = 0.5);

  void pulse(double sec);     // 0xF8, timing clock
  void start(double sec);     // 0xFA: position 0, playing from the next pulse
  void stop(double sec);      // 0xFC
  void resume(double sec);    // 0xFB, continue: playing from the held position at the next pulse
  void song_position(int sixteenths);  // 0xF2: only while stopped, as the spec has it
  // One raw MIDI message (status byte first) received at `sec`; others are ignored.
  void message(const uint8_t* bytes, int size, double sec);

  // True once the loop has seen a beat of pulses since it (re)started.
  bool locked() const;
  bool playing() const { return playing_; }
  // The tempo per the loop (0 until two pulses came).
  double bpm() const;
  double cps() const { return bpm() / 60.0 / beats_per_cycle_; }
  // The position at time `sec`, in beats (quarter notes) and cycles: between pulses (and a little
  // past the last one) by the loop's period; held while stopped.
  double beat_at(double sec) const;
  double cycle_at(double sec) const { return beat_at(sec) / beats_per_cycle_; }
  int64_t restarts() const { return restarts_; }
  // True while the clock can be followed at `sec`: playing, locked, and its last pulse at most two
  // periods old (past that beat_at stops moving on: a clock that went silent is not followed).
  bool fresh(double sec) const;
  // The cycle at `at_sec`, from now (`now_sec`) on at the loop's tempo: where the clock will be
  // when a frame scheduled ahead (the scheduler's horizon) is heard.
  double cycle_ahead(double now_sec, double at_sec) const { return cycle_at(now_sec) + cps() * (at_sec - now_sec); }

 private:
  double beats_per_cycle_;
  double bandwidth_;
  // The loop: t0_ the filtered time of the pulse at position pos0_ (in pulses), t1_ the predicted
  // time of the next one, e2_ the filtered period.
  int pulses_seen_ = 0;  // since the loop (re)started
  double last_sec_ = 0;
  double t0_ = 0, t1_ = 0, e2_ = 0;
  double pos0_ = 0;          // position (pulses) of the pulse at t0_, while playing
  int64_t held_ = 0;         // position (pulses) held while stopped, taken at the next pulse
  bool playing_ = false;
  bool pending_play_ = false;  // Start or Continue came: the next pulse plays at held_
  int64_t restarts_ = 0;
};

}  // namespace mr::runtime
