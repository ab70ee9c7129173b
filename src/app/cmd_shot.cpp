// `moonrave shot`: renders a shader (or a set's shader) headless to PNG files. A set (FILE.lua)
// renders FILE.glsl beside it, or the built-in default shader when it has none; a bare name
// ("tunnel") is looked up in the built-in shaders/. Shaders with feedback (buffers, or
// texPreviousFrame) are run from up to two seconds before --time, so the shot shows them as they
// look live rather than on their first frame.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/commands.hpp"
#include "app/paths.hpp"

#if MR_HAVE_GRAPHICS
#include "gfx/headless.hpp"
#include "gfx/visuals.hpp"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO_UNUSED
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#include <stb/stb_image_write.h>
#pragma GCC diagnostic pop
#endif

namespace mr::app {

#if MR_HAVE_GRAPHICS
namespace {

bool read_file(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

}  // namespace

int run_shot(const ParsedArgs& args) {
  std::filesystem::path file = args.positional.at(0);
  if (file.extension() == ".lua") {
    file.replace_extension(".glsl");
    if (!std::filesystem::exists(file)) {
      std::fprintf(stderr, "moonrave shot: the set has no %s: rendering the built-in default shader\n",
                   file.filename().string().c_str());
      file = data_dir() / "shaders" / "default.glsl";
    }
  } else if (!std::filesystem::exists(file) && file.extension().empty() && !file.has_parent_path()) {
    const auto builtin = data_dir() / "shaders" / (file.string() + ".glsl");
    if (std::filesystem::exists(builtin)) file = builtin;
  }
  if (args.has("--audio")) {
    std::fprintf(stderr, "moonrave shot: --audio is not available yet (needs the runtime's render API)\n");
    return 1;
  }
  const auto out = args.get("--out");
  if (!out) throw UsageError("shot needs --out");
  int w = 1280, h = 720;
  if (const auto size = args.get("--size")) {
    if (std::sscanf(size->c_str(), "%dx%d", &w, &h) != 2 || w <= 0 || h <= 0 || w > 8192 || h > 8192) {
      throw UsageError("--size wants WxH, e.g. 1280x720");
    }
  }
  const double t0 = std::stod(args.get_or("--time", "0"));
  const int frames = std::stoi(args.get_or("--frames", "0"));
  const double fps = std::stod(args.get_or("--fps", "30"));
  if (fps <= 0) throw UsageError("--fps must be positive");
  std::string source;
  if (!read_file(file, source)) {
    std::fprintf(stderr, "moonrave shot: cannot read %s\n", file.string().c_str());
    return 1;
  }
  std::string err;
  auto ctx = gfx::HeadlessContext::create(w, h, err);
  if (!ctx) {
    std::fprintf(stderr, "moonrave shot: %s\n", err.c_str());
    return 1;
  }
  gfx::Visuals vis;
  const auto res = vis.set_shader(source, file.string());
  if (!res.ok) {
    for (const auto& e : res.errors) {
      std::fprintf(stderr, "%s:%d:%d: error: %s\n", file.string().c_str(), e.line, e.column, e.message.c_str());
    }
    return 1;
  }
  std::vector<uint8_t> px;
  const int count = frames > 0 ? frames : 1;
  if (frames > 0) std::filesystem::create_directories(*out);
  const bool feedback = source.find("//! buffer") != std::string::npos ||
                        source.find("texPreviousFrame") != std::string::npos;
  const int preroll = feedback ? static_cast<int>(std::min(t0, 2.0) * fps) : 0;
  auto frame_info = [&](int i) {  // i counts from the first preroll frame
    gfx::FrameInfo f;
    f.time = t0 + (i - preroll) / fps;
    f.delta = 1.0 / fps;
    f.frame = i;
    f.cycle = f.time * f.cps;
    return f;
  };
  for (int i = 0; i < preroll; ++i) vis.render(frame_info(i), w, h);
  for (int i = 0; i < count; ++i) {
    vis.render(frame_info(preroll + i), w, h);
    if (!vis.read_pixels(px, w, h)) {
      std::fprintf(stderr, "moonrave shot: reading pixels failed\n");
      return 1;
    }
    std::string path = *out;
    if (frames > 0) {
      char name[32];
      std::snprintf(name, sizeof name, "frame_%05d.png", i);
      path = (std::filesystem::path(*out) / name).string();
    }
    if (!stbi_write_png(path.c_str(), w, h, 4, px.data(), w * 4)) {
      std::fprintf(stderr, "moonrave shot: cannot write %s\n", path.c_str());
      return 1;
    }
  }
  return 0;
}
#else
int run_shot(const ParsedArgs&) {
  std::fprintf(stderr, "moonrave shot: this build has no graphics\n");
  return 1;
}
#endif

}  // namespace mr::app
