// The stage's visuals: the shader pipeline (gfx::Visuals), the off-screen target it renders into
// once a frame (each window blits it as its background), the shader compiles in flight and how
// long they took, the buffer whose shader runs, and the master level for the meter. It reads
// the audio's analysis and the patterns' uniforms it is given; it draws no text.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/audio_analysis.hpp"
#include "gfx/visuals.hpp"
#include "runtime/session.hpp"

namespace mr::ui {

struct VisualsHostOptions {
  double resolution_scale = 1.0;  // of the target's pixels, 0.25..1
  double gpu_budget_ms = 50.0;    // the watchdog's
};

class VisualsHost {
 public:
  // Needs a current GL 3.3 context (initialises GLEW).
  explicit VisualsHost(const VisualsHostOptions& options);
  ~VisualsHost();  // the GL context must still be current
  VisualsHost(const VisualsHost&) = delete;
  VisualsHost& operator=(const VisualsHost&) = delete;

  // A new analysis of the master (Session::read_analysis): to the shaders and the level meter.
  void set_audio(const AudioAnalysis& analysis);
  // The patterns' uniforms now (Session::uniforms).
  void set_uniforms(const std::vector<runtime::UniformValue>& uniforms);
  // One frame of the shader into the target, resized to w x h pixels first when needed.
  void render(const gfx::FrameInfo& frame, int w, int h);
  // The target, for the windows to blit (GL framebuffer name, size in pixels).
  unsigned target() const { return fbo_; }
  int target_w() const { return fbo_w_; }
  int target_h() const { return fbo_h_; }

  // Shaders. compile_now: in place on return (at start). submit: compiled in the background and
  // swapped in by poll() once the driver is done (a live edit never holds a frame); `tag` names
  // who asked (the stage's buffer) and comes back with the result. A newer submit replaces one
  // in flight.
  gfx::CompileResult compile_now(const std::string& source, const std::string& name);
  void submit(const std::string& source, const std::string& name, int tag, double now_sec);
  bool poll(double now_sec, int& tag, gfx::CompileResult& result);
  double compile_ms() const { return compile_ms_; }  // of the last compile, submit to result
  // The shader running: the name of the last one that compiled.
  const std::string& shown() const { return shown_; }

  // The master's level (linear): RMS, and a peak that falls back slowly.
  float level_rms() const { return level_rms_; }
  float level_peak() const { return level_peak_; }

  void fade_to_black(double seconds) { visuals_->fade_to_black(seconds); }
  std::string take_watchdog_message() { return visuals_->take_watchdog_message(); }
  gfx::VisualsStats stats() const { return visuals_->stats(); }
  gfx::Visuals& visuals() { return *visuals_; }

 private:
  void ensure_target(int w, int h);

  std::unique_ptr<gfx::Visuals> visuals_;
  unsigned fbo_ = 0, fbo_tex_ = 0;
  int fbo_w_ = 0, fbo_h_ = 0;
  std::vector<gfx::PatternUniform> pattern_uniforms_;
  int pending_tag_ = -1;
  bool pending_ = false;
  double submitted_at_ = 0;
  double compile_ms_ = 0;
  std::string pending_name_, shown_;
  float level_rms_ = 0, level_peak_ = 0;
};

}  // namespace mr::ui
