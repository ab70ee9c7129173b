// First Visuals implementation: one pass, the three flavours, the audio texture, uniforms,
// fade to black and read-back. Post effects, multipass and the watchdog come next.
#include "gfx/visuals.hpp"

#include <GL/glew.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <utility>

namespace mr::gfx {

namespace {

const char* kVertex = R"(#version 330 core
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
)";

const char* kCommonPrelude = R"(#version 330 core
uniform float iTime; uniform float iTimeDelta; uniform int iFrame; uniform float iFrameRate;
uniform vec3 iResolution; uniform vec4 iMouse; uniform vec4 iDate; uniform float iSampleRate;
uniform sampler2D iChannel0; uniform sampler2D iChannel1; uniform sampler2D iChannel2; uniform sampler2D iChannel3;
uniform vec3 iChannelResolution[4];
uniform float fGlobalTime; uniform vec2 v2Resolution;
uniform sampler1D texFFT; uniform sampler1D texFFTSmoothed; uniform sampler1D texFFTIntegrated;
uniform sampler2D texPreviousFrame;
uniform float uBeat; uniform float uBar; uniform float uCycle; uniform float uCps;
uniform float uOrbit[8]; uniform float uLevel;
)";


GLuint compile(GLenum type, const std::string& src, std::string& log) {
  GLuint sh = glCreateShader(type);
  const char* p = src.c_str();
  glShaderSource(sh, 1, &p, nullptr);
  glCompileShader(sh);
  GLint ok = 0;
  glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    GLint n = 0;
    glGetShaderiv(sh, GL_INFO_LOG_LENGTH, &n);
    log.assign(static_cast<size_t>(std::max(n, 1)), '\0');
    glGetShaderInfoLog(sh, n, nullptr, log.data());
    log.resize(log.find('\0') == std::string::npos ? log.size() : log.find('\0'));
    glDeleteShader(sh);
    return 0;
  }
  return sh;
}

GLuint link(GLuint vs, GLuint fs, std::string& log) {
  GLuint prog = glCreateProgram();
  glAttachShader(prog, vs);
  glAttachShader(prog, fs);
  glLinkProgram(prog);
  GLint ok = 0;
  glGetProgramiv(prog, GL_LINK_STATUS, &ok);
  if (!ok) {
    GLint n = 0;
    glGetProgramiv(prog, GL_INFO_LOG_LENGTH, &n);
    log.assign(static_cast<size_t>(std::max(n, 1)), '\0');
    glGetProgramInfoLog(prog, n, nullptr, log.data());
    glDeleteProgram(prog);
    return 0;
  }
  return prog;
}

float to_db_byte(float mag) {  // Shadertoy's FFT mapping: dB in [-100, -30] to 0..1
  const float db = 20.0f * std::log10(std::max(mag, 1e-7f));
  return std::clamp((db + 100.0f) / 70.0f, 0.0f, 1.0f);
}

}  // namespace

struct Visuals::Impl {
  GLuint vao = 0, vs = 0, program = 0, fade_program = 0;
  GLuint audio_tex = 0, fft_tex[3] = {0, 0, 0}, prev_tex = 0;
  int prev_w = 0, prev_h = 0;
  AudioFeatures audio;
  std::array<float, 512> st_smooth{};
  std::map<std::string, std::array<float, 5>> uniforms;  // [count, x, y, z, w]
  std::map<std::string, float> post;
  float scale = 1.0f;
  double fade_len = 0.0, fade_t = 0.0;
  bool fading = false;
  std::string watchdog;
};

Visuals::Visuals() : impl_(std::make_unique<Impl>()) {
  glewExperimental = GL_TRUE;
  glewInit();
  glGetError();  // GLEW may leave GL_INVALID_ENUM on core profiles
  auto& m = *impl_;
  glGenVertexArrays(1, &m.vao);
  std::string log;
  m.vs = compile(GL_VERTEX_SHADER, kVertex, log);
  GLuint ffs = compile(GL_FRAGMENT_SHADER,
                       "#version 330 core\nuniform float uFade; out vec4 c; void main(){ c = vec4(0,0,0,uFade); }\n", log);
  m.fade_program = link(m.vs, ffs, log);
  glDeleteShader(ffs);
  glGenTextures(1, &m.audio_tex);
  glBindTexture(GL_TEXTURE_2D, m.audio_tex);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, 512, 2, 0, GL_RED, GL_FLOAT, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glGenTextures(3, m.fft_tex);
  for (GLuint t : m.fft_tex) {
    glBindTexture(GL_TEXTURE_1D, t);
    glTexImage1D(GL_TEXTURE_1D, 0, GL_R32F, 512, 0, GL_RED, GL_FLOAT, nullptr);
    glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  }
  glGenTextures(1, &m.prev_tex);
  set_audio(AudioFeatures{});
}

