// The help pane (F1): four pages in one window over the editor. Keys (the keymap as bound now),
// Tutorial (docs/tutorial.md by section, each snippet put in the buffer or played with a key),
// Reference (every function and control, searched as the performer types; F2 opens it on the
// word at the cursor) and Examples (the example sets; Ctrl+E). The pane owns the keyboard while
// it is open, so nothing typed reaches the code behind it. It owns no buffers: what it wants
// done to them (insert a snippet, open a set) it asks for with a HelpRequest.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "runtime/example_index.hpp"
#include "runtime/reference.hpp"
#include "ui/keymap.hpp"
#include "ui/syntax.hpp"
#include "ui/theme.hpp"

struct ImFont;

namespace mr::ui {

enum class HelpTab { Keys, Tutorial, Reference, Examples };

// What the pane asks the stage to do.
struct HelpRequest {
  enum class Kind { Insert, Play, OpenExample, Message };
  Kind kind = Kind::Insert;
  std::string code;                  // Insert, Play: the snippet
  Language language = Language::Lua;
  size_t example = 0;                // OpenExample: its index in examples()
  std::string message;               // Message: for the status line
};

// What the pane draws with (the performer's window, a frame's worth).
struct HelpView {
  const Keymap* keymap = nullptr;
  const Theme* theme = nullptr;
  ImFont* ui_font = nullptr;
  ImFont* pane_font = nullptr;
  ImFont* code_font = nullptr;
  float width = 0, height = 0;  // the window, in window units
  float dpi_scale = 1.0f;
  double now = 0;               // seconds (the cursor blinks)
};

class HelpPane {
 public:
  // The program's own files (docs/tutorial.md, examples/, the registry) are read from here.
  void set_data_dir(std::string dir) { data_dir_ = std::move(dir); }
  bool is_open() const { return open_; }
  HelpTab tab() const { return tab_; }
  // Opens on a page (the data is read the first time).
  void open(HelpTab tab);
  void close() { open_ = false; }
  // Opens the reference searching `word` (the word at the cursor: the first key typed replaces it).
  void open_reference(const std::string& word);
  // A key while open: true when the pane took it. `action` is what the keymap binds the chord to;
  // the evaluate chords play the selection, other bound chords are left to the stage.
  bool key(const Chord& chord, std::optional<Action> action, double now);
  // Typed text while open: the reference's search, the examples' type-ahead.
  void text(const char* text, double now);
  // Draws the pane (an ImGui frame of the performer's window is under way).
  void draw(const HelpView& view);
  // What the last key, text or draw asked for, once.
  std::optional<HelpRequest> take_request();

  // For the report and tests.
  const std::string& query() const { return query_; }
  const std::vector<size_t>& hits() const { return hits_; }
  const std::vector<runtime::RefEntry>& entries() const { return entries_; }
  std::string selected_name() const;  // the reference entry selected, "" when none
  const std::vector<runtime::ExampleSet>& examples() const { return examples_; }
  // The pane's state as `help.* = value` lines.
  std::string report() const;

 private:
  void load();
  void search();
  void draw_keys();
  void draw_tutorial();
  void draw_reference();
  void draw_examples();
  void draw_code(const std::string& code, Language lang, float width);
  void request_snippet(const std::string& code, Language lang, bool play);
  void request_example(size_t i);
  void request_message(const std::string& m);

  std::string data_dir_;
  HelpView view_;  // of the frame being drawn
  std::optional<HelpRequest> request_;
  bool open_ = false;
  HelpTab tab_ = HelpTab::Keys;
  int force_tab_ = 0;    // frames the tab bar follows tab_ (a key changed it)
  bool scroll_ = false;  // the keyboard moved a selection: scroll it into view
  bool loaded_ = false;
  std::string query_;
  bool query_fresh_ = false;  // pre-filled from the cursor: typing replaces it
  std::vector<runtime::RefEntry> entries_;
  std::vector<size_t> hits_;
  int ref_sel_ = 0;
  std::vector<runtime::TutorialSection> tutorial_;
  int tut_sel_ = 0, tut_snippet_ = 0;
  std::vector<runtime::ExampleSet> examples_;
  int ex_sel_ = 0;
  std::string ex_typed_;  // the examples page's type-ahead
  double ex_typed_at_ = -10;
  int keys_scroll_ = 0;     // lines the keys page scrolls by at its next frame
  int ex_preview_of_ = -1;  // the set whose code ex_preview_ holds
  std::string ex_preview_;
  std::string ex_try_;  // the header's other lines ("Try: ...")
};

}  // namespace mr::ui
