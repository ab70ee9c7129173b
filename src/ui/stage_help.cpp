// The help pane (F1): four pages in one window over the editor. Keys (the keymap as bound now),
// Tutorial (docs/tutorial.md by section, each snippet put in the buffer or played with a key),
// Reference (every function and control, searched as the performer types; F2 opens it on the
// word at the cursor) and Examples (the example sets; Ctrl+E): Enter opens a set's music and
// visuals in new tabs, the shader at once, the music when the performer evaluates it.
// The pane owns the keyboard while it is open, so nothing typed reaches the code behind it.
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "ui/stage_internal.hpp"
#include "ui/syntax.hpp"

namespace mr::ui {

namespace fs = std::filesystem;

namespace {

ImVec4 vec(const Rgba& c, float a = 1.0f) { return ImVec4(c.r, c.g, c.b, c.a * a); }

Language language_of(const std::string& name) {
  if (name == "glsl") return Language::Glsl;
  if (name == "lua") return Language::Lua;
  return Language::Plain;
}

// The tutorial's snippets that run (lua and glsl) of one section, in order.
std::vector<const runtime::TutorialBlock*> snippets_of(const runtime::TutorialSection& s) {
  std::vector<const runtime::TutorialBlock*> out;
  for (const auto& b : s.blocks)
    if (b.language == "lua" || b.language == "glsl") out.push_back(&b);
  return out;
}

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }

}  // namespace

// [SECTION] state and keys

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

void Stage::load_help_data() {
  if (help_loaded_) return;
  help_loaded_ = true;
  const fs::path data = o_.data_dir.empty() ? fs::path(".") : fs::path(o_.data_dir);
  ref_entries_ = runtime::all_reference_entries(data);
  tutorial_ = runtime::read_tutorial(data);
  examples_ = runtime::list_examples(data);
  search_reference();
}

void Stage::search_reference() {
  ref_hits_ = runtime::search_reference(ref_entries_, ref_query_);
  ref_sel_ = 0;
  help_scroll_ = true;
}

void Stage::open_help(HelpTab tab) {
  load_help_data();
  help_ = true;
  help_tab_ = tab;
  help_force_tab_ = 2;
  help_scroll_ = true;
  if (suggest_) suggest_->dismiss();
}

