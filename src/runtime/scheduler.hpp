// The scheduler: the clock between the patterns and the engine, shared by the live session and
// offline rendering. It holds the slots (d1..d16, named ones, uniforms, `once` one-shots) as
// timelines of versions that take effect at exact cycles, and advances a horizon in engine frames:
// each advance queries every audible slot over exactly the cycles between the old and the new
// horizon (through the tempo map), so consecutive advances neither lose nor double an onset, and
// turns the onsets into frame-exact audio::VoiceEvents. A slot whose query throws is silenced
// alone, falls back to its last good pattern and is reported once. The events of log() and
// logValues() write their lines as they are scheduled, into a bounded queue of their own.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audio/event.hpp"
#include "pattern/pattern.hpp"
#include "runtime/events.hpp"
#include "runtime/source_ref.hpp"
#include "runtime/tempo_map.hpp"

namespace mr::runtime {

// One onset the scheduler produced: an engine event, or a uniform's new value.
struct ScheduledHap {
  int64_t frame = 0;        // engine frame of the onset (latency offset included)
  int64_t end_frame = 0;    // engine frame where the hap's whole ends
  pattern::Rational cycle;  // the onset's exact cycle
  std::string slot;         // "d1", "bass", "uniform:pulse", "once"
  std::string buffer;       // the buffer the slot's code came from (for highlighting)
  uint64_t revision = 0;    // the buffer's text revision that `locations` index (source_ref.hpp)
  std::vector<pattern::SourceSpan> locations;  // mini-notation spans, buffer byte offsets
  uint8_t draw = 0;         // the draw functions' marks (pattern::kDrawBits of Hap::marks)
  float pitch = 0.0f;       // MIDI note of the event for a piano roll; NaN when it has none
  bool is_uniform = false;  // true: `value` is a uniform's value, `event` unused
  float value = 0.0f;
  bool has_event = false;   // false when the value had no sound (a warning was reported)
  bool is_midi = false;     // the value has `midichan` or `ccn`: for the MIDI output only
  audio::VoiceEvent event;
  pattern::Value controls;  // the hap's value (for the OSC and MIDI outputs)
  double cps = 0.5;         // the tempo at the onset
  double duration_sec = 0;  // the hap's whole, in seconds
};

struct SchedulerOptions {
  int64_t rate_hz = 48000;
  pattern::Rational cps{1, 2};
  double seed = 0.0;            // the patterns' random seed (State::seed)
  int64_t latency_frames = 0;   // added to every event's frame (sync with other gear)
  // A slot making more onsets than this per cycle (averaged over one advance, at least
  // kMinBurst) is treated as a query error: a runaway pattern must not flood the engine.
  int max_events_per_cycle = 2048;
  // Each slot's query runs under a work budget (pattern/budget.hpp) of this many units plus
  // query_work_per_cycle for each cycle it spans: counted work, not time, so a slot fails the
  // same way live and in render/replay. Past it the query is an error (the slot falls back to
  // its last good pattern). A unit is roughly 10-100 ns; the example sets use under 100 units a
  // tick (tests/runtime/hostile_test.cpp measures them), a query of a whole cycle at the events
  // limit about 60000.
  int64_t query_work = int64_t{1} << 15;
  int64_t query_work_per_cycle = int64_t{1} << 17;
};

class Scheduler {
 public:
  using Rational = pattern::Rational;
  Scheduler(const SchedulerOptions& options, SoundResolver resolve);

  // [SECTION] edits: each takes effect at cycle `at`, which must not precede horizon_cycle()
  // (earlier values are moved up to it).
  void set_slot(const std::string& name, const pattern::Pattern& pat, const SourceRef& source, Rational at);
  // [SECTION] edits before the horizon (immediate swaps): the slot's new version starts at `at`,
  // which may precede the horizon; the next advance queries it from `at` (so the onsets in
  // [at, horizon) come again, from the new version) and the caller cancels the slot's queued
  // engine events from frame_at(at) on (Engine::cancel_slot with slot_tag). Returns the tag.
  uint32_t set_slot_from(const std::string& name, const pattern::Pattern& pat, const SourceRef& source, Rational at);
  // Every slot removed from `at` (which may precede the horizon); returns the tags to cancel.
  std::vector<uint32_t> hush_from(Rational at);
  void set_audible(const std::string& name, bool audible, Rational at);
  void remove_slot(const std::string& name, Rational at);
  void hush(Rational at);  // every slot removed (uniforms stay)
  void set_uniform(const std::string& name, const pattern::Pattern& pat, const SourceRef& source, Rational at);
  // Plays one cycle of `pat` (its cycle 0) starting at `at`.
  void once(const pattern::Pattern& pat, const SourceRef& source, Rational at);
  void set_cps(Rational cps, Rational at);
  // Following an outside clock (cycle_follower.hpp): from the horizon frame on, the horizon is
  // cycle `cycle` (a jump forward skips the onsets in between; never backward, so none doubles)
  // at `cps`; tempo changes planned later are dropped (the outside clock owns the tempo).
  void retime(Rational cycle, Rational cps);

