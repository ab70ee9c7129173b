// The stage's visuals host on Mesa's llvmpipe (EGL, no display): a shader into its own target,
// background compiles tagged with their buffer and timed, the last good shader kept, the level
// meter from the analysis, and the patterns' uniforms reaching the shader.
#include <catch2/catch.hpp>

#include <GL/glew.h>

#include <chrono>
#include <memory>
#include <thread>

#include "gfx/headless.hpp"
#include "ui/visuals_host.hpp"

using namespace mr::ui;

namespace {

struct Rig {
  std::unique_ptr<mr::gfx::HeadlessContext> ctx;
  std::unique_ptr<VisualsHost> host;
  Rig() {
    std::string err;
    ctx = mr::gfx::HeadlessContext::create(32, 16, err);
    INFO(err);
    REQUIRE(ctx);
    host = std::make_unique<VisualsHost>(VisualsHostOptions{});
  }
  // The target's first pixel after a frame at w x h.
  std::array<uint8_t, 4> pixel(int w = 32, int h = 16) {
    host->render(mr::gfx::FrameInfo{}, w, h);
    std::array<uint8_t, 4> px{};
    glBindFramebuffer(GL_READ_FRAMEBUFFER, host->target());
    glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    return px;
  }
  bool wait_poll(int& tag, mr::gfx::CompileResult& r) {
    for (int i = 0; i < 500; ++i) {
      if (host->poll(1.0 + i * 0.01, tag, r)) return true;
      host->render(mr::gfx::FrameInfo{}, 32, 16);  // the background compile advances with frames
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
  }
};

const char* kRed = "out vec4 c;\nvoid main() { c = vec4(1.0, 0.0, 0.0, 1.0); }\n";
const char* kBlue = "out vec4 c;\nvoid main() { c = vec4(0.0, 0.0, 1.0, 1.0); }\n";

}  // namespace

TEST_CASE("visuals host: a shader renders into its own target, sized as asked") {
  Rig r;
  REQUIRE(r.host->compile_now(kRed, "red.glsl").ok);
  CHECK(r.host->shown() == "red.glsl");
  const auto px = r.pixel(40, 20);
  CHECK(px[0] == 255);
  CHECK(px[2] == 0);
  CHECK(r.host->target() != 0);
  CHECK(r.host->target_w() == 40);
  CHECK(r.host->target_h() == 20);
}

TEST_CASE("visuals host: a background compile comes back with its tag; a bad one keeps the last good shader") {
  Rig r;
  REQUIRE(r.host->compile_now(kRed, "red.glsl").ok);
  r.host->submit(kBlue, "blue.glsl", 3, 1.0);
  int tag = -1;
  mr::gfx::CompileResult res;
  REQUIRE(r.wait_poll(tag, res));
  CHECK(res.ok);
  CHECK(tag == 3);
  CHECK(r.host->shown() == "blue.glsl");
  CHECK(r.host->compile_ms() >= 0.0);
  CHECK(r.pixel()[2] == 255);

  r.host->submit("out vec4 c;\nvoid main() { c = nope; }\n", "bad.glsl", 5, 2.0);
  REQUIRE(r.wait_poll(tag, res));
  CHECK_FALSE(res.ok);
  CHECK(tag == 5);
  REQUIRE_FALSE(res.errors.empty());
  CHECK(res.errors[0].line == 2);
  CHECK(r.host->shown() == "blue.glsl");  // still running
  CHECK(r.pixel()[2] == 255);
}

TEST_CASE("visuals host: the level meter follows the analysis, its peak falling back slowly") {
  Rig r;
  mr::AudioAnalysis a;
  a.master_rms = 0.25f;
  a.master_peak = 0.8f;
  r.host->set_audio(a);
  CHECK(r.host->level_rms() == Approx(0.25f));
  CHECK(r.host->level_peak() == Approx(0.8f));
  a.master_rms = 0.0f;
  a.master_peak = 0.0f;
  r.host->set_audio(a);
  CHECK(r.host->level_rms() == 0.0f);
  CHECK(r.host->level_peak() == Approx(0.72f));  // 0.9 of the last
}

TEST_CASE("visuals host: the patterns' uniforms and the analysis reach the shader") {
  Rig r;
  REQUIRE(r.host->compile_now("uniform float kick;\nout vec4 c;\nvoid main() { c = vec4(kick, uLevel * 4.0, 0.0, 1.0); }\n", "k.glsl").ok);
  CHECK(r.pixel()[0] == 0);
  r.host->set_uniforms({mr::runtime::UniformValue{"kick", 1.0f, 0.0f, 1.0f}});
  mr::AudioAnalysis a;
  a.master_rms = 0.25f;
  r.host->set_audio(a);
  const auto px = r.pixel();
  CHECK(px[0] == 255);
  CHECK(px[1] > 200);
}