bool Stage::help_key(const SDL_KeyboardEvent& k) {
  int sym = k.keysym.sym;
  if (sym == SDLK_KP_ENTER) sym = SDLK_RETURN;
  unsigned mods = 0;
  if (k.keysym.mod & (KMOD_CTRL | KMOD_GUI)) mods |= kCtrl;
  if (k.keysym.mod & KMOD_SHIFT) mods |= kShift;
  if (k.keysym.mod & KMOD_ALT) mods |= kAlt;
  const auto action = keymap_.match(Chord{mods, sym});
  const bool play = action == Action::EvaluateBlock || action == Action::EvaluateBuffer;

  if (sym == SDLK_ESCAPE) {
    help_ = false;
    return true;
  }
  if (sym == SDLK_TAB && !(mods & kCtrl)) {  // the next (Shift: previous) page
    const int n = 4, t = static_cast<int>(help_tab_);
    help_tab_ = static_cast<HelpTab>((t + ((mods & kShift) ? n - 1 : 1)) % n);
    help_force_tab_ = 2;
    help_scroll_ = true;
    return true;
  }
  int* sel = nullptr;
  int count = 0;
  switch (help_tab_) {
    case HelpTab::Tutorial: sel = &tut_sel_; count = static_cast<int>(tutorial_.size()); break;
    case HelpTab::Reference: sel = &ref_sel_; count = static_cast<int>(ref_hits_.size()); break;
    case HelpTab::Examples: sel = &ex_sel_; count = static_cast<int>(examples_.size()); break;
    case HelpTab::Keys: break;
  }
  if (sel && count > 0 && mods == 0) {
    const int before = *sel;
    if (sym == SDLK_UP) *sel = std::max(0, *sel - 1);
    if (sym == SDLK_DOWN) *sel = std::min(count - 1, *sel + 1);
    if (sym == SDLK_PAGEUP) *sel = std::max(0, *sel - 8);
    if (sym == SDLK_PAGEDOWN) *sel = std::min(count - 1, *sel + 8);
    if (sym == SDLK_HOME && help_tab_ != HelpTab::Reference) *sel = 0;
    if (sym == SDLK_END && help_tab_ != HelpTab::Reference) *sel = count - 1;
    if (*sel != before) {
      help_scroll_ = true;
      if (help_tab_ == HelpTab::Tutorial) tut_snippet_ = 0;
      return true;
    }
  }
  switch (help_tab_) {
    case HelpTab::Keys:  // the table scrolls
      if (sym == SDLK_UP || sym == SDLK_DOWN) keys_scroll_ += sym == SDLK_UP ? -1 : 1;
      if (sym == SDLK_PAGEUP || sym == SDLK_PAGEDOWN) keys_scroll_ += sym == SDLK_PAGEUP ? -10 : 10;
      break;
    case HelpTab::Tutorial: {
      if (tutorial_.empty()) break;
      const auto snips = snippets_of(tutorial_[static_cast<size_t>(tut_sel_)]);
      const int n = static_cast<int>(snips.size());
      if (sym == SDLK_LEFT && n > 0) tut_snippet_ = (tut_snippet_ + n - 1) % n;
      if (sym == SDLK_RIGHT && n > 0) tut_snippet_ = (tut_snippet_ + 1) % n;
      if ((sym == SDLK_RETURN && mods == 0) || play) {
        if (n == 0) {
          set_message("this section has no snippet: Up/Down picks another");
          return true;
        }
        const auto* b = snips[static_cast<size_t>(std::clamp(tut_snippet_, 0, n - 1))];
        insert_snippet(b->text, language_of(b->language), play);
      }
      break;
    }
    case HelpTab::Reference:
      if (sym == SDLK_BACKSPACE) {
        if (ref_query_fresh_ || (mods & kCtrl)) ref_query_.clear();
        else if (!ref_query_.empty()) {
          size_t n = ref_query_.size() - 1;  // one UTF-8 character
          while (n > 0 && (static_cast<unsigned char>(ref_query_[n]) & 0xC0) == 0x80) --n;
          ref_query_.resize(n);
        }
        ref_query_fresh_ = false;
        search_reference();
        return true;
      }
      if ((sym == SDLK_RETURN && mods == 0) || play) {
        if (ref_hits_.empty()) return true;
        const runtime::RefEntry& e = ref_entries_[ref_hits_[static_cast<size_t>(ref_sel_)]];
        if (e.example.empty()) set_message(e.name + " has no example to insert");
        else insert_snippet(e.example, Language::Lua, play);
      }
      break;
    case HelpTab::Examples:
      if ((sym == SDLK_RETURN && mods == 0) || play) {
        if (!examples_.empty()) open_example(static_cast<size_t>(ex_sel_));
      }
      break;
  }
  if (play || (sym == SDLK_RETURN && mods == 0)) return true;
  // The pane's own keys (F1, F2, Ctrl+E), hush, panic and the other chords still work; plain
  // keys stop here so that the code behind the pane never moves.
  if (action && !play) return false;
  return true;
}

void Stage::help_text(const char* text) {
  if (help_tab_ == HelpTab::Examples) {  // type-ahead: the first set whose name, title or style has it
    if (now() - ex_typed_at_ > 1.5) ex_typed_.clear();
    ex_typed_at_ = now();
    ex_typed_ += text;
    auto low = [](std::string t) {
      for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return t;
    };
    const std::string w = low(ex_typed_);
    // A word starting with it first ("d": drone, not acid), then anywhere.
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t i = 0; i < examples_.size(); ++i) {
        const auto& e = examples_[i];
        const std::string hay = " " + low(e.name + " " + e.title + " " + e.style);
        if (hay.find(pass == 0 ? " " + w : w) == std::string::npos) continue;
        ex_sel_ = static_cast<int>(i);
        help_scroll_ = true;
        return;
      }
    }
    return;
  }
  if (help_tab_ != HelpTab::Reference) {  // typing anywhere else starts a search
    help_tab_ = HelpTab::Reference;
    help_force_tab_ = 2;
    ref_query_.clear();
  }
  if (ref_query_fresh_) ref_query_.clear();
  ref_query_fresh_ = false;
  if (ref_query_.size() < 64) ref_query_ += text;
  search_reference();
}

// [SECTION] actions

void Stage::insert_snippet(const std::string& code, Language lang, bool play) {
  help_ = false;
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
  if (i >= examples_.size()) return;
  const runtime::ExampleSet& e = examples_[i];
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
  help_ = false;
  after_edit(false);
  set_message("opened " + (e.title.empty() ? e.name : e.title) + ": " + chord_name(keymap_.chord_of(Action::EvaluateBuffer)) +
              " plays it (what plays now goes on until then)");
}

