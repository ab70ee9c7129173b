// Drawing of the editor over the visuals. Layers per line, back to front: the translucent band,
// selection, flash, sounding atoms, error band, text (with an optional dark outline for
// projection), cursor and ghost text; then the error messages to the right of their lines.
#include "ui/editor_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "ui/syntax.hpp"

namespace mr::ui {

namespace {

ImU32 col(const Rgba& c, float alpha_mul = 1.0f) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, std::clamp(c.a * alpha_mul, 0.0f, 1.0f)));
}

}  // namespace

float EditorView::col_x(const std::string& line, int col) const {
  if (col <= 0 || !font_) return text_x_;
  const size_t n = std::min(static_cast<size_t>(col), line.size());
  return text_x_ + font_->CalcTextSizeA(font_px_, FLT_MAX, 0.0f, line.data(), line.data() + n).x;
}

float EditorView::line_y(int line) const { return top_y_ + static_cast<float>(line - top_line_) * line_h_; }

void EditorView::draw(ImDrawList* dl, ImFont* font, const EditorLayout& lay, const TextBuffer& buf,
                      const Theme& theme, const EditorDecor& decor) {
  font_ = font;
  font_px_ = lay.font_px;
  line_h_ = std::round(lay.font_px * 1.32f);
  const float pad_x = std::round(lay.font_px * 0.35f);
  const float pad_y = std::round((line_h_ - lay.font_px) * 0.5f);
  const float digit_w = font->CalcTextSizeA(font_px_, FLT_MAX, 0.0f, "0").x;
  char_w_ = digit_w;
  const float gutter = decor.line_numbers ? digit_w * 4.0f + pad_x * 2.0f : pad_x * 2.0f;
  text_x_ = std::round(lay.x + gutter);
  top_y_ = std::round(lay.y + pad_y);
  visible_lines_ = std::max(1, static_cast<int>((lay.height - pad_y) / line_h_));

  // Keep the cursor at least two lines away from the edges.
  const int cur = buf.cursor().line;
  const int margin = std::min(2, visible_lines_ / 4);
  if (cur < top_line_ + margin) top_line_ = std::max(0, cur - margin);
  if (cur > top_line_ + visible_lines_ - 1 - margin) top_line_ = cur - visible_lines_ + 1 + margin;
  top_line_ = std::clamp(top_line_, 0, std::max(0, buf.line_count() - 1));
  const int last_line = std::min(buf.line_count() - 1, top_line_ + visible_lines_);

  // Sounding atoms, as line/column ranges.
  struct Span {
    TextPos b, e;
    float k;
  };
  std::vector<Span> spans;
  spans.reserve(decor.active.size());
  for (const auto& h : decor.active) {
    if (h.end <= h.begin) continue;
    spans.push_back({buf.pos_of(h.begin), buf.pos_of(h.end), std::clamp(h.intensity, 0.0f, 1.0f)});
  }

  // Syntax state must be carried from the top of the file.
  SyntaxState state;
  for (int i = 0; i < top_line_; ++i) tokenize_line(buf.line(i), buf.language(), state);

  const TextRange sel = buf.selection();
  const float band_pad = std::round(lay.font_px * 0.25f);
  const float rounding = std::round(lay.font_px * 0.18f);
  const float outline = theme.text_outline;
  const float right_edge = lay.x + lay.width;
  const auto bracket = buf.matching_bracket();
  // The configured opacity scales the theme's band: the default 0.55 gives the theme's own alpha,
  // 1.0 makes the band nearly opaque, 0 removes it.
  const float band_alpha = std::clamp(lay.backdrop, 0.0f, 1.0f) / 0.55f;

  for (int li = top_line_; li <= last_line; ++li) {
    const std::string& line = buf.line(li);
    const float y = line_y(li);
    const float y0 = y - pad_y, y1 = y0 + line_h_;
    const float end_x = col_x(line, static_cast<int>(line.size()));
    const bool has_text = line.find_first_not_of(" \t") != std::string::npos;
    const bool is_error = std::any_of(decor.errors.begin(), decor.errors.end(), [&](const LineError& e) { return e.line == li; });

    // The band behind the text: it follows the text's own length, so the picture shows between.
    if (has_text || li == cur || is_error) {
      float bx0 = text_x_ - band_pad;
      if (has_text) bx0 = col_x(line, static_cast<int>(line.find_first_not_of(" \t"))) - band_pad;
      if (!has_text) bx0 = text_x_ - band_pad;
      const float bx1 = std::max(end_x, bx0 + digit_w * 2) + band_pad;
      dl->AddRectFilled(ImVec2(bx0, y0), ImVec2(bx1, y1), col(theme.backdrop, band_alpha), rounding);
    }
    if (decor.line_numbers) {
      char num[16];
      std::snprintf(num, sizeof num, "%4d", li + 1);
      const float nx = lay.x + pad_x * 0.5f;
      dl->AddRectFilled(ImVec2(nx - 2, y0), ImVec2(text_x_ - pad_x, y1), col(theme.backdrop, 0.6f), rounding);
      dl->AddText(font, font_px_ * 0.8f, ImVec2(nx, y + font_px_ * 0.12f), col(li == cur ? theme.text : theme.comment, li == cur ? 0.9f : 0.7f), num);
    }

    // Selection.
    if (!sel.empty() && li >= sel.begin.line && li <= sel.end.line) {
      const float sx0 = li == sel.begin.line ? col_x(line, sel.begin.col) : text_x_;
      const float sx1 = li == sel.end.line ? col_x(line, sel.end.col) : end_x + digit_w * 0.5f;
      dl->AddRectFilled(ImVec2(sx0, y0), ImVec2(std::max(sx1, sx0 + 2), y1), col(theme.selection));
    }
    // The evaluated block flashes.
    if (decor.flash_alpha > 0.0f && li >= decor.flash.begin.line && li <= decor.flash.end.line) {
      dl->AddRectFilled(ImVec2(text_x_ - band_pad, y0), ImVec2(std::max(end_x, text_x_ + digit_w * 8) + band_pad, y1),
                        col(theme.flash, decor.flash_alpha), rounding);
    }
    // Atoms sounding now: a filled, rounded box that fades with the hap.
    for (const auto& s : spans) {
      if (li < s.b.line || li > s.e.line) continue;
      const float ax0 = li == s.b.line ? col_x(line, s.b.col) : text_x_;
      const float ax1 = li == s.e.line ? col_x(line, s.e.col) : end_x;
      const ImVec2 a(ax0 - 2, y0 + 1), b(ax1 + 2, y1 - 1);
      // A light fill (the atom's own colour must stay legible) and a firm outline.
      dl->AddRectFilled(a, b, col(theme.active, 0.12f + 0.38f * s.k), rounding);
      dl->AddRect(a, b, col(theme.active, 1.0f), rounding, 0, std::max(1.5f, font_px_ * 0.08f));
    }
    // Error line: a red bar in the gutter and a red wash under the text; where the error points
    // (a mini-notation error's atom), a firm underline.
    if (is_error) {
      dl->AddRectFilled(ImVec2(lay.x, y0), ImVec2(lay.x + std::max(4.0f, pad_x * 0.6f), y1), col(theme.error));
      dl->AddRectFilled(ImVec2(text_x_ - band_pad, y0), ImVec2(end_x + band_pad, y1), col(theme.error, 0.28f), rounding);
      for (const LineError& e : decor.errors) {
        if (e.begin < 0 || e.end <= e.begin) continue;
        const TextPos b = buf.pos_of(e.begin), en = buf.pos_of(e.end);
        if (li < b.line || li > en.line) continue;
        const float ux0 = li == b.line ? col_x(line, b.col) : text_x_;
        const float ux1 = std::max(li == en.line ? col_x(line, en.col) : end_x, ux0 + digit_w * 0.6f);
        const float thick = std::max(2.0f, std::round(font_px_ * 0.12f));
        dl->AddRectFilled(ImVec2(ux0, y1 - thick - 1), ImVec2(ux1, y1 - 1), col(theme.error));
      }
    }
    // Matching bracket outline.
    if (bracket && bracket->line == li) {
      const float bx0 = col_x(line, bracket->col), bx1 = col_x(line, bracket->col + 1);
      dl->AddRect(ImVec2(bx0 - 1, y0 + 2), ImVec2(bx1 + 1, y1 - 2), col(theme.bracket), 2.0f, 0, 1.5f);
    }

    // Text, token by token.
    const auto tokens = tokenize_line(line, buf.language(), state);
    int at = 0;
    auto draw_run = [&](int b, int e, const Rgba& c) {
      if (e <= b) return;
      const char* s = line.data() + b;
      const char* t = line.data() + e;
      const float x = col_x(line, b);
      if (outline > 0.0f) {
        const ImU32 o = col(Rgba{0, 0, 0, 1}, outline);
        const float d = std::max(1.0f, std::round(font_px_ / 24.0f));
        dl->AddText(font, font_px_, ImVec2(x - d, y), o, s, t);
        dl->AddText(font, font_px_, ImVec2(x + d, y), o, s, t);
        dl->AddText(font, font_px_, ImVec2(x, y - d), o, s, t);
        dl->AddText(font, font_px_, ImVec2(x, y + d), o, s, t);
      }
      dl->AddText(font, font_px_, ImVec2(x, y), col(c), s, t);
    };
    for (const auto& tk : tokens) {
      draw_run(at, tk.begin, theme.text);
      draw_run(tk.begin, tk.end, token_colour(theme, tk.kind));
      at = tk.end;
    }
    draw_run(at, static_cast<int>(line.size()), theme.text);

    // Cursor and ghost text.
    if (li == cur && decor.show_cursor) {
      const float cx = col_x(line, buf.cursor().col);
      if (!decor.ghost.empty()) {
        const std::string first = decor.ghost.substr(0, decor.ghost.find('\n'));
        const float gw = font->CalcTextSizeA(font_px_, FLT_MAX, 0.0f, first.c_str()).x;
        dl->AddRectFilled(ImVec2(cx, y0 + 1), ImVec2(cx + gw + 2, y1 - 1), col(theme.backdrop, 1.2f), 2.0f);
        dl->AddText(font, font_px_, ImVec2(cx, y), col(theme.comment, 0.85f), first.c_str());
        dl->AddLine(ImVec2(cx, y1 - 2), ImVec2(cx + gw, y1 - 2), col(theme.comment, 0.5f), 1.0f);
      }
      dl->AddRectFilled(ImVec2(cx - 1, y0 + 1), ImVec2(cx + std::max(2.0f, font_px_ * 0.1f), y1 - 1), col(theme.cursor));
    }
  }

  // Error messages, right of their line (or below it when the line is long).
  message_rects_.clear();
  for (const auto& e : decor.errors) {
    if (e.line < top_line_ || e.line > last_line) continue;
    const std::string& line = buf.line(e.line);
    const float msg_px = font_px_ * 0.8f;
    const std::string msg = "\xE2\x97\x80 " + e.message;  // a left-pointing triangle, then the message
    const ImVec2 sz = font->CalcTextSizeA(msg_px, FLT_MAX, 0.0f, msg.c_str());
    float x = col_x(line, static_cast<int>(line.size())) + digit_w * 2;
    float y = line_y(e.line) + (font_px_ - msg_px) * 0.5f;
    if (x + sz.x > right_edge) {
      x = std::max(text_x_, right_edge - sz.x - pad_x);
      y += line_h_;
    }
    dl->AddRectFilled(ImVec2(x - band_pad, y - band_pad * 0.5f), ImVec2(x + sz.x + band_pad, y + msg_px + band_pad * 0.5f),
                      col(theme.error, 0.92f), rounding);
    message_rects_.push_back({x - band_pad, y - band_pad * 0.5f, x + sz.x + band_pad, y + msg_px + band_pad * 0.5f});
    dl->AddText(font, msg_px, ImVec2(x, y), col(Rgba{1, 1, 1, 1}), msg.c_str());
  }
}

TextPos EditorView::hit(const TextBuffer& buf, float x, float y) const {
  int li = top_line_ + static_cast<int>(std::floor((y - (top_y_ - (line_h_ - font_px_) * 0.5f)) / line_h_));
  li = std::clamp(li, 0, buf.line_count() - 1);
  const std::string& line = buf.line(li);
  int best = 0;
  float best_d = FLT_MAX;
  for (int c = 0; c <= static_cast<int>(line.size()); ++c) {
    if (c > 0 && c < static_cast<int>(line.size()) && (static_cast<unsigned char>(line[static_cast<size_t>(c)]) & 0xC0) == 0x80) continue;
    const float d = std::fabs(col_x(line, c) - x);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return {li, best};
}

}  // namespace mr::ui
