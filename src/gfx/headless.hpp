// An off-screen GL 3.3 core context (EGL surfaceless, works with Mesa llvmpipe and no display)
// with a framebuffer of the given size bound for drawing.
#pragma once

#include <memory>
#include <string>

namespace mr::gfx {

class HeadlessContext {
 public:
  static std::unique_ptr<HeadlessContext> create(int width, int height, std::string& error);
  ~HeadlessContext();
  HeadlessContext(const HeadlessContext&) = delete;
  HeadlessContext& operator=(const HeadlessContext&) = delete;
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  HeadlessContext() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int width_ = 0, height_ = 0;
};

}  // namespace mr::gfx
