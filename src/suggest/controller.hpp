// The editor side of suggestions, without any drawing: it debounces typing, sends requests to
// the engine, keeps the answer that matches what is on screen, and turns Tab / Ctrl-Right / Esc
// into the text to insert. The stage draws `ghost()` at the cursor and `list()` beside it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "suggest/engine.hpp"

namespace mr::suggest {

// True when inserting `completion` at `cursor` keeps the brackets and quotes balanced: it closes
// whatever it opens, closes nothing that was not open, and leaves the line (with what follows
// the cursor) no less balanced than before. Only such completions are shown.
bool keeps_balance(const std::string& text, size_t cursor, const std::string& completion);

class Controller {
 public:
  explicit Controller(Engine* engine, double debounce_ms = 60) : engine_(engine), debounce_ms_(debounce_ms) {}

  // Call on every edit or cursor move, with the time in milliseconds (any monotonic clock).
  // Suggestions are asked for after an edit, where the rest of the line is empty or only closes
  // what is open (`)`, `]`, quotes...): a cursor move clears them, and no ghost text is drawn
  // over code that follows the cursor.
  void on_edit(const std::string& text, size_t cursor, double now_ms);
  // Call once a frame: sends the pending request after the debounce, takes new answers.
  void update(double now_ms, const std::string& context = "");

  // The first suggestion's text (drawn dimmed after the cursor), or "".
  std::string ghost() const;
  const std::vector<Completion>& list() const { return shown_; }
  const std::string& provider() const { return provider_; }
  double latency_ms() const { return latency_ms_; }

  // Tab: the whole first suggestion. Ctrl-Right: its first word. Both clear what is shown.
  std::string accept();
  std::string accept_word();
  void dismiss();  // Esc: nothing shown until the next edit
  // True when the cursor's line holds nothing but spaces before it: nothing is suggested there.
  static bool blank_line_at(const std::string& text, size_t cursor);

 private:
  Engine* engine_;
  double debounce_ms_;
  uint64_t next_id_ = 1;
  uint64_t sent_id_ = 0;
  bool dirty_ = false;
  bool dismissed_ = false;
  double edited_at_ = 0;
  std::string text_;
  size_t cursor_ = 0;
  std::vector<Completion> shown_;
  std::string provider_;
  double latency_ms_ = 0;
};

}  // namespace mr::suggest
