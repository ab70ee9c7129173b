// Syntax colouring for the editor: splits a line of Lua, GLSL or Strudel's JavaScript into
// coloured tokens. Strings in Lua are marked as mini-notation, since that is where the music is
// written.
#pragma once

#include <string>
#include <vector>

#include "ui/text_buffer.hpp"

namespace mr::ui {

enum class TokenKind : uint8_t { Text, Keyword, Builtin, Function, Number, String, Comment, Punct, Type };

struct Token {
  int begin;  // byte columns in the line
  int end;
  TokenKind kind;
};

// State carried across lines: inside a long comment or long string.
struct SyntaxState {
  bool in_block_comment = false;  // Lua --[[ ]] or GLSL /* */
  bool in_long_string = false;    // Lua [[ ]], a JavaScript `template`
};

// Tokens of one line; `state` is updated for the next line.
std::vector<Token> tokenize_line(const std::string& line, Language lang, SyntaxState& state);

}  // namespace mr::ui
