// Tokens of pattern code as the suggestion model sees them: Lua tokens outside strings, and
// mini-notation steps and operators inside string literals, so completion works inside
// "bd*2 [sn cp]" as well as in the Lua around it. Comments are dropped: nobody completes them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mr::suggest {

struct Token {
  enum class Kind : uint8_t {
    Name,      // Lua identifier: s, fast, d1
    Number,    // 0.25, 3, 1e3
    Punct,     // ( ) : , = + ..
    Quote,     // the " or ' that opens or closes a mini-notation string
    MiniWord,  // a step inside a string: bd, c4, sn:2, 0.5, ~
    MiniOp,    // * / ! @ ? [ ] < > { } , | % ( ) : inside a string
    Newline,
  };
  Kind kind = Kind::Punct;
  bool space_before = false;  // whitespace (not a line break) separates it from the previous token
  int32_t begin = 0;          // byte range in the source, leading whitespace excluded
  int32_t end = 0;
  std::string text;

  // The model's symbol: the text with a leading space when one precedes it, so that "bd sn"
  // and "bd*2" keep their spacing when completions are rendered back to text.
  std::string symbol() const { return space_before ? " " + text : text; }
  // Whether typing more characters could still extend this token (names, numbers, steps).
  bool extendable() const { return kind == Kind::Name || kind == Kind::Number || kind == Kind::MiniWord; }
};

// Tokenizes Lua source. Unterminated strings and comments run to the end of the text (the user
// is in the middle of typing them). `in_string` receives whether the text ends inside a string.
std::vector<Token> tokenize(std::string_view src, bool* ends_in_string = nullptr);

// True for characters that continue a mini-notation step ("bd", "c#4", "sn:2" splits at ':').
bool is_mini_word_char(char c);
bool is_name_char(char c);

}  // namespace mr::suggest
