// Asks the system for an OpenGL 3.3 core context without a window (EGL surfaceless, as the
// headless `shot` uses) and reports its version and renderer, for `moonrave doctor`.
#pragma once

#include <string>

namespace mr::app {

struct GlProbe {
  bool ok = false;
  std::string version;   // GL_VERSION
  std::string renderer;  // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"
  std::string error;     // what failed, when !ok
};

GlProbe probe_gl_headless();

}  // namespace mr::app
