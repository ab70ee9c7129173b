// The help pane (F1): four pages in one window over the editor (help_pane.hpp).
#include "ui/help_pane.hpp"

#include <SDL2/SDL_keycode.h>
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ui/script_driver.hpp"
#include "ui/syntax.hpp"

namespace mr::ui {

namespace fs = std::filesystem;

namespace {

ImVec4 vec(const Rgba& c, float a = 1.0f) { return ImVec4(c.r, c.g, c.b, c.a * a); }

Language language_of(const std::string& name) {
  if (name == "glsl") return Language::Glsl;
  if (name == "lua") return Language::Lua;
  if (name == "js" || name == "javascript" || name == "strudel") return Language::Strudel;
  return Language::Plain;
}

// The tutorial's snippets that run (lua and glsl) of one section, in order.
std::vector<const runtime::TutorialBlock*> snippets_of(const runtime::TutorialSection& s) {
  std::vector<const runtime::TutorialBlock*> out;
  for (const auto& b : s.blocks)
    if (b.language == "lua" || b.language == "glsl") out.push_back(&b);
  return out;
}

}  // namespace

void HelpPane::load() {
  if (loaded_) return;
  loaded_ = true;
  const fs::path data = data_dir_.empty() ? fs::path(".") : fs::path(data_dir_);
  entries_ = runtime::all_reference_entries(data);
  tutorial_ = runtime::read_tutorial(data);
  examples_ = runtime::list_examples(data);
  search();
}

void HelpPane::search() {
  hits_ = runtime::search_reference(entries_, query_);
  ref_sel_ = 0;
  scroll_ = true;
}

void HelpPane::open(HelpTab tab) {
  load();
  open_ = true;
  tab_ = tab;
  force_tab_ = 2;
  scroll_ = true;
}

bool HelpPane::key(const Chord& chord, std::optional<Action> action, double now) {
  const int sym = chord.key == SDLK_KP_ENTER ? SDLK_RETURN : chord.key;
  const unsigned mods = chord.mods;
  const bool play = action == Action::EvaluateBlock || action == Action::EvaluateBuffer;

  if (sym == SDLK_ESCAPE) {
    open_ = false;
    return true;
  }
  if (sym == SDLK_TAB && !(mods & kCtrl)) {  // the next (Shift: previous) page
    const int n = 4, t = static_cast<int>(tab_);
    tab_ = static_cast<HelpTab>((t + ((mods & kShift) ? n - 1 : 1)) % n);
    force_tab_ = 2;
    scroll_ = true;
    return true;
  }
  int* sel = nullptr;
  int count = 0;
  switch (tab_) {
    case HelpTab::Tutorial: sel = &tut_sel_; count = static_cast<int>(tutorial_.size()); break;
    case HelpTab::Reference: sel = &ref_sel_; count = static_cast<int>(hits_.size()); break;
    case HelpTab::Examples: sel = &ex_sel_; count = static_cast<int>(examples_.size()); break;
    case HelpTab::Keys: break;
  }
  if (sel && count > 0 && mods == 0) {
    const int before = *sel;
    if (sym == SDLK_UP) *sel = std::max(0, *sel - 1);
    if (sym == SDLK_DOWN) *sel = std::min(count - 1, *sel + 1);
    if (sym == SDLK_PAGEUP) *sel = std::max(0, *sel - 8);
    if (sym == SDLK_PAGEDOWN) *sel = std::min(count - 1, *sel + 8);
    if (sym == SDLK_HOME && tab_ != HelpTab::Reference) *sel = 0;
    if (sym == SDLK_END && tab_ != HelpTab::Reference) *sel = count - 1;
    if (*sel != before) {
      scroll_ = true;
      if (tab_ == HelpTab::Tutorial) tut_snippet_ = 0;
      return true;
    }
  }
  switch (tab_) {
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
          request_message("this section has no snippet: Up/Down picks another");
          return true;
        }
        const auto* b = snips[static_cast<size_t>(std::clamp(tut_snippet_, 0, n - 1))];
        request_snippet(b->text, language_of(b->language), play);
      }
      break;
    }
    case HelpTab::Reference:
      if (sym == SDLK_BACKSPACE) {
        if (query_fresh_ || (mods & kCtrl)) query_.clear();
        else if (!query_.empty()) {
          size_t n = query_.size() - 1;  // one UTF-8 character
          while (n > 0 && (static_cast<unsigned char>(query_[n]) & 0xC0) == 0x80) --n;
          query_.resize(n);
        }
        query_fresh_ = false;
        search();
        return true;
      }
      if ((sym == SDLK_RETURN && mods == 0) || play) {
        if (hits_.empty()) return true;
        const runtime::RefEntry& e = entries_[hits_[static_cast<size_t>(ref_sel_)]];
        if (e.example.empty()) request_message(e.name + " has no example to insert");
        else request_snippet(e.example, Language::Lua, play);
      }
      break;
    case HelpTab::Examples:
      if ((sym == SDLK_RETURN && mods == 0) || play) {
        if (!examples_.empty()) request_example(static_cast<size_t>(ex_sel_));
      }
      break;
  }
  if (play || (sym == SDLK_RETURN && mods == 0)) return true;
  // The pane's own keys (F1, F2, Ctrl+E), hush, panic and the other chords still work; plain
  // keys stop here so that the code behind the pane never moves.
  if (action && !play) return false;
  return true;
}

