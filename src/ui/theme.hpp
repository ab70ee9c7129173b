// Colour themes for the stage. The code must read from the back of a room over any picture:
// each line of text gets a translucent band behind it, and "projector" is high contrast, large.
#pragma once

#include <string_view>

#include "ui/syntax.hpp"

namespace mr::ui {

struct Rgba {
  float r = 1, g = 1, b = 1, a = 1;
};

struct Theme {
  const char* name;
  Rgba text, keyword, builtin, function, number, string, comment, punct, type;
  Rgba backdrop;        // band behind each line; alpha is multiplied by the configured opacity
  Rgba selection;
  Rgba cursor;
  Rgba bracket;         // matching bracket outline
  Rgba active;          // mini-notation atoms sounding now
  Rgba error;           // error marker and message band
  Rgba flash;           // the evaluated block
  Rgba status_text, status_back;
  float font_scale;     // relative to the configured size
  float text_outline;   // alpha of a 1-px dark outline around glyphs (projection over bright frames)
};

const Theme& theme_by_name(std::string_view name);  // unknown names give "night"
Rgba token_colour(const Theme& t, TokenKind k);

}  // namespace mr::ui
