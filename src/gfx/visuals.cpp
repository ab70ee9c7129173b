// The visuals pipeline: passes (buffers A..D with feedback, then the image) rendered at the
// visuals' own scale into ping-pong targets, post effects, an upscale into the caller's
// framebuffer, warm-up before a new shader goes live, and the GPU-time watchdog.
#include "gfx/visuals.hpp"

#include <GL/glew.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <random>
#include <unordered_map>
#include <utility>

#include "gfx/spectrum_smoother.hpp"
#include "gfx/watchdog.hpp"

namespace mr::gfx {

// [SECTION] GL helpers

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

const char* kVertex = R"(#version 330 core
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
)";

// Feedback: the new frame over the previous output, slightly zoomed and faded (trails).
const char* kFeedback = R"(#version 330 core
uniform sampler2D uCur; uniform sampler2D uPrev; uniform float uAmount; uniform vec2 uSize;
out vec4 o;
void main() {
  vec2 uv = gl_FragCoord.xy / uSize;
  vec3 cur = texture(uCur, uv).rgb;
  vec3 prev = texture(uPrev, (uv - 0.5) * 0.985 + 0.5).rgb;
  o = vec4(max(cur, prev * (0.80 + 0.17 * uAmount)), 1.0);
}
)";

// The upscale into the caller's framebuffer, with kaleidoscope, pixelate, chromatic split, glow.
const char* kComposite = R"(#version 330 core
uniform sampler2D uSrc; uniform vec2 uOut; uniform vec2 uSrcSize;
uniform float uKaleido; uniform float uPixelate; uniform float uChromatic; uniform float uGlow;
out vec4 o;
void main() {
  vec2 uv = gl_FragCoord.xy / uOut;
  if (uKaleido > 0.0) {
    vec2 p = (uv - 0.5) * vec2(uOut.x / uOut.y, 1.0);
    float n = floor(2.0 + uKaleido * 10.0);
    float seg = 6.28318530718 / n;
    float a = mod(atan(p.y, p.x), seg);
    a = abs(a - 0.5 * seg);
    p = length(p) * vec2(cos(a), sin(a));
    uv = p / vec2(uOut.x / uOut.y, 1.0) + 0.5;
  }
  if (uPixelate > 0.0) {
    vec2 cells = max(vec2(8.0), uSrcSize / (1.0 + uPixelate * 31.0));
    uv = (floor(uv * cells) + 0.5) / cells;
  }
  vec3 c;
  if (uChromatic > 0.0) {
    vec2 d = (uv - 0.5) * 0.03 * uChromatic;
    c = vec3(texture(uSrc, uv + d).r, texture(uSrc, uv).g, texture(uSrc, uv - d).b);
  } else {
    c = texture(uSrc, uv).rgb;
  }
  if (uGlow > 0.0) {
    vec3 b = vec3(0.0);
    for (int i = 0; i < 8; ++i) {
      float a = float(i) * 0.785398;
      b += texture(uSrc, uv + vec2(cos(a), sin(a)) * 0.012).rgb;
      b += texture(uSrc, uv + vec2(cos(a), sin(a)) * 0.028).rgb;
    }
    c += uGlow * max(b / 16.0 - 0.15, 0.0) * 1.5;
  }
  o = vec4(c, 1.0);
}
)";

const char* kFade = "#version 330 core\nuniform float uFade; out vec4 c; void main(){ c = vec4(0,0,0,uFade); }\n";

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
  glDetachShader(prog, vs);
  glDetachShader(prog, fs);
  GLint ok = 0;
  glGetProgramiv(prog, GL_LINK_STATUS, &ok);
  if (!ok) {
    GLint n = 0;
    glGetProgramiv(prog, GL_INFO_LOG_LENGTH, &n);
    log.assign(static_cast<size_t>(std::max(n, 1)), '\0');
    glGetProgramInfoLog(prog, n, nullptr, log.data());
    log.resize(log.find('\0') == std::string::npos ? log.size() : log.find('\0'));
    glDeleteProgram(prog);
    return 0;
  }
  return prog;
}

GLuint build_program(GLuint vs, const char* fragment) {
  std::string log;
  GLuint fs = compile(GL_FRAGMENT_SHADER, fragment, log);
  if (!fs) return 0;
  GLuint p = link(vs, fs, log);
  glDeleteShader(fs);
  return p;
}

