// Test hooks of the stage: a script of keystrokes pushed through SDL's own event queue (so the
// real input path runs), screenshots of the window's pixels, and a report of the editor's state.
#include <GL/glew.h>
#include <imgui.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "ui/stage_internal.hpp"

namespace mr::ui {

void Stage::load_script() {
  std::ifstream in(o_.script);
  if (!in) {
    std::fprintf(stderr, "moonrave: cannot read the script %s\n", o_.script.c_str());
    running_ = false;
    return;
  }
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const size_t sp = line.find(' ');
    ScriptStep s{line.substr(0, sp), sp == std::string::npos ? "" : line.substr(sp + 1)};
    script_.push_back(std::move(s));
  }
}

void Stage::push_key(const std::string& chord) {
  std::string err;
  auto c = parse_chord(chord, &err);
  if (!c) {
    std::fprintf(stderr, "moonrave: script: %s\n", err.c_str());
    return;
  }
  SDL_Event e{};
  e.type = SDL_KEYDOWN;
  e.key.windowID = SDL_GetWindowID(perf_.window);
  e.key.state = SDL_PRESSED;
  e.key.keysym.sym = c->key;
  e.key.keysym.scancode = SDL_GetScancodeFromKey(c->key);
  Uint16 m = 0;
  if (c->mods & kCtrl) m |= KMOD_LCTRL;
  if (c->mods & kShift) m |= KMOD_LSHIFT;
  if (c->mods & kAlt) m |= KMOD_LALT;
  e.key.keysym.mod = m;
  SDL_PushEvent(&e);
  // The release comes a frame later: ImGui 1.86 reads key state once a frame, so a press and a
  // release in the same frame would never reach a text field.
  e.type = SDL_KEYUP;
  e.key.state = SDL_RELEASED;
  pending_key_up_.push_back(e);
}

void Stage::push_text(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    n = std::min(n, text.size() - i);
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    e.text.windowID = SDL_GetWindowID(perf_.window);
    std::copy_n(text.data() + i, n, e.text.text);
    SDL_PushEvent(&e);
    i += n;
  }
}

void Stage::script_tick() {
  for (SDL_Event& e : pending_key_up_) SDL_PushEvent(&e);
  pending_key_up_.clear();
  if (wait_frames_ > 0) {
    --wait_frames_;
    return;
  }
  while (!script_.empty() && wait_frames_ == 0) {
    if (now() < sleep_until_) return;
    ScriptStep s = script_.front();
    if (s.op == "settle") {  // until every evaluation has answered (at most 10 s)
      if (settle_start_ < 0) settle_start_ = now();
      if (!pending_evals_.empty() && now() < settle_start_ + 10.0) return;
      settle_start_ = -1;
      script_.pop_front();
      continue;
    }
    script_.pop_front();
    if (s.op == "text") {
      push_text(s.arg);
      wait_frames_ = 1;
    } else if (s.op == "key") {
      push_key(s.arg);
      wait_frames_ = 1;
    } else if (s.op == "wait") {
      wait_frames_ = std::max(0, std::atoi(s.arg.c_str()));
    } else if (s.op == "sleep") {
      sleep_until_ = now() + std::atof(s.arg.c_str()) / 1000.0;
    } else if (s.op == "shot") {
      screenshot(s.arg);
    } else if (s.op == "shot-audience") {  // taken when the audience window draws this frame
      audience_shot_ = s.arg;
      wait_frames_ = 1;
    } else if (s.op == "report") {
      write_report(s.arg);
    } else if (s.op == "crash") {  // leave as a crash would: no clean-up, the autosave marker stays
      std::fflush(nullptr);
      std::_Exit(0);
    } else if (s.op == "quit") {
      running_ = false;
      return;
    } else {
      std::fprintf(stderr, "moonrave: script: unknown step '%s'\n", s.op.c_str());
    }
  }
  if (script_.empty() && !o_.script.empty() && o_.screenshot.empty() && wait_frames_ == 0) running_ = false;
}

bool Stage::screenshot(const std::string& path) { return screenshot_window(perf_, path); }

