// The performer's panes around the editor: buffer tabs, the slim status line, the suggestion
// pane and the prompts (open, save as, find, go to line, quit with unsaved changes). The help
// pane is in stage_help.cpp.
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "pattern/registry.hpp"
#include "suggest/engine.hpp"
#include "ui/stage_internal.hpp"

namespace mr::ui {

namespace {

ImU32 col(const Rgba& c, float alpha_mul = 1.0f) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, std::clamp(c.a * alpha_mul, 0.0f, 1.0f)));
}

ImVec4 vec(const Rgba& c, float a = 1.0f) { return ImVec4(c.r, c.g, c.b, c.a * a); }

// Text with a dark backing pill: readable over any frame.
float pill(ImDrawList* dl, ImFont* f, float x, float y, const char* s, ImU32 text, ImU32 back) {
  const float px = f->FontSize * f->Scale;
  const ImVec2 sz = f->CalcTextSizeA(px, FLT_MAX, 0.0f, s);
  const float pad = std::round(px * 0.45f);
  dl->AddRectFilled(ImVec2(x, y), ImVec2(x + sz.x + pad * 2, y + px * 1.45f), back, px * 0.35f);
  dl->AddText(f, px, ImVec2(x + pad, y + px * 0.22f), text, s);
  return sz.x + pad * 2;
}

}  // namespace

void Stage::draw_tabs() {
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  ImFont* f = perf_.ui_font;
  const float px = f->FontSize * f->Scale;
  float x = std::round(px * 0.6f);
  const float y = std::round(px * 0.35f);
  for (size_t i = 0; i < docs_.size(); ++i) {
    const Doc& d = *docs_[i];
    const bool cur = static_cast<int>(i) == current_;
    std::string label = d.name + (d.is_glsl() ? ".glsl" : ".lua");
    if (d.buf.modified()) label += " \xE2\x97\x8F";  // a dot: unsaved
    if (!d.errors.empty()) label += " !";
    const ImU32 back = cur ? col(theme_->selection, 1.3f) : col(theme_->status_back, 0.75f);
    const ImU32 text = !d.errors.empty() ? col(theme_->error) : col(theme_->status_text, cur ? 1.0f : 0.7f);
    x += pill(dl, f, x, y, label.c_str(), text, back) + px * 0.4f;
  }
  // The docs of the function under the cursor (Lua buffers): its signature and one line.
  docs_line_.clear();
  const std::string word = word_at_cursor();
  if (!word.empty()) {
    if (const auto* fi = pattern::Registry::instance().find(word)) docs_line_ = fi->signature + ": " + fi->doc;
  }
  if (!docs_line_.empty()) {
    const float dw = f->CalcTextSizeA(px, FLT_MAX, 0.0f, docs_line_.c_str()).x + px;
    const float dx = std::max(x + px * 0.5f, perf_.w - dw - px * 0.6f);
    pill(dl, f, dx, y, docs_line_.c_str(), col(theme_->function), col(theme_->status_back, 0.9f));
  }
  char hint[200];
  std::snprintf(hint, sizeof hint, "%s play   %s switch   %s help   %s reference   %s examples",
                chord_name(keymap_.chord_of(Action::EvaluateBlock)).c_str(), chord_name(keymap_.chord_of(Action::NextBuffer)).c_str(),
                chord_name(keymap_.chord_of(Action::Help)).c_str(), chord_name(keymap_.chord_of(Action::Reference)).c_str(),
                chord_name(keymap_.chord_of(Action::Examples)).c_str());
  hint_line_ = hint;
  if (docs_line_.empty()) pill(dl, f, x + px * 0.5f, y, hint, col(theme_->status_text, 0.55f), col(theme_->status_back, 0.45f));
}

