// `moonrave shot` on every built-in shader (the real binary, headless on Mesa's llvmpipe): each
// renders, is not flat, and keeps the middle of the picture dark enough for code in front of it;
// a set renders the shader beside it; a broken shader fails with the file's line; sequences.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-function"
#include <stb/stb_image.h>
#pragma GCC diagnostic pop

namespace fs = std::filesystem;

namespace {

struct Result {
  int code = -1;
  std::string err;
};

fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("mr_shot_" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir / name;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result shot(const std::string& args) {
  static int n = 0;
  const std::string err = scratch("err_" + std::to_string(n++)).string();
  const std::string cmd = std::string("'") + MR_MOONRAVE_BIN + "' shot " + args + " >/dev/null 2>'" + err + "'";
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(err)};
}

struct Stats {
  int w = 0, h = 0;
  double mean = 0, stddev = 0, centre = 0;  // luma 0..255; centre = the middle third
  int lo = 255, hi = 0;
  unsigned char r = 0, g = 0, b = 0;        // the middle pixel
};

Stats analyse(const fs::path& png) {
  Stats s;
  int n = 0;
  unsigned char* px = stbi_load(png.string().c_str(), &s.w, &s.h, &n, 3);
  REQUIRE(px != nullptr);
  double sum = 0, sum2 = 0, csum = 0;
  int cn = 0;
  for (int y = 0; y < s.h; ++y) {
    for (int x = 0; x < s.w; ++x) {
      const unsigned char* p = px + 3 * (y * s.w + x);
      const int l = (p[0] * 54 + p[1] * 183 + p[2] * 19) >> 8;
      sum += l;
      sum2 += double(l) * l;
      s.lo = std::min(s.lo, l);
      s.hi = std::max(s.hi, l);
      if (std::abs(x - s.w / 2) < s.w / 6 && std::abs(y - s.h / 2) < s.h / 6) {
        csum += l;
        ++cn;
      }
    }
  }
  const unsigned char* mid = px + 3 * ((s.h / 2) * s.w + s.w / 2);
  s.r = mid[0];
  s.g = mid[1];
  s.b = mid[2];
  const double count = double(s.w) * s.h;
  s.mean = sum / count;
  s.stddev = std::sqrt(std::max(0.0, sum2 / count - s.mean * s.mean));
  s.centre = cn ? csum / cn : 0;
  stbi_image_free(px);
  return s;
}

}  // namespace

TEST_CASE("every built-in shader renders a picture that is not flat, with a calm middle") {
  std::vector<fs::path> shaders;
  for (const auto& e : fs::directory_iterator("shaders"))
    if (e.path().extension() == ".glsl") shaders.push_back(e.path());
  std::sort(shaders.begin(), shaders.end());
  CHECK(shaders.size() >= 8);
  for (const auto& glsl : shaders) {
    INFO(glsl);
    const fs::path png = scratch(glsl.stem().string() + ".png");
    const Result r = shot("'" + glsl.string() + "' --time 1.5 --size 256x144 --out '" + png.string() + "'");
    INFO(r.err);
    REQUIRE(r.code == 0);
    const Stats s = analyse(png);
    CHECK(s.w == 256);
    CHECK(s.h == 144);
    CHECK(s.stddev > 2.0);          // not flat
    CHECK(s.hi - s.lo > 20);        // some contrast
    CHECK(s.centre < 90.0);         // code stays readable in front of the middle
    CHECK(s.mean < 110.0);          // and the whole is not a light box
  }
}

TEST_CASE("shot of a set renders the shader beside it; a bare name finds a built-in") {
  const fs::path dir = scratch("set");
  fs::create_directories(dir);
  std::ofstream(dir / "song.lua") << "d1(s(\"bd\"))\n";
  std::ofstream(dir / "song.glsl") << "out vec4 c;\nvoid main() { c = vec4(1.0, 0.0, 1.0, 1.0); }\n";
  const fs::path png = scratch("song.png");
  const Result r = shot("'" + (dir / "song.lua").string() + "' --size 64x36 --out '" + png.string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  const Stats s = analyse(png);
  CHECK(s.r == 255);
  CHECK(s.g == 0);
  CHECK(s.b == 255);
  const fs::path png2 = scratch("named.png");
  CHECK(shot("tunnel --size 64x36 --out '" + png2.string() + "'").code == 0);
  CHECK(fs::exists(png2));
}

TEST_CASE("shot of a broken shader fails with the file's line and writes nothing") {
  const fs::path glsl = scratch("broken.glsl");
  std::ofstream(glsl) << "// moonrave: shadertoy\n//! buffer A\nvoid mainImage(out vec4 o, in vec2 p) { o = vec4(1); }\n"
                         "//! image iChannel0=A\nvoid mainImage(out vec4 o, in vec2 p) {\n  o = vec4(oops);\n}\n";
  const fs::path png = scratch("broken.png");
  const Result r = shot("'" + glsl.string() + "' --size 64x36 --out '" + png.string() + "'");
  CHECK(r.code == 1);
  CHECK(r.err.find("broken.glsl:6:") != std::string::npos);
  CHECK_FALSE(fs::exists(png));
}

TEST_CASE("shot --frames writes a numbered sequence that moves") {
  const fs::path dir = scratch("seq");
  const Result r = shot("shaders/tunnel.glsl --frames 3 --fps 10 --size 64x36 --out '" + dir.string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  for (const char* f : {"frame_00000.png", "frame_00001.png", "frame_00002.png"}) CHECK(fs::exists(dir / f));
  CHECK(slurp(dir / "frame_00000.png") != slurp(dir / "frame_00002.png"));
}

TEST_CASE("shot of a set feeds the set's own audio to the shader; --audio writes the span") {
  const fs::path dir = scratch("loud");
  fs::create_directories(dir);
  std::ofstream(dir / "loud.lua") << "d1(s(\"bd*8\"):gain(1))\n";
  std::ofstream(dir / "loud.glsl") << "out vec4 c;\nvoid main() { c = vec4(vec3(min(uLevel * 8.0, 1.0)), 1.0); }\n";
  std::ofstream(dir / "quiet.lua") << "-- nothing plays\n";
  fs::copy_file(dir / "loud.glsl", dir / "quiet.glsl", fs::copy_options::overwrite_existing);
  const fs::path loud = scratch("loud.png"), quiet = scratch("quiet.png");
  Result r = shot("'" + (dir / "loud.lua").string() + "' --time 1.0 --size 32x18 --out '" + loud.string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  r = shot("'" + (dir / "quiet.lua").string() + "' --time 1.0 --size 32x18 --out '" + quiet.string() + "'");
  REQUIRE(r.code == 0);
  CHECK(analyse(loud).mean > 10.0);   // the kick drum is heard by the shader
  CHECK(analyse(quiet).mean < 1.0);   // silence is black
  const fs::path seq = scratch("loudseq");
  r = shot("'" + (dir / "loud.lua").string() + "' --time 0.5 --frames 5 --fps 10 --audio --size 32x18 --out '" +
           seq.string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(fs::exists(seq / "frame_00004.png"));
  // 0.5 s at the render rate, stereo float: a 58-byte float WAV header (RIFF, 18-byte fmt, fact,
  // data) plus rate/2 * 2 * 4 bytes.
  const auto size = fs::file_size(seq / "audio.wav");
  CHECK((size - 58) % 8 == 0);
  CHECK(size > 58 + 8 * 20000);
  CHECK(size < 58 + 8 * 100000);
}
