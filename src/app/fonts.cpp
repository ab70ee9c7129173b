// Font discovery: looks for the preferred monospaced families under the usual font folders.
#include "app/fonts.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

namespace mr::app {

namespace fs = std::filesystem;

namespace {

std::string squash(std::string s) {  // "JetBrains Mono" and "JetBrainsMono" match
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<fs::path> font_dirs() {
  std::vector<fs::path> dirs = {"/usr/share/fonts", "/usr/local/share/fonts"};
  if (const char* home = std::getenv("HOME")) {
    dirs.push_back(fs::path(home) / ".local/share/fonts");
    dirs.push_back(fs::path(home) / ".fonts");
  }
  return dirs;
}

// Regular-weight file of a family: the file name holds the family and "Regular" (or no style).
std::string find_family(const std::string& family) {
  const std::string want = squash(family);
  std::string best;
  int best_score = -1;
  for (const auto& dir : font_dirs()) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      std::string ext = p.extension().string();
      if (ext != ".ttf" && ext != ".otf") continue;
      std::string stem = squash(p.stem().string());
      if (stem.rfind(want, 0) != 0) continue;
      std::string style = stem.substr(want.size());
      int score = style == "regular" ? 3 : style.empty() ? 2 : style == "book" ? 1 : -1;
      if (ext == ".ttf") score += 1;  // stb_truetype is happiest with TrueType outlines
      if (score > best_score) {
        best_score = score;
        best = p.string();
      }
    }
  }
  return best_score >= 1 ? best : std::string();
}

}  // namespace

const std::vector<std::string>& preferred_font_families() {
  static const std::vector<std::string> families = {"JetBrains Mono", "Fira Code", "Fira Mono",
                                                    "DejaVu Sans Mono", "Liberation Mono"};
  return families;
}

FontChoice find_editor_font(const std::string& wanted) {
  if (!wanted.empty()) {
    std::error_code ec;
    if (fs::is_regular_file(wanted, ec)) return {wanted, fs::path(wanted).stem().string()};
    if (std::string p = find_family(wanted); !p.empty()) return {p, wanted};
  }
  for (const auto& family : preferred_font_families())
    if (std::string p = find_family(family); !p.empty()) return {p, family};
  return {};
}

}  // namespace mr::app