void HelpPane::text(const char* text, double now) {
  if (tab_ == HelpTab::Examples) {  // type-ahead: the first set whose name, title or style has it
    if (now - ex_typed_at_ > 1.5) ex_typed_.clear();
    ex_typed_at_ = now;
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
        scroll_ = true;
        return;
      }
    }
    return;
  }
  if (tab_ != HelpTab::Reference) {  // typing anywhere else starts a search
    tab_ = HelpTab::Reference;
    force_tab_ = 2;
    query_.clear();
  }
  if (query_fresh_) query_.clear();
  query_fresh_ = false;
  if (query_.size() < 64) query_ += text;
  search();
}

// [SECTION] drawing

void HelpPane::draw_code(const std::string& code, Language lang, float width) {
  // Coloured like the editor, on a dark band, in the code font; long lines make the text smaller
  // (down to 60%) rather than run off the pane, as in the audience window.
  ImFont* f = view_.code_font;
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
      piece(col, t.begin, view_.theme->text);
      piece(std::max(col, t.begin), t.end, token_colour(*view_.theme, t.kind));
      col = std::max(col, t.end);
    }
    piece(col, static_cast<int>(line.size()), view_.theme->text);
    y += lh;
  }
  ImGui::Dummy(ImVec2(width, h));
}