// [SECTION] drawing

void Stage::draw_code(const std::string& code, Language lang, float width) {
  // Coloured like the editor, on a dark band, in the code font; long lines make the text smaller
  // (down to 60%) rather than run off the pane, as in the audience window.
  ImFont* f = perf_.code_font;
  std::vector<std::string> lines;
  for (size_t start = 0;;) {
    const size_t nl = code.find('\n', start);
    lines.push_back(code.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  float size = f->FontSize * f->Scale;
  const float pad = std::round(size * 0.3f);
  float longest = 0;
  for (const auto& l : lines) longest = std::max(longest, f->CalcTextSizeA(size, FLT_MAX, 0.0f, l.c_str()).x);
  if (longest > width - pad * 2) size = std::floor(size * std::max(0.6f, (width - pad * 2) / longest));
  const float lh = std::round(size * 1.25f);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = lh * static_cast<float>(lines.size()) + pad * 2;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), ImGui::ColorConvertFloat4ToU32(ImVec4(0, 0, 0, 0.55f)), size * 0.25f);
  SyntaxState st;
  float y = p.y + pad;
  for (const auto& line : lines) {
    const auto tokens = lang == Language::Plain ? std::vector<Token>{} : tokenize_line(line, lang, st);
    float x = p.x + pad;
    int col = 0;
    auto piece = [&](int a, int b, const Rgba& c) {
      if (b <= a) return;
      const char* s0 = line.data() + a;
      const char* s1 = line.data() + b;
      dl->AddText(f, size, ImVec2(x, y), ImGui::ColorConvertFloat4ToU32(vec(c)), s0, s1);
      x += f->CalcTextSizeA(size, FLT_MAX, 0.0f, s0, s1).x;
    };
    for (const Token& t : tokens) {
      piece(col, t.begin, theme_->text);
      piece(std::max(col, t.begin), t.end, token_colour(*theme_, t.kind));
      col = std::max(col, t.end);
    }
    piece(col, static_cast<int>(line.size()), theme_->text);
    y += lh;
  }
  ImGui::Dummy(ImVec2(width, h));
}

