// Frame time of the visuals pipeline, headless: for each built-in shader at each size, the
// recompile latency (set_shader: compile, link, warm-up) plus the first new frame, then the
// median and 90th percentile frame time over N frames at scale 1 and 0.5. Each frame is waited
// for (glFinish), so on llvmpipe the numbers are the CPU time of rendering; on a GPU they are the
// GPU time plus one round trip.
//
//   bench_gfx [--frames N] [--sizes 1280x720,1920x1080] [--shaders DIR] [NAME ...]
#include <GL/glew.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gfx/headless.hpp"
#include "gfx/visuals.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

double pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

std::vector<double> run_frames(mr::gfx::Visuals& vis, int w, int h, int frames, int64_t& counter) {
  std::vector<double> t;
  for (int i = 0; i < frames; ++i) {
    mr::gfx::FrameInfo f;
    f.frame = counter++;
    f.time = static_cast<double>(f.frame) / 60.0;
    f.cycle = f.time * f.cps;
    const auto t0 = Clock::now();
    vis.render(f, w, h);
    glFinish();
    t.push_back(ms(t0, Clock::now()));
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  int frames = 20;
  std::string sizes = "1280x720,1920x1080";
  fs::path dir = fs::path(MR_SOURCE_DIR) / "shaders";
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--frames") && i + 1 < argc) frames = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--sizes") && i + 1 < argc) sizes = argv[++i];
    else if (!std::strcmp(argv[i], "--shaders") && i + 1 < argc) dir = argv[++i];
    else names.emplace_back(argv[i]);
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".glsl") continue;
    if (!names.empty() && std::find(names.begin(), names.end(), e.path().stem().string()) == names.end()) continue;
    files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::string err;
  auto ctx = mr::gfx::HeadlessContext::create(1920, 1080, err);
  if (!ctx) {
    std::fprintf(stderr, "bench_gfx: %s\n", err.c_str());
    return 1;
  }
  std::printf("renderer: %s | %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)),
              reinterpret_cast<const char*>(glGetString(GL_VERSION)));
  std::printf("%-10s %-9s %10s %10s %10s %9s %9s %9s %9s\n", "shader", "size", "compile", "warmup", "1st frame",
              "p50 1x", "p90 1x", "p50 .5x", "p90 .5x");
  std::stringstream in(sizes);
  std::string size;
  while (std::getline(in, size, ',')) {
    int w = 0, h = 0;
    if (std::sscanf(size.c_str(), "%dx%d", &w, &h) != 2 || w > 1920 || h > 1080) continue;
    for (const auto& file : files) {
      std::ifstream f(file);
      std::stringstream ss;
      ss << f.rdbuf();
      mr::gfx::Visuals vis;
      vis.set_gpu_budget_ms(1e9);  // measure, never intervene
      int64_t counter = 0;
      run_frames(vis, w, h, 2, counter);  // the pipeline's own targets exist before the edit
      const auto r = vis.set_shader(ss.str(), file.stem().string());
      if (!r.ok) {
        std::printf("%-10s %-9s compile error: %s\n", file.stem().string().c_str(), size.c_str(),
                    r.errors.empty() ? "?" : r.errors[0].message.c_str());
        continue;
      }
      const double first = run_frames(vis, w, h, 1, counter)[0];
      const auto full = run_frames(vis, w, h, frames, counter);
      vis.set_scale(0.5f);
      const auto half = run_frames(vis, w, h, frames, counter);
      std::printf("%-10s %-9s %8.1fms %8.1fms %8.1fms %7.1fms %7.1fms %7.1fms %7.1fms\n", file.stem().string().c_str(),
                  size.c_str(), r.compile_ms, r.warmup_ms, first, pct(full, 0.5), pct(full, 0.9), pct(half, 0.5),
                  pct(half, 0.9));
      std::fflush(stdout);
    }
  }
  return 0;
}