void set_filtering(GLenum target, GLint filter, GLint wrap) {
  glTexParameteri(target, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri(target, GL_TEXTURE_MAG_FILTER, filter);
  glTexParameteri(target, GL_TEXTURE_WRAP_S, wrap);
  glTexParameteri(target, GL_TEXTURE_WRAP_T, wrap);
}

// Single-channel textures read as grey, as WebGL's LUMINANCE textures do on Shadertoy.
void swizzle_red(GLenum target) {
  glTexParameteri(target, GL_TEXTURE_SWIZZLE_G, GL_RED);
  glTexParameteri(target, GL_TEXTURE_SWIZZLE_B, GL_RED);
}

// A pair of textures with framebuffers: draw into one while reading the other.
struct PingPong {
  GLuint tex[2] = {0, 0}, fbo[2] = {0, 0};
  int idx = 0, w = 0, h = 0;
  GLenum format = GL_RGBA8;

  void ensure(int width, int height, GLenum fmt) {
    if (tex[0] && width == w && height == h && fmt == format) return;
    release();
    w = width;
    h = height;
    format = fmt;
    glGenTextures(2, tex);
    glGenFramebuffers(2, fbo);
    for (int i = 0; i < 2; ++i) {
      glBindTexture(GL_TEXTURE_2D, tex[i]);
      glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(fmt), w, h, 0, GL_RGBA,
                   fmt == GL_RGBA8 ? GL_UNSIGNED_BYTE : GL_FLOAT, nullptr);
      set_filtering(GL_TEXTURE_2D, GL_LINEAR, GL_CLAMP_TO_EDGE);
      glBindFramebuffer(GL_FRAMEBUFFER, fbo[i]);
      glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex[i], 0);
      glClearColor(0, 0, 0, 0);
      glClear(GL_COLOR_BUFFER_BIT);
    }
    idx = 0;
  }
  void release() {
    if (tex[0]) glDeleteTextures(2, tex);
    if (fbo[0]) glDeleteFramebuffers(2, fbo);
    tex[0] = tex[1] = fbo[0] = fbo[1] = 0;
    w = h = 0;
  }
  GLuint read() const { return tex[idx]; }
  GLuint write_fbo() const { return fbo[idx ^ 1]; }
  void flip() { idx ^= 1; }
};

struct UniformSlot {
  GLint loc = -1;
  GLenum type = 0;
};

struct Pass {
  GLuint program = 0;
  int buffer = -1;  // 0..3, -1 image
  std::array<Channel, 4> channels{};
  std::unordered_map<std::string, UniformSlot> uniforms;

  const UniformSlot* find(const std::string& n) const {
    auto it = uniforms.find(n);
    return it == uniforms.end() ? nullptr : &it->second;
  }
  GLint loc(const char* n) const {
    auto it = uniforms.find(n);
    return it == uniforms.end() ? -1 : it->second.loc;
  }
};

struct Pipeline {
  std::vector<Pass> passes;  // buffers in order, then the image
  Flavour flavour = Flavour::Native;
  std::string name;
  bool empty() const { return passes.empty(); }
  void release() {
    for (auto& p : passes) glDeleteProgram(p.program);
    passes.clear();
  }
};

// Texture units, fixed per sampler name, set once per program after linking.
enum Unit : int {
  kUnitChannel0 = 0,  // ..3
  kUnitFFT = 4,
  kUnitFFTSmoothed = 5,
  kUnitFFTIntegrated = 6,
  kUnitPrevious = 7,
  kUnitNoise = 8,
  kUnitChecker = 9,
  kUnitBufferA = 10,  // ..13
};

void read_uniforms(Pass& p) {
  GLint count = 0;
  glGetProgramiv(p.program, GL_ACTIVE_UNIFORMS, &count);
  for (GLint i = 0; i < count; ++i) {
    char name[256];
    GLsizei len = 0;
    GLint size = 0;
    GLenum type = 0;
    glGetActiveUniform(p.program, static_cast<GLuint>(i), sizeof name, &len, &size, &type, name);
    std::string n(name, static_cast<size_t>(len));
    if (n.size() > 3 && n.compare(n.size() - 3, 3, "[0]") == 0) n.resize(n.size() - 3);
    p.uniforms[n] = {glGetUniformLocation(p.program, name), type};
  }
  glUseProgram(p.program);
  const std::pair<const char*, int> units[] = {
      {"iChannel0", 0}, {"iChannel1", 1}, {"iChannel2", 2}, {"iChannel3", 3},
      {"texFFT", kUnitFFT}, {"texFFTSmoothed", kUnitFFTSmoothed}, {"texFFTIntegrated", kUnitFFTIntegrated},
      {"texPreviousFrame", kUnitPrevious}, {"texNoise", kUnitNoise}, {"texChecker", kUnitChecker},
      {"uBufferA", kUnitBufferA}, {"uBufferB", kUnitBufferA + 1}, {"uBufferC", kUnitBufferA + 2},
      {"uBufferD", kUnitBufferA + 3}};
  for (const auto& [n, unit] : units) {
    const UniformSlot* s = p.find(n);
    if (s && (s->type == GL_SAMPLER_2D || s->type == GL_SAMPLER_1D)) glUniform1i(s->loc, unit);
  }
  glUseProgram(0);
}

// Writes up to four floats into a uniform of whatever numeric type the shader declared.
void write_uniform(const UniformSlot& s, const float* v) {
  switch (s.type) {
    case GL_FLOAT: glUniform1f(s.loc, v[0]); break;
    case GL_FLOAT_VEC2: glUniform2f(s.loc, v[0], v[1]); break;
    case GL_FLOAT_VEC3: glUniform3f(s.loc, v[0], v[1], v[2]); break;
    case GL_FLOAT_VEC4: glUniform4f(s.loc, v[0], v[1], v[2], v[3]); break;
    case GL_INT:
    case GL_BOOL: glUniform1i(s.loc, static_cast<int>(std::lround(v[0]))); break;
    default: break;
  }
}

}  // namespace

// [SECTION] state

