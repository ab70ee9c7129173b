// The Strudel dialect: a Strudel program (the JavaScript that strudel.cc's REPL runs) translated
// into the Lua a performer could write, with a map from Lua lines back to JavaScript positions
// and the mini-notation string literals' byte offsets in the JavaScript, so errors and the
// sounding atoms point into the text as written. std only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mr::strudel {

struct Position {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
};

// A mini-notation string of the JavaScript: its text and the byte offset where it starts.
struct MiniLiteral {
  std::string text;
  int32_t offset = 0;  // byte of the first character inside the quotes
};

struct TranslateOptions {
  bool whole_program = true;  // the REPL's evaluation: everything playing is replaced (hush first)
};

struct Translation {
  bool ok = false;
  std::string lua;                  // the Lua program
  std::string error;                // when !ok: what is wrong
  Position error_at;                // and where in the JavaScript
  std::vector<Position> lua_lines;  // JavaScript position of each Lua line (index 0 = line 1)
  std::vector<MiniLiteral> minis;   // the mini-notation strings, in order
  // The JavaScript position of a 1-based Lua line (0,0 if unknown).
  Position js_position(int lua_line) const;
};

Translation translate(std::string_view js, const TranslateOptions& options = {});

// True when a file is Strudel code: a .js, .mjs or .strudel name, or a first line `// strudel`.
bool is_strudel_file(std::string_view path, std::string_view text);
// True when text looks like JavaScript rather than Lua (for pasted code): `$:` labels,
// `=>`, `//` comments, `const`/`let`, or a method chain on a string ("a".fast).
bool looks_like_javascript(std::string_view text);

}  // namespace mr::strudel
