#include <catch2/catch.hpp>

#include <memory>

#include "gfx/headless.hpp"
#include "gfx/visuals.hpp"

using namespace mr::gfx;

namespace {
struct Rig {
  std::unique_ptr<HeadlessContext> ctx;
  std::unique_ptr<Visuals> vis;
  Rig() {
    std::string err;
    ctx = HeadlessContext::create(64, 32, err);
    INFO(err);
    REQUIRE(ctx);
    vis = std::make_unique<Visuals>();
  }
  std::vector<uint8_t> frame(double t = 0.0) {
    FrameInfo f;
    f.time = t;
    vis->render(f, 64, 32);
    std::vector<uint8_t> px;
    REQUIRE(vis->read_pixels(px, 64, 32));
    return px;
  }
};
}  // namespace

TEST_CASE("a known native shader gives known pixels") {
  Rig r;
  auto res = r.vis->set_shader("out vec4 c;\nvoid main() { c = vec4(1.0, 0.0, 0.0, 1.0); }\n", "red");
  REQUIRE(res.ok);
  CHECK(res.flavour == Flavour::Native);
  auto px = r.frame();
  CHECK(px[0] == 255);
  CHECK(px[1] == 0);
  CHECK(px[2] == 0);
}

TEST_CASE("a broken shader keeps the previous image and reports the user's line") {
  Rig r;
  REQUIRE(r.vis->set_shader("out vec4 c;\nvoid main() { c = vec4(0.0, 1.0, 0.0, 1.0); }\n", "green").ok);
  auto res = r.vis->set_shader("out vec4 c;\nvoid main() {\n  c = vec4(undefined_thing);\n}\n", "bad");
  CHECK_FALSE(res.ok);
  REQUIRE_FALSE(res.errors.empty());
  CHECK(res.errors[0].line == 3);
  auto px = r.frame();
  CHECK(px[1] == 255);
}

TEST_CASE("a Shadertoy shader renders with iResolution and iTime") {
  Rig r;
  auto res = r.vis->set_shader(
      "void mainImage(out vec4 o, in vec2 p) { vec2 uv = p / iResolution.xy; o = vec4(uv.x, 0.0, iTime, 1.0); }\n",
      "st");
  REQUIRE(res.ok);
  CHECK(res.flavour == Flavour::Shadertoy);
  auto px = r.frame(0.5);
  CHECK(px[0] < 10);                         // left edge
  CHECK(px[(63) * 4] > 240);                 // right edge
  CHECK(std::abs(int(px[2]) - 128) <= 2);    // iTime = 0.5
}

TEST_CASE("a Bonzomatic shader renders with v2Resolution") {
  Rig r;
  auto res = r.vis->set_shader(
      "out vec4 out_color;\nvoid main() { vec2 uv = gl_FragCoord.xy / v2Resolution; out_color = vec4(0.0, uv.y, fGlobalTime, 1.0); }\n",
      "bz");
  REQUIRE(res.ok);
  CHECK(res.flavour == Flavour::Bonzomatic);
  auto px = r.frame(1.0);
  CHECK(px[1] > 240);                        // top row (read back top first)
  CHECK(px[2] == 255);
}

TEST_CASE("a uniform value shows on the frame after it is set") {
  Rig r;
  REQUIRE(r.vis->set_shader("uniform float amount;\nout vec4 c;\nvoid main() { c = vec4(amount, 0, 0, 1); }\n", "u").ok);
  r.vis->set_uniform("amount", 0.0f);
  CHECK(r.frame()[0] == 0);
  r.vis->set_uniform("amount", 1.0f);
  CHECK(r.frame()[0] == 255);
}

TEST_CASE("audio texture: row 1 holds the waveform, row 0 the FFT in dB") {
  Rig r;
  REQUIRE(r.vis->set_shader(
      "void mainImage(out vec4 o, in vec2 p) { o = vec4(texture(iChannel0, vec2(0.5, 0.75)).r, texture(iChannel0, vec2(0.5, 0.25)).r, 0, 1); }\n",
      "a").ok);
  AudioFeatures a;
  a.waveform.fill(1.0f);
  a.fft.fill(1.0f);
  for (int i = 0; i < 40; ++i) r.vis->set_audio(a);  // let the 0.8 smoothing settle
  auto px = r.frame();
  CHECK(px[0] == 255);   // waveform +1 maps to 1
  CHECK(px[1] == 255);   // 0 dB clamps to 1
}