void Stage::draw_status_line() {
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  ImFont* f = perf_.ui_font;
  const float px = f->FontSize * f->Scale;
  const float h = std::round(px * 1.7f);
  const float y0 = perf_.h - h;
  dl->AddRectFilled(ImVec2(0, y0), ImVec2(static_cast<float>(perf_.w), static_cast<float>(perf_.h)), col(theme_->status_back));
  const runtime::Status& s = status_;
  char buf[320];
  const gfx::VisualsStats vs = visuals_->stats();
  char gpu[48] = "";
  if (vs.gpu_ms >= 0) std::snprintf(gpu, sizeof gpu, "   visuals %.1f ms", vs.gpu_ms);
  char link[32] = "";
  if (s.link_peers >= 0) std::snprintf(link, sizeof link, "   link %d peer%s", s.link_peers, s.link_peers == 1 ? "" : "s");
  else if (s.midi_clock >= 0) std::snprintf(link, sizeof link, "   midi clock%s", s.midi_clock ? "" : " (none)");
  std::snprintf(buf, sizeof buf, "cycle %.2f   %.2f cps  %.0f bpm%s   load %.0f%%   voices %d   late %llu   xruns %llu   %s%s",
                s.cycle, s.cps, s.bpm, link, s.dsp_load * 100.0, s.voices, static_cast<unsigned long long>(s.late_events),
                static_cast<unsigned long long>(s.xruns), s.device.c_str(), gpu);
  float x = std::round(px * 0.6f);
  const float ty = y0 + (h - px) * 0.5f;
  if (recording_ || s.recording) {
    const bool on = std::fmod(now(), 1.0) < 0.65;
    dl->AddCircleFilled(ImVec2(x + px * 0.35f, ty + px * 0.5f), px * 0.33f, on ? IM_COL32(255, 40, 60, 255) : IM_COL32(120, 20, 30, 255));
    dl->AddText(f, px, ImVec2(x + px * 0.9f, ty), IM_COL32(255, 80, 90, 255), "REC");
    x += px * 3.2f;
  }
  // The master meter: RMS bar and peak tick on a -60..0 dB scale.
  {
    const float mw = px * 6.0f, mh = px * 0.45f, my = y0 + (h - mh) * 0.5f;
    auto db_pos = [&](float lin) { return std::clamp((20.0f * std::log10(std::max(lin, 1e-6f)) + 60.0f) / 60.0f, 0.0f, 1.0f); };
    dl->AddRectFilled(ImVec2(x, my), ImVec2(x + mw, my + mh), IM_COL32(255, 255, 255, 30), 2.0f);
    const float r = db_pos(visuals_->level_rms()), pk = db_pos(visuals_->level_peak());
    dl->AddRectFilled(ImVec2(x, my), ImVec2(x + mw * r, my + mh), pk > 0.98f ? IM_COL32(255, 70, 70, 230) : IM_COL32(90, 220, 140, 230), 2.0f);
    dl->AddLine(ImVec2(x + mw * pk, my - 1), ImVec2(x + mw * pk, my + mh + 1), IM_COL32(255, 255, 255, 220), 1.5f);
    x += mw + px;
  }
  dl->AddText(f, px, ImVec2(x, ty), col(theme_->status_text, 0.9f), buf);
  x += f->CalcTextSizeA(px, FLT_MAX, 0.0f, buf).x + px * 1.5f;

  // The right part: the latest message for a while, else the slots playing.
  std::string right;
  ImU32 rc = col(theme_->status_text, 0.75f);
  if (!message_.empty() && now() - message_at_ < (message_error_ ? kErrorShownSec : 5.0)) {
    right = message_;
    rc = message_error_ ? col(theme_->error) : col(theme_->status_text);
  } else if (!s.slots.empty()) {
    for (const auto& sl : s.slots) right += sl + " ";
  }
  if (!right.empty()) {
    dl->PushClipRect(ImVec2(x, y0), ImVec2(static_cast<float>(perf_.w), static_cast<float>(perf_.h)), true);
    dl->AddText(f, px, ImVec2(x, ty), rc, right.c_str());
    dl->PopClipRect();
  }
}

