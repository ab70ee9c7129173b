// `moonrave shot`: renders a shader (or a set's shader) headless to PNG files. A set (FILE.lua)
// renders FILE.glsl beside it, or the built-in default shader when it has none; a bare name
// ("tunnel") is looked up in the built-in shaders/. Shaders with feedback (buffers, or
// texPreviousFrame) are run from up to two seconds before --time, so the shot shows them as they
// look live rather than on their first frame. For a set, its audio is rendered offline (the same
// runtime and engine as `moonrave render`) up to the last frame, and each frame gets the engine's
// analysis of the audio at its time, the one the live window reads: spectrum, scope and levels. With --audio and
// --frames the span's audio is written beside the frames as audio.wav.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/paths.hpp"

#if MR_HAVE_GRAPHICS
#include "app/render_common.hpp"
#include "base/assert.hpp"
#include "gfx/headless.hpp"
#include "gfx/visuals.hpp"
#include "runtime/render.hpp"

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

// The set's master output from 0 to end_sec, offline, and the engine's analysis at each of
// `analysis_sec` (the same analysis the live window reads, so a shot looks as the set does live).
struct SetAudio {
  int rate = 48000, channels = 2;
  std::vector<float> interleaved;
  std::vector<AudioAnalysis> analyses;  // one per analysis time
};

bool render_set_audio(const ParsedArgs& args, const std::filesystem::path& lua, double end_sec,
                      const std::vector<double>& analysis_sec, SetAudio& out) {
  std::string code;
  if (!read_file(lua, code)) return false;
  runtime::RenderOptions options;
  if (!render_options_from(args, "shot", options)) return false;
  options.progress = nullptr;
  options.seconds = end_sec + 0.05;
  for (double t : analysis_sec) options.analysis_frames.push_back(std::llround(std::max(0.0, t) * options.rate_hz));
  options.analyses = &out.analyses;
  runtime::LogBlock block;
  block.buffer = lua.stem().string();
  block.code = code;
  runtime::RenderReport report;
  std::string error;
  out.rate = options.rate_hz;
  out.channels = options.channels;
  const bool ok = runtime::render_performance(
      {block}, options,
      [&](const float* x, int frames) {
        out.interleaved.insert(out.interleaved.end(), x, x + static_cast<size_t>(frames) * out.channels);
        return true;
      },
      report, error);
  print_render_report("shot", report);
  if (!ok) {
    std::fprintf(stderr, "moonrave shot: the set's audio: %s (rendering without it)\n", error.c_str());
    return false;
  }
  return true;
}

// A 32-bit float WAV of interleaved[from, to) frames.
bool write_wav(const std::string& path, const SetAudio& a, int64_t from, int64_t to) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return false;
  const int64_t total = static_cast<int64_t>(a.interleaved.size()) / a.channels;
  from = std::clamp<int64_t>(from, 0, total);
  to = std::clamp<int64_t>(to, from, total);
  const uint32_t bytes = static_cast<uint32_t>((to - from) * a.channels * 4);
  const std::string header = runtime::float_wav_header(a.rate, a.channels, static_cast<uint64_t>(to - from));
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  out.write(reinterpret_cast<const char*>(a.interleaved.data() + from * a.channels), bytes);
  return static_cast<bool>(out);
}

}  // namespace

int run_shot(const ParsedArgs& args) {
  std::filesystem::path file = args.positional.at(0);
  const std::filesystem::path set = file.extension() == ".lua" ? file : std::filesystem::path();
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
  if (args.has("--audio") && (set.empty() || !args.has("--frames"))) {
    throw UsageError("--audio needs a set (FILE.lua) and --frames");
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
  // Feedback and the audio's smoothing both need a history: run up to 2 s before the first frame.
  const bool want_audio = !set.empty();
  const int preroll = feedback || want_audio ? static_cast<int>(std::min(t0, 2.0) * fps) : 0;
  auto frame_info = [&](int i) {  // i counts from the first preroll frame
    gfx::FrameInfo f;
    f.time = t0 + (i - preroll) / fps;
    f.delta = 1.0 / fps;
    f.frame = i;
    f.cycle = f.time * f.cps;
    return f;
  };
  std::vector<double> frame_sec;
  for (int i = 0; i < preroll + count; ++i) frame_sec.push_back(frame_info(i).time);
  SetAudio set_audio;
  const bool have_audio = want_audio && render_set_audio(args, set, t0 + count / fps, frame_sec, set_audio);
  auto render = [&](int i) {
    const gfx::FrameInfo f = frame_info(i);
    if (have_audio) {
      MR_ASSERT(static_cast<size_t>(i) < set_audio.analyses.size());  // one analysis per frame, asked for above
      vis.set_audio(set_audio.analyses[static_cast<size_t>(i)]);
    }
    vis.render(f, w, h);
  };
  for (int i = 0; i < preroll; ++i) render(i);
  for (int i = 0; i < count; ++i) {
    render(preroll + i);
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
  if (args.has("--audio")) {
    const std::string wav = (std::filesystem::path(*out) / "audio.wav").string();
    if (!have_audio || !write_wav(wav, set_audio, static_cast<int64_t>(t0 * set_audio.rate),
                                  static_cast<int64_t>((t0 + count / fps) * set_audio.rate))) {
      std::fprintf(stderr, "moonrave shot: cannot write %s\n", wav.c_str());
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
