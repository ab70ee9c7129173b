// The example sets, their shaders, the tutorial and the reference, run through the real
// `moonrave` binary: 8 cycles of each set render without error to audio that is neither silent
// nor clipped, each shader renders a frame that is not flat, every ```lua block of
// docs/tutorial.md runs, docs/reference.md is what `moonrave reference --markdown` prints and
// every example of the reference runs. While `render` or `shot` is not available in the build,
// the affected checks are skipped.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb/stb_image.h>

namespace fs = std::filesystem;

namespace {

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("mr_examples_" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir / name;
}

Result moonrave(const std::string& args) {
  static int n = 0;
  std::string base = scratch("run_" + std::to_string(n++)).string();
  std::string cmd = std::string("'") + MR_MOONRAVE_BIN + "' " + args + " >" + base + ".out 2>" + base + ".err";
  int status = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(base + ".out");
  r.err = slurp(base + ".err");
  return r;
}

// A shell word holding s exactly.
std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

bool unavailable(const Result& r) {
  return r.err.find("not available") != std::string::npos || r.out.find("not available") != std::string::npos;
}

std::vector<fs::path> example_sets() {
  std::vector<fs::path> sets;
  for (const auto& e : fs::directory_iterator("examples"))
    if (e.path().extension() == ".lua") sets.push_back(e.path());
  std::sort(sets.begin(), sets.end());
  return sets;
}

uint32_t le(const std::string& s, size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint32_t(uint8_t(s[at + i])) << (8 * i);
  return v;
}

struct Level {
  bool ok = false;
  double rms = 0;
  double peak = 0;
};

// RMS and peak of a RIFF WAV (PCM 16/24/32-bit or 32-bit float), all channels together.
Level measure_wav(const fs::path& path) {
  std::string w = slurp(path);
  Level lv;
  if (w.size() < 12 || w.compare(0, 4, "RIFF") != 0 || w.compare(8, 4, "WAVE") != 0) return lv;
  uint32_t format = 0, bits = 0;
  size_t at = 12;
  while (at + 8 <= w.size()) {
    std::string id = w.substr(at, 4);
    size_t size = le(w, at + 4, 4);
    size_t body = at + 8;
    if (id == "fmt ") {
      format = le(w, body, 2);
      bits = le(w, body + 14, 2);
    } else if (id == "data") {
      size_t end = std::min(w.size(), body + size);
      size_t step = bits / 8;
      if (step == 0) return lv;
      double sum = 0;
      size_t count = 0;
      for (size_t i = body; i + step <= end; i += step, ++count) {
        double x = 0;
        if (format == 3 && bits == 32) {
          float f;
          uint32_t u = le(w, i, 4);
          std::memcpy(&f, &u, 4);
          x = f;
        } else if (bits == 16) {
          x = int16_t(le(w, i, 2)) / 32768.0;
        } else if (bits == 24) {
          x = (int32_t(le(w, i, 3) << 8) >> 8) / 8388608.0;
        } else if (bits == 32) {
          x = int32_t(le(w, i, 4)) / 2147483648.0;
        }
        sum += x * x;
        lv.peak = std::max(lv.peak, std::fabs(x));
      }
      lv.ok = count > 0;
      lv.rms = count ? std::sqrt(sum / double(count)) : 0;
      return lv;
    }
    at = body + size + (size & 1);
  }
  return lv;
}

// The ```lua (or ```glsl...) blocks of a Markdown file.
std::vector<std::string> lua_blocks(const fs::path& md, const std::string& fence = "```lua") {
  std::istringstream in(slurp(md));
  std::vector<std::string> blocks;
  std::string line, cur;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside && line == fence) {
      inside = true;
      cur.clear();
    } else if (inside && line.rfind("```", 0) == 0) {
      inside = false;
      blocks.push_back(cur);
    } else if (inside) {
      cur += line + "\n";
    }
  }
  return blocks;
}

}  // namespace

