// A stage window under a virtual display (Xvfb): created at its size, its own ImGui context and
// fonts, a frame drawn over a blitted target, the back buffer as a PNG, and closed cleanly.
#include <catch2/catch.hpp>

#include <GL/glew.h>
#include <imgui.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_IMPLEMENTATION
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
#pragma GCC diagnostic pop

#include <filesystem>

#include "ui/stage_window.hpp"

using namespace mr::ui;

TEST_CASE("stage window: a frame over the visuals' target, read back as a PNG") {
  REQUIRE(SDL_Init(SDL_INIT_VIDEO) == 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  StageWindow w;
  std::string err;
  REQUIRE(w.create("stage window test", 0, 0, 320, 200, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN, err));
  CHECK(w.is_open());
  CHECK(w.id() != 0);
  CHECK(w.w == 320);
  CHECK(w.h == 200);
  SDL_GLContext gl = SDL_GL_CreateContext(w.window);
  REQUIRE(gl);
  SDL_GL_MakeCurrent(w.window, gl);
  glewExperimental = GL_TRUE;
  REQUIRE(glewInit() == GLEW_OK);
  w.init_imgui(gl, theme_by_name("night"), 1.0f);
  w.build_fonts("", 22.0f, 1.0f);  // no TTF: ImGui's own font for all three
  REQUIRE(w.code_font);
  CHECK(w.code_font == w.ui_font);
  CHECK(w.pane_font == w.ui_font);

  // A blue target stands for the visuals; a red box is the overlay.
  GLuint fbo = 0, tex = 0;
  glGenFramebuffers(1, &fbo);
  glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 16, 16, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0);
  glClearColor(0, 0, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);

  w.update_size();
  w.blit(fbo, 16, 16);
  w.begin_frame();
  ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(100, 50), IM_COL32(255, 0, 0, 255));
  w.end_frame();
  const std::string png = (std::filesystem::temp_directory_path() / "mr_stage_window_test.png").string();
  REQUIRE(w.screenshot(png));
  int iw = 0, ih = 0, n = 0;
  unsigned char* px = stbi_load(png.c_str(), &iw, &ih, &n, 4);
  REQUIRE(px);
  CHECK(iw == w.fb_w);
  CHECK(ih == w.fb_h);
  auto at = [&](int x, int y) { return px + (static_cast<size_t>(y) * iw + x) * 4; };
  CHECK(at(10, 10)[0] > 240);  // the overlay, top left (PNG rows top down)
  CHECK(at(10, 10)[2] < 15);
  CHECK(at(300, 180)[2] > 240);  // the target, stretched under it
  CHECK(at(300, 180)[0] < 15);
  stbi_image_free(px);
  std::filesystem::remove(png);

  glDeleteFramebuffers(1, &fbo);
  glDeleteTextures(1, &tex);
  w.close_imgui();
  CHECK_FALSE(w.imgui);
  CHECK(w.is_open());
  SDL_GL_DeleteContext(gl);
  w.destroy();
  CHECK_FALSE(w.is_open());
  SDL_Quit();
}
