#include "gfx/shader_source.hpp"

#include <cctype>
#include <cstdio>
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

// [SECTION] multipass sections

namespace {

bool parse_channel_source(const std::string& v, Channel& out) {
  if (v == "audio") out = Channel::Audio;
  else if (v == "none") out = Channel::None;
  else if (v == "noise") out = Channel::Noise;
  else if (v == "checker") out = Channel::Checker;
  else if (v == "previous" || v == "self") out = Channel::Previous;
  else if (v.size() == 1 && v[0] >= 'A' && v[0] <= 'D') out = static_cast<Channel>(static_cast<int>(Channel::BufferA) + (v[0] - 'A'));
  else return false;
  return true;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> w;
  std::istringstream in(s);
  std::string x;
  while (in >> x) w.push_back(x);
  return w;
}

}  // namespace

SplitSource split_passes(const std::string& source) {
  SplitSource out;
  // Which section the current line belongs to: -2 common, -1 image, 0..3 buffers.
  int section = -1;
  std::vector<PassSource> buffers(4);
  std::array<bool, 4> declared{};
  bool any_marker = false;
  auto pass_of = [&](int s) -> PassSource& { return s < 0 ? out.image : buffers[static_cast<size_t>(s)]; };
  std::istringstream in(source);
  std::string text;
  int line = 0;
  while (std::getline(in, text)) {
    ++line;
    size_t a = 0;
    while (a < text.size() && (text[a] == ' ' || text[a] == '\t')) ++a;
    if (text.compare(a, 3, "//!") == 0) {
      const auto w = words(text.substr(a + 3));
      size_t next = 1;
      int new_section = -1;
      if (!w.empty() && w[0] == "common") {
        new_section = -2;
      } else if (!w.empty() && w[0] == "image") {
        new_section = -1;
      } else if (w.size() >= 2 && w[0] == "buffer" && w[1].size() == 1 && w[1][0] >= 'A' && w[1][0] <= 'D') {
        new_section = w[1][0] - 'A';
        next = 2;
      } else {
        out.errors.push_back({line, 0, "unknown section marker (want `//! common`, `//! buffer A`..`D` or `//! image`)"});
        continue;
      }
      if (!any_marker) {  // text before the first marker is shared by every pass
        any_marker = true;
        out.preamble = std::move(out.image.text);
        out.image.text.clear();
      }
      section = new_section;
      // Blank lines keep every section's text aligned with the file's line numbers.
      if (section == -2) {
        out.common_line = line + 1;
        out.common.clear();
      } else {
        PassSource& p = pass_of(section);
        if (section >= 0) {
          declared[static_cast<size_t>(section)] = true;
          p.buffer = section;
        }
        p.text.clear();
        p.first_line = line + 1;
        for (size_t i = next; i < w.size(); ++i) {
          const auto eq = w[i].find('=');
          const std::string key = w[i].substr(0, eq);
          Channel src{};
          if (eq == std::string::npos || key.size() != 9 || key.compare(0, 8, "iChannel") != 0 || key[8] < '0' ||
              key[8] > '3' || !parse_channel_source(w[i].substr(eq + 1), src)) {
            out.errors.push_back({line, 0, "bad channel binding `" + w[i] +
                                               "` (want iChannelN=audio|A|B|C|D|previous|noise|checker|none)"});
            continue;
          }
          p.channels[static_cast<size_t>(key[8] - '0')] = src;
        }
      }
      continue;
    }
    if (text.compare(a, 8, "#version") == 0) {
      int v = 0;
      if (std::sscanf(text.c_str() + a + 8, "%d", &v) == 1 && v > out.glsl_version) out.glsl_version = v;
      text = "// " + text;  // keep the line, drop the directive: ours comes first
    }
    std::string& dst = section == -2 ? out.common : pass_of(section).text;
    dst += text;
    dst += '\n';
  }
  for (size_t i = 0; i < 4; ++i) {
    if (declared[i]) out.buffers.push_back(buffers[i]);
  }
  return out;
}

// [SECTION] declared uniforms

