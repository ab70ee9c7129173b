// Test hooks of the stage: what the script driver's steps do here (script_driver.hpp),
// screenshots of a window's pixels, and a report of the editor's state.
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "ui/stage_internal.hpp"

namespace mr::ui {

uint32_t Stage::script_window_id() { return SDL_GetWindowID(perf_.window); }

void Stage::script_push(const SDL_Event& e) {
  SDL_Event copy = e;
  SDL_PushEvent(&copy);
}

bool Stage::screenshot(const std::string& path) { return perf_.screenshot(path); }

void Stage::write_report(const std::string& path) {
  std::ostringstream r;
  const auto esc = report_value;
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
    r << k << "selection = " << (d.buf.has_selection() ? 1 : 0) << "\n";
    r << k << "path = " << esc(d.path) << "\n";
    std::string lines;
    for (const auto& e : d.errors_now()) lines += (lines.empty() ? "" : ",") + std::to_string(e.line + 1);
    r << k << "error_lines = " << lines << "\n";
    r << k << "error = " << esc(d.errors.empty() ? "" : d.errors[0].message) << "\n";
    {  // the text the error underlines, where it points
      const std::vector<LineError> now = d.errors_now();
      const std::string text = d.buf.text();
      std::string under;
      if (!now.empty() && now[0].begin >= 0 && now[0].end <= static_cast<int64_t>(text.size()))
        under = text.substr(static_cast<size_t>(now[0].begin), static_cast<size_t>(now[0].end - now[0].begin));
      r << k << "error_underlined = " << esc(under) << "\n";
    }
    r << k << "text = " << esc(d.buf.text()) << "\n";
  }
  r << "evals_ok = " << evals_ok_ << "\n";
  r << "evals_failed = " << evals_failed_ << "\n";
  r << "last_eval_message = " << esc(last_eval_message_) << "\n";
  r << "spans_now = " << spans_drawn_ << "\n";
  r << "spans_max = " << max_spans_drawn_ << "\n";
  // The piano roll's boxes, the scope's points and the inline views drawn: this frame, and the most.
  r << "roll_now = " << marked_drawn_.roll << "\nroll_max = " << marked_max_.roll << "\n";
  r << "scope_now = " << marked_drawn_.scope << "\nscope_max = " << marked_max_.scope << "\n";
  r << "inline_views_max = " << marked_max_.inline_views << "\n";
  r << "sliders = " << slider_widgets_.size() << "\n";
  for (size_t i = 0; i < slider_widgets_.size(); ++i) {  // id, value, line (1-based), track
    const SliderWidget& w = slider_widgets_[i];
    r << "slider." << i << " = " << w.info.id << "," << w.info.value << "," << w.line + 1 << "," << w.track.x0 << "," << w.track.y0
      << "," << w.track.x1 << "," << w.track.y1 << "\n";
  }
  {
    std::string seen;
    for (const std::string& s : spans_seen_) seen += (seen.empty() ? "" : "|") + s;
    r << "spans_seen = " << esc(seen) << "\n";  // the texts highlighted since the last report
    spans_seen_.clear();
  }
  r << "code_visible = " << (code_visible_ ? 1 : 0) << "\n";
  r << "font_px = " << perf_.code_font->FontSize * perf_.code_font->Scale << "\n";
  // Where line N (1-based) of the current buffer is drawn: y = line0_y + (N - 1) * line_h (text top).
  r << "layout.line0_y = " << view_.line_y(0) << "\n";
  r << "layout.line_h = " << view_.line_height() << "\n";
  r << "layout.text_x = " << view_.text_x() << "\n";
  r << "layout.char_w = " << view_.char_width() << "\n";
  if (!suggest_pane_.empty())  // the suggestion pane's rectangle, when it was drawn
    r << "suggest.pane = " << suggest_pane_.x0 << "," << suggest_pane_.y0 << "," << suggest_pane_.x1 << "," << suggest_pane_.y1 << "\n";
  r << "layout.fb_scale = " << perf_.fb_scale << "\n";
  r << "audience.window = " << (aud_.window ? std::to_string(aud_.w) + "x" + std::to_string(aud_.h) : std::string()) << "\n";
  r << "audience.line_h = " << (aud_.window ? aud_view_.line_height() : 0.0f) << "\n";
  r << "message = " << esc(message_) << "\n";
  r << "docs_line = " << esc(docs_line_) << "\n";
  r << "hint_line = " << esc(hint_line_) << "\n";
  r << "prompt = " << (prompt_ == Prompt::Quit ? "quit" : prompt_ == Prompt::None ? "" : "other") << "\n";
  r << "ghost = " << esc(suggest_ ? suggest_->ghost() : std::string()) << "\n";
  r << help_.report();  // the help pane: its page, the reference search and the selections
  r << "last_insert = " << esc(last_insert_) << "\n";
  r << "ui_ms = " << ui_ms_ << "\n";
  r << "ui_ms_mean = " << (frame_ > 3 ? ui_ms_sum_ / static_cast<double>(frame_ - 3) : 0.0) << "\n";
  r << "ui_ms_max = " << ui_ms_max_ << "\n";
  r << "ui_cpu_ms_mean = " << (frame_ > 3 ? ui_cpu_ms_sum_ / static_cast<double>(frame_ - 3) : 0.0) << "\n";
  r << "shader_compile_ms = " << visuals_->compile_ms() << "\n";
  r << "visuals = " << visuals_->shown() << "\n";
  r << "audio.device = " << esc(status_.device) << "\n";
  r << "audio.late_events = " << status_.late_events << "\n";
  r << "audio.xruns = " << status_.xruns << "\n";
  r << "audio.voices = " << status_.voices << "\n";
  std::ofstream out(path);
  out << r.str();
}

}  // namespace mr::ui
