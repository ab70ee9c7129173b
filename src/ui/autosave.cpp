#include "ui/autosave.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>

namespace mr::ui {

namespace fs = std::filesystem;

namespace {
constexpr const char* kMarker = "running";

bool valid_name(std::string_view name) {
  return !name.empty() && name != kMarker && name.find('/') == std::string_view::npos &&
   name != "." && name != ".." && name.front() != '.';
}
}  // namespace

Autosave::Autosave(fs::path dir) : dir_(std::move(dir)) {}

bool Autosave::begin() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  const bool crashed = fs::exists(dir_ / kMarker, ec);
  std::ofstream marker(dir_ / kMarker, std::ios::trunc);
  return crashed;
}

void Autosave::end() {
  std::error_code ec;
  fs::remove(dir_ / kMarker, ec);
}

bool Autosave::save(std::string_view name, std::string_view text) {
  if (!valid_name(name)) return false;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  const fs::path final_path = dir_ / std::string(name);
  fs::path tmp = final_path;
  tmp += ".tmp";
  {
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  if (!out) return false;
  }
  fs::rename(tmp, final_path, ec);
  return !ec;
}

bool Autosave::load(std::string_view name, std::string& out) const {
  if (!valid_name(name)) return false;
  std::ifstream in(dir_ / std::string(name), std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

std::vector<std::string> Autosave::saved() const {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
  if (!it->is_regular_file(ec)) continue;
  std::string name = it->path().filename().string();
  if (!valid_name(name)) continue;
  if (name.size() > 4 && name.ends_with(".tmp")) continue;
  names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace mr::ui