namespace {

std::string strip_comments(const std::string& s) {
  std::string r;
  r.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "//") == 0) {
      while (i < s.size() && s[i] != '\n') ++i;
      r += '\n';
    } else if (s.compare(i, 2, "/*") == 0) {
      const size_t e = s.find("*/", i + 2);
      i = e == std::string::npos ? s.size() : e + 1;
      r += ' ';
    } else {
      r += s[i];
    }
  }
  return r;
}

bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::vector<std::string> tokens(const std::string& s) {
  std::vector<std::string> t;
  for (size_t i = 0; i < s.size();) {
    if (is_ident(s[i])) {
      size_t j = i;
      while (j < s.size() && is_ident(s[j])) ++j;
      t.push_back(s.substr(i, j - i));
      i = j;
    } else if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else {
      t.emplace_back(1, s[i++]);
    }
  }
  return t;
}

}  // namespace

std::set<std::string> declared_uniforms(const std::string& source) {
  std::set<std::string> names;
  const auto t = tokens(strip_comments(source));
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] != "uniform") continue;
    size_t j = i + 1;
    while (j < t.size() && (t[j] == "lowp" || t[j] == "mediump" || t[j] == "highp")) ++j;
    if (j >= t.size()) break;
    if (j + 1 < t.size() && t[j + 1] == "{") {  // a uniform block: its members are uniforms too
      int depth = 0;
      for (j = j + 1; j < t.size(); ++j) {
        if (t[j] == "{") ++depth;
        if (t[j] == "}" && --depth == 0) break;
        if (depth == 1 && j + 1 < t.size() && (t[j + 1] == ";" || t[j + 1] == "[") && is_ident(t[j][0])) {
          names.insert(t[j]);
        }
      }
      continue;
    }
    // type name [N] , name [N] ;
    bool expect_name = true;
    int bracket = 0;
    for (j = j + 1; j < t.size() && t[j] != ";"; ++j) {
      if (t[j] == "[") ++bracket;
      else if (t[j] == "]") --bracket;
      else if (bracket == 0 && t[j] == ",") expect_name = true;
      else if (bracket == 0 && expect_name && is_ident(t[j][0])) {
        names.insert(t[j]);
        expect_name = false;
      }
    }
    i = j;
  }
  return names;
}

// [SECTION] composing a pass

