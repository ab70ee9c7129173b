// [SECTION] The slider widget: slider(value, min, max, step) drawn as a small track right of
// the line of its call; dragging it changes the value live (Session::set_slider, read by the
// pattern at query time) and, on release, the number in the code, so the next evaluation plays
// what was heard.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/stage_internal.hpp"

namespace mr::ui {

namespace {

// The columns of each call `name(` on a line (not a longer name ending the same way).
std::vector<size_t> calls_of(const std::string& line, const std::string& name) {
  std::vector<size_t> out;
  for (size_t at = line.find(name + "("); at != std::string::npos; at = line.find(name + "(", at + 1)) {
    const bool word_start = at == 0 || !(std::isalnum(static_cast<unsigned char>(line[at - 1])) || line[at - 1] == '_');
    if (word_start) out.push_back(at);
  }
  return out;
}

// The number literal starting at `from` (after spaces): its columns, empty when it is not one.
std::pair<int, int> number_at(const std::string& line, size_t from) {
  while (from < line.size() && line[from] == ' ') ++from;
  size_t end = from;
  while (end < line.size() && (std::isdigit(static_cast<unsigned char>(line[end])) || line[end] == '.' || line[end] == '-' ||
                               line[end] == '+' || line[end] == 'e' || line[end] == 'E'))
    ++end;
  return {static_cast<int>(from), static_cast<int>(end)};
}

ImU32 u32(const Rgba& c, float a) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a * a)); }

}  // namespace

void Stage::layout_sliders(const EditorView& view, const Doc& d, float right_edge, std::vector<SliderWidget>& out) const {
  out.clear();
  if (d.is_glsl()) return;
  std::map<int, int> on_line;  // widgets placed on each line so far
  for (const runtime::SliderInfo& s : session_->sliders()) {
    if (s.buffer != d.name || s.line < 1 || s.line > d.buf.line_count()) continue;
    SliderWidget w;
    w.info = s;
    w.line = s.line - 1;
    const std::string& line = d.buf.line(w.line);
    // Its call on that line: the k-th slider( for an id slider_LINE_K, or sliderWithID("id", ...).
    size_t call = std::string::npos, value_from = 0;
    const std::string prefix = "slider_" + std::to_string(s.line) + "_";
    if (s.id.rfind(prefix, 0) == 0) {
      const std::vector<size_t> calls = calls_of(line, "slider");
      const size_t k = static_cast<size_t>(std::atoi(s.id.c_str() + prefix.size()));
      if (k < calls.size()) {
        call = calls[k];
        value_from = call + 7;
      }
    } else {
      for (size_t at : calls_of(line, "sliderWithID")) {
        const size_t comma = line.find(',', at);
        if (comma != std::string::npos && line.find(s.id, at) < comma) {
          call = at;
          value_from = comma + 1;
          break;
        }
      }
    }
    if (call == std::string::npos) continue;  // the line changed since: no widget until it plays again
    std::tie(w.value_begin, w.value_end) = number_at(line, value_from);
    const float cw = view.char_width(), lh = view.line_height();
    const int k = on_line[w.line]++;
    const float x0 = view.col_x(line, static_cast<int>(line.size())) + cw * (2 + 13 * static_cast<float>(k));
    const float y = view.line_y(w.line) + lh * 0.5f - lh * 0.15f;
    w.track = {x0, y - lh * 0.12f, x0 + cw * 11, y + lh * 0.12f};
    if (w.track.x1 > right_edge || w.line < view.top_line() || w.line > view.last_line()) continue;
    out.push_back(std::move(w));
  }
}

void Stage::draw_sliders(ImDrawList* dl, const std::vector<SliderWidget>& widgets) const {
  for (const SliderWidget& w : widgets) {
    const ScreenRect& t = w.track;
    const double span = w.info.max - w.info.min;
    const float f = span > 0 ? static_cast<float>(std::clamp((w.info.value - w.info.min) / span, 0.0, 1.0)) : 0.0f;
    const float knob_x = t.x0 + (t.x1 - t.x0) * f, r = (t.y1 - t.y0) * 1.2f;
    dl->AddRectFilled(ImVec2(t.x0 - r, t.y0 - r), ImVec2(t.x1 + r, t.y1 + r), u32(theme_->backdrop, 0.8f), r);
    dl->AddRectFilled(ImVec2(t.x0, t.y0), ImVec2(t.x1, t.y1), u32(theme_->comment, 0.6f), 2.0f);
    dl->AddRectFilled(ImVec2(t.x0, t.y0), ImVec2(knob_x, t.y1), u32(theme_->active, 0.9f), 2.0f);
    dl->AddCircleFilled(ImVec2(knob_x, (t.y0 + t.y1) * 0.5f), r, u32(w.info.id == dragging_slider_ ? theme_->cursor : theme_->text, 1.0f));
  }
}

double Stage::slider_value_at(const SliderWidget& w, float x) const {
  const double f = std::clamp(static_cast<double>((x - w.track.x0) / std::max(1.0f, w.track.x1 - w.track.x0)), 0.0, 1.0);
  double v = w.info.min + f * (w.info.max - w.info.min);
  if (w.info.step > 0) v = w.info.min + std::round((v - w.info.min) / w.info.step) * w.info.step;
  return std::clamp(v, w.info.min, w.info.max);
}

void Stage::write_slider_value(const SliderWidget& w, double v) {
  Doc& d = doc();
  if (w.value_end <= w.value_begin || w.line >= d.buf.line_count()) return;  // an expression: left as written
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", v);
  const TextPos cursor = d.buf.cursor();
  d.buf.select({{w.line, w.value_begin}, {w.line, w.value_end}});
  d.buf.insert(text);
  // The cursor stays where it was (moved along when it was after the number on that line).
  TextPos c = cursor;
  if (c.line == w.line && c.col >= w.value_end) c.col += static_cast<int>(std::string(text).size()) - (w.value_end - w.value_begin);
  d.buf.set_cursor(d.buf.clamp(c));
  after_edit(true);
}

}  // namespace mr::ui