struct Visuals::Impl {
  GLuint vao = 0, vs = 0, fade_program = 0, feedback_program = 0, composite_program = 0;
  GLuint audio_tex = 0, fft_tex[3] = {0, 0, 0}, noise_tex = 0, checker_tex = 0, black_tex = 0;
  Pipeline current, previous;
  PingPong buffers[4], scene, post;
  GLuint scratch_fbo[2] = {0, 0}, scratch_tex[2] = {0, 0};  // warm-up targets: RGBA32F, RGBA8

  AudioAnalysis audio;
  SpectrumSmoother bonzo{0.9};
  std::array<float, 512> fft_linear{};
  float bands[3] = {0, 0, 0};
  std::map<std::string, std::array<float, 5>> uniforms;  // [count, x, y, z, w]
  std::map<std::string, PatternUniform> pattern_uniforms;
  float post_amount[5] = {0, 0, 0, 0, 0};  // feedback, glow, chromatic, kaleido, pixelate
  float requested_scale = 1.0f, scale = 1.0f;
  double fade_len = 0.0, fade_t = 0.0;
  bool fading = false;
  FrameInfo last_frame;
  int target_w = 0, target_h = 0;  // the visuals' own resolution at the last frame

  Watchdog watchdog;
  std::string watchdog_message;
  bool timer_queries = false;
  static constexpr int kQueries = 4;
  GLuint queries[kQueries] = {};
  bool query_pending[kQueries] = {};
  uint64_t query_generation[kQueries] = {};
  uint64_t generation = 0;  // bumped when the scale or the shader changes: older timings are moot
  int query_next = 0;
  double gpu_ms = -1.0;

  // A shader being compiled (stage 0) or linked (stage 1), maybe in the driver's threads.
  struct PendingPass {
    GLuint fs = 0, prog = 0;
    int buffer = -1;
    std::array<Channel, 4> channels{};
  };
  struct Pending {
    bool active = false;
    int stage = 0;
    std::string name;
    Clock::time_point t0;
    CompileResult result;
    std::vector<PendingPass> passes;
    void release() {
      for (auto& pp : passes) {
        if (pp.fs) glDeleteShader(pp.fs);
        if (pp.prog) glDeleteProgram(pp.prog);
      }
      passes.clear();
      active = false;
    }
  } pending;
  bool parallel_compile = false;  // GL_KHR_parallel_shader_compile: compile and link don't block

  void start(const std::string& source, const std::string& name);
  bool pending_ready() const;
  bool advance();  // true when the pending shader is finished (pending.result holds the outcome)
  void warm_up_and_swap(Pipeline pl, CompileResult& r);
  void upload_audio_textures();
  void update_audio(double dt);
  void draw_pass(const Pass& p, const FrameInfo& f, int w, int h, GLuint prev_tex);
  void run_pipeline(const Pipeline& pl, const FrameInfo& f, int rw, int rh);
  void poll_queries();
  void apply(const Watchdog::Action& a);
};

// [SECTION] construction

Visuals::Visuals() : impl_(std::make_unique<Impl>()) {
  glewExperimental = GL_TRUE;
  glewInit();
  glGetError();  // GLEW may leave GL_INVALID_ENUM on core profiles
  auto& m = *impl_;
  glGenVertexArrays(1, &m.vao);
  std::string log;
  m.vs = compile(GL_VERTEX_SHADER, kVertex, log);
  m.fade_program = build_program(m.vs, kFade);
  m.feedback_program = build_program(m.vs, kFeedback);
  m.composite_program = build_program(m.vs, kComposite);

  glGenTextures(1, &m.audio_tex);
  glBindTexture(GL_TEXTURE_2D, m.audio_tex);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, 512, 2, 0, GL_RED, GL_FLOAT, nullptr);
  set_filtering(GL_TEXTURE_2D, GL_LINEAR, GL_CLAMP_TO_EDGE);
  swizzle_red(GL_TEXTURE_2D);
  glGenTextures(3, m.fft_tex);
  for (GLuint t : m.fft_tex) {
    glBindTexture(GL_TEXTURE_1D, t);
    glTexImage1D(GL_TEXTURE_1D, 0, GL_R32F, 512, 0, GL_RED, GL_FLOAT, nullptr);
    glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    swizzle_red(GL_TEXTURE_1D);
  }
  // Bonzomatic's texNoise and texChecker, generated (same seed every run: shots are reproducible).
  std::vector<uint8_t> px(256 * 256 * 4);
  std::mt19937 rng(1234);
  for (auto& b : px) b = static_cast<uint8_t>(rng() >> 24);
  glGenTextures(1, &m.noise_tex);
  glBindTexture(GL_TEXTURE_2D, m.noise_tex);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 256, 0, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  set_filtering(GL_TEXTURE_2D, GL_LINEAR, GL_REPEAT);
  for (int y = 0; y < 256; ++y) {
    for (int x = 0; x < 256; ++x) {
      const uint8_t v = ((x / 32 + y / 32) & 1) ? 255 : 0;
      uint8_t* p = &px[static_cast<size_t>(y * 256 + x) * 4];
      p[0] = p[1] = p[2] = v;
      p[3] = 255;
    }
  }
  glGenTextures(1, &m.checker_tex);
  glBindTexture(GL_TEXTURE_2D, m.checker_tex);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 256, 0, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  set_filtering(GL_TEXTURE_2D, GL_NEAREST, GL_REPEAT);
  const uint8_t black[4] = {0, 0, 0, 0};
  glGenTextures(1, &m.black_tex);
  glBindTexture(GL_TEXTURE_2D, m.black_tex);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, black);
  set_filtering(GL_TEXTURE_2D, GL_NEAREST, GL_CLAMP_TO_EDGE);

  // Warm-up targets, one per format a pass can draw into (drivers specialise shaders on it).
  GLint prev_draw = 0, prev_read = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_draw);
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev_read);
  glGenTextures(2, m.scratch_tex);
  glGenFramebuffers(2, m.scratch_fbo);
  const GLenum fmts[2] = {GL_RGBA32F, GL_RGBA8};
  for (int i = 0; i < 2; ++i) {
    glBindTexture(GL_TEXTURE_2D, m.scratch_tex[i]);
    glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(fmts[i]), 16, 16, 0, GL_RGBA,
                 i == 0 ? GL_FLOAT : GL_UNSIGNED_BYTE, nullptr);
    set_filtering(GL_TEXTURE_2D, GL_NEAREST, GL_CLAMP_TO_EDGE);
    glBindFramebuffer(GL_FRAMEBUFFER, m.scratch_fbo[i]);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m.scratch_tex[i], 0);
  }
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(prev_draw));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(prev_read));
  glBindTexture(GL_TEXTURE_2D, 0);

  m.parallel_compile = GLEW_KHR_parallel_shader_compile;
  if (m.parallel_compile) glMaxShaderCompilerThreadsKHR(0xFFFFFFFFu);  // as many as the driver likes
  m.timer_queries = GLEW_VERSION_3_3 || GLEW_ARB_timer_query;
  if (m.timer_queries) glGenQueries(Impl::kQueries, m.queries);
  m.upload_audio_textures();
}