namespace {

struct UniformDecl {
  const char* type;
  const char* name;
  const char* array;  // "" or "[4]"
  const char* doc;
};

// The uniform contract, with units and ranges. Order: Shadertoy, Bonzomatic, moonrave.
// shaders/README.md's table lists the same names (tests/gfx/shader_source_test.cpp checks it).
const UniformDecl kUniforms[] = {
    {"float", "iTime", "", "seconds since start"},
    {"float", "iTimeDelta", "", "seconds since the previous frame"},
    {"int", "iFrame", "", "frames since start"},
    {"float", "iFrameRate", "", "frames per second"},
    {"vec3", "iResolution", "", "render target size in pixels (x, y, pixel aspect 1)"},
    {"vec4", "iMouse", "", "Shadertoy mouse: xy current, zw click, in pixels"},
    {"vec4", "iDate", "", "year, month 0-11, day 1-31, seconds since midnight"},
    {"float", "iSampleRate", "", "audio sample rate in Hz"},
    {"sampler2D", "iChannel0", "", "default: audio, 512x2 (row 0 FFT 0..1 from -100..-30 dB, row 1 wave)"},
    {"sampler2D", "iChannel1", "", "bound with `//! image iChannel1=A` etc., black otherwise"},
    {"sampler2D", "iChannel2", "", ""},
    {"sampler2D", "iChannel3", "", ""},
    {"vec3", "iChannelResolution", "[4]", "each channel's size in pixels"},
    {"float", "iChannelTime", "[4]", "each channel's time in seconds (= iTime)"},
    {"float", "fGlobalTime", "", "Bonzomatic: seconds since start"},
    {"float", "fFrameTime", "", "Bonzomatic: seconds since the previous frame"},
    {"vec2", "v2Resolution", "", "Bonzomatic: render target size in pixels"},
    {"sampler1D", "texFFT", "", "Bonzomatic: 512 bins 0..1 (bass at 0), raw"},
    {"sampler1D", "texFFTSmoothed", "", "the same, smoothed in time (same look at any frame rate)"},
    {"sampler1D", "texFFTIntegrated", "", "running sum of texFFTSmoothed per 1/60 s (grows forever)"},
    {"sampler2D", "texPreviousFrame", "", "this pass's previous frame"},
    {"sampler2D", "texNoise", "", "256x256 RGBA white noise, repeat"},
    {"sampler2D", "texChecker", "", "256x256 black/white checker, 32 px squares, repeat"},
    {"float", "uBeat", "", "moonrave: phase 0..1 within the current beat (the engine's clock)"},
    {"float", "uBar", "", "phase 0..1 within the current cycle (one bar)"},
    {"float", "uCycle", "", "cycles since start (the pattern clock, latency compensated)"},
    {"float", "uBeatCount", "", "beats since start"},
    {"float", "uCps", "", "cycles per second"},
    {"float", "uBpm", "", "beats per minute"},
    {"float", "uOrbit", "[12]", "per-orbit RMS level 0..1"},
    {"float", "uOrbitPeak", "[12]", "per-orbit peak level 0..1"},
    {"float", "uLevel", "", "master RMS 0..1"},
    {"float", "uPeak", "", "master peak 0..1"},
    {"float", "uBass", "", "smoothed spectrum energy below ~250 Hz, 0..1"},
    {"float", "uMid", "", "smoothed spectrum energy ~250 Hz..2 kHz, 0..1"},
    {"float", "uHigh", "", "smoothed spectrum energy above ~2 kHz, 0..1"},
    {"sampler2D", "uBufferA", "", "buffer A (this frame's once rendered, else previous)"},
    {"sampler2D", "uBufferB", "", ""},
    {"sampler2D", "uBufferC", "", ""},
    {"sampler2D", "uBufferD", "", ""},
};

bool declares_out_color(const std::string& text) {
  const auto t = tokens(strip_comments(text));
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    if (t[i] == "out" && t[i + 2] == "out_color") return true;
  }
  return false;
}

}  // namespace

const char* uniform_reference() {
  static const std::string ref = [] {
    std::string r;
    for (const auto& u : kUniforms) {
      std::string decl = std::string("uniform ") + u.type + " " + u.name + u.array + ";";
      if (*u.doc) decl += std::string(decl.size() < 40 ? 40 - decl.size() : 1, ' ') + "// " + u.doc;
      r += decl + "\n";
    }
    return r;
  }();
  return ref.c_str();
}

std::string compose_fragment(Flavour flavour, const SplitSource& split, const PassSource& pass) {
  std::string s = "#version " + std::to_string(split.glsl_version) + " core\n";
  const std::string all = split.preamble + "\n" + split.common + "\n" + pass.text;
  const auto user = declared_uniforms(all);
  for (const auto& u : kUniforms) {
    if (user.count(u.name)) continue;
    s += std::string("uniform ") + u.type + " " + u.name + u.array + ";\n";
  }
  if (flavour == Flavour::Shadertoy) {
    s += "out vec4 mr_FragColor;\n";
    // Shaders from before Shadertoy moved to WebGL 2 still call texture2D.
    if (all.find("texture2D") != std::string::npos && all.find("define texture2D") == std::string::npos) {
      s += "#define texture2D texture\n";
    }
  }
  if (flavour == Flavour::Bonzomatic && !declares_out_color(all)) {
    s += "layout(location = 0) out vec4 out_color;\n";
  }
  if (!split.preamble.empty()) s += "#line 1\n" + split.preamble;
  if (!split.common.empty()) {
    s += "#line " + std::to_string(split.common_line) + "\n" + split.common;
  }
  s += "#line " + std::to_string(pass.first_line) + "\n" + pass.text;
  if (flavour == Flavour::Shadertoy) {
    s += "\nvoid main() { vec4 c = vec4(0.0, 0.0, 0.0, 1.0); mainImage(c, gl_FragCoord.xy); mr_FragColor = c; }\n";
  }
  return s;
}

}  // namespace mr::gfx
