// A small hand-written lexer per language: enough to colour code legibly from the back of a room.
#include "ui/syntax.hpp"

#include <array>
#include <cctype>
#include <string_view>

namespace mr::ui {

namespace {

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

template <size_t N>
bool in(std::string_view w, const std::array<std::string_view, N>& set) {
  for (auto s : set)
    if (s == w) return true;
  return false;
}

constexpr std::array<std::string_view, 22> kLuaKeywords = {
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
    "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"};
constexpr std::array<std::string_view, 12> kLuaBuiltins = {
    "d1", "d2", "d3", "d4", "p", "hush", "setcps", "setbpm", "once", "solo", "mute", "print"};
constexpr std::array<std::string_view, 32> kJsKeywords = {
    "let", "const", "var", "function", "return", "if", "else", "for", "of", "in", "while", "do",
    "break", "continue", "new", "true", "false", "null", "undefined", "await", "async", "switch",
    "case", "default", "typeof", "this", "try", "catch", "finally", "throw", "delete", "void"};
constexpr std::array<std::string_view, 14> kJsBuiltins = {
    "hush", "setcps", "setcpm", "samples", "register", "slider", "stack", "cat", "seq", "arrange",
    "Math", "console", "$", "p"};
constexpr std::array<std::string_view, 28> kGlslKeywords = {
    "if", "else", "for", "while", "do", "return", "break", "continue", "discard", "in", "out",
    "inout", "uniform", "const", "struct", "layout", "precision", "highp", "mediump", "lowp",
    "true", "false", "switch", "case", "default", "flat", "smooth", "void"};
constexpr std::array<std::string_view, 22> kGlslTypes = {
    "float", "int", "uint", "bool", "vec2", "vec3", "vec4", "ivec2", "ivec3", "ivec4", "mat2",
    "mat3", "mat4", "sampler1D", "sampler2D", "sampler3D", "samplerCube", "bvec2", "bvec3",
    "bvec4", "uvec2", "uvec3"};

int scan_number(const std::string& s, int i) {
  const int n = static_cast<int>(s.size());
  if (i + 1 < n && s[static_cast<size_t>(i)] == '0' && (s[static_cast<size_t>(i + 1)] == 'x' || s[static_cast<size_t>(i + 1)] == 'X')) {
    i += 2;
    while (i < n && std::isxdigit(static_cast<unsigned char>(s[static_cast<size_t>(i)]))) ++i;
    return i;
  }
  while (i < n && (std::isdigit(static_cast<unsigned char>(s[static_cast<size_t>(i)])) || s[static_cast<size_t>(i)] == '.')) ++i;
  if (i < n && (s[static_cast<size_t>(i)] == 'e' || s[static_cast<size_t>(i)] == 'E')) {
    ++i;
    if (i < n && (s[static_cast<size_t>(i)] == '+' || s[static_cast<size_t>(i)] == '-')) ++i;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[static_cast<size_t>(i)]))) ++i;
  }
  while (i < n && (s[static_cast<size_t>(i)] == 'f' || s[static_cast<size_t>(i)] == 'u')) ++i;
  return i;
}

}  // namespace