TEST_CASE("there are at least 12 example sets, each with a shader and a header") {
  auto sets = example_sets();
  REQUIRE(sets.size() >= 13);  // welcome plus twelve styles
  for (const auto& lua : sets) {
    INFO(lua);
    fs::path glsl = lua;
    glsl.replace_extension(".glsl");
    CHECK(fs::exists(glsl));
    std::string text = slurp(lua);
    CHECK(text.rfind("-- title: ", 0) == 0);
    CHECK(text.find("\n-- style: ") != std::string::npos);
    CHECK(text.find("\n-- about: ") != std::string::npos);
    CHECK(slurp(glsl).find("void mainImage(") != std::string::npos);
  }
}

TEST_CASE("every example renders 8 cycles to audio that is neither silent nor clipped") {
  for (const auto& lua : example_sets()) {
    INFO(lua);
    fs::path wav = scratch(lua.stem().string() + ".wav");
    Result r = moonrave("render '" + lua.string() + "' --cycles 8 --out '" + wav.string() + "'");
    if (unavailable(r)) {
      WARN("moonrave render is not available in this build: skipped");
      return;
    }
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err == "");  // no warnings: every sound exists, every event has controls
    Level lv = measure_wav(wav);
    REQUIRE(lv.ok);
    CHECK(lv.rms > 0.005);
    CHECK(lv.peak < 0.999);
  }
}

TEST_CASE("every example shader renders a frame that is not flat") {
  for (const auto& lua : example_sets()) {
    fs::path glsl = lua;
    glsl.replace_extension(".glsl");
    INFO(glsl);
    fs::path png = scratch(lua.stem().string() + ".png");
    Result r = moonrave("shot '" + glsl.string() + "' --time 1.5 --size 256x144 --out '" + png.string() + "'");
    if (unavailable(r)) {
      WARN("moonrave shot is not available in this build: skipped");
      return;
    }
    INFO(r.err);
    REQUIRE(r.code == 0);
    // Not flat: the luma of the decoded frame must vary across the picture.
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(png.string().c_str(), &w, &h, &n, 3);
    REQUIRE(px != nullptr);
    CHECK(w == 256);
    CHECK(h == 144);
    double sum = 0, sum2 = 0;
    int lo = 255, hi = 0;
    for (int i = 0; i < w * h; ++i) {
      int y = (px[3 * i] * 54 + px[3 * i + 1] * 183 + px[3 * i + 2] * 19) >> 8;
      sum += y;
      sum2 += double(y) * y;
      lo = std::min(lo, y);
      hi = std::max(hi, y);
    }
    stbi_image_free(px);
    double mean = sum / (w * h);
    double stddev = std::sqrt(std::max(0.0, sum2 / (w * h) - mean * mean));
    INFO("luma range " << lo << ".." << hi << ", stddev " << stddev);
    CHECK(hi - lo >= 24);
    CHECK(stddev > 2.0);
  }
}

TEST_CASE("every example shader moves without sound") {
  // Two frames 2.5 s apart, with silent audio, must differ visibly: motion comes from iTime.
  for (const auto& lua : example_sets()) {
    fs::path glsl = lua;
    glsl.replace_extension(".glsl");
    INFO(glsl);
    std::vector<std::vector<unsigned char>> frames;
    for (const char* t : {"1.5", "4"}) {
      fs::path png = scratch(lua.stem().string() + "_t" + t + ".png");
      Result r = moonrave("shot '" + glsl.string() + "' --time " + t + " --size 256x144 --out '" + png.string() + "'");
      if (unavailable(r)) {
        WARN("moonrave shot is not available in this build: skipped");
        return;
      }
      INFO(r.err);
      REQUIRE(r.code == 0);
      int w = 0, h = 0, n = 0;
      unsigned char* px = stbi_load(png.string().c_str(), &w, &h, &n, 3);
      REQUIRE(px != nullptr);
      frames.emplace_back(px, px + w * h * 3);
      stbi_image_free(px);
    }
    REQUIRE(frames[0].size() == frames[1].size());
    double diff = 0;
    for (size_t i = 0; i < frames[0].size(); ++i) diff += std::abs(int(frames[0][i]) - int(frames[1][i]));
    diff /= double(frames[0].size());
    INFO("mean absolute difference " << diff);
    CHECK(diff > 1.0);
  }
}