void Stage::draw_help() {
  const float px = perf_.ui_font->FontSize * perf_.ui_font->Scale;
  const float top = std::round(px * 2.6f);
  const float w = std::min(perf_.w - px * 2.0f, 1500.0f * dpi_scale_);
  const float h = perf_.h - top - px * 2.6f;
  ImGui::SetNextWindowPos(ImVec2((perf_.w - w) * 0.5f, top), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.99f);
  ImGui::Begin("help", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove);
  ImGui::PushFont(perf_.pane_font);
  if (ImGui::BeginTabBar("help_pages")) {
    const HelpTab tabs[] = {HelpTab::Keys, HelpTab::Tutorial, HelpTab::Reference, HelpTab::Examples};
    // Each page with the key that opens it (as bound now); "###" keeps the tab's identity.
    const std::string labels[] = {"Keys  " + chord_name(keymap_.chord_of(Action::Help)) + "###keys", "Tutorial###tutorial",
                                  "Reference  " + chord_name(keymap_.chord_of(Action::Reference)) + "###reference",
                                  "Examples  " + chord_name(keymap_.chord_of(Action::Examples)) + "###examples"};
    for (size_t i = 0; i < 4; ++i) {
      const ImGuiTabItemFlags fl = (help_force_tab_ > 0 && tabs[i] == help_tab_) ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(labels[i].c_str(), nullptr, fl)) {
        if (help_force_tab_ == 0 && help_tab_ != tabs[i]) {  // a click on the tab
          help_tab_ = tabs[i];
          help_scroll_ = true;
        }
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  if (help_force_tab_ > 0) --help_force_tab_;
  const float footer = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  ImGui::BeginChild("help_page", ImVec2(0, -footer), false, ImGuiWindowFlags_NoBackground);
  switch (help_tab_) {
    case HelpTab::Keys: draw_help_keys(); break;
    case HelpTab::Tutorial: draw_help_tutorial(); break;
    case HelpTab::Reference: draw_help_reference(); break;
    case HelpTab::Examples: draw_help_examples(); break;
  }
  ImGui::EndChild();
  const std::string play = chord_name(keymap_.chord_of(Action::EvaluateBlock));
  const char* hint = "";
  std::string h2;
  switch (help_tab_) {
    case HelpTab::Keys: hint = "Tab next page   type to search   Esc close"; break;
    case HelpTab::Tutorial: h2 = "\xE2\x86\x91\xE2\x86\x93 section   \xE2\x86\x90\xE2\x86\x92 snippet   Enter insert   " + play + " play   Tab page   Esc close"; break;
    case HelpTab::Reference: h2 = "type to search   \xE2\x86\x91\xE2\x86\x93 pick   Enter insert the example   " + play + " play it   Tab page   Esc close"; break;
    case HelpTab::Examples: hint = "\xE2\x86\x91\xE2\x86\x93 or type to pick   Enter open (music and visuals in new tabs)   Tab page   Esc close"; break;
  }
  ImGui::TextColored(vec(theme_->comment), "%s", h2.empty() ? hint : h2.c_str());
  ImGui::PopFont();
  ImGui::End();
  help_scroll_ = false;
}

void Stage::draw_help_keys() {
  if (keys_scroll_ != 0) {
    ImGui::SetScrollY(ImGui::GetScrollY() + static_cast<float>(keys_scroll_) * ImGui::GetTextLineHeightWithSpacing());
    keys_scroll_ = 0;
  }
  ImGui::TextColored(vec(theme_->keyword), "moonrave keys (rebind them in the config's editor.keys)");
  ImGui::Separator();
  if (ImGui::BeginTable("keys", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
    for (const auto& a : action_table()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(vec(theme_->function), "%s", chord_name(keymap_.chord_of(a.action)).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(a.help);
      ImGui::TableNextColumn();
      ImGui::TextColored(vec(theme_->comment), "%s", a.name);
    }
    const char* fixed[][2] = {{"Tab", "accept the suggestion (else indent)"},
                              {"Ctrl+Right", "accept the suggestion's next word"},
                              {"Escape", "dismiss the suggestion, close this help"},
                              {"Shift+Tab", "outdent"}};
    for (const auto& f : fixed) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(vec(theme_->function), "%s", f[0]);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(f[1]);
      ImGui::TableNextColumn();
    }
    ImGui::EndTable();
  }
}

void Stage::draw_help_tutorial() {
  if (tutorial_.empty()) {
    ImGui::TextColored(vec(theme_->error), "The tutorial (docs/tutorial.md) was not found in %s.", o_.data_dir.c_str());
    return;
  }
  tut_sel_ = std::clamp(tut_sel_, 0, static_cast<int>(tutorial_.size()) - 1);
  // The list as wide as its longest title (within a fifth and two fifths of the page).
  float longest = 0;
  for (const auto& t : tutorial_) longest = std::max(longest, ImGui::CalcTextSize(t.title.c_str()).x);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float list_w = std::round(std::clamp(longest + ImGui::GetStyle().WindowPadding.x * 2 + ImGui::GetStyle().ScrollbarSize + 8.0f,
                                             avail * 0.2f, avail * 0.4f));
  ImGui::BeginChild("tut_list", ImVec2(list_w, 0), true);
  for (size_t i = 0; i < tutorial_.size(); ++i) {
    const bool sel = static_cast<int>(i) == tut_sel_;
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(tutorial_[i].title.c_str(), sel)) {
      tut_sel_ = static_cast<int>(i);
      tut_snippet_ = 0;
    }
    if (sel && help_scroll_) ImGui::SetScrollHereY(0.5f);
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("tut_page", ImVec2(0, 0), true);
  const runtime::TutorialSection& s = tutorial_[static_cast<size_t>(tut_sel_)];
  if (help_scroll_) ImGui::SetScrollY(0);
  ImGui::TextColored(vec(theme_->keyword), "%s", s.title.c_str());
  ImGui::Spacing();
  const float wrap = ImGui::GetContentRegionAvail().x;
  int snippet = 0;
  const int n = static_cast<int>(s.snippet_count());
  if (n > 0) tut_snippet_ = std::clamp(tut_snippet_, 0, n - 1);
  for (const auto& b : s.blocks) {
    if (!b.is_code()) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(b.text.c_str());
      ImGui::PopTextWrapPos();
      ImGui::Spacing();
      continue;
    }
    const bool runnable = b.language == "lua" || b.language == "glsl";
    if (!runnable) {
      draw_code(b.text, Language::Plain, wrap);
      continue;
    }
    const int idx = snippet++;
    const bool chosen = idx == tut_snippet_;
    ImGui::PushID(idx);
    if (chosen) ImGui::TextColored(vec(theme_->cursor), "\xE2\x96\xB6 snippet %d of %d (%s)", idx + 1, n, b.language.c_str());
    else ImGui::TextColored(vec(theme_->comment), "  snippet %d of %d (%s)", idx + 1, n, b.language.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("insert")) {
      tut_snippet_ = idx;
      insert_snippet(b.text, language_of(b.language), false);
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(b.language == "glsl" ? "show" : "play")) {
      tut_snippet_ = idx;
      insert_snippet(b.text, language_of(b.language), true);
    }
    ImGui::PopID();
    if (!help_) break;  // a button put the snippet in: the pane is closed
    draw_code(b.text, language_of(b.language), wrap);
  }
  ImGui::EndChild();
}

void Stage::draw_help_reference() {
  // The search line: the query, as typed (selected while it is the word from the cursor).
  ImGui::TextColored(vec(theme_->comment), "search");
  ImGui::SameLine();
  {
    ImGui::PushFont(perf_.code_font);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float lh = ImGui::GetTextLineHeight();
    const float fw = std::min(ImGui::GetContentRegionAvail().x, lh * 22.0f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(p.x, p.y), ImVec2(p.x + fw, p.y + lh * 1.3f), ImGui::ColorConvertFloat4ToU32(ImVec4(0, 0, 0, 0.6f)), 4.0f);
    const ImVec2 tp(p.x + lh * 0.3f, p.y + lh * 0.15f);
    const float tw = ImGui::CalcTextSize(ref_query_.c_str()).x;
    if (ref_query_fresh_ && !ref_query_.empty())
      dl->AddRectFilled(tp, ImVec2(tp.x + tw, tp.y + lh), ImGui::ColorConvertFloat4ToU32(vec(theme_->selection)));
    dl->AddText(tp, ImGui::ColorConvertFloat4ToU32(vec(theme_->text)), ref_query_.c_str());
    if (std::fmod(now(), 1.0) < 0.6)
      dl->AddLine(ImVec2(tp.x + tw + 1, tp.y), ImVec2(tp.x + tw + 1, tp.y + lh), ImGui::ColorConvertFloat4ToU32(vec(theme_->cursor)), 2.0f);
    ImGui::Dummy(ImVec2(fw, lh * 1.3f));
    ImGui::PopFont();
  }
  ImGui::SameLine();
  ImGui::TextColored(vec(theme_->comment), "%zu of %zu", ref_hits_.size(), ref_entries_.size());
  if (ref_hits_.empty()) {
    ImGui::TextColored(vec(theme_->error), "nothing matches '%s'", ref_query_.c_str());
    return;
  }
  ref_sel_ = std::clamp(ref_sel_, 0, static_cast<int>(ref_hits_.size()) - 1);
  const float list_w = std::round(ImGui::GetContentRegionAvail().x * 0.3f);
  ImGui::BeginChild("ref_list", ImVec2(list_w, 0), true);
  for (size_t i = 0; i < ref_hits_.size(); ++i) {
    const runtime::RefEntry& e = ref_entries_[ref_hits_[i]];
    const bool sel = static_cast<int>(i) == ref_sel_;
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(e.name.c_str(), sel, ImGuiSelectableFlags_AllowDoubleClick)) {
      ref_sel_ = static_cast<int>(i);
      if (ImGui::IsMouseDoubleClicked(0) && !e.example.empty()) insert_snippet(e.example, Language::Lua, false);
    }
    if (sel && help_scroll_) ImGui::SetScrollHereY(0.5f);
    ImGui::SameLine();
    ImGui::TextColored(vec(theme_->comment), "%s", e.section.c_str());
    ImGui::PopID();
    if (!help_) break;
  }
  ImGui::EndChild();
  if (!help_) return;
  ImGui::SameLine();
  ImGui::BeginChild("ref_entry", ImVec2(0, 0), true);
  const runtime::RefEntry& e = ref_entries_[ref_hits_[static_cast<size_t>(ref_sel_)]];
  const float wrap = ImGui::GetContentRegionAvail().x;
  ImGui::TextColored(vec(theme_->keyword), "%s", e.name.c_str());
  ImGui::SameLine();
  ImGui::TextColored(vec(theme_->comment), "  %s", e.section.c_str());
  ImGui::PushFont(perf_.code_font);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(vec(theme_->function), "%s", e.signature.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  if (!e.aliases.empty()) {
    std::string a;
    for (const auto& s : e.aliases) a += (a.empty() ? "" : ", ") + s;
    ImGui::TextColored(vec(theme_->comment), "also: %s", a.c_str());
  }
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(e.doc.c_str());
  if (!e.variants.empty()) {
    std::string v;
    for (const auto& s : e.variants) v += (v.empty() ? "" : ", ") + s;
    ImGui::TextColored(vec(theme_->comment), "structure variants: %s", v.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (!e.example.empty()) {
    ImGui::TextColored(vec(theme_->comment), "example");
    ImGui::SameLine();
    if (ImGui::SmallButton("insert")) insert_snippet(e.example, Language::Lua, false);
    ImGui::SameLine();
    if (help_ && ImGui::SmallButton("play")) insert_snippet(e.example, Language::Lua, true);
    if (help_) draw_code(e.example, Language::Lua, wrap);
  }
  ImGui::EndChild();
}

void Stage::draw_help_examples() {
  if (examples_.empty()) {
    ImGui::TextColored(vec(theme_->error), "No example sets found in %s/examples.", o_.data_dir.c_str());
    return;
  }
  ex_sel_ = std::clamp(ex_sel_, 0, static_cast<int>(examples_.size()) - 1);
  const float list_w = std::round(ImGui::GetContentRegionAvail().x * 0.36f);
  ImGui::BeginChild("ex_list", ImVec2(list_w, 0), true);
  for (size_t i = 0; i < examples_.size(); ++i) {
    const runtime::ExampleSet& e = examples_[i];
    const bool sel = static_cast<int>(i) == ex_sel_;
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(e.title.empty() ? e.name.c_str() : e.title.c_str(), sel, ImGuiSelectableFlags_AllowDoubleClick)) {
      ex_sel_ = static_cast<int>(i);
      if (ImGui::IsMouseDoubleClicked(0)) open_example(i);
    }
    if (sel && help_scroll_) ImGui::SetScrollHereY(0.5f);
    ImGui::SameLine();
    ImGui::TextColored(vec(theme_->comment), "%s", e.style.c_str());
    ImGui::PopID();
    if (!help_) break;
  }
  ImGui::EndChild();
  if (!help_) return;
  ImGui::SameLine();
  ImGui::BeginChild("ex_set", ImVec2(0, 0), true);
  const runtime::ExampleSet& e = examples_[static_cast<size_t>(ex_sel_)];
  ImGui::TextColored(vec(theme_->keyword), "%s", e.title.empty() ? e.name.c_str() : e.title.c_str());
  if (!e.style.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(vec(theme_->comment), "  %s", e.style.c_str());
  }
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0.0f);
  if (!e.about.empty()) ImGui::TextUnformatted(e.about.c_str());
  ImGui::Spacing();
  ImGui::TextColored(vec(theme_->comment), "music  %s", e.lua_path.filename().c_str());
  ImGui::TextColored(vec(theme_->comment), "visuals  %s", e.shader_path.empty() ? "(the built-in shader)" : e.shader_path.filename().c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (ImGui::Button("open")) open_example(static_cast<size_t>(ex_sel_));
  if (!help_) {
    ImGui::EndChild();
    return;
  }
  ImGui::SameLine();
  ImGui::TextColored(vec(theme_->comment), "the set opens in new tabs and its shader shows; the music starts when you evaluate it");
  ImGui::Spacing();
  if (ex_preview_of_ != ex_sel_) {  // the set's code, read once per selection
    ex_preview_of_ = ex_sel_;
    ex_preview_.clear();
    ex_try_.clear();
    std::ifstream in(e.lua_path);
    bool header = true;
    int n = 0;
    for (std::string line; std::getline(in, line) && n < 60;) {
      if (header && line.rfind("--", 0) == 0) {  // the header: title, style and about are above
        const std::string t = line.substr(line.find_first_not_of("- "));
        if (t.rfind("title:", 0) != 0 && t.rfind("style:", 0) != 0 && t.rfind("about:", 0) != 0 && t.rfind("shader:", 0) != 0)
          ex_try_ += (ex_try_.empty() ? "" : " ") + t;
        continue;
      }
      header = false;
      ex_preview_ += (n++ ? "\n" : "") + line;
    }
  }
  if (!ex_try_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(vec(theme_->string), "%s", ex_try_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
  }
  draw_code(ex_preview_, Language::Lua, ImGui::GetContentRegionAvail().x);
  ImGui::EndChild();
}

}  // namespace mr::ui
