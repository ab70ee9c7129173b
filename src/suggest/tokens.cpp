// Tokenizer for the suggestion model: a small Lua lexer that switches to mini-notation inside
// quoted strings. It never fails: whatever the performer has half-typed still tokenizes.
#include "suggest/tokens.hpp"

#include <cctype>

namespace mr::suggest {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool is_mini_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '#' || c == '.' || c == '_' || c == '-' ||
         c == '^' || c == '~' || static_cast<unsigned char>(c) >= 0x80;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> run(bool* ends_in_string) {
    while (p_ < s_.size()) {
      const char c = s_[p_];
      if (is_space(c)) {
        space_ = true;
        ++p_;
      } else if (c == '\n') {
        push(Token::Kind::Newline, p_, p_ + 1);
        ++p_;
      } else if (c == '-' && at("--")) {
        skip_comment();
      } else if (c == '"' || c == '\'') {
        string(c);
      } else if (c == '[' && (at("[[") || at("[=["))) {
        long_string();
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        size_t b = p_;
        while (p_ < s_.size() && is_name_char(s_[p_])) ++p_;
        push(Token::Kind::Name, b, p_);
      } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                 (c == '.' && p_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[p_ + 1])))) {
        number();
      } else {
        static const char* const kMulti[] = {"...", "..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>"};
        size_t len = 1;
        for (const char* m : kMulti) {
          if (at(m)) {
            len = std::char_traits<char>::length(m);
            break;
          }
        }
        push(Token::Kind::Punct, p_, p_ + len);
        p_ += len;
      }
    }
    if (ends_in_string) *ends_in_string = in_string_at_end_;
    return std::move(out_);
  }

 private:
  bool at(std::string_view w) const { return s_.substr(p_, w.size()) == w; }

  void push(Token::Kind k, size_t b, size_t e) {
    Token t;
    t.kind = k;
    t.space_before = space_ && k != Token::Kind::Newline;
    t.begin = static_cast<int32_t>(b);
    t.end = static_cast<int32_t>(e);
    t.text = std::string(s_.substr(b, e - b));
    out_.push_back(std::move(t));
    space_ = false;
  }

  void skip_comment() {
    p_ += 2;
    if (p_ < s_.size() && s_[p_] == '[') {
      size_t q = p_ + 1;
      int level = 0;
      while (q < s_.size() && s_[q] == '=') ++q, ++level;
      if (q < s_.size() && s_[q] == '[') {
        std::string close = "]" + std::string(level, '=') + "]";
        size_t e = s_.find(close, q);
        p_ = e == std::string_view::npos ? s_.size() : e + close.size();
        return;
      }
    }
    while (p_ < s_.size() && s_[p_] != '\n') ++p_;
  }

  void number() {
    size_t b = p_;
    if (at("0x") || at("0X")) {
      p_ += 2;
      while (p_ < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[p_]))) ++p_;
    } else {
      while (p_ < s_.size()) {
        char c = s_[p_];
        if (std::isdigit(static_cast<unsigned char>(c))) {
          ++p_;
        } else if (c == '.' && !at("..")) {
          ++p_;
        } else if ((c == 'e' || c == 'E') && p_ + 1 < s_.size() &&
                   (std::isdigit(static_cast<unsigned char>(s_[p_ + 1])) || s_[p_ + 1] == '-' || s_[p_ + 1] == '+')) {
          p_ += 2;
        } else {
          break;
        }
      }
    }
    push(Token::Kind::Number, b, p_);
  }

  // A quoted string: its inside is mini-notation, tokenized into steps and operators.
  void string(char quote) {
    push(Token::Kind::Quote, p_, p_ + 1);
    ++p_;
    while (p_ < s_.size()) {
      const char c = s_[p_];
      if (c == quote) {
        push(Token::Kind::Quote, p_, p_ + 1);
        ++p_;
        return;
      }
      if (c == '\n') return;  // unterminated: Lua would reject it; the user is still typing
      if (c == '\\' && p_ + 1 < s_.size()) {
        p_ += 2;
        continue;
      }
      mini_step();
    }
    in_string_at_end_ = true;
  }

  void long_string() {
    size_t q = p_ + 1;
    int level = 0;
    while (q < s_.size() && s_[q] == '=') ++q, ++level;
    std::string close = "]" + std::string(level, '=') + "]";
    push(Token::Kind::Quote, p_, q + 1);
    p_ = q + 1;
    while (p_ < s_.size()) {
      if (at(close)) {
        push(Token::Kind::Quote, p_, p_ + close.size());
        p_ += close.size();
        return;
      }
      if (s_[p_] == '\n') {
        push(Token::Kind::Newline, p_, p_ + 1);
        ++p_;
        continue;
      }
      mini_step();
    }
    in_string_at_end_ = true;
  }

  void mini_step() {
    const char c = s_[p_];
    if (is_space(c)) {
      space_ = true;
      ++p_;
    } else if (is_mini_word_char(c) && !(c == '.' && (at("..") || p_ + 1 >= s_.size() || is_space(s_[p_ + 1])))) {
      size_t b = p_;
      while (p_ < s_.size() && is_mini_word_char(s_[p_])) {
        if (s_[p_] == '.' && at("..")) break;  // "0..3" is a range operator between numbers
        ++p_;
      }
      push(Token::Kind::MiniWord, b, p_);
    } else {
      size_t len = at("..") ? 2 : 1;
      push(Token::Kind::MiniOp, p_, p_ + len);
      p_ += len;
    }
  }

  std::string_view s_;
  size_t p_ = 0;
  bool space_ = false;
  bool in_string_at_end_ = false;
  std::vector<Token> out_;
};

}  // namespace

std::vector<Token> tokenize(std::string_view src, bool* ends_in_string) { return Lexer(src).run(ends_in_string); }

}  // namespace mr::suggest
