// A window of the stage (stage_window.hpp).
#include "ui/stage_window.hpp"

#include <GL/glew.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <vector>

namespace mr::ui {

namespace {

// Latin, Latin-1, punctuation, arrows and geometric shapes (the error marker's triangle).
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x2190, 0x21FF, 0x2500, 0x25FF, 0};

}  // namespace

bool StageWindow::create(const char* title, int x, int y, int width, int height, uint32_t flags, std::string& error) {
  window = SDL_CreateWindow(title, x, y, width, height, flags);
  if (!window) {
    error = std::string("cannot open the window '") + title + "': " + SDL_GetError();
    return false;
  }
  update_size();
  return true;
}

void StageWindow::init_imgui(SDL_GLContext gl, const Theme& theme, float dpi_scale) {
  imgui = ImGui::CreateContext();
  ImGui::SetCurrentContext(imgui);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini: the stage lays itself out
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  ImGui::StyleColorsDark();
  ImGuiStyle& st = ImGui::GetStyle();
  st.WindowRounding = 6.0f;
  st.FrameRounding = 4.0f;
  st.WindowBorderSize = 0.0f;
  st.Colors[ImGuiCol_WindowBg] = ImVec4(theme.status_back.r, theme.status_back.g, theme.status_back.b, 0.88f);
  st.ScaleAllSizes(dpi_scale);
  ImGui_ImplSDL2_InitForOpenGL(window, gl);
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

void StageWindow::build_fonts(const std::string& font_path, float code_px, float dpi_scale) {
  ImGui::SetCurrentContext(imgui);
  int dw = 0, dh = 0;
  SDL_GetWindowSize(window, &w, &h);
  SDL_GL_GetDrawableSize(window, &dw, &dh);
  fb_scale = w > 0 ? std::max(1.0f, static_cast<float>(dw) / static_cast<float>(w)) : 1.0f;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float ui_px = std::round(15.0f * dpi_scale);
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  code_font = ui_font = pane_font = nullptr;
  std::error_code ec;
  if (!font_path.empty() && std::filesystem::exists(font_path, ec)) {
    ui_font = io.Fonts->AddFontFromFileTTF(font_path.c_str(), ui_px * fb_scale, &cfg, kGlyphRanges);
    code_font = io.Fonts->AddFontFromFileTTF(font_path.c_str(), std::round(code_px * fb_scale), &cfg, kGlyphRanges);
    const float pane_px = std::round(std::max(ui_px * 1.2f, code_px * 0.8f));
    pane_font = io.Fonts->AddFontFromFileTTF(font_path.c_str(), pane_px * fb_scale, &cfg, kGlyphRanges);
  }
  if (!ui_font || !code_font || !pane_font) {  // ImGui's own font, scaled: legible, if not pretty
    ImFontConfig d;
    d.SizePixels = std::round(13.0f * fb_scale * dpi_scale);
    ui_font = code_font = pane_font = io.Fonts->AddFontDefault(&d);
  }
  ui_font->Scale = 1.0f / fb_scale;
  code_font->Scale = 1.0f / fb_scale;
  pane_font->Scale = 1.0f / fb_scale;
  io.FontDefault = ui_font;
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void StageWindow::update_size() {
  SDL_GetWindowSize(window, &w, &h);
  SDL_GL_GetDrawableSize(window, &fb_w, &fb_h);
  fb_w = std::max(1, fb_w);
  fb_h = std::max(1, fb_h);
}

void StageWindow::begin_frame() {
  ImGui::SetCurrentContext(imgui);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
}

void StageWindow::end_frame() {
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void StageWindow::blit(unsigned fbo, int fw, int fh) const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
  glViewport(0, 0, fb_w, fb_h);
  glBlitFramebuffer(0, 0, fw, fh, 0, 0, fb_w, fb_h, GL_COLOR_BUFFER_BIT, GL_LINEAR);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

bool StageWindow::screenshot(const std::string& path) const {
  std::vector<uint8_t> px(static_cast<size_t>(fb_w) * static_cast<size_t>(fb_h) * 4);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, fb_w, fb_h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  // GL's rows go bottom up; PNG's top down. The window is opaque.
  std::vector<uint8_t> out(px.size());
  const size_t row = static_cast<size_t>(fb_w) * 4;
  for (int y = 0; y < fb_h; ++y)
    std::copy_n(px.data() + static_cast<size_t>(fb_h - 1 - y) * row, row, out.data() + static_cast<size_t>(y) * row);
  for (size_t i = 3; i < out.size(); i += 4) out[i] = 255;
  if (!stbi_write_png(path.c_str(), fb_w, fb_h, 4, out.data(), static_cast<int>(row))) {
    std::fprintf(stderr, "moonrave: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

void StageWindow::close_imgui() {
  if (!imgui) return;
  ImGui::SetCurrentContext(imgui);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext(imgui);
  imgui = nullptr;
}

void StageWindow::destroy() {
  close_imgui();
  if (window) SDL_DestroyWindow(window);
  *this = StageWindow{};
}

}  // namespace mr::ui
