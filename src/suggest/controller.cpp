// Debounced requests and accept/dismiss for the editor.
#include "suggest/controller.hpp"

#include <cctype>

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

}  // namespace

void Controller::on_edit(const std::string& text, size_t cursor, double now_ms) {
  if (text == text_ && cursor == cursor_) return;
  if (text == text_ || !line_rest_closes(text, cursor)) {
    // A cursor move, or code after the cursor: nothing to suggest (and nothing pending).
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
    shown_ = std::move(a.completions);
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
