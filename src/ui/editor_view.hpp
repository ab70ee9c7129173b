// The editor widget's drawing: one TextBuffer painted with ImDrawList over the visuals, each line
// of text on its own translucent band, with syntax colours, selection, cursor, the evaluated
// block's flash, the atoms sounding now, error markers and the suggestion's ghost text.
// Input is handled by the stage (key chords); this class only draws and maps clicks to positions.
#pragma once

#include <string>
#include <vector>

#include "ui/text_buffer.hpp"
#include "ui/theme.hpp"

struct ImDrawList;
struct ImFont;

namespace mr::ui {

// A byte range of the buffer to mark (an atom sounding now), with its strength 0..1.
struct ByteHighlight {
  int64_t begin = 0;
  int64_t end = 0;
  float intensity = 1.0f;
};

// An error shown at its line (0-based) with its message.
struct LineError {
  int line = 0;
  std::string message;
  int64_t begin = -1, end = -1;  // the bytes underlined (where the error points), -1 for none
};

// Everything drawn on top of the text for one frame.
struct EditorDecor {
  std::vector<ByteHighlight> active;
  std::vector<LineError> errors;
  TextRange flash{};       // the evaluated block
  float flash_alpha = 0;   // 0 = no flash
  std::string ghost;       // suggestion text drawn dimmed after the cursor
  bool show_cursor = true;
  bool line_numbers = true;
};

// A rectangle on screen (ImGui coordinates).
struct ScreenRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  bool overlaps(const ScreenRect& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

struct EditorLayout {
  float x = 0, y = 0, width = 0, height = 0;  // the widget's rectangle, in ImGui coordinates
  float font_px = 22;                          // text height
  float backdrop = 0.55f;                      // 0..1 opacity of the band behind each line
};

class EditorView {
 public:
  // Draws the buffer; scrolls so that the cursor stays visible.
  void draw(ImDrawList* dl, ImFont* font, const EditorLayout& layout, const TextBuffer& buf,
            const Theme& theme, const EditorDecor& decor);
  // The text position under a point (for mouse clicks), using the last draw's layout.
  TextPos hit(const TextBuffer& buf, float x, float y) const;
  // Lines that fit in the last drawn rectangle (for page up / down).
  int visible_lines() const { return visible_lines_; }
  // Pixel position of a line's top (for tests and the suggestion list), last draw's layout.
  float line_y(int line) const;
  float line_height() const { return line_h_; }
  float text_x() const { return text_x_; }
  float char_width() const { return char_w_; }  // of a digit (the code font is monospaced)
  void scroll_to_top() { top_line_ = 0; }
  // Where a column of a line is drawn (last draw's layout), and the first and last lines drawn.
  float col_x(const std::string& line, int col) const;
  int top_line() const { return top_line_; }
  int last_line() const { return top_line_ + visible_lines_; }
  // The error messages drawn in the last frame, which nothing may cover.
  const std::vector<ScreenRect>& message_rects() const { return message_rects_; }

 private:
  std::vector<ScreenRect> message_rects_;

  ImFont* font_ = nullptr;
  float font_px_ = 22;
  float line_h_ = 28;
  float text_x_ = 0;  // x of column 0
  float char_w_ = 0;
  float top_y_ = 0;   // y of the first visible line
  int top_line_ = 0;
  int visible_lines_ = 1;
};

}  // namespace mr::ui