void HelpPane::draw(const HelpView& view) {
  view_ = view;
  const float px = view_.ui_font->FontSize * view_.ui_font->Scale;
  const float top = std::round(px * 2.6f);
  const float w = std::min(view_.width - px * 2.0f, 1500.0f * view_.dpi_scale);
  const float h = view_.height - top - px * 2.6f;
  ImGui::SetNextWindowPos(ImVec2((view_.width - w) * 0.5f, top), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.99f);
  ImGui::Begin("help", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove);
  ImGui::PushFont(view_.pane_font);
  if (ImGui::BeginTabBar("help_pages")) {
    const HelpTab tabs[] = {HelpTab::Keys, HelpTab::Tutorial, HelpTab::Reference, HelpTab::Examples};
    // Each page with the key that opens it (as bound now); "###" keeps the tab's identity.
    const std::string labels[] = {"Keys  " + chord_name(view_.keymap->chord_of(Action::Help)) + "###keys", "Tutorial###tutorial",
                                  "Reference  " + chord_name(view_.keymap->chord_of(Action::Reference)) + "###reference",
                                  "Examples  " + chord_name(view_.keymap->chord_of(Action::Examples)) + "###examples"};
    for (size_t i = 0; i < 4; ++i) {
      const ImGuiTabItemFlags fl = (force_tab_ > 0 && tabs[i] == tab_) ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(labels[i].c_str(), nullptr, fl)) {
        if (force_tab_ == 0 && tab_ != tabs[i]) {  // a click on the tab
          tab_ = tabs[i];
          scroll_ = true;
        }
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  if (force_tab_ > 0) --force_tab_;
  const float footer = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  ImGui::BeginChild("help_page", ImVec2(0, -footer), false, ImGuiWindowFlags_NoBackground);
  switch (tab_) {
    case HelpTab::Keys: draw_keys(); break;
    case HelpTab::Tutorial: draw_tutorial(); break;
    case HelpTab::Reference: draw_reference(); break;
    case HelpTab::Examples: draw_examples(); break;
  }
  ImGui::EndChild();
  const std::string play = chord_name(view_.keymap->chord_of(Action::EvaluateBlock));
  const char* hint = "";
  std::string h2;
  switch (tab_) {
    case HelpTab::Keys: hint = "Tab next page   type to search   Esc close"; break;
    case HelpTab::Tutorial: h2 = "\xE2\x86\x91\xE2\x86\x93 section   \xE2\x86\x90\xE2\x86\x92 snippet   Enter insert   " + play + " play   Tab page   Esc close"; break;
    case HelpTab::Reference: h2 = "type to search   \xE2\x86\x91\xE2\x86\x93 pick   Enter insert the example   " + play + " play it   Tab page   Esc close"; break;
    case HelpTab::Examples: hint = "\xE2\x86\x91\xE2\x86\x93 or type to pick   Enter open (music and visuals in new tabs)   Tab page   Esc close"; break;
  }
  ImGui::TextColored(vec(view_.theme->comment), "%s", h2.empty() ? hint : h2.c_str());
  ImGui::PopFont();
  ImGui::End();
  scroll_ = false;
}

void HelpPane::draw_keys() {
  if (keys_scroll_ != 0) {
    ImGui::SetScrollY(ImGui::GetScrollY() + static_cast<float>(keys_scroll_) * ImGui::GetTextLineHeightWithSpacing());
    keys_scroll_ = 0;
  }
  ImGui::TextColored(vec(view_.theme->keyword), "moonrave keys (rebind them in the config's editor.keys)");
  ImGui::Separator();
  if (ImGui::BeginTable("keys", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
    for (const auto& a : action_table()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      std::string keys = chord_name(view_.keymap->chord_of(a.action));
      if (*a.also) keys += " (" + std::string(a.also) + ")";
      ImGui::TextColored(vec(view_.theme->function), "%s", keys.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(a.help);
      ImGui::TableNextColumn();
      ImGui::TextColored(vec(view_.theme->comment), "%s", a.name);
    }
    for (const auto& f : fixed_keys()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(vec(view_.theme->function), "%s", f.chord);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(f.help);
      ImGui::TableNextColumn();
    }
    ImGui::EndTable();
  }
}

void HelpPane::draw_tutorial() {
  if (tutorial_.empty()) {
    ImGui::TextColored(vec(view_.theme->error), "The tutorial (docs/tutorial.md) was not found in %s.", data_dir_.c_str());
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
    if (sel && scroll_) ImGui::SetScrollHereY(0.5f);
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("tut_page", ImVec2(0, 0), true);
  const runtime::TutorialSection& s = tutorial_[static_cast<size_t>(tut_sel_)];
  if (scroll_) ImGui::SetScrollY(0);
  ImGui::TextColored(vec(view_.theme->keyword), "%s", s.title.c_str());
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
    if (chosen) ImGui::TextColored(vec(view_.theme->cursor), "\xE2\x96\xB6 snippet %d of %d (%s)", idx + 1, n, b.language.c_str());
    else ImGui::TextColored(vec(view_.theme->comment), "  snippet %d of %d (%s)", idx + 1, n, b.language.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("insert")) {
      tut_snippet_ = idx;
      request_snippet(b.text, language_of(b.language), false);
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(b.language == "glsl" ? "show" : "play")) {
      tut_snippet_ = idx;
      request_snippet(b.text, language_of(b.language), true);
    }
    ImGui::PopID();
    if (!open_) break;  // a button put the snippet in: the pane is closed
    draw_code(b.text, language_of(b.language), wrap);
  }
  ImGui::EndChild();
}

void HelpPane::draw_reference() {
  // The search line: the query, as typed (selected while it is the word from the cursor).
  ImGui::TextColored(vec(view_.theme->comment), "search");
  ImGui::SameLine();
  {
    ImGui::PushFont(view_.code_font);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float lh = ImGui::GetTextLineHeight();
    const float fw = std::min(ImGui::GetContentRegionAvail().x, lh * 22.0f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(p.x, p.y), ImVec2(p.x + fw, p.y + lh * 1.3f), ImGui::ColorConvertFloat4ToU32(ImVec4(0, 0, 0, 0.6f)), 4.0f);
    const ImVec2 tp(p.x + lh * 0.3f, p.y + lh * 0.15f);
    const float tw = ImGui::CalcTextSize(query_.c_str()).x;
    if (query_fresh_ && !query_.empty())
      dl->AddRectFilled(tp, ImVec2(tp.x + tw, tp.y + lh), ImGui::ColorConvertFloat4ToU32(vec(view_.theme->selection)));
    dl->AddText(tp, ImGui::ColorConvertFloat4ToU32(vec(view_.theme->text)), query_.c_str());
    if (std::fmod(view_.now, 1.0) < 0.6)
      dl->AddLine(ImVec2(tp.x + tw + 1, tp.y), ImVec2(tp.x + tw + 1, tp.y + lh), ImGui::ColorConvertFloat4ToU32(vec(view_.theme->cursor)), 2.0f);
    ImGui::Dummy(ImVec2(fw, lh * 1.3f));
    ImGui::PopFont();
  }
  ImGui::SameLine();
  ImGui::TextColored(vec(view_.theme->comment), "%zu of %zu", hits_.size(), entries_.size());
  if (hits_.empty()) {
    ImGui::TextColored(vec(view_.theme->error), "nothing matches '%s'", query_.c_str());
    return;
  }
  ref_sel_ = std::clamp(ref_sel_, 0, static_cast<int>(hits_.size()) - 1);
  const float list_w = std::round(ImGui::GetContentRegionAvail().x * 0.3f);
  ImGui::BeginChild("ref_list", ImVec2(list_w, 0), true);
  for (size_t i = 0; i < hits_.size(); ++i) {
    const runtime::RefEntry& e = entries_[hits_[i]];
    const bool sel = static_cast<int>(i) == ref_sel_;
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(e.name.c_str(), sel, ImGuiSelectableFlags_AllowDoubleClick)) {
      ref_sel_ = static_cast<int>(i);
      if (ImGui::IsMouseDoubleClicked(0) && !e.example.empty()) request_snippet(e.example, Language::Lua, false);
    }
    if (sel && scroll_) ImGui::SetScrollHereY(0.5f);
    ImGui::SameLine();
    ImGui::TextColored(vec(view_.theme->comment), "%s", e.section.c_str());
    ImGui::PopID();
    if (!open_) break;
  }
  ImGui::EndChild();
  if (!open_) return;
  ImGui::SameLine();
  ImGui::BeginChild("ref_entry", ImVec2(0, 0), true);
  const runtime::RefEntry& e = entries_[hits_[static_cast<size_t>(ref_sel_)]];
  const float wrap = ImGui::GetContentRegionAvail().x;
  ImGui::TextColored(vec(view_.theme->keyword), "%s", e.name.c_str());
  ImGui::SameLine();
  ImGui::TextColored(vec(view_.theme->comment), "  %s", e.section.c_str());
  ImGui::PushFont(view_.code_font);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(vec(view_.theme->function), "%s", e.signature.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  if (!e.aliases.empty()) {
    std::string a;
    for (const auto& s : e.aliases) a += (a.empty() ? "" : ", ") + s;
    ImGui::TextColored(vec(view_.theme->comment), "also: %s", a.c_str());
  }
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(e.doc.c_str());
  if (!e.variants.empty()) {
    std::string v;
    for (const auto& s : e.variants) v += (v.empty() ? "" : ", ") + s;
    ImGui::TextColored(vec(view_.theme->comment), "structure variants: %s", v.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (!e.example.empty()) {
    ImGui::TextColored(vec(view_.theme->comment), "example");
    ImGui::SameLine();
    if (ImGui::SmallButton("insert")) request_snippet(e.example, Language::Lua, false);
    ImGui::SameLine();
    if (open_ && ImGui::SmallButton("play")) request_snippet(e.example, Language::Lua, true);
    if (open_) draw_code(e.example, Language::Lua, wrap);
  }
  ImGui::EndChild();
}

void HelpPane::draw_examples() {
  if (examples_.empty()) {
    ImGui::TextColored(vec(view_.theme->error), "No example sets found in %s/examples.", data_dir_.c_str());
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
      if (ImGui::IsMouseDoubleClicked(0)) request_example(i);
    }
    if (sel && scroll_) ImGui::SetScrollHereY(0.5f);
    ImGui::SameLine();
    ImGui::TextColored(vec(view_.theme->comment), "%s", e.style.c_str());
    ImGui::PopID();
    if (!open_) break;
  }
  ImGui::EndChild();
  if (!open_) return;
  ImGui::SameLine();
  ImGui::BeginChild("ex_set", ImVec2(0, 0), true);
  const runtime::ExampleSet& e = examples_[static_cast<size_t>(ex_sel_)];
  ImGui::TextColored(vec(view_.theme->keyword), "%s", e.title.empty() ? e.name.c_str() : e.title.c_str());
  if (!e.style.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(vec(view_.theme->comment), "  %s", e.style.c_str());
  }
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0.0f);
  if (!e.about.empty()) ImGui::TextUnformatted(e.about.c_str());
  ImGui::Spacing();
  ImGui::TextColored(vec(view_.theme->comment), "music  %s", e.lua_path.filename().c_str());
  ImGui::TextColored(vec(view_.theme->comment), "visuals  %s", e.shader_path.empty() ? "(the built-in shader)" : e.shader_path.filename().c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (ImGui::Button("open")) request_example(static_cast<size_t>(ex_sel_));
  if (!open_) {
    ImGui::EndChild();
    return;
  }
  ImGui::SameLine();
  ImGui::TextColored(vec(view_.theme->comment), "the set opens in new tabs and its shader shows; the music starts when you evaluate it");
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
    ImGui::TextColored(vec(view_.theme->string), "%s", ex_try_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
  }
  draw_code(ex_preview_, Language::Lua, ImGui::GetContentRegionAvail().x);
  ImGui::EndChild();
}


// [SECTION] requests and reports

void HelpPane::request_snippet(const std::string& code, Language lang, bool play) {
  open_ = false;  // the snippet goes into a buffer: the pane closes
  request_ = HelpRequest{play ? HelpRequest::Kind::Play : HelpRequest::Kind::Insert, code, lang, 0, ""};
}

void HelpPane::request_example(size_t i) {
  if (i >= examples_.size()) return;
  request_ = HelpRequest{HelpRequest::Kind::OpenExample, "", Language::Lua, i, ""};
}

void HelpPane::request_message(const std::string& m) {
  request_ = HelpRequest{HelpRequest::Kind::Message, "", Language::Lua, 0, m};
}

std::optional<HelpRequest> HelpPane::take_request() {
  std::optional<HelpRequest> r;
  r.swap(request_);
  return r;
}

void HelpPane::open_reference(const std::string& word) {
  if (!word.empty() && !open_) {
    query_ = word;  // the word at the cursor; the first key typed replaces it
    query_fresh_ = true;
  }
  open(HelpTab::Reference);
  search();
}

std::string HelpPane::selected_name() const {
  if (hits_.empty()) return "";
  return entries_[hits_[static_cast<size_t>(std::clamp(ref_sel_, 0, static_cast<int>(hits_.size()) - 1))]].name;
}

std::string HelpPane::report() const {
  const auto esc = report_value;
  const char* tabs[] = {"keys", "tutorial", "reference", "examples"};
  std::ostringstream r;
  r << "help = " << (open_ ? 1 : 0) << "\n";
  r << "help.tab = " << tabs[static_cast<int>(tab_)] << "\n";
  r << "help.query = " << esc(query_) << "\n";
  r << "help.hits = " << hits_.size() << "\n";
  r << "help.entries = " << entries_.size() << "\n";
  r << "help.first = " << (hits_.empty() ? "" : entries_[hits_[0]].name) << "\n";
  r << "help.selected = " << selected_name() << "\n";
  r << "help.tutorial_sections = " << tutorial_.size() << "\n";
  r << "help.tutorial_section = " << (tutorial_.empty() ? "" : tutorial_[static_cast<size_t>(tut_sel_)].title) << "\n";
  r << "help.examples = " << examples_.size() << "\n";
  r << "help.example = " << (examples_.empty() ? "" : examples_[static_cast<size_t>(ex_sel_)].name) << "\n";
  return r.str();
}

}  // namespace mr::ui
