#include <catch2/catch.hpp>

#include <cmath>
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

TEST_CASE("audio texture: row 1 holds the waveform, row 0 the smoothed spectrum as given") {
  Rig r;
  REQUIRE(r.vis->set_shader(
      "void mainImage(out vec4 o, in vec2 p) { o = vec4(texture(iChannel0, vec2(0.5, 0.75)).r, texture(iChannel0, vec2(0.5, 0.25)).r, texture(iChannel0, vec2(0.5, 0.25)).g, 1); }\n",
      "a").ok);
  mr::AudioAnalysis a;
  a.waveform.fill(1.0f);
  a.fft_smoothed.fill(0.5f);
  r.vis->set_audio(a);
  auto px = r.frame();
  CHECK(px[0] == 255);                      // waveform +1 maps to 1
  CHECK(std::abs(int(px[1]) - 128) <= 1);   // the spectrum as the engine smoothed it
  CHECK(std::abs(int(px[2]) - 128) <= 1);   // grey, as WebAudio's LUMINANCE texture
}

TEST_CASE("Bonzomatic FFT textures: raw, smoothed in time, integrated; bands for uBass") {
  Rig r;
  REQUIRE(r.vis->set_shader(
      "out vec4 out_color;\nvoid main() { out_color = vec4(texture(texFFT, 0.01).r, texture(texFFTSmoothed, 0.01).r,"
      " gl_FragCoord.x < 32.0 ? texture(texFFTIntegrated, 0.01).r / 100.0 : uBass, 1.0); }\n", "fft").ok);
  mr::AudioAnalysis a;
  a.fft.fill(1.0f);
  a.fft_smoothed.fill(1.0f);
  r.vis->set_audio(a);
  FrameInfo f;
  f.delta = 1.0 / 60;
  r.vis->render(f, 64, 32);
  std::vector<uint8_t> px;
  REQUIRE(r.vis->read_pixels(px, 64, 32));
  const int raw = px[0], smooth1 = px[1];
  CHECK(raw > 30);            // -30 dB ceiling: ~0.15 of full scale
  CHECK(smooth1 < raw);       // one 60 fps frame of smoothing: 10% of the way
  CHECK(smooth1 == Approx(raw * 0.1).margin(2));
  CHECK(px[40 * 4 + 2] == 255);  // uBass from the smoothed spectrum
  for (int i = 0; i < 120; ++i) r.vis->render(f, 64, 32);
  REQUIRE(r.vis->read_pixels(px, 64, 32));
  CHECK(std::abs(px[1] - raw) <= 1);  // settled
  CHECK(px[2] > 20);                  // integral grows
}

namespace {
std::array<int, 3> rgb(const std::vector<uint8_t>& px, int x, int y, int w = 64) {
  const size_t i = (static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x)) * 4;
  return {px[i], px[i + 1], px[i + 2]};
}
}  // namespace

TEST_CASE("a Bonzomatic shader as its tool writes it: #version 410, its own uniform declarations") {
  Rig r;
  const char* src =
      "#version 410 core\n"
      "uniform float fGlobalTime; // in seconds\n"
      "uniform vec2 v2Resolution; // viewport resolution (in pixels)\n"
      "uniform float fFrameTime;\n"
      "uniform sampler1D texFFT;\n"
      "uniform sampler1D texFFTSmoothed;\n"
      "uniform sampler1D texFFTIntegrated;\n"
      "uniform sampler2D texPreviousFrame;\n"
      "uniform sampler2D texChecker;\n"
      "uniform sampler2D texNoise;\n"
      "layout(location = 0) out vec4 out_color;\n"
      "void main(void) {\n"
      "  vec2 uv = gl_FragCoord.xy / v2Resolution;\n"
      "  float c = texture(texChecker, gl_FragCoord.xy / 256.0).r;\n"
      "  out_color = vec4(c, texture(texFFT, 0.1).r + texture(texNoise, uv).a * 0.0, uv.x, 1.0);\n"
      "}\n";
  auto res = r.vis->set_shader(src, "bonzo");
  INFO((res.errors.empty() ? "" : res.errors[0].message));
  REQUIRE(res.ok);
  CHECK(res.flavour == Flavour::Bonzomatic);
  auto px = r.frame(0.0);
  // Checker squares are 32 px: pixel (0, bottom) and (40, bottom) differ.
  CHECK(rgb(px, 0, 31)[0] != rgb(px, 40, 31)[0]);
  CHECK(rgb(px, 63, 0)[2] > 240);
}

