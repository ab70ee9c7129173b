// The editor's text: lines of UTF-8, a cursor with a selection, and an undo history. Pure data
// (no ImGui), so every editing operation is unit-tested. Positions are (line, byte column);
// byte offsets into the whole text map to them for highlighting what a pattern is playing.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mr::ui {

struct TextPos {
  int line = 0;
  int col = 0;  // byte column, always on a UTF-8 character boundary
  friend bool operator==(const TextPos&, const TextPos&) = default;
  friend auto operator<=>(const TextPos&, const TextPos&) = default;
};

struct TextRange {
  TextPos begin;
  TextPos end;
  bool empty() const { return begin == end; }
};

enum class Language { Lua, Glsl, Plain, Strudel };  // Strudel: the JavaScript dialect (strudel/)

class TextBuffer {
 public:
  explicit TextBuffer(std::string_view text = "", Language lang = Language::Lua);

  // [SECTION] content
  std::string text() const;
  void set_text(std::string_view text);  // clears the history
  int line_count() const { return static_cast<int>(lines_.size()); }
  const std::string& line(int i) const { return lines_[static_cast<size_t>(i)]; }
  Language language() const { return lang_; }
  void set_language(Language lang) { lang_ = lang; }
  bool modified() const { return version_ != saved_version_; }
  void mark_saved() { saved_version_ = version_; }
  uint64_t version() const { return version_; }  // changes on every edit

  // Marks made on an earlier version of the text (the sounding atoms and error lines of an
  // evaluation) follow the edits made since: these map a byte range or a line of version `from`
  // onto the text now. They return false when the text was deleted (or replaced whole), or when
  // `from` is older than the edits remembered (the last kMaxChanges).
  bool map_range(uint64_t from, int64_t& begin, int64_t& end) const;
  bool map_line(uint64_t from, int& line) const;
  static constexpr size_t kMaxChanges = 4096;

  // [SECTION] cursor and selection (the anchor stays put while the cursor moves with shift)
  TextPos cursor() const { return cursor_; }
  TextPos anchor() const { return anchor_; }
  bool has_selection() const { return cursor_ != anchor_; }
  TextRange selection() const;  // ordered
  std::string selected_text() const;
  void set_cursor(TextPos p, bool extend_selection = false);
  void select(TextRange r);
  void select_all();
  void move_left(bool select = false, bool word = false);
  void move_right(bool select = false, bool word = false);
  void move_up(bool select = false, int lines = 1);
  void move_down(bool select = false, int lines = 1);
  void move_home(bool select = false);  // first non-blank, then column 0
  void move_end(bool select = false);
  void move_doc_start(bool select = false);
  void move_doc_end(bool select = false);

  // [SECTION] editing (each is one undo step; consecutive typing merges into one)
  void insert(std::string_view text);  // replaces the selection
  void type_char(std::string_view utf8_char);  // insert + auto-close of nothing: plain typing
  void newline();                       // with auto-indent
  void backspace();
  void delete_forward();
  void delete_line();
  void indent();    // selected lines, or a tab stop at the cursor
  void outdent();
  void toggle_comment();  // "-- " for Lua, "// " for GLSL
  // Replaces the whole text in one undo step that remembers the cursor, not a selection (so
  // undoing it leaves the cursor where it was): a crash restore.
  void replace_all(std::string_view text);
  bool undo();
  bool redo();

  // [SECTION] queries
  // The bracket matching the one at or just before the cursor.
  std::optional<TextPos> matching_bracket() const;
  // Next occurrence of `needle` after (or before) the cursor, wrapping; selects it when found.
  bool find(std::string_view needle, bool backwards = false, bool case_sensitive = false);
  void go_to_line(int line);  // 1-based, clamped
  // The paragraph around the cursor (lines up to blank lines): what "evaluate block" sends.
  TextRange block_at_cursor() const;
  std::string text_in(TextRange r) const;
  int64_t offset_of(TextPos p) const;  // byte offset in text()
  TextPos pos_of(int64_t offset) const;
  TextPos clamp(TextPos p) const;

 private:
  struct Edit {
    TextPos at;
    std::string removed;
    std::string inserted;
    TextPos cursor_before, anchor_before;
    TextPos cursor_after, anchor_after;
    bool mergeable = false;  // plain typing, merged with the previous typing edit
  };

  // One undoable edit: replaces r by text and leaves the cursor after it.
  void edit(TextRange r, std::string_view text);
  // Applies a replacement of range r by text; returns the end of the inserted text.
  TextPos replace(TextRange r, std::string_view text);
  void record(Edit e);
  TextPos end_of_insert(TextPos at, std::string_view text) const;
  std::string comment_prefix() const;

  std::vector<std::string> lines_;
  Language lang_;
  TextPos cursor_;
  TextPos anchor_;
  int preferred_col_ = -1;
  bool typing_ = false;  // the edit being recorded is plain typing (merges with the previous one)  // column kept while moving up/down through short lines
  std::vector<Edit> undo_;
  std::vector<Edit> redo_;
  // Every replacement since the text was last set whole, for map_range and map_line: the version
  // it made, where it was (byte offset and line) and what it removed and inserted.
  struct Change {
    uint64_t version;
    int64_t at;
    int64_t removed, inserted;  // bytes
    int line;                   // of `at`
    bool at_line_start;         // `at` is the line's first byte
    int removed_lines, inserted_lines;  // newlines removed and inserted
  };
  std::deque<Change> changes_;
  size_t first_change_after(uint64_t from) const;
  uint64_t changes_from_ = 0;  // the oldest version the changes map from
  uint64_t version_ = 0;
  uint64_t saved_version_ = 0;
};

}  // namespace mr::ui