  // [SECTION] the clock.
  // Schedules every onset in [horizon, to_frame) and moves the horizon there; onsets are
  // appended to `out` in time order.
  void advance(int64_t to_frame, std::vector<ScheduledHap>& out);
  int64_t horizon_frame() const { return horizon_frame_; }
  Rational horizon_cycle() const { return horizon_cycle_; }
  // Where an edit lands: the horizon (immediate) or the next cycle start at or after it.
  Rational immediate_cycle() const { return horizon_cycle_; }
  Rational next_cycle() const { return horizon_cycle_.ceil(); }
  const TempoMap& tempo() const { return tempo_; }
  // Called before each slot is queried (the runtime arms the Lua query budget there).
  void set_query_guard(std::function<void()> guard) { query_guard_ = std::move(guard); }

  // [SECTION] reports.
  // Messages (query errors, unknown sounds), each reported once; taken by the caller.
  bool poll_message(std::string& out);
  // The lines log()/logValues() wrote, in the order their events were scheduled; taken by the
  // caller. At most kMaxLogLines wait: later ones are dropped (counted), and once the queue is
  // drained one line says how many were.
  static constexpr size_t kMaxLogLines = 256;
  bool poll_log(std::string& out);
  uint64_t log_lines() const { return log_lines_; }
  uint64_t log_dropped() const { return log_dropped_; }
  // The slots now (at the horizon), in the order first filled; inaudible ones prefixed "-".
  std::vector<std::string> slot_names() const;
  uint64_t events_scheduled() const { return events_; }
  uint64_t query_errors() const { return query_errors_; }
  // The most work units one slot's query has used so far (how far from the budget a set is).
  int64_t max_query_work() const { return max_query_work_; }

 private:
  struct Version {
    Rational from;
    bool present = false;  // false: the slot is empty from `from` on
    bool audible = true;
    pattern::Pattern pat;
    SourceRef source;
  };
  struct Slot {
    std::string name;
    bool is_uniform = false;
    bool is_once = false;
    Rational once_at;
    std::vector<Version> versions;  // sorted by `from`
    std::optional<pattern::Pattern> last_good;
    SourceRef last_good_source;
    uint32_t tag = 0;                 // VoiceEvent::slot of its events
    std::optional<Rational> backfill;  // queried again from here at the next advance
  };
  Slot& slot(const std::string& name);
  Version current_at(const Slot& s, Rational at) const;
  void add_version(Slot& s, Version v);
  void query_slot(Slot& s, size_t version, Rational from, Rational to, std::vector<ScheduledHap>& out);
  void emit(Slot& s, const Version& v, const pattern::Hap& hap, Rational shift, std::vector<ScheduledHap>& out);
  void report(const std::string& message);
  void write_log(const pattern::Hap& hap);

  SchedulerOptions options_;
  SoundResolver resolve_;
  std::function<void()> query_guard_;
  TempoMap tempo_;
  int64_t horizon_frame_ = 0;
  Rational horizon_cycle_{0};
  std::vector<Slot> slots_;  // in the order first filled
  std::map<std::string, audio::SoundId> sounds_;
  std::deque<std::string> messages_;
  std::map<std::string, int> reported_;  // message -> count, so each is reported once
  std::deque<std::string> log_;          // not deduplicated (a log repeats): bounded instead
  uint64_t log_lines_ = 0;               // written into log_
  uint64_t log_dropped_ = 0;             // dropped, the queue being full
  uint64_t log_unsaid_ = 0;              // dropped since the last note that said so
  uint64_t events_ = 0;
  uint64_t query_errors_ = 0;
  int64_t max_query_work_ = 0;
  uint64_t once_count_ = 0;
  uint32_t next_tag_ = 0;
};

}  // namespace mr::runtime