Visuals::~Visuals() {
  auto& m = *impl_;
  if (m.program) glDeleteProgram(m.program);
  if (m.fade_program) glDeleteProgram(m.fade_program);
  if (m.vs) glDeleteShader(m.vs);
  glDeleteTextures(1, &m.audio_tex);
  glDeleteTextures(3, m.fft_tex);
  glDeleteTextures(1, &m.prev_tex);
  glDeleteVertexArrays(1, &m.vao);
}

CompileResult Visuals::set_shader(const std::string& source, const std::string& name) {
  CompileResult r;
  r.flavour = detect_flavour(source);
  std::string user = source;
  if (user.rfind("#version", 0) == 0) user = "//" + user;  // keep line numbers, drop the user's version
  std::string prelude = kCommonPrelude;
  std::string tail;
  if (r.flavour == Flavour::Shadertoy) {
    prelude += "out vec4 mr_FragColor;\n";
    tail = "\nvoid main() { vec4 c = vec4(0.0, 0.0, 0.0, 1.0); mainImage(c, gl_FragCoord.xy); mr_FragColor = c; }\n";
  } else if (r.flavour == Flavour::Bonzomatic) {
    prelude += "uniform sampler2D texNoise; uniform sampler2D texChecker;\n";
  }
  prelude += "#line 1\n";
  std::string log;
  GLuint fs = compile(GL_FRAGMENT_SHADER, prelude + user + tail, log);
  if (!fs) {
    r.errors = parse_info_log(log, 0);  // #line 1 already maps lines to the user's text
    return r;
  }
  GLuint prog = link(impl_->vs, fs, log);
  glDeleteShader(fs);
  if (!prog) {
    r.errors = parse_info_log(log, 0);
    return r;
  }
  (void)name;
  if (impl_->program) glDeleteProgram(impl_->program);
  impl_->program = prog;
  r.ok = true;
  return r;
}

void Visuals::set_audio(const AudioFeatures& a) {
  auto& m = *impl_;
  m.audio = a;
  float rows[2][512];
  for (int i = 0; i < 512; ++i) {
    m.st_smooth[i] = 0.8f * m.st_smooth[i] + 0.2f * a.fft[i];  // Shadertoy's smoothingTimeConstant 0.8
    rows[0][i] = to_db_byte(m.st_smooth[i]);
    rows[1][i] = std::clamp(a.waveform[i] * 0.5f + 0.5f, 0.0f, 1.0f);
  }
  glBindTexture(GL_TEXTURE_2D, m.audio_tex);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 512, 2, GL_RED, GL_FLOAT, rows);
  const float* src[3] = {a.fft.data(), a.fft_smoothed.data(), a.fft_integrated.data()};
  for (int k = 0; k < 3; ++k) {
    glBindTexture(GL_TEXTURE_1D, m.fft_tex[k]);
    glTexSubImage1D(GL_TEXTURE_1D, 0, 0, 512, GL_RED, GL_FLOAT, src[k]);
  }
}

void Visuals::set_uniform(const std::string& n, float x) { impl_->uniforms[n] = {1, x, 0, 0, 0}; }
void Visuals::set_uniform(const std::string& n, float x, float y) { impl_->uniforms[n] = {2, x, y, 0, 0}; }
void Visuals::set_uniform(const std::string& n, float x, float y, float z) { impl_->uniforms[n] = {3, x, y, z, 0}; }
void Visuals::set_uniform(const std::string& n, float x, float y, float z, float w) {
  impl_->uniforms[n] = {4, x, y, z, w};
}
void Visuals::set_post(const std::string& effect, float amount) { impl_->post[effect] = amount; }
void Visuals::set_scale(float s) { impl_->scale = std::clamp(s, 0.25f, 1.0f); }
float Visuals::scale() const { return impl_->scale; }

void Visuals::fade_to_black(double seconds) {
  impl_->fading = seconds > 0.0;
  impl_->fade_len = seconds;
  impl_->fade_t = 0.0;
}

std::string Visuals::take_watchdog_message() { return std::exchange(impl_->watchdog, std::string{}); }

