// Debounced requests and accept/dismiss for the editor.
#include "suggest/controller.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace mr::suggest {

namespace {

// True when what follows the cursor on its line is only spaces and closing characters.
bool line_rest_closes(const std::string& text, size_t cursor) {
  for (size_t i = cursor; i < text.size() && text[i] != '\n'; ++i) {
    const char c = text[i];
    if (c != ' ' && c != '\t' && c != ')' && c != ']' && c != '}' && c != '"' && c != '\'' && c != ',') return false;
  }
  return true;
}

// The brackets and quotes open after scanning `s` (from an empty stack or `open`), and how many
// closers matched nothing. Strings (", ', `) hold anything up to their own quote (a backslash
// escapes the next byte); "--" and "//" outside one start a comment to the line's end.
struct Balance {
  std::string open;
  int stray = 0;   // closers that matched nothing open
  size_t low = 0;  // the fewest open at any point of the scan
};

void scan(std::string_view s, Balance& b) {
  b.low = b.open.size();
  bool comment = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n') comment = false;
    if (comment) continue;
    const char top = b.open.empty() ? '\0' : b.open.back();
    if (top == '"' || top == '\'' || top == '`') {
      if (c == '\\') {
        ++i;
      } else if (c == top) {
        b.open.pop_back();
      } else if (c == '\n' && top != '`') {
        b.open.pop_back();  // a string does not run past its line (an unfinished one)
        ++b.stray;
      }
    } else if (c == '"' || c == '\'' || c == '`' || c == '(' || c == '[' || c == '{') {
      b.open.push_back(c);
    } else if (c == ')' || c == ']' || c == '}') {
      const char want = c == ')' ? '(' : c == ']' ? '[' : '{';
      if (top == want) b.open.pop_back();
      else ++b.stray;
    } else if ((c == '-' || c == '/') && i + 1 < s.size() && s[i + 1] == c) {
      comment = true;
    }
    b.low = std::min(b.low, b.open.size());
  }
}

// The start of the statement block the cursor is in: after the last blank line before it.
size_t block_start(const std::string& text, size_t cursor) {
  const size_t from = cursor > 8000 ? cursor - 8000 : 0;
  const size_t blank = text.rfind("\n\n", cursor == 0 ? 0 : cursor - 1);
  return blank == std::string::npos || blank < from ? from : blank + 2;
}

}  // namespace

bool keeps_balance(const std::string& text, size_t cursor, const std::string& completion) {
  cursor = std::min(cursor, text.size());
  const size_t start = block_start(text, cursor);
  size_t line_end = text.find('\n', cursor);
  if (line_end == std::string::npos) line_end = text.size();
  const std::string_view before(text.data() + start, cursor - start);
  const std::string_view rest(text.data() + cursor, line_end - cursor);
  Balance prefix;
  scan(before, prefix);
  // Whatever the completion opens, it closes: it may close what was open before it (the rest of
  // a call), never leave a bracket or a quote of its own open, nor close what was not open.
  Balance with = prefix;
  scan(completion, with);
  if (with.stray > prefix.stray || with.open.size() > with.low) return false;
  // And the line stays as balanced as without it, with what follows the cursor.
  Balance without = prefix, line = with;
  scan(rest, without);
  scan(rest, line);
  return line.stray <= without.stray && line.open.size() <= without.open.size();
}

bool Controller::blank_line_at(const std::string& text, size_t cursor) {
  cursor = std::min(cursor, text.size());
  const size_t begin = cursor == 0 ? 0 : (text.rfind('\n', cursor - 1) == std::string::npos ? 0 : text.rfind('\n', cursor - 1) + 1);
  for (size_t i = begin; i < cursor; ++i)
    if (text[i] != ' ' && text[i] != '\t') return false;
  return true;
}

void Controller::on_edit(const std::string& text, size_t cursor, double now_ms) {
  if (text == text_ && cursor == cursor_) return;
  if (text == text_ || !line_rest_closes(text, cursor) || blank_line_at(text, cursor)) {
    // A cursor move, code after the cursor, or nothing yet on the line: nothing to suggest (and
    // nothing pending).
    shown_.clear();
    text_ = text;
    cursor_ = cursor;
    dirty_ = false;
    return;
  }
  // Typing through the ghost text keeps it (minus what was typed) until the new answer.
  if (!shown_.empty() && cursor > cursor_ && cursor - cursor_ <= shown_[0].text.size() && text.size() > text_.size() &&
      text.compare(cursor_, cursor - cursor_, shown_[0].text, 0, cursor - cursor_) == 0) {
    const size_t typed = cursor - cursor_;
    std::vector<Completion> kept;
    for (auto& c : shown_)
      if (c.text.size() > typed && c.text.compare(0, typed, text, cursor_, typed) == 0)
        kept.push_back({c.kind, c.text.substr(typed), c.score});
    shown_ = std::move(kept);
  } else {
    shown_.clear();
  }
  text_ = text;
  cursor_ = cursor;
  dirty_ = true;
  dismissed_ = false;
  edited_at_ = now_ms;
}

void Controller::update(double now_ms, const std::string& context) {
  if (!engine_) return;
  if (dirty_ && now_ms - edited_at_ >= debounce_ms_) {
    sent_id_ = next_id_++;
    engine_->request({sent_id_, text_, cursor_, context});
    dirty_ = false;
  }
  Answer a;
  if (engine_->poll(a) && a.id == sent_id_ && !dirty_ && !dismissed_) {
    shown_.clear();
    for (Completion& c : a.completions)
      if (keeps_balance(text_, cursor_, c.text)) shown_.push_back(std::move(c));
    provider_ = a.provider;
    latency_ms_ = a.latency_ms;
  }
}

std::string Controller::ghost() const { return shown_.empty() || dismissed_ ? std::string() : shown_[0].text; }

std::string Controller::accept() {
  std::string t = ghost();
  shown_.clear();
  return t;
}

std::string Controller::accept_word() {
  std::string t = ghost();
  if (t.empty()) return t;
  // A word: leading punctuation and spaces, then word characters up to the next boundary.
  size_t i = 0;
  while (i < t.size() && !std::isalnum(static_cast<unsigned char>(t[i])) && t[i] != '_') ++i;
  while (i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '_')) ++i;
  if (i == 0) i = 1;
  std::string word = t.substr(0, i);
  // What remains stays shown, as if typed through.
  std::vector<Completion> kept;
  for (auto& c : shown_)
    if (c.text.size() > i && c.text.compare(0, i, word) == 0) kept.push_back({c.kind, c.text.substr(i), c.score});
  shown_ = std::move(kept);
  cursor_ += i;
  text_.insert(cursor_ - i, word);
  return word;
}

void Controller::dismiss() {
  shown_.clear();
  dismissed_ = true;
}

}  // namespace mr::suggest
