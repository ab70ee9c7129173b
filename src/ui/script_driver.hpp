// The test-script driver: a file of steps (text, key, mouse-down/-move/-up, wait, sleep, settle, shot, shot-audience,
// report, crash, quit) played into the real program a frame at a time. Keys and text go through
// SDL's own event queue (so the real input path runs); what a step does to the stage goes through
// ScriptHost. The window tests drive the program with it (StageOptions::script).
#pragma once

#include <SDL2/SDL_events.h>

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace mr::ui {

// A step of a script: one line "op arg".
struct ScriptStep {
  std::string op;
  std::string arg;
};

// What a script step asks of the program.
class ScriptHost {
 public:
  virtual ~ScriptHost() = default;
  virtual uint32_t script_window_id() = 0;           // key and text events are addressed to it
  virtual void script_push(const SDL_Event& e) = 0;  // into SDL's event queue
  virtual void script_shot(const std::string& path) = 0;           // the performer's window, this frame
  virtual void script_shot_audience(const std::string& path) = 0;  // the audience window, when it next draws
  virtual void script_report(const std::string& path) = 0;         // the `key = value` report
  virtual void script_quit() = 0;
};

// A key press now and its release (for the next frame) for `chord` ("Ctrl+Return"); false and
// `error` when the chord cannot be read.
bool chord_events(const std::string& chord, uint32_t window_id, SDL_Event& down, SDL_Event& up, std::string& error);
// One text-input event per UTF-8 character of `text`.
std::vector<SDL_Event> text_events(const std::string& text, uint32_t window_id);

// A value for a `key = value` report line: newlines and backslashes escaped (\n, \\).
std::string report_value(const std::string& s);

class ScriptDriver {
 public:
  // Reads a script file ('#' lines and blank lines skipped); false with `error` when unreadable.
  bool load(const std::string& path, std::string& error);
  void load_text(const std::string& text);
  // Once a frame: releases the keys pressed last frame, then runs the steps due now. `now` is in
  // seconds; `evals_pending` holds a `settle` step until it is false (10 s at most).
  void tick(double now, bool evals_pending, ScriptHost& host);
  bool loaded() const { return loaded_; }
  // Every step has run and its frames have passed: the program may quit.
  bool finished() const { return loaded_ && steps_.empty() && wait_frames_ == 0; }
  size_t remaining() const { return steps_.size(); }

 private:
  bool loaded_ = false;
  std::deque<ScriptStep> steps_;
  int wait_frames_ = 0;
  double sleep_until_ = 0;
  double settle_start_ = -1;
  std::vector<SDL_Event> key_ups_;  // released at the next frame
};

}  // namespace mr::ui