TEST_CASE("a compile error in a multipass file reports the file's line, whatever the pass") {
  Rig r;
  REQUIRE(r.vis->set_shader("out vec4 c;\nvoid main() { c = vec4(0.0, 0.0, 1.0, 1.0); }\n", "blue").ok);
  const char* src =
      "// moonrave: shadertoy\n"
      "//! common\n"
      "float k() { return 1.0; }\n"
      "//! buffer A\n"
      "void mainImage(out vec4 o, in vec2 p) { o = vec4(k()); }\n"
      "//! image iChannel0=A\n"
      "void mainImage(out vec4 o, in vec2 p) {\n"
      "  o = texture(iChannel0, p) + nope;\n"
      "}\n";
  auto res = r.vis->set_shader(src, "bad");
  CHECK_FALSE(res.ok);
  REQUIRE(res.errors.size() >= 1);
  CHECK(res.errors[0].line == 8);
  CHECK(rgb(r.frame(), 10, 10)[2] == 255);  // still the last good shader
}

TEST_CASE("buffer A with feedback accumulates across frames and the image reads it") {
  Rig r;
  const char* src =
      "//! buffer A iChannel0=A\n"
      "void mainImage(out vec4 o, in vec2 p) {\n"
      "  vec4 prev = texture(iChannel0, p / iResolution.xy);\n"
      "  o = vec4(prev.r + 0.125, 0.0, 0.0, 1.0);\n"  // float target: no clamping at 1
      "}\n"
      "//! image iChannel0=A\n"
      "void mainImage(out vec4 o, in vec2 p) {\n"
      "  o = vec4(texture(iChannel0, p / iResolution.xy).r / 8.0, 0.0, 0.0, 1.0);\n"
      "}\n";
  auto res = r.vis->set_shader(src, "feedback");
  INFO((res.errors.empty() ? "" : res.errors[0].message));
  REQUIRE(res.ok);
  CHECK(res.passes == 2);
  std::vector<uint8_t> px;
  for (int i = 0; i < 4; ++i) px = r.frame(i / 60.0);
  // After 4 frames buffer A holds 0.5; the image shows 0.5 / 8 = 0.0625 -> 16.
  CHECK(std::abs(rgb(px, 20, 20)[0] - 16) <= 1);
  for (int i = 0; i < 4; ++i) px = r.frame(i / 60.0);
  CHECK(std::abs(rgb(px, 20, 20)[0] - 32) <= 1);
}

TEST_CASE("texPreviousFrame feeds the image back into itself") {
  Rig r;
  REQUIRE(r.vis->set_shader(
      "out vec4 out_color;\nvoid main() { vec3 p = texture(texPreviousFrame, gl_FragCoord.xy / v2Resolution).rgb;\n"
      "  out_color = vec4(p + vec3(0.25, 0.0, 0.0), 1.0); }\n", "bz").ok);
  r.frame();
  r.frame();
  CHECK(std::abs(rgb(r.frame(), 5, 5)[0] - 191) <= 2);
}