void Stage::draw_suggestions() {
  // Beside the code where the eyes are: just below the cursor's line, at the cursor (kept inside
  // the window); shown only while there is something to suggest.
  const auto& list = suggest_->list();
  if (list.empty()) return;
  const TextBuffer& b = doc().buf;
  const float px = perf_.ui_font->FontSize * perf_.ui_font->Scale;
  const std::string& line = b.line(b.cursor().line);
  const float cx = view_.text_x() + perf_.code_font->CalcTextSizeA(perf_.code_font->FontSize * perf_.code_font->Scale, FLT_MAX, 0.0f,
                                                                   line.data(), line.data() + b.cursor().col).x;
  const int cur = b.cursor().line;
  const float lh = view_.line_height();
  const float pane_w = std::min(perf_.w * 0.45f, 520.0f * dpi_scale_);
  // Its rows: the title, the list, the provider, one per remote provider, the keys.
  const float est_h = px * 1.6f * static_cast<float>(list.size() + 3 + o_.suggest->status().size());
  const float status_h = std::round(px * 1.7f);
  // What it must never cover: the code near the cursor (two lines each side, with the ghost text),
  // every error line and every error message.
  std::vector<ScreenRect> keep;
  auto keep_line = [&](int li, float extra) {
    if (li < 0 || li >= b.line_count() || li < view_.top_line() || li > view_.last_line()) return;
    const std::string& l = b.line(li);
    if (l.find_first_not_of(" \t") == std::string::npos && extra <= 0) return;
    const float y0 = view_.line_y(li) - lh * 0.15f;
    keep.push_back({view_.text_x() - view_.char_width(), y0,
                    view_.col_x(l, static_cast<int>(l.size())) + extra + view_.char_width() * 2, y0 + lh});
  };
  const std::string ghost = suggest_->ghost().substr(0, suggest_->ghost().find('\n'));
  const float ghost_w = perf_.code_font->CalcTextSizeA(perf_.code_font->FontSize * perf_.code_font->Scale, FLT_MAX, 0.0f, ghost.c_str()).x;
  for (int li = cur - 2; li <= cur + 2; ++li) keep_line(li, li == cur ? std::max(0.0f, cx + ghost_w - view_.col_x(line, static_cast<int>(line.size()))) : 0.0f);
  for (const LineError& e : doc().errors_now()) keep_line(e.line, 0.0f);
  for (const ScreenRect& r : view_.message_rects()) keep.push_back(r);
  auto fits = [&](float x, float y) {
    if (x < 0 || y < 0 || x + pane_w > perf_.w || y + est_h > perf_.h - status_h) return false;
    const ScreenRect pane{x, y, x + pane_w, y + est_h};
    for (const ScreenRect& r : keep)
      if (pane.overlaps(r)) return false;
    return true;
  };
  // Beside the cursor where the eyes are (below it, or above), else right of the code near it,
  // else a corner; where none is free the ghost text alone is shown.
  float right_of_code = 0;
  for (const ScreenRect& r : keep) right_of_code = std::max(right_of_code, r.x1);
  const float below = view_.line_y(cur) + lh * 1.05f, above = view_.line_y(cur) - est_h - px * 0.3f;
  const float x_at = std::clamp(cx, 0.0f, std::max(0.0f, perf_.w - pane_w - px));
  const ImVec2 candidates[] = {{x_at, below},
                               {x_at, above},
                               {right_of_code + px, view_.line_y(cur) - lh * 0.15f},
                               {right_of_code + px, above},
                               {perf_.w - pane_w - px, perf_.h - status_h - est_h - px * 0.5f},
                               {perf_.w - pane_w - px, view_.line_y(0)}};
  suggest_pane_ = {};
  bool placed = false;
  float x = 0, y = 0;
  for (const ImVec2& c : candidates)
    if (!placed && fits(c.x, c.y)) {
      x = c.x;
      y = c.y;
      placed = true;
    }
  if (!placed) return;
  suggest_pane_ = {x, y, x + pane_w, y + est_h};
  ImGui::SetNextWindowPos(ImVec2(x, y));
  ImGui::SetNextWindowSizeConstraints(ImVec2(px * 12, 0), ImVec2(pane_w, est_h));
  ImGui::SetNextWindowBgAlpha(1.0f);
  const ImGuiWindowFlags fl = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoFocusOnAppearing |
                              ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_AlwaysAutoResize;
  ImGui::Begin("suggestions", nullptr, fl);
  ImGui::TextColored(vec(theme_->comment), "suggestions");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string t = list[i].text;
    const size_t nl = t.find('\n');
    if (nl != std::string::npos) t = t.substr(0, nl) + " ...";
    const char* kind = list[i].kind == suggest::Completion::Kind::Token ? "word"
                       : list[i].kind == suggest::Completion::Kind::Line ? "line" : "transform";
    ImGui::TextColored(i == 0 ? vec(theme_->cursor) : vec(theme_->text), "%s %s", i == 0 ? "Tab" : "   ", t.c_str());
    ImGui::SameLine();
    ImGui::TextColored(vec(theme_->comment, 0.8f), "%s", kind);
  }
  ImGui::Separator();
  if (!suggest_->provider().empty())
    ImGui::TextColored(vec(theme_->comment), "shown: %s, %.2f ms", suggest_->provider().c_str(), suggest_->latency_ms());
  for (const auto& p : o_.suggest->status())
    ImGui::TextColored(vec(p.state == "ok" ? theme_->comment : theme_->error, 0.9f), "%s: %s, %.2f ms", p.name.c_str(),
                       p.state.c_str(), p.last_latency_ms);
  ImGui::TextColored(vec(theme_->comment, 0.6f), "Tab accept  Ctrl+Right word  Esc dismiss");
  ImGui::End();
}