Visuals::~Visuals() {
  auto& m = *impl_;
  m.pending.release();
  m.current.release();
  m.previous.release();
  for (auto& b : m.buffers) b.release();
  m.scene.release();
  m.post.release();
  for (GLuint p : {m.fade_program, m.feedback_program, m.composite_program}) glDeleteProgram(p);
  if (m.vs) glDeleteShader(m.vs);
  glDeleteTextures(1, &m.audio_tex);
  glDeleteTextures(3, m.fft_tex);
  glDeleteTextures(1, &m.noise_tex);
  glDeleteTextures(1, &m.checker_tex);
  glDeleteTextures(1, &m.black_tex);
  glDeleteTextures(2, m.scratch_tex);
  glDeleteFramebuffers(2, m.scratch_fbo);
  if (m.timer_queries) glDeleteQueries(Impl::kQueries, m.queries);
  glDeleteVertexArrays(1, &m.vao);
}

// [SECTION] compile, warm up, swap

void Visuals::Impl::start(const std::string& source, const std::string& name) {
  pending.release();
  pending.active = true;
  pending.stage = 0;
  pending.name = name;
  pending.t0 = Clock::now();
  CompileResult& r = pending.result;
  r = CompileResult{};
  r.flavour = detect_flavour(source);
  const SplitSource split = split_passes(source);
  r.errors = split.errors;
  std::vector<const PassSource*> order;
  for (const auto& b : split.buffers) order.push_back(&b);
  order.push_back(&split.image);
  for (const PassSource* ps : order) {
    PendingPass pp;
    pp.buffer = ps->buffer;
    pp.channels = ps->channels;
    pp.fs = glCreateShader(GL_FRAGMENT_SHADER);
    const std::string text = compose_fragment(r.flavour, split, *ps);
    const char* src = text.c_str();
    glShaderSource(pp.fs, 1, &src, nullptr);
    glCompileShader(pp.fs);  // with parallel compile this returns at once
    pending.passes.push_back(pp);
  }
}

bool Visuals::Impl::pending_ready() const {
  if (!parallel_compile) return true;
  for (const auto& pp : pending.passes) {
    GLint done = 1;
    if (pending.stage == 0) glGetShaderiv(pp.fs, GL_COMPLETION_STATUS_KHR, &done);
    else glGetProgramiv(pp.prog, GL_COMPLETION_STATUS_KHR, &done);
    if (!done) return false;
  }
  return true;
}

namespace {
void add_errors(CompileResult& r, const std::string& log) {
  for (const auto& e : parse_info_log(log, 0)) {  // #line directives give the file's lines
    const bool dup = std::any_of(r.errors.begin(), r.errors.end(),
                                 [&](const ShaderError& x) { return x.line == e.line && x.message == e.message; });
    if (!dup) r.errors.push_back(e);
  }
}
std::string info_log(GLuint obj, bool program) {
  GLint n = 0;
  if (program) glGetProgramiv(obj, GL_INFO_LOG_LENGTH, &n);
  else glGetShaderiv(obj, GL_INFO_LOG_LENGTH, &n);
  std::string log(static_cast<size_t>(std::max(n, 1)), '\0');
  if (program) glGetProgramInfoLog(obj, n, nullptr, log.data());
  else glGetShaderInfoLog(obj, n, nullptr, log.data());
  log.resize(log.find('\0') == std::string::npos ? log.size() : log.find('\0'));
  return log;
}
}  // namespace

