// Key bindings: every stage action has a default chord ("Ctrl+Return"), rebindable from the
// config's editor.keys table. Chords are parsed once; matching a key press is a table lookup.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mr::ui {

enum class Action {
  EvaluateBlock, EvaluateBuffer, Hush, Panic, ToggleCode, Fullscreen, FontBigger, FontSmaller,
  NextBuffer, PrevBuffer, Save, Open, Record, Help, Reference, Examples, Find, FindNext, GoToLine, AudienceWindow,
  Undo, Redo, Cut, Copy, Paste, SelectAll, ToggleComment, DeleteLine, Quit, kCount
};

// The one table of the stage's actions: the keymap, the help pane's Keys page and the README's
// key table (checked by tests/ui/docs_test.cpp) all read it.
struct ActionInfo {
  Action action;
  const char* name;        // config key, e.g. "evaluate_block"
  const char* chord;       // default, e.g. "Ctrl+Return"
  const char* help;        // for the help pane and the README
  const char* also = "";   // a second chord that always does it too (not rebindable), or ""
};
const std::vector<ActionInfo>& action_table();

// Keys the editor handles itself (not actions, not rebindable), listed beside the actions.
struct FixedKey {
  const char* chord;
  const char* help;
};
const std::vector<FixedKey>& fixed_keys();

// The README's key table (Markdown rows under a header) from the two tables above.
std::string key_table_markdown();

enum Mod : unsigned { kCtrl = 1, kShift = 2, kAlt = 4 };

struct Chord {
  unsigned mods = 0;
  int key = 0;  // SDL_Keycode (lower-case letters, SDLK_RETURN, ...)
  friend bool operator==(const Chord&, const Chord&) = default;
  friend auto operator<=>(const Chord&, const Chord&) = default;
};

// "Ctrl+Shift+Return", "ctrl+.", "F11"; nullopt with `error` for an unknown key or modifier.
std::optional<Chord> parse_chord(std::string_view text, std::string* error);
std::string chord_name(const Chord& c);

class Keymap {
 public:
  Keymap();  // the defaults
  // Applies config overrides (action name -> chord). Returns false with a message naming the
  // first bad entry; the map is unchanged then.
  bool apply(const std::map<std::string, std::string>& overrides, std::string& error);
  std::optional<Action> match(const Chord& c) const;
  Chord chord_of(Action a) const { return by_action_[static_cast<size_t>(a)]; }

 private:
  std::vector<Chord> by_action_;
  std::vector<std::pair<Chord, Action>> also_;  // the table's second chords
};

}  // namespace mr::ui
