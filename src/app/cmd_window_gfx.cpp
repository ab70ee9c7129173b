// The window half of `moonrave [FILE]`: finds the font, builds the suggestion engine and hands
// everything to the stage (src/ui).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/cli.hpp"
#include "app/fonts.hpp"
#include "app/paths.hpp"
#include "app/suggest_setup.hpp"
#include "runtime/config.hpp"
#include "suggest/engine.hpp"
#include "ui/stage.hpp"

namespace mr::app {

namespace fs = std::filesystem;

int run_window_gfx(const ParsedArgs& args, const runtime::Config& config, const fs::path& lua, const fs::path& shader) {
  ui::StageOptions o;
  o.config = config;
  o.lua_path = lua.string();
  o.shader_path = shader.string();
  {
    std::ifstream in(data_dir() / "shaders" / "default.glsl", std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    o.default_shader = s.str();
  }
  o.font_path = find_editor_font(config.editor.font).path;
  if (o.font_path.empty()) std::fprintf(stderr, "moonrave: no monospaced TTF found; using ImGui's built-in font (see 'moonrave doctor')\n");
  o.state_dir = state_dir().string();
  o.data_dir = data_dir().string();
  o.fullscreen = args.has("--fullscreen");
  o.audience = args.has("--audience");
  if (auto size = args.get("--size")) {
    if (std::sscanf(size->c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 || o.height < 200 || o.width > 8192 ||
        o.height > 8192)
      throw UsageError("--size wants WxH, e.g. 1280x720");
  }
  o.script = args.get_or("--script", "");
  o.screenshot = args.get_or("--screenshot", "");
  o.frames = static_cast<int>(args.integer("--frames", o.screenshot.empty() ? 0 : 30, 1, 100000));
  o.eval_on_start = args.has("--eval-on-start");
  o.report = args.get_or("--report", "");
  std::unique_ptr<suggest::Engine> engine = args.has("--no-suggest") ? nullptr : make_suggest_engine(config);
  o.suggest = engine.get();
  return ui::run_stage(o);
}

}  // namespace mr::app
