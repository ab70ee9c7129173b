// The stage's visuals (visuals_host.hpp).
#include "ui/visuals_host.hpp"

#include <GL/glew.h>

#include <algorithm>
#include <chrono>

namespace mr::ui {

VisualsHost::VisualsHost(const VisualsHostOptions& options) : visuals_(std::make_unique<gfx::Visuals>()) {
  visuals_->set_scale(static_cast<float>(std::clamp(options.resolution_scale, 0.25, 1.0)));
  visuals_->set_gpu_budget_ms(options.gpu_budget_ms);
}

VisualsHost::~VisualsHost() {
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  if (fbo_tex_) glDeleteTextures(1, &fbo_tex_);
}

void VisualsHost::set_audio(const AudioAnalysis& analysis) {
  level_rms_ = analysis.master_rms;
  level_peak_ = std::max(analysis.master_peak, level_peak_ * 0.9f);  // the peak falls back slowly
  visuals_->set_audio(analysis);
}

void VisualsHost::set_uniforms(const std::vector<runtime::UniformValue>& uniforms) {
  pattern_uniforms_.resize(uniforms.size());
  for (size_t i = 0; i < uniforms.size(); ++i)
    pattern_uniforms_[i] = gfx::PatternUniform{uniforms[i].name, uniforms[i].value, uniforms[i].since_event_sec, uniforms[i].envelope};
  visuals_->set_pattern_uniforms(pattern_uniforms_);
}

void VisualsHost::ensure_target(int w, int h) {
  if (fbo_ && w == fbo_w_ && h == fbo_h_) return;
  if (!fbo_) glGenFramebuffers(1, &fbo_);
  if (!fbo_tex_) glGenTextures(1, &fbo_tex_);
  glBindTexture(GL_TEXTURE_2D, fbo_tex_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glBindTexture(GL_TEXTURE_2D, 0);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, fbo_tex_, 0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  fbo_w_ = w;
  fbo_h_ = h;
}

void VisualsHost::render(const gfx::FrameInfo& frame, int w, int h) {
  ensure_target(std::max(1, w), std::max(1, h));
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  visuals_->render(frame, fbo_w_, fbo_h_);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

gfx::CompileResult VisualsHost::compile_now(const std::string& source, const std::string& name) {
  const auto t0 = std::chrono::steady_clock::now();
  gfx::CompileResult r = visuals_->set_shader(source, name);
  compile_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (r.ok) shown_ = name;
  return r;
}

void VisualsHost::submit(const std::string& source, const std::string& name, int tag, double now_sec) {
  pending_ = true;
  pending_tag_ = tag;
  pending_name_ = name;
  submitted_at_ = now_sec;
  visuals_->submit_shader(source, name);  // replaces a pending one
}

bool VisualsHost::poll(double now_sec, int& tag, gfx::CompileResult& result) {
  if (!visuals_->poll_shader(result)) return false;
  compile_ms_ = (now_sec - submitted_at_) * 1000.0;
  tag = pending_ ? pending_tag_ : -1;
  if (result.ok && pending_) shown_ = pending_name_;
  pending_ = false;
  pending_tag_ = -1;
  return true;
}

}  // namespace mr::ui