TEST_CASE("every shader of the tutorial renders a frame that is not flat") {
  auto blocks = lua_blocks("docs/tutorial.md", "```glsl");
  REQUIRE(blocks.size() >= 1);
  int i = 0;
  for (const auto& code : blocks) {
    fs::path glsl = scratch("tutorial_" + std::to_string(i++) + ".glsl");
    std::ofstream(glsl) << code;
    fs::path png = scratch("tutorial.png");
    INFO(code);
    Result r = moonrave("shot '" + glsl.string() + "' --time 1.5 --size 256x144 --out '" + png.string() + "'");
    if (unavailable(r)) {
      WARN("moonrave shot is not available in this build: skipped");
      return;
    }
    INFO(r.err);
    REQUIRE(r.code == 0);
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(png.string().c_str(), &w, &h, &n, 3);
    REQUIRE(px != nullptr);
    int lo = 255, hi = 0;
    for (int k = 0; k < w * h; ++k) {
      int y = (px[3 * k] * 54 + px[3 * k + 1] * 183 + px[3 * k + 2] * 19) >> 8;
      lo = std::min(lo, y);
      hi = std::max(hi, y);
    }
    stbi_image_free(px);
    CHECK(hi - lo >= 24);
  }
}

TEST_CASE("every snippet of the tutorial runs") {
  auto blocks = lua_blocks("docs/tutorial.md");
  REQUIRE(blocks.size() >= 15);
  int i = 0;
  for (const auto& code : blocks) {
    fs::path lua = scratch("snippet_" + std::to_string(i++) + ".lua");
    std::ofstream(lua) << code;
    INFO(code);
    Result r = moonrave("render '" + lua.string() + "' --cycles 1 --out '" + scratch("snippet.wav").string() + "'");
    if (unavailable(r)) {
      WARN("moonrave render is not available in this build: skipped");
      return;
    }
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(r.err == "");  // no warnings either (an unknown sound, an event without controls...)
  }
}

TEST_CASE("docs/reference.md is what moonrave reference --markdown prints") {
  Result r = moonrave("reference --markdown");
  INFO(r.err);
  REQUIRE(r.code == 0);
  INFO("regenerate it: moonrave reference --markdown --out docs/reference.md");
  CHECK(r.out == slurp("docs/reference.md"));
  CHECK(r.out.find("#### fast") != std::string::npos);
  CHECK(r.out.find("### setcps") != std::string::npos);
  CHECK(r.out.find("### grooves") != std::string::npos);
}

TEST_CASE("every example of the reference runs") {
  Result list = moonrave("reference --examples");
  INFO(list.err);
  REQUIRE(list.code == 0);
  std::istringstream lines(list.out);
  std::string line;
  int count = 0, statements = 0;
  bool render_missing = false;
  while (std::getline(lines, line)) {
    size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    REQUIRE(t2 != std::string::npos);
    std::string kind = line.substr(0, t1), name = line.substr(t1 + 1, t2 - t1 - 1), code = line.substr(t2 + 1);
    for (size_t p = code.find("\\n"); p != std::string::npos; p = code.find("\\n", p + 1)) code.replace(p, 2, "\n");
    ++count;
    INFO(name << ": " << code);
    Result r;
    if (kind == "expr") {
      r = moonrave("query " + shell_quote(code) + " --to 2");
    } else {
      REQUIRE(kind == "stmt");
      if (render_missing) continue;
      fs::path lua = scratch("reference_" + std::to_string(count) + ".lua");
      std::ofstream(lua) << code << "\n";
      r = moonrave("render '" + lua.string() + "' --cycles 1 --out '" + scratch("reference.wav").string() + "'");
      if (unavailable(r)) {
        WARN("moonrave render is not available in this build: the statement examples are skipped");
        render_missing = true;
        continue;
      }
      ++statements;
      // No warnings either (an event without controls, a missing sound...), except the one a
      // live-only function owes offline: link() says the set's own tempo plays.
      if (code.find("link(") != std::string::npos) CHECK(r.err.find("only live") != std::string::npos);
      else CHECK(r.err == "");
    }
    INFO(r.err);
    CHECK(r.code == 0);
  }
  CHECK(count >= 200);
  CHECK((render_missing || statements >= 10));
}

