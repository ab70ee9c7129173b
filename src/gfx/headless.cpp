#include "gfx/headless.hpp"

#include <GL/glew.h>
#include <EGL/egl.h>
#include <EGL/eglext.h>

namespace mr::gfx {

struct HeadlessContext::Impl {
  EGLDisplay display = EGL_NO_DISPLAY;
  EGLContext context = EGL_NO_CONTEXT;
  GLuint fbo = 0, color = 0;
};

std::unique_ptr<HeadlessContext> HeadlessContext::create(int width, int height, std::string& error) {
  std::unique_ptr<HeadlessContext> h(new HeadlessContext());
  h->impl_ = std::make_unique<Impl>();
  h->width_ = width;
  h->height_ = height;
  auto& m = *h->impl_;
  auto get_platform_display =
      reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
  if (get_platform_display) m.display = get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  if (m.display == EGL_NO_DISPLAY) m.display = eglGetDisplay(EGL_DEFAULT_DISPLAY);
  if (m.display == EGL_NO_DISPLAY || !eglInitialize(m.display, nullptr, nullptr)) {
    error = "no EGL display";
    return nullptr;
  }
  eglBindAPI(EGL_OPENGL_API);
  const EGLint attrs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                          EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
  m.context = eglCreateContext(m.display, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attrs);
  if (m.context == EGL_NO_CONTEXT || !eglMakeCurrent(m.display, EGL_NO_SURFACE, EGL_NO_SURFACE, m.context)) {
    error = "cannot create a surfaceless GL 3.3 core context";
    return nullptr;
  }
  glewExperimental = GL_TRUE;
  const GLenum ge = glewInit();
  if (ge != GLEW_OK && ge != GLEW_ERROR_NO_GLX_DISPLAY) {
    error = "GLEW initialisation failed";
    return nullptr;
  }
  glGetError();
  glGenFramebuffers(1, &m.fbo);
  glGenRenderbuffers(1, &m.color);
  glBindRenderbuffer(GL_RENDERBUFFER, m.color);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  glBindFramebuffer(GL_FRAMEBUFFER, m.fbo);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, m.color);
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
    error = "framebuffer incomplete";
    return nullptr;
  }
  return h;
}

HeadlessContext::~HeadlessContext() {
  if (!impl_) return;
  auto& m = *impl_;
  if (m.context != EGL_NO_CONTEXT) {
    if (m.fbo) glDeleteFramebuffers(1, &m.fbo);
    if (m.color) glDeleteRenderbuffers(1, &m.color);
    eglMakeCurrent(m.display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(m.display, m.context);
  }
}

}  // namespace mr::gfx