bool Visuals::Impl::advance() {
  CompileResult& r = pending.result;
  if (pending.stage == 0) {
    bool ok = true;
    for (auto& pp : pending.passes) {
      GLint status = 0;
      glGetShaderiv(pp.fs, GL_COMPILE_STATUS, &status);
      if (!status) {
        add_errors(r, info_log(pp.fs, false));
        ok = false;
      }
    }
    if (!ok || !r.errors.empty()) {
      r.compile_ms = ms_since(pending.t0);
      pending.release();
      return true;
    }
    for (auto& pp : pending.passes) {
      pp.prog = glCreateProgram();
      glAttachShader(pp.prog, vs);
      glAttachShader(pp.prog, pp.fs);
      glLinkProgram(pp.prog);
    }
    pending.stage = 1;
    return false;
  }
  Pipeline pl;
  pl.flavour = r.flavour;
  pl.name = pending.name;
  for (auto& pp : pending.passes) {
    GLint status = 0;
    glGetProgramiv(pp.prog, GL_LINK_STATUS, &status);
    if (!status) {
      add_errors(r, info_log(pp.prog, true));
      continue;
    }
    Pass p;
    p.program = std::exchange(pp.prog, 0u);
    p.buffer = pp.buffer;
    p.channels = pp.channels;
    read_uniforms(p);
    pl.passes.push_back(std::move(p));
  }
  pending.release();
  r.compile_ms = ms_since(pending.t0);
  if (!r.errors.empty()) {
    pl.release();
    return true;
  }
  warm_up_and_swap(std::move(pl), r);
  return true;
}

CompileResult Visuals::set_shader(const std::string& source, const std::string& name) {
  auto& m = *impl_;
  m.start(source, name);
  while (!m.advance()) {
  }
  return m.pending.result;
}

void Visuals::submit_shader(const std::string& source, const std::string& name) { impl_->start(source, name); }

bool Visuals::poll_shader(CompileResult& out) {
  auto& m = *impl_;
  while (m.pending.active && m.pending_ready()) {
    if (m.advance()) {
      out = m.pending.result;
      return true;
    }
  }
  return false;
}

bool Visuals::shader_pending() const { return impl_->pending.active; }

void Visuals::Impl::warm_up_and_swap(Pipeline pl, CompileResult& r) {
  auto& m = *this;
  // Warm-up: draw every pass once into a small target of its format and wait, so the driver's
  // deferred work (llvmpipe and many GPU drivers finish compiling at the first draw) happens
  // here and not in the frame the audience sees.
  const auto t1 = Clock::now();
  GLint prev_draw = 0, prev_read = 0, vp[4];
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_draw);
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev_read);
  glGetIntegerv(GL_VIEWPORT, vp);
  // Drivers also specialise on the textures bound (llvmpipe: format and filtering), so the
  // warm-up binds the very targets the passes will read; only the draw target is a scratch one.
  const int tw = m.target_w > 0 ? m.target_w : 16, th = m.target_h > 0 ? m.target_h : 16;
  m.scene.ensure(tw, th, GL_RGBA8);
  for (const auto& p : pl.passes) {
    if (p.buffer >= 0) m.buffers[p.buffer].ensure(tw, th, GL_RGBA32F);
  }
  glBindVertexArray(m.vao);
  for (int rep = 0; rep < 2; ++rep) {
    const auto tr = Clock::now();
    for (const auto& p : pl.passes) {
      glBindFramebuffer(GL_FRAMEBUFFER, m.scratch_fbo[p.buffer >= 0 ? 0 : 1]);
      m.draw_pass(p, m.last_frame, 16, 16, p.buffer >= 0 ? m.buffers[p.buffer].read() : m.scene.read());
    }
    glFinish();
    // The second draw is compiled already: if 16x16 pixels already take two frame budgets, a
    // full frame would freeze the room. Refuse it here.
    if (rep == 1 && ms_since(tr) > 2.0 * m.watchdog.budget_ms()) {
      char msg[160];
      std::snprintf(msg, sizeof msg, "too slow: %.0f ms for a 16x16 test frame (budget %.0f ms per frame)",
                    ms_since(tr), m.watchdog.budget_ms());
      r.errors.push_back({0, 0, msg});
    }
  }
  glBindVertexArray(0);
  glUseProgram(0);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(prev_draw));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(prev_read));
  glViewport(vp[0], vp[1], vp[2], vp[3]);
  r.warmup_ms = ms_since(t1);
  if (!r.errors.empty()) {
    pl.release();
    return;
  }
  m.previous.release();
  m.previous = std::move(m.current);
  m.current = std::move(pl);
  r.passes = static_cast<int>(m.current.passes.size());
  r.ok = true;
  // The scale stays where the watchdog left it: a small edit to a heavy shader must not stutter
  // through the same slow frames again. Fast frames raise it back.
  m.watchdog.reset();
  ++m.generation;
}

// [SECTION] inputs

void Visuals::set_audio(const AudioAnalysis& a) { impl_->audio = a; }

void Visuals::Impl::upload_audio_textures() {
  float rows[2][512];
  for (size_t i = 0; i < 512; ++i) {
    rows[0][i] = std::clamp(audio.fft_smoothed[i], 0.0f, 1.0f);
    rows[1][i] = std::clamp(audio.waveform[i] * 0.5f + 0.5f, 0.0f, 1.0f);
  }
  glBindTexture(GL_TEXTURE_2D, audio_tex);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 512, 2, GL_RED, GL_FLOAT, rows);
  const float* src[3] = {fft_linear.data(), bonzo.smoothed().data(), bonzo.integrated().data()};
  for (int k = 0; k < 3; ++k) {
    glBindTexture(GL_TEXTURE_1D, fft_tex[k]);
    glTexSubImage1D(GL_TEXTURE_1D, 0, 0, 512, GL_RED, GL_FLOAT, src[k]);
  }
}

