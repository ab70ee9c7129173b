// TextBuffer: editing operations over lines of UTF-8 with an undo history.
#include "ui/text_buffer.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>

namespace mr::ui {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
bool is_word(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

int prev_char(const std::string& s, int col) {
  if (col <= 0) return 0;
  --col;
  while (col > 0 && is_continuation(static_cast<unsigned char>(s[static_cast<size_t>(col)]))) --col;
  return col;
}

int next_char(const std::string& s, int col) {
  const int n = static_cast<int>(s.size());
  if (col >= n) return n;
  ++col;
  while (col < n && is_continuation(static_cast<unsigned char>(s[static_cast<size_t>(col)]))) ++col;
  return col;
}

int chars_before(const std::string& s, int col) {
  int n = 0;
  for (int i = 0; i < col && i < static_cast<int>(s.size()); ++i)
    if (!is_continuation(static_cast<unsigned char>(s[static_cast<size_t>(i)]))) ++n;
  return n;
}

int col_of_char(const std::string& s, int chars) {
  int col = 0;
  while (chars > 0 && col < static_cast<int>(s.size())) {
    col = next_char(s, col);
    --chars;
  }
  return col;
}

std::string leading_space(const std::string& s) {
  size_t n = 0;
  while (n < s.size() && (s[n] == ' ' || s[n] == '\t')) ++n;
  return s.substr(0, n);
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

constexpr int kIndent = 2;

// Each buffer counts its versions in a range of its own, so a version names the buffer too: a
// mark made on one buffer's text never maps onto another's (map_range refuses a version that is
// not its own), even where two buffers share a name (set.lua and set.glsl are both "set").
uint64_t first_version() {
  static std::atomic<uint64_t> next{0};
  return next.fetch_add(uint64_t{1} << 32, std::memory_order_relaxed);
}

}  // namespace

TextBuffer::TextBuffer(std::string_view text, Language lang) : lang_(lang), version_(first_version()) { set_text(text); }

// [SECTION] content

std::string TextBuffer::text() const {
  std::string out;
  for (size_t i = 0; i < lines_.size(); ++i) {
    if (i) out += '\n';
    out += lines_[i];
  }
  return out;
}

void TextBuffer::set_text(std::string_view text) {
  lines_.clear();
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    std::string l(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines_.push_back(std::move(l));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  cursor_ = anchor_ = {};
  undo_.clear();
  redo_.clear();
  ++version_;
  saved_version_ = version_;
  changes_.clear();
  changes_from_ = version_;
}

// Each replacement makes the next version, so the changes after `from` start at a known index.
size_t TextBuffer::first_change_after(uint64_t from) const {
  if (changes_.empty() || from < changes_.front().version) return 0;
  return static_cast<size_t>(from + 1 - changes_.front().version);
}

bool TextBuffer::map_range(uint64_t from, int64_t& begin, int64_t& end) const {
  if (from < changes_from_ || from > version_) return false;
  for (size_t i = first_change_after(from); i < changes_.size(); ++i) {
    const Change& c = changes_[i];
    const int64_t delta = c.inserted - c.removed;
    const int64_t cut = c.at + c.removed;
    if (end <= c.at) continue;  // before it
    if (begin >= cut) {  // after it (text inserted where the range begins pushes it on)
      begin += delta;
      end += delta;
      continue;
    }
    // Overlapping: what was removed from the range is gone; what was typed inside it joins it.
    if (begin >= c.at && end <= cut) return false;  // all of it removed
    if (begin > c.at) begin = c.at + c.inserted;
    end = end > cut ? end + delta : c.at;
    if (end <= begin) return false;
  }
  return true;
}

bool TextBuffer::map_line(uint64_t from, int& line) const {
  if (from < changes_from_ || from > version_) return false;
  for (size_t i = first_change_after(from); i < changes_.size(); ++i) {
    const Change& c = changes_[i];
    const int last = c.line + c.removed_lines;  // the removed text's last line
    if (line < c.line) continue;
    if (line > last) {
      line += c.inserted_lines - c.removed_lines;
    } else if (line > c.line && line < last) {
      return false;  // the whole line removed
    } else if (line == c.line && c.at_line_start) {
      if (last > c.line) return false;  // from its start through its newline: removed
      line += c.inserted_lines;         // its text now follows what was inserted before it
    } else if (line == last && last > c.line) {
      line = c.line + c.inserted_lines;  // its tail follows the inserted text
    }
  }
  return true;
}

TextPos TextBuffer::clamp(TextPos p) const {
  p.line = std::clamp(p.line, 0, line_count() - 1);
  const std::string& l = line(p.line);
  p.col = std::clamp(p.col, 0, static_cast<int>(l.size()));
  while (p.col > 0 && p.col < static_cast<int>(l.size()) && is_continuation(static_cast<unsigned char>(l[static_cast<size_t>(p.col)])))
    --p.col;
  return p;
}

// [SECTION] cursor and selection

TextRange TextBuffer::selection() const {
  return cursor_ < anchor_ ? TextRange{cursor_, anchor_} : TextRange{anchor_, cursor_};
}

std::string TextBuffer::selected_text() const { return text_in(selection()); }

void TextBuffer::set_cursor(TextPos p, bool extend_selection) {
  cursor_ = clamp(p);
  if (!extend_selection) anchor_ = cursor_;
  preferred_col_ = -1;
}

void TextBuffer::select(TextRange r) {
  anchor_ = clamp(r.begin);
  cursor_ = clamp(r.end);
  preferred_col_ = -1;
}

void TextBuffer::select_all() { select({{0, 0}, {line_count() - 1, static_cast<int>(lines_.back().size())}}); }

void TextBuffer::move_left(bool sel, bool word) {
  if (!sel && has_selection()) return set_cursor(selection().begin);
  TextPos p = cursor_;
  if (p.col == 0) {
    if (p.line > 0) p = {p.line - 1, static_cast<int>(line(p.line - 1).size())};
  } else if (word) {
    const std::string& l = line(p.line);
    while (p.col > 0 && !is_word(static_cast<unsigned char>(l[static_cast<size_t>(p.col - 1)]))) --p.col;
    while (p.col > 0 && is_word(static_cast<unsigned char>(l[static_cast<size_t>(p.col - 1)]))) --p.col;
  } else {
    p.col = prev_char(line(p.line), p.col);
  }
  set_cursor(p, sel);
}

void TextBuffer::move_right(bool sel, bool word) {
  if (!sel && has_selection()) return set_cursor(selection().end);
  TextPos p = cursor_;
  const std::string& l = line(p.line);
  if (p.col >= static_cast<int>(l.size())) {
    if (p.line + 1 < line_count()) p = {p.line + 1, 0};
  } else if (word) {
    const int n = static_cast<int>(l.size());
    while (p.col < n && !is_word(static_cast<unsigned char>(l[static_cast<size_t>(p.col)]))) ++p.col;
    while (p.col < n && is_word(static_cast<unsigned char>(l[static_cast<size_t>(p.col)]))) ++p.col;
  } else {
    p.col = next_char(l, p.col);
  }
  set_cursor(p, sel);
}

void TextBuffer::move_up(bool sel, int n) {
  int want = preferred_col_ >= 0 ? preferred_col_ : chars_before(line(cursor_.line), cursor_.col);
  TextPos p = cursor_;
  if (p.line == 0) {
    p.col = 0;
    set_cursor(p, sel);
    return;
  }
  p.line = std::max(0, p.line - n);
  p.col = col_of_char(line(p.line), want);
  set_cursor(p, sel);
  preferred_col_ = want;
}

void TextBuffer::move_down(bool sel, int n) {
  int want = preferred_col_ >= 0 ? preferred_col_ : chars_before(line(cursor_.line), cursor_.col);
  TextPos p = cursor_;
  if (p.line == line_count() - 1) {
    p.col = static_cast<int>(line(p.line).size());
    set_cursor(p, sel);
    return;
  }
  p.line = std::min(line_count() - 1, p.line + n);
  p.col = col_of_char(line(p.line), want);
  set_cursor(p, sel);
  preferred_col_ = want;
}

void TextBuffer::move_home(bool sel) {
  int indent = static_cast<int>(leading_space(line(cursor_.line)).size());
  set_cursor({cursor_.line, cursor_.col == indent ? 0 : indent}, sel);
}

void TextBuffer::move_end(bool sel) { set_cursor({cursor_.line, static_cast<int>(line(cursor_.line).size())}, sel); }
void TextBuffer::move_doc_start(bool sel) { set_cursor({0, 0}, sel); }
void TextBuffer::move_doc_end(bool sel) {
  set_cursor({line_count() - 1, static_cast<int>(lines_.back().size())}, sel);
}

// [SECTION] editing

TextPos TextBuffer::end_of_insert(TextPos at, std::string_view text) const {
  TextPos end = at;
  for (char c : text) {
    if (c == '\n') {
      ++end.line;
      end.col = 0;
    } else {
      ++end.col;
    }
  }
  return end;
}

TextPos TextBuffer::replace(TextRange r, std::string_view text) {
  r.begin = clamp(r.begin);
  r.end = clamp(r.end);
  {
    Change c{version_ + 1, offset_of(r.begin), 0, 0, r.begin.line, r.begin.col == 0, r.end.line - r.begin.line, 0};
    c.removed = offset_of(r.end) - c.at;
    for (char ch : text) {
      if (ch == '\r') continue;
      ++c.inserted;
      c.inserted_lines += ch == '\n';
    }
    changes_.push_back(c);
    if (changes_.size() > kMaxChanges) {
      changes_from_ = changes_.front().version;
      changes_.pop_front();
    }
  }
  std::string head = lines_[static_cast<size_t>(r.begin.line)].substr(0, static_cast<size_t>(r.begin.col));
  std::string tail = lines_[static_cast<size_t>(r.end.line)].substr(static_cast<size_t>(r.end.col));
  lines_.erase(lines_.begin() + r.begin.line, lines_.begin() + r.end.line + 1);
  std::vector<std::string> fresh;
  std::string cur = head;
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n') {
      fresh.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  TextPos end{r.begin.line + static_cast<int>(fresh.size()), static_cast<int>(cur.size())};
  cur += tail;
  fresh.push_back(std::move(cur));
  lines_.insert(lines_.begin() + r.begin.line, fresh.begin(), fresh.end());
  ++version_;
  return end;
}

void TextBuffer::record(Edit e) {
  redo_.clear();
  if (e.mergeable && !undo_.empty() && undo_.back().mergeable && e.removed.empty() &&
      undo_.back().removed.empty() && undo_.back().cursor_after == e.at &&
      !undo_.back().inserted.empty() && undo_.back().inserted.back() != ' ' &&
      undo_.back().inserted.back() != '\n') {
    // A word and the space after it are one step; the next word starts another.
    Edit& prev = undo_.back();
    prev.inserted += e.inserted;
    prev.cursor_after = e.cursor_after;
    prev.anchor_after = e.anchor_after;
    return;
  }
  undo_.push_back(std::move(e));
  if (undo_.size() > 10000) undo_.erase(undo_.begin(), undo_.begin() + 1000);
}

void TextBuffer::insert(std::string_view text) { edit(selection(), text); }

void TextBuffer::edit(TextRange r, std::string_view text) {
  Edit e;
  e.cursor_before = cursor_;
  e.anchor_before = anchor_;
  if (r.end < r.begin) std::swap(r.begin, r.end);
  e.at = r.begin;
  e.removed = text_in(r);
  std::string clean;
  for (char c : text)
    if (c != '\r') clean += c;
  e.inserted = clean;
  TextPos end = replace(r, clean);
  cursor_ = anchor_ = end;
  preferred_col_ = -1;
  e.cursor_after = e.anchor_after = end;
  e.mergeable = typing_;
  record(std::move(e));
}

void TextBuffer::replace_all(std::string_view text) {
  const TextPos c = cursor_;
  typing_ = false;
  const int last = line_count() - 1;
  edit({{0, 0}, {last, static_cast<int>(lines_[static_cast<size_t>(last)].size())}}, text);
  undo_.back().cursor_before = undo_.back().anchor_before = c;
}

void TextBuffer::type_char(std::string_view ch) {
  typing_ = !has_selection();
  insert(ch);
  typing_ = false;
}

void TextBuffer::newline() {
  std::string indent = leading_space(line(cursor_.line));
  // One step deeper after a line that opens a block or a bracket.
  std::string before = line(cursor_.line).substr(0, static_cast<size_t>(cursor_.col));
  while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.pop_back();
  auto ends_with = [&](std::string_view w) {
    return before.size() >= w.size() && before.compare(before.size() - w.size(), w.size(), w) == 0 &&
           (before.size() == w.size() || !is_word(static_cast<unsigned char>(before[before.size() - w.size() - 1])));
  };
  bool opens = !before.empty() && (before.back() == '(' || before.back() == '{' || before.back() == '[');
  if (lang_ == Language::Lua) opens = opens || ends_with("do") || ends_with("then") || ends_with("else") || ends_with("repeat") ||
                                      (before.find("function") != std::string::npos && before.back() == ')');
  if (opens) indent += std::string(kIndent, ' ');
  insert("\n" + indent);
}

void TextBuffer::backspace() {
  if (has_selection()) return insert("");
  if (cursor_ == TextPos{0, 0}) return;
  TextPos from = cursor_;
  // In leading whitespace, remove back to the previous tab stop.
  const std::string& l = line(cursor_.line);
  int indent = static_cast<int>(leading_space(l).size());
  if (cursor_.col > 0 && cursor_.col <= indent) {
    from.col = ((cursor_.col - 1) / kIndent) * kIndent;
  } else if (cursor_.col == 0) {
    from = {cursor_.line - 1, static_cast<int>(line(cursor_.line - 1).size())};
  } else {
    from.col = prev_char(l, cursor_.col);
  }
  edit({from, cursor_}, "");
}

void TextBuffer::delete_forward() {
  if (has_selection()) return insert("");
  const std::string& l = line(cursor_.line);
  TextPos to = cursor_;
  if (cursor_.col >= static_cast<int>(l.size())) {
    if (cursor_.line + 1 >= line_count()) return;
    to = {cursor_.line + 1, 0};
  } else {
    to.col = next_char(l, cursor_.col);
  }
  edit({cursor_, to}, "");
}

void TextBuffer::delete_line() {
  TextRange r = selection();
  TextPos b{r.begin.line, 0};
  TextPos e = r.end.line + 1 < line_count() ? TextPos{r.end.line + 1, 0}
                                            : TextPos{r.end.line, static_cast<int>(line(r.end.line).size())};
  if (r.end.line + 1 >= line_count() && b.line > 0) b = {b.line - 1, static_cast<int>(line(b.line - 1).size())};
  select({b, e});
  insert("");
}

void TextBuffer::indent() {
  if (!has_selection()) {
    int chars = chars_before(line(cursor_.line), cursor_.col);
    insert(std::string(static_cast<size_t>(kIndent - chars % kIndent), ' '));
    return;
  }
  TextRange r = selection();
  int last = r.end.col == 0 && r.end.line > r.begin.line ? r.end.line - 1 : r.end.line;
  TextRange lines_range{{r.begin.line, 0}, {last, static_cast<int>(line(last).size())}};
  std::string out;
  for (int i = r.begin.line; i <= last; ++i) {
    if (i > r.begin.line) out += '\n';
    out += (blank(line(i)) ? "" : std::string(kIndent, ' ')) + line(i);
  }
  select(lines_range);
  insert(out);
  select({{r.begin.line, 0}, {last, static_cast<int>(line(last).size())}});
}

void TextBuffer::outdent() {
  TextRange r = selection();
  int last = r.end.col == 0 && r.end.line > r.begin.line ? r.end.line - 1 : r.end.line;
  std::string out;
  bool changed = false;
  for (int i = r.begin.line; i <= last; ++i) {
    if (i > r.begin.line) out += '\n';
    const std::string& l = line(i);
    int n = 0;
    while (n < kIndent && n < static_cast<int>(l.size()) && l[static_cast<size_t>(n)] == ' ') ++n;
    changed = changed || n > 0;
    out += l.substr(static_cast<size_t>(n));
  }
  if (!changed) return;
  bool had_selection = has_selection();
  TextPos c = cursor_;
  select({{r.begin.line, 0}, {last, static_cast<int>(line(last).size())}});
  insert(out);
  if (had_selection) select({{r.begin.line, 0}, {last, static_cast<int>(line(last).size())}});
  else set_cursor({c.line, std::max(0, c.col - kIndent)});
}

std::string TextBuffer::comment_prefix() const { return lang_ == Language::Glsl || lang_ == Language::Strudel ? "//" : "--"; }

void TextBuffer::toggle_comment() {
  TextRange r = selection();
  int last = r.end.col == 0 && r.end.line > r.begin.line ? r.end.line - 1 : r.end.line;
  const std::string prefix = comment_prefix();
  bool all_commented = true;
  size_t min_indent = std::string::npos;
  for (int i = r.begin.line; i <= last; ++i) {
    const std::string& l = line(i);
    if (blank(l)) continue;
    std::string ind = leading_space(l);
    min_indent = std::min(min_indent, ind.size());
    if (l.compare(ind.size(), prefix.size(), prefix) != 0) all_commented = false;
  }
  if (min_indent == std::string::npos) return;
  std::string out;
  for (int i = r.begin.line; i <= last; ++i) {
    if (i > r.begin.line) out += '\n';
    std::string l = line(i);
    if (!blank(l)) {
      if (all_commented) {
        size_t at = leading_space(l).size();
        size_t len = prefix.size() + (l.compare(at + prefix.size(), 1, " ") == 0 ? 1 : 0);
        l.erase(at, len);
      } else {
        l.insert(min_indent, prefix + " ");
      }
    }
    out += l;
  }
  TextPos c = cursor_;
  bool had_selection = has_selection();
  select({{r.begin.line, 0}, {last, static_cast<int>(line(last).size())}});
  insert(out);
  if (had_selection) select({{r.begin.line, 0}, {last, static_cast<int>(line(last).size())}});
  else set_cursor({c.line, std::min(static_cast<int>(line(c.line).size()),
                                    c.col + (all_commented ? -static_cast<int>(prefix.size() + 1) : static_cast<int>(prefix.size() + 1)))});
}

bool TextBuffer::undo() {
  if (undo_.empty()) return false;
  Edit e = undo_.back();
  undo_.pop_back();
  TextPos end = end_of_insert(e.at, e.inserted);
  replace({e.at, end}, e.removed);
  cursor_ = e.cursor_before;
  anchor_ = e.anchor_before;
  redo_.push_back(std::move(e));
  return true;
}

bool TextBuffer::redo() {
  if (redo_.empty()) return false;
  Edit e = redo_.back();
  redo_.pop_back();
  TextPos end = end_of_insert(e.at, e.removed);
  replace({e.at, end}, e.inserted);
  cursor_ = e.cursor_after;
  anchor_ = e.anchor_after;
  e.mergeable = false;
  undo_.push_back(std::move(e));
  return true;
}

// [SECTION] queries

std::optional<TextPos> TextBuffer::matching_bracket() const {
  auto at = [&](TextPos p) -> char {
    const std::string& l = line(p.line);
    return p.col < static_cast<int>(l.size()) ? l[static_cast<size_t>(p.col)] : '\0';
  };
  auto try_from = [&](TextPos p) -> std::optional<TextPos> {
    const char c = at(p);
    const std::string open = "([{", close = ")]}";
    auto o = open.find(c), cl = close.find(c);
    if (o == std::string::npos && cl == std::string::npos) return std::nullopt;
    const bool forward = o != std::string::npos;
    const char mine = c, other = forward ? close[o] : open[cl];
    int depth = 0;
    TextPos q = p;
    while (true) {
      char d = at(q);
      if (d == mine) ++depth;
      else if (d == other && --depth == 0) return q;
      if (forward) {
        if (++q.col > static_cast<int>(line(q.line).size())) {
          if (++q.line >= line_count()) return std::nullopt;
          q.col = 0;
        }
      } else {
        if (--q.col < 0) {
          if (--q.line < 0) return std::nullopt;
          q.col = static_cast<int>(line(q.line).size());
        }
      }
    }
  };
  if (auto m = try_from(cursor_)) return m;
  if (cursor_.col > 0) return try_from({cursor_.line, cursor_.col - 1});
  return std::nullopt;
}

bool TextBuffer::find(std::string_view needle, bool backwards, bool case_sensitive) {
  if (needle.empty()) return false;
  const std::string hay = case_sensitive ? text() : lower(text());
  const std::string want = case_sensitive ? std::string(needle) : lower(needle);
  const TextRange sel = selection();
  size_t hit = std::string::npos;
  if (!backwards) {
    size_t from = static_cast<size_t>(offset_of(has_selection() ? sel.end : cursor_));
    hit = hay.find(want, from);
    if (hit == std::string::npos) hit = hay.find(want);
  } else {
    int64_t from = offset_of(has_selection() ? sel.begin : cursor_) - 1;
    hit = from >= 0 ? hay.rfind(want, static_cast<size_t>(from)) : std::string::npos;
    if (hit == std::string::npos) hit = hay.rfind(want);
  }
  if (hit == std::string::npos) return false;
  select({pos_of(static_cast<int64_t>(hit)), pos_of(static_cast<int64_t>(hit + want.size()))});
  return true;
}

void TextBuffer::go_to_line(int n) { set_cursor({std::clamp(n - 1, 0, line_count() - 1), 0}); }

TextRange TextBuffer::block_at_cursor() const {
  if (has_selection()) return selection();
  int first = cursor_.line, last = cursor_.line;
  if (blank(line(first))) return {{first, 0}, {first, 0}};
  while (first > 0 && !blank(line(first - 1))) --first;
  while (last + 1 < line_count() && !blank(line(last + 1))) ++last;
  return {{first, 0}, {last, static_cast<int>(line(last).size())}};
}

std::string TextBuffer::text_in(TextRange r) const {
  r.begin = clamp(r.begin);
  r.end = clamp(r.end);
  if (r.end < r.begin) std::swap(r.begin, r.end);
  if (r.begin.line == r.end.line)
    return line(r.begin.line).substr(static_cast<size_t>(r.begin.col), static_cast<size_t>(r.end.col - r.begin.col));
  std::string out = line(r.begin.line).substr(static_cast<size_t>(r.begin.col));
  for (int i = r.begin.line + 1; i < r.end.line; ++i) out += "\n" + line(i);
  out += "\n" + line(r.end.line).substr(0, static_cast<size_t>(r.end.col));
  return out;
}

int64_t TextBuffer::offset_of(TextPos p) const {
  p = clamp(p);
  int64_t off = 0;
  for (int i = 0; i < p.line; ++i) off += static_cast<int64_t>(line(i).size()) + 1;
  return off + p.col;
}

TextPos TextBuffer::pos_of(int64_t offset) const {
  int l = 0;
  while (l < line_count() && offset > static_cast<int64_t>(line(l).size())) {
    offset -= static_cast<int64_t>(line(l).size()) + 1;
    ++l;
  }
  if (l >= line_count()) return {line_count() - 1, static_cast<int>(lines_.back().size())};
  return clamp({l, static_cast<int>(std::max<int64_t>(0, offset))});
}

}  // namespace mr::ui
