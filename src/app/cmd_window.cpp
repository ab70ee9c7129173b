// `moonrave [FILE]`: the performance window on a set (default: the welcome example). Without a
// display it says so and renders the set to a WAV file instead, as the README's first command
// promises; the window itself is in cmd_window_gfx.cpp (graphics builds only).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "app/commands.hpp"
#include "app/paths.hpp"
#include "runtime/config.hpp"

namespace mr::app {

namespace fs = std::filesystem;

// cmd_window_gfx.cpp; returns 3 when no window could be opened.
int run_window_gfx(const ParsedArgs& args, const runtime::Config& config, const fs::path& lua, const fs::path& shader);

namespace {

int render_instead(const fs::path& lua, const std::string& why) {
  const fs::path out = fs::path(lua.stem().string() + ".wav");
  std::fprintf(stderr, "moonrave: %s\nmoonrave: rendering %s to %s instead (30 seconds)\n", why.c_str(), lua.c_str(), out.c_str());
  ParsedArgs r;
  r.positional = {lua.string()};
  r.values_["--seconds"] = "30";
  r.values_["--out"] = out.string();
  const int rc = run_render(r);
  if (rc == 0) std::fprintf(stderr, "moonrave: wrote %s\n", out.c_str());
  return rc;
}

}  // namespace

int run_window(const ParsedArgs& args) {
  fs::path lua = args.positional.empty() ? data_dir() / "examples" / "welcome.lua" : fs::path(args.positional[0]);
  std::error_code ec;
  if (lua.extension() == ".glsl") lua.replace_extension(".lua");  // a set is opened by either file
  const std::string ext = lua.extension().string();
  if (ext != ".lua" && ext != ".js" && ext != ".mjs" && ext != ".strudel")
    throw UsageError("'" + lua.string() + "' is not a set (FILE.lua, or a Strudel program FILE.js / FILE.strudel)");
  if (!args.positional.empty() && !fs::exists(lua, ec) && !fs::exists(fs::path(lua).replace_extension(".glsl"), ec))
    std::fprintf(stderr, "moonrave: %s does not exist yet: it is created when you save (Ctrl+S)\n", lua.c_str());
  fs::path shader = args.has("--shader") ? fs::path(*args.get("--shader")) : fs::path(lua).replace_extension(".glsl");

  runtime::Config config;
  std::string error;
  const fs::path cfg = args.has("--config") ? fs::path(*args.get("--config")) : config_file();
  if (!runtime::load_config(cfg.string(), config, error)) {
    std::fprintf(stderr, "moonrave: %s\n", error.c_str());
    return 1;
  }
  if (args.has("--link")) config.runtime.link = true;
  config.runtime.beats_per_cycle = args.number("--beats-per-cycle", config.runtime.beats_per_cycle, 1, 64);
  if (auto a = args.get("--audio")) config.audio.api = *a;
  if (auto d = args.get("--device")) config.audio.device = *d;
  if (args.has("--trust")) config.runtime.trust = true;
  if (auto t = args.get("--theme")) config.editor.theme = *t;
  if (!config.visuals.shader.empty() && !args.has("--shader") && !fs::exists(shader, ec)) shader = expand_user(config.visuals.shader);

  const char* x11 = std::getenv("DISPLAY");
  const char* wl = std::getenv("WAYLAND_DISPLAY");
  if ((!x11 || !*x11) && (!wl || !*wl))
    return render_instead(lua, "no display here (DISPLAY and WAYLAND_DISPLAY are unset), so no window");
  if (config.audio.api != "null" && !args.has("--script") && !args.has("--frames")) {
    std::string found;
    if (probe_audio_outputs(found) == 0)
      return render_instead(lua, "no audio output device here (see 'moonrave doctor'; --audio null opens the window silent)");
  }
#if MR_HAVE_GRAPHICS
  const int rc = run_window_gfx(args, config, lua, shader);
  if (rc == 3) return render_instead(lua, "the window could not open");
  return rc;
#else
  return render_instead(lua, "this build has no graphics (MR_BUILD_GRAPHICS=OFF)");
#endif
}

}  // namespace mr::app