void Visuals::Impl::update_audio(double dt) {
  // Bonzomatic's texFFT is a linear amplitude (a full-scale sine near 1): undo the dB mapping.
  // WebAudio's -30 dB ceiling with its Blackman window is about 0.15 of full scale.
  for (size_t i = 0; i < 512; ++i) {
    const float u = audio.fft[i];
    fft_linear[i] = u <= 0.0f ? 0.0f : std::pow(10.0f, (std::min(u, 1.0f) * 70.0f - 100.0f) / 20.0f) / 0.21f;
  }
  bonzo.update(fft_linear.data(), dt);
  // Band energies from the smoothed spectrum (0..1 dB scale), bin k = k * rate / 2048 Hz.
  const float hz_per_bin = std::max(audio.rate_hz, 1.0f) / 2048.0f;
  const int edges[4] = {1, std::clamp(static_cast<int>(250.0f / hz_per_bin), 2, 510),
                        std::clamp(static_cast<int>(2000.0f / hz_per_bin), 3, 511), 512};
  for (int b = 0; b < 3; ++b) {
    float sum = 0.0f;
    for (int i = edges[b]; i < edges[b + 1]; ++i) sum += audio.fft_smoothed[static_cast<size_t>(i)];
    bands[b] = sum / static_cast<float>(std::max(1, edges[b + 1] - edges[b]));
  }
}

void Visuals::set_uniform(const std::string& n, float x) { impl_->uniforms[n] = {1, x, 0, 0, 0}; }
void Visuals::set_uniform(const std::string& n, float x, float y) { impl_->uniforms[n] = {2, x, y, 0, 0}; }
void Visuals::set_uniform(const std::string& n, float x, float y, float z) { impl_->uniforms[n] = {3, x, y, z, 0}; }
void Visuals::set_uniform(const std::string& n, float x, float y, float z, float w) {
  impl_->uniforms[n] = {4, x, y, z, w};
}
void Visuals::set_pattern_uniform(const PatternUniform& u) { impl_->pattern_uniforms[u.name] = u; }
void Visuals::set_pattern_uniforms(const std::vector<PatternUniform>& us) {
  for (const auto& u : us) set_pattern_uniform(u);
}

bool Visuals::set_post(const std::string& effect, float amount) {
  static const char* kNames[5] = {"feedback", "glow", "chromatic", "kaleido", "pixelate"};
  for (int i = 0; i < 5; ++i) {
    if (effect == kNames[i]) {
      impl_->post_amount[i] = std::clamp(amount, 0.0f, 1.0f);
      return true;
    }
  }
  return false;
}

void Visuals::set_scale(float s) {
  auto& m = *impl_;
  m.requested_scale = m.scale = std::clamp(s, Watchdog::kMinScale, 1.0f);
  m.watchdog.reset();
  ++m.generation;
}
float Visuals::scale() const { return impl_->scale; }
void Visuals::set_gpu_budget_ms(double ms) { impl_->watchdog.set_budget_ms(ms); }

void Visuals::fade_to_black(double seconds) {
  impl_->fading = seconds > 0.0;
  impl_->fade_len = seconds;
  impl_->fade_t = 0.0;
}

std::string Visuals::take_watchdog_message() { return std::exchange(impl_->watchdog_message, std::string{}); }

VisualsStats Visuals::stats() const {
  const auto& m = *impl_;
  VisualsStats s;
  s.gpu_ms = m.gpu_ms;
  s.scale = m.scale;
  s.requested_scale = m.requested_scale;
  s.shader = m.current.name;
  s.flavour = m.current.flavour;
  s.passes = static_cast<int>(m.current.passes.size());
  return s;
}

// [SECTION] drawing

