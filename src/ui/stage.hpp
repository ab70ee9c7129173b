// The stage: the performance window (and optionally the audience window). The visuals fill the
// window; the code editor floats over them; the session plays what is evaluated. One call runs
// it until the performer quits.
#pragma once

#include <string>

#include "runtime/config.hpp"

namespace mr::suggest {
class Engine;
}

namespace mr::ui {

struct StageOptions {
  runtime::Config config;
  std::string lua_path;        // the set's music (FILE.lua); created on save when missing
  std::string shader_path;     // its visuals (FILE.glsl); when missing, default_shader is shown
  std::string default_shader;  // the built-in shader's source
  std::string font_path;       // a TTF for the editor; empty: ImGui's built-in font
  std::string state_dir;       // autosave/, recent files and recordings/ live here
  std::string data_dir;        // the program's own files (the Lua prelude is loaded from here)
  suggest::Engine* suggest = nullptr;  // the suggestion engine, or nullptr for no pane
  bool fullscreen = false;
  bool audience = false;  // open the audience window at start
  int width = 1280, height = 720;

  // Test hooks: the window test drives the real program with these.
  std::string script;      // a file of steps (text, key, wait, sleep, shot, report, quit)
  std::string screenshot;  // after `frames` frames: write the window's pixels here and quit
  int frames = 0;
  bool eval_on_start = false;  // evaluate the music buffer once the window is up
  std::string report;          // at exit: the editor's state as `key = value` lines
};

// Opens the window(s) and runs until quit. Returns the process exit code; when no window can be
// opened it prints why and returns 3 (the caller then renders to a file instead).
int run_stage(const StageOptions& options);

}  // namespace mr::ui
