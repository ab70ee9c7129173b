// Default bindings and chord parsing (key names are SDL's, so any key SDL knows can be bound).
#include "ui/keymap.hpp"

#include <SDL2/SDL_keyboard.h>

#include <cctype>

#include "base/assert.hpp"

namespace mr::ui {

const std::vector<ActionInfo>& action_table() {
  static const std::vector<ActionInfo> table = {
      {Action::EvaluateBlock, "evaluate_block", "Ctrl+Return", "evaluate the block under the cursor (the paragraph, or the selection)"},
      {Action::EvaluateBuffer, "evaluate_buffer", "Ctrl+Shift+Return", "evaluate the whole buffer"},
      {Action::Hush, "hush", "Ctrl+.", "hush: silence every pattern"},
      {Action::Panic, "panic", "Ctrl+Shift+.", "panic: hush and fade the visuals to black (evaluating brings them back)"},
      {Action::ToggleCode, "toggle_code", "Ctrl+Shift+H", "visuals only / code over visuals"},
      {Action::Fullscreen, "fullscreen", "F11", "fullscreen"},
      {Action::FontBigger, "font_bigger", "Ctrl+=", "bigger text"},
      {Action::FontSmaller, "font_smaller", "Ctrl+-", "smaller text"},
      {Action::NextBuffer, "next_buffer", "Ctrl+Tab", "next buffer (music, visuals, ...)"},
      {Action::PrevBuffer, "prev_buffer", "Ctrl+Shift+Tab", "previous buffer"},
      {Action::Save, "save", "Ctrl+S", "save the buffer"},
      {Action::Open, "open", "Ctrl+O", "open a file (with the recent files)"},
      {Action::Record, "record", "Ctrl+R", "record the output to a WAV file, the performance log beside it (again to stop)"},
      {Action::Help, "help", "F1", "help: keys, tutorial, reference, examples (Tab: next page)"},
      {Action::Reference, "reference", "F2", "search the reference from the word at the cursor (Enter inserts the example)"},
      {Action::Examples, "examples", "Ctrl+E", "browse the example sets (Enter opens one in new tabs: its shader at once, its music when evaluated)"},
      {Action::Find, "find", "Ctrl+F", "find"},
      {Action::FindNext, "find_next", "F3", "find the next match"},
      {Action::GoToLine, "go_to_line", "Ctrl+G", "go to line"},
      {Action::AudienceWindow, "audience_window", "F12", "open or close the audience window"},
      {Action::Undo, "undo", "Ctrl+Z", "undo"},
      {Action::Redo, "redo", "Ctrl+Shift+Z", "redo", "Ctrl+Y"},
      {Action::Cut, "cut", "Ctrl+X", "cut"},
      {Action::Copy, "copy", "Ctrl+C", "copy"},
      {Action::Paste, "paste", "Ctrl+V", "paste"},
      {Action::SelectAll, "select_all", "Ctrl+A", "select all"},
      {Action::ToggleComment, "toggle_comment", "Ctrl+/", "comment or uncomment the lines"},
      {Action::DeleteLine, "delete_line", "Ctrl+K", "delete the line"},
      {Action::Quit, "quit", "Ctrl+Q", "quit (asks when there are unsaved changes)"},
  };
  return table;
}

const std::vector<FixedKey>& fixed_keys() {
  static const std::vector<FixedKey> keys = {{"Tab", "accept the suggestion (else indent)"},
                                             {"Shift+Tab", "outdent"},
                                             {"Ctrl+Right", "accept the suggestion's next word"},
                                             {"Escape", "dismiss the suggestion, close the help pane or a prompt"}};
  return keys;
}

namespace {

// A chord of the table above: one that does not parse is our bug, caught at the first start.
Chord table_chord(const char* text) {
  const auto c = parse_chord(text, nullptr);
  MR_ASSERT(c.has_value());
  return *c;
}

}  // namespace

std::string key_table_markdown() {
  std::string out = "| keys | action | config name |\n| --- | --- | --- |\n";
  for (const auto& a : action_table()) {
    std::string keys = chord_name(table_chord(a.chord));
    if (*a.also) keys += " (" + chord_name(table_chord(a.also)) + ")";
    out += "| " + keys + " | " + a.help + " | `" + a.name + "` |\n";
  }
  for (const auto& f : fixed_keys()) out += std::string("| ") + f.chord + " | " + f.help + " | |\n";
  return out;
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<Chord> parse_chord(std::string_view text, std::string* error) {
  Chord c;
  std::string_view rest = text;
  // Split on '+', but a trailing "+" (as in "Ctrl++") is the plus key itself.
  while (true) {
    size_t plus = rest.find('+');
    if (plus == std::string_view::npos || plus + 1 == rest.size() || plus == 0) break;
    std::string mod = lower(rest.substr(0, plus));
    if (mod == "ctrl" || mod == "control" || mod == "cmd") c.mods |= kCtrl;
    else if (mod == "shift") c.mods |= kShift;
    else if (mod == "alt" || mod == "option") c.mods |= kAlt;
    else {
      if (error) *error = "unknown modifier '" + std::string(rest.substr(0, plus)) + "' in \"" + std::string(text) + "\" (use Ctrl, Shift, Alt)";
      return std::nullopt;
    }
    rest.remove_prefix(plus + 1);
  }
  std::string key(rest);
  if (key.empty()) {
    if (error) *error = "no key in \"" + std::string(text) + "\"";
    return std::nullopt;
  }
  if (lower(key) == "enter") key = "Return";
  if (lower(key) == "esc") key = "Escape";
  SDL_Keycode k = key.size() == 1 ? static_cast<SDL_Keycode>(std::tolower(static_cast<unsigned char>(key[0])))
                                  : SDL_GetKeyFromName(key.c_str());
  if (k == SDLK_UNKNOWN) {
    if (error) *error = "unknown key '" + key + "' in \"" + std::string(text) + "\"";
    return std::nullopt;
  }
  c.key = static_cast<int>(k);
  return c;
}

std::string chord_name(const Chord& c) {
  std::string out;
  if (c.mods & kCtrl) out += "Ctrl+";
  if (c.mods & kShift) out += "Shift+";
  if (c.mods & kAlt) out += "Alt+";
  const char* name = SDL_GetKeyName(static_cast<SDL_Keycode>(c.key));
  out += (name && *name) ? name : "?";
  return out;
}

Keymap::Keymap() {
  by_action_.resize(static_cast<size_t>(Action::kCount));
  for (const auto& a : action_table()) {
    by_action_[static_cast<size_t>(a.action)] = table_chord(a.chord);
    if (*a.also) also_.emplace_back(table_chord(a.also), a.action);
  }
}

bool Keymap::apply(const std::map<std::string, std::string>& overrides, std::string& error) {
  std::vector<Chord> next = by_action_;
  for (const auto& [name, chord] : overrides) {
    const ActionInfo* info = nullptr;
    for (const auto& a : action_table())
      if (name == a.name) info = &a;
    if (!info) {
      error = "editor.keys." + name + ": unknown action";
      return false;
    }
    std::string e;
    auto c = parse_chord(chord, &e);
    if (!c) {
      error = "editor.keys." + name + ": " + e;
      return false;
    }
    next[static_cast<size_t>(info->action)] = *c;
  }
  // One key, one action: a chord taken twice (by two overrides, or by one and another action's
  // default) would leave one of them unreachable without a word.
  const auto& table = action_table();
  for (const auto& [name, chord] : overrides) {
    const ActionInfo* mine = nullptr;
    for (const auto& a : table)
      if (name == a.name) mine = &a;
    for (const auto& other : table) {
      if (&other == mine || next[static_cast<size_t>(other.action)] != next[static_cast<size_t>(mine->action)]) continue;
      error = "editor.keys." + name + ": " + chord_name(next[static_cast<size_t>(mine->action)]) + " is already the key of " +
              other.name + " (rebind that too, or pick another key)";
      return false;
    }
  }
  by_action_ = std::move(next);
  return true;
}

std::optional<Action> Keymap::match(const Chord& c) const {
  for (size_t i = 0; i < by_action_.size(); ++i)
    if (by_action_[i] == c) return static_cast<Action>(i);
  for (const auto& [chord, action] : also_)
    if (chord == c) return action;
  return std::nullopt;
}

}  // namespace mr::ui