void Visuals::Impl::draw_pass(const Pass& p, const FrameInfo& f, int w, int h, GLuint prev_tex) {
  glViewport(0, 0, w, h);
  glUseProgram(p.program);
  auto f1 = [&](const char* n, double v) {
    if (GLint l = p.loc(n); l >= 0) glUniform1f(l, static_cast<float>(v));
  };
  const double fps = f.delta > 0 ? 1.0 / f.delta : 60.0;
  f1("iTime", f.time);
  f1("fGlobalTime", f.time);
  f1("iTimeDelta", f.delta);
  f1("fFrameTime", f.delta);
  f1("iFrameRate", fps);
  if (GLint l = p.loc("iFrame"); l >= 0) glUniform1i(l, static_cast<int>(f.frame));
  if (GLint l = p.loc("iResolution"); l >= 0) glUniform3f(l, static_cast<float>(w), static_cast<float>(h), 1.0f);
  if (GLint l = p.loc("v2Resolution"); l >= 0) glUniform2f(l, static_cast<float>(w), static_cast<float>(h));
  if (GLint l = p.loc("iMouse"); l >= 0) glUniform4fv(l, 1, f.mouse);
  if (GLint l = p.loc("iDate"); l >= 0) {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    glUniform4f(l, static_cast<float>(tm.tm_year + 1900), static_cast<float>(tm.tm_mon), static_cast<float>(tm.tm_mday),
                static_cast<float>(tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec));
  }
  f1("iSampleRate", audio.rate_hz);
  if (GLint l = p.loc("iChannelTime"); l >= 0) {
    const float t = static_cast<float>(f.time);
    const float ts[4] = {t, t, t, t};
    glUniform1fv(l, 4, ts);
  }
  const double beats = f.cycle * f.beats_per_cycle;
  f1("uBeat", beats - std::floor(beats));
  f1("uBar", f.cycle - std::floor(f.cycle));
  f1("uCycle", f.cycle);
  f1("uBeatCount", beats);
  f1("uCps", f.cps);
  f1("uBpm", f.cps * 60.0 * f.beats_per_cycle);
  if (GLint l = p.loc("uOrbit"); l >= 0) glUniform1fv(l, kOrbitCount, audio.orbit_rms.data());
  if (GLint l = p.loc("uOrbitPeak"); l >= 0) glUniform1fv(l, kOrbitCount, audio.orbit_peak.data());
  f1("uLevel", audio.master_rms);
  f1("uPeak", audio.master_peak);
  f1("uBass", bands[0]);
  f1("uMid", bands[1]);
  f1("uHigh", bands[2]);
  for (const auto& [name, v] : uniforms) {
    if (const UniformSlot* s = p.find(name)) write_uniform(*s, &v[1]);
  }
  for (const auto& [name, u] : pattern_uniforms) {
    if (const UniformSlot* s = p.find(name)) {
      const float v[4] = {u.value, u.since_event_sec, u.envelope, 0.0f};
      write_uniform(*s, v);
    }
    if (const UniformSlot* s = p.find(name + "_t")) write_uniform(*s, &u.since_event_sec);
    if (const UniformSlot* s = p.find(name + "_env")) write_uniform(*s, &u.envelope);
  }

  // Textures: channels, then the fixed units.
  float cres[12] = {};
  for (int c = 0; c < 4; ++c) {
    GLuint tex = black_tex;
    float cw = 1, ch = 1;
    const Channel src = p.channels[static_cast<size_t>(c)];
    switch (src) {
      case Channel::Audio: tex = audio_tex; cw = 512; ch = 2; break;
      case Channel::Noise: tex = noise_tex; cw = ch = 256; break;
      case Channel::Checker: tex = checker_tex; cw = ch = 256; break;
      case Channel::Previous: tex = prev_tex; cw = static_cast<float>(w); ch = static_cast<float>(h); break;
      case Channel::BufferA:
      case Channel::BufferB:
      case Channel::BufferC:
      case Channel::BufferD: {
        const PingPong& b = buffers[static_cast<int>(src) - static_cast<int>(Channel::BufferA)];
        if (b.tex[0]) {
          tex = b.read();
          cw = static_cast<float>(b.w);
          ch = static_cast<float>(b.h);
        }
        break;
      }
      case Channel::None: break;
    }
    glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + c));
    glBindTexture(GL_TEXTURE_2D, tex);
    cres[c * 3] = cw;
    cres[c * 3 + 1] = ch;
    cres[c * 3 + 2] = 1.0f;
  }
  if (GLint l = p.loc("iChannelResolution"); l >= 0) glUniform3fv(l, 4, cres);
  for (int k = 0; k < 3; ++k) {
    glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + kUnitFFT + k));
    glBindTexture(GL_TEXTURE_1D, fft_tex[k]);
  }
  const std::pair<int, GLuint> fixed[] = {{kUnitPrevious, prev_tex},
                                          {kUnitNoise, noise_tex},
                                          {kUnitChecker, checker_tex}};
  for (const auto& [unit, tex] : fixed) {
    glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + unit));
    glBindTexture(GL_TEXTURE_2D, tex ? tex : black_tex);
  }
  for (int b = 0; b < 4; ++b) {
    glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + kUnitBufferA + b));
    glBindTexture(GL_TEXTURE_2D, buffers[b].tex[0] ? buffers[b].read() : black_tex);
  }
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glActiveTexture(GL_TEXTURE0);
}

void Visuals::Impl::run_pipeline(const Pipeline& pl, const FrameInfo& f, int rw, int rh) {
  for (const auto& p : pl.passes) {
    PingPong& t = p.buffer >= 0 ? buffers[p.buffer] : scene;
    t.ensure(rw, rh, p.buffer >= 0 ? GL_RGBA32F : GL_RGBA8);
    glBindFramebuffer(GL_FRAMEBUFFER, t.write_fbo());
    draw_pass(p, f, rw, rh, t.read());
    t.flip();
  }
}

void Visuals::Impl::poll_queries() {
  if (!timer_queries) return;
  for (int i = 0; i < kQueries; ++i) {
    if (!query_pending[i]) continue;
    GLint available = 0;
    glGetQueryObjectiv(queries[i], GL_QUERY_RESULT_AVAILABLE, &available);
    if (!available) continue;
    GLuint64 ns = 0;
    glGetQueryObjectui64v(queries[i], GL_QUERY_RESULT, &ns);
    query_pending[i] = false;
    if (query_generation[i] != generation) continue;  // measured before the last change
    gpu_ms = static_cast<double>(ns) * 1e-6;
    if (!current.empty()) apply(watchdog.on_frame(gpu_ms, scale, requested_scale, !previous.empty()));
  }
}

