// EGL surfaceless probe: the same path `moonrave shot` takes when there is no display.
#include "app/gl_probe.hpp"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GL/gl.h>

namespace mr::app {

GlProbe probe_gl_headless() {
  GlProbe r;
  auto get_platform_display =
      reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
  EGLDisplay dpy = EGL_NO_DISPLAY;
  if (get_platform_display) dpy = get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  if (dpy == EGL_NO_DISPLAY) dpy = eglGetDisplay(EGL_DEFAULT_DISPLAY);
  EGLint major = 0, minor = 0;
  if (dpy == EGL_NO_DISPLAY || !eglInitialize(dpy, &major, &minor)) {
    r.error = "no EGL display (install libegl-mesa0 and libgl1-mesa-dri)";
    return r;
  }
  const EGLint config_attribs[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
  EGLConfig config;
  EGLint n = 0;
  if (!eglChooseConfig(dpy, config_attribs, &config, 1, &n) || n == 0) {
    // Surfaceless displays may offer no configs; EGL_KHR_no_config_context covers that.
    config = EGL_NO_CONFIG_KHR;
  }
  eglBindAPI(EGL_OPENGL_API);
  const EGLint ctx_attribs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
  EGLContext ctx = eglCreateContext(dpy, config, EGL_NO_CONTEXT, ctx_attribs);
  if (ctx == EGL_NO_CONTEXT) {
    r.error = "could not create an OpenGL 3.3 core context";
    eglTerminate(dpy);
    return r;
  }
  if (!eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx)) {
    r.error = "could not make the GL context current without a surface";
  } else {
    auto str = [](GLenum e) {
      const GLubyte* s = glGetString(e);
      return s ? std::string(reinterpret_cast<const char*>(s)) : std::string("?");
    };
    r.version = str(GL_VERSION);
    r.renderer = str(GL_RENDERER);
    r.ok = true;
    eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  }
  eglDestroyContext(dpy, ctx);
  eglTerminate(dpy);
  return r;
}

}  // namespace mr::app