std::vector<Token> tokenize_line(const std::string& s, Language lang, SyntaxState& st) {
  std::vector<Token> out;
  const int n = static_cast<int>(s.size());
  int i = 0;
  auto push = [&](int b, int e, TokenKind k) {
    if (e > b) out.push_back({b, e, k});
  };
  if (lang == Language::Plain) {
    push(0, n, TokenKind::Text);
    return out;
  }
  const bool lua = lang == Language::Lua;
  const bool js = lang == Language::Strudel;

  while (i < n) {
    if (st.in_block_comment || st.in_long_string) {
      const std::string_view close = lua ? "]]" : js && st.in_long_string ? "`" : "*/";
      size_t e = s.find(close, static_cast<size_t>(i));
      int end = e == std::string::npos ? n : static_cast<int>(e + close.size());
      push(i, end, st.in_block_comment ? TokenKind::Comment : TokenKind::String);
      if (e != std::string::npos) st.in_block_comment = st.in_long_string = false;
      i = end;
      continue;
    }
    const char c = s[static_cast<size_t>(i)];
    const char next = i + 1 < n ? s[static_cast<size_t>(i + 1)] : '\0';
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if ((lua && c == '-' && next == '-') || (!lua && c == '/' && next == '/')) {
      if (lua && s.compare(static_cast<size_t>(i), 4, "--[[") == 0) {
        st.in_block_comment = true;
        size_t e = s.find("]]", static_cast<size_t>(i + 4));
        int end = e == std::string::npos ? n : static_cast<int>(e) + 2;
        push(i, end, TokenKind::Comment);
        if (e != std::string::npos) st.in_block_comment = false;
        i = end;
        continue;
      }
      push(i, n, TokenKind::Comment);
      break;
    }
    if (!lua && c == '/' && next == '*') {
      st.in_block_comment = true;
      size_t e = s.find("*/", static_cast<size_t>(i + 2));
      int end = e == std::string::npos ? n : static_cast<int>(e) + 2;
      push(i, end, TokenKind::Comment);
      if (e != std::string::npos) st.in_block_comment = false;
      i = end;
      continue;
    }
    if (lua && c == '[' && next == '[') {
      st.in_long_string = true;
      size_t e = s.find("]]", static_cast<size_t>(i + 2));
      int end = e == std::string::npos ? n : static_cast<int>(e) + 2;
      push(i, end, TokenKind::String);
      if (e != std::string::npos) st.in_long_string = false;
      i = end;
      continue;
    }
    if (js && c == '`') {
      st.in_long_string = true;
      size_t e = s.find('`', static_cast<size_t>(i + 1));
      int end = e == std::string::npos ? n : static_cast<int>(e) + 1;
      push(i, end, TokenKind::String);
      if (e != std::string::npos) st.in_long_string = false;
      i = end;
      continue;
    }
    if (c == '"' || ((lua || js) && c == '\'')) {
      int j = i + 1;
      while (j < n && s[static_cast<size_t>(j)] != c) j += s[static_cast<size_t>(j)] == '\\' ? 2 : 1;
      j = j < n ? j + 1 : n;
      push(i, j, TokenKind::String);
      i = j;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && std::isdigit(static_cast<unsigned char>(next)))) {
      int j = scan_number(s, i);
      push(i, j, TokenKind::Number);
      i = j;
      continue;
    }
    if (ident_start(c) || (!lua && !js && c == '#') || (js && c == '$')) {
      int j = i + 1;
      while (j < n && (ident_char(s[static_cast<size_t>(j)]) || (js && s[static_cast<size_t>(j)] == '$'))) ++j;
      std::string_view w(s.data() + i, static_cast<size_t>(j - i));
      int k = j;
      while (k < n && s[static_cast<size_t>(k)] == ' ') ++k;
      const bool call = k < n && s[static_cast<size_t>(k)] == '(';
      TokenKind kind = TokenKind::Text;
      if (w[0] == '#') kind = TokenKind::Keyword;
      else if (lua && in(w, kLuaKeywords)) kind = TokenKind::Keyword;
      else if (lua && in(w, kLuaBuiltins)) kind = TokenKind::Builtin;
      else if (js && in(w, kJsKeywords)) kind = TokenKind::Keyword;
      else if (js && in(w, kJsBuiltins)) kind = TokenKind::Builtin;
      else if (js) kind = call ? TokenKind::Function : TokenKind::Text;
      else if (!lua && in(w, kGlslKeywords)) kind = TokenKind::Keyword;
      else if (!lua && in(w, kGlslTypes)) kind = TokenKind::Type;
      else if (call) kind = TokenKind::Function;
      push(i, j, kind);
      i = j;
      continue;
    }
    push(i, i + 1, TokenKind::Punct);
    ++i;
  }
  return out;
}

}  // namespace mr::ui
