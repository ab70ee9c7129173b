// The stage's side of the help pane (help_pane.hpp): what its requests do to the buffers
// (a snippet put in, a set opened), and the word at the cursor that F2 searches.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "ui/stage_internal.hpp"

namespace mr::ui {

namespace fs = std::filesystem;

namespace {

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }

}  // namespace

void Stage::open_help(HelpTab tab) {
  help_.open(tab);
  if (suggest_) suggest_->dismiss();
}

void Stage::run_help_requests() {
  while (auto r = help_.take_request()) {
    switch (r->kind) {
      case HelpRequest::Kind::Insert: insert_snippet(r->code, r->language, false); break;
      case HelpRequest::Kind::Play: insert_snippet(r->code, r->language, true); break;
      case HelpRequest::Kind::OpenExample: open_example(r->example); break;
      case HelpRequest::Kind::Message: set_message(r->message); break;
    }
  }
}

std::string Stage::word_at_cursor() const {
  const Doc& d = *docs_[static_cast<size_t>(current_)];
  if (d.is_glsl()) return "";
  const TextBuffer& b = d.buf;
  const std::string& line = b.line(b.cursor().line);
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  size_t a = static_cast<size_t>(b.cursor().col), e = a;
  if (a > 0 && line[a - 1] == '(') e = --a;  // just inside a call: its function
  while (a > 0 && ident(line[a - 1])) --a;
  while (e < line.size() && ident(line[e])) ++e;
  return line.substr(a, e - a);
}

int Stage::find_doc(const std::string& path) const {
  std::error_code ec;
  const fs::path abs = fs::weakly_canonical(path, ec);
  for (size_t i = 0; i < docs_.size(); ++i)
    if (!docs_[i]->path.empty() && fs::weakly_canonical(docs_[i]->path, ec) == abs) return static_cast<int>(i);
  return -1;
}

// [SECTION] actions

void Stage::insert_snippet(const std::string& code, Language lang, bool play) {
  help_.close();
  last_insert_ = code;
  if (lang == Language::Glsl) {  // a whole shader: a buffer of its own, compiled at once
    auto d = std::make_unique<Doc>();
    int n = 1;
    auto taken = [&](const std::string& name) {
      return std::any_of(docs_.begin(), docs_.end(), [&](const auto& x) { return x->name == name; });
    };
    while (taken("snippet" + std::to_string(n))) ++n;
    d->name = "snippet" + std::to_string(n);
    d->buf = TextBuffer(code, Language::Glsl);
    docs_.push_back(std::move(d));
    current_ = static_cast<int>(docs_.size()) - 1;
    compile_shader(doc());
    after_edit(true);
    set_message("the shader is in a new buffer and shows now (Ctrl+S saves it)");
    return;
  }
  // Lua: the current buffer when it is music, else the first music buffer, else a new one.
  int target = doc().is_glsl() ? -1 : current_;
  for (size_t i = 0; target < 0 && i < docs_.size(); ++i)
    if (!docs_[i]->is_glsl()) target = static_cast<int>(i);
  if (target < 0) {
    auto d = std::make_unique<Doc>();
    d->name = "scratch";
    docs_.push_back(std::move(d));
    target = static_cast<int>(docs_.size()) - 1;
  }
  current_ = target;
  TextBuffer& b = doc().buf;
  // After the block at the cursor (or on the blank line the cursor is on), as a block of its own
  // between blank lines, so that evaluating the block runs exactly the snippet.
  const TextRange block = b.block_at_cursor();
  const int at = block.empty() ? b.cursor().line : block.end.line;
  std::string text = is_blank(b.line(at)) ? "\n" : "\n\n";
  if (b.line_count() == 1 && is_blank(b.line(0))) text.clear();
  text += code;
  if (at + 1 < b.line_count() && !is_blank(b.line(at + 1))) text += "\n";
  b.set_cursor({at, static_cast<int>(b.line(at).size())});
  b.insert(text);
  if (at + 1 < b.line_count() && !text.empty() && text.back() == '\n') b.move_up();  // back into the snippet
  b.move_end();
  after_edit(true);
  if (play) {
    evaluate(false);
  } else {
    set_message("inserted: " + chord_name(keymap_.chord_of(Action::EvaluateBlock)) + " plays it");
  }
}

void Stage::open_example(size_t i) {
  if (i >= help_.examples().size()) return;
  const runtime::ExampleSet& e = help_.examples()[i];
  if (!load_doc(e.lua_path.string(), true)) {
    set_message("cannot read " + e.lua_path.string(), true);
    return;
  }
  const int music = current_;
  if (!e.shader_path.empty() && load_doc(e.shader_path.string(), false)) {
    const int v = find_doc(e.shader_path.string());
    if (v >= 0) compile_shader(*docs_[static_cast<size_t>(v)]);
  }
  current_ = music;
  help_.close();
  after_edit(false);
  set_message("opened " + (e.title.empty() ? e.name : e.title) + ": " + chord_name(keymap_.chord_of(Action::EvaluateBuffer)) +
              " plays it (what plays now goes on until then)");
}

}  // namespace mr::ui