void Stage::draw_prompt() {
  namespace fs = std::filesystem;
  const float px = perf_.ui_font->FontSize * perf_.ui_font->Scale;
  ImGui::SetNextWindowPos(ImVec2(perf_.w * 0.5f, px * 4), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(std::min(perf_.w * 0.8f, 900.0f * dpi_scale_), 0));
  ImGui::SetNextWindowBgAlpha(0.95f);
  ImGui::Begin("prompt", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize);
  if (prompt_ == Prompt::Quit) {
    std::string names;
    for (const auto& d : docs_)
      if (d->buf.modified()) names += (names.empty() ? "" : ", ") + d->name + (d->is_glsl() ? ".glsl" : ".lua");
    ImGui::TextColored(vec(theme_->error), "Unsaved changes in %s.", names.c_str());
    ImGui::TextUnformatted("S: save and quit    Q: quit without saving (an autosaved copy is kept)    Esc: cancel");
    ImGui::End();
    return;
  }
  const char* label = prompt_ == Prompt::Open ? "open file" : prompt_ == Prompt::SaveAs ? "save as" : prompt_ == Prompt::Find ? "find" : "go to line";
  ImGui::TextColored(vec(theme_->comment), "%s (Enter to confirm, Esc to cancel)", label);
  if (prompt_focus_) {
    ImGui::SetKeyboardFocusHere();
    prompt_focus_ = false;
  }
  ImGui::SetNextItemWidth(-1);
  const bool enter = ImGui::InputText("##prompt", prompt_buf_, sizeof prompt_buf_, ImGuiInputTextFlags_EnterReturnsTrue);
  std::string chosen;
  if (prompt_ == Prompt::Open && !recent_.empty()) {
    ImGui::TextColored(vec(theme_->comment), "recent files");
    for (const auto& r : recent_)
      if (ImGui::Selectable(r.c_str())) chosen = r;
  }
  ImGui::End();
  if (!enter && chosen.empty()) return;
  const std::string v = chosen.empty() ? std::string(prompt_buf_) : chosen;
  const Prompt p = prompt_;
  prompt_ = Prompt::None;
  if (v.empty()) return;
  switch (p) {
    case Prompt::Open: {
      if (!load_doc(v, true)) {  // a new file: an empty buffer saved there on Ctrl+S
        auto d = std::make_unique<Doc>();
        d->path = v;
        d->name = fs::path(v).stem().string();
        const std::string ext = fs::path(v).extension().string();
        d->buf = TextBuffer("", ext == ".glsl" || ext == ".frag" ? Language::Glsl : Language::Lua);
        docs_.push_back(std::move(d));
        current_ = static_cast<int>(docs_.size()) - 1;
        set_message("new file " + v + " (Ctrl+S saves it)");
      }
      if (fs::path(v).extension() == ".lua") {
        fs::path g = fs::path(v);
        g.replace_extension(".glsl");
        const size_t before = docs_.size();
        if (load_doc(g.string(), false) && docs_.size() > before) compile_shader(*docs_.back());
      }
      after_edit(false);
      break;
    }
    case Prompt::SaveAs: save_doc(doc(), v); break;
    case Prompt::Find:
      find_text_ = v;
      if (!doc().buf.find(v)) set_message("not found: " + v);
      break;
    case Prompt::GoToLine: doc().buf.go_to_line(std::atoi(v.c_str())); break;
    default: break;
  }
}

}  // namespace mr::ui
