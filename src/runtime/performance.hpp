// A performance: the Lua host (with the pattern and performance functions and the prelude), the
// set's state and the scheduler, on one thread. The live session and offline rendering (render,
// replay, tests) both drive this class, so what they play is the same code path.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "pattern/pattern.hpp"
#include "pattern/rational.hpp"
#include "runtime/lua_host.hpp"
#include "runtime/scheduler.hpp"

namespace mr::runtime {

struct PerformanceOptions {
  LuaHostOptions lua;
  SchedulerOptions scheduler;
  std::vector<std::string> prelude_paths;  // Lua files run at start, in order
  int64_t lua_seed = 0;                    // math.randomseed, so Lua's randomness replays too
  double query_budget_ms = 50.0;           // Lua code called by one slot's query is cut after this
  // The live session's control inputs (ctrl("name")); null offline (ctrl gives its default).
  // Read only on the thread that queries (control_inputs.hpp); must outlive the performance.
  class ControlInputs* inputs = nullptr;
  // The live session's MIDI input (cc(), midinote(), midivel()); null offline (their defaults).
  // Read only on the thread that queries (midi_input.hpp); must outlive the performance.
  class MidiInput* midi = nullptr;
  // The live session's Ableton Link (session.cpp): `link(on)` in an evaluation calls `link` when
  // it is applied, before its tempo; a tempo set while `tempo` returns true went to the Link
  // session (every peer's) instead of this performance's tempo map. Empty offline, where link()
  // says that it does nothing.
  std::function<void(bool on)> link;
  std::function<bool(double cps)> tempo;
};

// The code of one evaluation.
struct EvalSource {
  std::string buffer = "scratch";
  std::string code;
  int first_line = 1;
  int32_t first_byte = 0;
  bool strudel = false;  // Strudel code (the JavaScript dialect), translated to Lua first
  bool whole = true;     // the whole buffer: a Strudel program then replaces everything (hush)
  // A Lua buffer evaluated whole: the set becomes what it names. Every slot it did not give a
  // pattern stops at the cycle its new slots start. False for a block (the others play on).
  bool replace_set = false;
  uint64_t revision = 0;  // the buffer's text revision that first_byte and the spans index (source_ref.hpp)
};

// The folder holding the prelude and the pattern library: $MOONRAVE_HOME/patterns, ./patterns,
// else the source tree's.
std::string default_patterns_dir();

class Performance {
 public:
  using Rational = pattern::Rational;
  Performance(const PerformanceOptions& options, SoundResolver resolve);
  ~Performance();
  Performance(const Performance&) = delete;
  Performance& operator=(const Performance&) = delete;

  // Blocking: runs `src` and, when it succeeds, applies its edits at cycle `at` (at least the
  // scheduler's horizon).
  LuaError evaluate(const EvalSource& src, Rational at);
  // Stepwise: begin() compiles (an error means nothing runs), step() runs for up to `slice_ms`
  // and returns true when done with `result`; after success, commit() applies the edits at `at`.
  LuaError begin(const EvalSource& src);
  bool step(double slice_ms, LuaError& result);
  bool evaluating() const;
  void commit(Rational at);
  // An immediate swap before the horizon: when the evaluation only replaced slots or hushed
  // (no tempo, mute/solo, uniform or once), applies it at `at` (which may precede the horizon)
  // and returns true with the slots whose engine events from frame_at(at) on must be cancelled;
  // otherwise changes nothing and returns false (commit at the horizon instead).
  bool commit_before_horizon(Rational at, std::vector<uint32_t>& cancel);
  void discard();
  // Queries the slots up to `to_frame` (Lua called by queries under the query budget).
  void advance(int64_t to_frame, std::vector<ScheduledHap>& out);

  Scheduler& scheduler();
  LuaHost& host();
  // The slots as the Lua code sees them (committed state), "-" prefixed when not audible.
  std::vector<std::string> slot_names() const;
  // The patterns of the audible slots (committed state), in slot order: what the set plays.
  std::vector<pattern::Pattern> audible_patterns() const;
  // Warnings of the last evaluation applied (commit), e.g. samples from a URL.
  std::vector<std::string> take_warnings();
  // Errors from the prelude, if any.
  const std::vector<std::string>& startup_errors() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mr::runtime