TEST_CASE("pattern uniforms: value, time since event and envelope on the frame they are set") {
  Rig r;
  REQUIRE(r.vis->set_shader(
      "uniform float kick; uniform float kick_t; uniform float kick_env; uniform vec3 snare;\nout vec4 c;\n"
      "void main() { c = gl_FragCoord.x < 32.0 ? vec4(kick, kick_t, kick_env, 1) : vec4(snare, 1); }\n", "pu").ok);
  r.vis->set_pattern_uniform({"kick", 1.0f, 0.5f, 0.25f});
  r.vis->set_pattern_uniforms({{"snare", 0.5f, 1.0f, 0.0f}});
  auto px = r.frame();
  CHECK(rgb(px, 0, 0)[0] == 255);
  CHECK(std::abs(rgb(px, 0, 0)[1] - 128) <= 1);
  CHECK(std::abs(rgb(px, 0, 0)[2] - 64) <= 1);
  CHECK(std::abs(rgb(px, 40, 0)[0] - 128) <= 1);
  CHECK(rgb(px, 40, 0)[1] == 255);
  r.vis->set_pattern_uniform({"kick", 0.0f, 0.0f, 1.0f});
  px = r.frame();
  CHECK(rgb(px, 0, 0)[0] == 0);
  CHECK(rgb(px, 0, 0)[2] == 255);
}

TEST_CASE("engine uniforms: beat and bar phase from the cycle, orbit levels") {
  Rig r;
  REQUIRE(r.vis->set_shader("out vec4 c;\nvoid main() { c = vec4(uBeat, uBar, uOrbit[2], 1); }\n", "eng").ok);
  mr::AudioAnalysis a;
  a.orbit_rms[2] = 0.5f;
  r.vis->set_audio(a);
  FrameInfo f;
  f.cycle = 3.375;  // beat 1.5 of 4: beat phase 0.5, bar phase 0.375
  r.vis->render(f, 64, 32);
  std::vector<uint8_t> px;
  REQUIRE(r.vis->read_pixels(px, 64, 32));
  CHECK(std::abs(rgb(px, 0, 0)[0] - 128) <= 1);
  CHECK(std::abs(rgb(px, 0, 0)[1] - 96) <= 1);
  CHECK(std::abs(rgb(px, 0, 0)[2] - 128) <= 1);
}

TEST_CASE("half resolution: visuals are upscaled, each rendered pixel covers two") {
  Rig r;
  REQUIRE(r.vis->set_shader(
      "out vec4 c;\nvoid main() { c = vec4(mod(floor(gl_FragCoord.x), 2.0), 0, 0, 1); }\n", "stripes").ok);
  auto full = r.frame();
  CHECK(rgb(full, 10, 5)[0] != rgb(full, 11, 5)[0]);  // 1 px stripes at full scale
  r.vis->set_scale(0.5f);
  CHECK(r.vis->scale() == 0.5f);
  auto half = r.frame();
  // Rendered at 32x16: stripes are now 2 px wide in the 64x32 output (linear filter blurs edges).
  int changes_full = 0, changes_half = 0;
  for (int x = 1; x < 64; ++x) {
    changes_full += std::abs(rgb(full, x, 5)[0] - rgb(full, x - 1, 5)[0]) > 64;
    changes_half += std::abs(rgb(half, x, 5)[0] - rgb(half, x - 1, 5)[0]) > 64;
  }
  CHECK(changes_full == 63);
  CHECK(changes_half < 40);
}

TEST_CASE("watchdog: a frame over budget lowers the scale and says so; then reverts") {
  Rig r;
  REQUIRE(r.vis->set_shader("out vec4 c;\nvoid main() { c = vec4(0, 1, 0, 1); }\n", "good").ok);
  auto res = r.vis->set_shader("out vec4 c;\nvoid main() { c = vec4(1, 0, 0, 1); }\n", "slow");
  REQUIRE(res.ok);
  CHECK(res.warmup_ms >= 0.0);
  r.vis->set_gpu_budget_ms(1e-6);  // every frame is over this budget
  std::string first;
  std::vector<std::string> messages;
  for (int i = 0; i < 80 && r.vis->stats().shader == "slow"; ++i) {
    r.frame();
    auto m = r.vis->take_watchdog_message();
    if (!m.empty()) messages.push_back(m);
  }
  REQUIRE_FALSE(messages.empty());
  CHECK(messages.front().find("resolution lowered") != std::string::npos);
  CHECK(messages.back().find("last good shader") != std::string::npos);
  CHECK(r.vis->stats().shader == "good");
  CHECK(rgb(r.frame(), 3, 3)[1] == 255);
}