namespace {
// Mean luma of a PNG (of its middle half in both directions with `middle`), or -1 when it cannot
// be read.
double mean_luma(const fs::path& png, bool middle = false) {
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(png.string().c_str(), &w, &h, &n, 3);
  if (!px) return -1;
  double sum = 0;
  int count = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (middle && (x < w / 4 || x >= 3 * w / 4 || y < h / 4 || y >= 3 * h / 4)) continue;
      const unsigned char* p = px + 3 * (y * w + x);
      sum += (p[0] * 54 + p[1] * 183 + p[2] * 19) >> 8;
      ++count;
    }
  }
  stbi_image_free(px);
  return count ? sum / count : -1;
}
}  // namespace

TEST_CASE("every example shader is brighter with its music than in silence, and calm in the middle") {
  // `shot X.glsl` has silent audio; `shot X.lua` renders the set's music and feeds its analysis.
  for (const auto& lua : example_sets()) {
    fs::path glsl = lua;
    glsl.replace_extension(".glsl");
    INFO(lua);
    fs::path silent = scratch(lua.stem().string() + "_silent.png"), music = scratch(lua.stem().string() + "_music.png");
    Result a = moonrave("shot '" + glsl.string() + "' --time 6 --size 256x144 --out '" + silent.string() + "'");
    Result b = moonrave("shot '" + lua.string() + "' --time 6 --size 256x144 --out '" + music.string() + "'");
    if (unavailable(a) || unavailable(b)) {
      WARN("moonrave shot is not available in this build: skipped");
      return;
    }
    INFO(a.err << b.err);
    REQUIRE(a.code == 0);
    REQUIRE(b.code == 0);
    const double quiet = mean_luma(silent), loud = mean_luma(music);
    INFO("mean luma " << quiet << " in silence, " << loud << " with the music");
    REQUIRE(quiet >= 0);
    CHECK(loud > quiet + 0.5);
    // ... and still calm in the middle, where the code is: its mean luma stays under 50 of 255.
    const double middle = mean_luma(music, true);
    INFO("mean luma of the middle with the music " << middle);
    CHECK(middle < 50);
  }
}

TEST_CASE("moonrave reference WORD finds a function by name or alias, the named one first") {
  Result r = moonrave("reference fast");
  REQUIRE(r.code == 0);
  CHECK(r.out.rfind("fast(", 0) == 0);
  r = moonrave("reference lpf");  // the low-pass filter, by its name or an alias
  REQUIRE(r.code == 0);
  const std::string first = r.out.substr(0, r.out.find("\n  e.g."));
  INFO(first);
  CHECK(first.find("low-pass cutoff") != std::string::npos);
  CHECK(first.find("lpf") != std::string::npos);
  r = moonrave("reference setcps");
  REQUIRE(r.code == 0);
  CHECK(r.out.find("cycles per second") != std::string::npos);
  r = moonrave("reference four_floor");
  REQUIRE(r.code == 0);
  CHECK(r.out.find("require(\"grooves\")") != std::string::npos);
  r = moonrave("reference no_such_word_anywhere");
  CHECK(r.code == 1);
  CHECK(r.err.find("nothing matches") != std::string::npos);
}
