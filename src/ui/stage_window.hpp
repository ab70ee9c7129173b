// A window of the stage (the performer's, and the audience's when open): its SDL window, its
// own ImGui context and fonts, its sizes in window units and in drawable pixels. All windows
// share one GL context (the stage's); a window draws the visuals' target as its background
// (blit) and its ImGui frame over it. The fields are read by the stage; the methods set them.
#pragma once

#include <SDL2/SDL.h>

#include <cstdint>
#include <string>

#include "ui/theme.hpp"

struct ImGuiContext;
struct ImFont;

namespace mr::ui {

class StageWindow {
 public:
  // Creates the SDL window (SDL video initialised, GL attributes set); false with `error`.
  bool create(const char* title, int x, int y, int width, int height, uint32_t flags, std::string& error);
  // Its ImGui context, styled by `theme`, drawing through `gl` (made current on this window).
  void init_imgui(SDL_GLContext gl, const Theme& theme, float dpi_scale);
  // (Re)builds the fonts: the code at `code_px` window units (from `font_path`, a TTF, or
  // ImGui's own font when empty or unreadable), the interface and the help pane beside it.
  void build_fonts(const std::string& font_path, float code_px, float dpi_scale);
  // Reads the window's sizes (each frame: it may have been resized).
  void update_size();
  // One ImGui frame: begin (this window's context current), then end (drawn into its back buffer).
  void begin_frame();
  void end_frame();
  // Draws `fbo` (fw x fh pixels) stretched over the whole window.
  void blit(unsigned fbo, int fw, int fh) const;
  // The back buffer's pixels as a PNG (before the swap); false when it cannot be written.
  bool screenshot(const std::string& path) const;
  // Shuts the ImGui context down (GL current on this window), then also the SDL window.
  void close_imgui();
  void destroy();
  uint32_t id() const { return window ? SDL_GetWindowID(window) : 0; }
  bool is_open() const { return window != nullptr; }

  SDL_Window* window = nullptr;
  ImGuiContext* imgui = nullptr;
  ImFont* code_font = nullptr;
  ImFont* ui_font = nullptr;
  ImFont* pane_font = nullptr;  // the help pane's text: follows the code's size, a little smaller
  float fb_scale = 1.0f;        // drawable pixels per window unit (high-DPI displays)
  int w = 0, h = 0;             // window units
  int fb_w = 0, fb_h = 0;       // drawable pixels
  bool fullscreen = false;
};

}  // namespace mr::ui