TEST_CASE("post effects chain and unknown names are refused") {
  Rig r;
  REQUIRE(r.vis->set_shader(
      "void mainImage(out vec4 o, in vec2 p) { o = vec4(p.x / iResolution.x, p.y / iResolution.y, 0.5, 1.0); }\n",
      "grad").ok);
  auto plain = r.frame();
  CHECK(r.vis->set_post("pixelate", 1.0f));
  CHECK(r.vis->set_post("kaleido", 0.5f));
  CHECK_FALSE(r.vis->set_post("sparkles", 1.0f));
  auto fx = r.frame();
  CHECK(plain != fx);
}

TEST_CASE("submit_shader: the running shader keeps drawing until the new one is ready") {
  Rig r;
  REQUIRE(r.vis->set_shader("out vec4 c;\nvoid main() { c = vec4(0, 1, 0, 1); }\n", "green").ok);
  r.vis->submit_shader("out vec4 c;\nvoid main() { c = vec4(1, 0, 0, 1); }\n", "red");
  CHECK(r.vis->shader_pending());
  CompileResult res;
  bool done = false;
  for (int i = 0; i < 1000 && !done; ++i) {
    const auto px = r.frame();
    done = r.vis->poll_shader(res);
    if (!done) CHECK(rgb(px, 1, 1)[1] == 255);  // never a blank or half-made frame
  }
  REQUIRE(done);
  CHECK(res.ok);
  CHECK_FALSE(r.vis->shader_pending());
  CHECK(rgb(r.frame(), 1, 1)[0] == 255);
  CHECK_FALSE(r.vis->poll_shader(res));  // once only

  r.vis->submit_shader("out vec4 c;\nvoid main() {\n c = vec4(nope);\n}\n", "bad");
  done = false;
  for (int i = 0; i < 1000 && !done; ++i) {
    r.frame();
    done = r.vis->poll_shader(res);
  }
  REQUIRE(done);
  CHECK_FALSE(res.ok);
  REQUIRE_FALSE(res.errors.empty());
  CHECK(res.errors[0].line == 3);
  CHECK(rgb(r.frame(), 1, 1)[0] == 255);
}

TEST_CASE("Shadertoy's own new-shader template gives its known colours") {
  Rig r;
  // Shadertoy's default shader, as the site creates it.
  const char* src =
      "void mainImage( out vec4 fragColor, in vec2 fragCoord )\n"
      "{\n"
      "    // Normalized pixel coordinates (from 0 to 1)\n"
      "    vec2 uv = fragCoord/iResolution.xy;\n"
      "\n"
      "    // Time varying pixel color\n"
      "    vec3 col = 0.5 + 0.5*cos(iTime+uv.xyx+vec3(0,2,4));\n"
      "\n"
      "    // Output to screen\n"
      "    fragColor = vec4(col,1.0);\n"
      "}\n";
  REQUIRE(r.vis->set_shader(src, "template").ok);
  const auto px = r.frame(0.0);
  // Bottom-left pixel centre, uv = (0.5/64, 0.5/32): col = 0.5 + 0.5 cos(uv.xyx + (0, 2, 4)).
  const auto c = rgb(px, 0, 31);
  CHECK(std::abs(c[0] - 255) <= 1);
  CHECK(std::abs(c[1] - int(255 * (0.5 + 0.5 * std::cos(2.0 + 0.5 / 32)) + 0.5)) <= 2);
  CHECK(std::abs(c[2] - int(255 * (0.5 + 0.5 * std::cos(4.0 + 0.5 / 64)) + 0.5)) <= 2);
}

TEST_CASE("old Shadertoy code with texture2D still compiles") {
  Rig r;
  auto res = r.vis->set_shader(
      "void mainImage(out vec4 o, in vec2 p) { o = vec4(texture2D(iChannel1, p / iResolution.xy).rgb + 0.5, 1.0); }\n", "old");
  INFO((res.errors.empty() ? "" : res.errors[0].message));
  CHECK(res.ok);
}

