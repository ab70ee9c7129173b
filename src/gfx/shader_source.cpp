#include "gfx/shader_source.hpp"

#include <cctype>
#include <sstream>

namespace mr::gfx {

const char* flavour_name(Flavour f) {
  switch (f) {
    case Flavour::Shadertoy: return "shadertoy";
    case Flavour::Bonzomatic: return "bonzomatic";
    case Flavour::Native: break;
  }
  return "native";
}

Flavour detect_flavour(const std::string& source) {
  const std::string first = source.substr(0, source.find('\n'));
  const auto tag = first.find("moonrave:");
  if (first.rfind("//", 0) == 0 && tag != std::string::npos) {
    const std::string rest = first.substr(tag + 9);
    if (rest.find("shadertoy") != std::string::npos) return Flavour::Shadertoy;
    if (rest.find("bonzomatic") != std::string::npos) return Flavour::Bonzomatic;
    if (rest.find("native") != std::string::npos) return Flavour::Native;
  }
  if (source.find("mainImage") != std::string::npos) return Flavour::Shadertoy;
  if (source.find("fGlobalTime") != std::string::npos || source.find("out_color") != std::string::npos) {
    return Flavour::Bonzomatic;
  }
  return Flavour::Native;
}

namespace {

// Reads a decimal at s[i], advancing i; -1 if none.
int read_int(const std::string& s, size_t& i) {
  if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
  int v = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) v = v * 10 + (s[i++] - '0');
  return v;
}

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

bool parse_line(const std::string& text, int prelude, ShaderError& out) {
  size_t i = 0;
  if (read_int(text, i) < 0 || i >= text.size()) return false;
  int line = -1, col = 0;
  if (text[i] == ':') {  // Mesa: 0:LINE(COL): error: msg
    ++i;
    line = read_int(text, i);
    if (line < 0 || i >= text.size() || text[i] != '(') return false;
    ++i;
    col = read_int(text, i);
    if (col < 0 || i + 1 >= text.size() || text[i] != ')' || text[i + 1] != ':') return false;
    i += 2;
  } else if (text[i] == '(') {  // NVIDIA: 0(LINE) : error C0000: msg
    ++i;
    line = read_int(text, i);
    if (line < 0 || i >= text.size() || text[i] != ')') return false;
    ++i;
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size() || text[i] != ':') return false;
    ++i;
  } else {
    return false;
  }
  std::string msg = trim(text.substr(i));
  if (msg.rfind("warning", 0) == 0) return false;
  if (msg.rfind("error", 0) == 0) {
    size_t c = msg.find(':');
    msg = c == std::string::npos ? msg : trim(msg.substr(c + 1));
  }
  out.line = line - prelude > 0 ? line - prelude : 0;
  out.column = col;
  out.message = msg;
  return true;
}

}  // namespace

std::vector<ShaderError> parse_info_log(const std::string& log, int prelude_lines) {
  std::vector<ShaderError> errors;
  std::istringstream in(log);
  std::string text;
  while (std::getline(in, text)) {
    ShaderError e;
    if (parse_line(text, prelude_lines, e)) errors.push_back(e);
  }
  if (errors.empty() && !trim(log).empty()) errors.push_back({0, 0, trim(log)});
  return errors;
}

}  // namespace mr::gfx
