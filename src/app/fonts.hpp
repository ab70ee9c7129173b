// Finds a monospaced TTF for the editor among the fonts installed on this machine.
#pragma once

#include <string>
#include <vector>

namespace mr::app {

struct FontChoice {
  std::string path;    // empty: none found (the editor falls back to ImGui's built-in font)
  std::string family;  // e.g. "JetBrains Mono"
};

// `wanted`: a .ttf path, a family name, or "" for the best of the preferred families.
FontChoice find_editor_font(const std::string& wanted);
// The preferred families, best first.
const std::vector<std::string>& preferred_font_families();

}  // namespace mr::app