TEST_CASE("feedback post effect leaves a fading trail; fade to black reaches black") {
  Rig r;
  REQUIRE(r.vis->set_shader(
      "out vec4 c;\nvoid main() { c = vec4(vec3(abs(gl_FragCoord.x - 0.5 - float(iFrame * 8)) < 0.5 ? 1.0 : 0.0), 1); }\n",
      "dot").ok);
  r.vis->set_post("feedback", 1.0f);
  std::vector<uint8_t> px;
  for (int i = 0; i < 4; ++i) {
    FrameInfo f;
    f.frame = i;
    r.vis->render(f, 64, 32);
  }
  REQUIRE(r.vis->read_pixels(px, 64, 32));
  CHECK(rgb(px, 24, 10)[0] == 255);  // this frame's column
  CHECK(rgb(px, 16, 10)[0] > 150);   // the last frames' columns, fading
  CHECK(rgb(px, 8, 10)[0] > 100);
  CHECK(rgb(px, 8, 10)[0] < rgb(px, 16, 10)[0]);
  CHECK(rgb(px, 4, 10)[0] == 0);     // never drawn
  r.vis->set_post("feedback", 0.0f);
  r.vis->fade_to_black(0.1);
  for (int i = 0; i < 10; ++i) {
    FrameInfo f;
    f.delta = 1.0 / 60;
    r.vis->render(f, 64, 32);
  }
  REQUIRE(r.vis->read_pixels(px, 64, 32));
  CHECK(rgb(px, 0, 10)[0] == 0);
  r.vis->fade_to_black(0);
  CHECK(r.frame()[0] == 255);
}

TEST_CASE("a shader too slow for even a 16x16 test frame is refused before it runs") {
  Rig r;
  REQUIRE(r.vis->set_shader("out vec4 c;\nvoid main() { c = vec4(0, 0, 1, 1); }\n", "blue").ok);
  r.vis->set_gpu_budget_ms(1e-6);  // nothing is fast enough for this
  auto res = r.vis->set_shader("out vec4 c;\nvoid main() { c = vec4(1, 0, 0, 1); }\n", "slow");
  CHECK_FALSE(res.ok);
  REQUIRE_FALSE(res.errors.empty());
  CHECK(res.errors[0].message.find("too slow") != std::string::npos);
  CHECK(r.vis->stats().shader == "blue");
  r.vis->set_gpu_budget_ms(50.0);
  CHECK(rgb(r.frame(), 1, 1)[2] == 255);
}

TEST_CASE("texFFTSmoothed and texFFTIntegrated look the same at 30 and 144 fps") {
  auto run = [](double fps) {
    Rig r;
    REQUIRE(r.vis->set_shader(
        "out vec4 out_color;\nvoid main() { out_color = vec4(texture(texFFTSmoothed, 0.01).r / 0.15,"
        " texture(texFFTIntegrated, 0.01).r / 10.0, 0.0, 1.0); }\n", "bz").ok);
    mr::AudioAnalysis a;
    a.fft.fill(1.0f);  // a loud, steady spectrum from t = 0
    r.vis->set_audio(a);
    const int frames = static_cast<int>(0.5 * fps);  // 0.5 s: whole frames at both rates
    for (int i = 0; i < frames; ++i) {
      FrameInfo f;
      f.delta = 1.0 / fps;
      f.time = i / fps;
      r.vis->render(f, 64, 32);
    }
    std::vector<uint8_t> px;
    REQUIRE(r.vis->read_pixels(px, 64, 32));
    return rgb(px, 5, 5);
  };
  const auto slow = run(30.0), fast = run(144.0);
  CHECK(slow[0] > 100);  // moving toward the value, not there yet (0.9 per 1/60 s for 0.5 s: 94%)
  CHECK(std::abs(slow[0] - fast[0]) <= 2);
  CHECK(slow[1] > 50);
  CHECK(std::abs(slow[1] - fast[1]) <= 2);
}