void Visuals::Impl::apply(const Watchdog::Action& a) {
  switch (a.act) {
    case Watchdog::Act::None: return;
    case Watchdog::Act::LowerScale:
    case Watchdog::Act::RaiseScale: scale = a.scale; break;
    case Watchdog::Act::Revert:
      current.release();
      current = std::move(previous);
      previous = Pipeline{};
      scale = a.scale;
      watchdog.reset();
      break;
    case Watchdog::Act::GiveUp: break;
  }
  ++generation;
  watchdog_message = a.message;
}

void Visuals::render(const FrameInfo& f, int width, int height) {
  auto& m = *impl_;
  if (width <= 0 || height <= 0) return;
  m.last_frame = f;
  GLint target_draw = 0, target_read = 0, vp[4];
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target_draw);
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &target_read);
  glGetIntegerv(GL_VIEWPORT, vp);
  const bool blend = glIsEnabled(GL_BLEND), scissor = glIsEnabled(GL_SCISSOR_TEST), depth = glIsEnabled(GL_DEPTH_TEST);
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_DEPTH_TEST);

  m.poll_queries();
  m.update_audio(f.delta);
  m.upload_audio_textures();

  const int rw = std::max(1, static_cast<int>(std::lround(width * m.scale)));
  const int rh = std::max(1, static_cast<int>(std::lround(height * m.scale)));
  m.target_w = rw;
  m.target_h = rh;
  int slot = -1;
  if (m.timer_queries && !m.query_pending[m.query_next]) {
    slot = m.query_next;
    m.query_next = (m.query_next + 1) % Impl::kQueries;
    glBeginQuery(GL_TIME_ELAPSED, m.queries[slot]);
  }
  glBindVertexArray(m.vao);
  if (m.current.empty()) {
    m.scene.ensure(rw, rh, GL_RGBA8);
    glBindFramebuffer(GL_FRAMEBUFFER, m.scene.write_fbo());
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    m.scene.flip();
  } else {
    m.run_pipeline(m.current, f, rw, rh);
  }
  GLuint src = m.scene.read();
  if (m.post_amount[0] > 0.0f) {  // feedback accumulates at the visuals' resolution
    m.post.ensure(rw, rh, GL_RGBA8);
    glBindFramebuffer(GL_FRAMEBUFFER, m.post.write_fbo());
    glViewport(0, 0, rw, rh);
    glUseProgram(m.feedback_program);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, src);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, m.post.read());
    glUniform1i(glGetUniformLocation(m.feedback_program, "uCur"), 0);
    glUniform1i(glGetUniformLocation(m.feedback_program, "uPrev"), 1);
    glUniform1f(glGetUniformLocation(m.feedback_program, "uAmount"), m.post_amount[0]);
    glUniform2f(glGetUniformLocation(m.feedback_program, "uSize"), static_cast<float>(rw), static_cast<float>(rh));
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glActiveTexture(GL_TEXTURE0);
    m.post.flip();
    src = m.post.read();
  }
  // Upscale (and the remaining post effects) into the caller's framebuffer. Without effects a
  // blit does it: at scale 1 it is a plain copy, far cheaper than a draw on a software renderer.
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(target_draw));
  glViewport(0, 0, width, height);
  const bool effects = m.post_amount[1] > 0.0f || m.post_amount[2] > 0.0f || m.post_amount[3] > 0.0f ||
                       m.post_amount[4] > 0.0f;
  if (!effects) {
    PingPong& from = m.post_amount[0] > 0.0f ? m.post : m.scene;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, from.fbo[from.idx]);
    glBlitFramebuffer(0, 0, rw, rh, 0, 0, width, height, GL_COLOR_BUFFER_BIT,
                      rw == width && rh == height ? GL_NEAREST : GL_LINEAR);
  }
  if (effects) {
    const GLuint cp = m.composite_program;
    glUseProgram(cp);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, src);
    glUniform1i(glGetUniformLocation(cp, "uSrc"), 0);
    glUniform2f(glGetUniformLocation(cp, "uOut"), static_cast<float>(width), static_cast<float>(height));
    glUniform2f(glGetUniformLocation(cp, "uSrcSize"), static_cast<float>(rw), static_cast<float>(rh));
    glUniform1f(glGetUniformLocation(cp, "uGlow"), m.post_amount[1]);
    glUniform1f(glGetUniformLocation(cp, "uChromatic"), m.post_amount[2]);
    glUniform1f(glGetUniformLocation(cp, "uKaleido"), m.post_amount[3]);
    glUniform1f(glGetUniformLocation(cp, "uPixelate"), m.post_amount[4]);
    glDrawArrays(GL_TRIANGLES, 0, 3);
  }
  if (slot >= 0) {
    glEndQuery(GL_TIME_ELAPSED);
    m.query_pending[slot] = true;
    m.query_generation[slot] = m.generation;
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
  glUseProgram(0);
  glBindVertexArray(0);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(target_draw));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(target_read));
  glViewport(vp[0], vp[1], vp[2], vp[3]);
  if (blend) glEnable(GL_BLEND);
  if (scissor) glEnable(GL_SCISSOR_TEST);
  if (depth) glEnable(GL_DEPTH_TEST);
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