void Visuals::render(const FrameInfo& f, int width, int height) {
  auto& m = *impl_;
  glViewport(0, 0, width, height);
  glDisable(GL_DEPTH_TEST);
  glBindVertexArray(m.vao);
  if (!m.program) {
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
  } else {
    const GLuint p = m.program;
    glUseProgram(p);
    auto u = [&](const char* n) { return glGetUniformLocation(p, n); };
    glUniform1f(u("iTime"), static_cast<float>(f.time));
    glUniform1f(u("fGlobalTime"), static_cast<float>(f.time));
    glUniform1f(u("iTimeDelta"), static_cast<float>(f.delta));
    glUniform1i(u("iFrame"), static_cast<int>(f.frame));
    glUniform1f(u("iFrameRate"), f.delta > 0 ? static_cast<float>(1.0 / f.delta) : 60.0f);
    glUniform3f(u("iResolution"), static_cast<float>(width), static_cast<float>(height), 1.0f);
    glUniform2f(u("v2Resolution"), static_cast<float>(width), static_cast<float>(height));
    glUniform4fv(u("iMouse"), 1, f.mouse);
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    glUniform4f(u("iDate"), static_cast<float>(tm.tm_year + 1900), static_cast<float>(tm.tm_mon),
                static_cast<float>(tm.tm_mday), static_cast<float>(tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec));
    glUniform1f(u("iSampleRate"), 48000.0f);
    const float cres[12] = {512, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    glUniform3fv(u("iChannelResolution"), 4, cres);
    const double beats = f.cycle * f.beats_per_cycle;
    glUniform1f(u("uBeat"), static_cast<float>(beats - std::floor(beats)));
    glUniform1f(u("uBar"), static_cast<float>(f.cycle - std::floor(f.cycle)));
    glUniform1f(u("uCycle"), static_cast<float>(f.cycle));
    glUniform1f(u("uCps"), static_cast<float>(f.cps));
    glUniform1fv(u("uOrbit"), 8, m.audio.orbit_rms.data());
    glUniform1f(u("uLevel"), m.audio.master_rms);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, m.audio_tex);
    glUniform1i(u("iChannel0"), 0);
    for (int k = 0; k < 3; ++k) {
      glActiveTexture(static_cast<GLenum>(GL_TEXTURE1 + k));
      glBindTexture(GL_TEXTURE_1D, m.fft_tex[k]);
    }
    glUniform1i(u("texFFT"), 1);
    glUniform1i(u("texFFTSmoothed"), 2);
    glUniform1i(u("texFFTIntegrated"), 3);
    glActiveTexture(GL_TEXTURE4);
    glBindTexture(GL_TEXTURE_2D, m.prev_tex);
    glUniform1i(u("texPreviousFrame"), 4);
    for (const auto& [name, v] : m.uniforms) {
      const GLint loc = u(name.c_str());
      if (loc < 0) continue;
      switch (static_cast<int>(v[0])) {
        case 1: glUniform1f(loc, v[1]); break;
        case 2: glUniform2f(loc, v[1], v[2]); break;
        case 3: glUniform3f(loc, v[1], v[2], v[3]); break;
        default: glUniform4f(loc, v[1], v[2], v[3], v[4]); break;
      }
    }
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glActiveTexture(GL_TEXTURE0);
  }
  if (m.fading) {
    m.fade_t += f.delta;
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(m.fade_program);
    glUniform1f(glGetUniformLocation(m.fade_program, "uFade"),
                static_cast<float>(std::min(1.0, m.fade_t / std::max(m.fade_len, 1e-6))));
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glDisable(GL_BLEND);
  }
  // keep this frame for texPreviousFrame
  glBindTexture(GL_TEXTURE_2D, m.prev_tex);
  if (m.prev_w != width || m.prev_h != height) {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    m.prev_w = width;
    m.prev_h = height;
  }
  glCopyTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 0, 0, width, height);
  glUseProgram(0);
  glBindVertexArray(0);
}

bool Visuals::read_pixels(std::vector<uint8_t>& rgba, int w, int h) {
  if (w <= 0 || h <= 0) return false;
  std::vector<uint8_t> raw(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, raw.data());
  rgba.resize(raw.size());
  const size_t row = static_cast<size_t>(w) * 4;
  for (int y = 0; y < h; ++y) {
    std::copy_n(raw.data() + static_cast<size_t>(h - 1 - y) * row, row, rgba.data() + static_cast<size_t>(y) * row);
  }
  return glGetError() == GL_NO_ERROR;
}

}  // namespace mr::gfx
