// gfx public API: the visuals drawn behind the editor and by `moonrave shot`.
//
// A Visuals object is created with a current OpenGL 3.3 core context; it initialises GLEW itself.
// gfx knows nothing of the audio engine or the runtime: callers copy the analysis into
// AudioAnalysis and the session's uniforms into PatternUniform.
//
// Use, once per frame on the GL thread:
//   vis.set_audio(analysis);            // when a new analysis arrived (any rate)
//   vis.set_pattern_uniforms(values);   // from Session::uniforms(now)
//   vis.render(frame, w, h);            // draws into the bound framebuffer, restores GL state
//   if (auto m = vis.take_watchdog_message(); !m.empty()) show(m);
// and on an edit: `auto r = vis.set_shader(text, name)`; show r.errors at their lines (or
// submit_shader() and poll_shader() each frame, so a GPU driver's compile never holds a frame).
//
// What a shader gets (see shader_source.hpp for the multipass syntax, which is also how passes
// come from Lua: the runtime composes the sections' text; uniform_reference() and
// shaders/README.md list every uniform with its unit): Shadertoy's and Bonzomatic's uniforms and textures, and
// moonrave's own uBeat, uBar, uCycle, uBeatCount, uCps, uBpm, uOrbit[12], uOrbitPeak[12], uLevel,
// uPeak, uBass, uMid, uHigh. A pattern uniform `kick` (uniform("kick", pat) in Lua) sets
// `uniform float kick` (the value), `kick_t` (seconds since its last event) and `kick_env`
// (1 at each event, decaying), or all three at once if declared `uniform vec3 kick`.
//
// Stage safety: a new shader is compiled, linked and drawn once off screen (warm-up, so the
// first real frame costs no more than the next) before it replaces the running one; on any error
// the last good shader keeps running. The visuals render at their own resolution scale and are
// upscaled into the target, so text drawn afterwards stays sharp. A GPU-time watchdog
// (GL_TIME_ELAPSED queries, read a few frames later without waiting) lowers the scale, then
// reverts to the previous good shader, and says so through take_watchdog_message().
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/audio_analysis.hpp"
#include "gfx/shader_source.hpp"

namespace mr::gfx {

// Audio analysis (base/audio_analysis.hpp): the spectrum is Shadertoy's (WebAudio analyser,
// fftSize 2048): bin k is k * rate / 2048 Hz, -100..-30 dB mapped to 0..1. iChannel0's row 0 is
// fft_smoothed as given (WebAudio's 0.8 smoothing, done in audio time by the engine); Bonzomatic's
// texFFT is `fft` as a linear amplitude, and texFFTSmoothed / texFFTIntegrated are derived from
// it here, in time (SpectrumSmoother), so they look the same at any frame rate.
using mr::AudioAnalysis;

// Per-frame timing and clock state supplied by the caller.
struct FrameInfo {
  double time = 0.0;        // seconds since start (iTime / fGlobalTime)
  double delta = 1.0 / 60;  // seconds since previous frame
  int64_t frame = 0;        // frame counter (iFrame)
  double cycle = 0.0;       // pattern cycle position (cycles since start)
  double cps = 0.5;         // cycles per second
  int beats_per_cycle = 4;
  float mouse[4] = {0, 0, 0, 0};  // iMouse (pixels)
};

// One pattern-driven uniform (mirrors runtime::UniformValue, which gfx cannot include).
struct PatternUniform {
  std::string name;
  float value = 0.0f;            // the pattern's current value
  float since_event_sec = 0.0f;  // seconds since its last onset
  float envelope = 0.0f;         // 1 at each onset, decaying
};

struct CompileResult {
  bool ok = false;
  Flavour flavour = Flavour::Native;
  std::vector<ShaderError> errors;  // lines are in the user's source
  int passes = 0;                   // buffers + image (ok only)
  double compile_ms = 0.0;          // compile and link, all passes
  double warmup_ms = 0.0;           // the off-screen warm-up draw, waited for
};

// What the UI may show in a status line.
struct VisualsStats {
  double gpu_ms = -1.0;         // the latest measured GPU time of the visuals, -1 unknown
  float scale = 1.0f;           // the scale in use (the watchdog may have lowered it)
  float requested_scale = 1.0f; // the scale asked for with set_scale()
  std::string shader;           // the running shader's name
  Flavour flavour = Flavour::Native;
  int passes = 0;
};

class Visuals {
 public:
  Visuals();  // needs a current GL 3.3 core context
  ~Visuals();
  Visuals(const Visuals&) = delete;
  Visuals& operator=(const Visuals&) = delete;

  // Compiles and (on success) replaces the running program after an off-screen warm-up frame.
  // On failure the previous good program keeps running.
  CompileResult set_shader(const std::string& source, const std::string& name);

  // The same without waiting for the driver where it compiles in the background
  // (GL_KHR_parallel_shader_compile): render() keeps drawing the running shader meanwhile. Call
  // poll_shader() once a frame: it returns true once, with the result, when the shader has been
  // compiled, linked, warmed up and swapped in (or refused). A new submit replaces a pending one.
  // Where the driver cannot compile in the background, poll_shader() does it all at once.
  void submit_shader(const std::string& source, const std::string& name);
  bool poll_shader(CompileResult& out);
  bool shader_pending() const;

  void set_audio(const AudioAnalysis& analysis);
  void set_uniform(const std::string& name, float value);
  void set_uniform(const std::string& name, float x, float y);
  void set_uniform(const std::string& name, float x, float y, float z);
  void set_uniform(const std::string& name, float x, float y, float z, float w);
  // Pattern-driven uniforms for the next frame (replaces any earlier value of the same name).
  void set_pattern_uniform(const PatternUniform& u);
  void set_pattern_uniforms(const std::vector<PatternUniform>& us);

  // Post effects by name: "feedback", "glow", "chromatic", "kaleido", "pixelate"; amount 0 = off,
  // 1 = strong. They chain in that order, whatever order they were set in. false: unknown name.
  bool set_post(const std::string& effect, float amount);

  // Resolution scale of the visuals (0.25..1); the watchdog may lower it.
  void set_scale(float scale);
  float scale() const;
  // GPU time per frame above which the watchdog acts (default 50 ms).
  void set_gpu_budget_ms(double ms);

  // Renders into the currently bound framebuffer, viewport width x height.
  void render(const FrameInfo& frame, int width, int height);

  // Fades the output to black over `seconds` (panic key); fade_to_black(0) clears the fade.
  void fade_to_black(double seconds);

  // Non-empty after the watchdog acted (lowered the scale or reverted the shader): why.
  std::string take_watchdog_message();
  VisualsStats stats() const;

  // Reads back the current framebuffer (bottom row first flipped to top row first), RGBA8.
  bool read_pixels(std::vector<uint8_t>& rgba, int width, int height);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mr::gfx