bool Stage::screenshot_window(const StageWindow& win, const std::string& path) {
  const int w = win.fb_w, h = win.fb_h;
  std::vector<uint8_t> px(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  // GL's rows go bottom up; PNG's top down. The window is opaque.
  std::vector<uint8_t> out(px.size());
  const size_t row = static_cast<size_t>(w) * 4;
  for (int y = 0; y < h; ++y)
    std::copy_n(px.data() + static_cast<size_t>(h - 1 - y) * row, row, out.data() + static_cast<size_t>(y) * row);
  for (size_t i = 3; i < out.size(); i += 4) out[i] = 255;
  if (!stbi_write_png(path.c_str(), w, h, 4, out.data(), static_cast<int>(row))) {
    std::fprintf(stderr, "moonrave: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

void Stage::write_report(const std::string& path) {
  std::ostringstream r;
  auto esc = [](const std::string& s) {
    std::string o;
    for (char c : s) {
      if (c == '\n') o += "\\n";
      else if (c == '\\') o += "\\\\";
      else o += c;
    }
    return o;
  };
  r << "frames = " << frame_ << "\n";
  r << "window = " << perf_.w << "x" << perf_.h << "\n";
  r << "drawable = " << perf_.fb_w << "x" << perf_.fb_h << "\n";
  r << "current = " << current_ << "\n";
  r << "docs = " << docs_.size() << "\n";
  for (size_t i = 0; i < docs_.size(); ++i) {
    const Doc& d = *docs_[i];
    const std::string k = "doc." + std::to_string(i) + ".";
    r << k << "name = " << d.name << "\n";
    r << k << "language = " << (d.is_glsl() ? "glsl" : "lua") << "\n";
    r << k << "modified = " << (d.buf.modified() ? 1 : 0) << "\n";
    r << k << "lines = " << d.buf.line_count() << "\n";
    r << k << "cursor = " << d.buf.cursor().line + 1 << ":" << d.buf.cursor().col + 1 << "\n";
    std::string lines;
    for (const auto& e : d.errors) lines += (lines.empty() ? "" : ",") + std::to_string(e.line + 1);
    r << k << "error_lines = " << lines << "\n";
    r << k << "error = " << esc(d.errors.empty() ? "" : d.errors[0].message) << "\n";
    r << k << "text = " << esc(d.buf.text()) << "\n";
  }
  r << "evals_ok = " << evals_ok_ << "\n";
  r << "evals_failed = " << evals_failed_ << "\n";
  r << "last_eval_message = " << esc(last_eval_message_) << "\n";
  r << "spans_now = " << spans_drawn_ << "\n";
  r << "spans_max = " << max_spans_drawn_ << "\n";
  r << "code_visible = " << (code_visible_ ? 1 : 0) << "\n";
  r << "font_px = " << perf_.code_font->FontSize * perf_.code_font->Scale << "\n";
  // Where line N (1-based) of the current buffer is drawn: y = line0_y + (N - 1) * line_h (text top).
  r << "layout.line0_y = " << view_.line_y(0) << "\n";
  r << "layout.line_h = " << view_.line_height() << "\n";
  r << "layout.text_x = " << view_.text_x() << "\n";
  r << "layout.fb_scale = " << perf_.fb_scale << "\n";
  r << "message = " << esc(message_) << "\n";
  r << "docs_line = " << esc(docs_line_) << "\n";
  r << "prompt = " << (prompt_ == Prompt::Quit ? "quit" : prompt_ == Prompt::None ? "" : "other") << "\n";
  r << "ghost = " << esc(suggest_ ? suggest_->ghost() : std::string()) << "\n";
  // The help pane: its page, the reference search and the selections.
  const char* tabs[] = {"keys", "tutorial", "reference", "examples"};
  r << "help = " << (help_ ? 1 : 0) << "\n";
  r << "help.tab = " << tabs[static_cast<int>(help_tab_)] << "\n";
  r << "help.query = " << esc(ref_query_) << "\n";
  r << "help.hits = " << ref_hits_.size() << "\n";
  r << "help.entries = " << ref_entries_.size() << "\n";
  r << "help.first = " << (ref_hits_.empty() ? "" : ref_entries_[ref_hits_[0]].name) << "\n";
  r << "help.selected = "
    << (ref_hits_.empty() ? "" : ref_entries_[ref_hits_[static_cast<size_t>(std::clamp(ref_sel_, 0, static_cast<int>(ref_hits_.size()) - 1))]].name)
    << "\n";
  r << "help.tutorial_sections = " << tutorial_.size() << "\n";
  r << "help.tutorial_section = " << (tutorial_.empty() ? "" : tutorial_[static_cast<size_t>(tut_sel_)].title) << "\n";
  r << "help.examples = " << examples_.size() << "\n";
  r << "help.example = " << (examples_.empty() ? "" : examples_[static_cast<size_t>(ex_sel_)].name) << "\n";
  r << "last_insert = " << esc(last_insert_) << "\n";
  r << "ui_ms = " << ui_ms_ << "\n";
  r << "ui_ms_mean = " << (frame_ > 3 ? ui_ms_sum_ / static_cast<double>(frame_ - 3) : 0.0) << "\n";
  r << "ui_ms_max = " << ui_ms_max_ << "\n";
  r << "ui_cpu_ms_mean = " << (frame_ > 3 ? ui_cpu_ms_sum_ / static_cast<double>(frame_ - 3) : 0.0) << "\n";
  r << "shader_compile_ms = " << shader_compile_ms_ << "\n";
  r << "visuals = " << shader_shown_ << "\n";
  std::ofstream out(path);
  out << r.str();
}

}  // namespace mr::ui
